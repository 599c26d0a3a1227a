// The clause library: for every requirement ID, clause text in the playbook's perspective
// (buyer or provider) and position (preferred or fallback), rendered from
// templates/clauses/<perspective>/<ID>.<position>.hbs with the playbook's parameters.
//
// The templates produce plain contract text, not markup: they are compiled with `noEscape`
// because HTML entities would corrupt the text ("Provider&#x27;s"). Every consumer that writes
// markup (the HTML addendum, the HTML report) escapes the text itself; DOCX output escapes XML.
//
// Loading is cached and light: a template's header and the definitions file come parsed from the
// build (precompiledData, no YAML parser at run time while the files are unchanged), template
// specs come precompiled, and the values derived from a playbook (the template context, the
// defined terms and their patterns, each rendered clause) are computed once per playbook object.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import { requirementById } from '../catalog.js';
import { compileTemplate, createEnv, precompiledData } from '../templates.js';
import type { Playbook } from '../playbook/index.js';
import type { Status } from '../types.js';
import { joinList, quantity, wordsAndDigits } from './words.js';

export type Position = 'preferred' | 'fallback';
export const POSITIONS: readonly Position[] = ['preferred', 'fallback'];

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/clauses/', import.meta.url));

/** Metadata from the comment at the top of a clause template. */
export interface ClauseMeta {
  /** Short heading printed before the clause ("No Training on {{terms.customerData}}", rendered). */
  caption: string;
  /** What `check` should report for the requirement once the clause is in a contract. */
  expect: 'met' | 'partial';
  /** Why the position is what it is (for the drafter, not printed). */
  note?: string;
}

export interface RenderedClause extends ClauseMeta {
  id: string;
  perspective: Playbook['perspective'];
  position: Position;
  /** Paragraphs separated by a blank line; list items "(a) ..." are paragraphs of their own. */
  text: string;
  /** Keys of the definitions (templates/clauses/definitions.yaml) the text uses, closure included. */
  definitions: string[];
}

export interface ClauseOptions {
  playbook: Playbook;
  position?: Position;
  /** The status the contract has now; a partial or conflicting clause gets a precedence sentence. */
  status?: Status;
  /** Cross-references: requirement ID -> clause number ("3.2") when the clause is in the same document. */
  refs?: ReadonlyMap<string, string>;
}

type Env = ReturnType<typeof Handlebars.create>;

/** The yaml library, loaded only when a header or the definitions file was not parsed at build. */
function parseYaml(text: string): unknown {
  return (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);
}

interface Compiled {
  meta: ClauseMeta;
  caption: Handlebars.TemplateDelegate;
  render: Handlebars.TemplateDelegate;
}

const compiledCache = new Map<string, Compiled>();
let envCache: Env | undefined;

function env(): Env {
  if (envCache) return envCache;
  const hb = createEnv();
  const num = (v: unknown, name: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name} needs a number, got ${JSON.stringify(v)}`);
    return v;
  };
  const list = (v: unknown, name: string): string[] => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${name} needs a list of strings`);
    return v as string[];
  };
  // {{num 30}} -> thirty (30); {{days 30}} -> thirty (30) days; {{hours 48}}; {{months 12}}
  hb.registerHelper('num', (v: unknown) => wordsAndDigits(num(v, 'num')));
  hb.registerHelper('days', (v: unknown) => quantity(num(v, 'days'), 'day'));
  hb.registerHelper('businessDays', (v: unknown) => quantity(num(v, 'businessDays'), 'business day'));
  hb.registerHelper('hours', (v: unknown) => quantity(num(v, 'hours'), 'hour'));
  hb.registerHelper('months', (v: unknown) => quantity(num(v, 'months'), 'month'));
  // {{list items}} -> "A, B and C"; {{list items 'or'}} -> "A, B or C"
  hb.registerHelper('list', (v: unknown, conj: unknown) => joinList(list(v, 'list'), typeof conj === 'string' ? conj : 'and'));
  // {{#ref 'DR-RETENTION-PERIOD' 'DR-DELETION'}}the {{terms.agreement}}{{/ref}}: "Sections 3.2 and 3.3"
  // for the referenced clauses that are in the same document, otherwise the block's own text.
  hb.registerHelper('ref', function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as Handlebars.HelperOptions;
    if (typeof options?.fn !== 'function') throw new Error('ref is a block helper: {{#ref ID...}}fallback text{{/ref}}');
    const refs = (options.data?.root as { refs?: Record<string, string> } | undefined)?.refs ?? {};
    for (const id of args) {
      if (typeof id !== 'string' || !requirementById(id)) throw new Error(`ref: unknown requirement ${String(id)}`);
    }
    const found = (args as string[]).map((id) => refs[id]).filter((x): x is string => Boolean(x));
    if (found.length === 0) return options.fn(this);
    return `${found.length === 1 ? 'Section' : 'Sections'} ${joinList(found)}`;
  });
  envCache = hb;
  return hb;
}

const HEADER = /^\{\{!--([\s\S]*?)--\}\}[ \t]*\r?\n?/;

/** Parser names of the data the build parses (src/render/build-templates.ts) and runs look up. */
export const CLAUSE_TEMPLATE_DATA = 'clause-template';
export const DEFINITIONS_DATA = 'clause-definitions';
/** The defined terms of a playbook (in the definitions file's order) sorted as 'en' collation sorts them. */
export const TERM_ORDER_DATA = 'clause-term-order';

/** Split a template file into its metadata header and its body (from the build's parse while the text is unchanged). */
export function parseTemplate(source: string, file: string): { meta: ClauseMeta; body: string } {
  const built = precompiledData<{ meta: ClauseMeta; body: string }>(CLAUSE_TEMPLATE_DATA, source);
  if (built) return { meta: { ...built.meta }, body: built.body };
  return parseTemplateSource(source, file);
}

/** parseTemplate without the build's cache (what the build stores). */
export function parseTemplateSource(source: string, file: string): { meta: ClauseMeta; body: string } {
  const m = HEADER.exec(source);
  if (!m) throw new Error(`${file}: a clause template starts with a {{!-- caption: ... --}} comment`);
  const meta = parseYaml(m[1]!) as Partial<ClauseMeta> | null;
  if (!meta || typeof meta.caption !== 'string' || !meta.caption) throw new Error(`${file}: header needs 'caption'`);
  const expect = meta.expect ?? 'met';
  if (expect !== 'met' && expect !== 'partial') throw new Error(`${file}: header 'expect' is met or partial`);
  return { meta: { caption: meta.caption, expect, ...(meta.note ? { note: String(meta.note).trim() } : {}) }, body: source.slice(m[0].length) };
}

export function templateFile(perspective: Playbook['perspective'], id: string, position: Position): string {
  return `${TEMPLATE_DIR}${perspective}/${id}.${position}.hbs`;
}

function compiled(perspective: Playbook['perspective'], id: string, position: Position): Compiled {
  const file = templateFile(perspective, id, position);
  let c = compiledCache.get(file);
  if (!c) {
    const { meta, body } = parseTemplate(readFileSync(file, 'utf8'), file);
    c = {
      meta,
      caption: compileTemplate(env(), meta.caption, { strict: true, noEscape: true }),
      render: compileTemplate(env(), body, { strict: true, noEscape: true }),
    };
    compiledCache.set(file, c);
  }
  return c;
}

function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function camelize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelize);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelize(x)]));
  return v;
}

interface DefinitionsFile {
  definitions: Record<string, { term: string; means: string }>;
  regimes: {
    export: Record<string, { law: string; lists: string[] }>;
    sanctions: Record<string, { law: string; lists: string[] }>;
  };
}

let defsCache: { file: DefinitionsFile; term: Map<string, Handlebars.TemplateDelegate>; means: Map<string, Handlebars.TemplateDelegate> } | undefined;

function definitionsFile(): NonNullable<typeof defsCache> {
  if (!defsCache) {
    const text = readFileSync(`${TEMPLATE_DIR}definitions.yaml`, 'utf8');
    const file = precompiledData<DefinitionsFile>(DEFINITIONS_DATA, text) ?? (parseYaml(text) as DefinitionsFile);
    const term = new Map<string, Handlebars.TemplateDelegate>();
    const means = new Map<string, Handlebars.TemplateDelegate>();
    for (const [key, d] of Object.entries(file.definitions)) {
      term.set(key, compileTemplate(env(), d.term, { strict: true, noEscape: true }));
      means.set(key, compileTemplate(env(), d.means, { strict: true, noEscape: true }));
    }
    defsCache = { file, term, means };
  }
  return defsCache;
}

/** What is derived from one playbook once: template context, defined terms, rendered clauses. */
interface PlaybookCache {
  /** The playbook's name, perspective and parameters when the cache was filled (a changed object refills it). */
  key: string;
  /** Context values before and after position and status (kept in the order templates always saw). */
  head: Record<string, unknown>;
  tail: Record<string, unknown>;
  terms?: Map<string, string>;
  means: Map<string, string>;
  clauses: Map<string, RenderedClause>;
  /** Position of each term in 'en' collation order, from the build; null when the build did not see these terms. */
  rank?: Map<string, number> | null;
}

const perPlaybook = new WeakMap<Playbook, PlaybookCache>();

function cacheOf(playbook: Playbook): PlaybookCache {
  const key = JSON.stringify([playbook.name, playbook.perspective, playbook.params]);
  let c = perPlaybook.get(playbook);
  if (c && c.key === key) return c;
  const p = playbook.params;
  const { regimes } = definitionsFile().file;
  const exportSel = p['export-control-regimes'].map((k) => regimes.export[k]!);
  const sanctionsSel = p['sanctions-regimes'].map((k) => regimes.sanctions[k]!);
  c = {
    key,
    head: { ...(camelize(p) as Record<string, unknown>), perspective: playbook.perspective, playbook: playbook.name },
    tail: {
      zeroRetention: p['max-retention-days'] === 0,
      exportLaws: exportSel.map((r) => r.law),
      sanctionsLaws: sanctionsSel.map((r) => r.law),
      restrictedLists: [
        ...[...sanctionsSel, ...exportSel].flatMap((r) => r.lists),
        'any other list of restricted persons maintained under Export Control Laws or Sanctions Laws',
      ],
    },
    means: new Map(),
    clauses: new Map(),
  };
  perPlaybook.set(playbook, c);
  return c;
}

/** The values a clause template sees: the playbook parameters in camelCase, plus derived lists. */
export function templateContext(playbook: Playbook, extra: { position?: Position; status?: Status; refs?: ReadonlyMap<string, string> } = {}): Record<string, unknown> {
  return contextFrom(cacheOf(playbook), extra);
}

function contextFrom(c: PlaybookCache, extra: { position?: Position; status?: Status; refs?: ReadonlyMap<string, string> }): Record<string, unknown> {
  return {
    ...c.head,
    position: extra.position ?? 'preferred',
    status: extra.status ?? 'missing',
    ...c.tail,
    refs: Object.fromEntries(extra.refs ?? []),
  };
}

/** Collapse template layout: lines of a paragraph joined, blank lines separate paragraphs. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((para) => para.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Defined-term name of each definition under a playbook. */
export function definitionTerms(playbook: Playbook): Map<string, string> {
  return new Map(termsOf(cacheOf(playbook)));
}

function termsOf(c: PlaybookCache): Map<string, string> {
  if (!c.terms) {
    const ctx = contextFrom(c, {});
    c.terms = new Map([...definitionsFile().term].map(([k, t]) => [k, tidy(t(ctx))]));
  }
  return c.terms;
}

const termPatterns = new Map<string, RegExp>();
function termPattern(term: string): RegExp {
  let re = termPatterns.get(term);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?:s|es)?(?![\\p{L}\\p{N}])`, 'u');
    termPatterns.set(term, re);
  }
  return re;
}

let letterOrDigit: RegExp | undefined;
/** A letter or digit code point (Unicode L or N); ASCII without a regular expression. */
function isWordChar(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  letterOrDigit ??= /^[\p{L}\p{N}]$/u;
  return letterOrDigit.test(String.fromCodePoint(cp));
}

/** The code point that ends just before index `i`. */
function codePointBefore(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const lo = text.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return text.codePointAt(i - 2);
  }
  return lo;
}

/**
 * The term as a word of the text, plural `s` or `es` allowed: what the pattern
 * `(?<![\p{L}\p{N}])TERM(?:s|es)?(?![\p{L}\p{N}])` (flag u) finds, without compiling one
 * Unicode pattern per term (a tenth of a one-file check's start-up went there).
 */
export function usesTerm(text: string, term: string): boolean {
  // The pattern needs the term itself: most texts are ruled out without it.
  if (!text.includes(term)) return false;
  // An empty term or one with surrogates (never in the shipped definitions): the pattern itself.
  if (!term || /[\ud800-\udfff]/.test(term)) return termPattern(term).test(text);
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    if (isWordChar(codePointBefore(text, i))) continue;
    const j = i + term.length;
    if (!isWordChar(text.codePointAt(j))) return true;
    if (text.charCodeAt(j) === 0x73 /* s */ && !isWordChar(text.codePointAt(j + 1))) return true;
    if (text.startsWith('es', j) && !isWordChar(text.codePointAt(j + 2))) return true;
  }
  return false;
}

export interface Definition {
  key: string;
  term: string;
  /** The text after "means". */
  means: string;
}

/** Definitions used by some texts, including definitions used by those definitions; sorted by term. */
export function definitionsUsed(texts: string[], playbook: Playbook): Definition[] {
  return findDefinitionsUsed(texts, cacheOf(playbook));
}

function findDefinitionsUsed(texts: string[], c: PlaybookCache): Definition[] {
  const terms = termsOf(c);
  let ctx: Record<string, unknown> | undefined;
  const out = new Map<string, Definition>();
  const queue = [...texts];
  while (queue.length) {
    const text = queue.shift()!;
    for (const [key, term] of terms) {
      if (out.has(key) || !usesTerm(text, term)) continue;
      let means = c.means.get(key);
      if (means === undefined) {
        ctx ??= contextFrom(c, {});
        means = tidy(definitionsFile().means.get(key)!(ctx));
        c.means.set(key, means);
      }
      out.set(key, { key, term, means });
      queue.push(means);
    }
  }
  const rank = termRank(c);
  return [...out.values()].sort(rank ? (a, b) => rank.get(a.term)! - rank.get(b.term)! : (a, b) => a.term.localeCompare(b.term, 'en'));
}

/**
 * The terms sorted as `localeCompare(…, 'en')` sorts them, as the build found them for the built-in
 * playbooks (no two different terms equal): a run then sorts without loading ICU's collation data.
 */
function termRank(c: PlaybookCache): Map<string, number> | undefined {
  if (c.rank === undefined) {
    const order = precompiledData<string[]>(TERM_ORDER_DATA, JSON.stringify([...termsOf(c).values()]));
    c.rank = order ? new Map(order.map((t, i) => [t, i])) : null;
  }
  return c.rank ?? undefined;
}

/** For the build: the terms of a playbook in collation order, or undefined when two different terms collate equal. */
export function termOrder(playbook: Playbook): { source: string; value: string[] } | undefined {
  const terms = [...termsOf(cacheOf(playbook)).values()];
  const sorted = [...terms].sort((a, b) => a.localeCompare(b, 'en'));
  if (sorted.some((t, i) => i > 0 && t !== sorted[i - 1] && t.localeCompare(sorted[i - 1]!, 'en') === 0)) return undefined;
  return { source: JSON.stringify(terms), value: sorted };
}

/** Render one clause of the library. */
export function renderClause(id: string, opts: ClauseOptions): RenderedClause {
  if (!requirementById(id)) throw new Error(`no clause for unknown requirement ${id}`);
  // Without cross-references a clause depends on the playbook, position and status only: rendered once.
  if (opts.refs && opts.refs.size > 0) return renderClauseNow(id, opts);
  const cache = cacheOf(opts.playbook).clauses;
  const key = `${id}\0${opts.position ?? 'preferred'}\0${opts.status ?? ''}`;
  let c = cache.get(key);
  if (!c) {
    c = renderClauseNow(id, opts);
    cache.set(key, c);
  }
  return { ...c, definitions: [...c.definitions] };
}

function renderClauseNow(id: string, opts: ClauseOptions): RenderedClause {
  const position = opts.position ?? 'preferred';
  const { perspective } = opts.playbook;
  const c = compiled(perspective, id, position);
  const ctx = templateContext(opts.playbook, { position, status: opts.status, refs: opts.refs });
  let text = tidy(c.render(ctx));
  if (opts.status === 'partial' || opts.status === 'conflict') {
    text += ` This clause prevails over any provision of the ${opts.playbook.params.terms.agreement} that is inconsistent with it.`;
  }
  return {
    id,
    perspective,
    position,
    ...c.meta,
    caption: tidy(c.caption(ctx)),
    text,
    definitions: definitionsUsed([text], opts.playbook).map((d) => d.key),
  };
}

/**
 * Definitions as paragraphs of their own, each starting with the quoted term so that readers (and the
 * segmenter) see a definition: `"A" means ...;` ... `"B" means ....`
 */
export function definitionParagraphs(defs: Definition[]): string[] {
  return defs.map((d, i) => `"${d.term}" means ${d.means}${i === defs.length - 1 ? '.' : i === defs.length - 2 ? '; and' : ';'}`);
}

/**
 * Clause text ready to paste into a contract: the clause in the playbook's position, followed by
 * the definitions it relies on (party names, the Agreement and the Services excepted).
 */
export function suggestClause(id: string, opts: ClauseOptions): string {
  const clause = renderClause(id, opts);
  // The definitions the rendering found in this very text (its keys, sorted by term), not searched again.
  const c = cacheOf(opts.playbook);
  const terms = termsOf(c);
  const defs: Definition[] = clause.definitions.map((key) => ({ key, term: terms.get(key)!, means: c.means.get(key)! }));
  if (defs.length === 0) return clause.text;
  return [clause.text, 'For the purposes of this clause:', ...definitionParagraphs(defs)].join('\n\n');
}
