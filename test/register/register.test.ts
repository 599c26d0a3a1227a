import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/index.js';
import { historyOf } from '../../src/register/history.js';
import { openRegister, recordReport, registerPath, withDecisions } from '../../src/register/index.js';
import { SCHEMA_VERSION, registerError } from '../../src/register/sqlite.js';
import { fingerprint, triage } from '../../src/register/triage.js';
import { InputError } from '../../src/types.js';
import { DRAFT_NO_TRAINING, DRAFT_TRAINS, DRAFT_TRAINS_REWORDED, checkAndRecord, open, tempDir, writeDoc } from './helpers.js';

const sha = (report: Awaited<ReturnType<typeof checkFiles>>) => report.documents[0]!.sha256;
const req = (report: Awaited<ReturnType<typeof checkFiles>>, id: string) => report.documents[0]!.requirements.find((r) => r.id === id)!;

describe('register file', () => {
  it('is .clausecheck/register.db under the current folder, unless --db or CLAUSECHECK_DB say otherwise', () => {
    expect(registerPath(undefined, {}, '/w')).toBe('/w/.clausecheck/register.db');
    expect(registerPath(undefined, { CLAUSECHECK_DB: 'r.db' }, '/w')).toBe('/w/r.db');
    expect(registerPath('/x/y.db', { CLAUSECHECK_DB: 'r.db' }, '/w')).toBe('/x/y.db');
  });

  it('is created with the current schema version, WAL and foreign keys', () => {
    const dir = tempDir();
    open(dir).close();
    const db = new Database(join(dir, 'register.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_key_list(results)')).not.toEqual([]);
    db.close();
  });

  it('refuses a file that is not SQLite, naming it, and leaves it as it was', () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'register.db', 'these are some notes, not a database\n'.repeat(40));
    expect(() => openRegister(file)).toThrow(/not a SQLite register/);
    expect(readFileSync(file, 'utf8')).toBe('these are some notes, not a database\n'.repeat(40));
  });

  it('refuses a register of a newer schema version without touching it', () => {
    const dir = tempDir();
    open(dir).close();
    const file = join(dir, 'register.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    const err = (() => {
      try {
        openRegister(file);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe(file);
    expect((err as Error).message).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 1} is newer`));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("refuses another program's SQLite database", () => {
    const dir = tempDir();
    const file = join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    expect(() => openRegister(file)).toThrow(/not a clausecheck register/);
  });

  it('gives up on a register locked longer than the busy timeout, with one line, and writes nothing', async () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'a.txt', DRAFT_TRAINS);
    const store = open(dir, { busyTimeoutMs: 150 });
    const report = await checkFiles([file]);
    const holder = new Database(join(dir, 'register.db'));
    holder.exec('BEGIN EXCLUSIVE');
    expect(() => recordReport(store, report)).toThrow(/register is locked by another process \(gave up after 0.15 s\)/);
    holder.exec('ROLLBACK');
    holder.close();
    expect(store.runsForPath(file)).toEqual([]);
    store.close();
  });

  it('maps SQLite error codes to one line naming the file', () => {
    const e = (code: string) => Object.assign(new Error('x'), { code });
    expect((registerError('r.db', e('SQLITE_READONLY')) as Error).message).toMatch(/read-only/);
    expect((registerError('r.db', e('SQLITE_BUSY')) as Error).message).toMatch(/locked/);
    expect((registerError('r.db', e('SQLITE_NOTADB')) as InputError).file).toBe('r.db');
    const other = new Error('not sqlite');
    expect(registerError('r.db', other)).toBe(other);
  });

  it('a missing register is an error for commands that only read', () => {
    const dir = tempDir();
    expect(() => open(dir, { create: false })).toThrow(/no register here yet/);
  });
});

describe('recording and history', () => {
  it('records every result with its evidence, again on a re-check, and shows what changed', async () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const store = open(dir);
    const first = await checkAndRecord(store, [file]);
    await checkAndRecord(store, [file]);
    const runs = store.runsForPath(file);
    expect(runs).toHaveLength(2);
    expect(runs[0]!.sha256).toBe(sha(first));
    expect(runs[0]!.playbook).toBe('ai-buyer');
    expect(runs[0]!.rulesHash).toMatch(/^[0-9a-f]{64}$/);
    const results = store.results(runs[0]!.id);
    expect(results).toHaveLength(28);
    const training = results.find((r) => r.requirement === 'DR-NO-TRAINING')!;
    expect(training.status).toBe('conflict');
    expect(training.evidence[0]!.quote).toBe(req(first, 'DR-NO-TRAINING').evidence[0]!.quote);

    writeFileSync(file, DRAFT_NO_TRAINING);
    await checkAndRecord(store, [file]);
    const h = historyOf(store, file);
    expect(h.runs).toHaveLength(3);
    expect(h.runs[1]!.changes).toEqual([]);
    expect(h.runs[2]!.changes).toContainEqual({ id: 'DR-NO-TRAINING', from: 'conflict', to: 'met' });
    store.close();
  });

  it('lists a vendor across its drafts, and says when a file or vendor was never recorded', async () => {
    const dir = tempDir();
    const a = writeDoc(dir, 'draft1.txt', DRAFT_TRAINS);
    const b = writeDoc(dir, 'draft2.txt', DRAFT_NO_TRAINING);
    const store = open(dir);
    await checkAndRecord(store, [a], 'Example Vendor');
    await checkAndRecord(store, [b], 'Example Vendor');
    const h = historyOf(store, 'Example Vendor');
    expect(h.kind).toBe('vendor');
    expect(h.runs.map((r) => r.path)).toEqual([a, b]);
    expect(h.runs[1]!.changes).toContainEqual({ id: 'DR-NO-TRAINING', from: 'conflict', to: 'met' });
    expect(() => historyOf(store, 'Nobody Inc')).toThrow(/no vendor of that name/);
    const c = writeDoc(dir, 'never.txt', DRAFT_TRAINS);
    expect(() => historyOf(store, c)).toThrow(/never recorded/);
    store.close();
  });

  it('keeps one document row per path, content and vendor', async () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const store = open(dir);
    await checkAndRecord(store, [file]);
    await checkAndRecord(store, [file]);
    store.close();
    const db = new Database(join(dir, 'register.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 2 });
    db.close();
  });
});

describe('triage', () => {
  const decide = (store: ReturnType<typeof open>, file: string, text: string, over: Partial<Parameters<typeof triage>[1]> = {}) =>
    triage(store, {
      action: 'override',
      file,
      sha256: sha256Of(text),
      id: 'DR-NO-TRAINING',
      status: 'met',
      reason: 'A signed side letter forbids training',
      by: 'A. Reviewer',
      at: '2026-12-02T10:00:00.000Z',
      ...over,
    });

  it('an override applies to the report it was made on, and shows who, when and why', async () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const store = open(dir);
    const report = await checkAndRecord(store, [file]);
    decide(store, file, DRAFT_TRAINS);
    const r = req(withDecisions(store, report), 'DR-NO-TRAINING');
    expect(r.status).toBe('met');
    expect(r.severity).toBe('none');
    expect(r.decision).toEqual({ action: 'override', status: 'met', found: 'conflict', by: 'A. Reviewer', at: '2026-12-02T10:00:00.000Z', reason: 'A signed side letter forbids training', stale: false });
    store.close();
  });

  it('an accepted gap keeps its status but no longer counts as a gap', async () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const store = open(dir);
    const report = await checkAndRecord(store, [file]);
    decide(store, file, DRAFT_TRAINS, { action: 'accept', status: undefined, id: 'DR-RETENTION-PERIOD' });
    const r = req(withDecisions(store, report), 'DR-RETENTION-PERIOD');
    expect(r.status).toBe('partial');
    expect(r.severity).toBe('none');
    expect(r.decision?.action).toBe('accept');
    store.close();
  });

  it('carries to a new draft whose cited clause is unchanged, and is stale when that clause changed', async () => {
    const dir = tempDir();
    const v1 = writeDoc(dir, 'v1.txt', DRAFT_TRAINS);
    const v2 = writeDoc(dir, 'v2.txt', DRAFT_TRAINS_REWORDED);
    const v3 = writeDoc(dir, 'v3.txt', DRAFT_TRAINS.replace('train and improve', 'train, tune and improve'));
    const store = open(dir);
    await checkAndRecord(store, [v1], 'Example Vendor');
    decide(store, v1, DRAFT_TRAINS);
    const second = await checkAndRecord(store, [v2], 'Example Vendor');
    expect(sha(second)).not.toBe(sha256Of(DRAFT_TRAINS));
    const carried = req(withDecisions(store, second), 'DR-NO-TRAINING');
    expect(carried.status).toBe('met');
    expect(carried.decision?.stale).toBe(false);

    const third = await checkAndRecord(store, [v3], 'Example Vendor');
    expect(req(third, 'DR-NO-TRAINING').status).toBe('conflict');
    const stale = req(withDecisions(store, third), 'DR-NO-TRAINING');
    expect(stale.status).toBe('conflict');
    expect(stale.severity).toBe(req(third, 'DR-NO-TRAINING').severity);
    expect(stale.decision?.stale).toBe(true);
    store.close();
  });

  it("a decision made before the file had a vendor still covers it once it has one", async () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const store = open(dir);
    await checkAndRecord(store, [file]);
    decide(store, file, DRAFT_TRAINS);
    const withVendor = await checkAndRecord(store, [file], 'Example Vendor');
    expect(req(withDecisions(store, withVendor), 'DR-NO-TRAINING').status).toBe('met');
    decide(store, file, DRAFT_TRAINS, { action: 'reopen', status: undefined, reason: 'look again' });
    expect(req(withDecisions(store, withVendor), 'DR-NO-TRAINING').status).toBe('conflict');
    store.close();
  });

  it('reopen withdraws the decision', async () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const store = open(dir);
    const report = await checkAndRecord(store, [file]);
    expect(() => decide(store, file, DRAFT_TRAINS, { action: 'reopen', status: undefined })).toThrow(/no decision to reopen/);
    decide(store, file, DRAFT_TRAINS);
    decide(store, file, DRAFT_TRAINS, { action: 'reopen', status: undefined, reason: 'the side letter was withdrawn' });
    const r = req(withDecisions(store, report), 'DR-NO-TRAINING');
    expect(r.status).toBe('conflict');
    expect(r.decision).toBeUndefined();
    store.close();
  });

  it('names an unknown requirement ID, a file never checked, and a file changed since its record', async () => {
    const dir = tempDir();
    const file = writeDoc(dir, 'msa.txt', DRAFT_TRAINS);
    const store = open(dir);
    expect(() => decide(store, file, DRAFT_TRAINS)).toThrow(/never checked with --record/);
    await checkAndRecord(store, [file]);
    expect(() => decide(store, file, DRAFT_TRAINS, { id: 'DR-NO-SUCH-THING' })).toThrow(/DR-NO-SUCH-THING|no requirement with this ID/);
    expect(() => decide(store, file, DRAFT_NO_TRAINING)).toThrow(/changed since it was last recorded/);
    expect(() => decide(store, file, DRAFT_TRAINS, { status: undefined })).toThrow(/override needs --status/);
    expect(() => decide(store, file, DRAFT_TRAINS, { reason: '  ' })).toThrow(/needs a reason/);
    store.close();
  });

  it('fingerprints ignore position and spacing but not the words or the status', () => {
    const ev = (quote: string, start: number) => ({ quote, page: 1, section: '1', start, end: start + quote.length, rule: 'r', proves: 'conflict' as const });
    const base = fingerprint({ id: 'DR-NO-TRAINING', status: 'conflict', evidence: [ev('Provider may use  Data.', 10)] });
    expect(fingerprint({ id: 'DR-NO-TRAINING', status: 'conflict', evidence: [ev('Provider may use Data.', 900)] })).toBe(base);
    expect(fingerprint({ id: 'DR-NO-TRAINING', status: 'conflict', evidence: [ev('Provider may not use Data.', 10)] })).not.toBe(base);
    expect(fingerprint({ id: 'DR-NO-TRAINING', status: 'partial', evidence: [ev('Provider may use Data.', 10)] })).not.toBe(base);
  });
});

function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
