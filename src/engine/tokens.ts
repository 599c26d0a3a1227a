// Word tokens of a document, computed once: lower-cased words with their offsets, and each word
// as an integer id interned across documents (the phrase automaton looks classes up by id, and a
// word already seen costs no new string).
import { ensureLength } from './typed.js';

export interface Tokens {
  /** The lower-cased words (built on first read). */
  readonly words: string[];
  /** Interned id of each word (same word, same id while `epoch` holds). */
  ids: Int32Array;
  /** Changes when the intern table is cleared (ids of another epoch are not comparable). */
  epoch: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Lower-casing kept the text's length (words were read from the lower-cased text at the same offsets). */
  lowerSame?: boolean;
}

/** Past this many distinct words the intern table is cleared (between documents) and starts over. */
const MAX_WORDS = 500_000;
/**
 * Open-addressing table of 4-int slots [id + 1 (0: empty), hash, pool offset, length]: one cache
 * line a probe, and the word's place in the pool without another look-up. A word's characters are
 * compared in a flat pool (pool[poolOff[id]..poolOff[id + 1])), not in its string.
 */
let slots = new Int32Array(4 << 14);
let pool = new Uint16Array(1 << 16);
let poolOff = new Int32Array(1 << 12);
let wordOf: string[] = [];
let epoch = 0;

function resetTable(): void {
  slots = new Int32Array(4 << 14);
  pool = new Uint16Array(1 << 16);
  poolOff = new Int32Array(1 << 12);
  wordOf = [];
  epoch++;
}

/** The id of the word src[start, end) (src lower-cased), added when new; `h` is its hash. */
function intern(src: string, start: number, end: number, h: number): number {
  const mask = (slots.length >> 2) - 1;
  const len = end - start;
  for (let k = h & mask; ; k = (k + 1) & mask) {
    const e = slots[k << 2]!;
    if (e === 0) return add(src, start, end, h, k);
    if (slots[(k << 2) + 1] === h && slots[(k << 2) + 3] === len) {
      const off = slots[(k << 2) + 2]!;
      let i = 0;
      while (i < len && pool[off + i] === src.charCodeAt(start + i)) i++;
      if (i === len) return e - 1;
    }
  }
}

function add(src: string, start: number, end: number, h: number, slot: number): number {
  const id = wordOf.length;
  // A copy, not a slice: a slice of 13+ characters would keep the whole document's text alive.
  const w = src.slice(start, end);
  wordOf.push(w.length < 13 ? w : Buffer.from(w, 'utf16le').toString('utf16le'));
  poolOff = ensureLength(poolOff, id + 2);
  const off = poolOff[id]!;
  pool = ensureLength(pool, off + w.length);
  for (let i = 0; i < w.length; i++) pool[off + i] = w.charCodeAt(i);
  poolOff[id + 1] = off + w.length;
  slots[slot << 2] = id + 1;
  slots[(slot << 2) + 1] = h;
  slots[(slot << 2) + 2] = off;
  slots[(slot << 2) + 3] = w.length;
  if (wordOf.length * 2 > slots.length >> 2) {
    // Grow: rehash every word by its stored hash.
    const old = slots;
    slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 2) - 1;
    for (let j = 0; j < old.length; j += 4) {
      if (old[j] === 0) continue;
      let q = old[j + 1]! & mask;
      while (slots[q << 2] !== 0) q = (q + 1) & mask;
      slots.set(old.subarray(j, j + 4), q << 2);
    }
  }
  return id;
}

function hashOf(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h;
}

const MAX_SCRATCH = 1 << 20;
let scratchStarts = new Int32Array(0);
let scratchEnds = new Int32Array(0);
let scratchIds = new Int32Array(0);

/** ASCII characters: 0 when not a word character, else the character lower-cased. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = c;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = c;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = c | 32;

/** Whether ids of the intern epoch `ep` are still comparable (the table has not been cleared since). */
export function epochHolds(ep: number): boolean {
  return ep === epoch;
}

/**
 * The id of a word (lower-cased) in the intern epoch `ep`: -1 when no token of that epoch was this
 * word, -2 when the epoch no longer holds.
 */
export function idOfWord(w: string, ep: number): number {
  if (!epochHolds(ep)) return -2;
  const h = hashOf(w);
  const mask = (slots.length >> 2) - 1;
  for (let k = h & mask; ; k = (k + 1) & mask) {
    const e = slots[k << 2]!;
    if (e === 0) return -1;
    if (slots[(k << 2) + 1] === h && wordOf[e - 1] === w) return e - 1;
  }
}

/** The word of an interned id (valid for the current epoch). */
export function wordOfId(id: number): string {
  return wordOf[id]!;
}

export function tokenizeText(text: string): Tokens {
  if (wordOf.length > MAX_WORDS) resetTable();
  // Lower-case once; when that keeps every offset (it nearly always does) words are read from it.
  const lower = text.toLowerCase();
  const same = lower.length === text.length;
  const n = text.length;
  // Scratch arrays kept between documents (a text of n characters has at most n/2 + 1 words);
  // a very long text gets its own, so that one such document does not keep megabytes alive.
  const need = Math.ceil(n / 2) + 1;
  if (scratchIds.length < need && need <= MAX_SCRATCH) {
    const size = Math.min(MAX_SCRATCH, need + 1024);
    scratchStarts = new Int32Array(size);
    scratchEnds = new Int32Array(size);
    scratchIds = new Int32Array(size);
  }
  const own = need > MAX_SCRATCH;
  const starts = own ? new Int32Array(need) : scratchStarts;
  const ends = own ? new Int32Array(need) : scratchEnds;
  const ids = own ? new Int32Array(need) : scratchIds;
  let count = 0;
  let i = 0;
  // A hand-written scan: ASCII letters and digits on the fast path (a table gives the lower-cased
  // code), other characters through the Unicode letter/number test (same word definition as
  // /[\p{L}\p{N}]+/u). The word's hash (FNV-1a over its lower-cased UTF-16 units) is computed in
  // the same pass.
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 128 ? ASCII_WORD[c] === 0 : !isWordChar(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    let h = 0x811c9dc5;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) {
        const l = ASCII_WORD[c]!;
        if (l === 0) break;
        h = Math.imul(h ^ l, 0x01000193);
        i++;
        continue;
      }
      if (!isWordChar(c, text, i)) break;
      if (c >= 0xd800 && c <= 0xdbff) {
        if (same) h = Math.imul(Math.imul(h ^ lower.charCodeAt(i), 0x01000193) ^ lower.charCodeAt(i + 1), 0x01000193);
        i += 2;
      } else {
        if (same) h = Math.imul(h ^ lower.charCodeAt(i), 0x01000193);
        i++;
      }
    }
    starts[count] = start;
    ends[count] = i;
    let id: number;
    if (same) id = intern(lower, start, i, h);
    else {
      const w = text.slice(start, i).toLowerCase();
      id = intern(w, 0, w.length, hashOf(w));
    }
    // "you're", "we'll": the contracted verb reads as the full word, so phrases say "are" and "will" once.
    if (i - start === 2 && start >= 2) {
      const q = text.charCodeAt(start - 1);
      const before = text.charCodeAt(start - 2);
      if ((q === 39 || q === 0x2019) && before < 128 && ASCII_WORD[before] !== 0) {
        const a = text.charCodeAt(start) | 32;
        const b = text.charCodeAt(start + 1) | 32;
        if (a === 114 && b === 101) id = intern('are', 0, 3, hashOf('are'));
        else if (a === 108 && b === 108) id = intern('will', 0, 4, hashOf('will'));
      }
    }
    ids[count] = id;
    count++;
  }
  const idList = ids.slice(0, count);
  const table = wordOf;
  let words: string[] | undefined;
  return {
    // The words as strings are built only when something reads them (the automaton reads ids).
    get words() {
      if (!words) {
        words = new Array<string>(count);
        for (let k = 0; k < count; k++) words[k] = table[idList[k]!]!;
      }
      return words;
    },
    ids: idList,
    epoch,
    starts: starts.slice(0, count),
    ends: ends.slice(0, count),
    lowerSame: same,
  };
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
