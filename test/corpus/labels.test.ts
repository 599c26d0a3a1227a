// The one label checker (scripts/check-labels.ts) on every labelled corpus, and on broken labels.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPORA, checkLabels, documentText } from '../../scripts/check-labels.js';
import { REQUIREMENT_IDS } from '../../src/catalog.js';

describe('label checker', () => {
  it.each(Object.keys(CORPORA))('%s: labels are valid', (dir) => {
    const r = checkLabels(dir, CORPORA[dir]!);
    expect(r.problems).toEqual([]);
    expect(r.documents).toBeGreaterThan(0);
  });

  it('reports each broken label with document and ID', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-labels-'));
    mkdirSync(join(dir, 'docs'));
    const text = 'The supplier shall delete customer data within thirty days. '.repeat(10);
    writeFileSync(join(dir, 'docs', 'a.txt'), `Source: written for this test\n\n${text}`);
    const set = Object.fromEntries(REQUIREMENT_IDS.map((id) => [id, { status: 'missing', quote: '' }])) as Record<string, object>;
    set['DR-DELETION'] = { status: 'met', quote: 'delete customer data within ninety days' };
    set['EC-CLASSIFICATION'] = { status: 'partial', quote: 'The supplier shall delete' };
    set['AD-WATERMARK'] = { status: 'missing', quote: 'The supplier' };
    writeFileSync(join(dir, 'labels.json'), JSON.stringify({ a: set, gone: {} }));
    const r = checkLabels(dir, { words: [50, 200], negative: ['a'] });
    expect(r.problems).toEqual(
      expect.arrayContaining([
        'gone: labels for a document that does not exist',
        'a DR-DELETION: quote is not an exact substring: "delete customer data within ninety days"',
        'a EC-CLASSIFICATION: partial used for an ID without a "partial when" case',
        'a AD-WATERMARK: missing must have an empty quote',
        'a DR-DELETION: negative control must be missing, is met',
      ]),
    );
  });

  it('reads CRLF as LF and leaves out a leading Source paragraph', () => {
    expect(documentText('Source: somewhere\r\n\r\nFirst line.\r\nSecond.')).toBe('First line.\nSecond.');
    expect(documentText('No source line.\n\nBody.')).toBe('No source line.\n\nBody.');
  });
});
