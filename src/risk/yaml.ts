// Read a YAML (or JSON) file and validate it against a JSON Schema; the first problem becomes an
// InputError naming file:line:col, with one line of explanation and the count of further problems.
import { statSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { LineCounter, type Document, type Node, isMap, isPair, isScalar, parseDocument } from 'yaml';
import { assertNesting, readBounded } from '../read-file.js';
import { InputError } from '../types.js';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

export interface Located {
  line: number;
  col: number;
}

/** A parsed YAML document that can locate a JSON pointer. */
export class YamlSource {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lc: LineCounter,
  ) {}

  locate(pointer: string, atKey?: string): Located {
    const path = pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    let node = (path.length ? this.doc.getIn(path, true) : this.doc.contents) as Node | undefined;
    if (atKey !== undefined && node && isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === atKey);
      if (pair && isPair(pair) && isScalar(pair.key) && pair.key.range) node = pair.key as Node;
    }
    return this.lc.linePos(node?.range?.[0] ?? 0);
  }

  error(pointer: string, message: string, atKey?: string): InputError {
    const p = this.locate(pointer, atKey);
    return new InputError(`${this.file}:${p.line}:${p.col}`, message);
  }
}

export function readText(file: string, what: string, maxBytes = 4 * 1048576): string {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(file, `${what} not found`);
  }
  if (st.isDirectory()) throw new InputError(file, `is a folder, expected a ${what}`);
  if (st.size > maxBytes) throw new InputError(file, `${what} is larger than ${Math.round(maxBytes / 1048576)} MB`);
  return readBounded(file, maxBytes, what).toString('utf8');
}

export function parseYamlFile(file: string, what: string): { src: YamlSource; data: unknown } {
  const text = readText(file, what);
  assertNesting(file, text);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const p = lc.linePos(e.pos[0]);
    throw new InputError(`${file}:${p.line}:${p.col}`, `YAML syntax: ${e.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Aliases that expand without limit (a "billion laughs" file).
    throw new InputError(file, `YAML: ${String((err as Error).message).split('\n')[0]}`);
  }
  return { src: new YamlSource(file, doc, lc), data };
}

function rank(e: ErrorObject): number {
  return e.keyword === 'additionalProperties' ? 0 : e.keyword === 'required' ? 1 : e.keyword === 'enum' ? 2 : e.keyword === 'type' ? 3 : e.keyword === 'oneOf' || e.keyword === 'anyOf' ? 9 : 5;
}

function describe(src: YamlSource, e: ErrorObject): InputError {
  const where = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') {
    const prop = (e.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).join(', ');
    return src.error(e.instancePath, `unknown field '${prop}' at ${where} (allowed: ${allowed})`, prop);
  }
  if (e.keyword === 'required') {
    return src.error(e.instancePath, `missing required field '${(e.params as { missingProperty: string }).missingProperty}' at ${where}`);
  }
  if (e.keyword === 'enum') {
    return src.error(e.instancePath, `invalid value at ${where} (one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`);
  }
  const hint = e.keyword === 'type' && (e.params as { type?: string }).type === 'string' ? ' (quote it: YAML reads yes, no, numbers and dates as non-strings)' : '';
  return src.error(e.instancePath, `${where} ${e.message ?? 'is invalid'}${hint}`);
}

/** Validate parsed YAML against a schema; throws the most useful problem as an InputError. */
export function validateYaml<T>(src: YamlSource, data: unknown, schema: object, prefix = ''): T {
  const validate = validatorFor(schema);
  if (validate(data)) return data as T;
  if (prefix) {
    for (const e of validate.errors ?? []) e.instancePath = prefix + e.instancePath;
  }
  const errors = [...(validate.errors ?? [])].sort((a, b) => rank(a) - rank(b));
  // Prefer the deepest pointer among the best-ranked errors (oneOf wrappers are noise).
  const best = errors.filter((e) => rank(e) === rank(errors[0]!)).sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
  const err = describe(src, best);
  const others = new Set(errors.map((e) => e.instancePath + e.keyword)).size - 1;
  if (others > 0) err.message += ` (+${others} more problem${others === 1 ? '' : 's'})`;
  throw err;
}
