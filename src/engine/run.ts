// Run compiled rules over a segmented document: one trie pass over the tokens, then only the
// (rule, unit) pairs whose trigger words occur are evaluated. One job, the evaluation loop; a little
// over 300 lines because scope units, list lead-ins and evidence spans are built in the same pass.
import { pageAt } from '../ingest/source.js';
import type { BlockKind, Finding, SegmentedDocument, Sentence } from '../types.js';
import type { CompiledRule, CompiledRules } from './compile.js';
import { type DocIndex, type Pos, Presence, type Unit, durationsIn, holds, positions } from './conditions.js';
import { aliasHits } from './aliases.js';
import { findDurations } from './durations.js';
import { type Prefilter, type WordTest, mayMatch, prefilterOf, prefilterText, wordPasses, wordTests } from './prefilter.js';
import { jsMatches } from './re2-js.js';
import { ensureLength } from './typed.js';
import { type Tokens, epochHolds, tokenRange, tokenizeText, wordOfId } from './tokens.js';

const DEFAULT_KINDS: ReadonlySet<BlockKind> = new Set(['clause', 'list-item']);

export interface RunOptions {
  /** Evaluate only these rules (by id); used by `rules test`. */
  only?: Set<string>;
}

export function runRules(seg: SegmentedDocument, compiled: CompiledRules, opts: RunOptions = {}): Finding[] {
  const { text } = seg.source;
  const tokens = tokenizeText(text);
  const durations = findDurations(text, tokens).map((d) => {
    const [tokStart, tokEnd] = tokenRange(tokens, d.start, d.end);
    return { ...d, tokStart, tokEnd };
  });
  // Defined-term aliases and durations are hits like the phrases': sorted into the same list.
  const extra = aliasHits(seg, tokens, compiled);
  for (const d of durations) extra.push(compiled.durationAtom, d.tokStart, d.tokEnd);
  const flat = compiled.trie.match(tokens, extra);
  const rows = hitRows(flat, compiled.atomCount);
  const { rowStart, start: rowTok } = rows;
  const { sentOfTok, sentRanges, sentByStart, dependents, groups } = sentenceIndex(seg, tokens);
  const headingCache = new Map<number, Array<[number, number]>>();
  // Units are shared between rules, so a regex result is cached on the unit object (unit.regex).
  // A range that holds none of the regex's required strings cannot match: RE2 is not run on it.
  let lower: string | undefined | null = null;
  const regexPositions = (atom: number, unit: Unit): Pos[] => {
    const perUnit = (unit.regex ??= new Map());
    let out = perUnit.get(atom);
    if (out) return out;
    out = [];
    // A translated regex runs faster than its prefilter would; RE2 runs only where the prefilter passes.
    // Texts up to jsTextLimit run a V8 RegExp when re2-js.ts translated the pattern (the same
    // matches, many times faster); longer ones run RE2, whose time stays linear whatever the text.
    const jsRe = compiled.jsRegex(atom);
    const jsMax = jsRe ? compiled.jsTextLimit(atom) : 0;
    const pf = prefilterFor(compiled, atom);
    let offset = 0;
    const ranges = unit.ranges;
    for (let r = 0; r < ranges.length; r++) {
      const rs = ranges[r]![0];
      const re2 = ranges[r]![1];
      // A range none of whose words passes the regex's word tests holds none of its strings.
      if (re2 > rs && wordsMayMatch(compiled, atom, tokens, rs, re2)) {
        const from = tokens.starts[rs]!;
        const to = tokens.ends[re2 - 1]!;
        const js = jsRe && to - from <= jsMax ? jsRe : undefined;
        if (!js && pf) {
          if (lower === null) lower = prefilterText(text);
          if (lower && !mayMatch(pf, lower.slice(from, to))) {
            offset += re2 - rs;
            continue;
          }
        }
        const slice = text.slice(from, to);
        if (js) {
          const base = offset;
          jsMatches(js, slice, (ms, me) => {
            const [a, b] = tokenRange(tokens, from + ms, from + me);
            if (b > a) out!.push([a - rs + base, b - rs + base]);
          });
        } else {
          const m = compiled.regex(atom).matcher(slice);
          while (m.find()) {
            const [a, b] = tokenRange(tokens, from + m.start(), from + Math.max(m.end(), m.start() + 1));
            if (b > a) out.push([a - rs + offset, b - rs + offset]);
          }
        }
      }
      offset += re2 - rs;
    }
    perUnit.set(atom, out);
    return out;
  };
  let docUnit: Unit | undefined;
  const ix: DocIndex = {
    documentUnit: () => {
      docUnit ??= unitFor('document', 0, seg, sentRanges, sentByStart, groups);
      return docUnit;
    },
    documentCache: new WeakMap(),
    flat,
    rows,
    durations,
    blocks: seg.blocks,
    regexPositions,
    headingRanges: (b) => {
      let r = headingCache.get(b);
      if (!r) {
        r = seg.blocks[b]!.headings.map((h) => tokenRange(tokens, h.start, h.end));
        headingCache.set(b, r);
      }
      return r;
    },
  };

  // Each rule is triggered by its rarest necessary words in this document; a rule whose
  // necessary words do not occur at all is skipped without looking at any sentence. The (unit,
  // rule) pairs to evaluate are gathered first, then evaluated unit by unit: the atom sets present
  // in a unit are marked once (ix.presence) and every rule on that unit reads them in O(1).
  const meta = ruleMeta(compiled);
  const nS = seg.sentences.length;
  const nB = seg.blocks.length;
  // Dense unit keys: sentences, then blocks (clause scope), sections (index -1 first), the document.
  const nKeys = nS + nB + seg.sections.length + 2;
  // Per sentence: its unit key in the clause and section scopes, and its block's kind as a bit.
  const clauseKey = new Int32Array(nS);
  const sectionKey = new Int32Array(nS);
  const kindBit = new Int32Array(nS);
  for (let si = 0; si < nS; si++) {
    const b = seg.sentences[si]!.block;
    const block = seg.blocks[b]!;
    clauseKey[si] = nS + b;
    sectionKey[si] = nS + nB + 1 + block.sectionIndex;
    kindBit[si] = KIND_BIT.get(block.kind) ?? 0;
  }
  const documentKey = nS + nB + seg.sections.length + 1;
  const pairs = { key: new IntList(), rule: new IntList(), sent: new IntList() };
  const cand: number[] = [];
  const atoms = new IntList();
  const presence = presenceFor(compiled).presence;
  // Every atom set's hits in this document (planCost reads them), filled from the atoms that occur
  // rather than atom by atom for each set.
  const costCache = presence.costs(rowStart, compiled.atomSetCount);
  // A sentence's hits are followed once per rule (expandedBy[si]: the last rule that did), and a
  // sentence is a candidate once per rule (candidateOf[si]: the last rule that took it).
  const expandedBy = new Int32Array(nS).fill(-1);
  const candidateOf = new Int32Array(nS).fill(-1);
  const byNumber = (a: number, b: number) => a - b;
  // Regex triggers: how many tokens can hold each regex's match (all counted in one pass on first
  // use); the tokens themselves are listed only for a regex a rule takes as its trigger.
  const rx = meta.triggers.forDocument(tokens);
  // The rule being gathered and its candidates' sentence range (read by take, one closure per document).
  let ri = 0;
  let lo = 0;
  let hi = nS - 1;
  const take = (si: number) => {
    if (candidateOf[si] === ri) return;
    candidateOf[si] = ri;
    cand.push(si);
    if (si < lo) lo = si;
    if (si > hi) hi = si;
  };
  for (ri = 0; ri < compiled.rules.length; ri++) {
    if (opts.only && !opts.only.has(meta.id[ri]!)) continue;
    const plan = meta.plan[ri]!;
    const cost = plan ? planCost(plan, rowStart, costCache, rx, meta.ids) : -1;
    if (cost === 0) continue;
    cand.length = 0;
    lo = 0;
    hi = nS - 1;
    let all = cost < 0;
    if (!all) {
      lo = nS;
      hi = -1;
      atoms.n = 0;
      pushPlan(plan!, atoms, costCache, meta);
      for (let ai = 0; ai < atoms.n; ai++) {
        const atom = atoms.a[ai]!;
        // An atom's hits start at rowTok[from..to); a regex's literals touch tokens toks[from..to).
        const toks = atom < 0 ? rx.tokens(-1 - atom) : rowTok;
        const from = atom < 0 ? 0 : rowStart[atom]!;
        const to = atom < 0 ? toks.length : rowStart[atom + 1]!;
        for (let k = from; k < to; k++) {
          const si = sentOfTok[toks[k]!]!;
          if (si < 0 || expandedBy[si] === ri) continue;
          expandedBy[si] = ri;
          take(si);
          const deps = dependents[si];
          if (deps) for (const d of deps) take(d);
        }
      }
      if (cand.length === 0) continue;
      // Candidates in sentence order: sorted when few, else read off the marks.
      if (cand.length * 32 < hi - lo + 1) cand.sort(byNumber);
      else all = true;
    }
    const scope = meta.scope[ri]!;
    const kinds = meta.kinds[ri]!;
    const n = all ? hi - lo + 1 : cand.length;
    let lastKey = -1;
    for (let c = 0; c < n; c++) {
      let si: number;
      if (!all) si = cand[c]!;
      else {
        si = lo + c;
        if (cost >= 0 && candidateOf[si] !== ri) continue;
      }
      // Keys grow with the sentence index in every scope, so a repeat is always the previous key.
      const key = scope === SENTENCE ? si : scope === CLAUSE ? clauseKey[si]! : scope === SECTION ? sectionKey[si]! : documentKey;
      if (key === lastKey) continue;
      lastKey = key;
      if (scope <= CLAUSE && (kinds & kindBit[si]!) === 0) continue;
      pairs.key.push(key);
      pairs.rule.push(ri);
      pairs.sent.push(si);
    }
  }
  // The pairs by unit key (a stable counting sort: rules stay in order within a unit).
  const nPairs = pairs.key.n;
  const pairKey = pairs.key.a;
  const pairRule = pairs.rule.a;
  const pairSent = pairs.sent.a;
  const keyStart = new Int32Array(nKeys + 1);
  for (let p = 0; p < nPairs; p++) keyStart[pairKey[p]! + 1]!++;
  for (let k = 0; k < nKeys; k++) keyStart[k + 1]! += keyStart[k]!;
  const order = new Int32Array(nPairs);
  {
    const fill = keyStart.slice(0, nKeys);
    for (let p = 0; p < nPairs; p++) order[fill[pairKey[p]!]!++] = p;
  }
  const found: Array<{ f: Finding; ri: number; key: number }> = [];
  ix.presence = presence;
  for (let key = 0; key < nKeys; key++) {
    const from = keyStart[key]!;
    const to = keyStart[key + 1]!;
    if (from === to) continue;
    const p0 = order[from]!;
    const scope = meta.scope[pairRule[p0]!]!;
    const unit = unitFor(SCOPES[scope]!, pairSent[p0]!, seg, sentRanges, sentByStart, groups);
    presence.begin(unit);
    for (let q = from; q < to; q++) {
      const p = order[q]!;
      const ri = pairRule[p]!;
      const rule = compiled.rules[ri]!;
      if (!holds(ix, rule.cond, unit)) continue;
      const sentence = seg.sentences[pairSent[p]!]!;
      const f = makeFinding(rule, scope === SENTENCE ? sentence : firstEvidenceSentence(unit, seg, sentOfTok, ix, rule, kindsOf(rule)) ?? sentence, seg, ix, unit);
      found.push({ f, ri, key });
    }
  }
  presence.begin(undefined);
  // Document order; equal spans by rule id, then in rule and unit order.
  found.sort((a, b) => a.f.start - b.f.start || (a.f.rule < b.f.rule ? -1 : a.f.rule > b.f.rule ? 1 : 0) || a.ri - b.ri || a.key - b.key);
  return found.map((x) => x.f);
}

const SENTENCE = 0;
const CLAUSE = 1;
const SECTION = 2;
const DOCUMENT = 3;
const SCOPES: ReadonlyArray<CompiledRule['def']['scope']> = ['sentence', 'clause', 'section', 'document'];
const SCOPE_CODE: Record<CompiledRule['def']['scope'], number> = { sentence: SENTENCE, clause: CLAUSE, section: SECTION, document: DOCUMENT };
const KIND_BIT = new Map<BlockKind, number>((['clause', 'heading', 'definition', 'toc', 'recital', 'list-item'] as BlockKind[]).map((k, i) => [k, 1 << i]));

/**
 * A rule's trigger choice: the cheapest set of atoms (fewest hits in this document) one of which
 * must occur for the rule to hold. Built once per rule from its condition with the parts that never
 * offer a trigger (facts, not, regex, heading, document) removed and nested all/near and any
 * flattened, so that choosing per document walks a few nodes: MIN is all/near (the first rarest
 * child), SUM is any (every child). The atom-set children of a SUM are kept apart from the others,
 * as lists (`ids`: their node ids, `atoms`: their atoms one node after the other), so that their
 * cost is a loop over integers. Every node has the same fields (one hidden class: the walk per
 * rule and document reads them without a polymorphic look-up). An atom set's atoms are not copied
 * into its plan: they are read from the rule set's table of atom sets (PresenceTables: `setStart`,
 * `setAtoms`), and the node ids of the SUMs are ranges of one integer array (`ids`), so that a
 * start-up builds a few hundred small objects and no typed array per plan node.
 */
const ATOMS = 0;
const DURATION = 1;
const REGEX = 2;
const MIN = 3;
const SUM = 4;
class Plan {
  /** The chosen child of a MIN after the last planCost (pushPlan reads it). */
  pick: Plan | null = null;
  constructor(
    readonly k: number,
    /** ATOMS: the node id; DURATION, REGEX: the atom. */
    readonly id: number,
    /** SUM: the node ids of its atom-set children are ids[i0..i1). */
    readonly i0: number,
    readonly i1: number,
    /** MIN, SUM: the other children. */
    readonly kids: Plan[],
  ) {}
}
const NO_PLANS: Plan[] = [];

/** The plan of a condition (see Plan), or null when it offers no trigger; SUM node ids go to `ids`. */
function planOf(c: CompiledRule['cond'], ids: number[]): Plan | null {
  const flat = flatPlan(c);
  return flat ? toPlan(flat, ids) : null;
}

/** The plan as the old tagged objects first (the flattening), then as Plan nodes. */
type Flat =
  | { k: 'atoms'; id: number }
  | { k: 'duration'; atom: number }
  | { k: 'regex'; atom: number }
  | { k: 'min'; kids: Flat[] }
  | { k: 'sum'; kids: Flat[] };

function toPlan(f: Flat, ids: number[]): Plan {
  switch (f.k) {
    case 'atoms':
      return new Plan(ATOMS, f.id, 0, 0, NO_PLANS);
    case 'duration':
      return new Plan(DURATION, f.atom, 0, 0, NO_PLANS);
    case 'regex':
      return new Plan(REGEX, f.atom, 0, 0, NO_PLANS);
    case 'min':
      return new Plan(MIN, -1, 0, 0, f.kids.map((k) => toPlan(k, ids)));
    case 'sum': {
      const others: Plan[] = [];
      for (const k of f.kids) if (k.k !== 'atoms') others.push(toPlan(k, ids));
      const i0 = ids.length;
      for (const k of f.kids) if (k.k === 'atoms') ids.push(k.id);
      return new Plan(SUM, -1, i0, ids.length, others);
    }
  }
}

function flatPlan(c: CompiledRule['cond']): Flat | null {
  switch (c.op) {
    case 'atoms':
      return { k: 'atoms', id: c.id };
    case 'duration':
      return { k: 'duration', atom: c.atom };
    case 'regex':
      return { k: 'regex', atom: c.atom };
    case 'all':
    case 'near': {
      const kids: Flat[] = [];
      for (const k of c.kids) {
        // A regex is a trigger only where nothing else is: finding its tokens costs a pass.
        const p = k.op === 'regex' ? null : flatPlan(k);
        if (p) kids.push(...(p.k === 'min' ? p.kids : [p]));
      }
      if (kids.length === 0) for (const k of c.kids) if (k.op === 'regex') kids.push({ k: 'regex', atom: k.atom });
      return kids.length === 0 ? null : kids.length === 1 ? kids[0]! : { k: 'min', kids };
    }
    case 'any': {
      const kids: Flat[] = [];
      for (const k of c.kids) {
        const p = flatPlan(k);
        if (!p) return null;
        kids.push(...(p.k === 'sum' ? p.kids : [p]));
      }
      return kids.length === 1 ? kids[0]! : { k: 'sum', kids };
    }
    default:
      return null;
  }
}

/**
 * A document's regex triggers (see RegexTriggers): per regex atom, how many tokens can hold its
 * match (-1: the regex offers no trigger), and those tokens.
 */
interface RegexTokens {
  count(atom: number): number;
  tokens(atom: number): Int32Array;
}

/**
 * Hits of the plan's cheapest trigger set in this document (`costs`: every atom set's hits), or -1
 * when it has none (a regex without literals): a MIN then takes its other children, a SUM has none.
 */
function planCost(p: Plan, rowStart: Int32Array, costs: Int32Array, rx: RegexTokens, ids: Int32Array): number {
  switch (p.k) {
    case ATOMS:
      return costs[p.id]!;
    case DURATION:
      return rowStart[p.id + 1]! - rowStart[p.id]!;
    case REGEX:
      return rx.count(p.id);
    case MIN: {
      // The choice is kept on the node for pushPlan, which follows right after for this document.
      let best = -1;
      p.pick = null;
      const kids = p.kids;
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i]!;
        const t = planCost(k, rowStart, costs, rx, ids);
        if (t >= 0 && (best < 0 || t < best)) {
          best = t;
          p.pick = k;
        }
      }
      return best;
    }
    default: {
      let sum = 0;
      for (let i = p.i0; i < p.i1; i++) sum += costs[ids[i]!]!;
      const kids = p.kids;
      for (let i = 0; i < kids.length; i++) {
        const t = planCost(kids[i]!, rowStart, costs, rx, ids);
        if (t < 0) return -1;
        sum += t;
      }
      return sum;
    }
  }
}

/** A list of integers in a typed array that only grows (reused from rule to rule: no garbage). */
class IntList {
  a = new Int32Array(256);
  n = 0;
  push(x: number): void {
    if (this.n === this.a.length) this.a = ensureLength(this.a, this.n + 1);
    this.a[this.n++] = x;
  }
}

/**
 * The atoms of the set the last planCost of `p` chose, pushed onto `out` (a regex atom a as -1 - a);
 * an atom set without hits in this document (`costs`) adds nothing, as its atoms have no hits.
 */
function pushPlan(p: Plan, out: IntList, costs: Int32Array, m: RuleMeta): void {
  switch (p.k) {
    case ATOMS:
      if (costs[p.id] === 0) return;
      for (let i = m.setStart[p.id]!; i < m.setStart[p.id + 1]!; i++) out.push(m.setAtoms[i]!);
      return;
    case DURATION:
      out.push(p.id);
      return;
    case REGEX:
      out.push(-1 - p.id);
      return;
    case MIN:
      pushPlan(p.pick!, out, costs, m);
      return;
    default: {
      const { ids, setStart, setAtoms } = m;
      for (let i = p.i0; i < p.i1; i++) {
        const id = ids[i]!;
        if (costs[id] === 0) continue;
        for (let j = setStart[id]!; j < setStart[id + 1]!; j++) out.push(setAtoms[j]!);
      }
      for (const k of p.kids) pushPlan(k, out, costs, m);
    }
  }
}

/**
 * Word triggers of the regexes the plans use: a regex atom's word tests (prefilter.ts wordTests)
 * and, per interned word, which of them it passes (a bit mask per word, cached across documents
 * of one intern epoch), so that one pass over a document's tokens finds every regex's triggers.
 */
class RegexTriggers {
  readonly index = new Map<number, number>();
  private readonly tests: WordTest[][] = [];
  private readonly W: number;
  private epoch = -1;
  /** Per word id: 0 unknown, 1 known; its masks are mask[id * W .. id * W + W), any[id] 1 when one is set. */
  private known = new Int8Array(0);
  private any = new Int8Array(0);
  private mask = new Uint32Array(0);

  constructor(compiled: CompiledRules, atoms: Iterable<number>) {
    for (const atom of atoms) {
      const t = testsFor(compiled, atom);
      if (!t) continue;
      this.index.set(atom, this.tests.length);
      this.tests.push(t);
    }
    this.W = Math.max(1, Math.ceil(this.tests.length / 32));
  }

  /**
   * This document's triggers: per regex atom, the number of its tokens that pass its tests
   * (counted in one pass on first use) and, for the atoms a rule takes, the tokens; -1 and none
   * for an atom without tests, or when the text's case is not plain.
   */
  forDocument(tokens: Tokens): RegexTokens {
    let counts: Int32Array | null | undefined;
    const lists = new Map<number, Int32Array>();
    const count = (atom: number): number => {
      const t = this.index.get(atom);
      if (t === undefined) return -1;
      if (counts === undefined) counts = this.countsOf(tokens);
      return counts ? counts[t]! : -1;
    };
    return {
      count,
      tokens: (atom) => {
        let l = lists.get(atom);
        if (!l) {
          if (counts === undefined) counts = this.countsOf(tokens);
          lists.set(atom, (l = this.tokensOf(tokens, this.index.get(atom)!, counts !== null)));
        }
        return l;
      },
    };
  }

  /** The tokens of the last countsOf's document that pass some trigger: cand[0..nCand). */
  private cand = new Int32Array(0);
  private nCand = 0;

  /** Per trigger (by index), how many tokens of this document pass it; null when the text's case is not plain. */
  private countsOf(tokens: Tokens): Int32Array | null {
    if (!tokens.lowerSame) return null;
    const { W } = this;
    this.learn(tokens);
    const out = new Int32Array(W * 32);
    const { ids } = tokens;
    const { mask, any } = this;
    let cand = this.cand;
    let nCand = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (any[id] === 0) continue;
      if (nCand === cand.length) this.cand = cand = ensureLength(cand, nCand + 1);
      cand[nCand++] = k;
      for (let j = 0; j < W; j++) {
        let m = mask[id * W + j]!;
        while (m !== 0) {
          const b = 31 - Math.clz32(m);
          m &= ~(1 << b);
          out[j * 32 + b]!++;
        }
      }
    }
    this.nCand = nCand;
    return out;
  }

  /**
   * The tokens of this document that pass trigger `t`: read from the tokens that pass any (`counted`:
   * countsOf has just listed them for this document), else from all.
   */
  private tokensOf(tokens: Tokens, t: number, counted: boolean): Int32Array {
    const { W, mask, cand, nCand } = this;
    const { ids } = tokens;
    const j = t >> 5;
    const bit = 1 << (t & 31);
    const m = counted ? nCand : ids.length;
    let n = 0;
    for (let i = 0; i < m; i++) if ((mask[ids[counted ? cand[i]! : i]! * W + j]! & bit) !== 0) n++;
    const out = new Int32Array(n);
    n = 0;
    for (let i = 0; i < m; i++) {
      const k = counted ? cand[i]! : i;
      if ((mask[ids[k]! * W + j]! & bit) !== 0) out[n++] = k;
    }
    return out;
  }

  /** Learn the masks of the words of this document not seen before (in this intern epoch). */
  private learn(tokens: Tokens): void {
    const { W, tests } = this;
    if (tokens.epoch !== this.epoch) {
      this.epoch = tokens.epoch;
      this.known = new Int8Array(1024);
      this.any = new Int8Array(1024);
      this.mask = new Uint32Array(1024 * W);
    }
    const ids = tokens.ids;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id >= this.known.length) {
        this.known = ensureLength(this.known, id + 1);
        this.any = ensureLength(this.any, this.known.length);
        this.mask = ensureLength(this.mask, this.known.length * W);
      }
      if (this.known[id] === 0) {
        const w = wordOfId(id);
        for (let t = 0; t < tests.length; t++) {
          if (wordPasses(tests[t]!, w)) {
            this.mask[id * W + (t >> 5)]! |= 1 << (t & 31);
            this.any[id] = 1;
          }
        }
        this.known[id] = 1;
      }
    }
  }
}

/** What the candidate loop reads of each rule, as arrays (rule definitions are not read per pair). */
interface RuleMeta {
  plan: Array<Plan | null>;
  /** The node ids of the plans' SUMs (see Plan). */
  ids: Int32Array;
  /** The atoms of atom set (node) n are setAtoms[setStart[n]..setStart[n+1]) (PresenceTables). */
  setStart: Int32Array;
  setAtoms: Int32Array;
  id: string[];
  scope: Int8Array;
  /** The block kinds a rule reads (the defaults plus its `include`), as KIND_BIT bits. */
  kinds: Int32Array;
  triggers: RegexTriggers;
}
const metaCache = new WeakMap<CompiledRules, RuleMeta>();
function ruleMeta(compiled: CompiledRules): RuleMeta {
  let m = metaCache.get(compiled);
  if (m) return m;
  const n = compiled.rules.length;
  const ids: number[] = [];
  const plan = compiled.rules.map((r) => planOf(r.cond, ids));
  const tables = presenceFor(compiled).tables;
  const regexAtoms = new Set<number>();
  const walk = (p: Plan | null): void => {
    if (p?.k === REGEX) regexAtoms.add(p.id);
    else if (p?.k === MIN || p?.k === SUM) p.kids.forEach(walk);
  };
  plan.forEach(walk);
  m = { plan, ids: new Int32Array(ids), setStart: tables.setStart, setAtoms: tables.setAtoms, id: [], scope: new Int8Array(n), kinds: new Int32Array(n), triggers: new RegexTriggers(compiled, regexAtoms) };
  for (let ri = 0; ri < n; ri++) {
    const def = compiled.rules[ri]!.def;
    m.id.push(def.id);
    m.scope[ri] = SCOPE_CODE[def.scope];
    let bits = 0;
    for (const k of kindsOf(compiled.rules[ri]!)) bits |= KIND_BIT.get(k) ?? 0;
    m.kinds[ri] = bits;
  }
  metaCache.set(compiled, m);
  return m;
}

/** The word tests of every regex atom (run.ts testsFor), as JSON data for the build-time artifact. */
export type WordTestData = Array<[number, WordTest[] | null]>;

export function wordTestData(compiled: CompiledRules): WordTestData {
  return [...compiled.regexSources.keys()].map((atom) => [atom, testsFor(compiled, atom) ?? null]);
}

/** Use these word tests (wordTestData of the same rules) for `compiled` rather than computing them again. */
export function seedWordTests(compiled: CompiledRules, d: WordTestData): void {
  testsCache.set(compiled, new Map(d.map(([atom, t]) => [atom, t ?? undefined])));
}

/** The presence marks of a compiled rule set: atom -> the atom-set conditions holding it, built once. */
const presenceCache = new WeakMap<CompiledRules, { presence: Presence; tables: PresenceTables }>();
function presenceFor(compiled: CompiledRules): { presence: Presence; tables: PresenceTables } {
  if (!presenceCache.has(compiled)) seedPresence(compiled, presenceTables(compiled));
  return presenceCache.get(compiled)!;
}

/**
 * What Presence and the plans read of the atom sets, both ways; the build-time artifact stores it
 * (seedPresence) rather than walking every rule per run. The atom sets holding atom a are
 * nodeList[nodeStart[a]..nodeStart[a+1]); the atoms of set n (in the set's order) are
 * setAtoms[setStart[n]..setStart[n+1]).
 */
export interface PresenceTables {
  nodeStart: Int32Array;
  nodeList: Int32Array;
  nodeCount: number;
  setStart: Int32Array;
  setAtoms: Int32Array;
}

/** Use these tables (computed by presenceTables for the same rules) as the presence marks of `compiled`. */
export function seedPresence(compiled: CompiledRules, t: PresenceTables): void {
  presenceCache.set(compiled, { presence: new Presence(t.nodeStart, t.nodeList, t.nodeCount), tables: t });
}

export function presenceTables(compiled: CompiledRules): PresenceTables {
  const nodes = new Map<number, readonly number[]>();
  const walk = (c: CompiledRule['cond']): void => {
    switch (c.op) {
      case 'atoms':
        nodes.set(c.id, c.atoms);
        return;
      case 'all':
      case 'any':
      case 'near':
        for (const k of c.kids) walk(k);
        return;
      case 'not':
      case 'heading':
      case 'document':
        walk(c.kid);
        return;
      default:
        return;
    }
  };
  for (const r of compiled.rules) walk(r.cond);
  const nodeStart = new Int32Array(compiled.atomCount + 1);
  for (const atoms of nodes.values()) for (const a of new Set(atoms)) nodeStart[a + 1]!++;
  for (let a = 0; a < compiled.atomCount; a++) nodeStart[a + 1]! += nodeStart[a]!;
  const nodeList = new Int32Array(nodeStart[compiled.atomCount]!);
  const fill = nodeStart.slice(0, compiled.atomCount);
  for (const [id, atoms] of nodes) for (const a of new Set(atoms)) nodeList[fill[a]!++] = id;
  const nodeCount = Math.max(compiled.atomSetCount, ...nodes.keys()) + 1;
  const setStart = new Int32Array(nodeCount + 1);
  for (let id = 0; id < nodeCount; id++) setStart[id + 1] = setStart[id]! + (nodes.get(id)?.length ?? 0);
  const setAtoms = new Int32Array(setStart[nodeCount]!);
  for (const [id, atoms] of nodes) setAtoms.set(atoms, setStart[id]!);
  return { nodeStart, nodeList, nodeCount, setStart, setAtoms };
}

/** Block kinds a rule reads (the defaults plus its `include`), built once per rule. */
const kindsCache = new WeakMap<CompiledRule, ReadonlySet<BlockKind>>();
function kindsOf(rule: CompiledRule): ReadonlySet<BlockKind> {
  if (!rule.def.include.length) return DEFAULT_KINDS;
  let k = kindsCache.get(rule);
  if (!k) kindsCache.set(rule, (k = new Set([...DEFAULT_KINDS, ...rule.def.include])));
  return k;
}

/**
 * Per regex atom, whether each interned word passes the atom's word tests (prefilter.ts
 * wordTests: 0 not known yet, 1 no, 2 yes; null when the atom has none), for one intern epoch.
 */
const wordPassCache = new WeakMap<CompiledRules, { epoch: number; byAtom: Map<number, { tests: WordTest[]; pass: Int8Array } | null> }>();

/**
 * Whether the tokens [rs, re) can hold a match of a regex atom: false only when the text's case
 * is plain and none of the words passes the atom's word tests (so the text they span holds none of
 * the strings one of which every match holds).
 */
function wordsMayMatch(compiled: CompiledRules, atom: number, tokens: Tokens, rs: number, re: number): boolean {
  if (!tokens.lowerSame || !epochHolds(tokens.epoch)) return true;
  let c = wordPassCache.get(compiled);
  if (!c || c.epoch !== tokens.epoch) wordPassCache.set(compiled, (c = { epoch: tokens.epoch, byAtom: new Map() }));
  let w = c.byAtom.get(atom);
  if (w === undefined) {
    const tests = testsFor(compiled, atom);
    c.byAtom.set(atom, (w = tests ? { tests, pass: new Int8Array(1024) } : null));
  }
  if (w === null) return true;
  const ids = tokens.ids;
  for (let k = rs; k < re; k++) {
    const id = ids[k]!;
    if (id >= w.pass.length) w.pass = ensureLength(w.pass, id + 1);
    let v = w.pass[id]!;
    if (v === 0) w.pass[id] = v = wordPasses(w.tests, wordOfId(id)) ? 2 : 1;
    if (v === 2) return true;
  }
  return false;
}

/** The word tests of a regex atom's prefilter (undefined: none), computed once per compiled rule set or seeded by the artifact. */
const testsCache = new WeakMap<CompiledRules, Map<number, WordTest[] | undefined>>();
function testsFor(compiled: CompiledRules, atom: number): WordTest[] | undefined {
  let m = testsCache.get(compiled);
  if (!m) testsCache.set(compiled, (m = new Map()));
  if (!m.has(atom)) m.set(atom, wordTests(prefilterFor(compiled, atom)));
  return m.get(atom);
}

/** The literal prefilter of a regex atom, computed once per compiled rule set. */
const prefilterCache = new WeakMap<CompiledRules, Map<number, Prefilter>>();
function prefilterFor(compiled: CompiledRules, atom: number): Prefilter {
  let m = prefilterCache.get(compiled);
  if (!m) prefilterCache.set(compiled, (m = new Map()));
  if (!m.has(atom)) m.set(atom, prefilterOf(compiled.regexSources.get(atom)!));
  return m.get(atom);
}

type Groups = { byBlock: Map<number, number[]>; bySection: Map<number, number[]> };

function unitFor(
  scope: CompiledRule['def']['scope'],
  si: number,
  seg: SegmentedDocument,
  sentRanges: Array<[number, number]>,
  sentByStart: Map<number, number>,
  groups: Groups,
): Unit {
  const s = seg.sentences[si]!;
  switch (scope) {
    case 'sentence': {
      // The common case without the general path's intermediate arrays (the same unit).
      const li = s.leadIn ? sentByStart.get(s.leadIn.start) : undefined;
      const r = sentRanges[si]!;
      return { ranges: li !== undefined ? [sentRanges[li]!, r] : [[r[0], r[1]]], sentences: [s], blocks: [s.block] };
    }
    case 'clause':
      return unitOf(groups.byBlock.get(s.block)!, true, seg, sentRanges, sentByStart);
    case 'section':
      return unitOf(groups.bySection.get(seg.blocks[s.block]!.sectionIndex)!, false, seg, sentRanges, sentByStart);
    case 'document':
      return unitOf(seg.sentences.map((_x, i) => i), false, seg, sentRanges, sentByStart);
  }
}

/** The unit of these sentences (with the first one's lead-in when `leadIn`). */
function unitOf(members: number[], leadIn: boolean, seg: SegmentedDocument, sentRanges: Array<[number, number]>, sentByStart: Map<number, number>): Unit {
  const first = seg.sentences[members[0]!]!;
  const li = leadIn && first.leadIn ? sentByStart.get(first.leadIn.start) : undefined;
  const ranges = members.map((i) => sentRanges[i]!);
  if (li !== undefined) ranges.unshift(sentRanges[li]!);
  const sentences = members.map((i) => seg.sentences[i]!);
  // The blocks in order of first appearance. Sentences come in block order, so a block above every
  // one so far is new and one equal to the last is not; a set is consulted only out of that order.
  const blocks: number[] = [];
  let max = -1;
  let seen: Set<number> | undefined;
  for (let k = 0; k < sentences.length; k++) {
    const b = sentences[k]!.block;
    if (b > max) {
      max = b;
      blocks.push(b);
      seen?.add(b);
      continue;
    }
    if (blocks[blocks.length - 1] === b) continue;
    seen ??= new Set(blocks);
    if (seen.has(b)) continue;
    seen.add(b);
    blocks.push(b);
  }
  return { ranges: li !== undefined ? ranges : merge(ranges), sentences, blocks };
}

/** Merge adjacent token ranges so near windows can span sentence boundaries inside a unit. */
function merge(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** For clause/section/document scope: the sentence holding the first word match of the rule. */
function firstEvidenceSentence(
  unit: Unit,
  seg: SegmentedDocument,
  sentOfTok: Int32Array,
  ix: DocIndex,
  rule: CompiledRule,
  kinds: ReadonlySet<BlockKind>,
): Sentence | undefined {
  // Quote from the first condition as the rule author wrote it that has a word match.
  const pos = positions(ix, rule.cond.op === 'all' ? (rule.cond.written.find((k) => positions(ix, k, unit).length) ?? rule.cond) : rule.cond, unit);
  const virt = pos.map((p) => p[0]).sort((a, b) => a - b);
  for (const v of virt) {
    // map virtual position back to a token
    let offset = 0;
    for (const [rs, re] of unit.ranges) {
      if (v < offset + (re - rs)) {
        const si = sentOfTok[rs + (v - offset)]!;
        const s = si >= 0 ? seg.sentences[si] : undefined;
        if (s && kinds.has(seg.blocks[s.block]!.kind)) return s;
        break;
      }
      offset += re - rs;
    }
  }
  return unit.sentences.find((s) => kinds.has(seg.blocks[s.block]!.kind));
}

function makeFinding(rule: CompiledRule, s: Sentence, seg: SegmentedDocument, ix: DocIndex, unit: Unit): Finding {
  const { text, pageStarts } = seg.source;
  const block = seg.blocks[s.block]!;
  const finding: Finding = {
    requirement: rule.def.requirement,
    proves: rule.def.proves,
    carveOut: rule.def.carveOut,
    softens: rule.def.softensConflict || undefined,
    block: s.block,
    rule: rule.def.id,
    quote: text.slice(s.start, s.end),
    page: pageAt(pageStarts, s.start),
    section: block.section || block.heading || '',
    start: s.start,
    end: s.end,
  };
  if (rule.def.extract === 'duration') {
    // Prefer a duration the rule's own `duration` condition accepted; else the first in the unit.
    const own = durationConds(rule.cond).flatMap((c) => positions(ix, c, unit));
    const ownStarts = new Set(own.map((p) => virtualToToken(unit, p[0])));
    const inUnitAll = unit.ranges.flatMap(([a, b]) => durationsIn(ix, a, b));
    const inUnit = inUnitAll.find((d) => ownStarts.has(d.tokStart)) ?? inUnitAll[0];
    if (inUnit) {
      finding.value = { kind: 'duration', text: inUnit.text, amount: inUnit.amount, unit: inUnit.unit, days: Math.round((inUnit.hours / 24) * 100) / 100 };
    }
  }
  return finding;
}

function durationConds(c: CompiledRule['cond']): CompiledRule['cond'][] {
  switch (c.op) {
    case 'duration':
      return [c];
    case 'all':
    case 'any':
    case 'near':
      return c.kids.flatMap(durationConds);
    default:
      return [];
  }
}

/** Token index of a virtual position in a unit. */
function virtualToToken(unit: Unit, v: number): number {
  let offset = 0;
  for (let r = 0; r < unit.ranges.length; r++) {
    const rs = unit.ranges[r]![0];
    const re = unit.ranges[r]![1];
    if (v < offset + (re - rs)) return rs + (v - offset);
    offset += re - rs;
  }
  return -1;
}

/** The hits by atom (compressed rows: hits of atom a are rowStart[a]..rowStart[a+1]) for triggers and large units. */
function hitRows(flat: DocIndex['flat'], atomCount: number): DocIndex['rows'] {
  const total = flat.atom.length;
  const rowStart = new Int32Array(atomCount + 1);
  for (let k = 0; k < total; k++) rowStart[flat.atom[k]! + 1]!++;
  for (let a = 0; a < atomCount; a++) rowStart[a + 1]! += rowStart[a]!;
  const rowTok = new Int32Array(total);
  const rowEnd = new Int32Array(total);
  const fill = rowStart.slice(0, atomCount);
  for (let k = 0; k < total; k++) {
    const at = fill[flat.atom[k]!]!++;
    rowTok[at] = flat.start[k]!;
    rowEnd[at] = flat.end[k]!;
  }
  return { rowStart, start: rowTok, end: rowEnd };
}

/** Token -> sentence, sentence token ranges, lead-in -> governed items, sentences by block and section. */
function sentenceIndex(seg: SegmentedDocument, tokens: ReturnType<typeof tokenizeText>) {
  // Plain loops (no callbacks, pairs or iterators): a first document runs them interpreted.
  const sentences = seg.sentences;
  const nS = sentences.length;
  const sentOfTok = new Int32Array(tokens.ids.length).fill(-1);
  const sentRanges: Array<[number, number]> = [];
  const sentByStart = new Map<number, number>();
  for (let si = 0; si < nS; si++) {
    const s = sentences[si]!;
    const r = tokenRange(tokens, s.start, s.end);
    sentRanges.push(r);
    for (let t = r[0]; t < r[1]; t++) sentOfTok[t] = si;
    sentByStart.set(s.start, si);
  }
  // Lead-in sentence -> the items it governs (undefined for most sentences).
  const dependents: Array<number[] | undefined> = new Array(nS);
  for (let i = 0; i < nS; i++) {
    const s = sentences[i]!;
    if (!s.leadIn) continue;
    const li = sentByStart.get(s.leadIn.start);
    if (li === undefined) continue;
    (dependents[li] ??= []).push(i);
  }

  // Sentences grouped by block and by top-level section, for the larger scopes.
  const groups = { byBlock: new Map<number, number[]>(), bySection: new Map<number, number[]>() };
  for (let i = 0; i < nS; i++) {
    const block = sentences[i]!.block;
    let b = groups.byBlock.get(block);
    if (!b) groups.byBlock.set(block, (b = []));
    b.push(i);
    const secIdx = seg.blocks[block]!.sectionIndex;
    let sc = groups.bySection.get(secIdx);
    if (!sc) groups.bySection.set(secIdx, (sc = []));
    sc.push(i);
  }

  return { sentOfTok, sentRanges, sentByStart, dependents, groups };
}
