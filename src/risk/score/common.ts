// Helpers shared by the factor scorers: rounding, an unknown factor, the decisive item of a max factor.
import type { RiskConfig } from '../defaults.js';
import type { FactorEvidence, FactorScore } from './types.js';

export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface Partial0 {
  risk: number;
  method: FactorScore['method'];
  basis: string;
  evidence: FactorEvidence[];
  unknown?: boolean;
  assessed?: boolean;
}

export function unknownFactor(cfg: RiskConfig, why: string): Partial0 {
  return { risk: cfg.unknownRisk, method: 'unknown', basis: `not stated: unknown risk ${cfg.unknownRisk} (config)`, evidence: [{ source: 'config', text: why, points: cfg.unknownRisk, decisive: true }], unknown: true };
}

/** Mark the decisive item of a max factor and build its result. */
export function maxOf(items: FactorEvidence[], basisWhenZero: string): Partial0 {
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
