// Plain text and Markdown reader. Form feeds (\f) split pages. UTF-8 by default; a byte-order
// mark selects UTF-16 (little or big endian), as Windows editors save "Unicode" text.
import type { SourceDocument } from '../types.js';
import { InputError } from '../types.js';
import { normalizeText, sourceFromText } from './source.js';

/** The encoding a byte-order mark names, and the mark's length. */
function bomOf(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; skip: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return { encoding: 'utf-8', skip: 0 };
}

export function readText(path: string, bytes: Uint8Array, format: 'txt' | 'md'): SourceDocument {
  const { encoding, skip } = bomOf(bytes);
  let s = new TextDecoder(encoding, { fatal: false }).decode(bytes.subarray(skip));
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const warnings: string[] = [];
  if (s.includes('\u0000')) {
    throw new InputError(path, 'looks like a binary file, not text (UTF-8, or UTF-16 with a byte-order mark, is expected)');
  }
  return sourceFromText(path, format, normalizeText(s), bytes, warnings);
}
