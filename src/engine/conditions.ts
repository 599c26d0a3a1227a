// Evaluate a compiled condition on a unit (a sentence with its lead-in, a clause, a section or
// the document). One function per operator, dispatched by `op`.
import type { Block, Duration, Sentence } from '../types.js';
import type { CCond } from './compile.js';

/** What the operators need to know about the document. */
export interface DocIndex {
  /** hits[atom] = flat [start, end, ...] token ranges sorted by start. */
  hits: number[][];
  /** Durations in token order with their token ranges. */
  durations: Array<Duration & { tokStart: number; tokEnd: number }>;
  blocks: Block[];
  /** Virtual positions of a regex inside the unit, run on the unit's text only (lazily, cached). */
  regexPositions: (atom: number, unit: Unit) => Pos[];
  /** Token ranges of the headings above a block (computed lazily). */
  headingRanges: (block: number) => Array<[number, number]>;
}

export interface Unit {
  /** Token ranges, concatenated in this order for word distances (lead-in first, then the sentence). */
  ranges: Array<[number, number]>;
  /** Sentences whose facts (modality, party...) the unit offers. */
  sentences: Sentence[];
  /** Blocks the unit covers (first = the block whose headings count). */
  blocks: number[];
}

export type Pos = [number, number]; // virtual token positions [start, end)

/** Whether an atom has a hit inside the unit (no allocation: this is the hot path). */
function atomPresent(ix: DocIndex, atom: number, unit: Unit): boolean {
  const h = ix.hits[atom]!;
  if (h.length === 0) return false;
  for (const [rs, re] of unit.ranges) {
    let lo = 0;
    let hi = h.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h[mid * 2]! < rs) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo * 2; k < h.length && h[k]! < re; k += 2) if (h[k + 1]! <= re) return true;
  }
  return false;
}

/** Positions of an atom's hits inside the unit's ranges, in virtual (concatenated) coordinates. */
function atomPositions(ix: DocIndex, atom: number, unit: Unit, out: Pos[]): void {
  const h = ix.hits[atom]!;
  if (h.length === 0) return;
  let offset = 0;
  for (const [rs, re] of unit.ranges) {
    // binary search the first hit starting at or after rs
    let lo = 0;
    let hi = h.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h[mid * 2]! < rs) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo * 2; k < h.length && h[k]! < re; k += 2) {
      if (h[k + 1]! <= re) out.push([h[k]! - rs + offset, h[k + 1]! - rs + offset]);
    }
    offset += re - rs;
  }
}

function durationPositions(ix: DocIndex, c: Extract<CCond, { op: 'duration' }>, unit: Unit, out: Pos[]): void {
  let offset = 0;
  for (const [rs, re] of unit.ranges) {
    for (const d of ix.durations) {
      if (d.tokStart < rs || d.tokEnd > re) continue;
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
      for (const a of c.atoms) atomPositions(ix, a, unit, out);
      break;
    case 'duration':
      durationPositions(ix, c, unit, out);
      break;
    case 'regex':
      return ix.regexPositions(c.atom, unit);
    case 'any':
      for (const k of c.kids) out.push(...positions(ix, k, unit));
      break;
    case 'near':
      return nearWindows(ix, c, unit);
    default:
      return out;
  }
  return out;
}

/** Windows where every child of `near` has a match and the gap between the matches is at most `within` words. */
function nearWindows(ix: DocIndex, c: Extract<CCond, { op: 'near' }>, unit: Unit): Pos[] {
  const lists = c.kids.map((k) => positions(ix, k, unit));
  if (lists.some((l) => l.length === 0)) return [];
  const out: Pos[] = [];
  for (const pivot of lists[0]!) {
    const chosen: Pos[] = [pivot];
    let ok = true;
    for (let i = 1; i < lists.length && ok; i++) {
      let best: Pos | undefined;
      let bestGap = Infinity;
      const prev = chosen[chosen.length - 1]!;
      for (const p of lists[i]!) {
        if (c.ordered && p[0] < prev[1]) continue;
        const gap = c.ordered ? p[0] - prev[1] : Math.max(p[0] - pivot[1], pivot[0] - p[1], 0);
        if (gap < bestGap) {
          bestGap = gap;
          best = p;
        }
      }
      if (!best) ok = false;
      else chosen.push(best);
    }
    if (!ok) continue;
    const start = Math.min(...chosen.map((p) => p[0]));
    const end = Math.max(...chosen.map((p) => p[1]));
    const gap = Math.max(...chosen.map((p) => p[0])) - Math.min(...chosen.map((p) => p[1]));
    if (gap <= c.within) out.push([start, end]);
  }
  return out;
}

export function holds(ix: DocIndex, c: CCond, unit: Unit): boolean {
  switch (c.op) {
    case 'all':
      return c.kids.every((k) => holds(ix, k, unit));
    case 'any':
      return c.kids.some((k) => holds(ix, k, unit));
    case 'not':
      return !holds(ix, c.kid, unit);
    case 'atoms':
      for (const a of c.atoms) if (atomPresent(ix, a, unit)) return true;
      return false;
    case 'duration':
    case 'regex':
    case 'near':
      return positions(ix, c, unit).length > 0;
    case 'modality':
      return unit.sentences.some((s) => c.values.has(s.modality));
    case 'party':
      return unit.sentences.some((s) => c.values.has(s.party));
    case 'negated':
      return c.value ? unit.sentences.some((s) => s.negated) : unit.sentences.every((s) => !s.negated);
    case 'exception':
      return c.value ? unit.sentences.some((s) => s.exception) : unit.sentences.every((s) => !s.exception);
    case 'kind':
      return unit.blocks.some((b) => c.values.has(ix.blocks[b]!.kind));
    case 'heading': {
      // Headings above any block of the unit (a section's own heading sits above its clauses).
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
      return holds(ix, c.kid, { ranges, sentences: [], blocks: [] });
    }
  }
}
