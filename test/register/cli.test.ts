// The register through the CLI: bad register files give one line naming the file and exit 2; check,
// triage and history work together; assess/portfolio record and portfolio --since compares.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/register/sqlite.js';
import { cli } from '../cli/helpers.js';
import { DRAFT_TRAINS, tempDir, writeDoc } from './helpers.js';

const oneLine = (r: { stderr: string }) => r.stderr.trim().split('\n');

describe('check --record, triage and history on the command line', { timeout: 240_000 }, () => {
  it('records, takes a decision, honours it in the exit code, and lists the history', () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const db = join(dir, 'r.db');
    const first = cli(['check', file, '--record', '--db', db, '--vendor', 'Example Vendor', '--fail-on', 'critical']);
    expect(first.code).toBe(1);
    const unknown = cli(['triage', 'accept', file, '--id', 'DR-NOPE', '--reason', 'r', '--by', 'B', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown)).toEqual(['clausecheck: DR-NOPE: no requirement with this ID in the catalog (see clausecheck rules list)']);
    const t = cli(['triage', 'override', file, '--id', 'DR-NO-TRAINING', '--status', 'met', '--reason', 'side letter', '--by', 'A. Reviewer', '--db', db]);
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    const acc = cli(['triage', 'accept', file, '--id', 'EC-CHANGE-IN-LAW', '--reason', 'covered by the master agreement', '--by', 'A. Reviewer', '--db', db]);
    expect(acc.code).toBe(0);
    // The critical gaps were the training conflict and the missing change-in-law clause: decided, the run passes.
    const second = cli(['check', file, '--db', db, '--fail-on', 'critical', '--format', 'json']);
    expect(second.code).toBe(0);
    const r = JSON.parse(second.stdout).documents[0].requirements.find((x: { id: string }) => x.id === 'DR-NO-TRAINING');
    expect(r.status).toBe('met');
    expect(r.decision).toMatchObject({ action: 'override', status: 'met', found: 'conflict', by: 'A. Reviewer', reason: 'side letter', stale: false });
    const h = cli(['history', 'Example Vendor', '--db', db]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Runs (1):');
    expect(h.stdout).toContain('DR-NO-TRAINING  overridden to met by A. Reviewer');
  });

  it('refuses a triage on a file never checked, naming it', () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const db = join(dir, 'r.db');
    expect(cli(['check', writeDoc(dir, 'other.txt', DRAFT_TRAINS + '\n'), '--record', '--db', db, '--fail-on', 'none']).code).toBe(0);
    const r = cli(['triage', 'accept', file, '--id', 'DR-NO-TRAINING', '--reason', 'r', '--by', 'B', '--db', db]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toHaveLength(1);
    expect(r.stderr).toContain(`${file}: never checked with --record`);
  });
});

describe('bad register files', { timeout: 240_000 }, () => {
  it('not SQLite, newer schema, locked: one line naming the file, exit 2, file untouched', () => {
    const dir = tempDir();
    const doc = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);

    const text = writeDoc(dir, 'notes.db', 'meeting notes, not a register\n'.repeat(50));
    const a = cli(['check', doc, '--record', '--db', text]);
    expect(a.code).toBe(2);
    expect(oneLine(a)).toEqual([`clausecheck: ${text}: not a SQLite register (file is not a database)`]);
    expect(readFileSync(text, 'utf8')).toBe('meeting notes, not a register\n'.repeat(50));

    const newer = join(dir, 'newer.db');
    const n = new Database(newer);
    n.pragma('application_id = 1128483666');
    n.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    n.close();
    const b = cli(['history', doc, '--db', newer]);
    expect(b.code).toBe(2);
    expect(oneLine(b)).toEqual([`clausecheck: ${newer}: register schema version ${SCHEMA_VERSION + 5} is newer than this clausecheck understands (${SCHEMA_VERSION}); upgrade clausecheck`]);

    const locked = join(dir, 'locked.db');
    expect(cli(['check', doc, '--record', '--db', locked, '--fail-on', 'none']).code).toBe(0);
    const holder = new Database(locked);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const c = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', doc, '--record', '--db', locked], {
        encoding: 'utf8',
        env: { ...process.env, CLAUSECHECK_DB_TIMEOUT: '300' },
      });
      expect(c.status).toBe(2);
      expect(c.stderr.trim()).toBe(`clausecheck: ${locked}: register is locked by another process (gave up after 0.3 s)`);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const runs = new Database(locked, { readonly: true });
    expect(runs.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 1 });
    runs.close();
  });

  // Root may write anything, so as root the CLI runs as nobody, who must be able to read this
  // checkout; in a clone under a private (0700) folder it cannot, and the case cannot be made there.
  const asRoot = process.getuid?.() === 0;
  const nobodyReadsCheckout =
    !asRoot ||
    spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(resolve('node_modules/tsx/package.json'))})`], { uid: 65534, gid: 65534 }).status === 0;
  it.skipIf(!nobodyReadsCheckout)('a read-only register: one line, exit 2 (skipped as root when nobody cannot read the checkout)', () => {
    const dir = tempDir();
    const doc = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const db = join(dir, 'r.db');
    expect(cli(['check', doc, '--record', '--db', db, '--fail-on', 'none']).code).toBe(0);
    chmodSync(db, 0o444);
    chmodSync(dir, 0o755);
    // As root, run the CLI as nobody (the file and folder belong to root).
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', doc, '--record', '--db', db], {
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr.trim()).toMatch(new RegExp(`^clausecheck: ${db}: register is read-only \\(no permission to write (it|in its folder)\\)$`));
    expect(r.status).toBe(2);
  });
});

describe('assessments', { timeout: 240_000 }, () => {
  it('assess --record stores score and tier; history VENDOR lists them', () => {
    const dir = tempDir();
    const db = join(dir, 'r.db');
    const profile = 'samples/portfolio/lumenfield/vendor.yaml';
    const a = cli(['assess', '--profile', profile, '--record', '--db', db, '--format', 'json', '--fail-on', 'none']);
    expect(a.stderr).toBe('');
    const name = JSON.parse(a.stdout).vendor.name as string;
    const h = cli(['history', name, '--db', db, '--format', 'json']);
    expect(h.code).toBe(0);
    const hist = JSON.parse(h.stdout);
    expect(hist.assessments).toHaveLength(1);
    expect(hist.assessments[0]).toMatchObject({ vendor: name, source: 'assess', tier: JSON.parse(a.stdout).tier });
  });
});

