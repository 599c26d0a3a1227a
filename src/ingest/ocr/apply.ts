// Which pages of a PDF get OCR and what the document keeps of it. Light on purpose: the renderer
// and Tesseract (tens of MB of wasm) are imported only when a page needs them.
import type { OcrInfo } from '../../types.js';
import { SPARSE_PAGE_CHARS } from '../text-layer.js';

export const OCR_MODES = ['auto', 'always', 'never'] as const;
export type OcrMode = (typeof OCR_MODES)[number];

const visible = (s: string): number => s.replace(/\s+/g, '').length;

/** In auto mode OCR text replaces a page's text layer only with at least this many more visible characters. */
const OCR_MARGIN = 20;

/**
 * Page texts with OCR text in place of the text layer: `auto` reads the pages whose text (`probe`:
 * the layer without running headers and footers) has fewer than SPARSE_PAGE_CHARS visible characters (and keeps OCR only where it found clearly more), `always`
 * reads every page and keeps OCR, `never` changes nothing. `ocr` is set whenever OCR ran.
 */
export async function applyOcr(pages: string[], bytes: Uint8Array, mode: OcrMode, probe: string[] = pages): Promise<{ pages: string[]; warnings: string[]; ocr?: OcrInfo }> {
  if (mode === 'never') return { pages, warnings: [] };
  const wanted = pages.flatMap((_p, i) => (mode === 'always' || visible(probe[i] ?? '') < SPARSE_PAGE_CHARS ? [i] : []));
  if (wanted.length === 0) return { pages, warnings: [] };
  const { MAX_OCR_PAGES, ocrPages } = await import('./index.js');
  const warnings: string[] = [];
  let read;
  try {
    read = await ocrPages(bytes, wanted);
  } catch (err) {
    const msg = String((err as Error)?.message ?? err).split('\n')[0];
    return { pages, warnings: [`OCR failed (${msg}); the text layer is used as it is`], ocr: { pages: [], meanConfidence: 0, error: msg } };
  }
  const out = [...pages];
  const used: number[] = [];
  const confidences: number[] = [];
  for (const r of read) {
    // auto keeps a short text layer (the last lines of a contract on its own page) unless OCR found
    // clearly more: the layer's characters are exact, OCR's are guesses.
    if (mode === 'always' ? r.text.trim() !== '' : visible(r.text) >= visible(probe[r.index] ?? '') + OCR_MARGIN) {
      out[r.index] = r.text;
      used.push(r.index + 1);
      confidences.push(r.confidence);
    }
  }
  const meanConfidence = confidences.length ? Math.round(confidences.reduce((a, b) => a + b, 0) / confidences.length) : 0;
  if (used.length) warnings.push(`text of ${pageList(used)} read by OCR (mean confidence ${meanConfidence}/100): check quotes against the scan`);
  if (wanted.length > MAX_OCR_PAGES) warnings.push(`only the first ${MAX_OCR_PAGES} of ${wanted.length} scanned pages were read by OCR`);
  return { pages: out, warnings, ocr: { pages: used, meanConfidence } };
}

/** "page 3", "pages 1-4, 7". */
export function pageList(pages: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > i ? `${pages[i]}-${pages[j]}` : String(pages[i]));
    i = j;
  }
  return `${pages.length === 1 ? 'page' : 'pages'} ${parts.join(', ')}`;
}
