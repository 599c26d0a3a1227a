// Durations and deadlines in the text, normalized: "thirty (30) days", "72 hours", "90-day",
// "within one month", "two (2) business days", "a year".
import type { Duration } from '../types.js';
import { type Tokens, epochHolds, wordOfId } from './tokens.js';
import { ensureLength } from './typed.js';

const SMALL: Record<string, number> = {
  zero: 0, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, 'one hundred': 100, 'one hundred eighty': 180, 'one hundred and eighty': 180, 'three hundred sixty-five': 365,
};
const NUMWORD = '(?:one hundred(?: and)? eighty|one hundred|three hundred sixty-five|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|hundred|an?)';
// "thirty (30) days", "30 (thirty) days", "five (5) additional years", "90-day", "72 hours".
const DURATION = new RegExp(
  `\\b(?:(\\d{1,4}(?:[.,]\\d+)?)|(${NUMWORD}))(?:\\s*\\((?:(\\d{1,4})|${NUMWORD})\\))?[\\s-]{0,2}(?:(business|calendar|working|rolling|consecutive|additional|further|full|clear)[\\s-]+)?(hours?|hrs?|days?|weeks?|months?|years?)\\b`,
  'gi',
);
const HOURS: Record<Duration['unit'], number> = { hour: 1, day: 24, week: 168, month: 720, year: 8760 };

function wordValue(w: string): number | undefined {
  const k = w.toLowerCase().replace(/\s+/g, ' ');
  if (SMALL[k] !== undefined) return SMALL[k];
  const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)$/.exec(k);
  if (m) return SMALL[m[1]!]! + SMALL[m[2]!]!;
  return undefined;
}

/**
 * The durations of `text`, in order. With the text's `tokens` the pattern runs only on short
 * windows around the words that hold a unit's letters, with the same matches (see windowed).
 */
export function findDurations(text: string, tokens?: Tokens): Duration[] {
  const out: Duration[] = [];
  if (tokens && epochHolds(tokens.epoch)) {
    windowed(text, tokens, (m, at) => take(out, m, at));
    return out;
  }
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m; m = DURATION.exec(text)) take(out, m, m.index);
  return out;
}

/** Add the duration of a match that starts at `at` in the text (if it is one). */
function take(out: Duration[], m: RegExpExecArray, at: number): void {
  const digits = m[3] ?? m[1];
  const amount = digits !== undefined ? Number(digits.replace(',', '.')) : wordValue(m[2]!);
  if (amount === undefined || !Number.isFinite(amount)) return;
  // "an hour" is a duration; "a day" in "24 hours a day" is not: skip a/an after another duration.
  if (m[2] && /^an?$/i.test(m[2]) && out.length && at - out[out.length - 1]!.end < 3) return;
  const u = m[5]!.toLowerCase();
  const unit: Duration['unit'] = u.startsWith('h') ? 'hour' : u.startsWith('d') ? 'day' : u.startsWith('w') ? 'week' : u.startsWith('m') ? 'month' : 'year';
  out.push({ start: at, end: at + m[0].length, text: m[0], amount, unit, hours: amount * HOURS[unit] });
}

/**
 * The matches of DURATION that a scan of the whole text finds (each the leftmost one from the end
 * of the previous), found on windows. A match is ASCII letters and digits with spaces, '-', '(',
 * ')', '.' and ',' between them, so it overlaps at most 10 word tokens (a number of up to four
 * words or two digit runs, the same again in parentheses, a qualifier, the unit), and it ends in a
 * token that holds a unit's letters ('day' in 'days', '30days', 'today'). So every match starts
 * within 9 tokens before such a token t (12 are taken, to spare) and before t ends, and reads
 * nothing past the 10th token after its start: the pattern is run on the text from that window's
 * start (one character of context before it) to one character past the 12th token after t, where
 * a match that starts before t ends is the one the whole text has there.
 */
function windowed(text: string, tokens: Tokens, onMatch: (m: RegExpExecArray, at: number) => void): void {
  const { ids, starts, ends, epoch } = tokens;
  const n = ids.length;
  let pos = 0;
  for (let t = 0; t < n; t++) {
    if (ends[t]! <= pos || !holdsUnit(ids[t]!, epoch)) continue;
    while (pos < ends[t]!) {
      const q = Math.max(pos, starts[Math.max(0, t - 12)]!);
      const a = Math.max(0, q - 1);
      const b = t + 12 >= n - 1 ? text.length : Math.min(text.length, ends[t + 12]! + 1);
      DURATION.lastIndex = q - a;
      const m = DURATION.exec(text.slice(a, b));
      if (!m || a + m.index >= ends[t]!) {
        pos = ends[t]!;
        break;
      }
      onMatch(m, a + m.index);
      pos = a + m.index + m[0].length;
    }
  }
}

const UNIT_LETTERS = /hour|hr|day|week|month|year/;
/** Per interned word (of the intern epoch `unitEpoch`): 0 unknown, 1 no unit's letters, 2 some. */
let unitOfWord = new Int8Array(0);
let unitEpoch = -1;
function holdsUnit(id: number, epoch: number): boolean {
  if (epoch !== unitEpoch) {
    unitEpoch = epoch;
    unitOfWord = new Int8Array(1024);
  }
  if (id >= unitOfWord.length) unitOfWord = ensureLength(unitOfWord, id + 1);
  let v = unitOfWord[id]!;
  if (v === 0) unitOfWord[id] = v = UNIT_LETTERS.test(wordOfId(id)) ? 2 : 1;
  return v === 2;
}
