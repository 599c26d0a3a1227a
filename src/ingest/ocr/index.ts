// OCR of scanned PDF pages: render with PDFium (wasm), read with Tesseract (wasm). Only the pages
// asked for; blank pages are skipped without recognition.
import { Recognizer } from './recognize.js';
import { hasInk, renderPages } from './render.js';

export interface OcrPage {
  /** 0-based page index. */
  index: number;
  text: string;
  confidence: number;
}

/** Pages beyond this many are not OCR'd (a warning says so): a 2,000-page scan is a job for a batch OCR tool. */
export const MAX_OCR_PAGES = 300;

/** OCR text of the pages `indexes` of the PDF `bytes`. Blank pages come back with empty text and confidence 0. */
export async function ocrPages(bytes: Uint8Array, indexes: number[]): Promise<OcrPage[]> {
  const out: OcrPage[] = [];
  let recognizer: Recognizer | undefined;
  try {
    await renderPages(bytes, indexes.slice(0, MAX_OCR_PAGES), async (index, image) => {
      if (!hasInk(image)) {
        out.push({ index, text: '', confidence: 0 });
        return;
      }
      recognizer ??= await Recognizer.open();
      const r = await recognizer.recognize(image);
      out.push({ index, text: r.text, confidence: r.confidence });
    });
  } finally {
    await recognizer?.close();
  }
  return out;
}
