// After extraction: is there a text layer worth checking? A scanned PDF often keeps a printed header
// or a Bates number as text (a dozen characters a page); checked as it is, it would pass as "all
// requirements missing". Pages with almost no text get a warning each; a document that has almost no
// text at all is refused like an image-only PDF.
import type { SourceDocument } from '../types.js';
import { InputError } from '../types.js';

/** A page with fewer visible characters than this has "almost no text". */
export const SPARSE_PAGE_CHARS = 40;

/** Visible (non-space) characters of each page. */
export function pageCharCounts(doc: SourceDocument): number[] {
  return doc.pageStarts.map((start, i) => {
    const end = doc.pageStarts[i + 1] ?? doc.text.length;
    return doc.text.slice(start, end).replace(/\s+/g, '').length;
  });
}

/**
 * Add a warning per page with almost no text; throw an InputError when the whole document averages
 * under SPARSE_PAGE_CHARS visible characters a page (nothing a contract check can use). PDFs only:
 * a short text file is what its author typed.
 */
export function checkTextLayer(doc: SourceDocument): SourceDocument {
  if (doc.format !== 'pdf') return doc;
  const counts = pageCharCounts(doc);
  const total = counts.reduce((a, b) => a + b, 0);
  const pages = counts.length;
  if (total < SPARSE_PAGE_CHARS * pages) {
    throw new InputError(
      doc.path,
      `no text layer to read (scanned?): ${total} characters of text in ${pages} page${pages === 1 ? '' : 's'}${ocrNote(doc)}`,
    );
  }
  const sparse = counts.flatMap((n, i) => (n < SPARSE_PAGE_CHARS ? [`page ${i + 1} has almost no text (${n} characters; scanned page?)`] : []));
  if (sparse.length) doc.warnings.push(...sparse);
  return doc;
}

/** What the refusal of a near-empty PDF says about OCR. */
function ocrNote(doc: SourceDocument): string {
  if (!doc.ocr) return '; OCR is off (--ocr never) — use --ocr auto or an OCR tool';
  if (doc.ocr.error) return `; OCR failed (${doc.ocr.error})`;
  return ', OCR included (blank pages, or images too faint to read?)';
}
