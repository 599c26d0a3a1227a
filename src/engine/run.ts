// Run compiled rules over a segmented document: one trie pass over the tokens, then only the
// (rule, unit) pairs whose trigger words occur are evaluated. One job, the evaluation loop; a little
// over 300 lines because scope units, list lead-ins and evidence spans are built in the same pass.
import { pageAt } from '../ingest/source.js';
import type { BlockKind, Finding, SegmentedDocument, Sentence } from '../types.js';
import { type CompiledRule, type CompiledRules, pushTriggers, triggerCost } from './compile.js';
import { type DocIndex, type Pos, type Unit, durationsIn, holds, positions } from './conditions.js';
import { aliasHits } from './aliases.js';
import { findDurations } from './durations.js';
import { type Prefilter, mayMatch, prefilterOf, prefilterText } from './prefilter.js';
import { tokenRange, tokenizeText } from './tokens.js';

const DEFAULT_KINDS: ReadonlySet<BlockKind> = new Set(['clause', 'list-item']);

export interface RunOptions {
  /** Evaluate only these rules (by id); used by `rules test`. */
  only?: Set<string>;
}

export function runRules(seg: SegmentedDocument, compiled: CompiledRules, opts: RunOptions = {}): Finding[] {
  const { text } = seg.source;
  const tokens = tokenizeText(text);
  const durations = findDurations(text).map((d) => {
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
  // Units are shared between rules, so a regex result is cached on the unit object.
  const regexCache = new WeakMap<Unit, Map<number, Pos[]>>();
  // A range that holds none of the regex's required strings cannot match: RE2 is not run on it.
  let lower: string | undefined | null = null;
  const regexPositions = (atom: number, unit: Unit): Pos[] => {
    let perUnit = regexCache.get(unit);
    if (!perUnit) regexCache.set(unit, (perUnit = new Map()));
    let out = perUnit.get(atom);
    if (out) return out;
    out = [];
    const pf = prefilterFor(compiled, atom);
    if (pf && lower === null) lower = prefilterText(text);
    let offset = 0;
    for (const [rs, re2] of unit.ranges) {
      if (re2 > rs) {
        const from = tokens.starts[rs]!;
        const to = tokens.ends[re2 - 1]!;
        if (pf && lower && !mayMatch(pf, lower.slice(from, to))) {
          offset += re2 - rs;
          continue;
        }
        const m = compiled.regex(atom).matcher(text.slice(from, to));
        while (m.find()) {
          const [a, b] = tokenRange(tokens, from + m.start(), from + Math.max(m.end(), m.start() + 1));
          if (b > a) out.push([a - rs + offset, b - rs + offset]);
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
  // necessary words do not occur at all is skipped without looking at any sentence.
  const wanted = (r: CompiledRule) => !opts.only || opts.only.has(r.def.id);
  const findings: Finding[] = [];
  // Units are shared between rules (keyed by scope and index), so their hits are gathered once.
  const units = new Map<number, Unit>();
  const cand: number[] = [];
  const atoms: number[] = [];
  const costCache = new Int32Array(compiled.atomSetCount).fill(-1);
  // A sentence is a candidate once per rule: seenBy[si] holds the index of the last rule that took it.
  const seenBy = new Int32Array(seg.sentences.length).fill(-1);
  for (let ri = 0; ri < compiled.rules.length; ri++) {
    const rule = compiled.rules[ri]!;
    if (!wanted(rule)) continue;
    cand.length = 0;
    const cost = triggerCost(rule.cond, rowStart, costCache);
    if (cost === 0) continue;
    if (cost < 0) for (let si = 0; si < seg.sentences.length; si++) cand.push(si);
    else {
      atoms.length = 0;
      pushTriggers(rule.cond, rowStart, costCache, atoms);
      for (const atom of atoms) {
        for (let k = rowStart[atom]!; k < rowStart[atom + 1]!; k++) {
          const si = sentOfTok[rowTok[k]!]!;
          if (si < 0 || seenBy[si] === ri) continue;
          seenBy[si] = ri;
          cand.push(si);
          const deps = dependents[si];
          if (deps) for (const d of deps) cand.push(d);
        }
      }
    }
    if (cand.length === 0) continue;
    const sorted = Int32Array.from(cand).sort();
    const kinds = kindsOf(rule);
    let lastKey = -1;
    for (let c = 0; c < sorted.length; c++) {
      const si = sorted[c]!;
      // Keys grow with the sentence index in every scope, so a repeat is always the previous key.
      const key = keyFor(rule, si, seg);
      if (key === lastKey) continue;
      lastKey = key;
      const sentence = seg.sentences[si]!;
      if ((rule.def.scope === 'sentence' || rule.def.scope === 'clause') && !kinds.has(seg.blocks[sentence.block]!.kind)) continue;
      let unit = units.get(key);
      if (!unit) {
        unit = unitFor(rule.def.scope, si, seg, sentRanges, sentByStart, groups);
        units.set(key, unit);
      }
      if (!holds(ix, rule.cond, unit)) continue;
      findings.push(makeFinding(rule, rule.def.scope === 'sentence' ? sentence : firstEvidenceSentence(unit, seg, sentOfTok, ix, rule, kinds) ?? sentence, seg, ix, unit));
    }
  }
  findings.sort((a, b) => a.start - b.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return findings;
}

/** Block kinds a rule reads (the defaults plus its `include`), built once per rule. */
const kindsCache = new WeakMap<CompiledRule, ReadonlySet<BlockKind>>();
function kindsOf(rule: CompiledRule): ReadonlySet<BlockKind> {
  if (!rule.def.include.length) return DEFAULT_KINDS;
  let k = kindsCache.get(rule);
  if (!k) kindsCache.set(rule, (k = new Set([...DEFAULT_KINDS, ...rule.def.include])));
  return k;
}

/** The literal prefilter of a regex atom, computed once per compiled rule set. */
const prefilterCache = new WeakMap<CompiledRules, Map<number, Prefilter>>();
function prefilterFor(compiled: CompiledRules, atom: number): Prefilter {
  let m = prefilterCache.get(compiled);
  if (!m) prefilterCache.set(compiled, (m = new Map()));
  if (!m.has(atom)) m.set(atom, prefilterOf(compiled.regexSources.get(atom)!));
  return m.get(atom);
}

/** A number naming the unit of a sentence in the rule's scope (disjoint ranges per scope). */
function keyFor(rule: CompiledRule, si: number, seg: SegmentedDocument): number {
  const s = seg.sentences[si]!;
  switch (rule.def.scope) {
    case 'sentence':
      return si;
    case 'clause':
      return 1e9 + s.block;
    case 'section':
      return 2e9 + seg.blocks[s.block]!.sectionIndex;
    case 'document':
      return 3e9;
  }
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
  const build = (members: number[], leadIn: boolean): Unit => {
    const ranges = members.map((i) => sentRanges[i]!);
    const first = seg.sentences[members[0]!]!;
    const li = leadIn && first.leadIn ? sentByStart.get(first.leadIn.start) : undefined;
    if (li !== undefined) ranges.unshift(sentRanges[li]!);
    return {
      ranges: li !== undefined ? ranges : merge(ranges),
      sentences: members.map((i) => seg.sentences[i]!),
      blocks: [...new Set(members.map((i) => seg.sentences[i]!.block))],
    };
  };
  switch (scope) {
    case 'sentence':
      return build([si], true);
    case 'clause':
      return build(groups.byBlock.get(s.block)!, true);
    case 'section':
      return build(groups.bySection.get(seg.blocks[s.block]!.sectionIndex)!, false);
    case 'document':
      return build(seg.sentences.map((_x, i) => i), false);
  }
}

/** Merge adjacent token ranges so near windows can span sentence boundaries inside a unit. */
function merge(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of ranges) {
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
  for (const [rs, re] of unit.ranges) {
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
  const sentOfTok = new Int32Array(tokens.words.length).fill(-1);
  const sentRanges = seg.sentences.map((s) => tokenRange(tokens, s.start, s.end));
  sentRanges.forEach(([a, b], si) => {
    for (let t = a; t < b; t++) sentOfTok[t] = si;
  });
  const sentByStart = new Map(seg.sentences.map((s, i) => [s.start, i]));
  // Lead-in sentence -> the items it governs (undefined for most sentences).
  const dependents: Array<number[] | undefined> = new Array(seg.sentences.length);
  seg.sentences.forEach((s, i) => {
    if (!s.leadIn) return;
    const li = sentByStart.get(s.leadIn.start);
    if (li === undefined) return;
    (dependents[li] ??= []).push(i);
  });

  // Sentences grouped by block and by top-level section, for the larger scopes.
  const groups = { byBlock: new Map<number, number[]>(), bySection: new Map<number, number[]>() };
  seg.sentences.forEach((x, i) => {
    const b = groups.byBlock.get(x.block) ?? [];
    b.push(i);
    groups.byBlock.set(x.block, b);
    const secIdx = seg.blocks[x.block]!.sectionIndex;
    const sc = groups.bySection.get(secIdx) ?? [];
    sc.push(i);
    groups.bySection.set(secIdx, sc);
  });

  return { sentOfTok, sentRanges, sentByStart, dependents, groups };
}
