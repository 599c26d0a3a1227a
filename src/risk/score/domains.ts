// Contract domain scorers (AD, DR, EC): the risk of each domain from the contract results.
import { REQUIREMENTS } from '../../catalog.js';
import type { DocumentReport } from '../../types.js';
import { LEVEL_FACTOR, type RiskConfig, SEVERITY_WEIGHT, STATUS_POINTS } from '../defaults.js';
import type { FactorEvidence, RequirementPolicy } from './types.js';
import { combinedStatus } from './exposure.js';
import { type Partial0, round2, unknownFactor } from './common.js';

// ---- contract domains ---------------------------------------------------------------------------

export function domain(d: 'AD' | 'DR' | 'EC', docs: DocumentReport[], policy: Record<string, RequirementPolicy> | undefined, cfg: RiskConfig): Partial0 {
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
