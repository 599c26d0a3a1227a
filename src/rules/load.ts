// Load rule packs from YAML: parse with positions, validate with ajv (strict schema), check
// semantics (known requirement, known terms, phrase and regex syntax), report every problem as
// file:line:col  code  message  (hint).
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { RE2JS } from 're2js';
import { LineCounter, type Node, type Document, isMap, isPair, isScalar, parse, parseDocument } from 'yaml';
import { requirementById } from '../catalog.js';
import type { BlockKind, Duration, ProvenStatus, Scope, Status } from '../types.js';
import { PhraseError, parsePhrase } from './phrase.js';
import { CONDITION_KEYS, RULE_SCHEMA, TERMS_SCHEMA } from './schema.js';

/** The rule language version this engine implements. */
export const ENGINE_VERSION = 1;

export type Cond = Record<string, unknown>;

/** A rule case: a sentence, or an object asserting the requirement's status, the quote and the value too. */
export type RuleCase = string | { text: string; status?: Status; quote?: string; value?: { amount?: number; unit?: Duration['unit']; days?: number } };

export interface RuleTests {
  invalid: RuleCase[];
  valid: RuleCase[];
  'todo-invalid'?: RuleCase[];
  'todo-valid'?: RuleCase[];
}

export interface RuleDef {
  id: string;
  file: string;
  pack: string;
  requirement: string;
  proves: ProvenStatus;
  title: string;
  description?: string;
  scope: Scope;
  carveOut: boolean;
  /** A partial finding that turns a conflict in the same clause into partial (an opt-out beside a grant). */
  softensConflict: boolean;
  extract?: 'duration';
  include: BlockKind[];
  references: string[];
  match: Cond;
  tests: RuleTests;
}

export interface RuleSet {
  rules: RuleDef[];
  /** pack -> term name -> phrases; the pack '' holds rules/shared-terms.yaml. */
  terms: Map<string, Map<string, string[]>>;
  root: string;
}

export interface RuleProblem {
  file: string;
  line: number;
  col: number;
  code: string;
  message: string;
  hint?: string;
}

export function formatProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.code}  ${p.message}${p.hint ? `  (${p.hint})` : ''}`;
}

export class RuleLoadError extends Error {
  constructor(public readonly problems: RuleProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'RuleLoadError';
  }
}

// Compiled on first use: with a cached pack, a check never needs the validator.
let validators: { rule: ValidateFunction; terms: ValidateFunction } | undefined;
function schemaValidators(): { rule: ValidateFunction; terms: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    validators = { rule: ajv.compile(RULE_SCHEMA), terms: ajv.compile(TERMS_SCHEMA) };
  }
  return validators;
}

interface Parsed {
  file: string;
  src: string;
  data: unknown;
  /** Parsed with positions only when a problem needs a line and column (the fast parse has none). */
  positioned?: { doc: Document; lc: LineCounter };
}

function positioned(p: Parsed): { doc: Document; lc: LineCounter } {
  if (!p.positioned) {
    const lc = new LineCounter();
    p.positioned = { doc: parseDocument(p.src, { lineCounter: lc, uniqueKeys: true }), lc };
  }
  return p.positioned;
}

function parseYaml(file: string, display: string, problems: RuleProblem[]): Parsed | undefined {
  let src: string;
  try {
    src = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push({ file: display, line: 1, col: 1, code: 'E000', message: `cannot read file (${(err as NodeJS.ErrnoException).code ?? err})` });
    return undefined;
  }
  try {
    return { file: display, src, data: parse(src, { uniqueKeys: true }) };
  } catch {
    // Re-parse with positions to report every syntax error with its line.
    const lc = new LineCounter();
    const doc = parseDocument(src, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    for (const e of doc.errors) {
      const pos = lc.linePos(e.pos[0]);
      problems.push({ file: display, line: pos.line, col: pos.col, code: 'E001', message: `YAML syntax: ${e.message.split('\n')[0]}`, hint: 'check indentation and quoting' });
    }
    if (doc.errors.length === 0) problems.push({ file: display, line: 1, col: 1, code: 'E001', message: 'YAML syntax error' });
    return undefined;
  }
}

/** Position of the node at a JSON pointer; for a missing key, the parent map; `atKey` points at a key. */
function position(p: Parsed, pointer: string, atKey?: string): { line: number; col: number } {
  const path = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const { doc, lc } = positioned(p);
  let node = (path.length ? doc.getIn(path, true) : doc.contents) as Node | undefined;
  if (atKey !== undefined && node && isMap(node)) {
    const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === atKey);
    if (pair && isPair(pair) && isScalar(pair.key) && pair.key.range) node = pair.key as Node;
  }
  const off = node?.range?.[0] ?? 0;
  return lc.linePos(off);
}

/** One problem per pointer, most useful first: additionalProperties and required beat type/oneOf noise. */
function ajvProblems(p: Parsed, errors: ErrorObject[]): RuleProblem[] {
  const rank = (e: ErrorObject) =>
    e.keyword === 'additionalProperties' ? 0 : e.keyword === 'required' ? 1 : e.keyword === 'enum' ? 2 : e.keyword === 'oneOf' ? 9 : 5;
  const byPointer = new Map<string, ErrorObject>();
  for (const e of errors) {
    const key = e.instancePath + (e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '') +
      (e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '');
    const prev = byPointer.get(key);
    if (!prev || rank(e) < rank(prev)) byPointer.set(key, e);
  }
  // Drop errors on a pointer when a more specific error exists beneath it (oneOf wrappers).
  const keys = [...byPointer.keys()];
  const out: RuleProblem[] = [];
  for (const [key, e] of byPointer) {
    if (e.keyword === 'oneOf' || e.keyword === 'type') {
      if (keys.some((k) => k !== key && k.startsWith(key + '/'))) continue;
    }
    out.push(describe(p, e));
  }
  return out;
}

function describe(p: Parsed, e: ErrorObject): RuleProblem {
  const where = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') {
    const prop = (e.params as { additionalProperty: string }).additionalProperty;
    const pos = position(p, e.instancePath, prop);
    const allowed = e.instancePath.includes('/match') || /\/(all|any|near)\/\d+$|\/(not|heading)$/.test(e.instancePath)
      ? CONDITION_KEYS.join(', ')
      : Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).join(', ');
    return { file: p.file, ...pos, code: 'E010', message: `unknown field '${prop}' at ${where}`, hint: `allowed: ${allowed}` };
  }
  if (e.keyword === 'required') {
    const prop = (e.params as { missingProperty: string }).missingProperty;
    return { file: p.file, ...position(p, e.instancePath), code: 'E012', message: `missing required field '${prop}' at ${where}` };
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.join(', ');
    return { file: p.file, ...position(p, e.instancePath), code: 'E013', message: `invalid value at ${where}`, hint: `one of: ${allowed}` };
  }
  if (e.keyword === 'oneOf') {
    return { file: p.file, ...position(p, e.instancePath), code: 'E011', message: `wrong type at ${where}`, hint: 'expected a value or a list of values' };
  }
  const hint = e.keyword === 'type' && (e.params as { type?: string }).type === 'string' ? "quote it: YAML reads true, false, null and numbers as non-strings" : undefined;
  return { file: p.file, ...position(p, e.instancePath), code: 'E011', message: `${where} ${e.message ?? 'is invalid'}`, hint };
}

const OPERATORS = CONDITION_KEYS.filter((k) => k !== 'within' && k !== 'ordered');
const ATOM_KEYS = new Set(['phrase', 'term', 'regex', 'duration']);

/** Semantic checks the schema cannot express. */
function checkCondition(p: Parsed, c: Cond, pointer: string, termsFor: (name: string) => string[] | undefined, problems: RuleProblem[], inNear = false): void {
  const ops = Object.keys(c).filter((k) => (OPERATORS as readonly string[]).includes(k));
  const pos = () => position(p, pointer);
  if (ops.length !== 1) {
    problems.push({ file: p.file, ...pos(), code: 'E024', message: `a condition needs exactly one operator, found ${ops.length ? ops.join(', ') : 'none'} at ${pointer}`, hint: 'wrap several conditions in all: [...]' });
    return;
  }
  const op = ops[0]!;
  if ((c.within !== undefined || c.ordered !== undefined) && op !== 'near') {
    problems.push({ file: p.file, ...pos(), code: 'E024', message: `'within' and 'ordered' belong to 'near' at ${pointer}` });
  }
  if (inNear && !ATOM_KEYS.has(op) && op !== 'any' && op !== 'near') {
    problems.push({ file: p.file, ...pos(), code: 'E025', message: `'${op}' cannot be inside near at ${pointer}`, hint: 'near children are phrase, term, regex, duration, any or near' });
  }
  const v = c[op];
  switch (op) {
    case 'all':
    case 'any':
    case 'near':
      (v as Cond[]).forEach((child, i) => checkCondition(p, child, `${pointer}/${op}/${i}`, termsFor, problems, op === 'near' || (inNear && op === 'any')));
      break;
    case 'not':
    case 'heading':
    case 'document':
      checkCondition(p, v as Cond, `${pointer}/${op}`, termsFor, problems);
      break;
    case 'phrase':
      for (const [i, ph] of (Array.isArray(v) ? v : [v]).entries()) {
        try {
          parsePhrase(ph as string);
        } catch (err) {
          if (!(err instanceof PhraseError)) throw err;
          problems.push({ file: p.file, ...position(p, Array.isArray(v) ? `${pointer}/phrase/${i}` : `${pointer}/phrase`), code: 'E023', message: `bad phrase: ${err.message}` });
        }
      }
      break;
    case 'term':
      for (const [i, name] of (Array.isArray(v) ? v : [v]).entries()) {
        if (!termsFor(name as string)) {
          problems.push({ file: p.file, ...position(p, Array.isArray(v) ? `${pointer}/term/${i}` : `${pointer}/term`), code: 'E021', message: `unknown term list '${name}'`, hint: 'define it in the pack terms.yaml or rules/shared-terms.yaml' });
        }
      }
      break;
    case 'regex':
      try {
        RE2JS.compile(v as string, RE2JS.CASE_INSENSITIVE);
      } catch (err) {
        problems.push({ file: p.file, ...position(p, `${pointer}/regex`), code: 'E022', message: `bad regex: ${(err as Error).message.split('\n')[0]}`, hint: 'linear-time syntax (RE2): no lookaround or backreferences' });
      }
      break;
  }
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listYaml(full));
    else if (/\.ya?ml$/i.test(name)) out.push(full);
  }
  return out;
}

/**
 * The folder for the validated-pack cache: a folder of this user's own in the temp folder (mode 700),
 * so another user of a shared /tmp can neither plant a cache (cached packs are not validated again)
 * nor redirect a write through a link. Undefined (no cache) when it is not safely ours.
 */
function privateCacheDir(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid === undefined) return tmpdir(); // Windows: the temp folder is per user
  const dir = join(tmpdir(), `clausecheck-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return dir;
}

/**
 * Load every pack under `root` (or just some files/folders under it with `only`).
 * Throws RuleLoadError listing every problem.
 */
export function loadRules(root: string, only?: string[]): RuleSet {
  let files: string[];
  try {
    files = listYaml(root);
  } catch {
    throw new RuleLoadError([{ file: root, line: 1, col: 1, code: 'E000', message: 'rules folder not found' }]);
  }
  if (only?.length) return loadRuleFiles(root, files, only);
  // Parsing ~300 KB of YAML costs more than the rest of a check; a validated pack is cached
  // (keyed by the content of every file) in the temp folder and reused while nothing changes.
  const hash = createHash('sha256').update(`engine ${ENGINE_VERSION} schema 4\n`);
  for (const f of files) hash.update(`${relative(root, f)}\n`).update(readFileSync(f)).update('\n');
  const dir = privateCacheDir();
  const cacheFile = dir && join(dir, `clausecheck-rules-${hash.digest('hex').slice(0, 32)}.json`);
  if (cacheFile) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { rules: RuleDef[]; terms: Array<[string, Array<[string, string[]]>]> };
      return { rules: cached.rules, terms: new Map(cached.terms.map(([k, v]) => [k, new Map(v)])), root };
    } catch {
      // no cache yet, or unreadable: load from YAML
    }
  }
  const set = loadRuleFiles(root, files);
  if (cacheFile) {
    const tmp = `${cacheFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ rules: set.rules, terms: [...set.terms].map(([k, v]) => [k, [...v]]) }), { flag: 'wx', mode: 0o600 });
      renameSync(tmp, cacheFile);
    } catch {
      // a full or read-only temp folder only costs speed
      rmSync(tmp, { force: true });
    }
  }
  return set;
}

function loadRuleFiles(root: string, files: string[], only?: string[]): RuleSet {
  const problems: RuleProblem[] = [];
  const { rule: validateRule, terms: validateTerms } = schemaValidators();
  const display = (f: string) => relative(process.cwd(), f) || f;
  const terms = new Map<string, Map<string, string[]>>();
  // With a selection (rules test/lint of one pack), only the shared terms and the selected packs' terms load,
  // so a broken file in another pack does not block the work on this one.
  const packOf = (f: string) => {
    const rel = relative(root, f).split(sep);
    return rel.length > 1 ? rel[0]! : '';
  };
  const selectedPacks = only?.length ? new Set(files.filter((f) => only.some((o) => f === o || f.startsWith(o + sep) || f.startsWith(o + '/'))).map(packOf)) : undefined;
  const termFiles = files.filter((f) => /^(shared-)?terms\.ya?ml$/i.test(basename(f)) && (!selectedPacks || packOf(f) === '' || selectedPacks.has(packOf(f))));
  const brokenPacks = new Set<string>();
  for (const f of termFiles) {
    const parsed = parseYaml(f, display(f), problems);
    if (!parsed) {
      // Its names are unknown: do not bury the syntax error under "unknown term" errors.
      const rel = relative(root, f).split(sep);
      brokenPacks.add(rel.length > 1 ? rel[0]! : '');
      continue;
    }
    const rel = relative(root, f).split(sep);
    const pack = rel.length > 1 ? rel[0]! : '';
    const map = terms.get(pack) ?? new Map<string, string[]>();
    terms.set(pack, map);
    if (!validateTerms(parsed.data)) {
      problems.push(...ajvProblems(parsed, validateTerms.errors ?? []));
      // Keep the names so one bad entry does not cascade into "unknown term" errors everywhere.
      const raw = (parsed.data as { terms?: unknown })?.terms;
      if (raw && typeof raw === 'object') for (const name of Object.keys(raw)) map.set(name, []);
      continue;
    }
    for (const [name, raw] of Object.entries((parsed.data as { terms: Record<string, Array<string | number>> }).terms)) {
      const list = raw.map(String);
      map.set(name, list);
      list.forEach((ph, i) => {
        try {
          parsePhrase(ph);
        } catch (err) {
          if (!(err instanceof PhraseError)) throw err;
          problems.push({ file: parsed.file, ...position(parsed, `/terms/${name}/${i}`), code: 'E023', message: `bad phrase: ${err.message}` });
        }
      });
    }
  }
  const selected = only?.length
    ? files.filter((f) => only.some((o) => f === o || f.startsWith(o.endsWith(sep) ? o : o + sep) || f.startsWith(o + '/')))
    : files;
  const rules: RuleDef[] = [];
  for (const f of selected) {
    if (/^(shared-)?terms\.ya?ml$/i.test(basename(f))) continue;
    const parsed = parseYaml(f, display(f), problems);
    if (!parsed) continue;
    const rel = relative(root, f).split(sep);
    const pack = rel.length > 1 ? rel[0]! : '';
    const id = rel.join('/').replace(/\.ya?ml$/i, '');
    if (!validateRule(parsed.data)) {
      problems.push(...ajvProblems(parsed, validateRule.errors ?? []));
      continue;
    }
    const d = parsed.data as unknown as Record<string, unknown>;
    if (!requirementById(d.requirement as string)) {
      problems.push({ file: parsed.file, ...position(parsed, '/requirement'), code: 'E020', message: `unknown requirement '${d.requirement}'`, hint: 'use an AD-, DR- or EC- ID of the catalog' });
    }
    if ((d.engine as number | undefined) !== undefined && (d.engine as number) > ENGINE_VERSION) {
      problems.push({ file: parsed.file, ...position(parsed, '/engine'), code: 'E031', message: `rule needs engine ${d.engine}, this is engine ${ENGINE_VERSION}`, hint: 'upgrade clausecheck' });
    }
    if (d['carve-out'] === true && d.proves !== 'partial') {
      problems.push({ file: parsed.file, ...position(parsed, '/carve-out'), code: 'E026', message: 'a carve-out rule must prove partial' });
    }
    if (d['softens-conflict'] === true && d.proves !== 'partial') {
      problems.push({ file: parsed.file, ...position(parsed, '/softens-conflict'), code: 'E026', message: 'a softens-conflict rule must prove partial' });
    }
    const termsFor = (name: string) =>
      terms.get(pack)?.get(name) ?? terms.get('')?.get(name) ?? (brokenPacks.has(pack) || brokenPacks.has('') ? [] : undefined);
    checkCondition(parsed, d.match as Cond, '/match', termsFor, problems);
    rules.push({
      id,
      file: parsed.file,
      pack,
      requirement: d.requirement as string,
      proves: d.proves as ProvenStatus,
      title: d.title as string,
      description: d.description as string | undefined,
      scope: (d.scope as Scope | undefined) ?? 'sentence',
      carveOut: d['carve-out'] === true,
      softensConflict: d['softens-conflict'] === true,
      extract: d.extract as 'duration' | undefined,
      include: (d.include as BlockKind[] | undefined) ?? [],
      references: (d.references as string[] | undefined) ?? [],
      match: d.match as Cond,
      tests: d.tests as RuleTests,
    });
  }
  if (problems.length) throw new RuleLoadError(problems);
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rules, terms, root };
}
