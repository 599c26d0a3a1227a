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


export function applyFloors(input: RiskInput, parts: Record<FactorId, Partial0>, cfg: RiskConfig, scoreTier: Tier): FloorResult[] {
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
