// A contract on one line (an export that lost its line breaks; issue 13, item 8: 5 MB took 24 s)
// used to be one paragraph: one block, one section, every clause "near" every other. The line is
// now cut into clauses at inline clause numbers and, failing those, at sentence ends. Assertions are
// on structure, never on time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/index.js';
import { sourceFromText } from '../../src/ingest/index.js';
import { LONG_LINE, buildBlocks, splitLongLine } from '../../src/segment/blocks.js';
import { segment } from '../../src/segment/index.js';

const SAMPLES = ['ai-api-services-agreement', 'data-processing-addendum', 'software-licence-export', 'weak-vendor-msa'];
const oneLine = (t: string) => t.replace(/\s*\n\s*/g, ' ').trim();

describe('a contract on a single line', () => {
  it('gets the same status for all 28 requirements as the same contract with its line breaks', { timeout: 120_000 }, () => {
    for (const name of SAMPLES) {
      const text = readFileSync(`samples/${name}.txt`, 'utf8');
      const flat = oneLine(text);
      expect(flat.includes('\n')).toBe(false);
      const want = checkText(text).requirements.map((r) => `${r.id} ${r.status}`);
      expect(checkText(flat).requirements.map((r) => `${r.id} ${r.status}`), name).toEqual(want);
    }
  });

  it('a 2 MB single line is segmented into numbered clauses, none longer than the long-line limit', { timeout: 120_000 }, () => {
    const flat = oneLine(readFileSync('samples/ai-api-services-agreement.txt', 'utf8'));
    const copies = Math.ceil(2e6 / flat.length);
    const text = Array.from({ length: copies }, () => flat).join(' ');
    const seg = segment(sourceFromText('one-line.txt', 'txt', text, Buffer.from('')));
    // Before: 1 block. Every copy has its own clauses 1.1, 2.1 ... and sentences.
    expect(seg.blocks.length).toBeGreaterThanOrEqual(copies * 40);
    expect(Math.max(...seg.blocks.map((b) => b.end - b.start))).toBeLessThanOrEqual(LONG_LINE);
    expect(seg.blocks.filter((b) => b.label === '1.1').length).toBe(copies);
    expect(seg.blocks.filter((b) => b.label === '8.9').length).toBe(copies);
    expect(seg.sections.length).toBeGreaterThan(copies * 5);
    expect(seg.sentences.length).toBeGreaterThan(copies * 50);
    // Blocks are in order and do not overlap.
    for (let i = 1; i < seg.blocks.length; i++) expect(seg.blocks[i]!.start).toBeGreaterThanOrEqual(seg.blocks[i - 1]!.end);
  });

  it('a line without any sentence end is still cut (at spaces), covering all of its words', () => {
    const text = 'the provider shall not use customer data to train models and '.repeat(5000).trim();
    const pieces = splitLongLine(text, 0, text.length);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.every((p) => p.end - p.start <= 21_000)).toBe(true);
    expect(pieces.map((p) => text.slice(p.start, p.end)).join(' ')).toBe(text);
  });

  it('does not cut a paragraph under the limit, nor at a number inside a sentence', () => {
    const para = `Each party shall comply with Section 5.2 of this Agreement. ${'The Customer may audit the Provider once a year. '.repeat(60)}`.trim();
    expect(para.length).toBeLessThan(LONG_LINE);
    expect(buildBlocks(para).blocks.length).toBe(1);
    const long = `${'Filler sentence about the services. '.repeat(120)}as set out in Section 4 of the Order. 2. Fees The Customer pays the fees.`;
    const cut = splitLongLine(long, 0, long.length).map((p) => long.slice(p.start, p.end));
    expect(cut.some((c) => c.startsWith('2. Fees'))).toBe(true);
    expect(cut.some((c) => c.startsWith('4 of the Order'))).toBe(false);
  });
});
