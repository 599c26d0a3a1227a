import { describe, expect, it } from 'vitest';
import { type PhrasePattern, parsePhrase } from '../../src/rules/phrase.js';
import { tokenizeText } from '../../src/engine/tokens.js';
import { type Hits, PhraseTrie } from '../../src/engine/trie.js';

// Phrases over a small vocabulary, so that random texts hit them often: exact words, prefixes,
// alternations, optional words, and one-word wildcards at the start, in the middle and at the end.
const PHRASES = [
  'alpha beta',
  'alpha * gamma',
  'alpha * * gamma',
  '* beta',
  'beta *',
  'gam* delta',
  'alpha|beta * delta|gamma',
  'delta? alpha * beta',
  'beta * gamma * delta',
  'alpha beta gamma',
  'alpha * gamma',
  'epsilon',
  'delta * * * * alpha',
];
const VOCAB = ['alpha', 'beta', 'gamma', 'gammas', 'delta', 'epsilon', 'zeta'];

/** The hits of one alternative found by trying it at every token: the reference. */
function naive(patterns: Array<[PhrasePattern, number]>, words: string[]): string[] {
  const out = new Set<string>();
  for (const [pat, atom] of patterns) {
    for (let s = 0; s + pat.length <= words.length; s++) {
      const ok = pat.every((wp, i) => {
        const w = words[s + i]!;
        return wp.kind === 'any' || (wp.kind === 'prefix' ? w.startsWith(wp.prefix) : wp.words.includes(w));
      });
      if (ok) out.add(`${s},${s + pat.length},${atom}`);
    }
  }
  return [...out].sort();
}

function hitsOf(h: Hits): string[] {
  const out: string[] = [];
  for (let k = 0; k < h.atom.length; k++) out.push(`${h.start[k]},${h.end[k]},${h.atom[k]}`);
  return out;
}

/** Hits are ordered by start, then end, with no hit twice. */
function ordered(h: Hits): boolean {
  for (let k = 1; k < h.atom.length; k++) {
    if (h.start[k]! < h.start[k - 1]! || (h.start[k] === h.start[k - 1] && h.end[k]! < h.end[k - 1]!)) return false;
  }
  return new Set(hitsOf(h)).size === h.atom.length;
}

describe('phrase automaton', () => {
  const patterns: Array<[PhrasePattern, number]> = [];
  const trie = new PhraseTrie();
  // Atom ids: one per phrase, except that phrases 0 and 9 share one (two phrases of one atom).
  PHRASES.forEach((p, i) => {
    const atom = i === 9 ? 0 : i;
    for (const alt of parsePhrase(p)) {
      trie.add(alt, atom);
      patterns.push([alt, atom]);
    }
  });
  // A trie whose transition table takes only states 0-2 and classes 0-2: the others go to its Map.
  const narrow = new PhraseTrie({ state: 3, cls: 3 });
  PHRASES.forEach((p, i) => {
    for (const alt of parsePhrase(p)) narrow.add(alt, i === 9 ? 0 : i);
  });
  // The artifact stores the data as typed arrays; a structured clone copies them as such.
  const revived = PhraseTrie.fromData(structuredClone(trie.toData()));

  it('finds every hit of every phrase, once, in order (also after a round trip through its data)', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let total = 0;
    for (let doc = 0; doc < 300; doc++) {
      const words = Array.from({ length: Math.floor(rand() * 40) }, () => VOCAB[Math.floor(rand() * VOCAB.length)]!);
      const tokens = tokenizeText(words.join(' '));
      const want = naive(patterns, words);
      for (const t of [trie, revived, narrow]) {
        const h = t.match(tokens);
        expect(ordered(h)).toBe(true);
        expect(hitsOf(h).sort()).toEqual(want);
      }
      total += want.length;
    }
    expect(total).toBeGreaterThan(3000);
  });

  it('keeps a wildcard hit inside the text (no hit starts before the first token or ends after the last)', () => {
    expect(hitsOf(trie.match(tokenizeText('beta')))).toEqual([]);
    expect(hitsOf(trie.match(tokenizeText('zeta beta zeta'))).sort()).toEqual(['0,2,3', '1,3,4']);
  });

  it('finds the same hits with many symbols and no wildcard (states that nothing continues go where state 0 goes)', () => {
    // 80 words, so that symbols share their bit (symbol % 31); two- to four-word phrases and prefixes.
    const vocab = Array.from({ length: 80 }, (_, i) => `w${i}x`);
    let seed = 11;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = () => vocab[Math.floor(rand() * vocab.length)]!;
    const pats: Array<[PhrasePattern, number]> = [];
    const big = new PhraseTrie();
    for (let atom = 0; atom < 120; atom++) {
      const words = Array.from({ length: 2 + Math.floor(rand() * 3) }, (_, i) => (i > 0 && rand() < 0.1 ? `${pick().slice(0, 3)}*` : pick()));
      for (const alt of parsePhrase(words.join(' '))) {
        big.add(alt, atom);
        pats.push([alt, atom]);
      }
    }
    let total = 0;
    for (let doc = 0; doc < 200; doc++) {
      // Texts drawn from a few words, so that phrases continue often.
      const few = Array.from({ length: 6 }, pick);
      const words = Array.from({ length: Math.floor(rand() * 300) }, () => (rand() < 0.5 ? few[Math.floor(rand() * few.length)]! : pick()));
      const want = naive(pats, words);
      const h = big.match(tokenizeText(words.join(' ')));
      expect(ordered(h)).toBe(true);
      expect(hitsOf(h).sort()).toEqual(want);
      total += want.length;
    }
    expect(total).toBeGreaterThan(200);
  });
});
