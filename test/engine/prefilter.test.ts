import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compiledRulesFor } from '../../src/check/index.js';
import { mayMatch, mayMatchText, prefilterOf, prefilterText, wordPasses, wordTests } from '../../src/engine/prefilter.js';
import { tokenizeText } from '../../src/engine/tokens.js';

const found = (pattern: string, text: string) => RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE).matcher(text).find();

describe('literal prefilters of RE2 patterns', () => {
  it('reads the strings one of which every match holds', () => {
    expect(prefilterOf('\\bcustomer data\\b')).toEqual(['customer data']);
    expect(prefilterOf('\\bopt(?:s|ed)?[- ]out\\b')).toEqual(['opt out', 'opt-out', 'opted out', 'opted-out', 'opts out', 'opts-out']);
    // Case-sensitive parts and small classes are compared lower-cased.
    expect(prefilterOf('(?-i:\\b[A-Z][A-Za-z]+ (?:Data|Content)\\b)')).toEqual([' content', ' data']);
    expect(prefilterOf('(?-i:\\b(?:[Yy]our|[Tt]he) Materials\\b)')).toEqual(['the materials', 'your materials']);
    // A repeated part with a minimum of one still requires one copy; an optional one requires nothing.
    expect(prefilterOf('\\d+ (?:days?)+')).toEqual(['day', 'days']);
    expect(prefilterOf('x?(?:ab)*')).toBeUndefined();
    // Any number of copies spans unknown text: the literals on either side are separate requirements.
    expect(prefilterOf('data.*inputs')).toEqual(['inputs']);
    expect(mayMatchText(prefilterOf('foo\\s*bar'), 'foo  bar')).toBe(true);
    expect(found('foo\\s*bar', 'foo  bar')).toBe(true);
  });

  it('prefers the strings with a rarer word to those made of the commonest words of contracts', () => {
    // Both "subject to ..." and "... sanctions" are required; nearly every contract says "subject to".
    const pf = prefilterOf('\\bsubject to (?:any |all )?(?:economic |trade |export |US |EU |UK )?sanctions\\s+(?:imposed|administered)\\b');
    expect(pf).toBeDefined();
    expect(pf!.every((s) => s.includes('sanctions'))).toBe(true);
    // Where neither is common, the longer shortest string still decides.
    expect(prefilterOf('\\bwatermark\\w* (?:on|in) (?:images?|audio)\\b')).toEqual(['watermark']);
  });

  it('gives no prefilter where it cannot be sure', () => {
    for (const p of ['\\pL+data', '[[:alpha:]]x', 'a\\x41b', '\\Qdata\\E', '^\\d{1,2}\\.?\\s+[a-z]', '(?<=a)b', 'a{', '.*']) {
      expect(prefilterOf(p), p).toBeUndefined();
    }
  });

  it('never rules out a text RE2 matches (shipped rule and defined-term patterns, project corpus lines)', () => {
    const compiled = compiledRulesFor();
    const patterns = [...compiled.regexSources.values(), ...compiled.definedTerms.kinds.map((k) => k.definition)];
    const dir = 'test/corpus/docs';
    const lines = readdirSync(dir)
      .flatMap((n) => readFileSync(join(dir, n), 'utf8').split(/\n+/))
      .concat(['YOUR CUSTOMER DATA', 'Cu\u017ftomer Data', 'the \u212Aey Content', 'Opt-Out by email', 'OPTS OUT.', 'Licensee’s Usage Data']);
    let skipped = 0;
    let filtered = 0;
    for (const p of patterns) {
      const pf = prefilterOf(p);
      if (!pf) continue;
      filtered++;
      for (const line of lines) {
        if (mayMatchText(pf, line)) continue;
        skipped++;
        expect(found(p, line), `${p} on ${line}`).toBe(false);
      }
    }
    // The check above is only worth something if most patterns are filtered and lines are skipped.
    expect(filtered).toBeGreaterThan(patterns.length / 2);
    expect(skipped).toBeGreaterThan(1000);
  });

  it('reads long s as s and K (Kelvin) as k, as RE2 folds them', () => {
    const pf = prefilterOf('customer data');
    expect(found('customer data', 'cu\u017ftomer data')).toBe(true);
    expect(mayMatch(pf, prefilterText('Cu\u017ftomer Data')!)).toBe(true);
    expect(found('key', '\u212Aey')).toBe(true);
    expect(mayMatchText(prefilterOf('key'), '\u212Aey')).toBe(true);
    expect(mayMatchText(pf, 'customer records')).toBe(false);
  });

  it('turns a prefilter into tests on word tokens', () => {
    expect(wordTests(['call', ' content', 'opt-out', 'the materials', "'s confidential informat"])).toEqual([
      { kind: 'infix', s: 'call' },
      { kind: 'prefix', s: 'content' },
      { kind: 'suffix', s: 'opt' },
      { kind: 'prefix', s: 'materials' },
      { kind: 'exact', s: 'confidential' },
    ]);
    expect(wordTests(undefined)).toBeUndefined();
    expect(wordTests(['--'])).toBeUndefined();
    expect(wordTests(['caf\u00e9'])).toBeUndefined();
    const [prefix] = wordTests([' content'])!;
    expect(wordPasses([prefix!], 'contents')).toBe(true);
    expect(wordPasses([prefix!], 'discontent')).toBe(false);
    expect(wordPasses(wordTests(['customer'])!, 'cu\u017ftomers')).toBe(true);
  });

  it('word tests never miss a line RE2 matches (shipped rule patterns, project corpus lines)', () => {
    const compiled = compiledRulesFor();
    const dir = 'test/corpus/docs';
    const lines = readdirSync(dir)
      .flatMap((n) => readFileSync(join(dir, n), 'utf8').split(/\n+/))
      .concat(['YOUR CUSTOMER DATA', 'Cu\u017ftomer Data', 'the \u212Aey Content', 'Opt-Out by email', 'OPTS OUT.', 'Licensee’s Usage Data', '40 messages a day']);
    let matched = 0;
    let tested = 0;
    for (const p of compiled.regexSources.values()) {
      const pf = prefilterOf(p);
      const tests = wordTests(pf);
      if (!tests) continue;
      tested++;
      for (const line of lines) {
        // (Lines the prefilter rules out cannot match: the test above checks that.)
        if (!mayMatchText(pf, line) || !found(p, line)) continue;
        matched++;
        const t = tokenizeText(line);
        expect(t.words.some((w) => wordPasses(tests, w)), `${p} on ${line}`).toBe(true);
      }
    }
    expect(tested).toBeGreaterThan(compiled.regexSources.size / 2);
    expect(matched).toBeGreaterThan(100);
  });
});
