// The addendum for a checked contract: its parties and terms, an effective date, a signature block.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddendum } from '../../src/clauses/addendum.js';
import { renderAddendumDocx } from '../../src/clauses/docx.js';
import { readContractTerms } from '../../src/clauses/parties.js';
import { renderAddendumHtml, renderAddendumMarkdown } from '../../src/clauses/render.js';
import { cli } from './helpers.js';
import { loadPlaybook } from '../../src/playbook/index.js';

const MSA = new URL('../../samples/weak-vendor-msa.docx', import.meta.url).pathname;
const MSA_TEXT = readFileSync(new URL('../../samples/weak-vendor-msa.txt', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'cc-addendum-parties-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const buyer = loadPlaybook('ai-buyer');
const IDS = ['DR-NO-TRAINING', 'DR-SUBPROCESSORS', 'EC-COMPLIANCE'];

describe('an addendum in the contract\'s parties and terms', () => {
  const contract = readContractTerms(MSA_TEXT);
  const a = buildAddendum({ playbook: buyer, ids: IDS, contract });

  it('names the parties with their legal names and the agreement with its title and date', () => {
    expect(a.intro[0]).toBe(
      'This AI Services Addendum (this "Addendum") is made between Quillmark AI Ltd. ("Vendor") and Parkside Dental Group LLC ("Client"). ' +
        'It supplements the Master Subscription Agreement between them dated 14 January 2025 (the "Agreement"), under which Vendor provides ' +
        'artificial intelligence services to Client (those services, the "Services"), and it forms part of the Agreement.',
    );
    const md = renderAddendumMarkdown(a);
    expect(md).not.toContain('LEGAL NAME');
    // The body speaks the contract's language; the schedule quotes the catalog's requirement titles.
    expect(md.slice(0, md.indexOf('## Schedule 1'))).not.toMatch(/\b(?:Customer|Provider)\b/);
    expect(md).toContain('## 2. Client Data: Use, Retention and Security');
    expect(md).toContain('**No Training on Client Data.** Vendor shall not use Client Data, including Client Content and Outputs');
  });

  it('does not define again what the contract defines', () => {
    const terms = a.definitions.map((d) => d.term);
    expect(terms).toContain('Subprocessor');
    for (const t of ['Client Data', 'Customer Data', 'Client Content', 'Input', 'Output', 'Outputs', 'User']) expect(terms).not.toContain(t);
  });

  it('says when it takes effect: on the last signature, or on --effective-date', () => {
    expect(a.intro).toContain('This Addendum takes effect on the date on which the last of the parties signs it (the "Addendum Effective Date").');
    const dated = buildAddendum({ playbook: buyer, ids: IDS, contract, effectiveDate: new Date('2026-03-01T00:00:00Z') });
    expect(dated.intro[1]).toBe('This Addendum takes effect on 1 March 2026 (the "Addendum Effective Date") and applies from then on.');
  });

  it('ends with a signature block for both parties in every format, before the schedule', async () => {
    expect(a.signatures).toEqual([
      { legalName: 'Quillmark AI Ltd.', party: 'Vendor' },
      { legalName: 'Parkside Dental Group LLC', party: 'Client' },
    ]);
    const md = renderAddendumMarkdown(a);
    expect(md.indexOf('## Signatures')).toBeGreaterThan(md.indexOf('Export Control and Sanctions Compliance'));
    expect(md.indexOf('## Signatures')).toBeLessThan(md.indexOf('## Schedule 1'));
    expect(md.match(/^Signature: /gm)).toHaveLength(2);
    expect(md).toContain('**Quillmark AI Ltd.** ("Vendor")');
    const html = renderAddendumHtml(a);
    expect(html.match(/<p class="line">Signature:<\/p>/g)).toHaveLength(2);
    expect(html).toContain('Parkside Dental Group LLC (&ldquo;Client&rdquo;)');
    const xml = await (await JSZip.loadAsync(await renderAddendumDocx(a))).file('word/document.xml')!.async('string');
    const sig = xml.indexOf('>Signatures<');
    expect(sig).toBeGreaterThan(xml.indexOf('Export Control and Sanctions Compliance'));
    expect(sig).toBeLessThan(xml.indexOf('Schedule 1. Requirement Map'));
    expect((xml.slice(sig).match(/>Signature: </g) ?? []).length).toBe(2);
    expect(xml.slice(sig)).toContain('Quillmark AI Ltd.');
  });

  it('without a contract keeps the playbook\'s placeholders and still has the signature block', () => {
    const plain = buildAddendum({ playbook: buyer, ids: IDS });
    expect(plain.signatures[0]).toEqual({ legalName: '[PROVIDER LEGAL NAME]', party: 'Provider' });
    expect(plain.definitions.map((d) => d.term)).toContain('Customer Data');
  });
});

describe('clausecheck clauses --from-report', () => {
  const report = join(dir, 'report.json');
  beforeAll(async () => {
    const r = await cli('check', MSA, '-f', 'json', '-o', report);
    expect(r.err).toBe('');
  }, 120_000);

  it('takes the parties and terms from the contract the report checked', async () => {
    const r = await cli('clauses', '--from-report', report, '-f', 'md', '--effective-date', '2026-03-01');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('made between Quillmark AI Ltd. ("Vendor") and Parkside Dental Group LLC ("Client")');
    expect(r.out).toContain('takes effect on 1 March 2026');
    expect(r.out).not.toContain('LEGAL NAME');
    expect(r.out.slice(0, r.out.indexOf('## Schedule 1'))).not.toMatch(/\b(?:Customer|Provider)\b/);
  });

  it('keeps the placeholders, with a note, when the checked contract is gone', async () => {
    const moved = join(dir, 'moved.json');
    const data = JSON.parse(readFileSync(report, 'utf8'));
    data.documents[0].path = join(dir, 'no-such-contract.docx');
    writeFileSync(moved, JSON.stringify(data));
    const r = await cli('clauses', '--from-report', moved, '-f', 'md');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^clausecheck: note: .*no-such-contract\.docx .*not found.*placeholders\n$/);
    expect(r.out).toContain('\\[PROVIDER LEGAL NAME\\] ("Provider")');
  });

  it('refuses an impossible --effective-date in one line (exit 2)', async () => {
    const r = await cli('clauses', '--only', 'DR-NO-TRAINING', '-f', 'md', '--effective-date', '2026-02-30');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('--effective-date 2026-02-30');
    expect(r.out).toBe('');
  });
});
