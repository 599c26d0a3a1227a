// Standard input as a document: `clausecheck check -` reads the contract from a pipe. The format
// comes from --stdin-format or from the first bytes (%PDF: PDF, a zip: DOCX, else text); the
// document is called `<stdin>` in reports and messages. Stdin can be read once per process, so the
// bytes are kept.
import type { DocFormat } from '../types.js';
import { InputError } from '../types.js';

/** The name of the standard-input document in reports, messages and the file list. */
export const STDIN_NAME = '<stdin>';

export const STDIN_FORMATS = ['txt', 'md', 'pdf', 'docx'] as const;
export type StdinFormat = (typeof STDIN_FORMATS)[number];

/** The format the content's magic bytes say: %PDF (in the first KB, as PDF readers allow), a zip (DOCX), else text. */
export function sniffFormat(bytes: Uint8Array): DocFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'docx';
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) return 'pdf';
  return 'txt';
}

let pending: Promise<Uint8Array> | undefined;

/**
 * All of standard input, or an InputError naming `<stdin>` when it is a terminal (nothing piped
 * in) or holds more than `maxBytes`. Read at most once; later calls get the same bytes.
 */
export function readStdin(maxBytes: number, stream: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<Uint8Array> {
  pending ??= readStream(stream, maxBytes);
  return pending;
}

/** All of `stream`, up to `maxBytes` (more is an InputError naming `<stdin>`). */
export async function readStream(stream: NodeJS.ReadableStream & { isTTY?: boolean }, maxBytes: number): Promise<Uint8Array> {
  if (stream.isTTY) throw new InputError(STDIN_NAME, 'standard input is a terminal; pipe the document in (cat contract.pdf | clausecheck check -)');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    if (total > maxBytes) {
      // Stop reading: a producer that never ends (yes | clausecheck check -) must not hold the run.
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new InputError(STDIN_NAME, `standard input is over the ${Math.round(maxBytes / 1048576)} MB limit (--max-size)`);
    }
    chunks.push(b);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}
