// Ingest: pick the reader by extension, guard size, turn failures into one-line InputErrors.
import { readFile } from 'node:fs';
import { extname } from 'node:path';
import { regularFileStat } from '../read-file.js';
import type { DocFormat, SourceDocument } from '../types.js';
import { InputError } from '../types.js';
import type { OcrMode } from './ocr/apply.js';
import { STDIN_NAME } from './stdin.js';
import { readText } from './text.js';

export { buildSource, lineStartsOf, pageAt, sourceFromText } from './source.js';
export { OCR_MODES, type OcrMode } from './ocr/apply.js';
export { STDIN_FORMATS, STDIN_NAME, type StdinFormat, readStdin, sniffFormat } from './stdin.js';

export const CONTRACT_EXTENSIONS: Record<string, DocFormat> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
};

/** Default ceiling on input size; larger files are refused rather than slowly chewed. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** Extracted text beyond this is not a contract but a corpus; refuse it rather than take minutes and gigabytes. */
export const MAX_TEXT_CHARS = 20_000_000;

/** Megabytes for messages: "0.05", "1.5", "50". */
const mb = (bytes: number): string => {
  const m = bytes / 1048576;
  return m >= 10 ? m.toFixed(0) : m >= 1 ? String(Number(m.toFixed(1))) : String(Number(m.toPrecision(2)));
};

export function formatOf(path: string): DocFormat | undefined {
  return CONTRACT_EXTENSIONS[extname(path).toLowerCase()];
}

export async function ingest(path: string, opts: IngestOptions = {}): Promise<SourceDocument> {
  const format = formatOf(path);
  if (!format) {
    throw new InputError(path, `unsupported file type '${extname(path) || '(none)'}' (expected .pdf, .docx, .txt or .md)`);
  }
  // Only regular files: a FIFO or a device has no size to check and may never end.
  const size = regularFileStat(path).size;
  const max = opts.maxBytes ?? MAX_INPUT_BYTES;
  if (size > max) throw new InputError(path, `file is ${mb(size)} MB, over the ${mb(max)} MB limit (--max-size)`);
  // fs.readFile, not node:fs/promises: that module (with readline and the stream helpers it loads) is
  // a few milliseconds of every check's start-up.
  const bytes = await new Promise<Buffer>((resolveBytes, reject) => readFile(path, (err, data) => (err ? reject(err) : resolveBytes(data))));
  return ingestBytes(path, new Uint8Array(bytes), format, opts);
}

export interface IngestOptions {
  maxBytes?: number;
  pdfReader?: 'auto' | 'poppler' | 'pdfjs';
  /** OCR of scanned PDF pages: auto (pages with an empty or trivial text layer; the default), always, never. */
  ocr?: OcrMode;
}

/**
 * A document from bytes already in memory (standard input, library users): `name` is what reports
 * and messages call it. PDFs are read by pdf.js, as there is no file for pdftotext.
 */
export async function ingestBytes(name: string, bytes: Uint8Array, format: DocFormat, opts: IngestOptions = {}): Promise<SourceDocument> {
  const max = opts.maxBytes ?? MAX_INPUT_BYTES;
  if (bytes.length > max) throw new InputError(name, `document is ${mb(bytes.length)} MB, over the ${mb(max)} MB limit (--max-size)`);
  if (bytes.length === 0) throw new InputError(name, name === STDIN_NAME ? 'standard input is empty (nothing was piped in)' : 'file is empty');
  let doc: SourceDocument;
  try {
    switch (format) {
      case 'pdf':
        // Readers load on demand: pdf.js and mammoth cost more to import than a text check takes.
        doc = await (await import('./pdf.js')).readPdf(name, bytes, opts.pdfReader, opts.ocr);
        break;
      case 'docx':
        doc = await (await import('./docx.js')).readDocx(name, bytes);
        break;
      default:
        doc = readText(name, bytes, format);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(name, `cannot read ${format.toUpperCase()}: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
  if (doc.text.trim().length === 0) throw new InputError(name, 'no text found in the document');
  if (doc.text.length > MAX_TEXT_CHARS) {
    throw new InputError(name, `extracted text is ${(doc.text.length / 1e6).toFixed(1)} million characters, over the ${MAX_TEXT_CHARS / 1e6} million limit (split the document)`);
  }
  return doc;
}
