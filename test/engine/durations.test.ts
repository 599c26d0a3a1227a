import { describe, expect, it } from 'vitest';
import { findDurations } from '../../src/engine/durations.js';
import { tokenizeText } from '../../src/engine/tokens.js';

/** A small deterministic generator (the same texts on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  'thirty', '(30)', '30', '12.5', '1,5', 'one hundred and eighty', 'three hundred sixty-five', 'twenty-one', 'a', 'an',
  'business', 'calendar', 'additional', 'days', 'day', 'hours', 'hrs', 'weeks', 'Months', 'YEAR', '30days', '90-day',
  'Monday', 'today', 'holidays', 'hourly', 'within', 'the', 'Provider', 'shall', 'notify', 'é', 'éten', 'days_',
  'daysé', '(', ')', '-', ',', '.', '\n\n', '      ', '\u00a0', '\u2003', 'İ', 'Σ', '“', '”', '30\u00a0days', 'ſ',
];

describe('findDurations with the text tokens', () => {
  it('finds exactly the durations of a scan over the whole text', () => {
    const next = rng(7);
    let total = 0;
    for (let n = 0; n < 400; n++) {
      const parts: string[] = [];
      const len = 5 + Math.floor(next() * 120);
      for (let k = 0; k < len; k++) {
        parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
        const r = next();
        parts.push(r < 0.6 ? ' ' : r < 0.7 ? '' : r < 0.8 ? '   \n ' : r < 0.9 ? '-' : '. ');
      }
      const text = parts.join('');
      const plain = findDurations(text);
      total += plain.length;
      expect(findDurations(text, tokenizeText(text))).toEqual(plain);
    }
    expect(total).toBeGreaterThan(400);
  });

  it('reads a number far from the previous unit word', () => {
    const filler = 'the parties agree that '.repeat(40);
    const text = `${filler}within thirty (30) business days ${filler}and 72 hours ${filler}; 24 hours a day`;
    const found = findDurations(text, tokenizeText(text)).map((d) => [d.text, d.hours]);
    expect(found).toEqual(findDurations(text).map((d) => [d.text, d.hours]));
    expect(found.map((d) => d[0])).toEqual(['thirty (30) business days', '72 hours', '24 hours']);
  });
});
