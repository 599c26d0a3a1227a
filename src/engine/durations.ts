// Durations and deadlines in the text, normalized: "thirty (30) days", "72 hours", "90-day",
// "within one month", "two (2) business days", "a year".
import type { Duration } from '../types.js';

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

export function findDurations(text: string): Duration[] {
  const out: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m; m = DURATION.exec(text)) {
    const digits = m[3] ?? m[1];
    const amount = digits !== undefined ? Number(digits.replace(',', '.')) : wordValue(m[2]!);
    if (amount === undefined || !Number.isFinite(amount)) continue;
    // "an hour" is a duration; "a day" in "24 hours a day" is not: skip a/an after another duration.
    if (m[2] && /^an?$/i.test(m[2]) && out.length && m.index - out[out.length - 1]!.end < 3) continue;
    const u = m[5]!.toLowerCase();
    const unit: Duration['unit'] = u.startsWith('h') ? 'hour' : u.startsWith('d') ? 'day' : u.startsWith('w') ? 'week' : u.startsWith('m') ? 'month' : 'year';
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], amount, unit, hours: amount * HOURS[unit] });
  }
  return out;
}
