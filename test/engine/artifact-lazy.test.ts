import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES_DIR } from '../../src/check/index.js';
import { readArtifact, writeArtifact } from '../../src/engine/artifact.js';
import { compileRules } from '../../src/engine/compile.js';
import { runRules } from '../../src/engine/run.js';
import { tokenizeText } from '../../src/engine/tokens.js';
import { sourceFromText } from '../../src/ingest/source.js';
import { parsePhrase } from '../../src/rules/phrase.js';
import { segment } from '../../src/segment/index.js';
import { loadRules } from '../../src/rules/load.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-artifact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rules artifact, the parts read on demand', () => {
  const fresh = compileRules(loadRules(DEFAULT_RULES_DIR));
  const file = join(dir, 'rules.compiled.json');
  writeArtifact(fresh, DEFAULT_RULES_DIR, file);

  it('is three ASCII lines (the artifact, the rules lazy fields, the phrase atoms), then aligned typed arrays', () => {
    const bytes = readFileSync(file);
    let at = -1;
    for (let line = 0; line < 3; line++) at = bytes.indexOf(10, at + 1);
    expect(at).toBeGreaterThan(0);
    const text = bytes.toString('latin1', 0, at + 1);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    for (const line of text.split('\n').slice(0, 3)) expect(() => JSON.parse(line)).not.toThrow();
    const binary = (JSON.parse(text.slice(0, text.indexOf('\n'))) as { binary: number[] }).binary;
    const start = Math.ceil((at + 1) / 4) * 4;
    expect(bytes.toString('latin1', at + 1, start).trim()).toBe('');
    expect(bytes.length).toBe(start + 4 * binary.reduce((a, b) => a + b, 0));
  });

  it('is refused when cut short', () => {
    const cut = join(dir, 'cut.json');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 4));
    expect(readArtifact(DEFAULT_RULES_DIR, cut)).toBeUndefined();
    expect(readArtifact(DEFAULT_RULES_DIR, file)).toBeDefined();
  });

  it('revives a trie that finds what the compiled one finds, and that still takes new phrases', () => {
    const revived = readArtifact(DEFAULT_RULES_DIR, file)!;
    expect(revived.trie.toData()).toEqual(fresh.trie.toData());
    expect(revived.rules.map((r) => r.triggers)).toEqual(fresh.rules.map((r) => r.triggers));
    const text = 'The Provider shall not use Customer Data to train its models and will delete it within 30 days of termination.';
    const seg = segment(sourceFromText('t.txt', 'txt', text, Buffer.from(text)));
    expect(runRules(seg, revived)).toEqual(runRules(seg, fresh));
    const words = (s: string) => tokenizeText(s);
    const before = revived.trie.match(words('zyxwv quorblat'));
    expect(before.atom.length).toBe(0);
    revived.trie.add(parsePhrase('zyxwv quorblat')[0]!, 0);
    fresh.trie.add(parsePhrase('zyxwv quorblat')[0]!, 0);
    const sample = words('no training on customer data; zyxwv quorblat here');
    const a = revived.trie.match(sample);
    expect(Array.from(a.atom)).toContain(0);
    expect(a).toEqual(fresh.trie.match(sample));
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

  it('revives rules (their plans, regex translations and trie as the build stored them) that find what the compiled ones find on the project corpus', () => {
    const revived = readArtifact(DEFAULT_RULES_DIR, file)!;
    const docs = join('test', 'corpus', 'docs');
    const names = readdirSync(docs).filter((n) => n.endsWith('.txt'));
    expect(names.length).toBeGreaterThan(20);
    let found = 0;
    for (const n of names) {
      const text = readFileSync(join(docs, n), 'utf8');
      const seg = segment(sourceFromText(n, 'txt', text, Buffer.from(text)));
      const a = runRules(seg, revived);
      expect(a).toEqual(runRules(seg, fresh));
      found += a.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it("stores the V8 translations of the rules' regexes as a fresh process computes them", async () => {
    const art = JSON.parse(readFileSync(file, 'latin1').split('\n')[0]!) as { jsSources: Array<[string, string | null]> };
    expect(art.jsSources.map(([p]) => p)).toEqual(expect.arrayContaining([...fresh.regexSources.values()]));
    expect(art.jsSources.some(([, s]) => s !== null)).toBe(true);
    // A module instance of its own: nothing seeded or cached yet.
    vi.resetModules();
    const re2js = await import('../../src/engine/re2-js.js');
    for (const [p, s] of art.jsSources) expect(s).toBe(re2js.jsSourceOf(p, true) ?? null);
  });

  it("stores each defined-term kind's atoms as the phrase table gives them", () => {
    const art = JSON.parse(readFileSync(file, 'latin1').split('\n')[0]!) as { kindAtoms: number[][] };
    expect(art.kindAtoms.length).toBe(fresh.definedTerms.kinds.length);
    expect(art.kindAtoms.some((l) => l.length > 0)).toBe(true);
    fresh.definedTerms.kinds.forEach((k, i) => expect(art.kindAtoms[i]).toEqual(k.countsAs.map((p) => fresh.atomOf(p)).filter((a) => a !== undefined)));
  });

  it('keeps non-ASCII text of the rules (escaped in the file)', () => {
    const revived = readArtifact(DEFAULT_RULES_DIR, file)!;
    const withQuote = fresh.rules.find((r) => /[^\x00-\x7f]/.test(JSON.stringify(r.def)));
    expect(withQuote).toBeDefined();
    expect(revived.rules.find((r) => r.def.id === withQuote!.def.id)!.def).toEqual(withQuote!.def);
  });
});
