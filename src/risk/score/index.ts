// The explainable risk score of a vendor: every factor scored, weighted, tiered and floored (see types.ts).
import { ALL_FACTOR_IDS, DOMAIN_IDS, FACTOR_TITLES, type FactorId, type RiskConfig } from '../defaults.js';
import type { FactorScore, RiskInput, RiskScore } from './types.js';
import { type Partial0, round1, round2 } from './common.js';
import { abuseControls, certifications, consistency, incidents } from './conduct.js';
import { domain } from './domains.js';
import { dataSensitivity, deployment, jurisdiction, restricted, retention, training } from './exposure.js';
import { applyFloors, tierFor } from './tiers.js';

export * from './types.js';
export { tierFor, tierRank } from './tiers.js';
export { combinedStatus, SPECIAL_CATEGORIES } from './exposure.js';
export { monthsBefore } from './conduct.js';

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
