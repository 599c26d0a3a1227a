import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../../src/check/index.js';
import { readArtifact, writeArtifact } from '../../src/engine/artifact.js';
import { compileRules } from '../../src/engine/compile.js';
import { loadRules } from '../../src/rules/load.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-artifact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rules artifact, the parts read on demand', () => {
  const fresh = compileRules(loadRules(DEFAULT_RULES_DIR));
  const file = join(dir, 'rules.compiled.json');
  writeArtifact(fresh, DEFAULT_RULES_DIR, file);

  it('is ASCII, three lines: the artifact, the rules lazy fields, the phrase atoms', () => {
    const text = readFileSync(file, 'latin1');
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    expect(text.split('\n')).toHaveLength(4);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('gives the phrase atoms and their look-ups of the compiled rules', () => {
    const revived = readArtifact(DEFAULT_RULES_DIR, file)!;
    const phrases = [...fresh.phraseAtoms.keys()];
    expect(phrases.length).toBeGreaterThan(100);
    for (const p of phrases.slice(0, 50)) expect(revived.atomOf(p)).toBe(fresh.atomOf(p));
    expect(revived.atomOf('no phrase of any rule at all')).toBeUndefined();
    expect(revived.phraseAtoms.size).toBe(fresh.phraseAtoms.size);
    expect([...revived.phraseAtoms]).toEqual([...fresh.phraseAtoms]);
    const other = readArtifact(DEFAULT_RULES_DIR, file)!;
    expect(other.phraseAtoms.has(phrases[0]!)).toBe(true);
    other.phraseAtoms.set('added', -1);
    expect(other.phraseAtoms.get('added')).toBe(-1);
    expect(other.phraseAtoms.size).toBe(fresh.phraseAtoms.size + 1);
  });

  it('keeps non-ASCII text of the rules (escaped in the file)', () => {
    const revived = readArtifact(DEFAULT_RULES_DIR, file)!;
    const withQuote = fresh.rules.find((r) => /[^\x00-\x7f]/.test(JSON.stringify(r.def)));
    expect(withQuote).toBeDefined();
    expect(revived.rules.find((r) => r.def.id === withQuote!.def.id)!.def).toEqual(withQuote!.def);
  });
});
