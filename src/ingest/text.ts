// Plain text and Markdown reader. Form feeds (\f) split pages.
import type { SourceDocument } from '../types.js';
import { normalizeText, sourceFromText } from './source.js';

export function readText(path: string, bytes: Uint8Array, format: 'txt' | 'md'): SourceDocument {
  let s = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const warnings: string[] = [];
  if (s.includes('\u0000')) throw new Error('looks like a binary file, not text');
  return sourceFromText(path, format, normalizeText(s), bytes, warnings);
}
