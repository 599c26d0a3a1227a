// Render PDF pages to grayscale images with PDFium compiled to WebAssembly (@embedpdf/pdfium): no
// native canvas, nothing to install. The module (about 5 MB of wasm) loads once per thread, on the
// first scanned page, never at start-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A page image: 8-bit gray, one byte a pixel, rows top to bottom. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Rendering resolution: 150 dpi reads 10-point print well and keeps a page near 2 megapixels. */
export const OCR_DPI = 150;
/** Largest rendered side and area: a page declared 5 metres wide is scaled down, not allocated. */
const MAX_SIDE = 4000;
const MAX_PIXELS = 12_000_000;

type Pdfium = Awaited<ReturnType<typeof import('@embedpdf/pdfium').init>>;
let loading: Promise<Pdfium> | undefined;

function pdfium(): Promise<Pdfium> {
  loading ??= (async () => {
    const { init } = await import('@embedpdf/pdfium');
    const require = createRequire(import.meta.url);
    const wasmBinary = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
    const m = await init({ wasmBinary } as Parameters<typeof init>[0]);
    m.PDFiumExt_Init();
    return m;
  })();
  return loading;
}

const FPDF_ANNOT = 0x01;

/**
 * Render the pages `indexes` (0-based) of the PDF `bytes` at `dpi`; `onPage` gets each image as it is
 * made (so only one page image is held at a time). Throws an Error when PDFium cannot open the file.
 */
export async function renderPages(bytes: Uint8Array, indexes: number[], onPage: (index: number, image: GrayImage) => Promise<void>, dpi = OCR_DPI): Promise<void> {
  const m = await pdfium();
  // Read the heap anew after each allocation: a growing wasm memory replaces the array.
  const heap = () => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;
  const ptr = m.pdfium.wasmExports.malloc(bytes.length);
  if (!ptr) throw new Error('out of memory for the PDF');
  heap().set(bytes, ptr);
  const doc = m.FPDF_LoadMemDocument(ptr, bytes.length, '');
  try {
    if (!doc) throw new Error(`PDFium cannot open the PDF (error ${m.FPDF_GetLastError()})`);
    const count = m.FPDF_GetPageCount(doc);
    for (const i of indexes) {
      if (i < 0 || i >= count) continue;
      const page = m.FPDF_LoadPage(doc, i);
      if (!page) continue;
      let image: GrayImage | undefined;
      try {
        image = renderPage(m, heap, page, dpi);
      } finally {
        m.FPDF_ClosePage(page);
      }
      if (image) await onPage(i, image);
    }
  } finally {
    if (doc) m.FPDF_CloseDocument(doc);
    m.pdfium.wasmExports.free(ptr);
  }
}

function renderPage(m: Pdfium, heap: () => Uint8Array, page: number, dpi: number): GrayImage | undefined {
  const wPt = m.FPDF_GetPageWidthF(page);
  const hPt = m.FPDF_GetPageHeightF(page);
  if (!(wPt > 0 && hPt > 0)) return undefined;
  let scale = dpi / 72;
  scale = Math.min(scale, MAX_SIDE / wPt, MAX_SIDE / hPt, Math.sqrt(MAX_PIXELS / (wPt * hPt)));
  const width = Math.max(1, Math.round(wPt * scale));
  const height = Math.max(1, Math.round(hPt * scale));
  const bmp = m.FPDFBitmap_Create(width, height, 0);
  if (!bmp) return undefined;
  try {
    m.FPDFBitmap_FillRect(bmp, 0, 0, width, height, 0xffffffff);
    m.FPDF_RenderPageBitmap(bmp, page, 0, 0, width, height, 0, FPDF_ANNOT);
    const buf = m.FPDFBitmap_GetBuffer(bmp);
    const stride = m.FPDFBitmap_GetStride(bmp);
    const h = heap();
    const pixels = new Uint8Array(width * height);
    // BGRx to gray (ITU-R 601 weights, in integers).
    for (let y = 0; y < height; y++) {
      let o = buf + y * stride;
      const row = y * width;
      for (let x = 0; x < width; x++, o += 4) pixels[row + x] = (h[o]! * 29 + h[o + 1]! * 150 + h[o + 2]! * 77) >> 8;
    }
    return { width, height, pixels };
  } finally {
    m.FPDFBitmap_Destroy(bmp);
  }
}

/** Whether an image has any ink: a blank page is not worth recognising. */
export function hasInk(image: GrayImage): boolean {
  const p = image.pixels;
  let dark = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! < 128 && ++dark > 50) return true;
  return false;
}

/** The image as a binary PGM (P5), which Tesseract's image reader takes without any codec. */
export function toPgm(image: GrayImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), image.pixels]);
}
