// The redline of a contract with its own party names (Vendor, Client), defined terms (Client Data,
// Outputs), Word numbering and conflicting clauses: what a lawyer would send back.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/index.js';
import { renderClause } from '../../src/clauses/index.js';
import { readContractTerms, playbookInContractTerms } from '../../src/clauses/parties.js';
import { END_SECTION_HEADING, type RedlinePlacement, writeRedline } from '../../src/clauses/redline.js';
import { readDocxParagraphs } from '../../src/ingest/docx-numbering.js';
import { ingest } from '../../src/ingest/index.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import type { RequirementResult } from '../../src/types.js';
import { acceptAllDocx } from './accept-all.js';
import { hasSoffice, newProfile, sofficePdf } from './soffice.js';

const MSA = new URL('../../samples/weak-vendor-msa.docx', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cc-redline-msa-'));
const profile = newProfile();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});
const buyer = loadPlaybook('ai-buyer');
const DATE = new Date('2026-03-02T09:30:00Z');
const AUTHOR = 'A. Reviewer';

const count = (s: string, sub: string) => s.split(sub).length - 1;

describe('redline of weak-vendor-msa.docx', () => {
  const out = join(dir, 'redline.docx');
  const accepted = join(dir, 'accepted.docx');
  let results: RequirementResult[];
  let addressed: RequirementResult[];
  let placements: RedlinePlacement[];
  let xml: string;
  let zip: JSZip;
  let acceptedText: string;
  let recheck: Map<string, RequirementResult>;

  beforeAll(async () => {
    results = (await checkFiles([MSA], { playbook: 'ai-buyer' })).documents[0]!.requirements;
    addressed = results.filter((r) => r.status !== 'met' && r.suggestion.trim() !== '');
    placements = await writeRedline(MSA, results, out, { playbook: buyer, author: AUTHOR, date: DATE });
    zip = await JSZip.loadAsync(readFileSync(out));
    xml = await zip.file('word/document.xml')!.async('string');
    writeFileSync(accepted, await acceptAllDocx(readFileSync(out)));
    acceptedText = (await ingest(accepted)).text;
    const again = (await checkFiles([accepted], { playbook: 'ai-buyer' })).documents[0]!.requirements;
    recheck = new Map(again.map((r) => [r.id, r]));
  }, 120_000);

  it('the sample has the gaps this test is about (conflicts among them)', () => {
    expect(addressed.length).toBeGreaterThan(15);
    expect(addressed.filter((r) => r.status === 'conflict').map((r) => r.id)).toEqual(
      expect.arrayContaining(['DR-NO-TRAINING', 'DR-RETENTION-PERIOD', 'DR-DELETION', 'EC-CHANGE-IN-LAW']),
    );
  });

  it('with every tracked change accepted, every gap the redline addressed is met', () => {
    expect(placements.map((p) => p.id).sort()).toEqual(addressed.map((r) => r.id).sort());
    const notMet = addressed.filter((r) => recheck.get(r.id)?.status !== 'met').map((r) => `${r.id}: ${recheck.get(r.id)?.status}`);
    expect(notMet).toEqual([]);
  });

  it('writes the inserted text in the contract\'s names and terms (Vendor, Client, Client Data), never Provider/Customer', () => {
    const inserted = [...xml.matchAll(/<w:ins\b[^>]*>([\s\S]*?)<\/w:ins>/g)].map((m) => [...m[1]!.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('\n');
    expect(inserted).toContain('Vendor shall not use Client Data, including Client Content and Outputs, to train');
    expect(inserted).not.toMatch(/\b(?:Customer|Provider)\b/);
  });

  it('inserts each clause once and each definition once, and only definitions the contract lacks', () => {
    const pb = playbookInContractTerms(buyer, readContractTerms(acceptedText));
    for (const r of addressed) {
      const c = renderClause(r.id, { playbook: pb });
      const opening = `${c.caption}. ${c.text.slice(0, 40)}`;
      expect(count(acceptedText, opening), `${r.id}: ${opening}`).toBe(1);
      expect(count(acceptedText, c.text.split('\n\n')[0]!), r.id).toBe(1);
    }
    expect(acceptedText).not.toContain('For the purposes of this clause');
    const defined = [...acceptedText.matchAll(/"([^"]+)" means/g)].map((m) => m[1]!);
    expect(defined.length).toBeGreaterThan(8);
    expect(new Set(defined).size).toBe(defined.length);
    expect(defined).toContain('Export Control Laws');
    // The contract's own "Client Data", "Outputs", "Users" are not defined again under other names.
    expect(defined).not.toContain('Customer Data');
    expect(defined).not.toContain('Output');
    expect(defined).not.toContain('Authorized User');
  });

  it('strikes each conflicting sentence as a tracked deletion with its replacement beside it', () => {
    const deleted = [...xml.matchAll(/<w:delText\b[^>]*>([^<]*)<\/w:delText>/g)].map((m) => m[1]).join('\n');
    expect(deleted).toContain('to train, develop and improve its machine learning models and services.'); // 4.2
    expect(deleted).toContain('Vendor may retain Client Data indefinitely'); // 4.4
    expect(deleted).toContain('with or without a reason'); // 6.2
    const dels = xml.match(/<w:del\b[^>]*>[\s\S]*?<\/w:del>/g) ?? [];
    expect(dels.length).toBeGreaterThanOrEqual(6);
    // Each deletion is followed by its insertion in the same paragraph.
    expect(count(xml, '</w:del><w:ins ')).toBe(dels.length);
    // Accepted, the struck sentences are gone and their replacements stand.
    expect(acceptedText).not.toContain('Vendor may retain Client Data indefinitely');
    expect(acceptedText).toMatch(/Retention of Input and Output\. Vendor shall not retain Client Content or Outputs/);
    // A struck sentence whose requirement's clause replaced another one points to it.
    // ("Section 4.3", "Sections 4.3 and 4.4", "Sections 4.3, 4.4 and 4.7", in document order)
    expect(acceptedText).toMatch(/\[Deleted; see Sections? 4\.\d+(?:(?:, 4\.\d+)* and 4\.\d+)?\.\]/);
    const listed = [...acceptedText.matchAll(/\[Deleted; see Sections ([^\]]*)\.\]/g)].map((m) => m[1]!.split(/, | and /).map(Number));
    for (const nums of listed) expect(nums).toEqual([...nums].sort((a, b) => a - b));
  });

  it('explains each deletion in a Word comment naming the requirement and why', async () => {
    const comments = await zip.file('word/comments.xml')!.async('string');
    const refs = [...xml.matchAll(/<w:commentReference w:id="(\d+)"\/>/g)].map((m) => m[1]!);
    const ids = [...comments.matchAll(/<w:comment w:id="(\d+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(addressed.length);
    expect(new Set(ids)).toEqual(new Set(refs));
    expect(comments).toContain('DR-NO-TRAINING (Customer inputs and outputs are not used to train');
    expect(comments).toContain('is in conflict: Provider may use customer data or content to train, improve or develop models.');
    // A struck sentence whose clause sits elsewhere says where.
    expect(comments).toMatch(/The clause for DR-DELETION is at Section 4\.\d+\./);
    expect(comments).not.toContain('{{');
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('PartName="/word/comments.xml"');
    expect(await zip.file('word/_rels/document.xml.rels')!.async('string')).toMatch(/relationships\/comments" Target="comments.xml"/);
    // Every deletion sits inside a comment's range.
    for (const m of xml.matchAll(/<w:del\b/g)) {
      const before = xml.slice(0, m.index);
      expect(before.lastIndexOf('<w:commentRangeStart')).toBeGreaterThan(before.lastIndexOf('<w:commentRangeEnd'));
    }
  });

  it('dates and signs every revision and comment with --date and --author', async () => {
    const marks = [...xml.matchAll(/<w:(?:ins|del)\b([^>]*)>/g)].map((m) => m[1]!);
    const comments = await zip.file('word/comments.xml')!.async('string');
    marks.push(...[...comments.matchAll(/<w:comment\b([^>]*)>/g)].map((m) => m[1]!));
    expect(marks.length).toBeGreaterThan(50);
    for (const a of marks) {
      expect(a).toContain('w:author="A. Reviewer"');
      expect(a).toContain('w:date="2026-03-02T09:30:00Z"');
    }
  });

  it('numbers new clauses in the contract\'s own Word numbering, next to their topic or in one new section', async () => {
    const a = await JSZip.loadAsync(readFileSync(accepted));
    const paras = readDocxParagraphs(
      await a.file('word/document.xml')!.async('string'),
      await a.file('word/numbering.xml')!.async('string'),
      await a.file('word/styles.xml')!.async('string'),
    );
    const label = (start: string) => paras.find((p) => p.text.startsWith(start))?.label;
    expect(label(END_SECTION_HEADING)).toBe('9.');
    expect(label('Subprocessors.')).toMatch(/^4\.\d+$/);
    expect(label('"Export Control Laws" means')).toMatch(/^1\.\d+$/);
    expect(count(acceptedText, END_SECTION_HEADING)).toBe(1);
    const where = new Map(placements.map((p) => [p.id, p]));
    // Export-control clauses go together into the new section, not into Subscription or Restrictions.
    for (const [id, p] of where) if (id.startsWith('EC-') && id !== 'EC-CHANGE-IN-LAW') expect(p, id).toMatchObject({ after: 'end', number: expect.stringMatching(/^9\.\d+$/) });
    expect(where.get('DR-SUBPROCESSORS')).toMatchObject({ after: '4' });
    expect(where.get('AD-EXTRACTION')).toMatchObject({ after: '3' });
    expect(where.get('DR-NO-TRAINING')).toMatchObject({ after: 'replaces', number: '4.2' });
    // The original clauses keep their numbers.
    expect(label('Vendor may increase the Subscription Fees')).toBe('5.2');
    expect(label('Each party shall comply with all applicable laws')).toBe('8.1');
  });

  it.skipIf(!hasSoffice())('opens in LibreOffice and stays a sane length (the 3-page contract does not become 14 pages)', () => {
    const before = sofficePdf(MSA, profile);
    const after = sofficePdf(out, profile);
    expect(before.pages).toBeLessThanOrEqual(3);
    expect(after.pages).toBeGreaterThan(before.pages);
    expect(after.pages).toBeLessThanOrEqual(8);
    // Screenshots of the pages for a person to look at: CC_SCREENSHOT_DIR=folder npx vitest run ...
    const shots = process.env.CC_SCREENSHOT_DIR;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', after.pdf, join(shots, 'redline-page')]);
    }
  }, 400_000);

  it('dates revisions with the run\'s time when no date is given', async () => {
    const t0 = Math.floor(Date.now() / 1000) * 1000;
    const plain = join(dir, 'now.docx');
    await writeRedline(MSA, results, plain, { playbook: buyer });
    const t1 = Date.now();
    const doc = await (await JSZip.loadAsync(readFileSync(plain))).file('word/document.xml')!.async('string');
    const dates = new Set([...doc.matchAll(/<w:ins\b[^>]*w:date="([^"]+)"/g)].map((m) => m[1]!));
    expect(dates.size).toBe(1);
    const d = new Date([...dates][0]!).getTime();
    expect(d).toBeGreaterThanOrEqual(t0);
    expect(d).toBeLessThanOrEqual(t1);
    expect(doc).toContain('w:author="clausecheck"');
  });
});

describe('redline of a partial requirement held back by a carve-out (data-processing-addendum.docx)', () => {
  const DPA = new URL('../../samples/data-processing-addendum.docx', import.meta.url).pathname;

  it('strikes the carve-out with the clause beside it, so that accepted, every addressed gap is met', async () => {
    const results = (await checkFiles([DPA], { playbook: 'ai-buyer' })).documents[0]!.requirements;
    const training = results.find((r) => r.id === 'DR-NO-TRAINING')!;
    expect(training.status).toBe('partial');
    expect(training.evidence.some((e) => (e.rules ?? [e.rule]).includes('data-retention/no-training-partial-deidentified'))).toBe(true);
    const out = join(dir, 'dpa.docx');
    const placements = await writeRedline(DPA, results, out, { playbook: buyer, date: DATE });
    expect(placements.find((p) => p.id === 'DR-NO-TRAINING')).toMatchObject({ after: 'replaces', number: '2.3' });
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
    expect([...xml.matchAll(/<w:delText\b[^>]*>([^<]*)<\/w:delText>/g)].map((m) => m[1]).join('')).toContain('use de-identified and aggregated data derived from Transcripts');
    const comments = await (await JSZip.loadAsync(readFileSync(out))).file('word/comments.xml')!.async('string');
    expect(comments).toContain('is only partly met because of this carve-out: De-identified, anonymized or aggregated customer data is still used for training.');
    const accepted = join(dir, 'dpa-accepted.docx');
    writeFileSync(accepted, await acceptAllDocx(readFileSync(out)));
    const again = new Map((await checkFiles([accepted], { playbook: 'ai-buyer' })).documents[0]!.requirements.map((r) => [r.id, r.status]));
    const addressed = results.filter((r) => r.status !== 'met' && r.suggestion.trim() !== '');
    expect(addressed.filter((r) => again.get(r.id) !== 'met').map((r) => r.id)).toEqual([]);
  }, 120_000);

  it('strikes only the exception of a sentence that also carries another requirement\'s met duty', async () => {
    const provider = loadPlaybook('ai-provider');
    const results = (await checkFiles([DPA], { playbook: provider })).documents[0]!.requirements;
    const deletion = results.find((r) => r.id === 'DR-DELETION')!;
    expect(deletion.status).toBe('met');
    const exceptions = results.find((r) => r.id === 'DR-RETENTION-EXCEPTIONS')!;
    expect(exceptions.status).toBe('partial');
    const out = join(dir, 'dpa-provider.docx');
    await writeRedline(DPA, results, out, { playbook: provider, date: DATE });
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
    const struck = [...xml.matchAll(/<w:delText\b[^>]*>([^<]*)<\/w:delText>/g)].map((m) => m[1]!);
    // The law exception goes; the 30-day deletion duty of the same sentence stays in the text.
    expect(struck.some((t) => /^,?\s*unless\b.*law requires/.test(t))).toBe(true);
    expect(struck.join(' ')).not.toContain('delete or return all');
    const accepted = join(dir, 'dpa-provider-accepted.docx');
    writeFileSync(accepted, await acceptAllDocx(readFileSync(out)));
    const again = new Map((await checkFiles([accepted], { playbook: provider })).documents[0]!.requirements.map((r) => [r.id, r.status]));
    expect(again.get('DR-DELETION')).toBe('met');
    expect(again.get('DR-RETENTION-EXCEPTIONS')).toBe('met');
  }, 120_000);
});
