// Playbooks: a party's position. Which requirements it needs and how severe a gap is, the limits
// that extracted values are compared with (retention days, breach-notice hours...), and the names
// and defined terms its suggested clauses use. Built in: playbooks/ai-buyer.yaml and
// playbooks/ai-provider.yaml; a custom YAML file may `extends:` a built-in or another file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REQUIREMENTS, requirementById } from '../catalog.js';
import type { RequirementResult, Severity, Status } from '../types.js';
import { InputError } from '../types.js';
import { readBounded } from '../read-file.js';
import { suggestClause } from '../clauses/index.js';
import { type Parsed, type Problem, firstAjvProblem, formatProblem, parseYaml, positionOf } from './yaml-errors.js';

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

const PLAYBOOK_DIR = fileURLToPath(new URL('../../playbooks/', import.meta.url));
const SCHEMA_FILE = fileURLToPath(new URL('../../schemas/playbook.schema.json', import.meta.url));

const PERSPECTIVE_DEFAULT: Record<Perspective, BuiltinPlaybook> = { buyer: 'ai-buyer', provider: 'ai-provider' };

let validator: ReturnType<Ajv2020['compile']> | undefined;
function validate(data: unknown): ReturnType<Ajv2020['compile']> {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  }
  validator(data);
  return validator;
}

/** The names of the parameters a complete playbook must give (from the schema). */
function paramNames(): { top: string[]; terms: string[] } {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
    $defs: { params: { properties: Record<string, { properties?: Record<string, unknown> }> } };
  };
  const props = schema.$defs.params.properties;
  return { top: Object.keys(props), terms: Object.keys(props.terms?.properties ?? {}) };
}

interface RawPlaybook {
  name?: string;
  description?: string;
  extends?: string;
  perspective?: Perspective;
  requirements?: Record<string, Partial<PlaybookRequirement>>;
  params?: Partial<Omit<PlaybookParams, 'terms'>> & { terms?: Partial<PlaybookParams['terms']> };
  weights?: Partial<NonNullable<Playbook['weights']>>;
}

const builtinCache = new Map<string, Playbook>();

function isBuiltin(name: string): name is BuiltinPlaybook {
  return (BUILTIN_PLAYBOOKS as readonly string[]).includes(name);
}

/**
 * Load a playbook by built-in name ('ai-buyer', 'ai-provider') or from a YAML file. Throws
 * InputError(file, 'line:col message') for the first problem found.
 */
export function loadPlaybook(nameOrFile: string = DEFAULT_PLAYBOOK): Playbook {
  if (isBuiltin(nameOrFile)) return structuredClone(loadBuiltin(nameOrFile));
  return loadFile(resolve(nameOrFile), nameOrFile, []);
}

function loadBuiltin(name: BuiltinPlaybook): Playbook {
  let pb = builtinCache.get(name);
  if (!pb) {
    pb = loadFile(resolve(PLAYBOOK_DIR, `${name}.yaml`), `playbooks/${name}.yaml`, [], true);
    pb.sources = [name];
    builtinCache.set(name, pb);
  }
  return pb;
}

function fail(display: string, parsed: Parsed | undefined, pointer: string, message: string, atKey?: string): never {
  const pos = parsed ? positionOf(parsed, pointer, atKey) : { line: 1, col: 1 };
  throw new InputError(display, formatProblem({ ...pos, message }));
}

function loadFile(file: string, display: string, chain: string[], builtin = false): Playbook {
  let src: string;
  try {
    if (statSync(file).isDirectory()) throw new InputError(display, 'is a folder, not a playbook file');
    src = readBounded(file, 4 * 1048576, 'playbook').toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw new InputError(display, err.message);
    const code = (err as NodeJS.ErrnoException).code;
    const hint = /[\\/]|\.ya?ml$/i.test(display) ? '' : ` (built-in playbooks: ${BUILTIN_PLAYBOOKS.join(', ')})`;
    throw new InputError(display, code === 'ENOENT' ? `playbook not found${hint}` : `cannot read playbook (${code ?? String(err)})`);
  }
  const parsed = parseYaml(src);
  if (!('doc' in parsed)) throw new InputError(display, formatProblem(parsed as Problem));
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    fail(display, parsed, '', 'a playbook is a YAML mapping (name, perspective, requirements, params...)');
  }
  const v = validate(parsed.data);
  if (v.errors?.length) throw new InputError(display, formatProblem(firstAjvProblem(parsed, v.errors)));
  const raw = parsed.data as RawPlaybook;

  let base: Playbook | undefined;
  if (raw.extends !== undefined) {
    base = resolveExtends(raw.extends, file, display, parsed, [...chain, file]);
  } else if (!builtin) {
    if (!raw.perspective) {
      fail(display, parsed, '', `missing 'perspective' (buyer or provider) or 'extends' (${BUILTIN_PLAYBOOKS.join(', ')} or a playbook file)`);
    }
    base = loadBuiltin(PERSPECTIVE_DEFAULT[raw.perspective]);
  }

  const name = raw.name ?? basename(file, extname(file));
  if (!base) return complete(raw, name, display, parsed);
  const merged: Playbook = {
    name,
    perspective: raw.perspective ?? base.perspective,
    description: raw.description ?? (raw.name === undefined ? base.description : undefined),
    requirements: Object.fromEntries(
      REQUIREMENTS.map((r) => {
        const b = base.requirements[r.id]!;
        const o = raw.requirements?.[r.id];
        return [r.id, { level: o?.level ?? b.level, severity: o?.severity ?? b.severity }];
      }),
    ),
    params: {
      ...base.params,
      ...(raw.params as Partial<PlaybookParams>),
      terms: { ...base.params.terms, ...raw.params?.terms },
    },
    weights: base.weights || raw.weights ? { AD: 1, DR: 1, EC: 1, ...base.weights, ...raw.weights } : undefined,
    sources: [display, ...(base.sources ?? [])],
  };
  if (merged.description === undefined) delete merged.description;
  if (merged.weights === undefined) delete merged.weights;
  return merged;
}

function resolveExtends(target: string, file: string, display: string, parsed: Parsed, chain: string[]): Playbook {
  if (isBuiltin(target)) return loadBuiltin(target);
  const path = resolve(dirname(file), target);
  if (chain.includes(path)) {
    const cycle = [...chain.slice(chain.indexOf(path)), path].map((f) => relative(process.cwd(), f) || f).join(' -> ');
    fail(display, parsed, '/extends', `playbooks extend each other in a loop (${cycle})`);
  }
  if (!existsSync(path)) {
    fail(display, parsed, '/extends', `cannot find playbook '${target}' to extend (built-in: ${BUILTIN_PLAYBOOKS.join(', ')}, or a path relative to this file)`);
  }
  return loadFile(path, relative(process.cwd(), path) || path, chain);
}

/** A playbook with no base (the built-ins) must give every requirement and parameter. */
function complete(raw: RawPlaybook, name: string, display: string, parsed: Parsed): Playbook {
  if (!raw.perspective) fail(display, parsed, '', "missing 'perspective' (buyer or provider)");
  const missingReq = REQUIREMENTS.find((r) => !raw.requirements?.[r.id]?.level || !raw.requirements?.[r.id]?.severity);
  if (missingReq) fail(display, parsed, raw.requirements ? '/requirements' : '', `requirement ${missingReq.id} needs a level and a severity`);
  const names = paramNames();
  const missingParam = names.top.find((k) => !(k in (raw.params ?? {})));
  if (missingParam) fail(display, parsed, raw.params ? '/params' : '', `missing parameter '${missingParam}'`);
  const missingTerm = names.terms.find((k) => !(k in (raw.params?.terms ?? {})));
  if (missingTerm) fail(display, parsed, '/params/terms', `missing defined term '${missingTerm}'`);
  const pb: Playbook = {
    name,
    perspective: raw.perspective,
    requirements: raw.requirements as Record<string, PlaybookRequirement>,
    params: raw.params as PlaybookParams,
    sources: [display],
  };
  if (raw.description !== undefined) pb.description = raw.description;
  if (raw.weights) pb.weights = { AD: 1, DR: 1, EC: 1, ...raw.weights };
  return pb;
}

// ---------------------------------------------------------------------------------------------
// Applying a playbook to check results

const LEVELS: GapSeverity[] = ['low', 'medium', 'high', 'critical'];

/** Severity of a result under a playbook requirement (see playbooks/*.yaml header). */
export function severityFor(status: Status, req: PlaybookRequirement): Severity {
  if (req.level === 'ignore' || status === 'met') return 'none';
  const i = LEVELS.indexOf(req.severity);
  if (status === 'partial') return LEVELS[Math.max(0, i - 1)]!;
  if (status === 'conflict') return req.level === 'required' ? 'critical' : LEVELS[Math.min(LEVELS.length - 1, i + 1)]!;
  return req.severity;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

type DurationValue = NonNullable<RequirementResult['evidence'][number]['value']>;

/** "90 days", or "5 days (120 hours)" when hours are compared. */
function shown(v: DurationValue, inHours: boolean): string {
  const own = plural(v.amount, v.unit);
  if (!inHours) return v.unit === 'day' ? own : `${own} (${plural(Math.round(v.days), 'day')})`;
  return v.unit === 'hour' ? own : `${own} (${plural(Math.round(v.days * 24), 'hour')})`;
}

interface Limit {
  id: string;
  limit: (p: PlaybookParams) => number;
  inHours: boolean;
  what: string;
}

/** Requirements whose extracted duration is compared with a playbook limit. */
export const LIMITS: readonly Limit[] = [
  { id: 'DR-RETENTION-PERIOD', limit: (p) => p['max-retention-days'], inHours: false, what: 'retention' },
  { id: 'DR-DELETION', limit: (p) => p['deletion-days'], inHours: false, what: 'deletion' },
  { id: 'DR-BREACH-NOTICE', limit: (p) => p['breach-notice-hours'], inHours: true, what: 'breach-notice' },
];

/** Notes for met evidence whose duration is over the playbook limit (empty when within). */
export function limitNotes(result: RequirementResult, playbook: Playbook): string[] {
  const rule = LIMITS.find((l) => l.id === result.id);
  if (!rule) return [];
  const limit = rule.limit(playbook.params);
  const notes: string[] = [];
  const seen = new Set<string>();
  const measured = result.evidence.filter((ev) => ev.proves === 'met' && ev.value?.kind === 'duration');
  // A deadline is met by its strictest commitment: "within 24 hours" beside a cited 72-hour legal
  // maximum meets a 48-hour limit. Retention and deletion periods are different: every period
  // (prompts 14 days, logs 180 days) must be within the limit.
  if (rule.inHours && measured.some((ev) => ev.value!.days * 24 <= limit + 1e-9)) return [];
  for (const ev of measured) {
    if (ev.value?.kind !== 'duration') continue;
    const value = rule.inHours ? ev.value.days * 24 : ev.value.days;
    if (value <= limit + 1e-9) continue;
    const text = shown(ev.value, rule.inHours);
    if (seen.has(text)) continue;
    seen.add(text);
    const cap =
      limit === 0 && !rule.inHours
        ? `the zero-${rule.what} limit`
        : `the ${limit}-${rule.inHours ? 'hour' : 'day'} ${rule.what} limit`;
    notes.push(`${text} exceeds ${cap} of playbook ${playbook.name}${ev.section ? ` (§${ev.section})` : ''}`);
  }
  return notes;
}

/**
 * Apply a playbook to per-requirement results: compare extracted durations with the playbook's
 * limits (a `met` over the limit becomes `partial`, with a note), set each severity from the
 * playbook, and fill an empty suggestion of a gap with the playbook's preferred clause.
 * Returns new result objects; the input is not changed.
 */
export function applyPlaybook(results: RequirementResult[], playbook: Playbook): RequirementResult[] {
  return results.map((r) => {
    const req = playbook.requirements[r.id] ?? {
      level: 'required' as const,
      severity: requirementById(r.id)?.severity ?? 'medium',
    };
    let status = r.status;
    const notes = [...r.notes];
    if (status === 'met') {
      const over = limitNotes(r, playbook);
      if (over.length) {
        status = 'partial';
        notes.push(...over);
      }
    }
    const severity = severityFor(status, req);
    let suggestion = r.suggestion;
    if (!suggestion && status !== 'met' && req.level !== 'ignore' && requirementById(r.id)) {
      suggestion = suggestClause(r.id, { playbook, status });
    }
    return { ...r, status, severity, notes, suggestion };
  });
}
