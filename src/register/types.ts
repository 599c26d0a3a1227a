// The register's data as callers see it, independent of the database behind it (SQLite today; a
// shared server database could implement RegisterStore later without touching the callers).
import type { Evidence, Severity, Status } from '../types.js';

/** A reviewer's triage action. `reopen` withdraws the decision before it. */
export type TriageAction = 'accept' | 'override' | 'reopen';

export interface RunInput {
  /** Absolute path of the document. */
  path: string;
  sha256: string;
  format: string;
  vendor?: string;
  /** ISO 8601 time of the run. */
  at: string;
  toolVersion: string;
  rulesHash: string;
  playbook: string;
  results: ResultInput[];
}

export interface ResultInput {
  requirement: string;
  status: Status;
  severity: Severity;
  /** Fingerprint of the evidence (see fingerprint.ts). */
  fingerprint: string;
  evidence: Evidence[];
}

export interface RunSummary {
  id: number;
  at: string;
  path: string;
  sha256: string;
  vendor: string | null;
  toolVersion: string;
  rulesHash: string;
  playbook: string;
  counts: Record<Status, number>;
  /** Requirements with a gap (not met) and a severity above none. */
  gaps: number;
  statuses: Record<string, Status>;
}

export interface StoredResult {
  requirement: string;
  status: Status;
  severity: Severity;
  fingerprint: string;
  evidence: Evidence[];
}

export interface DecisionInput {
  /** Whose findings the decision covers: `vendor:NAME` or `path:/abs/path` (see scopeOf). */
  scope: string;
  requirement: string;
  action: TriageAction;
  /** The status an override sets. */
  status?: Status;
  /** Fingerprint of the evidence the decision was made on. */
  fingerprint: string;
  /** Status of the requirement when the decision was made. */
  statusBefore: Status;
  reason: string;
  by: string;
  at: string;
  runId: number;
}

export interface StoredDecision extends DecisionInput {
  id: number;
}

export interface AssessmentInput {
  vendor: string;
  /** `assess` or `portfolio`. */
  source: 'assess' | 'portfolio';
  at: string;
  asOf: string;
  score: number;
  tier: string;
  playbook: string | null;
  profile: string;
  toolVersion: string;
}

export interface StoredAssessment extends AssessmentInput {
  id: number;
}

/** What every register implements. Every method that writes does so in one transaction. */
export interface RegisterStore {
  /** The file (or URL) of the register, for messages. */
  readonly location: string;
  /** Store runs (one per document, with all their results) in one transaction; returns the run ids. */
  recordRuns(runs: RunInput[]): number[];
  /** Runs of documents at this absolute path, oldest first. */
  runsForPath(path: string): RunSummary[];
  /** Runs of documents recorded for this vendor, oldest first. */
  runsForVendor(vendor: string): RunSummary[];
  /** The latest run of this exact document (path and content), if any. */
  latestRun(path: string, sha256?: string): RunSummary | undefined;
  results(runId: number): StoredResult[];
  addDecision(d: DecisionInput): number;
  /** The latest decision per requirement of a scope (a `reopen` included: it means "no decision"). */
  latestDecisions(scope: string): Map<string, StoredDecision>;
  /** Every decision of a scope, oldest first. */
  decisions(scope: string): StoredDecision[];
  recordAssessments(a: AssessmentInput[]): void;
  assessmentsForVendor(vendor: string): StoredAssessment[];
  /** Per vendor, the latest assessment recorded at or before this ISO time. */
  latestAssessmentsAt(at: string): StoredAssessment[];
  close(): void;
}
