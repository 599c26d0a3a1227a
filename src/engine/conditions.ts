// Evaluate a compiled condition on a unit (a sentence with its lead-in, a clause, a section or
// the document). One function per operator, dispatched by `op`.
import type { Block, Duration, Sentence } from '../types.js';
import type { CCond } from './compile.js';
import { ensureLength } from './typed.js';

/** What the operators need to know about the document. */
export interface DocIndex {
  /** Every hit of every atom in document order: atom id, start token, end token. */
  flat: { atom: Int32Array; start: Int32Array; end: Int32Array };
  /** The same hits by atom (compressed rows): hits of atom a are rowStart[a]..rowStart[a+1]. */
  rows: { rowStart: Int32Array; start: Int32Array; end: Int32Array };
  /** Durations in token order with their token ranges. */
  durations: Array<Duration & { tokStart: number; tokEnd: number }>;
  blocks: Block[];
  /** Virtual positions of a regex inside the unit, run on the unit's text only (lazily, cached). */
  regexPositions: (atom: number, unit: Unit) => Pos[];
  /** The whole document as one unit (built on first use), for `document:` context conditions. */
  documentUnit: () => Unit;
  /** Results of `document:` conditions, computed once per document. */
  documentCache: WeakMap<CCond, boolean>;
  /** Token ranges of the headings above a block (computed lazily). */
  headingRanges: (block: number) => Array<[number, number]>;
  /** The atom sets present in the unit being evaluated (marked once per unit), if any. */
  presence?: Presence;
}

/**
 * Which atom-set conditions have a hit in the current unit: every hit of the unit marks the sets
 * holding its atom (an inverted index built once per rule set), once per unit, so that each
 * `atoms` condition of every rule evaluated on the unit is one array read instead of a scan of
 * the unit's hits. Marks are stamped with a serial number, so starting a unit clears nothing.
 */
export class Presence {
  unit: Unit | undefined;
  private serial = 0;
  private ready = false;
  private readonly stamp: Int32Array;
  /** Atoms already marked in the current unit (an atom seen twice marks its sets once). */
  private readonly atomStamp: Int32Array;
  /** `nodeStart`/`nodeList`: the atom-set ids holding atom a are nodeList[nodeStart[a]..nodeStart[a+1]]. */
  constructor(
    private readonly nodeStart: Int32Array,
    private readonly nodeList: Int32Array,
    nodeCount: number,
  ) {
    this.stamp = new Int32Array(nodeCount);
    this.atomStamp = new Int32Array(nodeStart.length);
  }

  /** Start evaluating `unit` (large units keep the per-atom look-up of rowPositions). */
  begin(unit: Unit | undefined): void {
    this.unit = unit !== undefined && unitSize(unit) <= LARGE_UNIT ? unit : undefined;
    this.ready = false;
    if (++this.serial === 0x7fffffff) {
      this.stamp.fill(0);
      this.atomStamp.fill(0);
      this.serial = 1;
    }
  }

  /**
   * The number of hits of every atom set in a document (hits of atom a: rowStart[a]..rowStart[a+1]),
   * summed from the atoms that occur: an atom's count goes to each set holding it.
   */
  costs(rowStart: Int32Array, nodeCount: number): Int32Array {
    const out = new Int32Array(Math.max(nodeCount, this.stamp.length));
    const { nodeStart, nodeList } = this;
    const atoms = rowStart.length - 1;
    for (let a = 0; a < atoms; a++) {
      const n = rowStart[a + 1]! - rowStart[a]!;
      if (n === 0) continue;
      for (let j = nodeStart[a]!; j < nodeStart[a + 1]!; j++) out[nodeList[j]!]! += n;
    }
    return out;
  }

  /** Whether the atom set `id` has a hit in the current unit. */
  has(ix: DocIndex, id: number): boolean {
    if (!this.ready) {
      const sp = unitSpans(ix, this.unit!);
      const { atom, end } = ix.flat;
      const { nodeStart, nodeList, stamp, atomStamp } = this;
      const serial = this.serial;
      for (let q = 0; q < sp.length; q += 5) {
        const re = sp[q + 3]!;
        for (let k = sp[q]!; k < sp[q + 1]!; k++) {
          if (end[k]! > re) continue;
          const a = atom[k]!;
          if (atomStamp[a] === serial) continue;
          atomStamp[a] = serial;
          for (let j = nodeStart[a]!; j < nodeStart[a + 1]!; j++) stamp[nodeList[j]!] = serial;
        }
      }
      this.ready = true;
    }
    return this.stamp[id] === this.serial;
  }
}

export interface Unit {
  /** Token ranges, concatenated in this order for word distances (lead-in first, then the sentence). */
  ranges: Array<[number, number]>;
  /** Sentences whose facts (modality, party...) the unit offers. */
  sentences: Sentence[];
  /** Blocks the unit covers (first = the block whose headings count). */
  blocks: number[];
  /**
   * The unit's hits as slices of the document's hit list, found once on first use: per range
   * [lo, hi, rs, re, offset]: hits lo..hi start inside [rs, re) (those ending past re are not the
   * unit's), and a hit at token t sits at virtual position t - rs + offset.
   */
  spans?: number[];
  /** Positions of the regex atoms already run on the unit (run.ts regexPositions). */
  regex?: Map<number, Pos[]>;
}

/** Units longer than this many tokens (sections, documents) look atoms up by atom, not by scanning. */
const LARGE_UNIT = 1500;

function unitSize(unit: Unit): number {
  let n = 0;
  const ranges = unit.ranges;
  for (let i = 0; i < ranges.length; i++) n += ranges[i]![1] - ranges[i]![0];
  return n;
}

/** Hits of one atom inside the unit, found by binary search in the atom's row (large units). */
function rowPositions(ix: DocIndex, atom: number, unit: Unit, out: PosBuf | undefined): boolean {
  const { rowStart, start, end } = ix.rows;
  const lo0 = rowStart[atom]!;
  const hi0 = rowStart[atom + 1]!;
  if (lo0 === hi0) return false;
  let offset = 0;
  let found = false;
  const ranges = unit.ranges;
  for (let r = 0; r < ranges.length; r++) {
    const rs = ranges[r]![0];
    const re = ranges[r]![1];
    let lo = lo0;
    let hi = hi0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (start[mid]! < rs) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < hi0 && start[k]! < re; k++) {
      if (end[k]! <= re) {
        if (!out) return true;
        found = true;
        out.push(start[k]! - rs + offset, end[k]! - rs + offset);
      }
    }
    offset += re - rs;
  }
  return found;
}

/** The unit's slices of the document's hit list (see Unit.spans). */
function unitSpans(ix: DocIndex, unit: Unit): number[] {
  if (unit.spans) return unit.spans;
  const { start } = ix.flat;
  // A plain array: a unit has a range or two, and a small typed array costs more to allocate.
  const out: number[] = [];
  let offset = 0;
  const ranges = unit.ranges;
  for (let r = 0; r < ranges.length; r++) {
    const rs = ranges[r]![0];
    const re = ranges[r]![1];
    let lo = 0;
    let hi = start.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (start[mid]! < rs) lo = mid + 1;
      else hi = mid;
    }
    let k = lo;
    while (k < start.length && start[k]! < re) k++;
    out.push(lo, k, rs, re, offset);
    offset += re - rs;
  }
  unit.spans = out;
  return out;
}

export type Pos = [number, number]; // virtual token positions [start, end)

/** Whether any of the atoms has a hit inside the unit (no allocation: this is the hot path). */
function atomsPresent(ix: DocIndex, c: AtomsCond, unit: Unit): boolean {
  const p = ix.presence;
  if (p !== undefined && p.unit === unit) return p.has(ix, c.id);
  if (unit.spans === undefined && unitSize(unit) > LARGE_UNIT) {
    const atoms = c.atoms;
    for (let i = 0; i < atoms.length; i++) if (rowPositions(ix, atoms[i]!, unit, undefined)) return true;
    return false;
  }
  const sp = unitSpans(ix, unit);
  const { atom, end } = ix.flat;
  const mask = c.mask;
  for (let q = 0; q < sp.length; q += 5) {
    const re = sp[q + 3]!;
    for (let k = sp[q]!; k < sp[q + 1]!; k++) if (mask[atom[k]!] === 1 && end[k]! <= re) return true;
  }
  return false;
}

function atomsPositions(ix: DocIndex, c: AtomsCond, unit: Unit, out: Pos[]): void {
  const b = acquire();
  try {
    atomsInto(ix, c, unit, b);
    for (let i = 0; i < b.n; i++) out.push([b.s[i]!, b.e[i]!]);
  } finally {
    bufDepth--;
  }
}

/** The hits of an atom set inside the unit, appended to `out`. */
function atomsInto(ix: DocIndex, c: AtomsCond, unit: Unit, out: PosBuf): void {
  const p = ix.presence;
  if (p !== undefined && p.unit === unit && !p.has(ix, c.id)) return;
  if (unit.spans === undefined && unitSize(unit) > LARGE_UNIT) {
    const atoms = c.atoms;
    for (let i = 0; i < atoms.length; i++) rowPositions(ix, atoms[i]!, unit, out);
    return;
  }
  const sp = unitSpans(ix, unit);
  // A set of few atoms is looked up atom by atom in the document's rows (a binary search per range)
  // rather than by reading every hit of the unit; the hits then come by atom, not in token order
  // (every reader sorts them or reads them as a set).
  let hits = 0;
  for (let q = 0; q < sp.length; q += 5) hits += sp[q + 1]! - sp[q]!;
  if (c.atoms.length * (sp.length / 5) * ROW_COST < hits) {
    const atoms = c.atoms;
    for (let i = 0; i < atoms.length; i++) rowPositions(ix, atoms[i]!, unit, out);
    return;
  }
  const { atom, start, end } = ix.flat;
  const mask = c.mask;
  for (let q = 0; q < sp.length; q += 5) {
    const re = sp[q + 3]!;
    const shift = sp[q + 4]! - sp[q + 2]!;
    for (let k = sp[q]!; k < sp[q + 1]!; k++) if (mask[atom[k]!] === 1 && end[k]! <= re) out.push(start[k]! + shift, end[k]! + shift);
  }
}

type AtomsCond = Extract<CCond, { op: 'atoms' }>;

/**
 * Positions as two parallel typed arrays (starts, ends): the lists a near reads, without a tuple
 * per hit. Buffers come from a stack (acquire; a near releases its own on exit), so nested nears
 * take deeper ones and nothing is allocated once the stack has grown.
 */
class PosBuf {
  s = new Int32Array(64);
  e = new Int32Array(64);
  n = 0;
  push(a: number, b: number): void {
    if (this.n === this.s.length) {
      this.s = ensureLength(this.s, this.n + 1);
      this.e = ensureLength(this.e, this.n + 1);
    }
    this.s[this.n] = a;
    this.e[this.n] = b;
    this.n++;
  }
}
const bufPool: PosBuf[] = [];
let bufDepth = 0;
function acquire(): PosBuf {
  const b = (bufPool[bufDepth] ??= new PosBuf());
  bufDepth++;
  b.n = 0;
  return b;
}

/** A near's child's positions appended to `out` (atom sets and any-of lists directly, others through positions). */
function kidInto(ix: DocIndex, c: CCond, unit: Unit, out: PosBuf): void {
  switch (c.op) {
    case 'atoms':
      atomsInto(ix, c, unit, out);
      return;
    case 'any':
      for (let i = 0; i < c.kids.length; i++) kidInto(ix, c.kids[i]!, unit, out);
      return;
    default: {
      const ps = positions(ix, c, unit);
      for (let i = 0; i < ps.length; i++) out.push(ps[i]![0], ps[i]![1]);
    }
  }
}

/** Keys for sorting a buffer: start * KEY_SPAN + end (exact in a double while both are below KEY_SPAN). */
const KEY_SPAN = 2 ** 26;
let sortKeys = new Float64Array(64);

/** Sort a buffer in (start, end) order, when it is not already (equal pairs are the same value). */
function sortBuf(b: PosBuf): void {
  const { s, e, n } = b;
  let sorted = true;
  let small = true;
  for (let k = 0; k < n; k++) {
    if (k > 0 && (s[k - 1]! > s[k]! || (s[k - 1] === s[k] && e[k - 1]! > e[k]!))) sorted = false;
    if (s[k]! < 0 || e[k]! < 0 || s[k]! >= KEY_SPAN || e[k]! >= KEY_SPAN) small = false;
  }
  if (sorted) return;
  if (!small) {
    const l: Pos[] = [];
    for (let k = 0; k < n; k++) l.push([s[k]!, e[k]!]);
    l.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (let k = 0; k < n; k++) {
      s[k] = l[k]![0];
      e[k] = l[k]![1];
    }
    return;
  }
  if (sortKeys.length < n) sortKeys = new Float64Array(2 * n);
  const keys = sortKeys.subarray(0, n);
  for (let k = 0; k < n; k++) keys[k] = s[k]! * KEY_SPAN + e[k]!;
  keys.sort();
  for (let k = 0; k < n; k++) {
    const st = Math.floor(keys[k]! / KEY_SPAN);
    s[k] = st;
    e[k] = keys[k]! - st * KEY_SPAN;
  }
}

/** First index in a start-sorted buffer whose start is >= x. */
function lowerBound(b: PosBuf, x: number): number {
  let lo = 0;
  let hi = b.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b.s[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What looking one atom up in its row costs against reading one hit of the unit (a binary search). */
const ROW_COST = 8;

/**
 * Whether `c` can have positions in the unit, from the presence of its atoms alone: false only
 * when an atom set it needs has no hit there (an atom set, any of them, all children of a near).
 */
function mayOccur(ix: DocIndex, c: CCond, unit: Unit): boolean {
  switch (c.op) {
    case 'atoms':
      return atomsPresent(ix, c, unit);
    case 'any':
      for (let i = 0; i < c.kids.length; i++) if (mayOccur(ix, c.kids[i]!, unit)) return true;
      return false;
    case 'near':
      for (let i = 0; i < c.kids.length; i++) if (!mayOccur(ix, c.kids[i]!, unit)) return false;
      return true;
    default:
      return true;
  }
}

/** Durations inside [rs, re) in token order (durations are sorted by start; binary search). */
export function durationsIn(ix: DocIndex, rs: number, re: number): DocIndex['durations'] {
  const d = ix.durations;
  let lo = 0;
  let hi = d.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d[mid]!.tokStart < rs) lo = mid + 1;
    else hi = mid;
  }
  const out: DocIndex['durations'] = [];
  for (let k = lo; k < d.length && d[k]!.tokStart < re; k++) if (d[k]!.tokEnd <= re) out.push(d[k]!);
  return out;
}

function durationPositions(ix: DocIndex, c: Extract<CCond, { op: 'duration' }>, unit: Unit, out: Pos[]): void {
  let offset = 0;
  const ranges = unit.ranges;
  for (let r = 0; r < ranges.length; r++) {
    const rs = ranges[r]![0];
    const re = ranges[r]![1];
    const ds = durationsIn(ix, rs, re);
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i]!;
      if (c.units && !c.units.has(d.unit)) continue;
      if (c.minHours !== undefined && d.hours < c.minHours) continue;
      if (c.maxHours !== undefined && d.hours > c.maxHours) continue;
      out.push([d.tokStart - rs + offset, d.tokEnd - rs + offset]);
    }
    offset += re - rs;
  }
}

/** Positions where a positional condition holds (atoms, duration, any of them, near). */
export function positions(ix: DocIndex, c: CCond, unit: Unit): Pos[] {
  const out: Pos[] = [];
  switch (c.op) {
    case 'atoms':
      atomsPositions(ix, c, unit, out);
      break;
    case 'duration':
      durationPositions(ix, c, unit, out);
      break;
    case 'regex':
      return ix.regexPositions(c.atom, unit);
    case 'any':
      for (let i = 0; i < c.kids.length; i++) {
        const ps = positions(ix, c.kids[i]!, unit);
        for (let j = 0; j < ps.length; j++) out.push(ps[j]!);
      }
      break;
    case 'near':
      return nearWindows(ix, c, unit);
    default:
      return out;
  }
  return out;
}

/** The result of a near without windows, shared (frozen: no reader may add to it). */
const NO_WINDOWS: Pos[] = Object.freeze([]) as unknown as Pos[];

/**
 * Windows where every child of `near` has a match and the gap between the matches is at most
 * `within` words. For each match of the first child, the nearest match of every other child is
 * found by binary search (lists are sorted by start), so the cost is n log n, not n squared.
 * The children's lists are typed buffers (PosBuf), not tuples. With `first`, stop at the first
 * window (holds() only needs to know one exists).
 */
function nearWindows(ix: DocIndex, c: Extract<CCond, { op: 'near' }>, unit: Unit, first = false): Pos[] {
  // Cheap rejection first: every child must occur at all before any window is worth computing.
  const kids = c.kids;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.op === 'atoms' && !atomsPresent(ix, k, unit)) return NO_WINDOWS;
  }
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.op !== 'atoms' && !mayOccur(ix, k, unit)) return NO_WINDOWS;
  }
  const base = bufDepth;
  try {
    const lists: PosBuf[] = [];
    for (let i = 0; i < kids.length; i++) {
      const l = acquire();
      kidInto(ix, kids[i]!, unit, l);
      if (l.n === 0) return NO_WINDOWS;
      sortBuf(l);
      lists.push(l);
    }
    const out: Pos[] = [];
    const l0 = lists[0]!;
    for (let pi = 0; pi < l0.n; pi++) {
      const ps = l0.s[pi]!;
      const pe = l0.e[pi]!;
      let lo = ps;
      let hi = pe;
      let maxStart = ps;
      let minEnd = pe;
      let prevEnd = pe;
      let ok = true;
      for (let i = 1; i < lists.length && ok; i++) {
        const l = lists[i]!;
        let best = -1;
        if (c.ordered) {
          // The first match starting at or after the previous one ends.
          const j = lowerBound(l, prevEnd);
          if (j < l.n && l.s[j]! - prevEnd <= c.within) best = j;
        } else {
          // Candidates around the pivot: the last one starting before it and the first ones after.
          const j = lowerBound(l, ps);
          let bestGap = Infinity;
          for (let k = Math.max(0, j - 2); k < Math.min(l.n, j + 2); k++) {
            const gap = Math.max(l.s[k]! - pe, ps - l.e[k]!, 0);
            if (gap < bestGap) {
              bestGap = gap;
              best = k;
            }
          }
          // A long match starting far before the pivot can still overlap it.
          for (let k = j - 3; k >= 0 && bestGap > 0; k--) {
            if (l.e[k]! > ps) {
              bestGap = 0;
              best = k;
            }
            if (ps - l.s[k]! > 64) break;
          }
        }
        if (best < 0) ok = false;
        else {
          const bs = l.s[best]!;
          const be = l.e[best]!;
          lo = Math.min(lo, bs);
          hi = Math.max(hi, be);
          maxStart = Math.max(maxStart, bs);
          minEnd = Math.min(minEnd, be);
          prevEnd = be;
        }
      }
      if (!ok) continue;
      if (maxStart - minEnd <= c.within) {
        out.push([lo, hi]);
        if (first) return out;
      }
    }
    return out;
  } finally {
    bufDepth = base;
  }
}

export function holds(ix: DocIndex, c: CCond, unit: Unit): boolean {
  switch (c.op) {
    case 'all': {
      const kids = c.check;
      for (let k = 0; k < kids.length; k++) if (!holds(ix, kids[k]!, unit)) return false;
      return true;
    }
    case 'any': {
      const kids = c.kids;
      for (let k = 0; k < kids.length; k++) if (holds(ix, kids[k]!, unit)) return true;
      return false;
    }
    case 'not':
      return !holds(ix, c.kid, unit);
    case 'atoms':
      return atomsPresent(ix, c, unit);
    case 'near':
      return nearWindows(ix, c, unit, true).length > 0;
    case 'duration':
    case 'regex':
      return positions(ix, c, unit).length > 0;
    // Sentence facts as plain loops: a closure here would make every call of holds allocate.
    case 'modality':
      return someModality(c.values, unit.sentences);
    case 'party':
      return someParty(c.values, unit.sentences);
    case 'negated':
      return c.value ? someNegated(unit.sentences) : !someNegated(unit.sentences);
    case 'exception':
      return c.value ? someException(unit.sentences) : !someException(unit.sentences);
    case 'kind':
      return someKind(ix, c.values, unit.blocks);
    case 'document': {
      // Context, not evidence: "a contract about AI services" is decided once for the document.
      let v = ix.documentCache.get(c);
      if (v === undefined) {
        v = holds(ix, c.kid, ix.documentUnit());
        ix.documentCache.set(c, v);
      }
      return v;
    }
    case 'heading':
      return headingHolds(ix, c.kid, unit);
  }
}

/** Whether `kid` holds on the headings above any block of the unit (a section's own heading sits above its clauses). */
function headingHolds(ix: DocIndex, kid: CCond, unit: Unit): boolean {
  const seen = new Set<number>();
  const ranges: Array<[number, number]> = [];
  for (const b of unit.blocks) {
    for (const r of ix.headingRanges(b)) {
      if (!seen.has(r[0])) ranges.push(r);
      seen.add(r[0]);
    }
  }
  if (ranges.length === 0) return false;
  ranges.sort((a, b) => a[0] - b[0]);
  return holds(ix, kid, { ranges, sentences: [], blocks: [] });
}

function someKind(ix: DocIndex, values: ReadonlySet<Block['kind']>, blocks: number[]): boolean {
  for (let k = 0; k < blocks.length; k++) if (values.has(ix.blocks[blocks[k]!]!.kind)) return true;
  return false;
}

function someModality(values: ReadonlySet<Sentence['modality']>, ss: Sentence[]): boolean {
  for (let k = 0; k < ss.length; k++) if (values.has(ss[k]!.modality)) return true;
  return false;
}

function someParty(values: ReadonlySet<Sentence['party']>, ss: Sentence[]): boolean {
  for (let k = 0; k < ss.length; k++) if (values.has(ss[k]!.party)) return true;
  return false;
}

function someNegated(ss: Sentence[]): boolean {
  for (let k = 0; k < ss.length; k++) if (ss[k]!.negated) return true;
  return false;
}

function someException(ss: Sentence[]): boolean {
  for (let k = 0; k < ss.length; k++) if (ss[k]!.exception) return true;
  return false;
}
