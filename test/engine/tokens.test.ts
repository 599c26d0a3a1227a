import { describe, expect, it } from 'vitest';
import { idOfWord, tokenizeText } from '../../src/engine/tokens.js';

describe('tokenizeText', () => {
  const texts = [
    'The Customer DATA, the customer data; 30 days (thirty) — Kunde’s Daten über Grenzen.',
    // 'İ' lower-cases to two units: the words are then read from the original text.
    'İstanbul office: CUSTOMER data and Customer Data.',
    'emoji 😀 and 𝐁𝐨𝐥𝐝 letters, ſtate and \u212Aelvin.',
  ];
  it('finds the words of /[\\p{L}\\p{N}]+/u, lower-cased, with their offsets', () => {
    for (const text of texts) {
      const t = tokenizeText(text);
      const ref = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
      expect(t.words).toEqual(ref.map((m) => m[0].toLowerCase()));
      expect([...t.starts]).toEqual(ref.map((m) => m.index));
      expect([...t.ends]).toEqual(ref.map((m) => m.index + m[0].length));
    }
  });

  it("reads the contracted verbs 're and 'll as 'are' and 'will', keeping their offsets", () => {
    const text = "You're sure we’ll pay; RE: the 're' file, O'Reilly's wall";
    const t = tokenizeText(text);
    expect(t.words).toEqual(['you', 'are', 'sure', 'we', 'will', 'pay', 're', 'the', 're', 'file', 'o', 'reilly', 's', 'wall']);
    expect(text.slice(t.starts[1]!, t.ends[1]!)).toBe('re');
    expect(text.slice(t.starts[4]!, t.ends[4]!)).toBe('ll');
  });

  it('gives the same id to the same word, within and across documents, and different ids to different words', () => {
    const all = texts.map(tokenizeText);
    const idOf = new Map<string, number>();
    for (const t of all) {
      expect(t.epoch).toBe(all[0]!.epoch);
      t.words.forEach((w, i) => {
        const id = t.ids[i]!;
        if (!idOf.has(w)) idOf.set(w, id);
        expect(id, w).toBe(idOf.get(w));
      });
    }
    expect(new Set(idOf.values()).size).toBe(idOf.size);
  });

  it('looks a word up by its id without adding it, and only in the epoch it was asked for', () => {
    const t = tokenizeText('Customer data stays with the customer.');
    expect(idOfWord('customer', t.epoch)).toBe(t.ids[0]);
    expect(idOfWord('data', t.epoch)).toBe(t.ids[1]);
    expect(idOfWord('zqxwvy-never-seen', t.epoch)).toBe(-1);
    expect(idOfWord('zqxwvy-never-seen', t.epoch)).toBe(-1);
    expect(idOfWord('customer', t.epoch - 1)).toBe(-2);
  });
});
