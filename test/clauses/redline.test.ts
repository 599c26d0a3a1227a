import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { renderClause, suggestClause } from '../../src/clauses/index.js';
import { END_SECTION_HEADING, type RedlinePlacement, writeRedline } from '../../src/clauses/redline.js';
import { readDocxParagraphs } from '../../src/ingest/docx-numbering.js';
import { ingest } from '../../src/ingest/index.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import type { Evidence, RequirementResult, Status } from '../../src/types.js';
import { InputError } from '../../src/types.js';
import { newProfile, sofficeConvert } from './soffice.js';

const SAMPLE = new URL('../../samples/data-processing-addendum.docx', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cc-redline-'));
const profile = newProfile();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});
const buyer = loadPlaybook('ai-buyer');
const FIXED = new Date('2025-01-01T00:00:00Z');

function result(id: string, status: Status, evidence: Evidence[], suggestion: string): RequirementResult {
  return { id, title: REQUIREMENTS.find((r) => r.id === id)!.title, status, severity: 'high', evidence, suggestion, notes: [] };
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('writeRedline', () => {
  const out = join(dir, 'redline.docx');
  const trainingQuote = 'Provider may, however, use de-identified and aggregated data derived from Transcripts';
  let results: RequirementResult[];
  let placements: RedlinePlacement[];
  let inputHash: string;
  let text: string;
  let fodt: string;

  beforeAll(async () => {
    inputHash = sha(SAMPLE);
    // Evidence as the check pipeline gives it: offsets into the text ingest extracts from the DOCX.
    const source = await ingest(SAMPLE);
    const start = source.text.indexOf(trainingQuote);
    expect(start).toBeGreaterThan(0);
    const evidence: Evidence = { quote: trainingQuote, page: 1, section: '2.3', start, end: start + trainingQuote.length, rule: 'data-retention/x', proves: 'partial' };
    results = [
      result('AD-SUSPENSION', 'missing', [], ''), // no suggestion: nothing to insert
      result('DR-NO-TRAINING', 'partial', [evidence], suggestClause('DR-NO-TRAINING', { playbook: buyer, status: 'partial' })),
      result('DR-BREACH-NOTICE', 'met', [], 'A met requirement is never inserted.'),
      result('EC-COMPLIANCE', 'missing', [], suggestClause('EC-COMPLIANCE', { playbook: buyer })),
    ];
    placements = await writeRedline(SAMPLE, results, out, { playbook: buyer, date: FIXED });
    text = sofficeConvert(out, 'txt', profile);
    fodt = sofficeConvert(out, 'fodt', profile);
  }, 240_000); // LibreOffice: first start with a fresh profile is slow on a busy machine

  it('puts each clause after the section of its evidence, or in a new section at the end', () => {
    expect(placements).toMatchObject([
      { id: 'DR-NO-TRAINING', after: '2' },
      { id: 'EC-COMPLIANCE', after: 'end' },
    ]);
  });

  it('opens in LibreOffice, with the clause text in the right places', () => {
    const caption = renderClause('DR-NO-TRAINING', { playbook: buyer }).caption;
    const training = text.indexOf(`${caption}. Provider shall not use Customer Data, including Input and Output, to train`);
    const section2End = text.indexOf('Provider shall retain Audio Inputs for no longer than fourteen (14) days');
    const section3 = text.indexOf('Confidentiality and Security');
    expect(section2End).toBeGreaterThan(0);
    expect(training).toBeGreaterThan(section2End);
    expect(training).toBeLessThan(section3);
    // The DPA calls itself 'this "Addendum"': the clauses speak of it so.
    expect(text).toContain('This clause prevails over any provision of the Addendum that is inconsistent with it.');

    // The new section follows the last numbered section, before the annexes.
    const heading = text.indexOf(END_SECTION_HEADING);
    const lastSection = text.indexOf('Miscellaneous');
    const firstAnnex = text.search(/\nAnnex 1 /);
    const compliance = text.indexOf('Each party shall comply with all Export Control Laws and Sanctions Laws');
    expect(heading).toBeGreaterThan(lastSection);
    expect(heading).toBeLessThan(firstAnnex);
    expect(compliance).toBeGreaterThan(heading);
    expect(compliance).toBeLessThan(firstAnnex);
    expect(text).not.toContain('A met requirement is never inserted.');
  });

  it('LibreOffice sees the insertions as tracked changes by clausecheck', () => {
    const regions = fodt.match(/<text:changed-region\b/g) ?? [];
    const insertions = fodt.match(/<text:insertion>/g) ?? [];
    expect(insertions.length).toBeGreaterThan(0);
    expect(insertions.length).toBe(regions.length);
    const creators = [...fodt.matchAll(/<text:changed-region\b[\s\S]*?<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1]);
    expect(creators.length).toBe(regions.length);
    expect(new Set(creators)).toEqual(new Set(['clausecheck']));
  });

  it('writes w:ins revisions with the author and the given date, and unique ids', async () => {
    const zip = await JSZip.loadAsync(readFileSync(out));
    const xml = await zip.file('word/document.xml')!.async('string');
    const ins = [...xml.matchAll(/<w:ins\b([^>]*)>/g)].map((m) => m[1]!);
    expect(ins.length).toBeGreaterThan(4);
    for (const attrs of ins) {
      expect(attrs).toContain('w:author="clausecheck"');
      expect(attrs).toContain('w:date="2025-01-01T00:00:00Z"');
    }
    const ids = [...xml.matchAll(/<w:(?:ins|del|bookmarkStart|comment\w*)\b[^>]*\bw:id="(\d+)"/g)].map((m) => m[1]);
    const revIds = [...xml.matchAll(/<w:ins\b[^>]*\bw:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(revIds).size).toBe(revIds.length);
    expect(ids.filter((id) => revIds.includes(id)).length).toBe(revIds.length);
    // Every inserted paragraph is inside a w:ins, so nothing is inserted untracked.
    const inserted = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:ins\b(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => m[0]);
    for (const p of inserted) {
      const outside = p.replace(/<w:ins\b[^>]*\/>/g, '').replace(/<w:ins\b[\s\S]*?<\/w:ins>/g, '');
      expect(outside).not.toMatch(/<w:t\b/);
    }
  });

  it('leaves the original paragraphs as they were, in order, and the input file untouched', async () => {
    const before = await JSZip.loadAsync(readFileSync(SAMPLE));
    const after = await JSZip.loadAsync(readFileSync(out));
    const read = async (z: JSZip) =>
      readDocxParagraphs(
        await z.file('word/document.xml')!.async('string'),
        await z.file('word/numbering.xml')?.async('string'),
        await z.file('word/styles.xml')?.async('string'),
      );
    const orig = await read(before);
    const xml = await after.file('word/document.xml')!.async('string');
    const paras = xml.match(/<w:p\b[\s\S]*?<\/w:p>/g)!;
    const kept = (await read(after)).filter((_, i) => !/w:author="clausecheck"/.test(paras[i]!));
    expect(kept.map((p) => [p.label, p.text])).toEqual(orig.map((p) => [p.label, p.text]));
    expect(sha(SAMPLE)).toBe(inputHash);
    // Other parts are copied unchanged.
    for (const name of ['word/styles.xml', 'word/numbering.xml']) {
      expect(await after.file(name)!.async('string')).toBe(await before.file(name)!.async('string'));
    }
  });

  it('reads back through ingest with the insertions accepted', async () => {
    const back = await ingest(out);
    expect(back.text).toContain('Provider shall not use Customer Data, including Input and Output, to train, retrain, fine-tune');
    expect(back.text).toContain(END_SECTION_HEADING);
  });

  it('is deterministic', async () => {
    const again = join(dir, 'again.docx');
    await writeRedline(SAMPLE, results, again, { playbook: buyer, date: FIXED });
    expect(sha(again)).toBe(sha(out));
  });

  it('without a playbook the clauses go in without captions', async () => {
    const plain = join(dir, 'plain.docx');
    await writeRedline(SAMPLE, results, plain);
    const back = await ingest(plain);
    expect(back.text).toMatch(/\n\n(?:\d+(?:\.\d+)* )?Provider shall not use Customer Data, including Input and Output/);
    expect(back.text).not.toContain('For the purposes of this clause');
  });
});

describe('writeRedline errors', () => {
  it('needs a DOCX input', async () => {
    await expect(writeRedline(new URL('../../samples/weak-vendor-msa.txt', import.meta.url).pathname, [], join(dir, 'x.docx'))).rejects.toThrow(InputError);
  });

  it('refuses a missing output folder and writes nothing', async () => {
    const target = join(dir, 'no-such-folder', 'out.docx');
    const err = await writeRedline(SAMPLE, [], target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/output folder .* does not exist/);
    expect(existsSync(target)).toBe(false);
  });

  it('reports a missing input as an InputError', async () => {
    const err = await writeRedline(join(dir, 'nope.docx'), [], join(dir, 'y.docx')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe('file not found');
  });
});

describe('writeRedline numbering', () => {
  const FIXTURE = new URL('../fixtures/docx/numbering.docx', import.meta.url).pathname;

  it('numbers a clause added to a section of lettered items as a clause ("2.1"), not as another item ("(c)")', async () => {
    const source = await ingest(FIXTURE);
    const quote = 'the juniper item sits directly under a top-level clause;';
    const start = source.text.indexOf(quote);
    expect(start).toBeGreaterThan(0);
    const ev: Evidence = { quote, page: 1, section: '2(a)', start, end: start + quote.length, rule: 'anti-distillation/x', proves: 'partial' };
    const results = [result('AD-EXTRACTION', 'partial', [ev], suggestClause('AD-EXTRACTION', { playbook: buyer, status: 'partial' }))];
    const out = join(dir, 'numbering.docx');
    const placements = await writeRedline(FIXTURE, results, out, { playbook: buyer, date: FIXED });
    expect(placements).toEqual([{ id: 'AD-EXTRACTION', after: '2', number: '2.1' }]);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const paras = readDocxParagraphs(
      await zip.file('word/document.xml')!.async('string'),
      await zip.file('word/numbering.xml')!.async('string'),
      await zip.file('word/styles.xml')?.async('string'),
    );
    const at = paras.findIndex((p) => p.text.startsWith('No Automated Extraction.'));
    expect(paras[at]!.label).toBe('2.1');
    expect(paras[at - 1]!.text).toContain('the kale item follows it.');
    // The next original section keeps its number.
    expect(paras.find((p) => p.text === 'Term and Termination')!.label).toBe('3.');
  });
});
