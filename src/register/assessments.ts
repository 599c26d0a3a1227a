// Vendor assessments in the register: `assess` and `portfolio` record score and tier; `portfolio
// --since DATE` compares today's tiers with the latest recorded on or before that date.
import type { RiskAssessment } from '../risk/assess.js';
import { TIERS, type Tier } from '../risk/defaults.js';
import type { PortfolioDiff, PortfolioReport } from '../risk/portfolio.js';
import { tierRank } from '../risk/score/index.js';
import { VERSION } from '../version.js';
import type { AssessmentInput, RegisterStore } from './types.js';

export function assessmentOf(a: RiskAssessment, at = new Date().toISOString()): AssessmentInput {
  return { vendor: a.vendor.name, source: 'assess', at, asOf: a.asOf, score: a.score, tier: a.tier, playbook: a.playbook, profile: a.vendor.profile, toolVersion: VERSION };
}

export function assessmentsOfPortfolio(p: PortfolioReport, at = new Date().toISOString()): AssessmentInput[] {
  return p.vendors.map((v) => ({ vendor: v.name, source: 'portfolio' as const, at, asOf: p.asOf, score: v.score, tier: v.tier, playbook: p.playbook, profile: v.folder, toolVersion: VERSION }));
}

/** The end of a YYYY-MM-DD day as an ISO time; undefined when the text is not such a date. */
export function endOfDay(date: string): string | undefined {
  if (!/^\d{4}-\d\d-\d\d$/.test(date)) return undefined;
  const t = Date.parse(`${date}T00:00:00.000Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) return undefined;
  return new Date(t + 86_400_000 - 1).toISOString();
}

/**
 * Who moved since DATE: each vendor of the portfolio against its latest assessment recorded on or
 * before that day (by vendor name). Vendors without one are new; recorded vendors missing now are gone.
 */
export function portfolioSince(store: RegisterStore, date: string, p: PortfolioReport): PortfolioDiff {
  const at = endOfDay(date)!;
  const old = new Map(store.latestAssessmentsAt(at).map((a) => [a.vendor, a]));
  const diff: PortfolioDiff = { old: `the register on ${date}`, changed: [], added: [], removed: [] };
  const seen = new Set<string>();
  for (const v of p.vendors) {
    seen.add(v.name);
    const o = old.get(v.name);
    if (!o || !TIERS.includes(o.tier as Tier)) diff.added.push({ folder: v.folder, name: v.name, tier: v.tier });
    else if (o.tier !== v.tier) {
      const from = o.tier as Tier;
      diff.changed.push({ folder: v.folder, name: v.name, from, to: v.tier, scoreFrom: o.score, scoreTo: v.score, direction: tierRank(v.tier) > tierRank(from) ? 'up' : 'down' });
    }
  }
  for (const o of [...old.values()].sort((a, b) => a.vendor.localeCompare(b.vendor))) {
    if (!seen.has(o.vendor) && TIERS.includes(o.tier as Tier)) diff.removed.push({ folder: o.profile, name: o.vendor, tier: o.tier as Tier });
  }
  return diff;
}
