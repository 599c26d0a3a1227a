// JSON Schema validation for every input with a schema: one ajv instance, one set of messages, every
// message at file:line:col. A list of problems (one per JSON pointer, most specific first) serves rule
// packs; `validateInput` throws the most useful one (and the count of the others) as an InputError.
//
// The shipped schemas come as standalone validators generated at `npm run build` (ajv's standalone
// code, dist/validators/<hash>.cjs, see build-validators.ts): a run compiles no schema and loads
// ajv only for a schema the build did not see (a changed schema file, a run from the sources).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020 as AjvClass, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { type Problem, problemError, pointerPath, type YamlSource } from './yaml.js';

/** The options every validator is made with (run-time compiled and standalone alike). */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;

const require = createRequire(import.meta.url);
let ajvInstance: AjvClass | undefined;
/** The one ajv instance, created on first need. */
export function ajv(options: Record<string, unknown> = {}): AjvClass {
  if (Object.keys(options).length > 0) {
    const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    return new Ajv2020({ ...AJV_OPTIONS, ...options });
  }
  if (!ajvInstance) {
    const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    ajvInstance = new Ajv2020({ ...AJV_OPTIONS });
  }
  return ajvInstance;
}

const compiled = new WeakMap<object, ValidateFunction>();
const schemaFiles = new Map<string, object>();

const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);
/** dist/validators/ beside the built code: one standalone validator per schema, named by its hash. */
export const VALIDATOR_DIR = new URL('../validators/', import.meta.url);

const hashes = new WeakMap<object, string>();
/** The name a schema's standalone validator has (a hash of the schema's JSON). */
export function schemaHash(schema: object): string {
  let h = hashes.get(schema);
  if (h === undefined) {
    h = createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 32);
    hashes.set(schema, h);
  }
  return h;
}

/** The standalone code of a schema's validator (a CommonJS module exporting the function). */
export function standaloneValidatorCode(schema: object): string {
  const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
  // A fresh instance per schema: standalone code holds the schemas the instance compiled.
  const a = ajv({ code: { source: true } });
  return standaloneCode(a, a.compile(schema));
}

function standalone(schema: object): ValidateFunction | undefined {
  const file = new URL(`${schemaHash(schema)}.cjs`, VALIDATOR_DIR);
  if (!existsSync(file)) return undefined;
  return require(file.pathname) as ValidateFunction;
}

/** A schema shipped in schemas/ (parsed once). */
export function shippedSchema(name: string): object {
  let s = schemaFiles.get(name);
  if (!s) {
    s = JSON.parse(readFileSync(new URL(name, SCHEMA_DIR), 'utf8')) as object;
    schemaFiles.set(name, s);
  }
  return s;
}

/** The compiled validator of a schema object (compiled once, on first use). */
export function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = standalone(schema) ?? ajv().compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** What a caller may say instead of the generic message for an error (schema-specific wording). */
export type Explain = (e: ErrorObject, pointer: string) => { message: string; hint?: string } | undefined;

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest allowed name, if it is close enough to be a typo. */
export function didYouMean(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const dd = distance(word.toLowerCase(), a.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = a;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointerPath(pointer).reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k as string] : undefined), data);
}

function typeName(t: string): string {
  return t === 'integer' ? 'a whole number' : t === 'null' ? 'null' : t === 'array' || t === 'object' ? `an ${t}` : `a ${t}`;
}

/** The problem one ajv error describes, positioned in the source. */
function describe(src: YamlSource, e: ErrorObject, explain?: Explain): Problem {
  const where = e.instancePath || '/';
  const params = e.params as Record<string, unknown>;
  const at = (code: string, message: string, hint?: string, atKey?: string) => src.problem(e.instancePath, code, message, hint, atKey);
  const own = explain?.(e, where);
  if (e.keyword === 'additionalProperties') {
    const prop = String(params.additionalProperty);
    if (own) return at('E010', own.message, own.hint, prop);
    const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const guess = didYouMean(prop, allowed);
    return at('E010', `unknown field '${prop}' at ${where}`, guess ? `did you mean '${guess}'?` : allowed.length ? `allowed: ${allowed.join(', ')}` : undefined, prop);
  }
  if (own) return at(e.keyword === 'required' ? 'E012' : e.keyword === 'enum' ? 'E013' : 'E011', own.message, own.hint);
  switch (e.keyword) {
    case 'required':
      return at('E012', `missing required field '${String(params.missingProperty)}' at ${where}`);
    case 'enum':
    {
      const v = valueAt(src.data, e.instancePath);
      return at('E013', `invalid value ${v === undefined ? '' : `${JSON.stringify(v)} `}at ${where}`, `one of: ${(params.allowedValues as unknown[]).join(', ')}`);
    }
    case 'const':
      return at('E013', `${where} must be ${JSON.stringify(params.allowedValue)}`);
    case 'type': {
      const types = String(params.type).split(',');
      const hint = types.length === 1 && types[0] === 'string' ? 'quote it: YAML reads true, false, null, numbers and dates as non-strings' : undefined;
      return at('E011', `${where} must be ${types.map(typeName).join(' or ')}`, hint);
    }
    case 'oneOf':
      return at('E011', `wrong type at ${where}`, 'expected a value or a list of values');
    case 'pattern':
      return at('E011', `${where} does not have the expected form`, `pattern ${String(params.pattern)}`);
    case 'uniqueItems':
      return at('E011', `${where} lists the same value twice`);
    default:
      return at('E011', `${where} ${e.message ?? 'is invalid'}`);
  }
}

const WRAPPERS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not', 'type']);
const RANK: Record<string, number> = { additionalProperties: 0, required: 1, enum: 2, type: 3, oneOf: 9, anyOf: 9, allOf: 9, if: 9, not: 9 };
const rank = (e: ErrorObject): number => RANK[e.keyword] ?? 5;

/** The pointer an error is about: a missing or unknown key counts as its own pointer. */
function keyOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${String(p.additionalProperty)}`;
  if (e.keyword === 'required') return `${e.instancePath}/${String(p.missingProperty)}`;
  return e.instancePath;
}

/** The useful errors: one per pointer (the best ranked), without wrappers that have a more specific error beneath. */
function reduce(errors: ErrorObject[]): ErrorObject[] {
  const byPointer = new Map<string, ErrorObject>();
  for (const e of errors) {
    const key = keyOf(e);
    const prev = byPointer.get(key);
    if (!prev || rank(e) < rank(prev)) byPointer.set(key, e);
  }
  const keys = [...byPointer.keys()];
  const out: ErrorObject[] = [];
  for (const [key, e] of byPointer) {
    if (WRAPPERS.has(e.keyword) && keys.some((k) => k !== key && k.startsWith(key + '/'))) continue;
    out.push(e);
  }
  return out;
}

/** Every schema problem of a failed validation, one per pointer, in the order ajv found them. */
export function schemaProblems(src: YamlSource, errors: ErrorObject[], explain?: Explain): Problem[] {
  return reduce(errors).map((e) => describe(src, e, explain));
}

/**
 * Validate `data` (the source's data, or a part of it at `prefix`) against a schema. On failure,
 * throws the most useful problem as an InputError at file:line:col (the best-ranked keyword, then
 * the deepest pointer, then the first in the file), with the count of further problems.
 */
export function validateInput<T>(src: YamlSource, schema: object, options: { data?: unknown; prefix?: string; explain?: Explain } = {}): T {
  const data = 'data' in options ? options.data : src.data;
  // A shipped file the build parsed and found valid against this very schema: nothing to check.
  if (!('data' in options) && src.validFor.length > 0 && src.validFor.includes(schemaHash(schema))) return data as T;
  const validate = validatorFor(schema);
  if (validate(data)) return data as T;
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: (options.prefix ?? '') + e.instancePath }));
  const useful = reduce(errors);
  const described = useful.map((e) => ({ e, depth: e.instancePath.split('/').length, p: describe(src, e, options.explain) }));
  described.sort((a, b) => rank(a.e) - rank(b.e) || b.depth - a.depth || a.p.line - b.p.line || a.p.col - b.p.col);
  const others = useful.length - 1;
  throw problemError(described[0]!.p, others > 0 ? ` (+${others} more problem${others === 1 ? '' : 's'})` : '');
}
