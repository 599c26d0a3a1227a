// All phrase atoms of all rules in one automaton over words: one pass over the tokens finds every
// hit, so adding rules does not multiply the cost per clause. One job (the automaton); its length is
// the automaton's construction and its hot matching loop, kept together for speed.
//
// The phrases form a word trie (exact words, prefixes `word*`, one-word wildcards `*`). Every
// alternative of a phrase has a fixed length in words, so a hit is known by its end token and its
// length. Wildcards would multiply the automaton's states (every `*` keeps a branch alive for
// every word), so before matching the trie is split: a phrase with `*` becomes its literal
// segments, which go into the trie as segment ends, and a gapped pattern checked when its last
// segment ends (each earlier segment must end at its fixed distance before). The literal trie is run
// as a lazily built DFA: a state is the set of trie nodes active after a token (the root is active
// at every token), and a transition is taken per token on the word's class — the set of trie
// symbols (exact words, prefixes) the word matches; words that match none share class 0. States,
// transitions and word classes are built on first use and kept for later documents (bounded), so
// steady-state matching is one table look-up and a few integer writes a token.
import type { PhrasePattern } from '../rules/phrase.js';
import { type Tokens, wordOfId } from './tokens.js';

/** Prefix symbols are indexed by their first three letters (prefixes have at least three). */
const KEY = 3;
/** Bounds on the lazily built parts: past them the caches are cleared and rebuilt on demand. */
const MAX_WORDS = 500_000;
const MAX_STATES = 100_000;


/** Hits as parallel typed arrays, sorted by start token, then end, then atom. */
export interface Hits {
  atom: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * The split trie as plain data: the literal trie (no `*` edges; an output a >= 0 is an atom, a < 0
 * the end of segment -1 - a) and the gapped patterns, flat: per pattern [atom, length in words,
 * segment count, then segment id and end offset in words of each segment, the last one last].
 */
export interface TrieData {
  edges: number[][];
  any: number[];
  atoms: number[][];
  depth: number[];
  exact: Array<[string, number]>;
  prefix: Array<[string, number]>;
  symbolCount: number;
  gapped: number[];
  segments: number;
}

export class PhraseTrie {
  // Trie nodes (node 0 is the root). A node's edges revived from the artifact stay a flat
  // [symbol, child, ...] list until the automaton first steps through the node.
  private edges: Array<Map<number, number> | undefined> = [new Map()];
  private flatEdges: number[][] = [];
  private any: number[] = [-1];
  private atoms: number[][] = [[]];
  private depth: number[] = [0];
  // Symbols: exact words and prefixes.
  private exactSym = new Map<string, number>();
  private prefixSym = new Map<string, number>();
  private prefixByKey = new Map<string, Array<[string, number]>>();
  private symbolCount = 0;
  // Lazily built: word -> class, class -> symbols, DFA states.
  private wordClass = new Map<string, number>();
  /** Class by interned word id (tokens.ts), -1 unknown; valid for the intern epoch `idEpoch`. */
  private classById = new Int32Array(0);
  private idEpoch = -1;
  private classKey = new Map<string, number>();
  private classSyms: number[][] = [[]];
  /** Active trie nodes of each state (sorted, root excluded). */
  private states: number[][] = [];
  private stateKey = new Map<string, number>();
  /**
   * Hits ending at a token that leads into state s: atoms outAtom[outStart[s]..outStart[s+1]) with
   * their lengths in words in outLen (deduplicated). Flat arrays: no object per state on the hot path.
   */
  private outStart = new Int32Array(1);
  private outAtom = new Int32Array(0);
  private outLen = new Int32Array(0);
  private outUsed = 0;
  /**
   * Transitions (state, class) -> state in one open-addressing table of 4-int slots [state, class,
   * next, unused] (one cache line a probe); -1 as a slot's state is empty.
   */
  private trans = new Int32Array(0);
  private tUsed = 0;
  private scratchAtom = new Int32Array(0);
  private scratchEnd = new Int32Array(0);
  private scratchLen = new Int32Array(0);
  private scratchBucket = new Int32Array(0);
  /** Phrases were added since the lazy parts were built. */
  private dirty = true;
  /** The trie holds no `*` edges: wildcard phrases are gapped patterns (see split()). */
  private isSplit = false;
  /** Gapped patterns: atom, length, end offset of the last (anchor) segment, the other segments at otherStart[p].. */
  private patAtom = new Int32Array(0);
  private patLen = new Int32Array(0);
  private patLastEnd = new Int32Array(0);
  private otherStart = new Int32Array(1);
  /** [segment id, end offset] pairs of the segments before the last. */
  private otherSeg = new Int32Array(0);
  /** Patterns anchored on segment g (their last segment): anchored[anchorStart[g]..anchorStart[g+1]). */
  private anchorStart = new Int32Array(1);
  private anchored = new Int32Array(0);
  private segmentCount = 0;
  private gappedFlat: number[] = [];
  /** Per DFA state: the segments ending there (sorted), and those of them that anchor patterns. */
  private segStart: Int32Array = new Int32Array(1);
  private segList: Int32Array = new Int32Array(0);
  private ancStart: Int32Array = new Int32Array(1);
  private ancList: Int32Array = new Int32Array(0);
  private segUsed = 0;
  private ancUsed = 0;
  private scratchState = new Int32Array(0);

  /** The split trie as plain data (for the build-time artifact); lazily built parts are not included. */
  toData(): TrieData {
    this.split();
    return {
      edges: this.edges.map((_m, node) => [...this.edgesOf(node)].flat()),
      any: this.any,
      atoms: this.atoms,
      depth: this.depth,
      exact: [...this.exactSym],
      prefix: [...this.prefixSym],
      symbolCount: this.symbolCount,
      gapped: this.gappedFlat,
      segments: this.segmentCount,
    };
  }

  static fromData(d: TrieData): PhraseTrie {
    const t = new PhraseTrie();
    t.isSplit = true;
    t.setGapped(d.gapped, d.segments);
    t.flatEdges = d.edges;
    t.edges = new Array<Map<number, number> | undefined>(d.edges.length).fill(undefined);
    t.any = d.any;
    t.atoms = d.atoms;
    t.depth = d.depth;
    t.exactSym = new Map(d.exact);
    t.prefixSym = new Map(d.prefix);
    for (const [p, s] of d.prefix) {
      const k = p.slice(0, KEY);
      const bucket = t.prefixByKey.get(k) ?? [];
      bucket.push([p, s]);
      t.prefixByKey.set(k, bucket);
    }
    t.symbolCount = d.symbolCount;
    t.dirty = true;
    return t;
  }

  private edgesOf(node: number): Map<number, number> {
    let m = this.edges[node];
    if (!m) {
      m = new Map();
      const flat = this.flatEdges[node] ?? [];
      for (let k = 0; k < flat.length; k += 2) m.set(flat[k]!, flat[k + 1]!);
      this.edges[node] = m;
    }
    return m;
  }

  private newNode(depth: number): number {
    this.edges.push(new Map());
    this.any.push(-1);
    this.atoms.push([]);
    this.depth.push(depth);
    return this.edges.length - 1;
  }

  private child(node: number, sym: number): number {
    let c = this.edgesOf(node).get(sym);
    if (c === undefined) {
      c = this.newNode(this.depth[node]! + 1);
      this.edgesOf(node).set(sym, c);
    }
    return c;
  }

  add(pattern: PhrasePattern, atom: number): void {
    if (this.isSplit) throw new Error('PhraseTrie: phrases added after the trie was split');
    this.dirty = true;
    let frontier = [0];
    for (const wp of pattern) {
      const next = new Set<number>();
      for (const node of frontier) {
        if (wp.kind === 'any') {
          if (this.any[node]! < 0) this.any[node] = this.newNode(this.depth[node]! + 1);
          next.add(this.any[node]!);
        } else if (wp.kind === 'prefix') {
          let s = this.prefixSym.get(wp.prefix);
          if (s === undefined) {
            s = this.symbolCount++;
            this.prefixSym.set(wp.prefix, s);
            const k = wp.prefix.slice(0, KEY);
            const bucket = this.prefixByKey.get(k) ?? [];
            bucket.push([wp.prefix, s]);
            this.prefixByKey.set(k, bucket);
          }
          next.add(this.child(node, s));
        } else {
          for (const w of wp.words) {
            let s = this.exactSym.get(w);
            if (s === undefined) {
              s = this.symbolCount++;
              this.exactSym.set(w, s);
            }
            next.add(this.child(node, s));
          }
        }
      }
      frontier = [...next];
    }
    for (const node of frontier) if (!this.atoms[node]!.includes(atom)) this.atoms[node]!.push(atom);
  }

  /**
   * Split the trie (once): phrases without `*` stay as they are; a phrase with `*` becomes its
   * literal segments (each in the trie once, as a segment end) and a gapped pattern anchored on its
   * last segment. The trie is rebuilt from its phrase paths (alternatives of a slot are separate
   * paths, as the trie stores them).
   */
  private split(): void {
    if (this.isSplit) return;
    const src = { edges: this.edges.map((_m, n) => this.edgesOf(n)), any: this.any, atoms: this.atoms };
    this.edges = [new Map()];
    this.flatEdges = [];
    this.any = [-1];
    this.atoms = [[]];
    this.depth = [0];
    const segId = new Map<string, number>();
    const seen = new Set<string>();
    const flat: number[] = [];
    const ANY = -1;
    const insert = (syms: number[], out: number) => {
      let node = 0;
      for (const sym of syms) node = this.child(node, sym);
      if (!this.atoms[node]!.includes(out)) this.atoms[node]!.push(out);
    };
    const path: number[] = [];
    const visit = (node: number): void => {
      for (const atom of src.atoms[node]!) {
        if (!path.includes(ANY)) {
          insert(path, atom);
          continue;
        }
        const segs: number[] = [];
        for (let i = 0; i < path.length; ) {
          if (path[i] === ANY) {
            i++;
            continue;
          }
          let j = i;
          while (j < path.length && path[j] !== ANY) j++;
          const syms = path.slice(i, j);
          const key = syms.join(',');
          let g = segId.get(key);
          if (g === undefined) {
            segId.set(key, (g = segId.size));
            insert(syms, -1 - g);
          }
          segs.push(g, j);
          i = j;
        }
        const pat = [atom, path.length, segs.length / 2, ...segs];
        const key = pat.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        flat.push(...pat);
      }
      for (const [sym, c] of src.edges[node]!) {
        path.push(sym);
        visit(c);
        path.pop();
      }
      if (src.any[node]! >= 0) {
        path.push(ANY);
        visit(src.any[node]!);
        path.pop();
      }
    };
    visit(0);
    this.setGapped(flat, segId.size);
    this.isSplit = true;
    this.dirty = true;
  }

  /** Index the gapped patterns (TrieData.gapped) for matching. */
  private setGapped(flat: number[], segments: number): void {
    this.gappedFlat = flat;
    this.segmentCount = segments;
    const atom: number[] = [];
    const len: number[] = [];
    const lastEnd: number[] = [];
    const otherStart = [0];
    const other: number[] = [];
    const anchorOf: number[] = [];
    for (let k = 0; k < flat.length; ) {
      const nSeg = flat[k + 2]!;
      atom.push(flat[k]!);
      len.push(flat[k + 1]!);
      for (let i = 0; i < nSeg - 1; i++) other.push(flat[k + 3 + 2 * i]!, flat[k + 4 + 2 * i]!);
      otherStart.push(other.length);
      anchorOf.push(flat[k + 3 + 2 * (nSeg - 1)]!);
      lastEnd.push(flat[k + 4 + 2 * (nSeg - 1)]!);
      k += 3 + 2 * nSeg;
    }
    this.patAtom = Int32Array.from(atom);
    this.patLen = Int32Array.from(len);
    this.patLastEnd = Int32Array.from(lastEnd);
    this.otherStart = Int32Array.from(otherStart);
    this.otherSeg = Int32Array.from(other);
    const start = new Int32Array(segments + 1);
    for (const g of anchorOf) start[g + 1]!++;
    for (let g = 0; g < segments; g++) start[g + 1]! += start[g]!;
    const fill = start.slice(0, segments);
    const list = new Int32Array(anchorOf.length);
    anchorOf.forEach((g, p) => (list[fill[g]!++] = p));
    this.anchorStart = start;
    this.anchored = list;
  }

  private resetLazy(): void {
    this.wordClass.clear();
    this.classById.fill(-1);
    this.classKey.clear();
    this.classSyms = [[]];
    this.resetStates();
  }

  private resetStates(): void {
    this.states = [];
    this.stateKey.clear();
    this.outStart = new Int32Array(1024);
    this.outAtom = new Int32Array(4096);
    this.outLen = new Int32Array(4096);
    this.outUsed = 0;
    this.segStart = new Int32Array(1024);
    this.segList = new Int32Array(1024);
    this.ancStart = new Int32Array(1024);
    this.ancList = new Int32Array(1024);
    this.segUsed = 0;
    this.ancUsed = 0;
    this.trans = new Int32Array(4 << 14);
    for (let k = 0; k < this.trans.length; k += 4) this.trans[k] = -1;
    this.tUsed = 0;
    this.stateFor([]); // state 0: nothing active but the root
  }

  /** The class of a word: the sorted set of symbols it matches (0: none). */
  private classOf(w: string): number {
    let c = this.wordClass.get(w);
    if (c !== undefined) return c;
    const syms: number[] = [];
    const e = this.exactSym.get(w);
    if (e !== undefined) syms.push(e);
    if (w.length >= KEY && this.prefixByKey.size) {
      const bucket = this.prefixByKey.get(w.slice(0, KEY));
      if (bucket) for (const [p, s] of bucket) if (w.startsWith(p)) syms.push(s);
    }
    if (syms.length === 0) c = 0;
    else {
      syms.sort((a, b) => a - b);
      const key = syms.join(',');
      c = this.classKey.get(key);
      if (c === undefined) {
        c = this.classSyms.length;
        this.classSyms.push(syms);
        this.classKey.set(key, c);
      }
    }
    if (this.wordClass.size < MAX_WORDS) this.wordClass.set(w, c);
    return c;
  }

  private stateFor(nodes: number[]): number {
    const key = nodes.join(',');
    let id = this.stateKey.get(key);
    if (id !== undefined) return id;
    const seen = new Set<number>();
    const outAtom: number[] = [];
    const outLen: number[] = [];
    const segs: number[] = [];
    for (const n of nodes) {
      const len = this.depth[n]!;
      for (const a of this.atoms[n]!) {
        if (a < 0) {
          segs.push(-1 - a);
          continue;
        }
        // The same atom can end here with the same length through two alternatives: keep one.
        const k = a * 4096 + len;
        if (seen.has(k)) continue;
        seen.add(k);
        outAtom.push(a);
        outLen.push(len);
      }
    }
    id = this.states.length;
    this.states.push(nodes);
    if (id + 2 > this.outStart.length) {
      const grown = new Int32Array(this.outStart.length * 2);
      grown.set(this.outStart);
      this.outStart = grown;
    }
    if (this.outUsed + outAtom.length > this.outAtom.length) {
      const size = Math.max(this.outAtom.length * 2, this.outUsed + outAtom.length);
      const ga = new Int32Array(size);
      ga.set(this.outAtom);
      const gl = new Int32Array(size);
      gl.set(this.outLen);
      this.outAtom = ga;
      this.outLen = gl;
    }
    this.outAtom.set(outAtom, this.outUsed);
    this.outLen.set(outLen, this.outUsed);
    this.outUsed += outAtom.length;
    this.outStart[id] = this.outUsed - outAtom.length;
    this.outStart[id + 1] = this.outUsed;
    // Segments ending in this state (sorted, for the membership test), and those anchoring patterns.
    segs.sort((a, b) => a - b);
    const anc = segs.filter((g) => this.anchorStart[g + 1]! > this.anchorStart[g]!);
    const grow = (x: Int32Array, need: number): Int32Array => {
      if (need <= x.length) return x;
      const y = new Int32Array(Math.max(2 * x.length, need));
      y.set(x);
      return y;
    };
    this.segStart = grow(this.segStart, id + 2);
    this.ancStart = grow(this.ancStart, id + 2);
    this.segList = grow(this.segList, this.segUsed + segs.length);
    this.ancList = grow(this.ancList, this.ancUsed + anc.length);
    this.segList.set(segs, this.segUsed);
    this.segStart[id] = this.segUsed;
    this.segUsed += segs.length;
    this.segStart[id + 1] = this.segUsed;
    this.ancList.set(anc, this.ancUsed);
    this.ancStart[id] = this.ancUsed;
    this.ancUsed += anc.length;
    this.ancStart[id + 1] = this.ancUsed;
    this.stateKey.set(key, id);
    return id;
  }

  private step(from: number, cls: number): number {
    const syms = this.classSyms[cls]!;
    const next = new Set<number>();
    const visit = (node: number) => {
      const edges = this.edgesOf(node);
      if (edges.size) {
        for (const s of syms) {
          const c = edges.get(s);
          if (c !== undefined) next.add(c);
        }
      }
      const a = this.any[node]!;
      if (a >= 0) next.add(a);
    };
    visit(0);
    for (const n of this.states[from]!) visit(n);
    const to = this.stateFor([...next].sort((a, b) => a - b));
    this.setTransition(from, cls, to);
    return to;
  }

  private static slot(s: number, c: number, mask: number): number {
    const h = Math.imul(s ^ Math.imul(c + 1, 0x85ebca77), 0x9e3779b1);
    return (h ^ (h >>> 15)) & mask;
  }

  private setTransition(s: number, c: number, to: number): void {
    if ((this.tUsed + 1) * 8 > this.trans.length) {
      const old = this.trans;
      this.trans = new Int32Array(old.length * 2);
      for (let k = 0; k < this.trans.length; k += 4) this.trans[k] = -1;
      this.tUsed = 0;
      for (let k = 0; k < old.length; k += 4) if (old[k]! >= 0) this.setTransition(old[k]!, old[k + 1]!, old[k + 2]!);
    }
    const mask = (this.trans.length >> 2) - 1;
    let k = PhraseTrie.slot(s, c, mask);
    while (this.trans[k << 2]! >= 0) k = (k + 1) & mask;
    this.trans[k << 2] = s;
    this.trans[(k << 2) + 1] = c;
    this.trans[(k << 2) + 2] = to;
    this.tUsed++;
  }

  private pending = new Int32Array(48);
  private pendingN = 0;

  private growScratch(count: number, need: number): void {
    const cap = Math.max(this.scratchAtom.length * 2, need);
    const grow = (x: Int32Array) => {
      const y = new Int32Array(cap);
      y.set(x.subarray(0, count));
      return y;
    };
    this.scratchAtom = grow(this.scratchAtom);
    this.scratchEnd = grow(this.scratchEnd);
    this.scratchLen = grow(this.scratchLen);
  }

  /** Hit (atom, end, length) appended unless the same hit already ended at this token. */
  private emitOnce(count: number, a: number, e: number, l: number): number {
    const { scratchAtom: atom, scratchEnd: end, scratchLen: len } = this;
    for (let k = count - 1; k >= 0 && end[k] === e; k--) if (atom[k] === a && len[k] === l) return count;
    if (count + 1 > atom.length) this.growScratch(count, count + 1);
    this.scratchAtom[count] = a;
    this.scratchEnd[count] = e;
    this.scratchLen[count] = l;
    return count + 1;
  }

  /** Whether segment g ends in DFA state st. */
  private hasSeg(st: number, g: number): boolean {
    const { segStart, segList } = this;
    for (let k = segStart[st]!; k < segStart[st + 1]!; k++) if (segList[k] === g) return true;
    return false;
  }

  /**
   * At token j (state `to`): the gapped patterns whose last segment ends here and whose earlier
   * segments end at their offsets (hits ending later wait in `pending`), then the pending hits that
   * end here. Returns the new hit count.
   */
  private gapped(j: number, to: number, n: number, stateAt: Int32Array, count: number): number {
    const e = j + 1;
    const { ancStart, ancList, anchorStart, anchored, patLastEnd, patLen, patAtom, otherStart, otherSeg } = this;
    for (let q = ancStart[to]!; q < ancStart[to + 1]!; q++) {
      const g = ancList[q]!;
      for (let r = anchorStart[g]!; r < anchorStart[g + 1]!; r++) {
        const p = anchored[r]!;
        const s0 = e - patLastEnd[p]!;
        const hitEnd = s0 + patLen[p]!;
        if (s0 < 0 || hitEnd > n) continue;
        let ok = true;
        for (let k = otherStart[p]!; k < otherStart[p + 1]! && ok; k += 2) ok = this.hasSeg(stateAt[s0 + otherSeg[k + 1]! - 1]!, otherSeg[k]!);
        if (!ok) continue;
        if (hitEnd === e) count = this.emitOnce(count, patAtom[p]!, e, patLen[p]!);
        else {
          if (this.pendingN * 3 + 3 > this.pending.length) {
            const y = new Int32Array(this.pending.length * 2);
            y.set(this.pending);
            this.pending = y;
          }
          const at = this.pendingN++ * 3;
          this.pending[at] = patAtom[p]!;
          this.pending[at + 1] = patLen[p]!;
          this.pending[at + 2] = hitEnd;
        }
      }
    }
    const pend = this.pending;
    for (let k = 0; k < this.pendingN; ) {
      if (pend[k * 3 + 2] !== e) {
        k++;
        continue;
      }
      count = this.emitOnce(count, pend[k * 3]!, e, pend[k * 3 + 1]!);
      const last = --this.pendingN * 3;
      pend[k * 3] = pend[last]!;
      pend[k * 3 + 1] = pend[last + 1]!;
      pend[k * 3 + 2] = pend[last + 2]!;
    }
    return count;
  }

  /**
   * Every hit, sorted by start token (then end, then atom); start and end are token indexes, end
   * exclusive. `extra` hits (defined-term aliases, durations: [atom, start, end, ...]) are sorted in.
   */
  match(tokens: Tokens, extra: ArrayLike<number> = []): Hits {
    if (this.dirty) {
      this.resetLazy();
      this.dirty = false;
    } else if (this.states.length > MAX_STATES) this.resetStates();
    const ids = tokens.ids;
    const n = ids.length;
    if (tokens.epoch !== this.idEpoch) {
      this.classById.fill(-1);
      this.idEpoch = tokens.epoch;
    }
    let classById = this.classById;
    // Scratch arrays are kept between documents (they only grow).
    let cap = this.scratchAtom.length;
    if (cap < n + 1024) {
      cap = 2 * n + 1024;
      this.scratchAtom = new Int32Array(cap);
      this.scratchEnd = new Int32Array(cap);
      this.scratchLen = new Int32Array(cap);
    }
    if (this.scratchState.length < n) this.scratchState = new Int32Array(cap);
    const stateAt = this.scratchState;
    this.pendingN = 0;
    let atom = this.scratchAtom;
    let end = this.scratchEnd;
    let len = this.scratchLen;
    let count = 0;
    let s = 0;
    let { trans, outStart, outAtom, outLen, ancStart } = this;
    for (let j = 0; j < n; j++) {
      const id = ids[j]!;
      let cls = id < classById.length ? classById[id]! : -1;
      if (cls < 0) {
        cls = this.classOf(wordOfId(id));
        if (id >= classById.length) {
          const grown = new Int32Array(Math.max(1024, 2 * id + 2)).fill(-1);
          grown.set(classById);
          this.classById = classById = grown;
        }
        classById[id] = cls;
      }
      let to = -1;
      const mask = (trans.length >> 2) - 1;
      for (let k = PhraseTrie.slot(s, cls, mask); ; k = (k + 1) & mask) {
        const q = k << 2;
        const ks = trans[q]!;
        if (ks < 0) break;
        if (ks === s && trans[q + 1] === cls) {
          to = trans[q + 2]!;
          break;
        }
      }
      if (to < 0) {
        to = this.step(s, cls);
        ({ trans, outStart, outAtom, outLen, ancStart } = this);
      }
      s = to;
      stateAt[j] = to;
      const o0 = outStart[to]!;
      const o1 = outStart[to + 1]!;
      if (o0 !== o1) {
        if (count + (o1 - o0) > cap) {
          this.growScratch(count, count + (o1 - o0));
          ({ scratchAtom: atom, scratchEnd: end, scratchLen: len } = this);
          cap = atom.length;
        }
        for (let k = o0; k < o1; k++) {
          atom[count] = outAtom[k]!;
          end[count] = j + 1;
          len[count] = outLen[k]!;
          count++;
        }
      }
      if (ancStart[to] !== ancStart[to + 1] || this.pendingN > 0) {
        count = this.gapped(j, to, n, stateAt, count);
        ({ scratchAtom: atom, scratchEnd: end, scratchLen: len } = this);
        cap = atom.length;
      }
    }
    const total = count + extra.length / 3;
    // Counting sort by start token (stable: within a start, hits came in end order).
    if (this.scratchBucket.length < n + 2) this.scratchBucket = new Int32Array(2 * n + 2);
    const bucket = this.scratchBucket.subarray(0, n + 2);
    bucket.fill(0);
    for (let k = 0; k < count; k++) bucket[end[k]! - len[k]! + 1]!++;
    for (let k = 0; k < extra.length; k += 3) bucket[Math.min(extra[k + 1]!, n) + 1]!++;
    for (let t = 0; t <= n; t++) bucket[t + 1]! += bucket[t]!;
    const out: Hits = { atom: new Int32Array(total), start: new Int32Array(total), end: new Int32Array(total) };
    const extraFirst = (k: number) => {
      const st = Math.min(extra[k + 1]!, n);
      const at = bucket[st]!++;
      out.atom[at] = extra[k]!;
      out.start[at] = extra[k + 1]!;
      out.end[at] = extra[k + 2]!;
    };
    // Extra hits go before automaton hits of the same start (their relative order is immaterial).
    for (let k = 0; k < extra.length; k += 3) extraFirst(k);
    for (let k = 0; k < count; k++) {
      const st = end[k]! - len[k]!;
      const at = bucket[st]!++;
      out.atom[at] = atom[k]!;
      out.start[at] = st;
      out.end[at] = end[k]!;
    }
    return out;
  }
}
