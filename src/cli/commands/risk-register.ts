// assess and portfolio's link to the register: --record stores the assessments; portfolio --since
// DATE compares with the tiers recorded on or before that date. Register code loads only when used.
import type { Options } from 'yargs';
import type { RiskAssessment } from '../../risk/assess.js';
import type { PortfolioReport } from '../../risk/portfolio.js';
import { registerPath } from '../../register/path.js';
import { UsageError } from '../errors.js';
import { dbOption } from './db-option.js';

export const riskRegisterOptions: Record<'record' | 'db', Options> = {
  record: { type: 'boolean', describe: 'store the assessment (score, tier) in the register (.clausecheck/register.db, --db or $CLAUSECHECK_DB)' },
  db: dbOption,
};

export async function recordAssessment(a: RiskAssessment, args: { record?: boolean; db?: string }): Promise<void> {
  if (!args.record) return;
  const { openRegister } = await import('../../register/index.js');
  const { assessmentOf } = await import('../../register/assessments.js');
  const store = openRegister(registerPath(args.db), { create: true });
  try {
    store.recordAssessments([assessmentOf(a)]);
  } finally {
    store.close();
  }
}

/** --since: the register's tiers on that date as the report's diff; --record: store this run (after comparing). */
export async function portfolioRegister(p: PortfolioReport, args: { record?: boolean; db?: string; since?: string; diff?: string }): Promise<PortfolioReport> {
  if (!args.record && args.since === undefined) return p;
  const { openRegister } = await import('../../register/index.js');
  const { assessmentsOfPortfolio, endOfDay, portfolioSince } = await import('../../register/assessments.js');
  if (args.since !== undefined && !endOfDay(args.since)) throw new UsageError(`--since ${args.since}: expected a date as YYYY-MM-DD`);
  const store = openRegister(registerPath(args.db), { create: args.record === true });
  try {
    const out = args.since !== undefined ? { ...p, diff: portfolioSince(store, args.since, p) } : p;
    if (args.record) store.recordAssessments(assessmentsOfPortfolio(p));
    return out;
  } finally {
    store.close();
  }
}
