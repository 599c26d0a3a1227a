// The explainable risk score. Each factor (SR-*) and contract domain (AD, DR, EC) gets a risk
// from 0 to 100 built from evidence items whose points are shown; the overall score is the
// weighted average of the assessed factors:
//
//   contribution(f) = risk(f) × weight(f) / Σ weight(assessed factors)      score = Σ contributions
//
// The tier comes from the score and the config's thresholds, then floors raise it (a restricted-
// list hit or an export-control conflict is critical; special-category data with a vendor that
// trains on customer data is at least high).
import { REQUIREMENTS } from '../catalog.js';
import type { DocumentReport, Evidence, Severity, Status } from '../types.js';
import {
  ABUSE_CONTROL_POINTS,
  ABUSE_CONTROLS,
  ALL_FACTOR_IDS,
  CERTIFICATION_RISK,
  CONSISTENCY_POINTS,
  DATA_RISK,
  DEPLOYMENT_RISK,
  DOMAIN_IDS,
  FACTOR_TITLES,
  type FactorId,
  type FloorId,
  INCIDENT_POINTS,
  JURISDICTION_RISK,
  KEY_CERTIFICATIONS,
  LEVEL_FACTOR,
  REGULATED_MIN,
  RESTRICTED_RISK,
  RETENTION_BANDS,
  RETENTION_OVER_LIMIT_MIN,
  type RiskConfig,
  SEVERITY_WEIGHT,
  STATUS_POINTS,
  TIERS,
  type Tier,
  TRAINING_RISK,
} from './defaults.js';
import { type AbuseControl, certificationOf, type DataCategory, type Deployment, type Incident, type Owner, type TrainingUse, type VendorProfile } from './profile.js';
import type { ScreeningReport } from './screening/index.js';

export type EvidenceSource = 'profile' | 'contract' | 'questionnaire' | 'screening' | 'config';

export interface FactorEvidence {
  source: EvidenceSource;
  text: string;
  /** Risk points this item gives the factor (sum factors) or would give alone (max factors). */
  points?: number;
  /** For max factors: the item that set the factor's risk. */
  decisive?: boolean;
  /** Contract evidence: document, section and quote. */
  document?: string;
  section?: string;
  quote?: string;
}

export interface FactorScore {
  id: FactorId;
  kind: 'domain' | 'factor';
  title: string;
  /** False when the factor cannot be judged at all (its weight then goes to the others). */
  assessed: boolean;
  /** True when no fact was stated and the config's unknown risk was used. */
  unknown: boolean;
  risk: number;
  weight: number;
  /** weight / Σ weights of assessed factors. */
  share: number;
  /** risk × share: the points this factor adds to the overall score. */
  contribution: number;
  /** How the risk was computed from the evidence. */
  method: 'max' | 'sum' | 'table' | 'weighted-average' | 'unknown' | 'not-assessed';
  basis: string;
  evidence: FactorEvidence[];
}

export interface FloorResult {
  id: FloorId;
  tier: Tier;
  /** True when this floor raised the tier above the score's tier (or a lower floor's). */
  raised: boolean;
  reason: string;
}

/** Facts read from an answered questionnaire (see src/risk/answers.ts). */
export interface AnswerFacts {
  file: string;
  sha256?: string;
  deployment?: Deployment;
  dataCategories?: DataCategory[];
  training?: TrainingUse;
  retentionDays?: number | 'unbounded';
  certifications?: string[];
  /** Controls the vendor says it has and does not have; both empty when unanswered. */
  abuseControls?: { present: AbuseControl[]; absent: AbuseControl[] };
  /** Incidents the vendor declares (no date: within the window by the question's wording). */
  incidents?: Array<Omit<Incident, 'date'> & { date?: string }>;
  /** The vendor says it or an owner is on a restricted list. */
  restrictedListClaim?: boolean;
  /** Answers that contradict the contract. */
  contradictions: Array<{ message: string; detail?: string }>;
  /** Where each fact came from ("data.training-consent = opt-out"), by factor. */
  notes: Partial<Record<FactorId, string[]>>;
}

/** A playbook's view of a requirement: its level and the severity of a missing gap. */
export interface RequirementPolicy {
  level: 'required' | 'recommended' | 'ignore';
  severity: Exclude<Severity, 'none'>;
}

export interface RiskInput {
  profile: VendorProfile;
  /** YYYY-MM-DD: the date incidents and certification expiry are judged against. */
  asOf: string;
  screening?: ScreeningReport;
  /** Checked contracts (after the playbook, if any). Undefined or empty: no contract. */
  contracts?: DocumentReport[];
  /** Requirement policy per ID from a playbook; the catalog's severity, required, otherwise. */
  policy?: Record<string, RequirementPolicy>;
  answers?: AnswerFacts;
}

export interface RiskScore {
  score: number;
  scoreTier: Tier;
  tier: Tier;
  totalWeight: number;
  factors: FactorScore[];
  floors: FloorResult[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round1 = (x: number): number => Math.round(x * 10) / 10;

export function tierFor(score: number, cfg: RiskConfig): Tier {
  if (score >= cfg.tiers.critical) return 'critical';
  if (score >= cfg.tiers.high) return 'high';
  if (score >= cfg.tiers.medium) return 'medium';
  return 'low';
}

export function tierRank(t: Tier): number {
  return TIERS.indexOf(t);
}

interface Partial0 {
  risk: number;
  method: FactorScore['method'];
  basis: string;
  evidence: FactorEvidence[];
  unknown?: boolean;
  assessed?: boolean;
}

function unknownFactor(cfg: RiskConfig, why: string): Partial0 {
  return { risk: cfg.unknownRisk, method: 'unknown', basis: `not stated: unknown risk ${cfg.unknownRisk} (config)`, evidence: [{ source: 'config', text: why, points: cfg.unknownRisk, decisive: true }], unknown: true };
}

/** Mark the decisive item of a max factor and build its result. */
function maxOf(items: FactorEvidence[], basisWhenZero: string): Partial0 {
  let best = -1;
  let risk = 0;
  items.forEach((it, i) => {
    if ((it.points ?? 0) > risk || (best < 0 && (it.points ?? 0) === risk)) {
      risk = it.points ?? 0;
      best = i;
    }
  });
  items.forEach((it, i) => (it.decisive = i === best));
  return { risk, method: 'max', basis: risk === 0 ? basisWhenZero : `highest item: ${items[best]!.text}`, evidence: items };
}

// ---- SR-JURISDICTION ------------------------------------------------------------------------------

function jurisdiction(p: VendorProfile, cfg: RiskConfig): Partial0 {
  const concern = new Set(cfg.countriesOfConcern);
  const embargo = new Set(cfg.embargoedCountries);
  const items: FactorEvidence[] = [];
  const label = (c: string): string => (embargo.has(c) ? 'embargoed country' : concern.has(c) ? 'country of concern' : 'not a country of concern');
  items.push({
    source: 'profile',
    text: `vendor ${p.name} established in ${p.country} (${label(p.country)})`,
    points: embargo.has(p.country) ? JURISDICTION_RISK.embargoed : concern.has(p.country) ? JURISDICTION_RISK.concern : 0,
  });
  const owner = (o: Owner, role: string, controlByDefault: boolean): void => {
    if (!o.country) {
      items.push({ source: 'profile', text: `${role} ${o.name}: country not stated (unknown risk)`, points: cfg.unknownRisk });
      return;
    }
    const share = o.share;
    const shareText = share === undefined ? (controlByDefault ? 'control assumed' : 'share not stated') : `${share}%`;
    let pts = 0;
    if (embargo.has(o.country) || concern.has(o.country)) {
      const control = share === undefined ? controlByDefault : share >= 50;
      if (control) pts = embargo.has(o.country) ? JURISDICTION_RISK.embargoed : JURISDICTION_RISK.controlledByConcern;
      else if (share !== undefined && share >= 25) pts = JURISDICTION_RISK.significantConcernOwner;
      else pts = JURISDICTION_RISK.minorConcernOwner;
    }
    items.push({ source: 'profile', text: `${role} ${o.name} in ${o.country} (${label(o.country)}), ${shareText}`, points: pts });
  };
  if (p.parent) owner(p.parent, 'parent', true);
  if (p.ultimateOwner) owner(p.ultimateOwner, 'ultimate owner', true);
  for (const o of p.owners ?? []) owner(o, 'owner', false);
  for (const s of p.subprocessors ?? []) {
    if (!s.country) continue;
    const pts = embargo.has(s.country) ? JURISDICTION_RISK.embargoed : concern.has(s.country) ? JURISDICTION_RISK.concernSubprocessor : 0;
    if (pts > 0) items.push({ source: 'profile', text: `subprocessor ${s.name} in ${s.country} (${label(s.country)})`, points: pts });
  }
  return maxOf(items, 'no country of concern among vendor, owners and subprocessors');
}

// ---- SR-RESTRICTED-LIST --------------------------------------------------------------------------

function restricted(screening: ScreeningReport | undefined, answers: AnswerFacts | undefined, cfg: RiskConfig): Partial0 {
  const items: FactorEvidence[] = [];
  if (answers?.restrictedListClaim) items.push({ source: 'questionnaire', text: 'the vendor answers that it or an owner is on a restricted-party list', points: RESTRICTED_RISK.hit });
  if (!screening) {
    if (items.length) return maxOf(items, '');
    return unknownFactor(cfg, 'not screened: no restricted-party list given (--list)');
  }
  const lists = screening.lists.map((l) => `${l.name} (${l.date})`).join(', ');
  for (const r of screening.results) {
    const who = `${r.subject.role} ${r.subject.name}`;
    const top = r.matches[0];
    if (r.decision === 'hit') items.push({ source: 'screening', text: `${who}: HIT on ${top!.entry.source} entry "${top!.listedName}" (score ${top!.score.toFixed(2)})`, points: RESTRICTED_RISK.hit });
    else if (r.decision === 'review') items.push({ source: 'screening', text: `${who}: needs review, "${top!.listedName}" on ${top!.entry.source} (score ${top!.score.toFixed(2)})`, points: RESTRICTED_RISK.review });
    else if (r.decision === 'cleared') items.push({ source: 'screening', text: `${who}: match with "${top!.listedName}" cleared by ${top!.clearance?.reviewer ?? 'a reviewer'}: ${top!.clearance?.note ?? ''}`, points: RESTRICTED_RISK.clear });
    else items.push({ source: 'screening', text: `${who}: no match at or above ${screening.threshold.toFixed(2)}`, points: RESTRICTED_RISK.clear });
  }
  return maxOf(items, `no match on ${lists}`);
}

// ---- SR-DEPLOYMENT / SR-DATA-SENSITIVITY / SR-TRAINING-USE / SR-RETENTION -------------------------

function deployment(p: VendorProfile, a: AnswerFacts | undefined, cfg: RiskConfig): Partial0 {
  const d = p.deployment ?? a?.deployment;
  if (!d) return unknownFactor(cfg, 'deployment model not stated in the profile or questionnaire');
  const src: EvidenceSource = p.deployment ? 'profile' : 'questionnaire';
  const risk = DEPLOYMENT_RISK[d];
  return { risk, method: 'table', basis: `${d} → ${risk}`, evidence: [{ source: src, text: `deployment: ${d}`, points: risk, decisive: true }] };
}

export const SPECIAL_CATEGORIES: readonly DataCategory[] = ['special-category', 'health'];

function dataSensitivity(p: VendorProfile, a: AnswerFacts | undefined, cfg: RiskConfig): Partial0 {
  const cats = p.dataCategories ?? a?.dataCategories;
  if (!cats || cats.length === 0) return unknownFactor(cfg, 'data categories not stated in the profile or questionnaire');
  const src: EvidenceSource = p.dataCategories ? 'profile' : 'questionnaire';
  const items: FactorEvidence[] = cats.map((c) => ({ source: src, text: `data category: ${c}`, points: DATA_RISK[c] }));
  if (p.regulatedIndustry && cats.some((c) => c !== 'public')) items.push({ source: 'profile', text: `regulated industry with non-public data: at least ${REGULATED_MIN}`, points: REGULATED_MIN });
  return maxOf(items, 'public data only');
}

/** Combined contract status of one requirement across documents: conflict > met > partial > missing. */
export function combinedStatus(docs: DocumentReport[], id: string): { status: Status; evidence: Array<Evidence & { document: string }> } {
  const order: Status[] = ['conflict', 'met', 'partial', 'missing'];
  let best: Status = 'missing';
  const evidence: Array<Evidence & { document: string }> = [];
  for (const d of docs) {
    const r = d.requirements.find((x) => x.id === id);
    if (!r) continue;
    if (order.indexOf(r.status) < order.indexOf(best)) best = r.status;
    for (const e of r.evidence) evidence.push({ ...e, document: d.path });
  }
  return { status: best, evidence };
}

function contractQuote(docs: DocumentReport[], id: string, status: Status): FactorEvidence | undefined {
  const c = combinedStatus(docs, id);
  if (c.status !== status) return undefined;
  const e = c.evidence.find((x) => x.proves === status) ?? c.evidence[0];
  return {
    source: 'contract',
    text: `${id} is ${status} in the contract`,
    ...(e ? { document: e.document, section: e.section, quote: e.quote } : {}),
  };
}

function training(p: VendorProfile, a: AnswerFacts | undefined, docs: DocumentReport[], cfg: RiskConfig): Partial0 {
  const items: FactorEvidence[] = [];
  if (p.training && p.training !== 'unknown') items.push({ source: 'profile', text: `stated training use: ${p.training}`, points: TRAINING_RISK[p.training] });
  if (a?.training && a.training !== 'unknown') items.push({ source: 'questionnaire', text: `answered training use: ${a.training}${a.notes['SR-TRAINING-USE'] ? ` (${a.notes['SR-TRAINING-USE'].join('; ')})` : ''}`, points: TRAINING_RISK[a.training] });
  const conflict = contractQuote(docs, 'DR-NO-TRAINING', 'conflict');
  if (conflict) items.push({ ...conflict, text: 'the contract lets the provider train on customer data (DR-NO-TRAINING conflict)', points: TRAINING_RISK.yes });
  if (items.length === 0) return unknownFactor(cfg, 'training use not stated in the profile, questionnaire or contract');
  return maxOf(items, 'no training on customer data');
}

function retentionBand(days: number): { risk: number; label: string } {
  const b = RETENTION_BANDS.find((x) => days <= x.upTo)!;
  return { risk: b.risk, label: b.label };
}

function retention(p: VendorProfile, a: AnswerFacts | undefined, docs: DocumentReport[], cfg: RiskConfig): Partial0 {
  const items: FactorEvidence[] = [];
  const add = (src: EvidenceSource, v: number | 'unbounded', how: string, extra: Partial<FactorEvidence> = {}): void => {
    if (v === 'unbounded') {
      items.push({ source: src, text: `${how}: unbounded retention`, points: 100, ...extra });
      return;
    }
    const b = retentionBand(v);
    let pts = b.risk;
    let text = `${how}: ${v} day${v === 1 ? '' : 's'} (${b.label})`;
    if (v > cfg.maxRetentionDays && pts < RETENTION_OVER_LIMIT_MIN) {
      pts = RETENTION_OVER_LIMIT_MIN;
      text += `, over the ${cfg.maxRetentionDays}-day limit: at least ${RETENTION_OVER_LIMIT_MIN}`;
    }
    items.push({ source: src, text, points: pts, ...extra });
  };
  if (typeof p.retentionDays === 'number' || p.retentionDays === 'unbounded') add('profile', p.retentionDays, 'stated retention');
  if (a?.retentionDays !== undefined) add('questionnaire', a.retentionDays, 'answered retention');
  if (docs.length) {
    const c = combinedStatus(docs, 'DR-RETENTION-PERIOD');
    if (c.status === 'conflict') {
      const e = c.evidence.find((x) => x.proves === 'conflict');
      add('contract', 'unbounded', 'contract (DR-RETENTION-PERIOD conflict)', e ? { document: e.document, section: e.section, quote: e.quote } : {});
    } else {
      const durations = c.evidence.filter((e) => e.value?.kind === 'duration');
      if (durations.length && items.length === 0) {
        const longest = durations.reduce((m, e) => (e.value!.days > m.value!.days ? e : m));
        add('contract', Math.round(longest.value!.days * 100) / 100, `contract retention ${longest.value!.text}`, { document: longest.document, section: longest.section, quote: longest.quote });
      }
    }
  }
  if (items.length === 0) return unknownFactor(cfg, 'retention not stated in the profile, questionnaire or contract');
  return maxOf(items, 'zero retention');
}

// ---- SR-CERTIFICATIONS / SR-ABUSE-CONTROLS / SR-INCIDENTS / SR-CONSISTENCY -----------------------

function certifications(p: VendorProfile, a: AnswerFacts | undefined, asOf: string, cfg: RiskConfig): Partial0 {
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

function abuseControls(p: VendorProfile, a: AnswerFacts | undefined, cfg: RiskConfig): Partial0 {
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

function incidents(p: VendorProfile, a: AnswerFacts | undefined, asOf: string, cfg: RiskConfig): Partial0 {
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

function consistency(a: AnswerFacts | undefined, docs: DocumentReport[]): Partial0 {
  if (!a || docs.length === 0) {
    return { risk: 0, method: 'not-assessed', basis: 'needs both a questionnaire and a contract', evidence: [], assessed: false };
  }
  const evidence: FactorEvidence[] = a.contradictions.map((c) => ({ source: 'questionnaire' as const, text: c.detail ? `${c.message.replace(/[.\s]+$/, '')}: ${c.detail}` : c.message, points: CONSISTENCY_POINTS }));
  const risk = Math.min(100, CONSISTENCY_POINTS * a.contradictions.length);
  if (evidence.length === 0) evidence.push({ source: 'questionnaire', text: 'no answer contradicts the contract', points: 0 });
  return { risk, method: 'sum', basis: `${CONSISTENCY_POINTS} per contradiction, at most 100`, evidence };
}

// ---- contract domains ---------------------------------------------------------------------------

function domain(d: 'AD' | 'DR' | 'EC', docs: DocumentReport[], policy: Record<string, RequirementPolicy> | undefined, cfg: RiskConfig): Partial0 {
  if (docs.length === 0) return unknownFactor(cfg, 'no contract supplied');
  const reqs = REQUIREMENTS.filter((r) => r.domain === d);
  const rows = reqs.map((r) => {
    const pol = policy?.[r.id] ?? { level: 'required' as const, severity: r.severity };
    const w = SEVERITY_WEIGHT[pol.severity] * LEVEL_FACTOR[pol.level];
    const c = combinedStatus(docs, r.id);
    return { r, pol, w, c };
  });
  const total = rows.reduce((s, x) => s + x.w, 0);
  if (total === 0) return { risk: 0, method: 'not-assessed', basis: `every ${d} requirement is ignored by the playbook`, evidence: [], assessed: false };
  let risk = 0;
  const evidence: FactorEvidence[] = rows.map(({ r, pol, w, c }) => {
    const pts = STATUS_POINTS[c.status];
    const points = (w * pts) / total;
    risk += points;
    const e = c.evidence.find((x) => x.proves === c.status) ?? (c.status === 'missing' ? undefined : c.evidence[0]);
    return {
      source: 'contract' as const,
      text: `${r.id} ${c.status} (${pol.severity}${pol.level !== 'required' ? `, ${pol.level}` : ''}, weight ${w}): ${pts} × ${w}/${total}`,
      points: round2(points),
      ...(e ? { document: e.document, section: e.section, quote: e.quote } : {}),
    };
  });
  return {
    risk,
    method: 'weighted-average',
    basis: `Σ status points × requirement weight / ${total} (met ${STATUS_POINTS.met}, partial ${STATUS_POINTS.partial}, missing ${STATUS_POINTS.missing}, conflict ${STATUS_POINTS.conflict})`,
    evidence,
  };
}

// ---- putting it together --------------------------------------------------------------------------

export function scoreVendor(input: RiskInput, cfg: RiskConfig): RiskScore {
  const p = input.profile;
  const a = input.answers;
  const docs = input.contracts ?? [];
  const parts: Record<FactorId, Partial0> = {
    AD: domain('AD', docs, input.policy, cfg),
    DR: domain('DR', docs, input.policy, cfg),
    EC: domain('EC', docs, input.policy, cfg),
    'SR-JURISDICTION': jurisdiction(p, cfg),
    'SR-RESTRICTED-LIST': restricted(input.screening, a, cfg),
    'SR-DEPLOYMENT': deployment(p, a, cfg),
    'SR-DATA-SENSITIVITY': dataSensitivity(p, a, cfg),
    'SR-TRAINING-USE': training(p, a, docs, cfg),
    'SR-RETENTION': retention(p, a, docs, cfg),
    'SR-CERTIFICATIONS': certifications(p, a, input.asOf, cfg),
    'SR-ABUSE-CONTROLS': abuseControls(p, a, cfg),
    'SR-INCIDENTS': incidents(p, a, input.asOf, cfg),
    'SR-CONSISTENCY': consistency(a, docs),
  };
  const assessed = (id: FactorId): boolean => parts[id].assessed !== false && cfg.weights[id] > 0;
  const totalWeight = ALL_FACTOR_IDS.filter(assessed).reduce((s, id) => s + cfg.weights[id], 0);
  let sum = 0;
  const factors: FactorScore[] = ALL_FACTOR_IDS.map((id) => {
    const x = parts[id];
    const on = assessed(id);
    const share = on && totalWeight > 0 ? cfg.weights[id] / totalWeight : 0;
    const contribution = x.risk * share;
    sum += contribution;
    return {
      id,
      kind: (DOMAIN_IDS as readonly string[]).includes(id) ? 'domain' : 'factor',
      title: FACTOR_TITLES[id],
      assessed: on,
      unknown: x.unknown === true,
      risk: round2(x.risk),
      weight: cfg.weights[id],
      share: Math.round(share * 10000) / 10000,
      contribution: round2(contribution),
      method: on ? x.method : 'not-assessed',
      basis: on ? x.basis : x.assessed === false ? x.basis : 'weight 0 in the config',
      evidence: x.evidence,
    };
  });
  const score = round1(sum);
  const scoreTier = tierFor(score, cfg);
  const floors = applyFloors(input, parts, cfg, scoreTier);
  let tier = scoreTier;
  for (const f of floors) if (f.raised) tier = f.tier;
  return { score, scoreTier, tier, totalWeight, factors, floors };
}

function applyFloors(input: RiskInput, parts: Record<FactorId, Partial0>, cfg: RiskConfig, scoreTier: Tier): FloorResult[] {
  const found: Array<{ id: FloorId; reason: string }> = [];
  const s = input.screening;
  const hits = s?.results.filter((r) => r.decision === 'hit') ?? [];
  const reviews = s?.results.filter((r) => r.decision === 'review') ?? [];
  if (hits.length || input.answers?.restrictedListClaim) {
    const who = hits.map((r) => `${r.subject.role} ${r.subject.name} matches "${r.matches[0]!.listedName}" (${r.matches[0]!.entry.source})`);
    if (input.answers?.restrictedListClaim) who.push('the questionnaire says the vendor or an owner is listed');
    found.push({ id: 'restricted-list-hit', reason: `restricted-party list hit: ${who.join('; ')}` });
  }
  if (reviews.length) {
    found.push({ id: 'restricted-list-review', reason: `possible restricted-party match to review: ${reviews.map((r) => `${r.subject.role} ${r.subject.name} ~ "${r.matches[0]!.listedName}" (${r.matches[0]!.score.toFixed(2)})`).join('; ')}` });
  }
  const docs = input.contracts ?? [];
  const ecConflicts = REQUIREMENTS.filter((r) => r.domain === 'EC' && combinedStatus(docs, r.id).status === 'conflict').map((r) => r.id);
  if (ecConflicts.length) found.push({ id: 'export-control-conflict', reason: `export-control conflict in the contract: ${ecConflicts.join(', ')}` });
  const cats = input.profile.dataCategories ?? input.answers?.dataCategories ?? [];
  const special = cats.filter((c) => SPECIAL_CATEGORIES.includes(c));
  const trains = parts['SR-TRAINING-USE'].unknown !== true && parts['SR-TRAINING-USE'].risk >= TRAINING_RISK['opt-out'];
  if (special.length && trains) {
    found.push({ id: 'special-category-training', reason: `${special.join(' and ')} data with a vendor that trains on customer data (${parts['SR-TRAINING-USE'].basis})` });
  }
  const emb = new Set(cfg.embargoedCountries);
  const p = input.profile;
  const controlled = [p.parent, p.ultimateOwner, ...(p.owners ?? []).filter((o) => (o.share ?? 0) >= 50)].filter((o): o is Owner => !!o && !!o.country && emb.has(o.country));
  if (emb.has(p.country) || controlled.length) {
    found.push({ id: 'embargoed-country', reason: `established in or controlled from an embargoed country: ${[emb.has(p.country) ? `vendor (${p.country})` : '', ...controlled.map((o) => `${o.name} (${o.country})`)].filter((x) => x).join(', ')}` });
  }
  const out: FloorResult[] = [];
  let current = scoreTier;
  // Strongest floors first so `raised` marks the one that set the tier.
  const withTier = found
    .map((f) => ({ ...f, tier: cfg.floors[f.id] }))
    .filter((f): f is { id: FloorId; reason: string; tier: Tier } => f.tier !== 'none')
    .sort((x, y) => tierRank(y.tier) - tierRank(x.tier));
  for (const f of withTier) {
    const raised = tierRank(f.tier) > tierRank(current);
    if (raised) current = f.tier;
    out.push({ id: f.id, tier: f.tier, raised, reason: f.reason });
  }
  return out;
}
