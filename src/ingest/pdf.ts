// PDF reader (pdf-parse 2.x on pdf.js): per-page text so every clause knows its page.
import type { SourceDocument } from '../types.js';
import { InputError } from '../types.js';
import { type OcrMode, applyOcr } from './ocr/apply.js';
import { dropRunningLines, joinHyphenated } from './pdf-cleanup.js';
import { buildSource, normalizeText } from './source.js';
import { STDIN_NAME } from './stdin.js';

export type PdfReader = 'auto' | 'poppler' | 'pdfjs';

/**
 * Pages by poppler's pdftotext when it is installed (auto) or asked for (poppler), else by pdf.js.
 * A PDF pdftotext cannot read goes to pdf.js, which names the problem (encrypted, corrupt...).
 */
export async function readPdf(path: string, bytes: Uint8Array, reader: PdfReader = 'auto', ocr: OcrMode = 'auto'): Promise<SourceDocument> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new InputError(path, 'not a PDF file (no %PDF header)');
  // Standard input has no file for pdftotext to open: pdf.js reads it from memory.
  if (reader !== 'pdfjs' && path !== STDIN_NAME) {
    const { popplerPagesIfInstalled } = await import('./pdf-poppler.js');
    const pages = await popplerPagesIfInstalled(path);
    if (Array.isArray(pages)) return fromPages(path, pages, bytes, ocr);
    if (pages === 'missing' && reader === 'poppler') {
      throw new InputError(path, '--pdf-reader poppler: pdftotext is not installed (Debian/Ubuntu: apt-get install poppler-utils)');
    }
  }
  return fromPages(path, await pdfjsPages(path, bytes), bytes, ocr);
}

/**
 * Built-ins that pdf.js's legacy build (through core-js, in its main module and again in its worker
 * module) replaces with JavaScript versions as they load, for engines whose own fall short of the
 * newest spec in corner cases no code here reaches: an Array.prototype.push written in JavaScript
 * makes every push of the process, in pdf.js as much as in the segmenter and the rule engine, several
 * times slower, and JSON.parse likewise. The natives go back in place once the modules have loaded
 * (the polyfills they add where a built-in is missing stay).
 */
const NATIVES: ReadonlyArray<[object, PropertyKey]> = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [Function.prototype, 'toString'],
];

/** Runs `f` and then puts back each built-in of NATIVES that it replaced. */
async function keepingNatives<T>(f: () => Promise<T>): Promise<T> {
  const saved = NATIVES.map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)] as const);
  try {
    return await f();
  } finally {
    for (const [o, k, d] of saved) {
      if (d && Object.getOwnPropertyDescriptor(o, k)?.value !== d.value) Object.defineProperty(o, k, d);
    }
  }
}

/**
 * pdf-parse, and pdf.js's worker module with it: in Node pdf.js runs its worker in this thread and
 * imports that module on the first document, which would put its polyfills in place for good.
 * `pdfjsLib` is the global pdf.js defines as it loads; loading the worker ahead is only a saving, so
 * a pdf.js without that hook still works (the worker then loads on the first document, and
 * pdfjsPages restores the natives after it).
 */
const importPdfParse = () =>
  keepingNatives(async () => {
    const mod = await import('pdf-parse');
    const worker = (globalThis as { pdfjsLib?: { PDFWorker?: { _setupFakeWorkerGlobal?: Promise<unknown> } } }).pdfjsLib?.PDFWorker;
    await Promise.resolve(worker?._setupFakeWorkerGlobal).catch(() => undefined);
    return mod;
  });

async function pdfjsPages(path: string, bytes: Uint8Array): Promise<string[]> {
  const { PDFParse } = await importPdfParse();
  // pdf.js may take ownership of the buffer; give it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  let pages: string[];
  try {
    const result = await keepingNatives(() => parser.getText({ cellSeparator: ' ', lineEnforce: true, pageJoiner: '' }));
    pages = result.pages.map((p) => p.text);
  } catch (err) {
    throw new InputError(path, describePdfError(err));
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  return pages;
}

/** The SourceDocument of page texts: normalized, hyphenated words joined, running headers and footers dropped. */
async function fromPages(path: string, layer: string[], bytes: Uint8Array, ocrMode: OcrMode): Promise<SourceDocument> {
  const clean = (ps: string[]) => dropRunningLines(ps.map((p) => joinHyphenated(normalizeText(p))));
  const first = clean(layer);
  // Scanned pages (an empty or trivial text layer once running headers are gone: a scan may carry a
  // printed header as text) are read by OCR unless --ocr never; then the pages are cleaned again.
  const { pages, warnings: ocrWarnings, ocr } = await applyOcr(layer, bytes, ocrMode, first.pages);
  const { pages: stripped, removed } = ocr?.pages.length ? clean(pages) : first;
  if (stripped.every((p) => p.replace(/\s+/g, '').length === 0)) {
    throw new InputError(
      path,
      ocr?.error
        ? `PDF has no text layer, and OCR failed (${ocr.error})`
        : ocr
        ? `PDF has no text layer and OCR found no text in its ${pages.length} page${pages.length === 1 ? '' : 's'} (blank, or images too faint to read?)`
        : `PDF has no text layer (${pages.length} page${pages.length === 1 ? '' : 's'} of images?); OCR is off (--ocr never) — use --ocr auto or an OCR tool`,
    );
  }
  const warnings = [...ocrWarnings, ...(removed > 0 ? [`${removed} running header/footer lines removed`] : [])];
  const doc = buildSource(path, 'pdf', stripped, bytes, warnings);
  if (ocr) doc.ocr = ocr;
  return doc;
}

function describePdfError(err: unknown): string {
  const name = (err as { name?: string })?.name ?? '';
  const msg = String((err as { message?: string })?.message ?? err);
  if (name === 'PasswordException' || /password/i.test(msg)) {
    return 'PDF is encrypted (password protected); decrypt it first';
  }
  if (name === 'InvalidPDFException' || /invalid pdf/i.test(msg)) return 'corrupt or invalid PDF';
  return `cannot read PDF: ${msg.split('\n')[0]}`;
}
