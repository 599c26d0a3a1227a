// Vendor profile: YAML or JSON validated against schemas/vendor-profile.schema.json, with
// errors as file:line:col. Relative contract and questionnaire paths resolve from the profile.
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { InputError } from '../types.js';
import { shippedSchema, validateInput } from '../load/schema.js';
import { readYamlFile } from '../load/yaml.js';
import type { ScreenSubject } from './screening/index.js';

export type Deployment = 'on-premises' | 'open-weights' | 'private-cloud' | 'vendor-dedicated' | 'vendor-api';
export type DataCategory = 'public' | 'internal' | 'personal' | 'special-category' | 'financial' | 'health' | 'model-weights';
export type TrainingUse = 'never' | 'opt-in' | 'opt-out' | 'yes' | 'unknown';
export type AbuseControl = 'kyc' | 'rate-limits' | 'anomaly-detection' | 'watermarking';
export type IncidentType = 'breach' | 'distillation' | 'sanctions' | 'outage' | 'legal' | 'other';

export interface Owner {
  name: string;
  aliases?: string[];
  country?: string;
  share?: number;
}

export interface Subprocessor {
  name: string;
  aliases?: string[];
  country?: string;
  purpose?: string;
}

export interface Certification {
  name: string;
  expires?: string;
  scope?: string;
}

export interface Incident {
  date: string;
  type: IncidentType;
  summary: string;
  source?: string;
}

export interface VendorProfile {
  schemaVersion?: 1;
  name: string;
  aliases?: string[];
  country: string;
  website?: string;
  parent?: Owner;
  ultimateOwner?: Owner;
  owners?: Owner[];
  subprocessors?: Subprocessor[];
  deployment?: Deployment;
  hosting?: string[];
  dataCategories?: DataCategory[];
  regulatedIndustry?: boolean;
  training?: TrainingUse;
  retentionDays?: number | 'unbounded' | 'unknown';
  certifications?: Array<string | Certification>;
  abuseControls?: AbuseControl[];
  incidents?: Incident[];
  contracts?: string[];
  questionnaire?: string;
  notes?: string;
}

export interface LoadedProfile {
  file: string;
  sha256: string;
  profile: VendorProfile;
  /** Contract paths resolved against the profile's folder. */
  contracts: string[];
  questionnaire?: string;
}

/** schemas/vendor-profile.schema.json. */
export function profileSchema(): object {
  return shippedSchema('vendor-profile.schema.json');
}

export function loadProfile(file: string): LoadedProfile {
  const src = readYamlFile(file, 'vendor profile');
  const data = src.data;
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(file, 'a vendor profile is a mapping with at least name and country');
  }
  const profile = validateInput<VendorProfile>(src, profileSchema());
  // Checks the schema cannot express.
  const total = (profile.owners ?? []).reduce((s, o) => s + (o.share ?? 0), 0);
  if (total > 100 + 1e-9) throw src.error('/owners', `owner shares add up to ${total}%, more than 100%`);
  const base = dirname(file);
  // A profile names files beside or below it: a shared profile must not make the tool read elsewhere.
  (profile.contracts ?? []).forEach((c, i) => insideOrRefuse(src, `/contracts/${i}`, c, 'contract'));
  if (profile.questionnaire) insideOrRefuse(src, '/questionnaire', profile.questionnaire, 'questionnaire');
  const sha256 = createHash('sha256').update(src.text).digest('hex');
  return {
    file,
    sha256,
    profile,
    contracts: (profile.contracts ?? []).map((c) => join(base, c)),
    ...(profile.questionnaire ? { questionnaire: join(base, profile.questionnaire) } : {}),
  };
}

/** Refuse a path of the profile that is absolute or climbs out of the profile's folder. */
function insideOrRefuse(src: { error(pointer: string, message: string): InputError }, pointer: string, p: string, what: string): void {
  if (isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\')) {
    throw src.error(pointer, `${what} path '${p}' is absolute; give it relative to the profile's folder (files beside or below the profile)`);
  }
  const n = normalize(p);
  if (n === '..' || n.startsWith(`..${sep}`) || n.startsWith('../')) {
    throw src.error(pointer, `${what} path '${p}' leaves the profile's folder; keep it beside or below the profile`);
  }
}

/** Everyone a profile names who must be screened: the vendor, its parent and owners, its subprocessors. */
export function screeningSubjects(p: VendorProfile): ScreenSubject[] {
  const out: ScreenSubject[] = [{ name: p.name, aliases: p.aliases ?? [], country: p.country, role: 'vendor' }];
  const add = (o: Owner | Subprocessor, role: string): void => {
    out.push({ name: o.name, aliases: o.aliases ?? [], ...(o.country ? { country: o.country } : {}), role });
  };
  if (p.parent) add(p.parent, 'parent');
  if (p.ultimateOwner) add(p.ultimateOwner, 'ultimate-owner');
  for (const o of p.owners ?? []) add(o, 'owner');
  for (const s of p.subprocessors ?? []) add(s, 'subprocessor');
  return out;
}

export function certificationOf(c: string | Certification): Certification {
  return typeof c === 'string' ? { name: c } : c;
}
