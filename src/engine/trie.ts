// All phrase atoms of all rules in one word trie: one pass over the tokens finds every hit,
// so adding rules does not multiply the cost per clause.
import type { PhrasePattern } from '../rules/phrase.js';
import type { Tokens } from './tokens.js';

/** Prefix edges are indexed by their first three letters (prefixes have at least three). */
const KEY = 3;

class TrieNode {
  exact = new Map<string, TrieNode>();
  prefixes = new Map<string, Array<[string, TrieNode]>>();
  any: TrieNode | undefined;
  atoms: number[] = [];
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

  /** hits[atom] = flat [start, end, start, end, ...] token ranges, sorted by start. */
  match(tokens: Tokens, atomCount: number): number[][] {
    const hits: number[][] = Array.from({ length: atomCount }, () => []);
    const words = tokens.words;
    const n = words.length;
    // Depth-first from each token: no per-token arrays, so no garbage on the hot path.
    const walk = (node: TrieNode, start: number, j: number): void => {
      if (j >= n) return;
      const w = words[j]!;
      const e = node.exact.get(w);
      if (e) visit(e, start, j);
      if (node.prefixes.size && w.length >= KEY) {
        const bucket = node.prefixes.get(w.slice(0, KEY));
        if (bucket) for (const [p, child] of bucket) if (w.startsWith(p)) visit(child, start, j);
      }
      if (node.any) visit(node.any, start, j);
    };
    const visit = (node: TrieNode, start: number, j: number): void => {
      for (const a of node.atoms) {
        const h = hits[a]!;
        // The same atom can end at the same place through two alternatives; keep one.
        if (h.length >= 2 && h[h.length - 2] === start && h[h.length - 1] === j + 1) continue;
        h.push(start, j + 1);
      }
      walk(node, start, j + 1);
    };
    for (let i = 0; i < n; i++) walk(this.root, i, i);
    return hits;
  }
}
