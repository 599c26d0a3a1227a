import { describe, expect, it } from 'vitest';
import { usesTerm } from '../../src/clauses/index.js';

/** The pattern usesTerm stands for. */
function byPattern(text: string, term: string): boolean {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?:s|es)?(?![\\p{L}\\p{N}])`, 'u').test(text);
}

describe('usesTerm', () => {
  it('finds a term as a word, singular or plural, and not inside another word', () => {
    expect(usesTerm('each Authorized User may log in', 'Authorized User')).toBe(true);
    expect(usesTerm('all Authorized Users shall', 'Authorized User')).toBe(true);
    expect(usesTerm('the Export Control Lawses', 'Export Control Laws')).toBe(true);
    expect(usesTerm('Authorized Username fields', 'Authorized User')).toBe(false);
    expect(usesTerm('PreAuthorized User lists', 'Authorized User')).toBe(false);
    expect(usesTerm('Authorized User2', 'Authorized User')).toBe(false);
    expect(usesTerm('éAuthorized User', 'Authorized User')).toBe(false);
    expect(usesTerm('Authorized Userß', 'Authorized User')).toBe(false);
    expect(usesTerm('(Authorized User)', 'Authorized User')).toBe(true);
  });

  it('agrees with the Unicode pattern on generated texts', () => {
    const pieces = ['Data', 'Customer Data', 's', 'es', 'ess', ' ', '-', '.', 'x', '9', 'é', 'ß', '١', '\u{1D400}', '\u{1F600}', '\uD835', '\uDC00', '’', '_', 'Customer'];
    const terms = ['Customer Data', 'Data', 'es', 's', 'C.D.', 'Output(s)', '', '\uDC00', '\u{1D400}x'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    let agreed = 0;
    for (let n = 0; n < 4000; n++) {
      const len = 1 + (next() % 7);
      let text = '';
      for (let k = 0; k < len; k++) text += pieces[next() % pieces.length];
      for (const term of terms) {
        expect(usesTerm(text, term), JSON.stringify([text, term])).toBe(byPattern(text, term));
        agreed++;
      }
    }
    expect(agreed).toBe(4000 * terms.length);
  });
});
