import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/render/index.js';
import { mdEscape, mdFence } from '../../src/render/markdown.js';
import { makeReport } from './fixtures.js';

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;

/** Split a GFM table row on unescaped pipes. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
}

describe('markdown renderer', () => {
  const md = render(makeReport(), 'md');

  it('has a summary table per document with one row per requirement and five cells each', () => {
    const headers = md.split('\n').filter((l) => l === '| ID | status | severity | where | evidence |');
    expect(headers).toHaveLength(2);
    const rows = md.split('\n').filter((l) => /^\| (AD|DR|EC)-/.test(l));
    expect(rows).toHaveLength(56);
    for (const row of rows) expect(cells(row)).toHaveLength(5);
  });

  it('escapes pipes and backticks of a quote inside a table cell', () => {
    const row = md.split('\n').find((l) => l.startsWith('| AD-OUTPUT-USE | partial'))!;
    expect(cells(row)).toEqual([
      'AD-OUTPUT-USE',
      'partial',
      'critical',
      'p.2 §4.1',
      '“Fees \\| Credits are listed in \\`Schedule C\\` and \\`\\`Annex\\` D\\`\\`.”',
    ]);
  });

  it('shows evidence that several rules found once', () => {
    // A text file has no page breaks: no invented p.1, and no section either here.
    expect(md).toContain('| DR-RETENTION-PERIOD | conflict | high | — | “Provider may retain logs indefinitely.” |\n');
    expect(md.split('- text (conflict): “Provider may retain logs indefinitely.”')).toHaveLength(2);
  });

  it('escapes a leading #, raw HTML and emphasis characters', () => {
    expect(mdEscape('# Heading-like clause')).toBe('\\# Heading-like clause');
    expect(mdEscape('1. First')).toBe('1\\. First');
    expect(mdEscape('version 0.1.0')).toBe('version 0.1.0');
    expect(mdEscape('<script>x</script> *a* _b_ [c](d) a|b')).toBe('\\<script\\>x\\</script\\> \\*a\\* \\_b\\_ \\[c\\](d) a\\|b');
    expect(mdEscape('line one\nline two')).toBe('line one line two');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>window.\\_\\_pwned = 1\\</script\\>');
  });

  it('puts each gap with its suggested clause in a fenced block that inner backticks cannot close', () => {
    expect(md).toContain('#### DR-NO-TRAINING — conflict, critical\n\nNo training on customer data\n\n');
    expect(md).toContain(
      'Suggested clause:\n\n```text\nProvider shall not use Customer Data, Inputs or Outputs to train, retrain or improve any model.\n```\n',
    );
    expect(md).toContain('````text\nCustomer shall not use Outputs to develop models.\nSee ```fenced``` note.\n````\n');
    expect(mdFence('a ````` b')).toBe('``````text\na ````` b\n``````');
    expect(md).not.toContain('must not be printed'); // met requirements are not gaps
    const gapHeadings = md.split('\n').filter((l) => l.startsWith('#### '));
    expect(gapHeadings).toHaveLength(54); // EC-CLASSIFICATION of the DOCX is ignored by the playbook
  });

  it.skipIf(!hasPandoc)('parses as GFM into the intended table cells and no HTML element from contract text (pandoc)', () => {
    const html = execFileSync('pandoc', ['-f', 'gfm', '-t', 'html', '--wrap=none'], { input: md, encoding: 'utf8' });
    expect(html).toContain('<td>“Fees | Credits are listed in `Schedule C` and ``Annex` D``.”</td>');
    expect(html).toContain('<td>“# Provider may keep a copy of Outputs for its records.”</td>');
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('<pre class="text"><code>Customer shall not use Outputs to develop models.\nSee ```fenced``` note.</code></pre>');
  });

  it('is byte-identical on re-run and ends with a single newline', () => {
    expect(render(makeReport(), 'md')).toBe(md);
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
    expect(md).not.toMatch(/\n\n\n/);
  });
});
