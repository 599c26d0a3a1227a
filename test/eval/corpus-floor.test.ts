// A floor on the project corpus (test/corpus, 35 documents written for the project): status accuracy
// against labels.json must stay at or above 0.98 (1.000 when this test was written), and the
// negative controls must stay clean. npm run eval prints the full figures.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIREMENT_IDS, checkText, compiledRulesFor } from '../../src/index.js';

const CORPUS = join(import.meta.dirname, '..', 'corpus');
const FLOOR = 0.98;
const labels = JSON.parse(readFileSync(join(CORPUS, 'labels.json'), 'utf8')) as Record<string, Record<string, { status: string }>>;

describe('project corpus', () => {
  it(`keeps status accuracy at or above ${FLOOR} with no false positive on negative controls`, () => {
    const compiled = compiledRulesFor();
    const files = readdirSync(join(CORPUS, 'docs')).filter((f) => /\.(txt|md)$/.test(f)).sort();
    expect(files.length).toBeGreaterThanOrEqual(30);
    let correct = 0;
    let total = 0;
    const wrong: string[] = [];
    const negativeHits: string[] = [];
    for (const f of files) {
      const doc = basename(f, extname(f));
      const gold = labels[doc];
      expect(gold, `no labels for ${doc}`).toBeDefined();
      const report = checkText(readFileSync(join(CORPUS, 'docs', f), 'utf8'), { compiled, playbook: null, path: f });
      const negative = Object.values(gold!).every((l) => l.status === 'missing');
      for (const id of REQUIREMENT_IDS) {
        const got = report.requirements.find((r) => r.id === id)!.status;
        total++;
        if (got === gold![id]!.status) correct++;
        else wrong.push(`${doc} ${id}: label ${gold![id]!.status}, got ${got}`);
        if (negative && got !== 'missing') negativeHits.push(`${doc} ${id}: ${got}`);
      }
    }
    expect(total).toBe(files.length * REQUIREMENT_IDS.length);
    expect(correct / total, `accuracy ${(correct / total).toFixed(3)}; mismatches:\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(FLOOR);
    expect(negativeHits).toEqual([]);
  }, 180_000);
});
