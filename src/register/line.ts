// The one-line form of a triage decision, shared by the reports and the review page (no imports, so
// a formatter can use it without loading the register).
import type { TriageDecision } from '../types.js';

/** "accepted by A. Reviewer on 2026-12-02: reason" (and the stale form). */
export function decisionLine(d: TriageDecision): string {
  const what = d.action === 'accept' ? 'accepted' : `overridden to ${d.status}`;
  const line = `${what} by ${d.by} on ${d.at.slice(0, 10)}: ${d.reason}`;
  return d.stale ? `stale — review again (the cited text changed; was ${line})` : line;
}
