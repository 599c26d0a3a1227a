// Several processes on one register: concurrent writers wait for each other (busy timeout); a
// writer killed in the middle leaves the register whole (each batch is one transaction).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { cli } from '../cli/helpers.js';
import { DRAFT_NO_TRAINING, DRAFT_TRAINS, tempDir, writeDoc } from './helpers.js';

const WRITER = join(import.meta.dirname, 'writer.ts');

function writer(db: string, name: string, count: number): { child: ChildProcess; done: Promise<number>; lines: () => number } {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, db, name, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<number>((res) => child.on('exit', (code, signal) => res(code ?? (signal ? -1 : -2))));
  void done.then((code) => {
    if (code > 0) process.stderr.write(err);
  });
  return { child, done, lines: () => out.split('\n').filter((l) => l.startsWith('batch')).length };
}

/** Whole runs only: integrity, foreign keys, and every run with all 28 results. */
function checkConsistent(db: string): { runs: number } {
  const d = new Database(db, { readonly: true });
  try {
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.pragma('foreign_key_check')).toEqual([]);
    const partial = d.prepare('SELECT r.id, count(x.requirement) AS n FROM runs r LEFT JOIN results x ON x.run_id = r.id GROUP BY r.id HAVING n != ?').all(REQUIREMENTS.length);
    expect(partial).toEqual([]);
    const orphans = d.prepare('SELECT count(*) AS n FROM documents WHERE id NOT IN (SELECT document_id FROM runs)').get() as { n: number };
    expect(orphans.n).toBe(0);
    return { runs: (d.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n };
  } finally {
    d.close();
  }
}

describe('register shared by processes', { timeout: 240_000 }, () => {
  it('three processes writing at once all get every batch in', async () => {
    const dir = tempDir();
    const db = join(dir, 'register.db');
    const ws = ['a', 'b', 'c'].map((n) => writer(db, n, 8));
    const codes = await Promise.all(ws.map((w) => w.done));
    expect(codes).toEqual([0, 0, 0]);
    expect(checkConsistent(db).runs).toBe(3 * 8 * 20);
  });

  it('a process killed in the middle of writing leaves only whole runs', async () => {
    const dir = tempDir();
    const db = join(dir, 'register.db');
    const w = writer(db, 'k', 0);
    // Wait until a few batches are in, then kill it while it writes the next.
    while (w.lines() < 3) {
      if (w.child.exitCode !== null) throw new Error('writer stopped early');
      await new Promise((r) => setTimeout(r, 20));
    }
    w.child.kill('SIGKILL');
    await w.done;
    const { runs } = checkConsistent(db);
    expect(runs % 20).toBe(0);
    expect(runs).toBeGreaterThanOrEqual(3 * 20);
    // The register still takes writes after the crash.
    expect(await writer(db, 'after', 1).done).toBe(0);
    expect(checkConsistent(db).runs).toBe(runs + 20);
  });

  it('two `check --record` processes at once both record their run', async () => {
    const dir = tempDir();
    const a = writeDoc(dir, 'a.txt', DRAFT_TRAINS);
    const b = writeDoc(dir, 'b.txt', DRAFT_NO_TRAINING);
    const db = join(dir, 'reg.db');
    const run = (file: string) =>
      new Promise<number>((res) => {
        const c = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', file, '--record', '--db', db, '--fail-on', 'none', '--format', 'json'], { stdio: 'ignore' });
        c.on('exit', (code) => res(code ?? -1));
      });
    expect(await Promise.all([run(a), run(b)])).toEqual([0, 0]);
    expect(checkConsistent(db).runs).toBe(2);
    const h = cli(['history', a, '--db', db]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('1 conflict');
  });
});
