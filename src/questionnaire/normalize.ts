// Answer normalization: the raw answer as written -> yes / no / na / partial / unanswered, a number
// in the question's unit (with days for times), a choice, or text. Wrong-typed answers keep their text
// and get an error message.
import { findDurations } from '../engine/durations.js';
import type { Choice, NormalizedValue, NumberUnit, Question, RawValue } from './types.js';

export interface Normalized {
  value: NormalizedValue;
  error?: string;
}

/** Text of a raw value: trimmed, non-breaking and zero-width spaces handled, whitespace collapsed. */
export function rawText(raw: RawValue): string {
  if (raw === null) return '';
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : '';
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return raw
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const UNANSWERED = new Set(['', '-', '--', '—', '–', '?', '??', 'tbd', 'tbc', 'tba', 'to be confirmed', 'to be determined', 'pending', 'unknown', 'blank']);
const NA = /^(?:n\s*\/\s*a|n\.a\.?|na|not applicable|does not apply|not relevant)(?:$|[\s.,;:()–—-])/i;

function isUnanswered(t: string): boolean {
  return UNANSWERED.has(t.toLowerCase().replace(/[.!]+$/, ''));
}

const YES_MARKS = /^[✓✔☑✅]/u;
const NO_MARKS = /^[✗✘☒❌]/u;
const PARTIAL = /^(?:partial(?:ly)?|partly|in part|in progress|planned|limited|some(?:times)?|being implemented)\b/i;
const YES = /^(?:y|yes|true|yeah|yep|affirmative|correct|confirmed|ja|oui|si|sí)(?:$|[^\p{L}])/iu;
const NO = /^(?:n|no|false|none|never|nope|not|nein|non)(?:$|[^\p{L}])/iu;

function yesNo(raw: RawValue, t: string): Normalized {
  if (typeof raw === 'boolean') return { value: { kind: raw ? 'yes' : 'no' } };
  if (typeof raw === 'number') {
    if (raw === 1) return { value: { kind: 'yes' } };
    if (raw === 0) return { value: { kind: 'no' } };
    return wrong(t, 'expected Yes, No, N/A or Partial');
  }
  if (YES_MARKS.test(t)) return { value: { kind: 'yes' } };
  if (NO_MARKS.test(t)) return { value: { kind: 'no' } };
  if (PARTIAL.test(t)) return { value: { kind: 'partial' } };
  if (YES.test(t)) {
    // "Yes, partially" / "Yes (in part)"
    if (/\b(?:partial(?:ly)?|partly|in part)\b/i.test(t)) return { value: { kind: 'partial' } };
    return { value: { kind: 'yes' } };
  }
  if (NO.test(t)) return { value: { kind: 'no' } };
  return wrong(t, 'expected Yes, No, N/A or Partial');
}

/** What happens after a retention period ("then permanently deleted", "purged permanently"). */
const DELETION_TAIL = /\b(?:permanently|irreversibly|irrevocably|securely)\s+(?:and\s+\w+\s+)?(?:deleted|erased|removed|purged|destroyed|anonymi[sz]ed|wiped)\b|\b(?:deleted|erased|removed|purged|destroyed|wiped)\s+permanently\b|\bpermanent\s+(?:deletion|erasure|removal|destruction)\b/gi;
const UNBOUNDED = /\b(?:indefinite(?:ly)?|unlimited|no (?:time )?limit|not limited|perpetual(?:ly)?|forever|permanent(?:ly)?|as long as (?:necessary|needed|required|the account exists)|until (?:deleted|the customer deletes|termination|account deletion))\b/i;
const ZERO_TIME = /^(?:none|no|zero|nil|not retained|not stored|not kept|not logged|no retention|zero(?: data)? retention|zdr|immediately|instantly|real[- ]time)\b/i;
const ZERO_COUNT = /^(?:none|no|zero|nil)\b/i;
const BARE_NUMBER = /^(?:up to|within|max(?:imum)?\.?|at most|about|approx(?:imately)?\.?|<=?|≤|~)?\s*(\d+(?:[.,]\d+)?)\s*\+?$/i;
const HOURS_PER: Record<'days' | 'hours', number> = { days: 24, hours: 1 };

function inUnit(hours: number, unit: 'days' | 'hours'): number {
  return Math.round((hours / HOURS_PER[unit]) * 1000) / 1000;
}

function numberValue(value: number, unit: NumberUnit): NormalizedValue {
  const out: NormalizedValue = { kind: 'number', value, unit };
  if (unit === 'days') out.days = value;
  else if (unit === 'hours') out.days = Math.round((value / 24) * 1000) / 1000;
  return out;
}

const UNIT_WORD: Record<NumberUnit, string> = { days: 'days', hours: 'hours', count: '', percent: '%' };

function number(q: Question, raw: RawValue, t: string): Normalized {
  const unit = q.unit ?? 'count';
  const expected = unit === 'count' ? 'expected a whole number' : unit === 'percent' ? 'expected a percentage' : `expected a number of ${unit}`;
  if (typeof raw === 'boolean') return wrong(t, expected);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) return wrong(t, expected);
    if (unit === 'count' && !Number.isInteger(raw)) return wrong(t, expected);
    return { value: numberValue(raw, unit) };
  }
  const bare = BARE_NUMBER.exec(t);
  if (bare) {
    const n = Number(bare[1]!.replace(',', '.'));
    if (unit === 'count' && !Number.isInteger(n)) return wrong(t, expected);
    return { value: numberValue(n, unit) };
  }
  if (unit === 'days' || unit === 'hours') {
    // "Retained for 90 days, then permanently deleted": "permanently" describes the deletion after the
    // period, not the period; the number stands.
    if (UNBOUNDED.test(t.replace(DELETION_TAIL, ' deleted '))) return { value: { kind: 'unbounded', unit } };
    const found = findDurations(t);
    if (found.length === 0 && /^[\p{L} -]+$/u.test(t)) {
      // A number written in words without a unit: "thirty".
      const d = findDurations(`${t} ${UNIT_WORD[unit]}`);
      if (d.length === 1 && d[0]!.start === 0 && d[0]!.text.length >= t.length) found.push(d[0]!);
    }
    if (found.length) {
      const hours = Math.max(...found.map((d) => d.hours));
      return { value: numberValue(inUnit(hours, unit), unit) };
    }
    if (ZERO_TIME.test(t)) return { value: numberValue(0, unit) };
    return wrong(t, expected);
  }
  if (unit === 'count') {
    if (ZERO_COUNT.test(t)) return { value: numberValue(0, unit) };
    const m = /^(\d+)\b(?![.,]\d)/.exec(t);
    if (m) return { value: numberValue(Number(m[1]), unit) };
    return wrong(t, expected);
  }
  const pct = /^(\d+(?:[.,]\d+)?)\s*(?:%|percent|per cent)?$/i.exec(t);
  if (pct) return { value: numberValue(Number(pct[1]!.replace(',', '.')), unit) };
  return wrong(t, expected);
}

/** Lower-case letters and digits only: "Vendor-hosted API" -> "vendorhostedapi". */
export function key(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function matchChoice(choices: Choice[], token: string): string | undefined {
  const k = key(token);
  if (!k) return undefined;
  for (const c of choices) {
    if ([c.value, c.label, ...c.synonyms].some((s) => key(s) === k)) return c.value;
  }
  // "Vendor-hosted API (EU region)": the longest label or synonym the answer starts with.
  let best: { value: string; len: number } | undefined;
  for (const c of choices) {
    for (const s of [c.label, ...c.synonyms]) {
      const sk = key(s);
      if (sk.length >= 4 && k.startsWith(sk) && (!best || sk.length > best.len)) best = { value: c.value, len: sk.length };
    }
  }
  return best?.value;
}

function choice(q: Question, raw: RawValue, t: string): Normalized {
  const choices = q.choices ?? [];
  const expected = `expected ${q.multiple ? 'one or more of' : 'one of'}: ${choices.map((c) => c.label).join('; ')}`;
  if (typeof raw === 'boolean') return wrong(t, expected);
  const parts = t.split(/\s*[,;\n]\s*/).filter((s) => s !== '');
  // One choice expected but two given ("On premises, SaaS").
  if (!q.multiple && parts.length > 1 && parts.filter((p) => matchChoice(choices, p) !== undefined).length > 1) {
    return wrong(t, `${expected} (several given)`);
  }
  const tokens = q.multiple ? parts : [t];
  const values: string[] = [];
  for (const tok of tokens) {
    const v = matchChoice(choices, tok);
    if (v === undefined) return wrong(t, expected);
    if (!values.includes(v)) values.push(v);
  }
  return { value: { kind: 'choice', values } };
}

function wrong(t: string, error: string): Normalized {
  return { value: { kind: 'text', value: t }, error };
}

/** Normalize one raw answer for a question. */
export function normalize(q: Question, raw: RawValue): Normalized {
  const t = rawText(raw);
  if (typeof raw !== 'boolean' && typeof raw !== 'number') {
    if (isUnanswered(t)) return { value: { kind: 'unanswered' } };
    if (NA.test(t)) return { value: { kind: 'na' } };
  }
  switch (q.type) {
    case 'yesno':
      return yesNo(raw, t);
    case 'number':
      return number(q, raw, t);
    case 'choice':
      return choice(q, raw, t);
    case 'text':
      if (/^(?:none|nil|n\/a)\.?$/i.test(t)) return { value: { kind: 'na' } };
      return { value: { kind: 'text', value: t } };
  }
}

/** Swap yes and no (a mapped question asked the other way round). */
export function invert(v: NormalizedValue): NormalizedValue {
  if (v.kind === 'yes') return { kind: 'no' };
  if (v.kind === 'no') return { kind: 'yes' };
  return v;
}
