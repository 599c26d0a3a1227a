// Issue 12 (reports): a summary on top of every multi-document report, `ignore` requirements apart,
// project files skipped in folder runs, the format from -o's extension, no invented page numbers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { checkFiles, expandInputs, isProjectFile } from '../../src/check/index.js';
import { reportFormat } from '../../src/cli/commands/check.js';
import { gapSummary, isGap, isIgnored, pagesKnown, summaryMatrix } from '../../src/render/common.js';
import { render } from '../../src/render/index.js';
import { ingest } from '../../src/ingest/index.js';
import { makeReport } from './fixtures.js';

describe('summary of a multi-document report', () => {
  const report = makeReport();
  const one = { ...report, documents: [report.documents[0]!] };

  it('has one row per document and one mark per requirement, with gaps by severity', () => {
    const { ids, rows } = summaryMatrix(report.documents);
    expect(ids).toHaveLength(28);
    expect(rows.map((r) => r.cells.length)).toEqual([28, 28]);
    // Every gap of a document is counted once under its severity.
    rows.forEach((row, i) => {
      const doc = report.documents[i]!;
      expect(row.gaps).toBe(doc.requirements.filter(isGap).length);
      expect(row.severities.reduce((n, s) => n + s.count, 0)).toBe(row.gaps);
    });
    expect(rows[1]!.cells.find((c) => c.id === 'EC-CLASSIFICATION')).toMatchObject({ ignored: true, mark: '·' });
  });

  it('comes first in text, Markdown and HTML when there are several documents, and not for one', () => {
    const text = render(report, 'text');
    expect(text.startsWith('Summary · 2 documents · 54 gaps')).toBe(true);
    expect(text.indexOf('Summary ·')).toBeLessThan(text.indexOf('contracts/acme ai msa.txt  txt'));
    expect(render(one, 'text')).not.toContain('Summary ·');

    const md = render(report, 'md');
    expect(md).toContain('## Summary');
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('## contracts/acme ai msa.txt'));
    expect(md).toMatch(/\| vendor\/terms\.docx \| `[✓~✗!·]{10}` \| `[✓~✗!·]{9}` \| `[✓~✗!·]{7}·[✓~✗!·]` \| \d+ \| \d+ \| \d+ \| \d+ \|/);
    expect(render(one, 'md')).not.toContain('## Summary');

    const html = render(report, 'html');
    expect(html).toContain('<table class="matrix">');
    expect(html.match(/<td class="m s-/g)).toHaveLength(56);
    expect(html).toContain('<a href="#doc-2">vendor/terms.docx</a>');
    expect(html).toContain('<section class="document" id="doc-2">');
    expect(render(one, 'html')).not.toContain('<table class="matrix">');
  });
});

describe('requirements the playbook ignores', () => {
  const report = makeReport();
  const ignored = report.documents[1]!.requirements.find((r) => r.id === 'EC-CLASSIFICATION')!;

  it('are not gaps and are not counted', () => {
    expect(isIgnored(ignored)).toBe(true);
    expect(isGap(ignored)).toBe(false);
    const all = report.documents.flatMap((d) => d.requirements).filter((r) => r.status !== 'met').length;
    expect(gapSummary(report.documents).gaps).toBe(all - 1);
  });

  it('are listed apart in every human format', () => {
    expect(render(report, 'text')).toContain('ignored by the playbook (not counted as gaps): EC-CLASSIFICATION (missing)');
    const md = render(report, 'md');
    expect(md).toContain('### Ignored by the playbook\n\nNot assessed and not counted as gaps:\n\n- EC-CLASSIFICATION (missing)');
    expect(md.slice(md.indexOf('## vendor/terms.docx'))).not.toMatch(/#### EC-CLASSIFICATION/);
    expect(render(report, 'html')).toContain('<h2 class="ignored">Ignored by the playbook (not counted as gaps)</h2>');
    const sarif = JSON.parse(render(report, 'sarif')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(sarif.runs[0]!.results.some((r) => r.ruleId === 'EC-CLASSIFICATION' && r.locations[0]!.physicalLocation.artifactLocation.uri.includes('terms.docx'))).toBe(false);
  });
});

describe('folder runs and output formats', () => {
  it('skips README, CHANGELOG, CONTRIBUTING and capitalised LICENSE files in a folder, not a contract named licence.txt', () => {
    expect(['README.md', 'readme.txt', 'CHANGELOG.md', 'CONTRIBUTING.md', 'LICENSE', 'LICENSE.md', 'CODE_OF_CONDUCT.md'].filter((n) => !isProjectFile(n))).toEqual([]);
    expect(['licence.txt', 'master-services-agreement.pdf', 'license-agreement.docx', 'readme-terms.txt'].filter(isProjectFile)).toEqual([]);
    const files = expandInputs(['samples']);
    expect(files).not.toContain('samples/README.md');
    expect(files).toContain('samples/portfolio/saltmarsh-ocr/licence.txt');
    // Named explicitly, it is checked.
    expect(expandInputs(['samples/README.md'])).toEqual(['samples/README.md']);
  });

  it('takes the format from the --output extension unless --format says otherwise', () => {
    expect(reportFormat(undefined, 'report.html')).toBe('html');
    expect(reportFormat(undefined, 'out/REPORT.HTM')).toBe('html');
    expect(reportFormat(undefined, 'r.md')).toBe('md');
    expect(reportFormat(undefined, 'r.json')).toBe('json');
    expect(reportFormat(undefined, 'r.jsonl')).toBe('jsonl');
    expect(reportFormat(undefined, 'r.sarif')).toBe('sarif');
    expect(reportFormat(undefined, 'r.sarif.json')).toBe('sarif');
    expect(reportFormat(undefined, 'r.log')).toBe('text');
    expect(reportFormat(undefined, undefined)).toBe('text');
    expect(reportFormat('json', 'report.html')).toBe('json');
  });
});

describe('page numbers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-pages-'));
  const docx = async (name: string, paras: Paragraph[]) => {
    const file = join(dir, name);
    writeFileSync(file, await Packer.toBuffer(new Document({ sections: [{ children: paras }] })));
    return file;
  };
  const clause = (t: string) => new Paragraph({ children: [new TextRun(t)] });

  it('come from Word page breaks in a DOCX that has them', async () => {
    const file = await docx('paged.docx', [
      clause('1. Definitions. Words have their ordinary meaning.'),
      new Paragraph({ children: [new PageBreak()] }),
      clause('2. Customer shall not use any Output to train any machine learning model that competes with the Services.'),
      new Paragraph({ pageBreakBefore: true, children: [new TextRun('3. Provider shall not use Customer Data to train or improve any model.')] }),
    ]);
    const source = await ingest(file);
    expect(source.pageStarts).toHaveLength(3);
    const report = await checkFiles([file]);
    const doc = report.documents[0]!;
    expect(pagesKnown(doc)).toBe(true);
    const byId = new Map(doc.requirements.map((r) => [r.id, r]));
    expect(byId.get('AD-OUTPUT-USE')!.evidence[0]!.page).toBe(2);
    expect(byId.get('DR-NO-TRAINING')!.evidence[0]!.page).toBe(3);
    expect(render(report, 'text')).toMatch(/ p\.3 §3 {2}"3\. Provider shall not use Customer Data/);
  });

  it('are never invented for a DOCX or text without page breaks: the section alone', async () => {
    const file = await docx('flat.docx', [
      clause('1. Definitions. Words have their ordinary meaning.'),
      clause('2. Customer shall not use any Output to train any machine learning model that competes with the Services.'),
    ]);
    const txt = join(dir, 'flat.txt');
    writeFileSync(txt, readFileSync('samples/weak-vendor-msa.txt'));
    const report = await checkFiles([file, txt]);
    for (const doc of report.documents) expect(pagesKnown(doc), doc.path).toBe(false);
    for (const format of ['text', 'md', 'html'] as const) {
      const out = render(report, format);
      expect(out, format).not.toMatch(/\bp\.\d/);
      expect(out, format).toContain('§2');
    }
    // The JSON keeps its schema (page 1 for the one page there is).
    expect(report.documents[0]!.requirements.find((r) => r.id === 'AD-OUTPUT-USE')!.evidence[0]!.page).toBe(1);
  });
});
