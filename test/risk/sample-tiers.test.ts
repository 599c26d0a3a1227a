// The 8 sample vendors (samples/portfolio) against hand-computed scores and tiers.
//
// Setting: the README's portfolio run: -l lists/sample-csl.csv --allowlist samples/portfolio/allowlist.yaml
// --as-of 2025-07-01, the ai-buyer playbook (default). The expected values below were worked out by hand
// from src/risk/defaults.ts (weights, tables, tiers 25/50/75, floors), the playbook and each vendor's
// inputs, not by running the scorer. The only machine-made input is each contract's per-requirement
// status (the contract checker's result, tested elsewhere); it is asserted first, so that a rule change
// shows up as a changed input, not as an unexplained score.
//
// Requirement weights under ai-buyer: severity (low 1, medium 2, high 3, critical 4) × level (required 1,
// recommended 0.5, ignore 0):
//   AD  OUTPUT-USE .5  EXTRACTION .5  REVERSE-ENG .5  ACCOUNT-INTEGRITY .5  RATE-LIMITS .5  MONITORING 1
//       SUSPENSION 1  WATERMARK 0  AUDIT-REPORT 2  REMEDIES .5                                      total 7
//   DR  NO-TRAINING 4  RETENTION-PERIOD 3  DELETION 3  LOCATION 2  SUBPROCESSORS 2  CONFIDENTIALITY 3
//       BREACH-NOTICE 3  LOG-ACCESS .5  RETENTION-EXCEPTIONS 2                                    total 22.5
//   EC  COMPLIANCE 3  RESTRICTED-PARTY 3  EMBARGOED 2  FOREIGN-PERSONS 1  REEXPORT .5  END-USE .5
//       CHANGE-IN-LAW 4  CLASSIFICATION 2  NOTIFICATION 2                                          total 18
// Domain risk = Σ weight × status points (met 0, partial 50, missing 80, conflict 100) / total.
// Factor weights: AD 10, DR 15, EC 10, JUR 10, LIST 10, DEPL 5, DATA 10, TRAIN 10, RET 5, CERT 5, ABUSE 3,
// INC 5, CONS 2 (CONS only with a questionnaire and a contract: total weight 100, else 98).
// Score = Σ weight × risk / total weight, rounded to 0.1. Tier: < 25 low, < 50 medium, < 75 high, else critical.
// Floors (ai-buyer): restricted-list hit → critical, review → high, sanctions EC conflict → critical,
// health/special-category data with training → high, embargoed country (CU, IR, KP, SY) → critical.
//
// vendor (no. of contracts)  | AD           | DR                | EC           | JUR LIST DEPL DATA TRAIN RET CERT ABUSE INC CONS | score          | floor (evidence)                     | tier
// crimson-lattice            | 545/7=77.86  | 1525/22.5=67.78   | 1350/18=75   | 80  100  80   60   70    70  100  75    0   -    | 7120.24/98=72.7 high | restricted-list-hit (vendor = "Crimson Lattice Computing Co., Ltd.") | critical
// fernhill-translate         | 560/7=80     | 990/22.5=44       | 1110/18=61.67| 0   100  50   60   0     10  25   25    0   -    | 4176.67/98=42.6 medium | restricted-list-hit (subprocessor Harbour Nine Logistics = the listed alias of "Harbor Nine Logistics FZE") | critical
// lumenfield                 | 200/7=28.57  | 345/22.5=15.33    | 600/18=33.33 | 0   0    80   60   0     10  0    0     0   0    | 1899.05/100=19.0 low | none                                  | low
// meadowbrook                | 80           | 1075/22.5=47.78   | 80           | 0   0    80   90   70    40  50   75    50  -    | 5241.67/98=53.5 high | special-category-training (health + opt-out), not raising | high
// orbital-notes              | 80           | 2085/22.5=92.67   | 1520/18=84.44| 0   0    80   75   100   100 100  75    100 100  | 7109.44/100=71.1 high | none (its EC conflict is CHANGE-IN-LAW, not a sanctions ID) | high
// quartzline                 | 80           | 1230/22.5=54.67   | 1200/18=66.67| 80  100  50   60   0     10  50   25    0   -    | 5311.67/98=54.2 high | restricted-list-hit (ultimate owner Nine Rivers Data Group) | critical
// saltmarsh-ocr              | 520/7=74.29  | 80                | 1000/18=55.56| 0   0    0    75   0     0   50   50u   0   -    | 3648.42/98=37.2 medium | none                                | medium
// tesseract-dynamics         | 520/7=74.29  | 1485/22.5=66      | 910/18=50.56 | 0   0*   0    30   0     0   25   50    0   -    | 2813.41/98=28.7 medium | none (* review cleared by the allowlist) | medium
//
// Notes on the factors: DATA takes the highest category, at least 75 for a regulated industry with non-public
// data (meadowbrook 90 health; saltmarsh 75 financial/regulated; orbital 75 financial). RET: 180 days → 70
// (91–365), 90 → 40, 7/14/30 → 10, 0 → 0, unbounded → 100. CERT: 0 key certifications → 100, 1 → 50, 2 → 25,
// 3 → 0 (lumenfield's ISO 27001 expires 2027-03-31, after the as-of date). ABUSE: 100 − 25 per control;
// saltmarsh states none and has no questionnaire: unknown risk 50 (u). INC: incidents after 2023-07-01
// (24 months): meadowbrook breach 50; orbital breach 50 + distillation 50 (its questionnaire's breach is the
// same one, counted once); tesseract's 2022 outage is outside the window. JUR: quartzline's parent (CN, 60%)
// and ultimate owner (CN, control assumed) → 80; fernhill's subprocessor in AE is not a country of concern.
// orbital DR-CONFIDENTIALITY: its perpetual, irrevocable licence to use and copy Your Content is a conflict (the
// catalog's Clarifications: a perpetual licence to use customer content).
// orbital EC-CHANGE-IN-LAW: "We may suspend or terminate the Services whenever we like" is at will (conflict); the
// export-control floor counts sanctions IDs only, so the tier stays high.
// orbital CONS: two contradictions (training denied vs DR-NO-TRAINING conflict; 30-day retention vs the
// contract's unbounded retention) × 50 = 100; TRAIN 100 from its profile ("yes") and the contract conflict.
import { beforeAll, describe, expect, it } from 'vitest';
import { assessVendor, buildContext, type RiskAssessment } from '../../src/risk/assess.js';
import { findVendorFolders } from '../../src/risk/portfolio.js';
import { REQUIREMENTS } from '../../src/catalog.js';
import { combinedStatus } from '../../src/risk/score/index.js';
import { checkFiles } from '../../src/check/index.js';

interface Expected {
  /** Per-requirement status in catalog order: M met, P partial, - missing, C conflict (the checker's output). */
  statuses: string;
  risks: Record<string, number | null>;
  score: number;
  scoreTier: string;
  tier: string;
  /** Floor id → [raised, a piece of the evidence it rests on]. */
  floors: Record<string, [boolean, string]>;
}

const F = ['AD', 'DR', 'EC', 'SR-JURISDICTION', 'SR-RESTRICTED-LIST', 'SR-DEPLOYMENT', 'SR-DATA-SENSITIVITY', 'SR-TRAINING-USE', 'SR-RETENTION', 'SR-CERTIFICATIONS', 'SR-ABUSE-CONTROLS', 'SR-INCIDENTS', 'SR-CONSISTENCY'];
const risks = (...xs: Array<number | null>): Record<string, number | null> => Object.fromEntries(F.map((id, i) => [id, xs[i]!]));

const EXPECTED: Record<string, Expected> = {
  'crimson-lattice': {
    // DR-DELETION partial: no deletion or return duty, but prompts and outputs are kept 180 days (Further
    // clarifications, DR-DELETION: a bounded retention period is partial). DR 1615 - 3 x (80 - 50) = 1525,
    // /22.5 = 67.78; score 7180.24 - 15 x 4 = 7120.24, /98 = 72.7.
    statuses: 'P - - - - - - - - - | P P P C - - - P - | P - - - - - - - -',
    risks: risks(77.86, 67.78, 75, 80, 100, 80, 60, 70, 70, 100, 75, 0, null),
    score: 72.7, scoreTier: 'high', tier: 'critical',
    floors: { 'restricted-list-hit': [true, 'vendor "Crimson Lattice Computing Co., Ltd." = "Crimson Lattice Computing Co., Ltd."'] },
  },
  'fernhill-translate': {
    statuses: '- - - - - - - - - - | M P M - M - - - - | M P - - - - - - -',
    risks: risks(80, 44, 61.67, 0, 100, 50, 60, 0, 10, 25, 25, 0, null),
    score: 42.6, scoreTier: 'medium', tier: 'critical',
    floors: { 'restricted-list-hit': [true, 'subprocessor "Harbour Nine Logistics" = "Harbour Nine Logistics" (Entity List'] },
  },
  lumenfield: {
    statuses: 'M M M M M M M - - - | M M M M - M M P - | M M M - - M - - M',
    risks: risks(28.57, 15.33, 33.33, 0, 0, 80, 60, 0, 10, 0, 0, 0, 0),
    score: 19, scoreTier: 'low', tier: 'low',
    floors: {},
  },
  meadowbrook: {
    // DR-DELETION partial: inputs kept 90 days and no deletion duty (as crimson-lattice). DR 1165 - 90 =
    // 1075, /22.5 = 47.78; score 5301.67 - 15 x 4 = 5241.67, /98 = 53.5.
    statuses: '- - - - - - - - - - | P P P M M - P P - | - - - - - - - - -',
    risks: risks(80, 47.78, 80, 0, 0, 80, 90, 70, 40, 50, 75, 50, null),
    score: 53.5, scoreTier: 'high', tier: 'high',
    floors: { 'special-category-training': [false, 'data categories: health'] },
  },
  'orbital-notes': {
    statuses: '- - - - - - - - - - | C C C C - C - P - | - - - - - - C - -',
    risks: risks(80, 92.67, 84.44, 0, 0, 80, 75, 100, 100, 100, 75, 100, 100),
    score: 71.1, scoreTier: 'high', tier: 'high',
    floors: {},
  },
  quartzline: {
    statuses: '- - - - - - - - - - | M - - M - - P - - | M - - - - - - - -',
    risks: risks(80, 54.67, 66.67, 80, 100, 50, 60, 0, 10, 50, 25, 0, null),
    score: 54.2, scoreTier: 'high', tier: 'critical',
    floors: { 'restricted-list-hit': [true, 'ultimate-owner "Nine Rivers Data Group" = "Nine Rivers Data Group Co. Ltd."'] },
  },
  'saltmarsh-ocr': {
    statuses: '- - M - - - - - - - | - - - - - - - - - | M - - - M - - M -',
    risks: risks(74.29, 80, 55.56, 0, 0, 0, 75, 0, 0, 50, 50, 0, null),
    score: 37.2, scoreTier: 'medium', tier: 'medium',
    floors: {},
  },
  'tesseract-dynamics': {
    // EC-REEXPORT met: "shall comply with ... export control laws and shall not export or re-export the Model
    // to any embargoed country" is an explicit re-export restriction (was partial before the rule read a ban
    // that follows a duty to comply); EC 935 - 0.5 x 50 = 910.
    // DR-DELETION missing: the licence has no deletion or return term; "Licensee shall not remove any
    // watermark" was once read as self-service deletion (partial). DR 1395 + 3 x (80 - 50) = 1485, /22.5 = 66;
    // score 2753.41 + 15 x (66 - 62) = 2813.41, /98 = 28.7.
    statuses: 'M - - - - - - M - - | - M - P - - - P - | M P M - M - - - -',
    risks: risks(74.29, 66, 50.56, 0, 0, 0, 30, 0, 0, 25, 50, 0, null),
    score: 28.7, scoreTier: 'medium', tier: 'medium',
    floors: {},
  },
};

const LETTER: Record<string, string> = { met: 'M', partial: 'P', missing: '-', conflict: 'C' };

describe('the 8 sample vendors against hand-computed scores and tiers', () => {
  const results = new Map<string, { a: RiskAssessment; statuses: string }>();
  beforeAll(async () => {
    const ctx = buildContext({ lists: ['lists/sample-csl.csv'], allowlist: 'samples/portfolio/allowlist.yaml', asOf: '2025-07-01' });
    for (const f of findVendorFolders('samples/portfolio')) {
      const a = await assessVendor(f.profile, ctx, { contracts: f.contracts, ...(f.questionnaire ? { questionnaire: f.questionnaire } : {}), asOf: '2025-07-01' });
      const docs = (await checkFiles(f.contracts, { playbook: ctx.playbook ?? null })).documents;
      const by = (d: string) => REQUIREMENTS.filter((r) => r.domain === d).map((r) => LETTER[combinedStatus(docs, r.id).status]).join(' ');
      results.set(f.folder.split('/').pop()!, { a, statuses: `${by('AD')} | ${by('DR')} | ${by('EC')}` });
    }
  }, 120_000);

  it('covers exactly the eight sample vendors', () => {
    expect([...results.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, x] of Object.entries(EXPECTED)) {
    it(`${name}: ${x.score} → ${x.tier}`, () => {
      const { a, statuses } = results.get(name)!;
      expect(statuses, 'contract statuses (input)').toBe(x.statuses);
      const got = Object.fromEntries(a.factors.map((f) => [f.id, f.assessed ? f.risk : null]));
      expect(got).toEqual(x.risks);
      expect(a.totalWeight).toBe(x.risks['SR-CONSISTENCY'] === null ? 98 : 100);
      expect(a.score).toBe(x.score);
      expect(a.scoreTier).toBe(x.scoreTier);
      expect(a.tier).toBe(x.tier);
      expect(a.floors.map((f) => f.id).sort()).toEqual(Object.keys(x.floors).sort());
      for (const f of a.floors) {
        const [raised, evidence] = x.floors[f.id]!;
        expect(f.raised, f.id).toBe(raised);
        expect(f.evidence.join('\n'), f.id).toContain(evidence);
      }
    });
  }
});
