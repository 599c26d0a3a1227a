// OCR of scanned PDFs, offline (issue 13, item 7): a sample contract rendered to images and rebuilt
// as an image-only PDF gets the statuses of its text PDF; only pages without a usable text layer are
// read; `--ocr never` keeps the refusal. Slow (Tesseract in wasm, seconds a page): long timeouts,
// no timing assertions.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/index.js';
import { applyOcr, pageList } from '../../src/ingest/ocr/apply.js';
import { fixCommonMisreads } from '../../src/ingest/ocr/recognize.js';
import { hasInk, renderPages } from '../../src/ingest/ocr/render.js';
import { InputError } from '../../src/types.js';
import { pngOf, scannedTwin } from './scan-pdf.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cc-ocr-'));
const save = (bytes: Uint8Array, name = 'scan.pdf') => {
  const f = join(tmp(), name);
  writeFileSync(f, bytes);
  return f;
};

describe('OCR helpers', () => {
  it('pageList names pages and runs', () => {
    expect(pageList([3])).toBe('page 3');
    expect(pageList([1, 2, 3, 4, 7, 9, 10])).toBe('pages 1-4, 7, 9-10');
  });
  it('fixCommonMisreads turns a lone "Al" into "AI" and leaves words alone', () => {
    expect(fixCommonMisreads('This Al API Services Agreement; Al-generated. Alice and Albania.')).toBe('This AI API Services Agreement; AI-generated. Alice and Albania.');
  });
  it('renders a page to gray pixels that a PNG round-trips, and a blank page has no ink', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([200, 100]);
    const blank = await pdf.save();
    let seen = 0;
    await renderPages(blank, [0, 5], async (i, img) => {
      seen++;
      expect(i).toBe(0);
      expect([img.width, img.height]).toEqual([417, 208]); // 150 dpi
      expect(hasInk(img)).toBe(false);
      expect(pngOf(img).subarray(1, 4).toString()).toBe('PNG');
    });
    expect(seen).toBe(1); // page 6 does not exist: skipped
  });
});

describe('which pages get OCR', () => {
  const page = 'The Provider shall not use Customer Data to train any model without written consent.';
  it('auto leaves a PDF whose pages all have text alone (nothing rendered: the bytes are not even a PDF)', async () => {
    const r = await applyOcr([page, page], new Uint8Array([1, 2, 3]), 'auto');
    expect(r).toEqual({ pages: [page, page], warnings: [] });
  });
  it('never leaves empty pages alone', async () => {
    expect(await applyOcr(['', ''], new Uint8Array([1, 2, 3]), 'never')).toEqual({ pages: ['', ''], warnings: [] });
  });
  it('a renderer failure is a warning and the OCR info says why, not a crash', async () => {
    const r = await applyOcr([page, ''], new TextEncoder().encode('%PDF-1.7 broken'), 'auto');
    expect(r.pages).toEqual([page, '']);
    expect(r.ocr?.error).toMatch(/PDFium cannot open the PDF/);
    expect(r.warnings).toEqual([expect.stringMatching(/^OCR failed \(PDFium cannot open the PDF/)]);
  });
  it('always reads every page, even those with text', { timeout: 300_000 }, async () => {
    const pdf = await PDFDocument.create();
    const p = pdf.addPage([300, 120]);
    p.drawText('Data Retention', { x: 20, y: 60, size: 24 });
    const r = await applyOcr(['stale layer text that OCR replaces'], await pdf.save(), 'always');
    expect(r.ocr?.pages).toEqual([1]);
    expect(r.pages[0]).toMatch(/Data Retention/);
  });
});

describe('a scanned contract', () => {
  it('image-only twin of a sample PDF: same status as the text PDF for at least 26 of 28 requirements, pages marked as OCR', { timeout: 900_000 }, async () => {
    const text = 'samples/ai-api-services-agreement.pdf';
    const scan = save(await scannedTwin(readFileSync(text)));
    const [want, got] = await Promise.all([checkFiles([text], { pdfReader: 'pdfjs' }), checkFiles([scan])]);
    const w = want.documents[0]!;
    const g = got.documents[0]!;
    const same = g.requirements.filter((r, i) => r.status === w.requirements[i]!.status);
    expect(same.length).toBeGreaterThanOrEqual(26);
    expect(g.pages).toBe(w.pages);
    expect(g.ocr?.pages).toEqual([1, 2, 3, 4, 5, 6]);
    expect(g.ocr!.meanConfidence).toBeGreaterThan(70);
    expect(g.warnings[0]).toMatch(/^text of pages 1-6 read by OCR \(mean confidence \d+\/100\)/);
    expect(w.ocr).toBeUndefined();
    // Evidence quotes point into the OCR text with the right page.
    const quoted = g.requirements.flatMap((r) => r.evidence);
    expect(quoted.length).toBeGreaterThan(10);
    expect(new Set(quoted.map((e) => e.page)).size).toBeGreaterThan(2);
  });

  it('only the scanned page of a mixed PDF is read by OCR', { timeout: 600_000 }, async () => {
    const bytes = readFileSync('samples/weak-vendor-msa.pdf');
    const src = await PDFDocument.load(bytes);
    const out = await PDFDocument.create();
    const n = src.getPageCount();
    const copies = await out.copyPages(src, [...Array(n).keys()]);
    let image: Buffer | undefined;
    await renderPages(bytes, [1], async (_i, img) => {
      image = pngOf(img);
    });
    for (const [i, p] of copies.entries()) {
      if (i !== 1) {
        out.addPage(p);
        continue;
      }
      // Page 2 becomes a picture of itself: no text layer on it.
      const { width, height } = p.getSize();
      out.addPage([width, height]).drawImage(await out.embedPng(image!), { x: 0, y: 0, width, height });
    }
    const f = save(await out.save());
    const doc = (await checkFiles([f])).documents[0]!;
    expect(doc.ocr?.pages).toEqual([2]);
    const plain = (await checkFiles(['samples/weak-vendor-msa.pdf'], { pdfReader: 'pdfjs' })).documents[0]!;
    const same = doc.requirements.filter((r, i) => r.status === plain.requirements[i]!.status);
    expect(same.length).toBeGreaterThanOrEqual(26);
  });

  it('a scan that carries a printed header as text on every page is still read by OCR', { timeout: 600_000 }, async () => {
    const twin = await PDFDocument.load(await scannedTwin(readFileSync('samples/weak-vendor-msa.pdf')));
    const font = await twin.embedFont(StandardFonts.Helvetica);
    twin.getPages().forEach((p, i) => p.drawText(`Archive copy kept by the buyer, scan batch 114, sheet ${i + 1}`, { x: 40, y: p.getHeight() - 14, size: 7, font }));
    const doc = (await checkFiles([save(await twin.save())])).documents[0]!;
    expect(doc.ocr?.pages).toEqual(twin.getPages().map((_p, i) => i + 1));
    const plain = (await checkFiles(['samples/weak-vendor-msa.pdf'], { pdfReader: 'pdfjs' })).documents[0]!;
    expect(doc.requirements.filter((r, i) => r.status === plain.requirements[i]!.status).length).toBeGreaterThanOrEqual(26);
  });

  it('--ocr never keeps the refusal of an image-only PDF; a blank PDF is refused after OCR finds nothing', { timeout: 300_000 }, async () => {
    const scan = save(await scannedTwin(readFileSync('samples/weak-vendor-msa.pdf')));
    const e = await checkFiles([scan], { ocr: 'never' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/^PDF has no text layer \(\d+ pages of images\?\); OCR is off \(--ocr never\)/);
    const pdf = await PDFDocument.create();
    pdf.addPage([612, 792]);
    pdf.addPage([612, 792]);
    const blank = save(await pdf.save());
    await expect(checkFiles([blank])).rejects.toThrow('PDF has no text layer and OCR found no text in its 2 pages (blank, or images too faint to read?)');
  });
});
