// samples/expected.json in full: every status (4 samples x 28 requirements = 112) must hold for
// every format of every sample (.txt, .pdf, .docx), and every quote is an exact substring of the .txt.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIREMENT_IDS, checkSource, compiledRulesFor, ingest } from '../../src/index.js';

const DIR = join(import.meta.dirname, '..', '..', 'samples');
type Expected = { samples: Record<string, Record<string, { status: string; section: string; quote: string }>> };
const expected = (JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Expected).samples;
const compiled = compiledRulesFor();

describe('samples/expected.json', () => {
  it('labels all 28 requirements of every sample, 112 statuses, with quotes from the text', () => {
    const names = readdirSync(DIR).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
    expect(Object.keys(expected).sort()).toEqual(names);
    let n = 0;
    for (const [name, labels] of Object.entries(expected)) {
      expect(Object.keys(labels).sort(), name).toEqual([...REQUIREMENT_IDS].sort());
      const text = readFileSync(join(DIR, `${name}.txt`), 'utf8');
      for (const [id, l] of Object.entries(labels)) {
        n++;
        if (l.status === 'missing') expect(l.quote, `${name} ${id}`).toBe('');
        else expect(text.includes(l.quote) && l.quote.length > 0, `${name} ${id}: quote not in the text`).toBe(true);
      }
    }
    expect(n).toBe(112);
  });

  for (const name of Object.keys(expected)) {
    for (const ext of ['txt', 'pdf', 'docx']) {
      it(`${name}.${ext}: every status holds`, async () => {
        const report = checkSource(await ingest(join(DIR, `${name}.${ext}`)), compiled);
        const wrong = report.requirements
          .filter((r) => r.status !== expected[name]![r.id]!.status)
          .map((r) => `${r.id}: expected ${expected[name]![r.id]!.status}, got ${r.status}`);
        expect(wrong).toEqual([]);
      }, 120_000);
    }
  }
});
