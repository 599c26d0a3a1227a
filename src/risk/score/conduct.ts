// Factor scorers for how the vendor runs its service: SR-CERTIFICATIONS, SR-ABUSE-CONTROLS,
// SR-INCIDENTS, SR-CONSISTENCY.
import type { DocumentReport } from '../../types.js';
import { ABUSE_CONTROL_POINTS, ABUSE_CONTROLS, CERTIFICATION_RISK, CONSISTENCY_POINTS, INCIDENT_POINTS, KEY_CERTIFICATIONS, type RiskConfig } from '../defaults.js';
import { type AbuseControl, certificationOf, type Incident, type VendorProfile } from '../profile.js';
import type { AnswerFacts, EvidenceSource, FactorEvidence } from './types.js';
import { type Partial0, unknownFactor } from './common.js';

// ---- SR-CERTIFICATIONS / SR-ABUSE-CONTROLS / SR-INCIDENTS / SR-CONSISTENCY -----------------------

export function certifications(p: VendorProfile, a: AnswerFacts | undefined, asOf: string, cfg: RiskConfig): Partial0 {
  if (p.certifications === undefined && a?.certifications === undefined) return unknownFactor(cfg, 'certifications not stated in the profile or questionnaire');
  const held = new Set<string>();
  const evidence: FactorEvidence[] = [];
  const consider = (src: EvidenceSource, name: string, expires?: string): void => {
    const key = KEY_CERTIFICATIONS.find((k) => k.test(name));
    if (expires && expires < asOf) {
      evidence.push({ source: src, text: `${name}: expired on ${expires}, not counted`, points: 0 });
      return;
    }
    if (!key) {
      evidence.push({ source: src, text: `${name}: not one of the key certifications, not counted`, points: 0 });
      return;
    }
    if (held.has(key.id)) return;
    held.add(key.id);
    evidence.push({ source: src, text: `${key.label} held${expires ? ` (until ${expires})` : ''}` });
  };
  for (const c of p.certifications ?? []) {
    const cert = certificationOf(c);
    consider('profile', cert.name, cert.expires);
  }
  for (const c of a?.certifications ?? []) consider('questionnaire', c);
  const n = Math.min(held.size, CERTIFICATION_RISK.length - 1);
  const risk = CERTIFICATION_RISK[n]!;
  return {
    risk,
    method: 'table',
    basis: `${held.size} of ${KEY_CERTIFICATIONS.length} key certifications (${KEY_CERTIFICATIONS.map((k) => k.label).join(', ')}) → ${risk}`,
    evidence: evidence.length ? evidence : [{ source: 'profile', text: 'no certifications listed', points: 0 }],
  };
}

export function abuseControls(p: VendorProfile, a: AnswerFacts | undefined, cfg: RiskConfig): Partial0 {
  const answered = a?.abuseControls && a.abuseControls.present.length + a.abuseControls.absent.length > 0;
  if (p.abuseControls === undefined && !answered) return unknownFactor(cfg, 'abuse controls not stated in the profile or questionnaire');
  const present = new Map<AbuseControl, EvidenceSource>();
  for (const c of p.abuseControls ?? []) present.set(c, 'profile');
  for (const c of a?.abuseControls?.present ?? []) if (!present.has(c)) present.set(c, 'questionnaire');
  const base = ABUSE_CONTROLS.length * ABUSE_CONTROL_POINTS;
  const evidence: FactorEvidence[] = [{ source: 'config', text: `no controls: ${base}`, points: base }];
  for (const c of ABUSE_CONTROLS) {
    const src = present.get(c);
    if (src) evidence.push({ source: src, text: `${c} in place`, points: -ABUSE_CONTROL_POINTS });
    else evidence.push({ source: p.abuseControls ? 'profile' : 'questionnaire', text: `${c} not stated`, points: 0 });
  }
  const risk = base - present.size * ABUSE_CONTROL_POINTS;
  return { risk, method: 'sum', basis: `${base} − ${ABUSE_CONTROL_POINTS} × ${present.size} control${present.size === 1 ? '' : 's'}`, evidence };
}

/** The date `months` months before `asOf` (YYYY-MM-DD). */
export function monthsBefore(asOf: string, months: number): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function incidents(p: VendorProfile, a: AnswerFacts | undefined, asOf: string, cfg: RiskConfig): Partial0 {
  if (p.incidents === undefined && a?.incidents === undefined) return unknownFactor(cfg, 'incidents not researched: no incidents list in the profile and no questionnaire answer');
  const since = monthsBefore(asOf, cfg.incidentWindowMonths);
  const evidence: FactorEvidence[] = [];
  let sum = 0;
  const all: Array<{ src: EvidenceSource; i: Omit<Incident, 'date'> & { date?: string } }> = [
    ...(p.incidents ?? []).map((i) => ({ src: 'profile' as const, i })),
    ...(a?.incidents ?? []).map((i) => ({ src: 'questionnaire' as const, i })),
  ];
  all.sort((x, y) => (y.i.date ?? asOf).localeCompare(x.i.date ?? asOf));
  const profileTypes = new Set((p.incidents ?? []).filter((i) => i.date >= since && i.date <= asOf).map((i) => i.type));
  for (const { src, i } of all) {
    const when = i.date ?? `within ${cfg.incidentWindowMonths} months`;
    if (src === 'questionnaire' && !i.date && profileTypes.has(i.type)) {
      evidence.push({ source: src, text: `${i.type} also declared in the questionnaire: ${i.summary} (counted once, from the profile)`, points: 0 });
      continue;
    }
    if (i.date && (i.date < since || i.date > asOf)) {
      evidence.push({ source: src, text: `${when} ${i.type}: ${i.summary} (outside the window ${since} to ${asOf})`, points: 0 });
      continue;
    }
    const pts = INCIDENT_POINTS[i.type];
    sum += pts;
    evidence.push({ source: src, text: `${when} ${i.type}: ${i.summary}`, points: pts });
  }
  const risk = Math.min(100, sum);
  if (evidence.length === 0) evidence.push({ source: p.incidents ? 'profile' : 'questionnaire', text: 'no incidents known', points: 0 });
  return { risk, method: 'sum', basis: sum > 100 ? `sum ${sum} capped at 100` : `sum of incidents since ${since}`, evidence };
}

export function consistency(a: AnswerFacts | undefined, docs: DocumentReport[]): Partial0 {
  if (!a || docs.length === 0) {
    return { risk: 0, method: 'not-assessed', basis: 'needs both a questionnaire and a contract', evidence: [], assessed: false };
  }
  const evidence: FactorEvidence[] = a.contradictions.map((c) => ({ source: 'questionnaire' as const, text: c.detail ? `${c.message.replace(/[.\s]+$/, '')}: ${c.detail}` : c.message, points: CONSISTENCY_POINTS }));
  const risk = Math.min(100, CONSISTENCY_POINTS * a.contradictions.length);
  if (evidence.length === 0) evidence.push({ source: 'questionnaire', text: 'no answer contradicts the contract', points: 0 });
  return { risk, method: 'sum', basis: `${CONSISTENCY_POINTS} per contradiction, at most 100`, evidence };
}
