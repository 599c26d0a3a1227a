// Word tokens of a document, computed once: lower-cased words with their offsets.
export interface Tokens {
  words: string[];
  starts: Int32Array;
  ends: Int32Array;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenizeText(text: string): Tokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  // Lower-case once; when that keeps every offset (it nearly always does) words are sliced from it.
  const lower = text.toLowerCase();
  const same = lower.length === text.length;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const end = m.index + m[0].length;
    words.push(same ? lower.slice(m.index, end) : m[0].toLowerCase());
    starts.push(m.index);
    ends.push(end);
  }
  return { words, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
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
