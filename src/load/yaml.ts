// YAML (and JSON, which YAML 1.2 reads too) with positions: the one place that turns a JSON pointer
// or a syntax error into file:line:col. Every input with a schema (rules, playbooks, vendor profiles,
// questionnaire banks, answers and mappings, allowlists, risk configs) is read through here.
// The yaml library is loaded on first use: a check of the shipped rules and playbooks parses no YAML.
// Shipped YAML files (the playbooks) come parsed from the build (dist/shipped-yaml.json, keyed by a
// hash of the text), so the library is not even loaded for them while they are unchanged; the build
// also records the schemas (by hash) the data is valid against, so that validateInput need not run them.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import { MAX_NESTING, nestingDepth, readBounded } from '../read-file.js';
import { InputError } from '../types.js';

let yamlModule: typeof import('yaml') | undefined;
/** The yaml library (required on first use). */
export function yamlLib(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}

/** dist/shipped-yaml.json beside the built code: YAML texts parsed at build, by hash of the text. */
export const SHIPPED_YAML_FILE = new URL('../shipped-yaml.json', import.meta.url);

export function yamlTextHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** A shipped YAML text as the build stored it: its data and the hashes of the schemas it is valid against. */
export interface ShippedYaml {
  data: unknown;
  validFor: string[];
}

let shipped: Record<string, ShippedYaml> | null | undefined;
/** The data the build parsed from this exact text, as a fresh copy; undefined when it did not. */
function shippedData(text: string): ShippedYaml | undefined {
  if (shipped === undefined) {
    try {
      shipped = JSON.parse(readFileSync(SHIPPED_YAML_FILE, 'utf8')) as Record<string, ShippedYaml>;
    } catch {
      shipped = null;
    }
  }
  if (!shipped) return undefined;
  const key = yamlTextHash(text);
  if (!Object.hasOwn(shipped, key)) return undefined;
  const entry = shipped[key]!;
  return { data: structuredClone(entry.data), validFor: Array.isArray(entry.validFor) ? entry.validFor : [] };
}

/** A problem in an input file; line and column are 1-based. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  code: string;
  message: string;
  hint?: string;
}

/** `file:line:col  code  message  (hint)`: the form of a list of problems (rule packs). */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.code}  ${p.message}${p.hint ? `  (${p.hint})` : ''}`;
}

/** One problem as the InputError the CLI prints: `file:line:col: message (hint)`. */
export function problemError(p: Problem, suffix = ''): InputError {
  return new InputError(`${p.file}:${p.line}:${p.col}`, `${p.message}${p.hint ? ` (${p.hint})` : ''}${suffix}`);
}

export function pointerPath(pointer: string): Array<string | number> {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A parsed YAML document that can locate a JSON pointer. */
export class YamlSource {
  private positioned?: { doc: Document; lc: LineCounter };

  /** Hashes of the schemas the build found `data` valid against (shipped files the build parsed). */
  validFor: readonly string[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
    readonly data: unknown,
    positioned?: { doc: Document; lc: LineCounter },
  ) {
    this.positioned = positioned;
  }

  /** The document with positions, parsed on first use (the fast parse has none). */
  private get doc(): { doc: Document; lc: LineCounter } {
    if (!this.positioned) {
      const { LineCounter, parseDocument } = yamlLib();
      const lc = new LineCounter();
      this.positioned = { doc: parseDocument(this.text, { lineCounter: lc, uniqueKeys: true, logLevel: 'error' }), lc };
    }
    return this.positioned;
  }

  /** Line and column of the node at a JSON pointer; `atKey` points at that key of the map instead. */
  locate(pointer: string, atKey?: string): { line: number; col: number } {
    const { doc, lc } = this.doc;
    const { isMap, isPair, isScalar } = yamlLib();
    const path = pointerPath(pointer);
    let node: Node | null | undefined;
    try {
      node = (path.length ? doc.getIn(path, true) : doc.contents) as Node | null | undefined;
    } catch {
      node = undefined;
    }
    if (atKey !== undefined && node && isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === atKey);
      if (pair && isPair(pair) && isScalar(pair.key) && pair.key.range) node = pair.key as Node;
    }
    if (!node?.range && path.length) {
      // A value that YAML left empty (or a pointer past the document): point at its key in the parent map.
      return this.locate('/' + path.slice(0, -1).map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'), String(path[path.length - 1]));
    }
    return lc.linePos(node?.range?.[0] ?? 0);
  }

  problem(pointer: string, code: string, message: string, hint?: string, atKey?: string): Problem {
    const p: Problem = { file: this.file, ...this.locate(pointer, atKey), code, message };
    if (hint) p.hint = hint;
    return p;
  }

  /** An InputError at a pointer: `file:line:col: message`. */
  error(pointer: string, message: string, atKey?: string): InputError {
    const { line, col } = this.locate(pointer, atKey);
    return new InputError(`${this.file}:${line}:${col}`, message);
  }
}

const SYNTAX_HINT = 'check indentation and quoting';

/** The data of YAML text as the loader reads it (throws on a syntax error). */
export function parseYamlData(text: string): unknown {
  return yamlLib().parse(text, { uniqueKeys: true, maxAliasCount: 100, logLevel: 'error' });
}

/**
 * Parse YAML text. Syntax errors are all returned as problems (code E001) instead of a source; a
 * fast parse without positions is tried first, positions are computed only when a problem needs them.
 */
export function parseYamlText(file: string, text: string): YamlSource | Problem[] {
  // Deep nesting would overflow the parser's stack: refuse it with a plain message first.
  if (nestingDepth(text) > MAX_NESTING) return [{ file, line: 1, col: 1, code: 'E003', message: `nested too deeply (limit ${MAX_NESTING})` }];
  const built = shippedData(text);
  if (built) {
    const src = new YamlSource(file, text, built.data);
    src.validFor = built.validFor;
    return src;
  }
  const { LineCounter, parse, parseDocument } = yamlLib();
  try {
    return new YamlSource(file, text, parseYamlData(text));
  } catch {
    // Re-parse with positions to report every syntax error with its line.
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
    const problems: Problem[] = doc.errors.map((e) => {
      const pos = lc.linePos(e.pos[0]);
      return { file, line: pos.line, col: pos.col, code: 'E001', message: `YAML syntax: ${e.message.split('\n')[0]}`, hint: SYNTAX_HINT };
    });
    if (problems.length) return problems;
    try {
      doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // Aliases that expand without limit (a "billion laughs" file).
      return [{ file, line: 1, col: 1, code: 'E002', message: `YAML: ${String((err as Error).message).split('\n')[0]}` }];
    }
    return [{ file, line: 1, col: 1, code: 'E001', message: 'YAML syntax error' }];
  }
}

/** Parse YAML text; the first syntax problem is thrown as an InputError at file:line:col. */
export function parseYaml(file: string, text: string): YamlSource {
  const parsed = parseYamlText(file, text);
  if (Array.isArray(parsed)) {
    const p = parsed[0]!;
    // Aliases that expand without limit are a problem of the whole file, not of a place in it.
    throw p.code === 'E002' || p.code === 'E003' ? new InputError(file, p.message) : problemError(p);
  }
  return parsed;
}

/** The text of an input file of at most `maxBytes`, or an InputError naming it. */
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

/** Read and parse a YAML or JSON file. */
export function readYamlFile(file: string, what: string): YamlSource {
  return parseYaml(file, readText(file, what));
}
