import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/index.js';
import { MAX_SUPPORTING, selectEvidence } from '../../src/check/evidence.js';
import type { Evidence, ProvenStatus, RequirementResult } from '../../src/types.js';

const ev = (start: number, end: number, proves: ProvenStatus, rule: string, section = '', block?: number): Evidence => ({
  quote: 'x'.repeat(end - start),
  page: 1,
  section,
  start,
  end,
  rule,
  proves,
  ...(block !== undefined ? { block } : {}),
});
const req = (id: string, status: RequirementResult['status'], evidence: Evidence[]): RequirementResult => ({
  id,
  title: id,
  status,
  severity: 'none',
  evidence,
  suggestion: '',
  notes: [],
});

describe('selectEvidence', () => {
  it('shows a span found by several rules once, with the status that decided and its rules', () => {
    const [r] = selectEvidence([req('A', 'met', [ev(0, 10, 'met', 'r1', '1'), ev(0, 10, 'met', 'r2', '1'), ev(0, 10, 'partial', 'r3', '1')])]);
    expect(r!.evidence).toHaveLength(1);
    expect(r!.evidence[0]).toMatchObject({ proves: 'met', rule: 'r1', rules: ['r1', 'r2'] });
  });

  it('keeps one quote per clause, the strongest', () => {
    const [r] = selectEvidence([req('A', 'met', [ev(0, 10, 'met', 'r1', '2.2'), ev(11, 20, 'met', 'r2', '2.2'), ev(11, 20, 'met', 'r3', '2.2')])]);
    expect(r!.evidence.map((e) => e.start)).toEqual([11]);
  });

  it('puts the deciding evidence first and keeps at most two supporting quotes', () => {
    const [r] = selectEvidence([
      req('A', 'met', [ev(0, 5, 'partial', 'p1', '1'), ev(6, 9, 'partial', 'p2', '2'), ev(10, 15, 'partial', 'p3', '3'), ev(20, 25, 'met', 'm1', '4')]),
    ]);
    expect(r!.evidence[0]!.rule).toBe('m1');
    expect(r!.evidence.filter((e) => e.proves !== 'met')).toHaveLength(MAX_SUPPORTING);
  });

  it('drops a weaker quote another requirement claims more strongly, but never the last deciding one', () => {
    const out = selectEvidence([
      req('A', 'met', [ev(0, 10, 'met', 'a1', '1'), ev(0, 10, 'met', 'a3', '1'), ev(20, 30, 'met', 'a2', '2')]),
      req('B', 'met', [ev(20, 30, 'met', 'b1', '2'), ev(20, 30, 'partial', 'b2', '2')]),
      req('C', 'partial', [ev(20, 30, 'partial', 'c1', '2')]),
    ]);
    expect(out[0]!.evidence.map((e) => e.rule)).toEqual(['a1']);
    expect(out[1]!.evidence.map((e) => e.rule)).toEqual(['b1']);
    // C's only deciding quote stays although B claims it more strongly.
    expect(out[2]!.evidence.map((e) => e.rule)).toEqual(['c1']);
  });

  it('keeps a quote two requirements claim alike', () => {
    const out = selectEvidence([req('A', 'met', [ev(0, 10, 'met', 'a1', '1'), ev(20, 30, 'met', 'a2', '2')]), req('B', 'met', [ev(20, 30, 'met', 'b1', '2')])]);
    expect(out[0]!.evidence.map((e) => e.rule)).toEqual(['a1', 'a2']);
  });

  it('joins the sentences of one clause into one quote when the text is given', () => {
    const text = '1.1 First sentence here. Second sentence there.';
    const a = { ...ev(0, 24, 'met', 'r1', '1.1'), quote: text.slice(0, 24) };
    const b = { ...ev(25, text.length, 'met', 'r2', '1.1'), quote: text.slice(25) };
    const [r] = selectEvidence([req('A', 'met', [a, b])], text);
    expect(r!.evidence).toHaveLength(1);
    expect(r!.evidence[0]).toMatchObject({ quote: text, start: 0, end: text.length, rules: ['r1', 'r2'] });
  });

  it('keeps pieces of one reference that lie far apart as quotes of their own', () => {
    const text = `1 Near start.${' '.repeat(600)}1 Far away.`;
    const a = { ...ev(0, 13, 'met', 'r1', '1'), quote: text.slice(0, 13) };
    const b = { ...ev(613, text.length, 'met', 'r2', '1'), quote: text.slice(613) };
    const [r] = selectEvidence([req('A', 'met', [a, b])], text);
    expect(r!.evidence.map((e) => e.quote)).toEqual(['1 Near start.', '1 Far away.']);
  });

  it('keeps a deciding quote that another requirement claims only as partial, even with more rules', () => {
    const out = selectEvidence([
      req('A', 'partial', [ev(0, 10, 'partial', 'a1', '1'), ev(0, 10, 'partial', 'a3', '1'), ev(20, 30, 'partial', 'a2', '2')]),
      req('B', 'partial', [ev(20, 30, 'partial', 'b1', '2'), ev(20, 30, 'partial', 'b2', '2')]),
    ]);
    expect(out[0]!.evidence.map((e) => e.rule)).toEqual(['a1', 'a2']);
  });

  it('never changes a status, and uses the strongest proof when the playbook changed the status', () => {
    const input = [req('A', 'partial', [ev(0, 10, 'met', 'm1', '1')]), req('B', 'missing', [])];
    const out = selectEvidence(input);
    expect(out.map((r) => r.status)).toEqual(['partial', 'missing']);
    expect(out[0]!.evidence.map((e) => e.rule)).toEqual(['m1']);
  });
});

describe('evidence of the API services sample (issue 12)', () => {
  const text = readFileSync('samples/ai-api-services-agreement.txt', 'utf8');
  const doc = checkText(text, { path: 'samples/ai-api-services-agreement.txt', playbook: 'ai-buyer' });
  const byId = new Map(doc.requirements.map((r) => [r.id, r]));

  it('lists no quote twice for a requirement, and one quote per clause and status', () => {
    for (const r of doc.requirements) {
      const spans = r.evidence.map((e) => `${e.start}:${e.end}`);
      expect(new Set(spans).size, r.id).toBe(spans.length);
      const sections = r.evidence.filter((e) => e.section).map((e) => `${e.section} ${e.proves}`);
      expect(new Set(sections).size, r.id).toBe(sections.length);
    }
  });

  it('never shows one quote as both met and partial across the report of a requirement', () => {
    for (const r of doc.requirements) {
      const proves = new Map<string, string>();
      for (const e of r.evidence) {
        const k = e.quote;
        expect(proves.get(k) ?? e.proves, r.id).toBe(e.proves);
        proves.set(k, e.proves);
      }
    }
  });

  it('cites no clause of another topic', () => {
    const quotes = (id: string) => byId.get(id)!.evidence.map((e) => e.quote);
    expect(quotes('AD-OUTPUT-USE').some((q) => /reverse engineer/i.test(q))).toBe(false);
    expect(quotes('EC-RESTRICTED-PARTY').some((q) => /military end use/i.test(q))).toBe(false);
  });

  it('keeps at most two supporting quotes, after the deciding ones', () => {
    for (const r of doc.requirements) {
      if (r.evidence.length === 0) continue;
      const decided = r.evidence[0]!.proves;
      const firstOther = r.evidence.findIndex((e) => e.proves !== decided);
      if (firstOther >= 0) expect(r.evidence.slice(firstOther).every((e) => e.proves !== decided), r.id).toBe(true);
      expect(r.evidence.filter((e) => e.proves !== decided).length, r.id).toBeLessThanOrEqual(MAX_SUPPORTING);
    }
  });
});

describe('the samples keep their labelled statuses and deciding quotes', () => {
  const expected = JSON.parse(readFileSync('samples/expected.json', 'utf8')) as {
    samples: Record<string, Record<string, { status: string; section: string; quote: string }>>;
  };
  for (const [name, labels] of Object.entries(expected.samples)) {
    it(name, () => {
      const doc = checkText(readFileSync(`samples/${name}.txt`, 'utf8'), { path: `${name}.txt` });
      for (const r of doc.requirements) {
        const want = labels[r.id]!;
        expect(r.status, r.id).toBe(want.status);
        // The clause the label names as deciding is still quoted (one of them when it names several).
        const sections = want.section.split(/,\s*/).filter(Boolean);
        const quoted = r.evidence.some((e) => sections.some((s) => e.section.startsWith(s)) || e.quote.includes(want.quote.slice(0, 30)));
        if (want.quote) expect(quoted, `${r.id} quotes ${want.section}`).toBe(true);
      }
    });
  }
});
