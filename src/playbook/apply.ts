// Applying a playbook to check results: compare extracted durations with the playbook's limits and
// set each severity. Suggested clauses for the gaps come from src/clauses (applyPlaybook there).
import { requirementById } from '../catalog.js';
import type { RequirementResult, Severity, Status } from '../types.js';
import type { GapSeverity, Playbook, PlaybookParams, PlaybookRequirement } from './types.js';

const LEVELS: GapSeverity[] = ['low', 'medium', 'high', 'critical'];

/** Severity of a result under a playbook requirement (see playbooks/*.yaml header). */
export function severityFor(status: Status, req: PlaybookRequirement): Severity {
  if (req.level === 'ignore' || status === 'met') return 'none';
  const i = LEVELS.indexOf(req.severity);
  if (status === 'partial') return LEVELS[Math.max(0, i - 1)]!;
  if (status === 'conflict') return req.level === 'required' ? 'critical' : LEVELS[Math.min(LEVELS.length - 1, i + 1)]!;
  return req.severity;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

type DurationValue = NonNullable<RequirementResult['evidence'][number]['value']>;

/** "90 days", or "5 days (120 hours)" when hours are compared. */
function shown(v: DurationValue, inHours: boolean): string {
  const own = plural(v.amount, v.unit);
  if (!inHours) return v.unit === 'day' ? own : `${own} (${plural(Math.round(v.days), 'day')})`;
  return v.unit === 'hour' ? own : `${own} (${plural(Math.round(v.days * 24), 'hour')})`;
}

interface Limit {
  id: string;
  limit: (p: PlaybookParams) => number;
  inHours: boolean;
  what: string;
}

/** Requirements whose extracted duration is compared with a playbook limit. */
export const LIMITS: readonly Limit[] = [
  { id: 'DR-RETENTION-PERIOD', limit: (p) => p['max-retention-days'], inHours: false, what: 'retention' },
  { id: 'DR-DELETION', limit: (p) => p['deletion-days'], inHours: false, what: 'deletion' },
  { id: 'DR-BREACH-NOTICE', limit: (p) => p['breach-notice-hours'], inHours: true, what: 'breach-notice' },
];

/** Notes for met evidence whose duration is over the playbook limit (empty when within). */
export function limitNotes(result: RequirementResult, playbook: Playbook): string[] {
  const rule = LIMITS.find((l) => l.id === result.id);
  if (!rule) return [];
  const limit = rule.limit(playbook.params);
  const notes: string[] = [];
  const seen = new Set<string>();
  const measured = result.evidence.filter((ev) => ev.proves === 'met' && ev.value?.kind === 'duration');
  // A deadline is met by its strictest commitment: "within 24 hours" beside a cited 72-hour legal
  // maximum meets a 48-hour limit. Retention and deletion periods are different: every period
  // (prompts 14 days, logs 180 days) must be within the limit.
  if (rule.inHours && measured.some((ev) => ev.value!.days * 24 <= limit + 1e-9)) return [];
  for (const ev of measured) {
    if (ev.value?.kind !== 'duration') continue;
    const value = rule.inHours ? ev.value.days * 24 : ev.value.days;
    if (value <= limit + 1e-9) continue;
    const text = shown(ev.value, rule.inHours);
    if (seen.has(text)) continue;
    seen.add(text);
    const cap =
      limit === 0 && !rule.inHours
        ? `the zero-${rule.what} limit`
        : `the ${limit}-${rule.inHours ? 'hour' : 'day'} ${rule.what} limit`;
    notes.push(`${text} exceeds ${cap} of playbook ${playbook.name}${ev.section ? ` (§${ev.section})` : ''}`);
  }
  return notes;
}

/** The playbook's entry for a requirement (required at the catalog severity when it has none). */
export function requirementOf(playbook: Playbook, id: string): PlaybookRequirement {
  return playbook.requirements[id] ?? { level: 'required', severity: requirementById(id)?.severity ?? 'medium' };
}

/**
 * Judge per-requirement results under a playbook: compare extracted durations with the playbook's
 * limits (a `met` over the limit becomes `partial`, with a note) and set each severity from the
 * playbook. Returns new result objects; the input is not changed.
 */
export function judgeResults(results: RequirementResult[], playbook: Playbook): RequirementResult[] {
  return results.map((r) => {
    const req = requirementOf(playbook, r.id);
    let status = r.status;
    const notes = [...r.notes];
    if (status === 'met') {
      const over = limitNotes(r, playbook);
      if (over.length) {
        status = 'partial';
        notes.push(...over);
      }
    }
    return { ...r, status, severity: severityFor(status, req), notes };
  });
}
