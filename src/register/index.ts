// The register: where it lives, how a check report is recorded, and how decisions come back into a
// report. Callers use the RegisterStore interface; openRegister picks the implementation.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_RULES_DIR } from '../check/index.js';
import { rulesHash } from '../engine/artifact.js';
import type { DocumentReport, Report } from '../types.js';
import { VERSION } from '../version.js';
import { type OpenOptions, openSqliteRegister } from './sqlite.js';
import { applyDecisions, fingerprint, scopeOf } from './triage.js';
import type { RegisterStore, RunInput, StoredDecision } from './types.js';

export type { RegisterStore } from './types.js';
export { applyDecisions, fingerprint, scopeOf } from './triage.js';
export { DEFAULT_REGISTER, registerPath } from './path.js';

/** Busy timeout from $CLAUSECHECK_DB_TIMEOUT (milliseconds), if set to a number. */
export function busyTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = Number(env.CLAUSECHECK_DB_TIMEOUT);
  return env.CLAUSECHECK_DB_TIMEOUT !== undefined && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function openRegister(file: string, opts: OpenOptions = {}): RegisterStore {
  const busyTimeoutMs = opts.busyTimeoutMs ?? busyTimeoutFromEnv();
  return openSqliteRegister(file, { ...opts, ...(busyTimeoutMs !== undefined ? { busyTimeoutMs } : {}) });
}

export function registerExists(file: string): boolean {
  return existsSync(file);
}

export interface RecordOptions {
  vendor?: string;
  rulesDir?: string;
  /** ISO time of the run (default: now). */
  at?: string;
}

/** One document's run as the register stores it: the results as the rules and playbook found them. */
export function runOf(doc: DocumentReport, playbook: string, hash: string, opts: RecordOptions, at: string): RunInput {
  return {
    path: resolve(doc.path),
    sha256: doc.sha256,
    format: doc.format,
    ...(opts.vendor ? { vendor: opts.vendor } : {}),
    at,
    toolVersion: VERSION,
    rulesHash: hash,
    playbook,
    results: doc.requirements.map((r) => ({ requirement: r.id, status: r.status, severity: r.severity, fingerprint: fingerprint(r), evidence: r.evidence })),
  };
}

/** Record every document of a check report (one transaction); returns the run ids. */
export function recordReport(store: RegisterStore, report: Report, opts: RecordOptions = {}): number[] {
  const hash = rulesHash(opts.rulesDir ?? DEFAULT_RULES_DIR);
  const at = opts.at ?? new Date().toISOString();
  return store.recordRuns(report.documents.map((d) => runOf(d, report.playbook, hash, { ...opts, vendor: vendorOf(store, d, opts.vendor) }, at)));
}

/** The vendor of a document: as given, else as last recorded for this file (a file keeps its vendor). */
export function vendorOf(store: RegisterStore, doc: Pick<DocumentReport, 'path'>, vendor?: string): string | undefined {
  if (vendor) return vendor;
  return store.runsForPath(resolve(doc.path)).findLast((r) => r.vendor !== null)?.vendor ?? undefined;
}

/**
 * The decisions that cover a document: its vendor's, and those made on the file itself before it had
 * a vendor; per requirement the latest of them.
 */
export function decisionsFor(store: RegisterStore, doc: Pick<DocumentReport, 'path'>, vendor?: string): Map<string, StoredDecision> {
  const own = store.latestDecisions(scopeOf(doc.path));
  const v = vendorOf(store, doc, vendor);
  if (!v) return own;
  const out = new Map(own);
  for (const [id, d] of store.latestDecisions(scopeOf(doc.path, v))) if ((out.get(id)?.id ?? -1) < d.id) out.set(id, d);
  return out;
}

/** The report with each document's decisions applied. */
export function withDecisions(store: RegisterStore, report: Report, vendor?: string): Report {
  return { ...report, documents: report.documents.map((d) => applyDecisions(d, decisionsFor(store, d, vendor))) };
}
