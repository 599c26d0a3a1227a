// Tiers: the tier of a score under the config thresholds, then floors that raise it (a restricted-
// list hit or an export-control conflict is critical...).
import { REQUIREMENTS } from '../../catalog.js';
import { type FactorId, type FloorId, type RiskConfig, TIERS, type Tier, TRAINING_RISK } from '../defaults.js';
import type { Owner } from '../profile.js';
import type { FloorResult, RiskInput } from './types.js';
import type { Partial0 } from './common.js';
import { combinedStatus, SPECIAL_CATEGORIES } from './exposure.js';

export function tierFor(score: number, cfg: RiskConfig): Tier {
  if (score >= cfg.tiers.critical) return 'critical';
  if (score >= cfg.tiers.high) return 'high';
  if (score >= cfg.tiers.medium) return 'medium';
  return 'low';
}

export function tierRank(t: Tier): number {
  return TIERS.indexOf(t);
}


/**
 * EC requirements whose conflict is a sanctions or restricted-party fact. EC-CHANGE-IN-LAW is not one:
 * its conflict is an at-will right to modify or discontinue the service, a commercial term that the
 * EC-CHANGE-IN-LAW factor already scores; it must not make a vendor critical on its own.
 */
export const SANCTIONS_EC_IDS: ReadonlySet<string> = new Set(['EC-COMPLIANCE', 'EC-RESTRICTED-PARTY', 'EC-EMBARGOED', 'EC-FOREIGN-PERSONS', 'EC-REEXPORT', 'EC-END-USE', 'EC-CLASSIFICATION', 'EC-NOTIFICATION']);

export function applyFloors(input: RiskInput, parts: Record<FactorId, Partial0>, cfg: RiskConfig, scoreTier: Tier): FloorResult[] {
  const found: Array<{ id: FloorId; reason: string; evidence: string[] }> = [];
  const s = input.screening;
  const hits = s?.results.filter((r) => r.decision === 'hit') ?? [];
  const reviews = s?.results.filter((r) => r.decision === 'review') ?? [];
  if (hits.length || input.answers?.restrictedListClaim) {
    const who = hits.map((r) => `${r.subject.role} ${r.subject.name} matches "${r.matches[0]!.listedName}" (${r.matches[0]!.entry.source})`);
    if (input.answers?.restrictedListClaim) who.push('the questionnaire says the vendor or an owner is listed');
    const ev = hits.map((r) => {
      const m = r.matches[0]!;
      return `screening: ${r.subject.role} "${r.subject.name}" = "${m.listedName}" (${m.entry.source}, ${m.entry.list} #${m.entry.id}, score ${m.score.toFixed(2)})`;
    });
    if (input.answers?.restrictedListClaim) ev.push(`questionnaire ${input.answers.file}: the vendor or an owner is listed`);
    found.push({ id: 'restricted-list-hit', reason: `restricted-party list hit: ${who.join('; ')}`, evidence: ev });
  }
  if (reviews.length) {
    found.push({
      id: 'restricted-list-review',
      reason: `possible restricted-party match to review: ${reviews.map((r) => `${r.subject.role} ${r.subject.name} ~ "${r.matches[0]!.listedName}" (${r.matches[0]!.score.toFixed(2)})`).join('; ')}`,
      evidence: reviews.map((r) => {
        const m = r.matches[0]!;
        return `screening: ${r.subject.role} "${r.subject.name}" ~ "${m.listedName}" (${m.entry.source}, ${m.entry.list} #${m.entry.id}, score ${m.score.toFixed(2)})`;
      }),
    });
  }
  const docs = input.contracts ?? [];
  const ecConflicts = REQUIREMENTS.filter((r) => r.domain === 'EC' && SANCTIONS_EC_IDS.has(r.id) && combinedStatus(docs, r.id).status === 'conflict').map((r) => r.id);
  if (ecConflicts.length) {
    const ev = ecConflicts.flatMap((id) => {
      const c = combinedStatus(docs, id);
      const e = c.evidence.filter((x) => x.proves === 'conflict');
      return (e.length ? e : c.evidence.slice(0, 1)).map((x) => `contract ${x.document}${x.section ? ` §${x.section}` : ''}: ${id} conflict "${x.quote}"`);
    });
    found.push({ id: 'export-control-conflict', reason: `export-control or sanctions conflict in the contract: ${ecConflicts.join(', ')}`, evidence: ev.length ? ev : ecConflicts.map((id) => `contract: ${id} conflict`) });
  }
  const cats = input.profile.dataCategories ?? input.answers?.dataCategories ?? [];
  const special = cats.filter((c) => SPECIAL_CATEGORIES.includes(c));
  const trains = parts['SR-TRAINING-USE'].unknown !== true && parts['SR-TRAINING-USE'].risk >= TRAINING_RISK['opt-out'];
  if (special.length && trains) {
    found.push({ id: 'special-category-training', reason: `${special.join(' and ')} data with a vendor that trains on customer data (${parts['SR-TRAINING-USE'].basis})`, evidence: [`data categories: ${special.join(', ')}`, `training use: ${parts['SR-TRAINING-USE'].basis}`] });
  }
  const emb = new Set(cfg.embargoedCountries);
  const p = input.profile;
  const controlled = [p.parent, p.ultimateOwner, ...(p.owners ?? []).filter((o) => (o.share ?? 0) >= 50)].filter((o): o is Owner => !!o && !!o.country && emb.has(o.country));
  if (emb.has(p.country) || controlled.length) {
    const who = [emb.has(p.country) ? `vendor (${p.country})` : '', ...controlled.map((o) => `${o.name} (${o.country})`)].filter((x) => x);
    found.push({ id: 'embargoed-country', reason: `established in or controlled from an embargoed country: ${who.join(', ')}`, evidence: who.map((w) => `vendor profile: ${w}`) });
  }
  const out: FloorResult[] = [];
  let current = scoreTier;
  // Strongest floors first so `raised` marks the one that set the tier.
  const withTier = found
    .map((f) => ({ ...f, tier: cfg.floors[f.id] }))
    .filter((f): f is { id: FloorId; reason: string; evidence: string[]; tier: Tier } => f.tier !== 'none')
    .sort((x, y) => tierRank(y.tier) - tierRank(x.tier));
  for (const f of withTier) {
    const raised = tierRank(f.tier) > tierRank(current);
    if (raised) current = f.tier;
    out.push({ id: f.id, tier: f.tier, raised, reason: f.reason, evidence: f.evidence });
  }
  return out;
}
