// Word tokens of a document, computed once: lower-cased words with their offsets.
export interface Tokens {
  words: string[];
  starts: Int32Array;
  ends: Int32Array;
}

export function tokenizeText(text: string): Tokens {
  // Lower-case once; when that keeps every offset (it nearly always does) words are sliced from it.
  const lower = text.toLowerCase();
  const same = lower.length === text.length;
  const n = text.length;
  const starts = new Int32Array(Math.ceil(n / 2) + 1);
  const ends = new Int32Array(Math.ceil(n / 2) + 1);
  const words: string[] = [];
  let count = 0;
  let i = 0;
  // A hand-written scan: ASCII letters and digits on the fast path, other characters through
  // the Unicode letter/number test (same word definition as /[\p{L}\p{N}]+/u).
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isWordChar(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      c = text.charCodeAt(i);
      if (!isWordChar(c, text, i)) break;
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    starts[count] = start;
    ends[count] = i;
    words.push(same ? lower.slice(start, i) : text.slice(start, i).toLowerCase());
    count++;
  }
  return { words, starts: starts.slice(0, count), ends: ends.slice(0, count) };
}

const LETTER = /[\p{L}\p{N}]/u;

function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xd800 && c <= 0xdbff) return LETTER.test(text.slice(i, i + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return false;
  return LETTER.test(String.fromCharCode(c));
}

/** First token whose end is after `offset` (binary search). */
export function tokenAtOrAfter(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.ends[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Token range [from, to) covering the character span [start, end). */
export function tokenRange(t: Tokens, start: number, end: number): [number, number] {
  const from = tokenAtOrAfter(t, start);
  let to = from;
  while (to < t.starts.length && t.starts[to]! < end) to++;
  return [from, to];
}
