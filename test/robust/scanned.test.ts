// Scanned contracts: pages whose only text is a Bates number or a short header.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/index.js';
import { InputError } from '../../src/types.js';
import { cli } from '../cli/helpers.js';

/** A PDF whose pages carry the given lines of text (a page of only "VND-000123" is a scan with a Bates stamp). */
async function pdfOf(pages: string[][]): Promise<string> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([612, 792]);
    lines.forEach((l, i) => page.drawText(l, { x: 50, y: 740 - i * 14, size: 10, font }));
  }
  const f = join(mkdtempSync(join(tmpdir(), 'cc-scan-')), 'contract.pdf');
  writeFileSync(f, await pdf.save());
  return f;
}

const contractLines = readFileSync('samples/weak-vendor-msa.txt', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .slice(0, 45)
  .map((l) => l.slice(0, 100).replace(/[^\x20-\x7e]/g, ' '));

describe('a PDF with almost no text', () => {
  it('three pages of a stamp, initials and a filing note are refused as a scan, not reported as all missing', { timeout: 300_000 }, async () => {
    const f = await pdfOf([['Received 4 May, VND-000101'], ['Initials: JK RT'], ['Filed copy 3 of 3']]);
    let err: unknown;
    try {
      await checkFiles([f], { ocr: 'never' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('no text layer to read (scanned?): 49 characters of text in 3 pages; OCR is off (--ocr never) — use --ocr auto or an OCR tool');
    // With OCR (the default) the pages are read again as images: still next to nothing.
    await expect(checkFiles([f])).rejects.toThrow(/^no text layer to read \(scanned\?\): \d+ characters of text in 3 pages, OCR included/);
    const r = cli(['check', f, '--fail-on', 'none', '--ocr', 'never']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^clausecheck: .*contract\.pdf: no text layer to read \(scanned\?\)/);
  });

  it('a text PDF with one stamped-only page is checked, with a warning naming that page', { timeout: 300_000 }, async () => {
    const f = await pdfOf([contractLines.slice(0, 22), ['VND-000202'], contractLines.slice(22)]);
    const report = await checkFiles([f]);
    const w = report.documents[0]!.warnings;
    expect(w).toContain('page 2 has almost no text (10 characters; scanned page?)');
    expect(w.filter((x) => x.includes('almost no text'))).toHaveLength(1);
  });
});
