// The requirement catalog (../shared/spec/requirements.md): stable IDs, in catalog order.
// Severity is the default weight of a gap when no playbook says otherwise.
import type { Requirement } from './types.js';

export const REQUIREMENTS: readonly Requirement[] = [
  { id: 'AD-OUTPUT-USE', domain: 'AD', severity: 'critical', title: 'Outputs may not be used to develop, train or improve competing AI models' },
  { id: 'AD-EXTRACTION', domain: 'AD', severity: 'high', title: 'No automated or systematic extraction, scraping or harvesting' },
  { id: 'AD-REVERSE-ENG', domain: 'AD', severity: 'high', title: 'No reverse engineering of models, weights, parameters or training data' },
  { id: 'AD-ACCOUNT-INTEGRITY', domain: 'AD', severity: 'high', title: 'Genuine, individual accounts: no fake, shared, resold or multiple accounts' },
  { id: 'AD-RATE-LIMITS', domain: 'AD', severity: 'medium', title: 'Usage limits exist and circumventing them is prohibited' },
  { id: 'AD-MONITORING', domain: 'AD', severity: 'medium', title: 'Provider may monitor and log usage to detect abuse and extraction' },
  { id: 'AD-SUSPENSION', domain: 'AD', severity: 'high', title: 'Provider may suspend or terminate access for misuse or policy violations' },
  { id: 'AD-WATERMARK', domain: 'AD', severity: 'low', title: 'Outputs may carry watermarks or provenance marks; removing them is prohibited' },
  { id: 'AD-AUDIT-REPORT', domain: 'AD', severity: 'medium', title: 'Evidence of abuse protections (audit report) or a right to audit compliance' },
  { id: 'AD-REMEDIES', domain: 'AD', severity: 'medium', title: 'Specific remedies for misuse: injunctive relief, liquidated damages, indemnity' },
  { id: 'DR-NO-TRAINING', domain: 'DR', severity: 'critical', title: 'Customer inputs and outputs are not used to train the provider\'s models without opt-in' },
  { id: 'DR-RETENTION-PERIOD', domain: 'DR', severity: 'high', title: 'A defined, bounded retention period for prompts, outputs and logs' },
  { id: 'DR-DELETION', domain: 'DR', severity: 'high', title: 'Deletion or return of customer data at termination or on request, with certification' },
  { id: 'DR-LOCATION', domain: 'DR', severity: 'medium', title: 'Where data is stored and processed, and where the model is deployed' },
  { id: 'DR-SUBPROCESSORS', domain: 'DR', severity: 'medium', title: 'Subprocessors disclosed, bound by equal terms, changes notified' },
  { id: 'DR-CONFIDENTIALITY', domain: 'DR', severity: 'high', title: 'Inputs and outputs are the customer\'s confidential information; customer owns outputs' },
  { id: 'DR-BREACH-NOTICE', domain: 'DR', severity: 'high', title: 'Security incidents are notified within a stated time' },
  { id: 'DR-LOG-ACCESS', domain: 'DR', severity: 'low', title: 'Customer can get usage and query logs for its own monitoring' },
  { id: 'DR-RETENTION-EXCEPTIONS', domain: 'DR', severity: 'medium', title: 'Exceptions to deletion are named and bounded' },
  { id: 'EC-COMPLIANCE', domain: 'EC', severity: 'high', title: 'Parties comply with export control and sanctions laws' },
  { id: 'EC-RESTRICTED-PARTY', domain: 'EC', severity: 'high', title: 'Representation that a party and its owners are not on a restricted list' },
  { id: 'EC-EMBARGOED', domain: 'EC', severity: 'high', title: 'No access, use or export to comprehensively sanctioned countries or regions' },
  { id: 'EC-FOREIGN-PERSONS', domain: 'EC', severity: 'medium', title: 'Foreign-person access and deemed exports are controlled' },
  { id: 'EC-REEXPORT', domain: 'EC', severity: 'medium', title: 'No re-export, resale or third-party access in breach of export rules' },
  { id: 'EC-END-USE', domain: 'EC', severity: 'high', title: 'No prohibited end uses (military, WMD, surveillance, EAR Part 744)' },
  { id: 'EC-CHANGE-IN-LAW', domain: 'EC', severity: 'high', title: 'Suspension to comply with new export controls, with a customer remedy' },
  { id: 'EC-CLASSIFICATION', domain: 'EC', severity: 'low', title: 'Export classification (ECCN) provided on request' },
  { id: 'EC-NOTIFICATION', domain: 'EC', severity: 'medium', title: 'Prompt notice if a party becomes restricted or learns of a violation' },
];

export const REQUIREMENT_IDS: readonly string[] = REQUIREMENTS.map((r) => r.id);

const BY_ID = new Map(REQUIREMENTS.map((r) => [r.id, r]));

export function requirementById(id: string): Requirement | undefined {
  return BY_ID.get(id);
}

/** The supplier risk factors ("Supplier risk factors" table), in catalog order. */
export const SR_FACTOR_IDS = [
  'SR-JURISDICTION',
  'SR-RESTRICTED-LIST',
  'SR-DEPLOYMENT',
  'SR-DATA-SENSITIVITY',
  'SR-TRAINING-USE',
  'SR-RETENTION',
  'SR-CERTIFICATIONS',
  'SR-ABUSE-CONTROLS',
  'SR-INCIDENTS',
  'SR-CONSISTENCY',
] as const;
