// Factor scorers for what the vendor is exposed to and does with data: SR-JURISDICTION,
// SR-RESTRICTED-LIST, SR-DEPLOYMENT, SR-DATA-SENSITIVITY, SR-TRAINING-USE, SR-RETENTION.
import type { DocumentReport, Evidence, Status } from '../../types.js';
import { DATA_RISK, DEPLOYMENT_RISK, JURISDICTION_RISK, REGULATED_MIN, RESTRICTED_RISK, RETENTION_BANDS, RETENTION_OVER_LIMIT_MIN, type RiskConfig, TRAINING_RISK } from '../defaults.js';
import { type DataCategory, type Owner, type VendorProfile } from '../profile.js';
import type { ScreeningReport } from '../screening/index.js';
import type { AnswerFacts, EvidenceSource, FactorEvidence } from './types.js';
import { maxOf, type Partial0, unknownFactor } from './common.js';

// ---- SR-JURISDICTION ------------------------------------------------------------------------------

export function jurisdiction(p: VendorProfile, cfg: RiskConfig): Partial0 {
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

export function restricted(screening: ScreeningReport | undefined, answers: AnswerFacts | undefined, cfg: RiskConfig): Partial0 {
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

export function deployment(p: VendorProfile, a: AnswerFacts | undefined, cfg: RiskConfig): Partial0 {
  const d = p.deployment ?? a?.deployment;
  if (!d) return unknownFactor(cfg, 'deployment model not stated in the profile or questionnaire');
  const src: EvidenceSource = p.deployment ? 'profile' : 'questionnaire';
  const risk = DEPLOYMENT_RISK[d];
  return { risk, method: 'table', basis: `${d} → ${risk}`, evidence: [{ source: src, text: `deployment: ${d}`, points: risk, decisive: true }] };
}

export const SPECIAL_CATEGORIES: readonly DataCategory[] = ['special-category', 'health'];

export function dataSensitivity(p: VendorProfile, a: AnswerFacts | undefined, cfg: RiskConfig): Partial0 {
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

export function training(p: VendorProfile, a: AnswerFacts | undefined, docs: DocumentReport[], cfg: RiskConfig): Partial0 {
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

export function retention(p: VendorProfile, a: AnswerFacts | undefined, docs: DocumentReport[], cfg: RiskConfig): Partial0 {
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
