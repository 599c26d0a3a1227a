// No third-party sentence in the repository: no tracked text file may share a run of 8 consecutive
// words with a document of ../shared/devset/docs (the devset sits beside the clone, in CI too).
// A missing devset is a failure, not a skip: without it this test would prove nothing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVSET, RUN, copiedIn, devsetRuns, findCopied } from '../../scripts/copied-text.js';

const root = join(import.meta.dirname, '..', '..');

describe('copied text', () => {
  it(`finds no run of ${RUN} words shared with a devset document`, () => {
    if (!existsSync(DEVSET)) {
      expect.fail(`devset not found at ${DEVSET}: the memorization test needs ../shared/devset/docs beside the repository`);
    }
    const found = findCopied(root, devsetRuns());
    const listing = found.map((c) => `${c.file}:${c.line}  ${c.words}`);
    expect(listing, `${found.length} copied run(s); rewrite them in your own words (npx tsx scripts/copied-text.ts)`).toEqual([]);
  });

  it('detects a copied run across a line break and reports its line', () => {
    const runs = new Set(['the quick brown fox jumps over the lazy']);
    const text = 'first line\nsecond: The quick brown fox\njumps over the lazy dog.\n';
    expect(copiedIn('x.txt', text, runs)).toEqual([{ file: 'x.txt', line: 2, words: 'the quick brown fox jumps over the lazy' }]);
    expect(copiedIn('x.txt', 'the quick brown fox jumps over a lazy dog', runs)).toEqual([]);
  });
});
