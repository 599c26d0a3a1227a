// Build a SourceDocument from page texts: one string, absolute offsets, page and line maps.
import { createHash } from 'node:crypto';
import type { DocFormat, SourceDocument } from '../types.js';

/** Separator placed between pages; form feed keeps page breaks visible to the segmenter. */
export const PAGE_SEPARATOR = '\n\f\n';

export function buildSource(
  path: string,
  format: DocFormat,
  pages: string[],
  bytes: Uint8Array,
  warnings: string[] = [],
): SourceDocument {
  const pageStarts: number[] = [];
  let text = '';
  pages.forEach((p, i) => {
    if (i > 0) text += PAGE_SEPARATOR;
    pageStarts.push(text.length);
    text += p;
  });
  if (pageStarts.length === 0) pageStarts.push(0);
  return makeSource(path, format, text, pageStarts, bytes, warnings);
}

function makeSource(path: string, format: DocFormat, text: string, pageStarts: number[], bytes: Uint8Array, warnings: string[]): SourceDocument {
  return {
    path,
    format,
    text,
    pageStarts,
    lineStarts: lineStartsOf(text),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    warnings,
  };
}

/** A source whose text is kept exactly as given; form feeds mark page breaks. */
export function sourceFromText(path: string, format: DocFormat, text: string, bytes: Uint8Array, warnings: string[] = []): SourceDocument {
  const pageStarts = [0];
  for (let i = text.indexOf('\f'); i !== -1; i = text.indexOf('\f', i + 1)) pageStarts.push(i + 1);
  return makeSource(path, format, text, pageStarts, bytes, warnings);
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based page of an offset (binary search over pageStarts). */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Normalize line endings and characters that only get in the way of matching, keeping text otherwise verbatim. */
export function normalizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\u00AD/g, '') // soft hyphens inside words
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/\t/g, ' ')
    .split('\n')
    .map(trimTrailingSpaces)
    .join('\n');
}

/** A line without its trailing spaces. A scan from the end: the regex / +$/ is quadratic on long runs of spaces. */
export function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 0x20) end--;
  return end === line.length ? line : line.slice(0, end);
}
