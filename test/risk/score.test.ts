// The score's arithmetic, factor by factor. Every expected number is worked out by hand in the
// comments from the documented tables (src/risk/defaults.ts), never taken from the code's output.
import { describe, expect, it, vi } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { defaultConfig, type FactorId, type RiskConfig } from '../../src/risk/defaults.js';
import type { VendorProfile } from '../../src/risk/profile.js';
import { type AnswerFacts, monthsBefore, type RiskInput, scoreVendor } from '../../src/risk/score/index.js';
import { type LoadedLists, Screener } from '../../src/risk/screening/index.js';
import type { DocumentReport, Evidence, Status } from '../../src/types.js';

const AS_OF = '2025-07-01';

function base(extra: Partial<VendorProfile> = {}): VendorProfile {
  return { name: 'Test Vendor Ltd', country: 'GB', ...extra };
}

/** A config that weighs only the given factors. */
function only(weights: Partial<Record<FactorId, number>>): RiskConfig {
  const c = defaultConfig();
  for (const k of Object.keys(c.weights) as FactorId[]) c.weights[k] = weights[k] ?? 0;
  return c;
}

function factor(input: RiskInput, id: FactorId, cfg = defaultConfig()) {
  return scoreVendor(input, cfg).factors.find((f) => f.id === id)!;
}

function doc(statuses: Record<string, Status>, evidence: Record<string, Partial<Evidence>[]> = {}, path = 'contract.txt'): DocumentReport {
  return {
    path,
    format: 'txt',
    pages: 1,
    sha256: '0'.repeat(64),
    warnings: [],
    requirements: REQUIREMENTS.map((r) => ({
      id: r.id,
      title: r.title,
      status: statuses[r.id] ?? 'met',
      severity: 'none',
      evidence: (evidence[r.id] ?? []).map((e) => ({ quote: 'q', page: 1, section: '1', start: 0, end: 1, rule: 'r', proves: 'met', ...e })),
      suggestion: '',
      notes: [],
    })),
  };
}

describe('overall score: a worked example', () => {
  // No contract, no list, no questionnaire: AD, DR, EC and SR-RESTRICTED-LIST take the unknown
  // risk 50; SR-CONSISTENCY is not assessed, so its weight (2) leaves the total: 100 - 2 = 98.
  //   AD 10×50=500  DR 15×50=750  EC 10×50=500  JUR 10×0=0  LIST 10×50=500
  //   DEPLOYMENT vendor-api 5×80=400  DATA max(internal 30, personal 60) 10×60=600  TRAINING never 10×0=0
  //   RETENTION 60 days (31-90 band) 5×40=200  CERTS 1 key (ISO expired) 5×50=250
  //   ABUSE 100-2×25=50 → 3×50=150  INCIDENTS breach in window 50, sanctions 2022 outside 0 → 5×50=250
  //   Σ = 4100; score = 4100 / 98 = 41.8367 → 41.8 → medium (25 ≤ 41.8 < 50)
  const profile = base({
    deployment: 'vendor-api',
    dataCategories: ['internal', 'personal'],
    training: 'never',
    retentionDays: 60,
    certifications: ['SOC 2 Type II', { name: 'ISO 27001', expires: '2024-01-01' }],
    abuseControls: ['kyc', 'rate-limits'],
    incidents: [
      { date: '2025-03-01', type: 'breach', summary: 'b' },
      { date: '2022-01-01', type: 'sanctions', summary: 'old' },
    ],
  });
  const s = scoreVendor({ profile, asOf: AS_OF }, defaultConfig());
  const risk = (id: FactorId) => s.factors.find((f) => f.id === id)!;

  it('gives each factor its hand-computed risk', () => {
    expect(Object.fromEntries(s.factors.map((f) => [f.id, f.risk]))).toEqual({
      AD: 50, DR: 50, EC: 50,
      'SR-JURISDICTION': 0, 'SR-RESTRICTED-LIST': 50, 'SR-DEPLOYMENT': 80, 'SR-DATA-SENSITIVITY': 60,
      'SR-TRAINING-USE': 0, 'SR-RETENTION': 40, 'SR-CERTIFICATIONS': 50, 'SR-ABUSE-CONTROLS': 50,
      'SR-INCIDENTS': 50, 'SR-CONSISTENCY': 0,
    });
  });

  it('excludes the factor it cannot assess and shares the weight among the others', () => {
    expect(risk('SR-CONSISTENCY').assessed).toBe(false);
    expect(s.totalWeight).toBe(98);
    expect(risk('SR-DEPLOYMENT').share).toBeCloseTo(5 / 98, 4);
    expect(risk('SR-DEPLOYMENT').contribution).toBe(4.08); // 400 / 98 = 4.0816
    expect(risk('DR').contribution).toBe(7.65); // 750 / 98 = 7.653
  });

  it('adds the contributions up to the score and picks the tier', () => {
    expect(s.score).toBe(41.8);
    expect(s.scoreTier).toBe('medium');
    expect(s.tier).toBe('medium');
    expect(s.floors).toEqual([]);
  });

  it('marks unknown factors and the decisive evidence of max factors', () => {
    expect(risk('AD').unknown).toBe(true);
    expect(risk('SR-DATA-SENSITIVITY').evidence.filter((e) => e.decisive).map((e) => e.text)).toEqual(['data category: personal']);
  });
});

describe('factor by factor', () => {
  it('SR-JURISDICTION: the riskiest of vendor, owners and subprocessors', () => {
    const j = (p: Partial<VendorProfile>) => factor({ profile: base(p), asOf: AS_OF }, 'SR-JURISDICTION').risk;
    expect(j({})).toBe(0);
    expect(j({ country: 'CN' })).toBe(80); // country of concern
    expect(j({ country: 'KP' })).toBe(100); // embargoed
    expect(j({ parent: { name: 'P', country: 'CN' } })).toBe(80); // a parent controls unless a share says otherwise
    expect(j({ parent: { name: 'P', country: 'CN', share: 30 } })).toBe(50); // 25-49%
    expect(j({ owners: [{ name: 'O', country: 'RU', share: 10 }] })).toBe(25); // under 25%
    expect(j({ owners: [{ name: 'O', country: 'RU', share: 55 }] })).toBe(80); // control
    expect(j({ owners: [{ name: 'O', country: 'IR', share: 55 }] })).toBe(100); // controlled from an embargoed country
    expect(j({ subprocessors: [{ name: 'S', country: 'CN' }] })).toBe(30);
    expect(j({ parent: { name: 'P' } })).toBe(50); // country unknown: unknown risk
  });

  it('SR-DEPLOYMENT and SR-DATA-SENSITIVITY from the tables', () => {
    const d = (deployment: VendorProfile['deployment']) => factor({ profile: base({ deployment }), asOf: AS_OF }, 'SR-DEPLOYMENT').risk;
    expect([d('on-premises'), d('open-weights'), d('private-cloud'), d('vendor-dedicated'), d('vendor-api')]).toEqual([0, 0, 25, 50, 80]);
    const s = (p: Partial<VendorProfile>) => factor({ profile: base(p), asOf: AS_OF }, 'SR-DATA-SENSITIVITY').risk;
    expect(s({ dataCategories: ['public'] })).toBe(0);
    expect(s({ dataCategories: ['public', 'financial'] })).toBe(75);
    expect(s({ dataCategories: ['health'] })).toBe(90);
    expect(s({ dataCategories: ['internal'], regulatedIndustry: true })).toBe(75); // regulated floor over internal 30
    expect(s({ dataCategories: ['public'], regulatedIndustry: true })).toBe(0); // public data only: no floor
  });

  it('SR-TRAINING-USE: stated use, and a contract that allows training', () => {
    const t = (p: Partial<VendorProfile>, contracts?: DocumentReport[]) => factor({ profile: base(p), asOf: AS_OF, ...(contracts ? { contracts } : {}) }, 'SR-TRAINING-USE');
    expect([t({ training: 'never' }).risk, t({ training: 'opt-in' }).risk, t({ training: 'opt-out' }).risk, t({ training: 'yes' }).risk]).toEqual([0, 10, 70, 100]);
    expect(t({}).unknown).toBe(true);
    const conflict = doc({ 'DR-NO-TRAINING': 'conflict' }, { 'DR-NO-TRAINING': [{ proves: 'conflict', quote: 'Provider may use Customer Data to improve its models.' }] });
    const f = t({ training: 'never' }, [conflict]);
    expect(f.risk).toBe(100);
    expect(f.evidence.find((e) => e.decisive)!.quote).toBe('Provider may use Customer Data to improve its models.');
  });

  it('SR-RETENTION: bands, the playbook limit, unbounded, and contract durations', () => {
    const r = (retentionDays: VendorProfile['retentionDays'], cfg = defaultConfig()) => factor({ profile: base({ retentionDays }), asOf: AS_OF }, 'SR-RETENTION', cfg).risk;
    expect([r(0), r(30), r(31), r(90), r(365), r(366), r('unbounded')]).toEqual([0, 10, 40, 40, 70, 100, 100]);
    const strict = defaultConfig();
    strict.maxRetentionDays = 7;
    expect(r(14, strict)).toBe(40); // band 10, but over the 7-day limit: at least 40
    const withDuration = doc({}, { 'DR-RETENTION-PERIOD': [{ proves: 'met', value: { kind: 'duration', text: 'sixty (60) days', amount: 60, unit: 'day', days: 60 } }] });
    expect(factor({ profile: base(), asOf: AS_OF, contracts: [withDuration] }, 'SR-RETENTION').risk).toBe(40);
    expect(factor({ profile: base(), asOf: AS_OF, contracts: [doc({ 'DR-RETENTION-PERIOD': 'conflict' })] }, 'SR-RETENTION').risk).toBe(100);
  });

  it('SR-CERTIFICATIONS: key certifications held and not expired', () => {
    const c = (certifications: VendorProfile['certifications']) => factor({ profile: base({ certifications }), asOf: AS_OF }, 'SR-CERTIFICATIONS').risk;
    expect(c([])).toBe(100);
    expect(c(['SOC2 Type 2'])).toBe(50);
    expect(c(['SOC 2 Type II', 'ISO/IEC 27001:2022'])).toBe(25);
    expect(c(['SOC 2 Type II', 'ISO 27001', 'ISO/IEC 42001'])).toBe(0);
    expect(c(['SOC 2 Type I', 'PCI DSS'])).toBe(100); // neither is a key certification
    expect(c([{ name: 'ISO 27001', expires: '2025-06-30' }])).toBe(100); // expired the day before AS_OF
  });

  it('SR-CERTIFICATIONS: SOC 2 Type II is recognized in its spellings, without a regex that spans the whole name', () => {
    const c = (name: string) => factor({ profile: base({ certifications: [name] }), asOf: AS_OF }, 'SR-CERTIFICATIONS').risk;
    for (const name of ['SOC 2 Type II', 'soc-2 type 2', 'SOC - 2, Type II report', 'AICPA SOC2 (Type II)', 'x\nSOC 2 Type II']) expect(c(name), name).toBe(50);
    for (const name of ['SOC 2 Type I', 'Type II SOC 2', 'SOC 2\nType II', 'SOC 22 Type II', 'SOC 2 TypeIII']) expect(c(name), name).toBe(100);
    // A regex with `.*` between "soc 2" and "type" restarts at every "soc 2": quadratic on a long name.
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    let sources: string[];
    let risk: number;
    try {
      risk = c(`${'soc 2 '.repeat(20_000)}type ii`);
    } finally {
      sources = exec.mock.contexts.map((re) => (re as RegExp).source);
      exec.mockRestore();
    }
    expect(risk).toBe(50);
    expect(sources.filter((src) => /soc|type/.test(src) && src.includes('.*'))).toEqual([]);
  });

  it('SR-ABUSE-CONTROLS: 100 minus 25 per control', () => {
    const a = (abuseControls: VendorProfile['abuseControls']) => factor({ profile: base({ abuseControls }), asOf: AS_OF }, 'SR-ABUSE-CONTROLS').risk;
    expect([a([]), a(['kyc']), a(['kyc', 'watermarking', 'rate-limits']), a(['kyc', 'rate-limits', 'anomaly-detection', 'watermarking'])]).toEqual([100, 75, 25, 0]);
  });

  it('SR-INCIDENTS: points per incident in the window, capped at 100', () => {
    const i = (incidents: VendorProfile['incidents']) => factor({ profile: base({ incidents }), asOf: AS_OF }, 'SR-INCIDENTS').risk;
    expect(i([])).toBe(0);
    expect(i([{ date: '2023-07-01', type: 'breach', summary: 'first day of the 24-month window' }])).toBe(50);
    expect(i([{ date: '2023-06-30', type: 'breach', summary: 'a day before the window' }])).toBe(0);
    expect(i([{ date: '2025-01-01', type: 'outage', summary: 'o' }, { date: '2025-02-01', type: 'legal', summary: 'l' }])).toBe(35); // 10 + 25
    expect(i([{ date: '2025-01-01', type: 'breach', summary: 'a' }, { date: '2025-02-01', type: 'distillation', summary: 'b' }, { date: '2025-03-01', type: 'breach', summary: 'c' }])).toBe(100); // 150 capped
    expect(monthsBefore('2025-03-31', 1)).toBe('2025-02-28');
    expect(monthsBefore('2025-07-01', 24)).toBe('2023-07-01');
  });

  it('SR-CONSISTENCY: 50 per contradiction, only with a questionnaire and a contract', () => {
    const answers = (n: number): AnswerFacts => ({ file: 'q.yaml', contradictions: Array.from({ length: n }, (_, k) => ({ message: `c${k}` })), notes: {} });
    const c = (n: number, contracts: DocumentReport[]) => factor({ profile: base(), asOf: AS_OF, answers: answers(n), contracts }, 'SR-CONSISTENCY');
    expect(c(0, [doc({})]).risk).toBe(0);
    expect(c(1, [doc({})]).risk).toBe(50);
    expect(c(3, [doc({})]).risk).toBe(100);
    expect(c(1, []).assessed).toBe(false);
  });

  it('contract domains: status points weighted by requirement severity', () => {
    // AD weights (catalog severity): OUTPUT-USE 4, EXTRACTION 3, REVERSE-ENG 3, ACCOUNT 3, RATE-LIMITS 2,
    // MONITORING 2, SUSPENSION 3, WATERMARK 1, AUDIT 2, REMEDIES 2 → 25.
    // OUTPUT-USE missing (80) and WATERMARK partial (50): (4×80 + 1×50) / 25 = 370 / 25 = 14.8
    const d = doc({ 'AD-OUTPUT-USE': 'missing', 'AD-WATERMARK': 'partial' });
    const ad = factor({ profile: base(), asOf: AS_OF, contracts: [d] }, 'AD');
    expect(ad.risk).toBe(14.8);
    expect(ad.evidence.find((e) => e.text.startsWith('AD-OUTPUT-USE'))!.points).toBe(12.8); // 320 / 25
    // With a policy: WATERMARK ignored (weight 0), OUTPUT-USE recommended (4 × 0.5 = 2): total 22, 2×80/22 = 7.2727
    const policy: NonNullable<RiskInput['policy']> = Object.fromEntries(REQUIREMENTS.map((r) => [r.id, { level: 'required' as const, severity: r.severity }]));
    policy['AD-WATERMARK'] = { level: 'ignore', severity: 'low' };
    policy['AD-OUTPUT-USE'] = { level: 'recommended', severity: 'critical' };
    expect(factor({ profile: base(), asOf: AS_OF, contracts: [d], policy }, 'AD').risk).toBe(7.27);
  });

  it('contract domains: several documents combine, conflict first, then met', () => {
    // DR weights: NO-TRAINING 4, RETENTION-PERIOD 3, DELETION 3, LOCATION 2, SUBPROCESSORS 2, CONFIDENTIALITY 3,
    // BREACH-NOTICE 3, LOG-ACCESS 1, RETENTION-EXCEPTIONS 2 → 23.
    const msa = doc({ 'DR-NO-TRAINING': 'met', 'DR-DELETION': 'missing' }, {}, 'msa.txt');
    const dpa = doc({ 'DR-NO-TRAINING': 'conflict', 'DR-DELETION': 'met' }, {}, 'dpa.txt');
    // NO-TRAINING: conflict wins (100 × 4); DELETION: met wins over missing (0): 400 / 23 = 17.39
    expect(factor({ profile: base(), asOf: AS_OF, contracts: [msa, dpa] }, 'DR').risk).toBe(17.39);
  });
});

describe('floors', () => {
  const zero = only({ 'SR-DEPLOYMENT': 1 }); // score = deployment risk alone

  it('special-category data with a vendor that trains: at least high', () => {
    const s = scoreVendor({ profile: base({ deployment: 'on-premises', dataCategories: ['special-category'], training: 'opt-out' }), asOf: AS_OF }, zero);
    expect(s.score).toBe(0);
    expect(s.scoreTier).toBe('low');
    expect(s.tier).toBe('high');
    expect(s.floors.map((f) => [f.id, f.tier, f.raised])).toEqual([['special-category-training', 'high', true]]);
    // opt-in is not training by default: no floor
    expect(scoreVendor({ profile: base({ deployment: 'on-premises', dataCategories: ['health'], training: 'opt-in' }), asOf: AS_OF }, zero).tier).toBe('low');
  });

  it('an at-will modify-or-discontinue clause (EC-CHANGE-IN-LAW conflict) raises no export-control floor', () => {
    const s = scoreVendor({ profile: base({ deployment: 'on-premises' }), asOf: AS_OF, contracts: [doc({ 'EC-CHANGE-IN-LAW': 'conflict' })] }, zero);
    expect(s.floors.map((f) => f.id)).not.toContain('export-control-conflict');
    expect(s.tier).toBe(s.scoreTier);
  });

  it('a sanctions conflict in the contract: critical, naming the clause it rests on', () => {
    const s = scoreVendor(
      { profile: base({ deployment: 'on-premises' }), asOf: AS_OF, contracts: [doc({ 'EC-RESTRICTED-PARTY': 'conflict' }, { 'EC-RESTRICTED-PARTY': [{ quote: 'the listed affiliate may receive the model', section: '9.2', proves: 'conflict' }] })] },
      zero,
    );
    expect(s.tier).toBe('critical');
    expect(s.floors[0]!.reason).toContain('EC-RESTRICTED-PARTY');
    expect(s.floors[0]!.evidence).toEqual(['contract contract.txt §9.2: EC-RESTRICTED-PARTY conflict "the listed affiliate may receive the model"']);
  });

  it('a restricted-list hit: critical; a match to review: at least high', () => {
    const loaded: LoadedLists = {
      lists: [{ file: 'l.csv', name: 'l.csv', format: 'names-csv', entries: 2, date: '2025-01-01', dateSource: 'file', sha256: '0'.repeat(64) }],
      entries: [
        { list: 'l.csv', source: 'Test', id: '1', type: '', name: 'Test Vendor Limited', aliases: [], programs: [], countries: [] },
        { list: 'l.csv', source: 'Test', id: '2', type: '', name: 'Parent Holdngs Group', aliases: [], programs: [], countries: [] },
      ],
    };
    const screener = new Screener(loaded);
    const hit = scoreVendor({ profile: base({ deployment: 'on-premises' }), asOf: AS_OF, screening: screener.report([{ name: 'Test Vendor Ltd', role: 'vendor' }]) }, zero);
    expect(hit.tier).toBe('critical');
    expect(factor({ profile: base(), asOf: AS_OF, screening: screener.report([{ name: 'Test Vendor Ltd', role: 'vendor' }]) }, 'SR-RESTRICTED-LIST').risk).toBe(100);
    const review = scoreVendor({ profile: base({ deployment: 'on-premises' }), asOf: AS_OF, screening: screener.report([{ name: 'Parent Holdings Group', role: 'parent' }]) }, zero);
    expect(review.tier).toBe('high');
    expect(review.floors.map((f) => f.id)).toEqual(['restricted-list-review']);
    expect(review.floors[0]!.evidence[0]).toMatch(/^screening: parent "Parent Holdings Group" ~ "Parent Holdngs Group" \(Test, l\.csv #2, score 0\.\d\d\)$/);
    expect(hit.floors[0]!.evidence[0]).toContain('screening: vendor "Test Vendor Ltd" = "Test Vendor Limited"');
  });

  it('floors can be switched off by the config, and only the strongest raises', () => {
    const off = only({ 'SR-DEPLOYMENT': 1 });
    off.floors['export-control-conflict'] = 'none';
    expect(scoreVendor({ profile: base({ deployment: 'on-premises' }), asOf: AS_OF, contracts: [doc({ 'EC-END-USE': 'conflict' })] }, off).tier).toBe('low');
    const both = scoreVendor(
      { profile: base({ deployment: 'on-premises', dataCategories: ['health'], training: 'yes' }), asOf: AS_OF, contracts: [doc({ 'EC-END-USE': 'conflict' })] },
      zero,
    );
    expect(both.floors.map((f) => [f.id, f.raised])).toEqual([
      ['export-control-conflict', true],
      ['special-category-training', false],
    ]);
  });

  it('tier thresholds come from the config', () => {
    // deployment vendor-api alone: score 80
    expect(scoreVendor({ profile: base({ deployment: 'vendor-api' }), asOf: AS_OF }, zero).tier).toBe('critical');
    const lax = only({ 'SR-DEPLOYMENT': 1 });
    lax.tiers = { medium: 50, high: 85, critical: 95 };
    expect(scoreVendor({ profile: base({ deployment: 'vendor-api' }), asOf: AS_OF }, lax).tier).toBe('medium');
  });
});
