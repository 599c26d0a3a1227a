// Word tokens of a document, computed once: lower-cased words with their offsets, and each word
// as an integer id interned across documents (the phrase automaton looks classes up by id, and a
// word already seen costs no new string).
export interface Tokens {
  words: string[];
  /** Interned id of each word (same word, same id while `epoch` holds). */
  ids: Int32Array;
  /** Changes when the intern table is cleared (ids of another epoch are not comparable). */
  epoch: number;
  starts: Int32Array;
  ends: Int32Array;
}

/** Past this many distinct words the intern table is cleared (between documents) and starts over. */
const MAX_WORDS = 500_000;
/** Open-addressing table: slot -> id + 1 (0: empty), and the slot's hash. */
let slotId = new Int32Array(1 << 14);
let slotHash = new Int32Array(1 << 14);
let wordOf: string[] = [];
let epoch = 0;

function resetTable(): void {
  slotId = new Int32Array(1 << 14);
  slotHash = new Int32Array(1 << 14);
  wordOf = [];
  epoch++;
}

/** The id of the word src[start, end) (src lower-cased), added when new; `h` is its hash. */
function intern(src: string, start: number, end: number, h: number): number {
  let mask = slotId.length - 1;
  const len = end - start;
  for (let k = h & mask; ; k = (k + 1) & mask) {
    const e = slotId[k]!;
    if (e === 0) {
      const id = wordOf.length;
      // A copy, not a slice: a slice of 13+ characters would keep the whole document's text alive.
      const w = src.slice(start, end);
      wordOf.push(w.length < 13 ? w : Buffer.from(w, 'utf16le').toString('utf16le'));
      slotId[k] = id + 1;
      slotHash[k] = h;
      if (wordOf.length * 2 > slotId.length) {
        // Grow: rehash every word by its stored hash.
        const [oldId, oldHash] = [slotId, slotHash];
        slotId = new Int32Array(oldId.length * 2);
        slotHash = new Int32Array(oldId.length * 2);
        mask = slotId.length - 1;
        for (let j = 0; j < oldId.length; j++) {
          if (oldId[j] === 0) continue;
          let q = oldHash[j]! & mask;
          while (slotId[q] !== 0) q = (q + 1) & mask;
          slotId[q] = oldId[j]!;
          slotHash[q] = oldHash[j]!;
        }
      }
      return id;
    }
    if (slotHash[k] === h) {
      const w = wordOf[e - 1]!;
      if (w.length === len) {
        let same = true;
        for (let i = 0; i < len; i++) {
          if (w.charCodeAt(i) !== src.charCodeAt(start + i)) {
            same = false;
            break;
          }
        }
        if (same) return e - 1;
      }
    }
  }
}

function hashOf(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h;
}

export function tokenizeText(text: string): Tokens {
  if (wordOf.length > MAX_WORDS) resetTable();
  // Lower-case once; when that keeps every offset (it nearly always does) words are read from it.
  const lower = text.toLowerCase();
  const same = lower.length === text.length;
  const n = text.length;
  const starts = new Int32Array(Math.ceil(n / 2) + 1);
  const ends = new Int32Array(Math.ceil(n / 2) + 1);
  const ids = new Int32Array(Math.ceil(n / 2) + 1);
  const words: string[] = [];
  let count = 0;
  let i = 0;
  // A hand-written scan: ASCII letters and digits on the fast path, other characters through
  // the Unicode letter/number test (same word definition as /[\p{L}\p{N}]+/u). The word's hash
  // (FNV-1a over its lower-cased UTF-16 units) is computed in the same pass.
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isWordChar(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    let h = 0x811c9dc5;
    while (i < n) {
      c = text.charCodeAt(i);
      if (!isWordChar(c, text, i)) break;
      if (c >= 0xd800 && c <= 0xdbff) {
        if (same) h = Math.imul(Math.imul(h ^ lower.charCodeAt(i), 0x01000193) ^ lower.charCodeAt(i + 1), 0x01000193);
        i += 2;
      } else {
        if (same) h = Math.imul(h ^ (c < 128 ? (c >= 65 && c <= 90 ? c | 32 : c) : lower.charCodeAt(i)), 0x01000193);
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
    ids[count] = id;
    words.push(wordOf[id]!);
    count++;
  }
  return { words, ids: ids.slice(0, count), epoch, starts: starts.slice(0, count), ends: ends.slice(0, count) };
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
