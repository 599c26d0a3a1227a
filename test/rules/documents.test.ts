// Whole-document rule cases (test/rules/documents/): the shipped packs on short documents where
// several rules combine, against the statuses in expected.json.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIREMENT_IDS, checkText, compiledRulesFor } from '../../src/index.js';

const DIR = join(import.meta.dirname, 'documents');
type Expected = { documents: Record<string, { statuses: Record<string, string>; todo?: Record<string, string> }> };
const expected = (JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Expected).documents;
const compiled = compiledRulesFor();

function statuses(name: string): Record<string, string> {
  const report = checkText(readFileSync(join(DIR, `${name}.txt`), 'utf8'), { compiled, playbook: null, path: `${name}.txt` });
  return Object.fromEntries(report.requirements.map((r) => [r.id, r.status]));
}

describe('whole-document rule cases', () => {
  it('has an expected entry for every document and a document for every entry, with known IDs', () => {
    const docs = readdirSync(DIR).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
    expect(Object.keys(expected).sort()).toEqual(docs);
    for (const e of Object.values(expected)) {
      for (const id of [...Object.keys(e.statuses), ...Object.keys(e.todo ?? {})]) expect(REQUIREMENT_IDS as readonly string[]).toContain(id);
    }
  });

  for (const [name, e] of Object.entries(expected)) {
    it(`${name}: the statuses hold`, () => {
      const got = statuses(name);
      const wrong = Object.entries(e.statuses).filter(([id, s]) => got[id] !== s).map(([id, s]) => `${id}: expected ${s}, got ${got[id]}`);
      expect(wrong).toEqual([]);
    });
    if (e.todo) {
      it(`${name}: known rule errors still differ (move a fixed one to statuses)`, () => {
        const got = statuses(name);
        const fixed = Object.entries(e.todo!).filter(([id, s]) => got[id] === s).map(([id, s]) => `${id} is now ${s}`);
        expect(fixed).toEqual([]);
      });
    }
  }
});
