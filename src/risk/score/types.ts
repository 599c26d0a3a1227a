// The explainable risk score. Each factor (SR-*) and contract domain (AD, DR, EC) gets a risk
// from 0 to 100 built from evidence items whose points are shown; the overall score is the
// weighted average of the assessed factors:
//
//   contribution(f) = risk(f) × weight(f) / Σ weight(assessed factors)      score = Σ contributions
//
// The tier comes from the score and the config's thresholds, then floors raise it (a restricted-
// list hit or an export-control conflict is critical; special-category data with a vendor that
// trains on customer data is at least high).
//
// This folder: types.ts (what a score is), common.ts, one file per group of factor scorers
// (exposure.ts, conduct.ts, domains.ts), tiers.ts (tiers and floors), index.ts (scoreVendor).
import type { DocumentReport, Severity } from '../../types.js';
import { type FactorId, type FloorId, type Tier } from '../defaults.js';
import { type AbuseControl, type DataCategory, type Deployment, type Incident, type TrainingUse, type VendorProfile } from '../profile.js';
import type { ScreeningReport } from '../screening/index.js';

export type EvidenceSource = 'profile' | 'contract' | 'questionnaire' | 'screening' | 'config';

export interface FactorEvidence {
  source: EvidenceSource;
  text: string;
  /** Risk points this item gives the factor (sum factors) or would give alone (max factors). */
  points?: number;
  /** For max factors: the item that set the factor's risk. */
  decisive?: boolean;
  /** Contract evidence: document, section and quote. */
  document?: string;
  section?: string;
  quote?: string;
}

export interface FactorScore {
  id: FactorId;
  kind: 'domain' | 'factor';
  title: string;
  /** False when the factor cannot be judged at all (its weight then goes to the others). */
  assessed: boolean;
  /** True when no fact was stated and the config's unknown risk was used. */
  unknown: boolean;
  risk: number;
  weight: number;
  /** weight / Σ weights of assessed factors. */
  share: number;
  /** risk × share: the points this factor adds to the overall score. */
  contribution: number;
  /** How the risk was computed from the evidence. */
  method: 'max' | 'sum' | 'table' | 'weighted-average' | 'unknown' | 'not-assessed';
  basis: string;
  evidence: FactorEvidence[];
}

export interface FloorResult {
  id: FloorId;
  tier: Tier;
  /** True when this floor raised the tier above the score's tier (or a lower floor's). */
  raised: boolean;
  reason: string;
  /** The facts the floor rests on: screening matches, contract quotes, profile or questionnaire facts. */
  evidence: string[];
}

/** Facts read from an answered questionnaire (see src/risk/answers.ts). */
export interface AnswerFacts {
  file: string;
  sha256?: string;
  deployment?: Deployment;
  dataCategories?: DataCategory[];
  training?: TrainingUse;
  retentionDays?: number | 'unbounded';
  certifications?: string[];
  /** Controls the vendor says it has and does not have; both empty when unanswered. */
  abuseControls?: { present: AbuseControl[]; absent: AbuseControl[] };
  /** Incidents the vendor declares (no date: within the window by the question's wording). */
  incidents?: Array<Omit<Incident, 'date'> & { date?: string }>;
  /** The vendor says it or an owner is on a restricted list. */
  restrictedListClaim?: boolean;
  /** Answers that contradict the contract. */
  contradictions: Array<{ message: string; detail?: string }>;
  /** Where each fact came from ("data.training-consent = opt-out"), by factor. */
  notes: Partial<Record<FactorId, string[]>>;
}

/** A playbook's view of a requirement: its level and the severity of a missing gap. */
export interface RequirementPolicy {
  level: 'required' | 'recommended' | 'ignore';
  severity: Exclude<Severity, 'none'>;
}

export interface RiskInput {
  profile: VendorProfile;
  /** YYYY-MM-DD: the date incidents and certification expiry are judged against. */
  asOf: string;
  screening?: ScreeningReport;
  /** Checked contracts (after the playbook, if any). Undefined or empty: no contract. */
  contracts?: DocumentReport[];
  /** Requirement policy per ID from a playbook; the catalog's severity, required, otherwise. */
  policy?: Record<string, RequirementPolicy>;
  answers?: AnswerFacts;
}

export interface RiskScore {
  score: number;
  scoreTier: Tier;
  tier: Tier;
  totalWeight: number;
  factors: FactorScore[];
  floors: FloorResult[];
}
