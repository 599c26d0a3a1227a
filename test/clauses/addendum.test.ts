import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { buildAddendum, matchIds, playbookIds, reportGaps } from '../../src/clauses/addendum.js';
import { renderAddendumDocx } from '../../src/clauses/docx.js';
import { renderClause } from '../../src/clauses/index.js';
import { renderAddendumHtml, renderAddendumMarkdown } from '../../src/clauses/render.js';
import { cli } from './helpers.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import type { Report } from '../../src/types.js';
import { newProfile, sofficeConvert } from './soffice.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-addendum-'));
const profile = newProfile();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});
const buyer = loadPlaybook('ai-buyer');
const provider = loadPlaybook('ai-provider');

describe('selecting requirements', () => {
  it('--only patterns match IDs in catalog order', () => {
    expect(matchIds('EC-NOTIFICATION,DR-NO-*')).toEqual({ ids: ['DR-NO-TRAINING', 'EC-NOTIFICATION'], unmatched: [] });
    expect(matchIds('dr-*').ids).toHaveLength(9);
    expect(matchIds('AD-*, XX-1 ,').unmatched).toEqual(['XX-1']);
    expect(matchIds('*').ids).toEqual(REQUIREMENTS.map((r) => r.id));
  });

  it('--only patterns never reach a backtracking RegExp (a run of stars cannot hang the CLI)', () => {
    const test = vi.spyOn(RegExp.prototype, 'test');
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    let picked: string[];
    let calls: number;
    try {
      picked = matchIds('D*-*TRAIN*,*(*').ids;
    } finally {
      calls = test.mock.calls.length + exec.mock.calls.length;
      test.mockRestore();
      exec.mockRestore();
    }
    expect(picked).toEqual(['DR-NO-TRAINING']);
    expect(calls).toBe(0);
    expect(matchIds(`${'*'.repeat(40)}!`)).toEqual({ ids: [], unmatched: [`${'*'.repeat(40)}!`] });
    expect(matchIds(`${'*-'.repeat(3)}*`).ids).toEqual(REQUIREMENTS.map((r) => r.id).filter((id) => id.split('-').length >= 4));
    expect(matchIds('*R*R*-*S').ids).toEqual(['DR-RETENTION-EXCEPTIONS']);
    expect(matchIds('DR-*.*').ids).toEqual([]);
  });

  it('a playbook selects what it does not ignore', () => {
    expect(playbookIds(buyer)).not.toContain('AD-WATERMARK');
    expect(playbookIds(provider)).not.toContain('DR-LOG-ACCESS');
    expect(playbookIds(buyer)).toHaveLength(27);
  });

  it('the gaps of a report keep the worst status over documents', () => {
    const doc = (statuses: Record<string, string>) => ({
      path: 'x', format: 'txt', pages: 1, sha256: '', warnings: [],
      requirements: Object.entries(statuses).map(([id, status]) => ({ id, title: '', status, severity: 'low', evidence: [], suggestion: '', notes: [] })),
    });
    const report = { schemaVersion: 1, tool: { name: 'clausecheck', version: '0' }, playbook: 'ai-buyer', documents: [
      doc({ 'DR-NO-TRAINING': 'partial', 'EC-NOTIFICATION': 'met', 'DR-DELETION': 'missing' }),
      doc({ 'DR-NO-TRAINING': 'conflict', 'EC-NOTIFICATION': 'met', 'DR-DELETION': 'partial' }),
    ] } as unknown as Report;
    expect([...reportGaps(report)]).toEqual([['DR-NO-TRAINING', 'conflict'], ['DR-DELETION', 'missing']]);
  });
});

describe('the addendum model', () => {
  it('numbers sections and clauses, and maps each clause to its requirement', () => {
    const a = buildAddendum({ playbook: buyer, ids: ['EC-NOTIFICATION', 'DR-NO-TRAINING', 'DR-DELETION'] });
    expect(a.title).toBe('AI Services Addendum');
    expect(a.sections.map((s) => `${s.number} ${s.heading}`)).toEqual([
      '1 Definitions',
      '2 Customer Data: Use, Retention and Security',
      '3 Export Controls and Sanctions',
    ]);
    expect(a.map.map((m) => [m.clause, m.id])).toEqual([['2.1', 'DR-NO-TRAINING'], ['2.2', 'DR-DELETION'], ['3.1', 'EC-NOTIFICATION']]);
    expect(a.sections[1]!.clauses[0]!.paragraphs.join('\n\n')).toBe(renderClause('DR-NO-TRAINING', { playbook: buyer }).text);
    expect(a.intro[0]).toContain('[PROVIDER LEGAL NAME] ("Provider") and [CUSTOMER LEGAL NAME] ("Customer")');
  });

  it('defines only the terms its clauses use', () => {
    const a = buildAddendum({ playbook: buyer, ids: ['EC-NOTIFICATION'] });
    const terms = a.definitions.map((d) => d.term);
    expect(terms).toContain('Restricted Party');
    expect(terms).toContain('Export Control Laws');
    expect(terms).not.toContain('Usage Logs');
    expect(terms).not.toContain('Security Incident');
    expect(a.sections[0]!.clauses.map((c) => c.paragraphs[0]!.slice(0, 1))).toEqual(terms.map(() => '"'));
    const all = buildAddendum({ playbook: buyer, ids: REQUIREMENTS.map((r) => r.id) });
    expect(all.definitions.map((d) => d.term)).toContain('Usage Logs');
  });

  it('cross-references name the clause numbers when the clauses are present', () => {
    const full = buildAddendum({ playbook: buyer, ids: ['DR-RETENTION-PERIOD', 'DR-DELETION', 'DR-RETENTION-EXCEPTIONS'] });
    const exceptions = full.sections[1]!.clauses[2]!.paragraphs[0]!;
    expect(exceptions).toContain('beyond the retention and deletion periods of Sections 2.1 and 2.2 only');
    const alone = buildAddendum({ playbook: buyer, ids: ['DR-RETENTION-EXCEPTIONS'] });
    expect(alone.sections[1]!.clauses[0]!.paragraphs[0]).toContain('beyond the retention and deletion periods of the Agreement only');
  });

  it('Markdown and HTML carry every clause; HTML escapes what the playbook says', () => {
    const p = join(dir, 'evil.yaml');
    writeFileSync(p, 'extends: ai-buyer\nparams:\n  provider-legal-name: "<script>alert(1)</script> & Co"\n');
    const a = buildAddendum({ playbook: loadPlaybook(p), ids: ['DR-NO-TRAINING', 'EC-COMPLIANCE'] });
    const md = renderAddendumMarkdown(a);
    expect(md).toMatch(/^# AI Services Addendum\n/);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\& Co');
    expect(md).toContain('2.1 **No Training on Customer Data.** Provider shall not use Customer Data');
    expect(md).toContain('| 2.1 | No Training on Customer Data | DR-NO-TRAINING |');
    expect(md).toContain('| 3.1 | Export Control and Sanctions Compliance | EC-COMPLIANCE |');
    const html = renderAddendumHtml(a);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).toContain('data-requirement="DR-NO-TRAINING"');
    expect(html).toContain('Provider shall not use Customer Data, including Input and Output, to train');
  });
});

describe('the DOCX addendum', () => {
  let bytes: Buffer;
  let text: string;
  const addendum = buildAddendum({ playbook: provider, ids: ['AD-OUTPUT-USE', 'DR-RETENTION-EXCEPTIONS', 'EC-END-USE'] });
  beforeAll(async () => {
    bytes = await renderAddendumDocx(addendum);
    const file = join(dir, 'addendum.docx');
    writeFileSync(file, bytes);
    text = sofficeConvert(file, 'txt', profile);
  }, 240_000); // LibreOffice: first start with a fresh profile is slow on a busy machine

  it('opens in LibreOffice with the clause text and Word numbering', () => {
    expect(text).toContain('AI Services Addendum');
    expect(text).toMatch(/2\.1\s+No Model Development from the Services or Output\. Customer shall not, and shall not permit/);
    expect(text).toMatch(/3\.1\s+Exceptions to Deletion\. Provider may retain Customer Data/);
    expect(text).toMatch(/\(a\)\s+to comply with applicable law, a court order or a legal hold/);
    expect(text).toMatch(/4\.1\s+Prohibited End Uses\./);
    expect(text).toMatch(/1\.\d+\s+"Controlled Technology" means/);
    expect(text).toContain('Schedule 1. Requirement Map');
    expect(text).toContain('EC-END-USE');
  });

  it('uses real numbering and headings, not typed numbers', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const numbering = await zip.file('word/numbering.xml')!.async('string');
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(numbering).toContain('w:val="%1.%2"');
    expect(numbering).toContain('w:val="(%3)"');
    expect(doc).toContain('<w:numPr>');
    expect(doc).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(doc).not.toContain('>2.1 '); // numbers come from numbering.xml, not from the text
  });

  it('is byte-for-byte deterministic', async () => {
    expect((await renderAddendumDocx(addendum)).equals(bytes)).toBe(true);
  });
});

describe('clausecheck clauses', () => {
  it('writes a Markdown addendum for a selection', async () => {
    const out = join(dir, 'dr.md');
    const r = await cli('clauses', '--only', 'DR-*', '--position', 'fallback', '-o', out);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    const md = readFileSync(out, 'utf8');
    for (const id of matchIds('DR-*').ids) expect(md).toContain(`| ${id} |`);
    expect(md).not.toContain('| EC-');
    expect(md).toContain('fallback position');
  });

  it('prints to stdout without --output, and picks the format from the extension', async () => {
    const r = await cli('clauses', '--playbook', 'ai-provider', '--only', 'AD-RATE-LIMITS');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2.1 **Usage Limits.** Provider may set, and may change from time to time');
    const html = join(dir, 'a.html');
    expect((await cli('clauses', '--only', 'EC-*', '-o', html)).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const docx = join(dir, 'a.docx');
    expect((await cli('clauses', '-o', docx)).code).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });

  it('--from-report writes only the clauses for the report gaps', async () => {
    const doc = (statuses: Record<string, string>) => ({
      path: 'c.txt', format: 'txt', pages: 1, sha256: 'a'.repeat(64), warnings: [],
      requirements: REQUIREMENTS.map((q) => ({ id: q.id, title: q.title, status: statuses[q.id] ?? 'met', severity: 'none', evidence: [], suggestion: '', notes: [] })),
    });
    const report = { schemaVersion: 1, tool: { name: 'clausecheck', version: '0.1.0' }, playbook: 'ai-provider', documents: [doc({ 'AD-EXTRACTION': 'missing', 'DR-NO-TRAINING': 'conflict', 'DR-LOG-ACCESS': 'missing' })] };
    const rp = join(dir, 'report.json');
    writeFileSync(rp, JSON.stringify(report));
    const r = await cli('clauses', '--from-report', rp);
    expect(r.code).toBe(0);
    // The report's playbook (ai-provider) is used; it ignores DR-LOG-ACCESS.
    expect(r.out).toContain('| 2.1 | No Scraping or Systematic Extraction | AD-EXTRACTION |');
    expect(r.out).toContain('| 3.1 | Training Only with Opt-In | DR-NO-TRAINING |');
    expect(r.out).not.toContain('DR-LOG-ACCESS');
    expect(r.out).toContain('This clause prevails over any provision of the Agreement that is inconsistent with it.');
    const none = join(dir, 'clean.json');
    writeFileSync(none, JSON.stringify({ ...report, documents: [doc({})] }));
    const out = join(dir, 'nothing.md');
    const n = await cli('clauses', '--from-report', none, '-o', out);
    expect(n.code).toBe(0);
    expect(n.err).toContain('no gaps to address');
    expect(existsSync(out)).toBe(false);
  });

  it('errors are one line, exit 2, and leave no output file', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'extends: ai-buyer\nparams:\n  deletion-days: soon\n');
    const cases: Array<[string[], RegExp]> = [
      [['--playbook', bad], /^clausecheck: .*bad\.yaml:3:18: \/params\/deletion-days must be a whole number\n$/],
      [['--only', 'ZZ-*'], /^clausecheck: --only: 'ZZ-\*' matches no requirement ID/],
      [['--format', 'docx'], /^clausecheck: docx output needs --output FILE\n$/],
      [['--from-report', join(dir, 'missing.json')], /^clausecheck: .*missing\.json: report not found\n$/],
      [['--from-report', bad], /^clausecheck: .*bad\.yaml: not JSON/],
      [['--position', 'middle'], /^clausecheck: .*position/i],
    ];
    for (const [args, err] of cases) {
      const before = readdirSync(dir).length;
      const out = join(dir, 'should-not-exist.md');
      const r = await cli('clauses', ...args, ...(args.includes('--format') ? [] : ['-o', out]));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(err);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).length).toBe(before); // no temp files left either
    }
  });

  it('a report that is JSON but not a report is refused', async () => {
    const p = join(dir, 'other.json');
    writeFileSync(p, JSON.stringify({ hello: 'world' }));
    const r = await cli('clauses', '--from-report', p);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/other\.json: not a clausecheck JSON report: /);
  });
});
