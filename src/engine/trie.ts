// All phrase atoms of all rules in one word trie: one pass over the tokens finds every hit,
// so adding rules does not multiply the cost per clause.
import type { PhrasePattern } from '../rules/phrase.js';
import type { Tokens } from './tokens.js';

/** Prefix edges are indexed by their first three letters (prefixes have at least three). */
const KEY = 3;

const NONE: TrieNode[] = [];

class TrieNode {
  exact = new Map<string, TrieNode>();
  prefixes = new Map<string, Array<[string, TrieNode]>>();
  any: TrieNode | undefined;
  atoms: number[] = [];
  /** word -> the children it leads to; documents repeat words, so each is worked out once. */
  cache = new Map<string, TrieNode[]>();

  next(w: string): TrieNode[] {
    let out = this.cache.get(w);
    if (out) return out;
    out = [];
    const e = this.exact.get(w);
    if (e) out.push(e);
    if (this.prefixes.size && w.length >= KEY) {
      const bucket = this.prefixes.get(w.slice(0, KEY));
      if (bucket) for (const [p, child] of bucket) if (w.startsWith(p)) out.push(child);
    }
    if (this.any) out.push(this.any);
    if (out.length === 0) out = NONE;
    // Bounded: a pathological text with endless distinct words must not grow the cache forever.
    if (this.cache.size < 200_000) this.cache.set(w, out);
    return out;
  }
}

export class PhraseTrie {
  private root = new TrieNode();

  add(pattern: PhrasePattern, atom: number): void {
    let frontier = [this.root];
    for (const wp of pattern) {
      const next: TrieNode[] = [];
      for (const node of frontier) {
        if (wp.kind === 'any') {
          node.any ??= new TrieNode();
          next.push(node.any);
        } else if (wp.kind === 'prefix') {
          const bucket = node.prefixes.get(wp.prefix.slice(0, KEY)) ?? [];
          node.prefixes.set(wp.prefix.slice(0, KEY), bucket);
          let found = bucket.find(([p]) => p === wp.prefix)?.[1];
          if (!found) {
            found = new TrieNode();
            bucket.push([wp.prefix, found]);
          }
          next.push(found);
        } else {
          for (const w of wp.words) {
            let child = node.exact.get(w);
            if (!child) {
              child = new TrieNode();
              node.exact.set(w, child);
            }
            next.push(child);
          }
        }
      }
      frontier = [...new Set(next)];
    }
    for (const node of frontier) if (!node.atoms.includes(atom)) node.atoms.push(atom);
  }

  /**
   * Every hit in document order as [atom, start, end, atom, start, end, ...] (start and end are
   * token indexes, end exclusive). One flat array: no per-atom arrays to allocate per document.
   */
  match(tokens: Tokens, atomCount: number): number[] {
    const all: number[] = [];
    // The same atom can end at the same place through two alternatives; keep one.
    const lastStart = new Int32Array(atomCount).fill(-1);
    const lastEnd = new Int32Array(atomCount).fill(-1);
    const words = tokens.words;
    const n = words.length;
    const walk = (node: TrieNode, start: number, j: number): void => {
      if (j >= n) return;
      const next = node.next(words[j]!);
      for (let k = 0; k < next.length; k++) visit(next[k]!, start, j);
    };
    const visit = (node: TrieNode, start: number, j: number): void => {
      for (const a of node.atoms) {
        if (lastStart[a] === start && lastEnd[a] === j + 1) continue;
        lastStart[a] = start;
        lastEnd[a] = j + 1;
        all.push(a, start, j + 1);
      }
      walk(node, start, j + 1);
    };
    for (let i = 0; i < n; i++) walk(this.root, i, i);
    return all;
  }
}
