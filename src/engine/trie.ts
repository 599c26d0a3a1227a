// All phrase atoms of all rules in one automaton over words: one pass over the tokens finds every
// hit, so adding rules does not multiply the cost per clause. One job (the automaton); its length is
// the automaton's construction and its hot matching loop, kept together for speed.
//
// The phrases form a word trie (exact words, prefixes `word*`, one-word wildcards `*`). Every
// alternative of a phrase has a fixed length in words, so a hit is known by its end token and its
// length. The trie is run as a lazily built DFA: a state is the set of trie nodes active after a
// token (the root is active at every token), and a transition is taken per token on the word's
// class — the set of trie symbols (exact words, prefixes) the word matches; words that match none
// share class 0. States, transitions and word classes are built on first use and kept for later
// documents (bounded), so steady-state matching is one map look-up and a few integer writes a token.
import type { PhrasePattern } from '../rules/phrase.js';
import { type Tokens, wordOfId } from './tokens.js';
import { ensureLength } from './typed.js';

/** Prefix symbols are indexed by their first three letters (prefixes have at least three). */
const KEY = 3;
/** Bounds on the lazily built parts: past them the caches are cleared and rebuilt on demand. */
const MAX_WORDS = 500_000;
const MAX_STATES = 100_000;
/** Bit 31 of a state's and every class's symbol bits: the state has a `*` node (see stateBits). */
const ANY_BIT = 1 << 31;
/** Transition keys pack state and class into 31 bits: states below 2^16, classes below 2^15. */
const SPANS = { state: 1 << 16, cls: 1 << 15 };


/** Hits as parallel typed arrays, sorted by start token, then end, then atom. */
export interface Hits {
  atom: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * The trie as flat typed arrays (the build-time artifact stores them as binary, read without
 * parsing): node n's [symbol, child] pairs are edgeData[edgeStart[n]..edgeStart[n+1]), its atoms
 * atomData[atomStart[n]..atomStart[n+1]).
 */
export interface TrieData {
  edgeStart: Int32Array;
  edgeData: Int32Array;
  any: Int32Array;
  atomStart: Int32Array;
  atomData: Int32Array;
  depth: Int32Array;
  /** Exact word -> symbol (a Map is taken as it is by fromData). */
  exact: Array<[string, number]> | Map<string, number>;
  prefix: Array<[string, number]>;
  symbolCount: number;
}

export class PhraseTrie {
  /** `spans` (tests only): smaller key spans, so that the Map path for states and classes past them runs. */
  constructor(private readonly spans = SPANS) {}

  // Trie nodes (node 0 is the root). A trie revived from the artifact keeps its typed arrays
  // (`data`): a node's edges become a Map when the automaton first steps through the node, and its
  // atoms are read in place; add() turns them back into arrays first.
  private edges: Array<Map<number, number> | undefined> = [new Map()];
  private data: TrieData | undefined;
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
   * Transitions (state, class) -> state in one open-addressing table of 2-int slots [key, next],
   * key = state * spans.cls + class (-1: empty), kept small so that it stays in cache; states and
   * classes past the spans (only with a vast vocabulary) go to a Map.
   */
  private trans = new Int32Array(0);
  private bigTrans = new Map<number, number>();
  private tUsed = 0;
  /**
   * The shortcut past the table: a token whose class shares no symbol with what the current state
   * can extend (and a state with no `*` node) leads where it leads from state 0, rootNext[class].
   * Symbols are summarised as bits (symbol % 31; bit 31: a `*` node, set in every class's bits), so
   * a shared bit only sends the token to the table, never to a wrong state.
   */
  private stateBits = new Int32Array(0);
  private classBits = new Int32Array(0);
  private rootNext = new Int32Array(0);
  private scratchAtom = new Int32Array(0);
  private scratchEnd = new Int32Array(0);
  private scratchLen = new Int32Array(0);
  private scratchBucket = new Int32Array(0);
  /** Phrases were added since the lazy parts were built. */
  private dirty = true;

  /** The trie as typed arrays (for the build-time artifact); lazily built parts are not included. */
  toData(): TrieData {
    if (this.data) return { ...this.data, exact: [...this.exactSym] };
    const n = this.edges.length;
    const edgeStart = new Int32Array(n + 1);
    const atomStart = new Int32Array(n + 1);
    const edgeData: number[] = [];
    const atomData: number[] = [];
    for (let node = 0; node < n; node++) {
      // By symbol: the automaton finds a node's child by binary search (childOf).
      for (const [sym, child] of [...this.edgesOf(node)].sort((a, b) => a[0] - b[0])) edgeData.push(sym, child);
      edgeStart[node + 1] = edgeData.length;
      atomData.push(...this.atoms[node]!);
      atomStart[node + 1] = atomData.length;
    }
    return {
      edgeStart,
      edgeData: Int32Array.from(edgeData),
      any: Int32Array.from(this.any),
      atomStart,
      atomData: Int32Array.from(atomData),
      depth: Int32Array.from(this.depth),
      exact: [...this.exactSym],
      prefix: [...this.prefixSym],
      symbolCount: this.symbolCount,
    };
  }

  static fromData(d: TrieData): PhraseTrie {
    const t = new PhraseTrie();
    t.data = d;
    t.edges = new Array<Map<number, number> | undefined>(d.depth.length).fill(undefined);
    t.exactSym = d.exact instanceof Map ? d.exact : new Map(d.exact);
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

  /** The typed arrays of a revived trie as the growable arrays add() extends. */
  private thaw(): void {
    const d = this.data;
    if (!d) return;
    const n = d.depth.length;
    for (let node = 0; node < n; node++) this.edgesOf(node);
    this.data = undefined;
    this.any = Array.from(d.any);
    this.depth = Array.from(d.depth);
    this.atoms = Array.from({ length: n }, (_, node) => Array.from(d.atomData.subarray(d.atomStart[node]!, d.atomStart[node + 1]!)));
  }

  /**
   * The trie of a compiled rule set as typed arrays (what a revived one holds), for the automaton:
   * it reads nodes in place (childOf, nodeBits) rather than through a Map per node.
   */
  private freeze(): void {
    if (!this.data) this.data = { ...this.toData(), exact: this.exactSym };
  }

  /** The child of `node` on symbol `sym` (-1: none), by binary search in its edges (sorted by symbol). */
  private childOf(d: TrieData, node: number, sym: number): number {
    const e = d.edgeData;
    let lo = d.edgeStart[node]! >> 1;
    let hi = d.edgeStart[node + 1]! >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = e[mid << 1]!;
      if (s === sym) return e[(mid << 1) + 1]!;
      if (s < sym) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  private edgesOf(node: number): Map<number, number> {
    let m = this.edges[node];
    if (!m) {
      m = new Map();
      const d = this.data!;
      for (let k = d.edgeStart[node]!; k < d.edgeStart[node + 1]!; k += 2) m.set(d.edgeData[k]!, d.edgeData[k + 1]!);
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
    this.thaw();
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

  private resetLazy(): void {
    this.wordClass.clear();
    this.classById.fill(-1);
    this.classKey.clear();
    this.classSyms = [[]];
    this.classBits = new Int32Array(1024);
    this.classBits[0] = ANY_BIT;
    this.resetStates();
  }

  private resetStates(): void {
    this.states = [];
    this.stateKey.clear();
    this.outStart = new Int32Array(1024);
    this.outAtom = new Int32Array(4096);
    this.outLen = new Int32Array(4096);
    this.outUsed = 0;
    this.trans = new Int32Array(2 << 14).fill(-1);
    this.bigTrans.clear();
    this.tUsed = 0;
    this.stateBits = new Int32Array(1024);
    this.rootNext = new Int32Array(this.classBits.length).fill(-1);
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
        let bits = ANY_BIT;
        for (const sym of syms) bits |= 1 << (sym % 31);
        this.classBits = ensureLength(this.classBits, c + 1);
        this.classBits[c] = bits;
        if (this.rootNext.length < this.classBits.length) {
          const grown = new Int32Array(this.classBits.length).fill(-1);
          grown.set(this.rootNext);
          this.rootNext = grown;
        }
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
    const d = this.data!;
    const { atomData, atomStart, edgeData, edgeStart } = d;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      const len = d.depth[n]!;
      for (let j = atomStart[n]!; j < atomStart[n + 1]!; j++) {
        const a = atomData[j]!;
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
    let bits = 0;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (d.any[n]! >= 0) bits |= ANY_BIT;
      for (let j = edgeStart[n]!; j < edgeStart[n + 1]!; j += 2) bits |= 1 << (edgeData[j]! % 31);
    }
    this.stateBits = ensureLength(this.stateBits, id + 1);
    this.stateBits[id] = bits;
    this.outStart = ensureLength(this.outStart, id + 2);
    this.outAtom = ensureLength(this.outAtom, this.outUsed + outAtom.length);
    this.outLen = ensureLength(this.outLen, this.outAtom.length);
    this.outAtom.set(outAtom, this.outUsed);
    this.outLen.set(outLen, this.outUsed);
    this.outUsed += outAtom.length;
    this.outStart[id] = this.outUsed - outAtom.length;
    this.outStart[id + 1] = this.outUsed;
    this.stateKey.set(key, id);
    return id;
  }

  private step(from: number, cls: number): number {
    const syms = this.classSyms[cls]!;
    const d = this.data!;
    const next: number[] = [];
    const nodes = this.states[from]!;
    // The root (active at every token), then the state's nodes.
    for (let i = -1; i < nodes.length; i++) {
      const node = i < 0 ? 0 : nodes[i]!;
      if (d.edgeStart[node + 1]! > d.edgeStart[node]!) {
        for (let j = 0; j < syms.length; j++) {
          const c = this.childOf(d, node, syms[j]!);
          if (c >= 0) next.push(c);
        }
      }
      const a = d.any[node]!;
      if (a >= 0) next.push(a);
    }
    // Insertion sort: a handful of nodes, and Array.prototype.sort allocates a copy.
    for (let i = 1; i < next.length; i++) {
      const x = next[i]!;
      let j = i - 1;
      while (j >= 0 && next[j]! > x) {
        next[j + 1] = next[j]!;
        j--;
      }
      next[j + 1] = x;
    }
    // A trie node has one parent: children of distinct nodes differ, so this only guards the invariant.
    let n = 0;
    for (let i = 0; i < next.length; i++) if (i === 0 || next[i] !== next[i - 1]) next[n++] = next[i]!;
    next.length = n;
    const to = this.stateFor(next);
    this.setTransition(from, cls, to);
    return to;
  }

  /** The table slot of a transition key (state * spans.cls + class). */
  private static slot(key: number, mask: number): number {
    const h = Math.imul(key, 0x9e3779b1);
    return (h ^ (h >>> 16)) & mask;
  }

  private setTransition(s: number, c: number, to: number): void {
    if (s >= this.spans.state || c >= this.spans.cls) {
      this.bigTrans.set(s * 2 ** 21 + c, to);
      return;
    }
    // Grown past four entries in five: linear probes stay within a cache line or two.
    if ((this.tUsed + 1) * 5 > (this.trans.length >> 1) * 4) {
      const old = this.trans;
      this.trans = new Int32Array(old.length * 2).fill(-1);
      this.tUsed = 0;
      for (let k = 0; k < old.length; k += 2) if (old[k]! >= 0) this.put(old[k]!, old[k + 1]!);
    }
    this.put(s * this.spans.cls + c, to);
  }

  private put(key: number, to: number): void {
    const mask = (this.trans.length >> 1) - 1;
    let k = PhraseTrie.slot(key, mask);
    while (this.trans[k << 1]! >= 0) k = (k + 1) & mask;
    this.trans[k << 1] = key;
    this.trans[(k << 1) + 1] = to;
    this.tUsed++;
  }

  /**
   * Every hit, sorted by start token (then end, then atom); start and end are token indexes, end
   * exclusive. `extra` hits (defined-term aliases, durations: [atom, start, end, ...]) are sorted in.
   */
  match(tokens: Tokens, extra: ArrayLike<number> = []): Hits {
    if (this.dirty) {
      this.freeze();
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
    let atom = this.scratchAtom;
    let end = this.scratchEnd;
    let len = this.scratchLen;
    let count = 0;
    let s = 0;
    let { trans, outStart, outAtom, outLen, stateBits, classBits, rootNext } = this;
    const { state: stateSpan, cls: classSpan } = this.spans;
    for (let j = 0; j < n; j++) {
      const id = ids[j]!;
      let cls = id < classById.length ? classById[id]! : -1;
      if (cls < 0) {
        cls = this.classOf(wordOfId(id));
        ({ classBits, rootNext } = this);
        if (id >= classById.length) {
          const grown = new Int32Array(Math.max(1024, 2 * id + 2)).fill(-1);
          grown.set(classById);
          this.classById = classById = grown;
        }
        classById[id] = cls;
      }
      let to = -1;
      let from = s;
      if ((stateBits[s]! & classBits[cls]!) === 0) {
        // Nothing of the state continues on this word: where state 0 goes.
        to = rootNext[cls]!;
        from = 0;
      }
      if (to >= 0) {
        // found without the table
      } else if (from < stateSpan && cls < classSpan) {
        const key = from * classSpan + cls;
        const mask = (trans.length >> 1) - 1;
        for (let k = PhraseTrie.slot(key, mask); ; k = (k + 1) & mask) {
          const kk = trans[k << 1]!;
          if (kk === key) {
            to = trans[(k << 1) + 1]!;
            break;
          }
          if (kk < 0) break;
        }
      } else to = this.bigTrans.get(from * 2 ** 21 + cls) ?? -1;
      if (to < 0) {
        to = this.step(from, cls);
        ({ trans, outStart, outAtom, outLen, stateBits, classBits, rootNext } = this);
      }
      if (from === 0) rootNext[cls] = to;
      s = to;
      const o0 = outStart[to]!;
      const o1 = outStart[to + 1]!;
      if (o0 === o1) continue;
      if (count + (o1 - o0) > cap) {
        cap = Math.max(cap * 2, count + (o1 - o0));
        const grow = (x: Int32Array) => {
          const y = new Int32Array(cap);
          y.set(x.subarray(0, count));
          return y;
        };
        this.scratchAtom = atom = grow(atom);
        this.scratchEnd = end = grow(end);
        this.scratchLen = len = grow(len);
      }
      for (let k = o0; k < o1; k++) {
        atom[count] = outAtom[k]!;
        end[count] = j + 1;
        len[count] = outLen[k]!;
        count++;
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
