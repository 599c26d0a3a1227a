import { describe, expect, it } from 'vitest';
import { dropRunningLines } from '../../src/ingest/pdf-cleanup.js';

describe('dropRunningLines', () => {
  it('drops a header and a numbered footer that recur on half the pages or more, and nothing else', () => {
    const page = (n: number, body: string[]) => ['Orchard Analytics – Order Form', ...body, `Page ${n} of 4`].join('\n');
    const pages = [
      page(1, ['1. The supplier keeps logs for ten days.', 'The buyer may ask for them.']),
      page(2, ['2. Nothing here repeats.']),
      page(3, ['3. A short clause.', '', 'Another line.']),
      '\n\nA last page with no running lines at all.\n',
    ];
    const out = dropRunningLines(pages);
    expect(out.removed).toBe(6);
    expect(out.pages).toEqual([
      '1. The supplier keeps logs for ten days.\nThe buyer may ask for them.',
      '2. Nothing here repeats.',
      '3. A short clause.\n\nAnother line.',
      // A page without running lines loses its blank first and last lines all the same.
      'A last page with no running lines at all.',
    ]);
  });

  it('looks at the first and last three non-blank lines only', () => {
    const body = (n: number) => ['Alpha', 'Beta', 'Gamma', 'Shared middle line', 'Delta', 'Epsilon', `Zeta ${n}`].join('\n');
    const out = dropRunningLines([body(1), body(2), body(3)]);
    // The middle line recurs everywhere but is not at an edge; the edge lines all recur.
    expect(out.pages).toEqual(['Shared middle line', 'Shared middle line', 'Shared middle line']);
    expect(out.removed).toBe(18);
  });

  it('drops a header and footer from a two-page document only when both pages carry them', () => {
    const page = (n: number, body: string) => ['Harrow Data Addendum - Confidential', body, `Printed copy - Page ${n} of 2`].join('\n');
    expect(dropRunningLines([page(1, 'First body line.'), page(2, 'Second body line.')])).toEqual({ pages: ['First body line.', 'Second body line.'], removed: 4 });
    // a line on one page of two is no running line
    const once = ['Harrow Data Addendum\nFirst body line.', 'Second body line.\nSigned by both parties.'];
    expect(dropRunningLines(once)).toEqual({ pages: once, removed: 0 });
    expect(dropRunningLines(['Only one page.'])).toEqual({ pages: ['Only one page.'], removed: 0 });
  });

  it('keeps a line longer than 120 characters even when it recurs', () => {
    const long = 'x'.repeat(130);
    const pages = [1, 2, 3].map((n) => `${long}\nclause ${'abc'[n - 1]} text`);
    expect(dropRunningLines(pages)).toEqual({ pages, removed: 0 });
  });
});
