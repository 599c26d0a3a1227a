// Risk tolerance: defaults (src/risk/defaults.ts), then a playbook's limits (max-retention-days,
// embargoed-jurisdictions) and its `risk:` section when it has one, then a --risk-config YAML file.
// A risk config file holds the section at the top level or under `risk:` (so it can be a playbook).
import { InputError } from '../types.js';
import { countryCode } from './countries.js';
import { ALL_FACTOR_IDS, defaultConfig, type FactorId, type FloorId, type RiskConfig, TIERS, type Tier } from './defaults.js';
import { validateInput } from '../load/schema.js';
import { readYamlFile } from '../load/yaml.js';

const TIER_OR_NONE = { enum: [...TIERS, 'none'] };

/** JSON Schema of a risk section (kebab-case keys, like playbooks). */
export const RISK_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    weights: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(ALL_FACTOR_IDS.map((id) => [id, { type: 'number', minimum: 0, maximum: 100 }])),
    },
    tiers: {
      type: 'object',
      additionalProperties: false,
      properties: {
        medium: { type: 'number', minimum: 0, maximum: 100 },
        high: { type: 'number', minimum: 0, maximum: 100 },
        critical: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
    floors: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'restricted-list-hit': TIER_OR_NONE,
        'restricted-list-review': TIER_OR_NONE,
        'export-control-conflict': TIER_OR_NONE,
        'special-category-training': TIER_OR_NONE,
        'embargoed-country': TIER_OR_NONE,
      },
    },
    'unknown-risk': { type: 'number', minimum: 0, maximum: 100 },
    'screening-threshold': { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    'countries-of-concern': { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
    'embargoed-countries': { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
    'incident-window-months': { type: 'integer', minimum: 1, maximum: 240 },
    'max-retention-days': { type: 'number', minimum: 0 },
  },
} as const;

export interface RiskSection {
  weights?: Partial<Record<FactorId, number>>;
  tiers?: Partial<RiskConfig['tiers']>;
  floors?: Partial<Record<FloorId, Tier | 'none'>>;
  'unknown-risk'?: number;
  'screening-threshold'?: number;
  'countries-of-concern'?: string[];
  'embargoed-countries'?: string[];
  'incident-window-months'?: number;
  'max-retention-days'?: number;
}

/** Apply a (validated) risk section on top of a config; returns a new config. */
export function applyRiskSection(base: RiskConfig, s: RiskSection, source: string): RiskConfig {
  const c: RiskConfig = structuredClone(base);
  c.source = source;
  Object.assign(c.weights, s.weights ?? {});
  Object.assign(c.tiers, s.tiers ?? {});
  Object.assign(c.floors, s.floors ?? {});
  if (s['unknown-risk'] !== undefined) c.unknownRisk = s['unknown-risk'];
  if (s['screening-threshold'] !== undefined) c.screeningThreshold = s['screening-threshold'];
  if (s['countries-of-concern']) c.countriesOfConcern = [...s['countries-of-concern']];
  if (s['embargoed-countries']) c.embargoedCountries = [...s['embargoed-countries']];
  if (s['incident-window-months'] !== undefined) c.incidentWindowMonths = s['incident-window-months'];
  if (s['max-retention-days'] !== undefined) c.maxRetentionDays = s['max-retention-days'];
  return c;
}

function checkTiers(c: RiskConfig): string | undefined {
  const { medium, high, critical } = c.tiers;
  if (!(medium <= high && high <= critical)) return `tier thresholds must rise: medium ${medium} <= high ${high} <= critical ${critical}`;
  const total = ALL_FACTOR_IDS.reduce((s, id) => s + c.weights[id], 0);
  if (total <= 0) return 'at least one weight must be above 0';
  return undefined;
}

/** The limits a playbook already states that the risk score uses. */
export interface PlaybookLike {
  name: string;
  params?: { 'max-retention-days'?: number; 'embargoed-jurisdictions'?: string[] };
  risk?: RiskSection;
}

export function configFromPlaybook(base: RiskConfig, pb: PlaybookLike): RiskConfig {
  let c = structuredClone(base);
  c.source = `playbook ${pb.name}`;
  const days = pb.params?.['max-retention-days'];
  if (typeof days === 'number') c.maxRetentionDays = days;
  const emb = (pb.params?.['embargoed-jurisdictions'] ?? []).map((j) => countryCode(j.replace(/^the\s+/i, ''))).filter((x): x is string => !!x);
  if (emb.length) c.embargoedCountries = [...new Set(emb)].sort();
  if (pb.risk) c = applyRiskSection(c, pb.risk, c.source);
  return c;
}

/** Read a risk config file (YAML or JSON) on top of `base` (defaults when omitted). */
export function loadRiskConfig(file: string, base: RiskConfig = defaultConfig()): RiskConfig {
  const src = readYamlFile(file, 'risk config');
  const data = src.data;
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(file, 'a risk config is a mapping (weights, tiers, floors...), optionally under "risk:"');
  }
  const wrapped = 'risk' in (data as object);
  const section = wrapped ? (data as { risk: unknown }).risk : data;
  const v = validateInput<RiskSection>(src, RISK_CONFIG_SCHEMA, { data: section ?? {}, prefix: wrapped ? '/risk' : '' });
  const c = applyRiskSection(base, v, file);
  const problem = checkTiers(c);
  if (problem) throw src.error(wrapped ? '/risk' : '', problem);
  return c;
}
