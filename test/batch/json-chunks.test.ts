// The JSON report written in pieces (check --format json) is byte for byte the rendered one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/index.js';
import { jsonReportChunks } from '../../src/cli/commands/check-line.js';
import { render } from '../../src/render/index.js';
import type { Report } from '../../src/types.js';

const doc = (file: string) => checkText(readFileSync(file, 'utf8'), { path: file, playbook: 'ai-buyer' });
const report = (documents: Report['documents']): Report => ({ schemaVersion: 1, tool: { name: 'clausecheck', version: '9.9.9' }, playbook: 'ai-buyer', documents });

describe('jsonReportChunks', () => {
  const docs = [doc('samples/weak-vendor-msa.txt'), doc('samples/data-processing-addendum.txt'), doc('test/corpus/docs/01-helioscale-api-terms.txt')];

  it('joins to render(report, "json") for one and for several documents, one piece per document', () => {
    for (const n of [1, 2, 3]) {
      const r = report(docs.slice(0, n));
      const chunks = [...jsonReportChunks(r)];
      expect(chunks.join('')).toBe(render(r, 'json'));
      expect(chunks).toHaveLength(n + 2);
    }
  });

  it('keeps a document whose text has quotes, backslashes and line breaks in its strings', () => {
    const odd = checkText('1. Data\n\nThe Provider shall delete "Customer Data" \\ within 30 days.\r\nIt shall not train models on it.', { path: 'odd "name".txt', playbook: 'ai-buyer' });
    const r = report([odd, docs[0]!]);
    expect([...jsonReportChunks(r)].join('')).toBe(render(r, 'json'));
  });

  it('renders a report without documents whole', () => {
    const r = report([]);
    expect([...jsonReportChunks(r)].join('')).toBe(render(r, 'json'));
  });
});
