// The SQLite register (better-sqlite3): versioned migrations by PRAGMA user_version, WAL, foreign
// keys, a busy timeout so several processes can record at once, and every write in one IMMEDIATE
// transaction (the write lock is taken up front, so a writer never fails half-way on a lock).
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Status } from '../types.js';
import { InputError } from '../types.js';
import type {
  AssessmentInput,
  DecisionInput,
  RegisterStore,
  RunInput,
  RunSummary,
  StoredAssessment,
  StoredDecision,
  StoredResult,
} from './types.js';

/** 'CCKR': marks a SQLite file as a clausecheck register. */
export const APPLICATION_ID = 0x43434b52;

/** Migrations in order; migration i brings the schema from version i to i + 1. Never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE documents (
     id INTEGER PRIMARY KEY,
     path TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     format TEXT NOT NULL,
     vendor TEXT
   );
   CREATE UNIQUE INDEX documents_identity ON documents(path, sha256, coalesce(vendor, ''));
   CREATE INDEX documents_vendor ON documents(vendor);
   CREATE TABLE runs (
     id INTEGER PRIMARY KEY,
     document_id INTEGER NOT NULL REFERENCES documents(id),
     at TEXT NOT NULL,
     tool_version TEXT NOT NULL,
     rules_hash TEXT NOT NULL,
     playbook TEXT NOT NULL
   );
   CREATE INDEX runs_document ON runs(document_id, id);
   CREATE TABLE results (
     run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     requirement TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('met', 'partial', 'missing', 'conflict')),
     severity TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     evidence TEXT NOT NULL,
     PRIMARY KEY (run_id, requirement)
   );
   CREATE TABLE decisions (
     id INTEGER PRIMARY KEY,
     scope TEXT NOT NULL,
     requirement TEXT NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('accept', 'override', 'reopen')),
     status TEXT CHECK (status IS NULL OR status IN ('met', 'partial', 'missing', 'conflict')),
     status_before TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     reason TEXT NOT NULL,
     reviewer TEXT NOT NULL,
     at TEXT NOT NULL,
     run_id INTEGER NOT NULL REFERENCES runs(id)
   );
   CREATE INDEX decisions_scope ON decisions(scope, requirement, id);
   CREATE TABLE assessments (
     id INTEGER PRIMARY KEY,
     vendor TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('assess', 'portfolio')),
     at TEXT NOT NULL,
     as_of TEXT NOT NULL,
     score REAL NOT NULL,
     tier TEXT NOT NULL,
     playbook TEXT,
     profile TEXT NOT NULL,
     tool_version TEXT NOT NULL
   );
   CREATE INDEX assessments_vendor ON assessments(vendor, at);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** How long to wait for another process's lock before giving up (ms). */
  busyTimeoutMs?: number;
  /** Create the file (and its folder) when missing; otherwise a missing register is an error. */
  create?: boolean;
}

/** A SQLite error as one line naming the register and the problem; other errors unchanged. */
export function registerError(file: string, err: unknown, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): unknown {
  if (err instanceof InputError) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return err;
  const msg = (err as Error).message;
  if (code === 'SQLITE_NOTADB') return new InputError(file, 'not a SQLite register (file is not a database)');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new InputError(file, `register is locked by another process (gave up after ${busyTimeoutMs / 1000} s)`);
  }
  if (code.startsWith('SQLITE_READONLY')) return new InputError(file, 'register is read-only (cannot write to it)');
  if (code.startsWith('SQLITE_CORRUPT')) return new InputError(file, `register is damaged (${msg})`);
  if (code.startsWith('SQLITE_CANTOPEN')) return new InputError(file, `cannot open the register (${msg})`);
  if (code === 'SQLITE_FULL') return new InputError(file, 'cannot write the register: the disk is full');
  if (code.startsWith('SQLITE_IOERR')) return new InputError(file, `cannot read or write the register (${msg})`);
  return err;
}

function checkWritable(file: string, create: boolean): void {
  if (existsSync(file)) {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(file, 'register is not a regular file');
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch {
      throw new InputError(file, 'register is read-only (no permission to write it)');
    }
  } else if (!create) {
    throw new InputError(file, 'no register here yet (record a run first: clausecheck check --record FILE)');
  } else {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (err) {
      throw new InputError(file, `cannot create the register's folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  // WAL keeps two files beside the register: the folder must be writable too.
  try {
    accessSync(dirname(file), constants.W_OK);
  } catch {
    throw new InputError(file, "register is read-only (no permission to write in its folder)");
  }
}

function migrate(db: Database.Database, file: string): void {
  const step = db.transaction(() => {
    // Read again inside the write lock: another process may have migrated meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) return version;
    if (version === 0) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0) throw new InputError(file, 'not a clausecheck register (a SQLite database with other tables)');
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return version;
  });
  const version = step.immediate();
  if (version > SCHEMA_VERSION) {
    throw new InputError(file, `register schema version ${version} is newer than this clausecheck understands (${SCHEMA_VERSION}); upgrade clausecheck`);
  }
}

/** Open (and create or migrate) the SQLite register at `file`. */
export function openSqliteRegister(file: string, opts: OpenOptions = {}): RegisterStore {
  const timeout = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  checkWritable(file, opts.create ?? true);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout });
    // Checked before anything is written: a newer or foreign file is left as it was.
    const version = db.pragma('user_version', { simple: true }) as number;
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (version > 0 && appId !== APPLICATION_ID) throw new InputError(file, 'not a clausecheck register (a SQLite database of another program)');
    if (version > SCHEMA_VERSION) {
      throw new InputError(file, `register schema version ${version} is newer than this clausecheck understands (${SCHEMA_VERSION}); upgrade clausecheck`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, file);
    return new SqliteRegister(db, file, timeout);
  } catch (err) {
    db?.close();
    throw registerError(file, err, timeout);
  }
}

interface RunRow {
  id: number;
  at: string;
  path: string;
  sha256: string;
  vendor: string | null;
  tool_version: string;
  rules_hash: string;
  playbook: string;
}

interface DecisionRow {
  id: number;
  scope: string;
  requirement: string;
  action: DecisionInput['action'];
  status: Status | null;
  status_before: Status;
  fingerprint: string;
  reason: string;
  reviewer: string;
  at: string;
  run_id: number;
}

interface AssessmentRow {
  id: number;
  vendor: string;
  source: AssessmentInput['source'];
  at: string;
  as_of: string;
  score: number;
  tier: string;
  playbook: string | null;
  profile: string;
  tool_version: string;
}

const RUN_SELECT = `SELECT r.id, r.at, d.path, d.sha256, d.vendor, r.tool_version, r.rules_hash, r.playbook
  FROM runs r JOIN documents d ON d.id = r.document_id`;

function decisionOf(r: DecisionRow): StoredDecision {
  return {
    id: r.id,
    scope: r.scope,
    requirement: r.requirement,
    action: r.action,
    ...(r.status !== null ? { status: r.status } : {}),
    statusBefore: r.status_before,
    fingerprint: r.fingerprint,
    reason: r.reason,
    by: r.reviewer,
    at: r.at,
    runId: r.run_id,
  };
}

function assessmentOf(r: AssessmentRow): StoredAssessment {
  return {
    id: r.id,
    vendor: r.vendor,
    source: r.source,
    at: r.at,
    asOf: r.as_of,
    score: r.score,
    tier: r.tier,
    playbook: r.playbook,
    profile: r.profile,
    toolVersion: r.tool_version,
  };
}

class SqliteRegister implements RegisterStore {
  constructor(
    private db: Database.Database,
    readonly location: string,
    private timeout: number,
  ) {}

  /** Run `fn` mapping SQLite errors to one-line input errors. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw registerError(this.location, err, this.timeout);
    }
  }

  /** Run `fn` as one IMMEDIATE transaction: all of it is written or none. */
  private write<T>(fn: () => T): T {
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  recordRuns(runs: RunInput[]): number[] {
    return this.write(() => runs.map((run) => this.insertRun(run)));
  }

  private insertRun(run: RunInput): number {
    const vendor = run.vendor ?? null;
    const found = this.db
      .prepare("SELECT id FROM documents WHERE path = ? AND sha256 = ? AND coalesce(vendor, '') = coalesce(?, '')")
      .get(run.path, run.sha256, vendor) as { id: number } | undefined;
    const docId =
      found?.id ??
      Number(this.db.prepare('INSERT INTO documents (path, sha256, format, vendor) VALUES (?, ?, ?, ?)').run(run.path, run.sha256, run.format, vendor).lastInsertRowid);
    const runId = Number(
      this.db
        .prepare('INSERT INTO runs (document_id, at, tool_version, rules_hash, playbook) VALUES (?, ?, ?, ?, ?)')
        .run(docId, run.at, run.toolVersion, run.rulesHash, run.playbook).lastInsertRowid,
    );
    const insert = this.db.prepare('INSERT INTO results (run_id, requirement, status, severity, fingerprint, evidence) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of run.results) insert.run(runId, r.requirement, r.status, r.severity, r.fingerprint, JSON.stringify(r.evidence));
    return runId;
  }

  private summaries(rows: RunRow[]): RunSummary[] {
    const stmt = this.db.prepare('SELECT requirement, status, severity FROM results WHERE run_id = ? ORDER BY rowid');
    return rows.map((row) => {
      const counts: Record<Status, number> = { met: 0, partial: 0, missing: 0, conflict: 0 };
      const statuses: Record<string, Status> = {};
      let gaps = 0;
      for (const r of stmt.all(row.id) as Array<{ requirement: string; status: Status; severity: string }>) {
        counts[r.status]++;
        statuses[r.requirement] = r.status;
        if (r.status !== 'met' && r.severity !== 'none') gaps++;
      }
      return {
        id: row.id,
        at: row.at,
        path: row.path,
        sha256: row.sha256,
        vendor: row.vendor,
        toolVersion: row.tool_version,
        rulesHash: row.rules_hash,
        playbook: row.playbook,
        counts,
        gaps,
        statuses,
      };
    });
  }

  runsForPath(path: string): RunSummary[] {
    return this.guard(() => this.summaries(this.db.prepare(`${RUN_SELECT} WHERE d.path = ? ORDER BY r.id`).all(path) as RunRow[]));
  }

  runsForVendor(vendor: string): RunSummary[] {
    return this.guard(() => this.summaries(this.db.prepare(`${RUN_SELECT} WHERE d.vendor = ? ORDER BY r.id`).all(vendor) as RunRow[]));
  }

  latestRun(path: string, sha256?: string): RunSummary | undefined {
    return this.guard(() => {
      const rows = (
        sha256 === undefined
          ? this.db.prepare(`${RUN_SELECT} WHERE d.path = ? ORDER BY r.id DESC LIMIT 1`).all(path)
          : this.db.prepare(`${RUN_SELECT} WHERE d.path = ? AND d.sha256 = ? ORDER BY r.id DESC LIMIT 1`).all(path, sha256)
      ) as RunRow[];
      return this.summaries(rows)[0];
    });
  }

  results(runId: number): StoredResult[] {
    return this.guard(() =>
      (this.db.prepare('SELECT requirement, status, severity, fingerprint, evidence FROM results WHERE run_id = ?').all(runId) as Array<Omit<StoredResult, 'evidence'> & { evidence: string }>).map(
        (r) => ({ ...r, evidence: JSON.parse(r.evidence) }),
      ),
    );
  }

  addDecision(d: DecisionInput): number {
    return this.write(() =>
      Number(
        this.db
          .prepare('INSERT INTO decisions (scope, requirement, action, status, status_before, fingerprint, reason, reviewer, at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(d.scope, d.requirement, d.action, d.status ?? null, d.statusBefore, d.fingerprint, d.reason, d.by, d.at, d.runId).lastInsertRowid,
      ),
    );
  }

  latestDecisions(scope: string): Map<string, StoredDecision> {
    const out = new Map<string, StoredDecision>();
    for (const d of this.decisions(scope)) out.set(d.requirement, d);
    return out;
  }

  decisions(scope: string): StoredDecision[] {
    return this.guard(() => (this.db.prepare('SELECT * FROM decisions WHERE scope = ? ORDER BY id').all(scope) as DecisionRow[]).map(decisionOf));
  }

  recordAssessments(list: AssessmentInput[]): void {
    this.write(() => {
      const insert = this.db.prepare('INSERT INTO assessments (vendor, source, at, as_of, score, tier, playbook, profile, tool_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const a of list) insert.run(a.vendor, a.source, a.at, a.asOf, a.score, a.tier, a.playbook, a.profile, a.toolVersion);
    });
  }

  assessmentsForVendor(vendor: string): StoredAssessment[] {
    return this.guard(() => (this.db.prepare('SELECT * FROM assessments WHERE vendor = ? ORDER BY at, id').all(vendor) as AssessmentRow[]).map(assessmentOf));
  }

  latestAssessmentsAt(at: string): StoredAssessment[] {
    return this.guard(() =>
      (
        this.db
          .prepare(
            `SELECT a.* FROM assessments a
             WHERE a.at <= ? AND a.id = (SELECT b.id FROM assessments b WHERE b.vendor = a.vendor AND b.at <= ? ORDER BY b.at DESC, b.id DESC LIMIT 1)
             ORDER BY a.vendor`,
          )
          .all(at, at) as AssessmentRow[]
      ).map(assessmentOf),
    );
  }

  close(): void {
    this.db.close();
  }
}
