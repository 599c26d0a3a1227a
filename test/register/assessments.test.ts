import { describe, expect, it } from 'vitest';
import { endOfDay, portfolioSince } from '../../src/register/assessments.js';
import type { PortfolioReport, PortfolioVendor } from '../../src/risk/portfolio.js';
import type { Tier } from '../../src/risk/defaults.js';
import { open, tempDir } from './helpers.js';

const vendor = (name: string, tier: Tier, score: number) => ({ name, folder: `/p/${name}`, tier, score }) as unknown as PortfolioVendor;
const portfolio = (vendors: PortfolioVendor[]) => ({ kind: 'vendor-portfolio', vendors }) as unknown as PortfolioReport;
const rec = (vendor: string, tier: string, score: number, at: string) => ({
  vendor, source: 'portfolio' as const, at, asOf: at.slice(0, 10), score, tier, playbook: 'ai-buyer', profile: `/p/${vendor}`, toolVersion: 't',
});

describe('portfolio --since', () => {
  it('compares with the latest tier recorded on or before the date', () => {
    const store = open(tempDir());
    store.recordAssessments([rec('Alpha', 'low', 20, '2026-10-01T09:00:00.000Z'), rec('Beta', 'high', 70, '2026-10-01T09:00:00.000Z'), rec('Gone', 'medium', 40, '2026-10-01T09:00:00.000Z')]);
    store.recordAssessments([rec('Alpha', 'medium', 45, '2026-11-15T23:30:00.000Z')]);
    store.recordAssessments([rec('Alpha', 'critical', 95, '2026-11-16T00:00:01.000Z')]);
    const now = portfolio([vendor('Alpha', 'high', 75), vendor('Beta', 'medium', 50), vendor('Newco', 'low', 10)]);
    const d = portfolioSince(store, '2026-11-15', now);
    expect(d.changed).toEqual([
      { folder: '/p/Alpha', name: 'Alpha', from: 'medium', to: 'high', scoreFrom: 45, scoreTo: 75, direction: 'up' },
      { folder: '/p/Beta', name: 'Beta', from: 'high', to: 'medium', scoreFrom: 70, scoreTo: 50, direction: 'down' },
    ]);
    expect(d.added).toEqual([{ folder: '/p/Newco', name: 'Newco', tier: 'low' }]);
    expect(d.removed).toEqual([{ folder: '/p/Gone', name: 'Gone', tier: 'medium' }]);
    expect(portfolioSince(store, '2026-09-30', now).added.map((a) => a.name)).toEqual(['Alpha', 'Beta', 'Newco']);
    store.close();
  });

  it('takes only real dates', () => {
    expect(endOfDay('2026-11-15')).toBe('2026-11-15T23:59:59.999Z');
    expect(endOfDay('2026-02-30')).toBeUndefined();
    expect(endOfDay('15/11/2026')).toBeUndefined();
  });
});
