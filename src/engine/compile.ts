// Compile a RuleSet once per run: every phrase becomes an atom in one trie, regexes are compiled
// with the linear-time RE2 engine, and each rule gets the set of atoms that must occur for it to
// possibly match (its triggers), so a document is scanned once and only candidate rules are evaluated.
import { RE2JS } from 're2js';
import type { Cond, DefinedTerms, RuleDef, RuleSet } from '../rules/load.js';
import { parsePhrase } from '../rules/phrase.js';
import type { BlockKind, Duration, Modality, Party } from '../types.js';
import { jsTextLimit, toJsRegExp } from './re2-js.js';
import { PhraseTrie } from './trie.js';

export type CCond =
  | { op: 'all'; kids: CCond[]; written: CCond[]; check: CCond[] }
  | { op: 'any'; kids: CCond[] }
  | { op: 'not'; kid: CCond }
  | { op: 'near'; kids: CCond[]; within: number; ordered: boolean }
  | { op: 'atoms'; atoms: number[]; set: Set<number>; id: number; mask: Uint8Array }
  | { op: 'regex'; atom: number }
  | { op: 'duration'; atom: number; minHours?: number; maxHours?: number; units?: Set<Duration['unit']> }
  | { op: 'modality'; values: Set<Modality> }
  | { op: 'party'; values: Set<Party> }
  | { op: 'negated'; value: boolean }
  | { op: 'exception'; value: boolean }
  | { op: 'kind'; values: Set<BlockKind> }
  | { op: 'heading'; kid: CCond }
  | { op: 'document'; kid: CCond };

export interface CompiledRule {
  def: RuleDef;
  cond: CCond;
  /**
   * One of these atoms must occur in a unit for the rule to match (undefined: no text condition).
   * The engine picks the rarest such set per document with cheapestTriggers; this static set is
   * for diagnostics and tests.
   */
  triggers: number[] | undefined;
}

export interface CompiledRules {
  rules: CompiledRule[];
  trie: PhraseTrie;
  /** Regex atoms: atom id -> pattern source. */
  regexSources: Map<number, string>;
  /** The compiled pattern of a regex atom (compiled on first use, run on candidate units only). */
  regex: (atom: number) => RE2JS;
  /** The same pattern as a V8 RegExp when re2-js.ts proves it equivalent and safe (else undefined). */
  jsRegex: (atom: number) => RegExp | undefined;
  /** The longest text jsRegex's pattern runs on (re2-js.ts jsTextLimit); RE2 runs on longer ones. */
  jsTextLimit: (atom: number) => number;
  /** Phrase atoms by normalized phrase. */
  phraseAtoms: Map<string, number>;
  /** Atom id of "a duration occurs". */
  durationAtom: number;
  atomCount: number;
  /** Number of distinct `atoms` nodes (their ids index per-document caches). */
  atomSetCount: number;
  /** Atom id of a phrase as written in a rule or term list (normalized spacing and case), if any rule uses it. */
  atomOf: (phrase: string) => number | undefined;
  /** The packs' defined-term kinds (data from the terms files, read by ./aliases.ts). */
  definedTerms: DefinedTerms;
}

const COST: Record<CCond['op'], number> = {
  modality: 0, party: 0, negated: 0, exception: 0, kind: 0, atoms: 1, duration: 2, any: 3, all: 3, near: 4, heading: 5, document: 5, regex: 6, not: 7,
};

/** Whether a condition runs a regex (itself or below). */
function hasRegex(c: CCond): boolean {
  switch (c.op) {
    case 'regex':
      return true;
    case 'any':
    case 'all':
    case 'near':
      return c.kids.some(hasRegex);
    case 'not':
    case 'heading':
    case 'document':
      return hasRegex(c.kid);
    default:
      return false;
  }
}

/** Whether a condition only reads sentence facts and word presence (no window, duration, regex or heading). */
function presenceOnly(c: CCond): boolean {
  switch (c.op) {
    case 'atoms':
    case 'modality':
    case 'party':
    case 'negated':
    case 'exception':
    case 'kind':
      return true;
    case 'any':
    case 'all':
      return c.kids.every(presenceOnly);
    case 'not':
      return presenceOnly(c.kid);
    default:
      return false;
  }
}

/**
 * Where `holds` tries a child of an `all`: the operator's place in COST, except that a list or
 * window that runs a regex waits with the regexes, and a negation of word presence comes before
 * them (it is a read or two where a regex runs over the text).
 */
function checkRank(c: CCond): number {
  if ((c.op === 'any' || c.op === 'all' || c.op === 'near') && hasRegex(c)) return COST.regex;
  if (c.op === 'not' && presenceOnly(c.kid)) return COST.regex - 0.5;
  return COST[c.op];
}

/**
 * The order in which `holds` tries the children of an `all` (a stable sort of the written order by
 * checkRank), so that a cheap child that fails spares the costly ones. `kids` keeps the order by
 * operator alone, which the trigger plan reads (its ties pick the trigger).
 */
export function checkOrder(written: CCond[]): CCond[] {
  return written.map((k, i) => [k, checkRank(k), i] as const).sort((a, b) => a[1] - b[1] || a[2] - b[2]).map(([k]) => k);
}

const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

export function compileRules(set: RuleSet): CompiledRules {
  const trie = new PhraseTrie();
  const phraseAtoms = new Map<string, number>();
  const regexAtoms = new Map<string, number>();
  const regexSources = new Map<number, string>();
  let atomCount = 0;
  const durationAtom = atomCount++;

  const phraseAtom = (phrase: string): number => {
    const key = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
    let id = phraseAtoms.get(key);
    if (id === undefined) {
      id = atomCount++;
      phraseAtoms.set(key, id);
      for (const alt of parsePhrase(phrase)) trie.add(alt, id);
    }
    return id;
  };

  // Equal atom lists (a term used by many rules) share one node: its trigger cost is computed once
  // per document, and its membership mask is built once.
  const atomNodes = new Map<string, Extract<CCond, { op: 'atoms' }>>();
  const atomsNode = (atoms: number[]): CCond => {
    const key = atoms.join(',');
    let node = atomNodes.get(key);
    if (!node) {
      node = { op: 'atoms', atoms, set: new Set(atoms), id: atomNodes.size, mask: new Uint8Array(0) };
      atomNodes.set(key, node);
    }
    return node;
  };

  const compile = (c: Cond, pack: string): CCond => {
    if (c.all) {
      // Cheap checks first: sentence facts, then word presence, then windows, regexes and negations.
      const kids = (c.all as Cond[]).map((k) => compile(k, pack));
      const sorted = kids.map((k, i) => [k, i] as const).sort((a, b) => COST[a[0].op] - COST[b[0].op] || a[1] - b[1]).map(([k]) => k);
      return { op: 'all', kids: sorted, written: kids, check: checkOrder(kids) };
    }
    if (c.any) return { op: 'any', kids: (c.any as Cond[]).map((k) => compile(k, pack)) };
    if (c.not) return { op: 'not', kid: compile(c.not as Cond, pack) };
    if (c.near) {
      return { op: 'near', kids: (c.near as Cond[]).map((k) => compile(k, pack)), within: (c.within as number | undefined) ?? 10, ordered: c.ordered === true };
    }
    if (c.phrase) {
      return atomsNode([...new Set(asList(c.phrase as string | string[]).map(phraseAtom))]);
    }
    if (c.term) {
      const atoms: number[] = [];
      for (const name of asList(c.term as string | string[])) {
        const list = set.terms.get(pack)?.get(name) ?? set.terms.get('')?.get(name) ?? [];
        for (const ph of list) atoms.push(phraseAtom(ph));
      }
      return atomsNode([...new Set(atoms)]);
    }
    if (c.regex) {
      const src = c.regex as string;
      let id = regexAtoms.get(src);
      if (id === undefined) {
        id = atomCount++;
        regexAtoms.set(src, id);
        regexSources.set(id, src);
      }
      return { op: 'regex', atom: id };
    }
    if (c.duration) {
      const d = c.duration as { 'min-days'?: number; 'max-days'?: number; unit?: string | string[] };
      return {
        op: 'duration',
        atom: durationAtom,
        minHours: d['min-days'] !== undefined ? d['min-days'] * 24 : undefined,
        maxHours: d['max-days'] !== undefined ? d['max-days'] * 24 : undefined,
        units: d.unit ? new Set(asList(d.unit) as Duration['unit'][]) : undefined,
      };
    }
    if (c.modality) return { op: 'modality', values: new Set(asList(c.modality as Modality | Modality[])) };
    if (c.party) return { op: 'party', values: new Set(asList(c.party as Party | Party[])) };
    if (c.negated !== undefined) return { op: 'negated', value: c.negated === true };
    if (c.exception !== undefined) return { op: 'exception', value: c.exception === true };
    if (c.kind) return { op: 'kind', values: new Set(asList(c.kind as BlockKind | BlockKind[])) };
    if (c.heading) return { op: 'heading', kid: compile(c.heading as Cond, pack) };
    if (c.document) return { op: 'document', kid: compile(c.document as Cond, pack) };
    throw new Error(`internal: uncompilable condition ${JSON.stringify(c)}`);
  };

  const rules: CompiledRule[] = set.rules.map((def) => {
    const cond = compile(def.match, def.pack);
    return { def, cond, triggers: triggersOf(cond) };
  });
  for (const node of atomNodes.values()) {
    node.mask = new Uint8Array(atomCount);
    for (const a of node.atoms) node.mask[a] = 1;
  }
  return assemble(rules, trie, regexSources, phraseAtoms, durationAtom, atomCount, atomNodes.size, set.definedTerms);
}

/** The CompiledRules object around its parts (also used to revive the build-time artifact). */
export function assemble(
  rules: CompiledRule[],
  trie: PhraseTrie,
  regexSources: Map<number, string>,
  phraseAtoms: Map<string, number>,
  durationAtom: number,
  atomCount: number,
  atomSetCount: number,
  definedTerms: DefinedTerms = { kinds: [], ignore: [] },
): CompiledRules {
  const compiledRegexes = new Map<number, RE2JS>();
  const regex = (atom: number): RE2JS => {
    let re = compiledRegexes.get(atom);
    if (!re) {
      re = RE2JS.compile(regexSources.get(atom)!, RE2JS.CASE_INSENSITIVE);
      compiledRegexes.set(atom, re);
    }
    return re;
  };
  // Per regex atom, its V8 translation and the longest text it runs on (worked out on first use).
  const jsByAtom = new Map<number, { re: RegExp | undefined; limit: number }>();
  const js = (atom: number) => {
    let j = jsByAtom.get(atom);
    if (!j) {
      const re = toJsRegExp(regexSources.get(atom)!, true);
      jsByAtom.set(atom, (j = { re, limit: re ? jsTextLimit(regexSources.get(atom)!, true) : 0 }));
    }
    return j;
  };
  const atomOf = (phrase: string) => phraseAtoms.get(phrase.trim().toLowerCase().replace(/\s+/g, ' '));
  return { rules, trie, regexSources, regex, jsRegex: (atom) => js(atom).re, jsTextLimit: (atom) => js(atom).limit, phraseAtoms, durationAtom, atomCount, atomOf, atomSetCount, definedTerms };
}

/**
 * A set of atoms of which at least one must occur for the condition to hold, or undefined if the
 * condition can hold without any word match. For `all`, the smallest child set is enough.
 */
export function triggersOf(c: CCond): number[] | undefined {
  switch (c.op) {
    case 'atoms':
      return c.atoms;
    case 'duration':
      return [c.atom];
    case 'near': {
      const sets = c.kids.map(triggersOf).filter((s): s is number[] => s !== undefined);
      return sets.sort((a, b) => a.length - b.length)[0];
    }
    case 'all': {
      const sets = c.kids.map(triggersOf).filter((s): s is number[] => s !== undefined);
      return sets.sort((a, b) => a.length - b.length)[0];
    }
    case 'any': {
      const sets = c.kids.map(triggersOf);
      if (sets.some((s) => s === undefined)) return undefined;
      return [...new Set(sets.flat() as number[])];
    }
    default:
      return undefined; // not, facts, heading: hold without a word in the unit
  }
}
