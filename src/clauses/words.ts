// Numbers and lists as a drafter writes them: "thirty (30) days", "A, B and C".

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English words for a whole number from 0 to 999,999 ("one hundred twenty"). */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) return String(n);
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred` + (n % 100 ? ` ${numberWords(n % 100)}` : '');
  return `${numberWords(Math.floor(n / 1000))} thousand` + (n % 1000 ? ` ${numberWords(n % 1000)}` : '');
}

/** "thirty (30)" */
export function wordsAndDigits(n: number): string {
  return `${numberWords(n)} (${n})`;
}

/** "thirty (30) days", "one (1) day" */
export function quantity(n: number, unit: string): string {
  return `${wordsAndDigits(n)} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * "A", "A and B", "A, B and C" (no serial comma, as in the clause templates). When an item has its
 * own commas or conjunctions, items are separated by semicolons so the list stays unambiguous:
 * "A, of X; B and C; and D".
 */
export function joinList(items: readonly string[], conj = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  const complex = items.some((i) => /[,;]|\b(?:and|or)\b/.test(i));
  const sep = complex ? '; ' : ', ';
  const last = complex ? `; ${conj} ` : ` ${conj} `;
  return `${items.slice(0, -1).join(sep)}${last}${items[items.length - 1]}`;
}
