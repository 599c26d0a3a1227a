// Loading a playbook: a built-in by name or a YAML file, validated by schemas/playbook.schema.json
// through the shared loader (errors at file:line:col), merged over the playbook it extends.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS } from '../catalog.js';
import { didYouMean, type Explain, shippedSchema, validateInput } from '../load/schema.js';
import { parseYaml, type YamlSource } from '../load/yaml.js';
import { readBounded } from '../read-file.js';
import { InputError } from '../types.js';
import {
  BUILTIN_PLAYBOOKS,
  type BuiltinPlaybook,
  DEFAULT_PLAYBOOK,
  type Perspective,
  type Playbook,
  type PlaybookParams,
  type PlaybookRequirement,
} from './types.js';

const PLAYBOOK_DIR = fileURLToPath(new URL('../../playbooks/', import.meta.url));

const PERSPECTIVE_DEFAULT: Record<Perspective, BuiltinPlaybook> = { buyer: 'ai-buyer', provider: 'ai-provider' };

const SCHEMA = 'playbook.schema.json';

/** Playbook-specific wording for some schema errors. */
const explain: Explain = (e, where) => {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && e.instancePath === '/requirements') {
    const prop = String(params.additionalProperty);
    const guess = didYouMean(prop, REQUIREMENTS.map((r) => r.id));
    return { message: `unknown requirement '${prop}'`, hint: guess ? `did you mean '${guess}'?` : 'use an AD-, DR- or EC- ID of the catalog' };
  }
  if (e.keyword === 'pattern') return { message: `${where} has characters that are not allowed`, hint: 'no line breaks, quotes, braces or angle brackets' };
  if (e.keyword === 'minProperties') return { message: `${where} is empty`, hint: 'give a level or a severity' };
  return undefined;
};

/** The names of the parameters a complete playbook must give (from the schema). */
function paramNames(): { top: string[]; terms: string[] } {
  const schema = shippedSchema(SCHEMA) as {
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

function fail(src: YamlSource, pointer: string, message: string): never {
  throw src.error(pointer, message);
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
  const parsed = parseYaml(display, src);
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    fail(parsed, '', 'a playbook is a YAML mapping (name, perspective, requirements, params...)');
  }
  validateInput(parsed, shippedSchema(SCHEMA), { explain });
  const raw = parsed.data as RawPlaybook;

  let base: Playbook | undefined;
  if (raw.extends !== undefined) {
    base = resolveExtends(raw.extends, file, parsed, [...chain, file]);
  } else if (!builtin) {
    if (!raw.perspective) {
      fail(parsed, '', `missing 'perspective' (buyer or provider) or 'extends' (${BUILTIN_PLAYBOOKS.join(', ')} or a playbook file)`);
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

function resolveExtends(target: string, file: string, parsed: YamlSource, chain: string[]): Playbook {
  if (isBuiltin(target)) return loadBuiltin(target);
  const path = resolve(dirname(file), target);
  if (chain.includes(path)) {
    const cycle = [...chain.slice(chain.indexOf(path)), path].map((f) => relative(process.cwd(), f) || f).join(' -> ');
    fail(parsed, '/extends', `playbooks extend each other in a loop (${cycle})`);
  }
  if (!existsSync(path)) {
    fail(parsed, '/extends', `cannot find playbook '${target}' to extend (built-in: ${BUILTIN_PLAYBOOKS.join(', ')}, or a path relative to this file)`);
  }
  return loadFile(path, relative(process.cwd(), path) || path, chain);
}

/** A playbook with no base (the built-ins) must give every requirement and parameter. */
function complete(raw: RawPlaybook, name: string, display: string, parsed: YamlSource): Playbook {
  if (!raw.perspective) fail(parsed, '', "missing 'perspective' (buyer or provider)");
  const missingReq = REQUIREMENTS.find((r) => !raw.requirements?.[r.id]?.level || !raw.requirements?.[r.id]?.severity);
  if (missingReq) fail(parsed, raw.requirements ? '/requirements' : '', `requirement ${missingReq.id} needs a level and a severity`);
  const names = paramNames();
  const missingParam = names.top.find((k) => !(k in (raw.params ?? {})));
  if (missingParam) fail(parsed, raw.params ? '/params' : '', `missing parameter '${missingParam}'`);
  const missingTerm = names.terms.find((k) => !(k in (raw.params?.terms ?? {})));
  if (missingTerm) fail(parsed, '/params/terms', `missing defined term '${missingTerm}'`);
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

