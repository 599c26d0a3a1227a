// Playbooks: a party's position. Which requirements it needs and how severe a gap is, the limits
// that extracted values are compared with (retention days, breach-notice hours...), and the names
// and defined terms its suggested clauses use. Built in: playbooks/ai-buyer.yaml and
// playbooks/ai-provider.yaml; a custom YAML file may `extends:` a built-in or another file.
import type { Severity } from '../types.js';

export type Perspective = 'buyer' | 'provider';
export type Level = 'required' | 'recommended' | 'ignore';
export type GapSeverity = Exclude<Severity, 'none'>;

export interface PlaybookRequirement {
  level: Level;
  severity: GapSeverity;
}

export type ExportRegime = 'EAR' | 'ITAR' | 'EU' | 'UK';
export type SanctionsRegime = 'US' | 'EU' | 'UK' | 'UN';

/** Playbook parameters, keyed as in the YAML file (see schemas/playbook.schema.json). */
export type PlaybookParams = {
  provider: string;
  customer: string;
  'provider-legal-name': string;
  'customer-legal-name': string;
  terms: {
    agreement: string;
    services: string;
    'customer-data': string;
    input: string;
    output: string;
    documentation: string;
    'authorized-user': string;
  };
  'max-retention-days': number;
  'deletion-days': number;
  'backup-deletion-days': number;
  'monitoring-retention-days': number;
  'breach-notice-hours': number;
  'log-access-days': number;
  'allowed-regions': string[];
  'region-change-notice-days': number;
  'subprocessor-notice-days': number;
  'export-control-regimes': ExportRegime[];
  'sanctions-regimes': SanctionsRegime[];
  'embargoed-jurisdictions': string[];
  'export-notice-days': number;
  'change-in-law-notice-days': number;
  'classification-days': number;
  'audit-frequency-months': number;
  'audit-notice-days': number;
  'rate-limit-notice-days': number;
  'suspension-notice-hours': number;
  'liquidated-damages': string | null;
};

export interface Playbook {
  name: string;
  perspective: Perspective;
  description?: string;
  /** Every requirement of the catalog, filled from the base playbook when a file leaves it out. */
  requirements: Record<string, PlaybookRequirement>;
  params: PlaybookParams;
  /** Relative weight of each domain in a document score. */
  weights?: { AD: number; DR: number; EC: number };
  /** Files read to build this playbook, the playbook itself first (built-ins give their name). */
  sources?: string[];
}

export const BUILTIN_PLAYBOOKS = ['ai-buyer', 'ai-provider'] as const;
export type BuiltinPlaybook = (typeof BUILTIN_PLAYBOOKS)[number];
export const DEFAULT_PLAYBOOK: BuiltinPlaybook = 'ai-buyer';

