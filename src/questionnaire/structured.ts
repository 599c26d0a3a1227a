// YAML / JSON documents validated by a JSON Schema from schemas/, with errors as one line
// `line:col: message (at /json/pointer)`. JSON is read with the YAML parser (YAML 1.2 is a superset of
// JSON), so both formats get line and column numbers.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { type Document, isPair, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { assertNesting } from '../read-file.js';
import { InputError } from '../types.js';

const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);

const validators = new Map<string, ValidateFunction>();

export function validator(schemaFile: string): ValidateFunction {
  let v = validators.get(schemaFile);
  if (!v) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    v = ajv.compile(JSON.parse(readFileSync(new URL(schemaFile, SCHEMA_DIR), 'utf8')) as object);
    validators.set(schemaFile, v);
  }
  return v;
}

export interface Parsed {
  file: string;
  doc: Document;
  lc: LineCounter;
  data: unknown;
}

/** Parse YAML or JSON text; syntax errors become an InputError with line:col. */
export function parseStructured(file: string, text: string): Parsed {
  assertNesting(file, text);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
  const err = doc.errors[0];
  if (err) {
    const { line, col } = lc.linePos(err.pos[0]);
    throw new InputError(file, `${line}:${col}: ${err.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Aliases that expand without limit (a "billion laughs" file).
    throw new InputError(file, `YAML: ${String((err as Error).message).split('\n')[0]}`);
  }
  return { file, doc, lc, data };
}

/** 1-based line and column of the node at a JSON pointer (or of the key `atKey` inside it). */
export function position(p: Parsed, pointer: string, atKey?: string): { line: number; col: number } {
  const path = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node: Node | undefined;
  try {
    node = (path.length ? p.doc.getIn(path, true) : p.doc.contents) as Node | undefined;
  } catch {
    node = undefined;
  }
  if (atKey !== undefined && node && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
    const pair = (node as { items: unknown[] }).items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === atKey);
    if (pair && isPair(pair) && isScalar(pair.key) && pair.key.range) node = pair.key as unknown as Node;
  }
  const off = node?.range?.[0] ?? 0;
  return p.lc.linePos(off);
}

function describe(e: ErrorObject): { message: string; key?: string } {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { message: `unknown field "${String(params.additionalProperty)}"`, key: String(params.additionalProperty) };
    case 'required':
      return { message: `missing field "${String(params.missingProperty)}"` };
    case 'enum':
      return { message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { message: `must be ${String(params.type)}` };
    case 'pattern':
      return { message: `does not have the expected form (${String(params.pattern)})` };
    default:
      return { message: e.message ?? e.keyword };
  }
}

/**
 * Validate against a schema; throw one InputError naming the most specific problem
 * (`line:col: message (at /pointer)`), with a count of the others.
 */
export function validate(p: Parsed, schemaFile: string): void {
  const v = validator(schemaFile);
  if (v(p.data)) return;
  const errors = (v.errors ?? []).filter((e) => !['oneOf', 'anyOf', 'if', 'not', 'allOf'].includes(e.keyword));
  const all = errors.length ? errors : (v.errors ?? []);
  // The deepest pointer is the most specific; among equals, the first reported.
  const rank = (e: ErrorObject): number => (e.keyword === 'additionalProperties' ? 0 : 1);
  const sorted = [...all].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length || rank(a) - rank(b));
  const pointers = new Set(all.map((e) => e.instancePath));
  const e = sorted[0]!;
  const d = describe(e);
  const { line, col } = position(p, e.instancePath, d.key);
  const more = pointers.size > 1 ? ` (+${pointers.size - 1} more problem${pointers.size > 2 ? 's' : ''})` : '';
  throw new InputError(p.file, `${line}:${col}: ${d.message} (at ${e.instancePath || '/'})${more}`);
}

/** An InputError positioned at a pointer of a parsed document. */
export function errorAt(p: Parsed, pointer: string, message: string, atKey?: { parent: string; key: string }): InputError {
  const { line, col } = atKey ? position(p, atKey.parent, atKey.key) : position(p, pointer);
  return new InputError(p.file, `${line}:${col}: ${message} (at ${pointer || '/'})`);
}
