import { describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { readAnswerFacts } from '../../src/risk/answers.js';
import { defaultConfig } from '../../src/risk/defaults.js';
import { scoreVendor } from '../../src/risk/score/index.js';
import type { DocumentReport, Status } from '../../src/types.js';

function doc(statuses: Record<string, Status>): DocumentReport {
  return {
    path: 'c.txt', format: 'txt', pages: 1, sha256: '0'.repeat(64), warnings: [],
    requirements: REQUIREMENTS.map((r) => ({
      id: r.id, title: r.title, status: statuses[r.id] ?? 'met', severity: 'none', suggestion: '', notes: [],
      evidence: statuses[r.id] === 'conflict' ? [{ quote: 'Provider may use Customer Data to train its models.', page: 1, section: '4', start: 0, end: 10, rule: 'x', proves: 'conflict' }] : [],
    })),
  };
}

describe('questionnaire answers as risk facts', () => {
  it('maps the answered questions to deployment, data, training, retention, certifications, controls and incidents', async () => {
    const { facts, subjects } = await readAnswerFacts('samples/portfolio/lumenfield/questionnaire.yaml', []);
    expect(facts).toMatchObject({
      deployment: 'vendor-api',
      dataCategories: ['internal', 'personal'],
      training: 'never',
      retentionDays: 30,
      certifications: ['SOC 2 Type II', 'ISO/IEC 27001', 'ISO/IEC 42001'],
      abuseControls: { present: ['kyc', 'rate-limits', 'anomaly-detection', 'watermarking'], absent: [] },
      incidents: [],
      contradictions: [],
    });
    expect(facts.restrictedListClaim).toBeUndefined();
    expect(subjects).toEqual([{ name: 'Lumenfield AI Ltd', country: 'GB', role: 'vendor (questionnaire)' }]);
  });

  it('an answer that contradicts the contract feeds SR-CONSISTENCY', async () => {
    const { facts } = await readAnswerFacts('samples/portfolio/orbital-notes/questionnaire.yaml', [doc({ 'DR-NO-TRAINING': 'conflict' })]);
    expect(facts.contradictions.length).toBeGreaterThanOrEqual(1);
    expect(facts.contradictions.some((c) => /train/i.test(c.message) && (c.detail ?? '').includes('Provider may use Customer Data to train its models.'))).toBe(true);
    const s = scoreVendor({ profile: { name: 'Orbital Notes, Inc.', country: 'US' }, asOf: '2025-07-01', answers: facts, contracts: [doc({ 'DR-NO-TRAINING': 'conflict' })] }, defaultConfig());
    expect(s.factors.find((f) => f.id === 'SR-CONSISTENCY')!.risk).toBe(Math.min(100, 50 * facts.contradictions.length));
  });

  it('a breach declared in both the profile and the questionnaire counts once', async () => {
    const { facts } = await readAnswerFacts('samples/portfolio/orbital-notes/questionnaire.yaml', []);
    const s = scoreVendor(
      { profile: { name: 'O', country: 'US', incidents: [{ date: '2025-03-14', type: 'breach', summary: 'caching error' }] }, asOf: '2025-07-01', answers: facts },
      defaultConfig(),
    );
    expect(s.factors.find((f) => f.id === 'SR-INCIDENTS')!.risk).toBe(50);
  });
});
