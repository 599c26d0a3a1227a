// Triage decisions: keyed by requirement and a fingerprint of the evidence they were made on, so a
// decision carries to a new draft whose cited clauses are unchanged and turns stale when they change.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { REQUIREMENTS } from '../catalog.js';
import { defaultSeverity } from '../check/index.js';
import type { DocumentReport, RequirementResult, Status } from '../types.js';
import { InputError } from '../types.js';
import type { RegisterStore, StoredDecision } from './types.js';

/**
 * The fingerprint of a requirement's result: its status and the text of its evidence, whitespace and
 * case folded, order and position ignored (a clause moved to another page or section still matches).
 */
export function fingerprint(r: Pick<RequirementResult, 'id' | 'status' | 'evidence'>): string {
  const quotes = [...new Set(r.evidence.map((e) => e.quote.replace(/\s+/g, ' ').trim().toLowerCase()))].sort();
  return createHash('sha256').update(JSON.stringify([r.id, r.status, quotes])).digest('hex').slice(0, 32);
}

/** Whose findings a decision covers: the vendor's documents when a vendor is named, else the one path. */
export function scopeOf(path: string, vendor?: string | null): string {
  return vendor ? `vendor:${vendor}` : `path:${resolve(path)}`;
}

export function isRequirementId(id: string): boolean {
  return REQUIREMENTS.some((r) => r.id === id);
}

/** One requirement with the latest decision of its scope applied (or marked stale). */
export function applyDecision(r: RequirementResult, d: StoredDecision | undefined): RequirementResult {
  if (!d || d.action === 'reopen') return r;
  const stale = d.fingerprint !== fingerprint(r);
  const decision = { action: d.action, ...(d.status ? { status: d.status } : {}), found: r.status, by: d.by, at: d.at, reason: d.reason, stale };
  if (stale) return { ...r, decision };
  if (d.action === 'accept') return { ...r, severity: 'none', decision };
  const status: Status = d.status ?? r.status;
  const severity = status === 'met' ? 'none' : r.severity !== 'none' ? r.severity : defaultSeverity(r.id, status);
  return { ...r, status, severity, decision };
}

/** A document report with the decisions of its scope applied. */
export function applyDecisions(doc: DocumentReport, decisions: Map<string, StoredDecision>): DocumentReport {
  if (decisions.size === 0) return doc;
  return { ...doc, requirements: doc.requirements.map((r) => applyDecision(r, decisions.get(r.id))) };
}

export interface TriageRequest {
  action: 'accept' | 'override' | 'reopen';
  /** The document, as a path. */
  file: string;
  /** The document's current sha256 (the decision is made on what the file says now). */
  sha256: string;
  id: string;
  status?: Status;
  reason: string;
  by: string;
  at?: string;
}

const STATUSES: readonly Status[] = ['met', 'partial', 'missing', 'conflict'];

/**
 * Store a triage decision for the latest recorded run of this file (with this content). Returns the
 * decision as stored. Errors name the requirement or the file.
 */
export function triage(store: RegisterStore, req: TriageRequest): StoredDecision {
  if (!isRequirementId(req.id)) throw new InputError(req.id, 'no requirement with this ID in the catalog (see clausecheck rules list)');
  if (req.action === 'override') {
    if (!req.status) throw new InputError(req.id, 'override needs --status met|partial|missing|conflict');
    if (!STATUSES.includes(req.status)) throw new InputError(req.id, `--status ${req.status}: expected met, partial, missing or conflict`);
  } else if (req.status) throw new InputError(req.id, `--status goes with override, not ${req.action}`);
  if (req.reason.trim() === '') throw new InputError(req.id, 'a decision needs a reason (--reason)');
  if (req.by.trim() === '') throw new InputError(req.id, 'a decision needs the name of who makes it (--by)');
  const path = resolve(req.file);
  const run = store.latestRun(path, req.sha256);
  if (!run) {
    const any = store.latestRun(path);
    throw new InputError(
      req.file,
      any
        ? `changed since it was last recorded in ${store.location} (run clausecheck check --record again first)`
        : `never checked with --record into ${store.location} (run clausecheck check --record ${req.file} first)`,
    );
  }
  const result = store.results(run.id).find((r) => r.requirement === req.id);
  if (!result) throw new InputError(req.id, `not among the recorded results of ${req.file}`);
  const scope = scopeOf(path, run.vendor);
  // The decision in force: the latest of the file's own and its vendor's (see decisionsFor).
  const prior = [scopeOf(path), scope].map((s) => store.latestDecisions(s).get(req.id)).reduce((a, b) => ((b?.id ?? -1) > (a?.id ?? -1) ? b : a), undefined);
  if (req.action === 'reopen' && (prior?.action ?? 'reopen') === 'reopen') {
    throw new InputError(req.id, `has no decision to reopen for ${req.file}`);
  }
  const d = {
    scope,
    requirement: req.id,
    action: req.action,
    ...(req.status ? { status: req.status } : {}),
    fingerprint: fingerprint({ id: result.requirement, status: result.status, evidence: result.evidence }),
    statusBefore: result.status,
    reason: req.reason.trim(),
    by: req.by.trim(),
    at: req.at ?? new Date().toISOString(),
    runId: run.id,
  };
  return { id: store.addDecision(d), ...d };
}
