// Sentence boundaries inside a block.
import type { Span } from '../types.js';
import { parseLabel } from './labels.js';

const ABBREV = new Set([
  'e.g', 'i.e', 'etc', 'inc', 'ltd', 'co', 'corp', 'no', 'nos', 'sec', 'art', 'arts', 'u.s', 'u.k', 'e.u', 'mr', 'ms', 'mrs', 'dr',
  'st', 'vs', 'v', 'cf', 'al', 'approx', 'para', 'paras', 'pty', 's.a', 'n.v', 'b.v', 'p', 'pp', 'seq', 'fig', 'viz', 'incl',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'cl', 'ch', 'min', 'max', 'est', 'dept',
  'govt', 'l.l.c', 'p.c', 's.r.l', 'gmbh', 'plc', 'llc', 'ltda', 'bhd', 'sdn', 'ag', 'oy', 'ab', 'a.s', 'sa', 'op', 'ed', 'rev',
]);

// A sentence ends at . ! ? (or CJK 。！？), after closing quotes, brackets or Markdown emphasis ("**Title.** Text").
const BOUNDARY = /([.!?]|[。！？])((?:["”’)\]]|\*\*|__)*)(\s+|(?<=[。！？])\s*)(?=(?:\*\*|__)?[("“'‘\[]?[\p{Lu}\p{N}\p{Lo}])/gu;

/** Sentence spans within [start, end) of text. */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const s = text.slice(start, end);
  const out: Span[] = [];
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(s); m; m = BOUNDARY.exec(s)) {
    const stop = m.index + m[1]!.length + m[2]!.length;
    if (m[1] === '.') {
      const before = /([\p{L}.]+)$/u.exec(s.slice(Math.max(from, m.index - 12), m.index));
      const word = before ? before[1]!.toLowerCase() : '';
      // "Attachment A. You will not" ends a sentence; "J. Smith" does not.
      const named = /^\p{Lu}$/u.test(before ? before[1]! : '') &&
        /\b(?:attachment|exhibit|schedule|annex|appendix|section|article|part|clause|item|plan|class|tier|level|group|series|option|form|table)\s+$/i.test(s.slice(Math.max(from, m.index - 30), m.index - 1));
      if (!named && (ABBREV.has(word) || /^\p{L}$/u.test(word))) continue; // abbreviation or initial
      if (/\d$/.test(s.slice(0, m.index)) && /^\s*\d/.test(s.slice(m.index + 1))) continue; // 1.5
    }
    const fragment = s.slice(from, stop).trim();
    const label = parseLabel(fragment + ' ');
    if (label && label.length >= fragment.length) continue; // "1." or "a." alone is a label, not a sentence
    if (stop - from >= 2) out.push(trim(text, start + from, start + stop));
    from = stop + m[3]!.length;
    // Very short fragments (a lone label) stay attached to the next sentence.
  }
  if (end - (start + from) > 0) out.push(trim(text, start + from, end));
  return out.filter((x) => x.end > x.start);
}

function trim(text: string, a: number, b: number): Span {
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return { start: a, end: b };
}
