import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compiledRulesFor } from '../../src/check/index.js';
import { JS_TEXT_MAX, jsMatches, jsTextLimit, toJsRegExp } from '../../src/engine/re2-js.js';

const re2 = (p: string, s: string, ci = true): number[] => {
  const m = RE2JS.compile(p, ci ? RE2JS.CASE_INSENSITIVE : 0).matcher(s);
  const out: number[] = [];
  while (m.find()) out.push(m.start(), m.end());
  return out;
};
const js = (re: RegExp, s: string): number[] => {
  const out: number[] = [];
  jsMatches(re, s, (a, b) => out.push(a, b));
  return out;
};

// Texts written for this test: folding corner cases (long s, Kelvin sign, dotless i), line breaks
// RE2 and V8 read differently, astral characters, list labels, quotes and apostrophes.
const TEXTS = [
  'The Customer Data stays with the Customer; Partner Content is deleted after 30 days.',
  'Your Usage Data and Client’s Training Data are not used to improve any Model.',
  'ſecurity Incident at the \u212Aernel Data layer; Cyber Incidents are reported.',
  'line one\r\nline two\rline three\u2028line four\nuse the service\n 2. sell copies\n(b) license it',
  '😀 Customer Data 😀 and 😀customer content😀 in \u0131nputs and İnputs',
  'You may opt out by email, opt-out at any time, or opted out; opting-out here.',
  '12 additional months, 3) further years, 90 rolling days and 7 consecutive hours',
  'not a promise; Not yet. NOT now.\n\tnot\there',
  'customer’s prompts, user\'s inputs, licensees\' materials, end customer data',
  '  - assist others\n* help them\n(iv) build tools\n12) develop weapons',
  'Cuba, Iran, North Korea and the Crimea region; an entity list; denied persons',
  '',
  'a\u00a0b\u000bc\u0085d \u00e9t\u00e9 ÉTÉ',
  'Trial plans run up to 200 long-form document reviews per month, at most 5 requests a day, max. 12 batch jobs each week.',
  'The portal limits every shared workspace and its guests to 75 exports per day; the limit applies to 4 seats a month.',
  '3. to report misuse, write to us. Reports about abuse of the tools may be sent by post.',
  '(iv) restricted parties:\n  2.1 sanctions and export rules.',
];

describe('RE2 patterns as V8 regular expressions', () => {
  const shipped = (() => {
    const c = compiledRulesFor();
    return [...c.regexSources.values(), ...c.definedTerms.kinds.map((k) => k.definition)];
  })();

  it('give the same matches as RE2 for every shipped pattern it translates', () => {
    let translated = 0;
    for (const p of shipped) {
      const re = toJsRegExp(p, true);
      if (!re) continue;
      translated++;
      for (const t of TEXTS) expect([p, t, js(re, t)]).toEqual([p, t, re2(p, t)]);
    }
    // Most shipped patterns are in the translated subset (the rest run on RE2).
    expect(translated).toBeGreaterThan(shipped.length / 2);
  });

  it.each([
    ['s', 'ſ S s'],
    ['k', '\u212A K k'],
    ['\\w+', 'ſK ab_9'],
    ['\\W+', 'ſK ,.'],
    ['[^a-z]+', 'ſ\u212AxX!?'],
    ['(?-i:[A-Z]+)-x', 'AB-X AB-x ab-x aB-x'],
    ['(?:(?-i)a)b', 'aB AB ab'],
    ['(?m)^x', 'x\rx\nx\u2028x'],
    ['(?m)x$', 'x\nx\rx'],
    ['x$', 'x\nx'],
    ['\\bs', 'ſ s'],
    ['a.b', 'a\nb a\rb a😀b a\u2028b'],
    ['a\\s+b', 'a\u00a0b a\tb a \n b a\u000bb'],
    ['\\d{2}\\.?\\s+[a-z]', '12. x 1 y 123 z'],
    ['[\\-*•] ?item', '- item * item •item'],
    ['(?P<n>ab)c', 'abc ABC'],
    ['(?:[a-z-]+\\s+){0,2}per', 'up to 200 long-form reviews per month, 3 per day, x y z per'],
    ['(?:ab){2,3}', 'ababab abab ab ABABABAB'],
    ['x(?:ab){1,2}?b', 'xabab xabb xab'],
    ['(?:a|ab){0,2}c', 'abac aac abab c'],
    ['(?:a|ab){2}c', 'abac aac abab c'],
    // a bounded repeat that can run into what follows: V8 tries each count, as RE2 picks the first
    ['[a-z ]{0,40}and', 'sand and candy, brand and band'],
    ['\\blimits?\\b[^.;]{0,20}?\\bto \\d+', 'limits the team to 5 and then to 6; limit to 7. limits x to'],
    ['x[a-z]{1,5}?[a-z]y', 'xabcdey xay xaby xy'],
  ])('translates %s exactly', (p, t) => {
    const re = toJsRegExp(p, true);
    expect(re).toBeDefined();
    expect(js(re!, t)).toEqual(re2(p, t));
    const cs = toJsRegExp(p, false);
    if (cs) expect(js(cs, t)).toEqual(re2(p, t, false));
  });

  it.each([
    ['(?:a|b)*c', 'a repeated group'],
    ['(a+)+b', 'nested repeats'],
    ['[a-z ]{0,200}and', 'a repeat that can run into what follows, with too many counts to try'],
    ['[a-z]{0,20}[a-z]{0,20}x', 'two such repeats whose counts multiply past the bound'],
    ['[a-z ]*and', 'an unbounded repeat whose characters can start what follows'],
    ['\\s*\\s*x', 'two overlapping repeats'],
    ['x?', 'a pattern that matches empty'],
    ['(?:x?)+', 'a repeat that can match empty'],
    ['\\pL+', 'a Unicode class'],
    ['é', 'a cased letter outside ASCII under case folding'],
    ['a{2', 'a brace RE2 reads as a literal'],
    ['[[:alpha:]]', 'a POSIX class'],
    ['x(?:ab){1,5}', 'a group repeated more often than is written out'],
    ['(?:ab+){0,2}b', 'written-out copies whose repeat can take what follows'],
  ])('leaves %s to RE2 (%s)', (p) => {
    expect(toJsRegExp(p, true)).toBeUndefined();
  });

  it('runs a pattern that can split a text several ways on shorter texts only', () => {
    // One way to split: the full length. 41 counts of [a-z ]{0,40} that can run into "and": the
    // worst case (length squared times the counts) kept at what the plain pattern costs.
    expect(jsTextLimit('plain words', true)).toBe(JS_TEXT_MAX);
    expect(jsTextLimit('[a-z ]{0,40}and', true)).toBe(Math.floor(JS_TEXT_MAX / Math.sqrt(41)));
    expect(jsTextLimit('[a-z ]{0,40}and', true)).toBeLessThan(JS_TEXT_MAX);
    expect(jsTextLimit('(a+)+b', true)).toBe(0);
  });
});
