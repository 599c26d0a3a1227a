// A playbook applied to check results, with the playbook's preferred clause as the suggestion of
// each gap that has none. Here and not in src/playbook, which is data below the clause library.
import { requirementById } from '../catalog.js';
import { judgeResults, type Playbook, requirementOf } from '../playbook/index.js';
import type { RequirementResult } from '../types.js';
import { suggestClause } from './index.js';

/**
 * Apply a playbook to per-requirement results: compare extracted durations with the playbook's
 * limits (a `met` over the limit becomes `partial`, with a note), set each severity from the
 * playbook, and fill an empty suggestion of a gap with the playbook's preferred clause.
 * Returns new result objects; the input is not changed.
 */
export function applyPlaybook(results: RequirementResult[], playbook: Playbook): RequirementResult[] {
  return judgeResults(results, playbook).map((r) => {
    if (r.suggestion || r.status === 'met' || requirementOf(playbook, r.id).level === 'ignore' || !requirementById(r.id)) return r;
    return { ...r, suggestion: suggestClause(r.id, { playbook, status: r.status }) };
  });
}
