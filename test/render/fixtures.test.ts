// Checks the hand-written fixtures themselves, so the renderer tests stand on solid ground.
import { describe, expect, it } from 'vitest';
import { CATALOG, documentA, LINE_STARTS_A, makeReport, TEXT_A } from './fixtures.js';

describe('render fixtures', () => {
  it('line starts of document A match its text', () => {
    const starts = [0];
    for (let i = 0; i < TEXT_A.length; i++) if (TEXT_A[i] === '\n') starts.push(i + 1);
    expect(starts).toEqual(LINE_STARTS_A);
  });

  it('every quote of document A is the exact slice at its offsets', () => {
    for (const r of documentA().requirements) {
      for (const e of r.evidence) expect(TEXT_A.slice(e.start, e.end)).toBe(e.quote);
    }
  });

  it('each document lists the 28 catalog IDs in order', () => {
    expect(CATALOG).toHaveLength(28);
    for (const d of makeReport().documents) expect(d.requirements.map((r) => r.id)).toEqual(CATALOG.map((c) => c[0]));
  });
});
