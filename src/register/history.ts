// History of a file or a vendor: its recorded runs (statuses over time, what changed from one run to
// the next), its assessments (score and tier) and the reviewer decisions that cover it.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { REQUIREMENTS } from '../catalog.js';
import type { Status } from '../types.js';
import { InputError } from '../types.js';
import { scopeOf } from './triage.js';
import type { RegisterStore, RunSummary, StoredAssessment, StoredDecision } from './types.js';

export interface HistoryRun extends Omit<RunSummary, 'statuses'> {
  /** Requirements whose status differs from the previous run of the same document path (or vendor). */
  changes: Array<{ id: string; from: Status; to: Status }>;
}

export interface History {
  kind: 'file' | 'vendor';
  target: string;
  register: string;
  runs: HistoryRun[];
  assessments: StoredAssessment[];
  decisions: StoredDecision[];
}

function withChanges(runs: RunSummary[]): HistoryRun[] {
  const last = new Map<string, RunSummary>();
  let latest: RunSummary | undefined;
  return runs.map((run) => {
    // The previous run of the same file; a first run of a new draft compares with the vendor's latest.
    const prev = last.get(run.path) ?? latest;
    last.set(run.path, run);
    latest = run;
    const changes = prev
      ? REQUIREMENTS.filter((r) => prev.statuses[r.id] && run.statuses[r.id] && prev.statuses[r.id] !== run.statuses[r.id]).map((r) => ({
          id: r.id,
          from: prev.statuses[r.id]!,
          to: run.statuses[r.id]!,
        }))
      : [];
    const { statuses: _statuses, ...rest } = run;
    return { ...rest, changes };
  });
}

/** The history of TARGET: an existing file (by path) or else a vendor name. */
export function historyOf(store: RegisterStore, target: string): History {
  const isFile = existsSync(target) && statSync(target).isFile();
  if (isFile) {
    const path = resolve(target);
    const runs = store.runsForPath(path);
    if (runs.length === 0) throw new InputError(target, `never recorded in the register ${store.location} (run clausecheck check --record ${target})`);
    const vendors = [...new Set(runs.map((r) => r.vendor).filter((v): v is string => v !== null))];
    const decisions = [store.decisions(scopeOf(path)), ...vendors.map((v) => store.decisions(scopeOf(path, v)))].flat().sort((a, b) => a.id - b.id);
    return { kind: 'file', target, register: store.location, runs: withChanges(runs), assessments: vendors.flatMap((v) => store.assessmentsForVendor(v)), decisions };
  }
  const runs = store.runsForVendor(target);
  const assessments = store.assessmentsForVendor(target);
  if (runs.length === 0 && assessments.length === 0) {
    throw new InputError(target, `no such file, and no vendor of that name in the register ${store.location}`);
  }
  return { kind: 'vendor', target, register: store.location, runs: withChanges(runs), assessments, decisions: store.decisions(scopeOf('', target)) };
}
