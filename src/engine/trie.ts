// All phrase atoms of all rules in one word trie: one pass over the tokens finds every hit,
// so adding rules does not multiply the cost per clause.
import type { PhrasePattern } from '../rules/phrase.js';
import type { Tokens } from './tokens.js';

class TrieNode {
  exact = new Map<string, TrieNode>();
  prefixes: Array<[string, TrieNode]> = [];
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
          let found = node.prefixes.find(([p]) => p === wp.prefix)?.[1];
          if (!found) {
            found = new TrieNode();
            node.prefixes.push([wp.prefix, found]);
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
    let frontier: TrieNode[] = [];
    let next: TrieNode[] = [];
    for (let i = 0; i < n; i++) {
      frontier.length = 0;
      frontier.push(this.root);
      for (let j = i; j < n && frontier.length; j++) {
        const w = words[j]!;
        next.length = 0;
        for (const node of frontier) {
          const e = node.exact.get(w);
          if (e) next.push(e);
          for (const [p, child] of node.prefixes) if (w.startsWith(p)) next.push(child);
          if (node.any) next.push(node.any);
        }
        for (const node of next) {
          for (const a of node.atoms) {
            const h = hits[a]!;
            // The same atom can end at the same place through two alternatives; keep one.
            if (h.length >= 2 && h[h.length - 2] === i && h[h.length - 1] === j + 1) continue;
            h.push(i, j + 1);
          }
        }
        const t = frontier;
        frontier = next;
        next = t;
      }
    }
    return hits;
  }
}
