// Default risk tolerance: factor weights, tier thresholds, floors, and the tables that turn a
// vendor's facts into a 0-100 risk per factor. A risk config file (--risk-config) or a playbook's
// `risk:` section overrides any of the first group; the tables are documented constants.
import { SR_FACTOR_IDS } from '../catalog.js';
import type { AbuseControl, DataCategory, Deployment, IncidentType, TrainingUse } from './profile.js';

export type Tier = 'low' | 'medium' | 'high' | 'critical';
export const TIERS: readonly Tier[] = ['low', 'medium', 'high', 'critical'];

export const FACTOR_IDS = SR_FACTOR_IDS;
export const DOMAIN_IDS = ['AD', 'DR', 'EC'] as const;
export type FactorId = (typeof FACTOR_IDS)[number] | (typeof DOMAIN_IDS)[number];
export const ALL_FACTOR_IDS: readonly FactorId[] = [...DOMAIN_IDS, ...FACTOR_IDS];

export const FACTOR_TITLES: Record<FactorId, string> = {
  AD: 'Contract: anti-distillation terms',
  DR: 'Contract: data retention and use terms',
  EC: 'Contract: export control and sanctions terms',
  'SR-JURISDICTION': 'Where the vendor and its owners are established',
  'SR-RESTRICTED-LIST': 'Vendor, owners or subprocessors on a restricted-party list',
  'SR-DEPLOYMENT': 'How the model runs',
  'SR-DATA-SENSITIVITY': 'What data will touch the model',
  'SR-TRAINING-USE': "Vendor's use of customer data for training",
  'SR-RETENTION': "Vendor's retention of prompts and outputs",
  'SR-CERTIFICATIONS': 'Security and AI management certifications',
  'SR-ABUSE-CONTROLS': "Vendor's own anti-abuse and anti-distillation controls",
  'SR-INCIDENTS': 'Public incidents in the incident window',
  'SR-CONSISTENCY': 'Questionnaire answers agree with the contract',
};

export type FloorId = 'restricted-list-hit' | 'restricted-list-review' | 'export-control-conflict' | 'special-category-training' | 'embargoed-country';

export interface RiskConfig {
  /** Where the config came from: "defaults" or a file path. */
  source: string;
  /** Relative weight per factor and contract domain; 0 switches a factor off. */
  weights: Record<FactorId, number>;
  /** Lowest score of each tier above `low`. */
  tiers: { medium: number; high: number; critical: number };
  /** Minimum tier when the condition holds; 'none' switches a floor off. */
  floors: Record<FloorId, Tier | 'none'>;
  /** Risk given to a factor whose facts are unknown (not stated anywhere). */
  unknownRisk: number;
  /** Screening score at or above which a match needs review. */
  screeningThreshold: number;
  /** Countries of concern and comprehensively embargoed countries (ISO alpha-2). */
  countriesOfConcern: string[];
  embargoedCountries: string[];
  /** Incidents newer than this many months count. */
  incidentWindowMonths: number;
  /** Retention above this many days is scored as long. */
  maxRetentionDays: number;
}

export const DEFAULT_WEIGHTS: Record<FactorId, number> = {
  AD: 10,
  DR: 15,
  EC: 10,
  'SR-JURISDICTION': 10,
  'SR-RESTRICTED-LIST': 10,
  'SR-DEPLOYMENT': 5,
  'SR-DATA-SENSITIVITY': 10,
  'SR-TRAINING-USE': 10,
  'SR-RETENTION': 5,
  'SR-CERTIFICATIONS': 5,
  'SR-ABUSE-CONTROLS': 3,
  'SR-INCIDENTS': 5,
  'SR-CONSISTENCY': 2,
};

export function defaultConfig(): RiskConfig {
  return {
    source: 'defaults',
    weights: { ...DEFAULT_WEIGHTS },
    tiers: { medium: 25, high: 50, critical: 75 },
    floors: {
      'restricted-list-hit': 'critical',
      'restricted-list-review': 'high',
      'export-control-conflict': 'critical',
      'special-category-training': 'high',
      'embargoed-country': 'critical',
    },
    unknownRisk: 50,
    screeningThreshold: 0.7,
    // Foreign adversaries as listed in 15 CFR 791.4 (China incl. Hong Kong and Macau, Cuba, Iran,
    // North Korea, Russia, Venezuela) plus Belarus; review against your own policy.
    countriesOfConcern: ['BY', 'CN', 'CU', 'HK', 'IR', 'KP', 'MO', 'RU', 'VE'],
    // Comprehensively sanctioned by the US at the time of writing; check the current programs.
    embargoedCountries: ['CU', 'IR', 'KP', 'SY'],
    incidentWindowMonths: 24,
    maxRetentionDays: 30,
  };
}

// ---- tables (risk points 0..100) ---------------------------------------------------------------

export const DEPLOYMENT_RISK: Record<Deployment, number> = {
  'on-premises': 0,
  'open-weights': 0,
  'private-cloud': 25,
  'vendor-dedicated': 50,
  'vendor-api': 80,
};

export const DATA_RISK: Record<DataCategory, number> = {
  public: 0,
  internal: 30,
  'model-weights': 50,
  personal: 60,
  financial: 75,
  health: 90,
  'special-category': 100,
};
/** Floor on data sensitivity when the buyer is in a regulated industry and handles non-public data. */
export const REGULATED_MIN = 75;

export const TRAINING_RISK: Record<Exclude<TrainingUse, 'unknown'>, number> = {
  never: 0,
  'opt-in': 10,
  'opt-out': 70,
  yes: 100,
};

/** Retention bands: the first band whose `upTo` (days, inclusive) covers the value. */
export const RETENTION_BANDS: ReadonlyArray<{ upTo: number; risk: number; label: string }> = [
  { upTo: 0, risk: 0, label: 'zero retention' },
  { upTo: 30, risk: 10, label: 'up to 30 days' },
  { upTo: 90, risk: 40, label: '31 to 90 days' },
  { upTo: 365, risk: 70, label: '91 days to a year' },
  { upTo: Infinity, risk: 100, label: 'more than a year' },
];
/** Retention over the config's maxRetentionDays is at least this risky. */
export const RETENTION_OVER_LIMIT_MIN = 40;

/**
 * "SOC 2" then, later on the same line, "Type II". Two searches instead of one /soc 2.*type ii/:
 * with `.*` between them a regex is quadratic on a long name repeating "soc 2" without a type.
 */
function isSoc2Type2(name: string): boolean {
  for (const line of name.split('\n')) {
    const soc = /\bsoc\s*(?:-\s*)?2\b/i.exec(line);
    if (soc && /\btype\s*(?:ii|2)\b/i.test(line.slice(soc.index + soc[0].length))) return true;
  }
  return false;
}

/** The certifications that count, with tests matching how people write them. */
export const KEY_CERTIFICATIONS: ReadonlyArray<{ id: string; label: string; test: (name: string) => boolean }> = [
  { id: 'soc2-type2', label: 'SOC 2 Type II', test: isSoc2Type2 },
  { id: 'iso27001', label: 'ISO/IEC 27001', test: (name) => /\b27001\b/.test(name) },
  { id: 'iso42001', label: 'ISO/IEC 42001', test: (name) => /\b42001\b/.test(name) },
];
/** Risk by number of key certifications held (0, 1, 2, 3 or more). */
export const CERTIFICATION_RISK = [100, 50, 25, 0] as const;

export const ABUSE_CONTROLS: readonly AbuseControl[] = ['kyc', 'rate-limits', 'anomaly-detection', 'watermarking'];
/** Risk removed by each control present (4 controls → 0). */
export const ABUSE_CONTROL_POINTS = 25;

export const INCIDENT_POINTS: Record<IncidentType, number> = {
  sanctions: 100,
  breach: 50,
  distillation: 50,
  legal: 25,
  outage: 10,
  other: 25,
};

/** Contract gap points per requirement status. */
export const STATUS_POINTS = { met: 0, partial: 50, missing: 80, conflict: 100 } as const;
/** Requirement weight per severity (catalog or playbook), times the level factor. */
export const SEVERITY_WEIGHT = { low: 1, medium: 2, high: 3, critical: 4 } as const;
export const LEVEL_FACTOR = { required: 1, recommended: 0.5, ignore: 0 } as const;

/** Jurisdiction risk. */
export const JURISDICTION_RISK = {
  embargoed: 100,
  concern: 80,
  /** An owner of a country of concern holding at least 50% (control). */
  controlledByConcern: 80,
  /** An owner of a country of concern holding 25% to under 50%. */
  significantConcernOwner: 50,
  /** A smaller (or unknown-share) owner of a country of concern. */
  minorConcernOwner: 25,
  /** A subprocessor established in a country of concern. */
  concernSubprocessor: 30,
} as const;

/** Restricted-list risk. */
export const RESTRICTED_RISK = { hit: 100, review: 60, clear: 0 } as const;
/** Each contradiction between answers and contract adds this, up to 100. */
export const CONSISTENCY_POINTS = 50;
