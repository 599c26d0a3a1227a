// Clause number labels at the start of a paragraph: 1. / 1.1 / 7.2(a) / (a) / (iv) / a. /
// Article IV / Section 5 / § 5 / Schedule 2 / Annex A / bullets / Markdown headings.

export type LabelStyle =
  | 'part' // Article, Part, Chapter
  | 'section-word' // Section 5, Clause 5, § 5
  | 'schedule' // Schedule, Annex, Exhibit, Appendix, Attachment
  | 'decimal' // 1. 1.1 1.1.1
  | 'paren-alpha' // (a)
  | 'paren-roman' // (iv)
  | 'paren-num' // (1)
  | 'alpha' // a. a)
  | 'upper-alpha' // A. A)
  | 'roman' // iv. iv)
  | 'upper-roman' // IV.
  | 'bullet'
  | 'markdown';

export interface Label {
  /** The label as written ("7.2", "(a)", "Article IV"). */
  text: string;
  style: LabelStyle;
  /** Value without punctuation ("7.2", "a", "iv", "IV"). */
  value: string;
  /** Length of the label including trailing spaces, to find where the clause text starts. */
  length: number;
  /** For decimal labels: number of components (1.1 -> 2); for markdown: number of #. */
  level: number;
}

const WORD_LABEL =
  /^(article|part|chapter|section|clause|schedule|annex|exhibit|appendix|attachment)\s+((?:\d+(?:\.\d+)*)|(?:[IVXLC]+)|(?:[A-Z]))(?![\p{L}\d])[.:]?\s*/iu;
// "§ 4", "§4", "§ 4.2", "§ 12a": the section sign numbers sections in German-style and many European contracts.
const SECTION_SIGN = /^§{1,2}\s*(\d{1,3}[a-z]?(?:\.\d{1,3}){0,3})(?![\p{L}\d])[.:]?\s*/u;
const DECIMAL = /^(\d{1,3}(?:\.\d{1,3}){0,5})(\.|\))?(?=\s|$)\s*/;
const DECIMAL_PAREN = /^(\d{1,3}(?:\.\d{1,3}){0,5})((?:\([a-z0-9]{1,4}\))+)\s*/i;
const PAREN = /^\(([a-z]{1,4}|\d{1,3})\)\s*/i;
const ALPHA = /^([a-z]|[ivxl]{1,5})[.)](?=\s)\s*/i;
const BULLET = /^([-*•●▪◦·‣–])\s+/;
const MD = /^(#{1,6})\s+/;

const ROMAN = /^[ivxlc]+$/i;

export function isRoman(s: string): boolean {
  return ROMAN.test(s);
}

const ROMAN_DIGITS: Array<[number, string]> = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** Lower-case roman numeral of n ('' below 1): the inverse of romanValue. */
export function toRoman(n: number): string {
  let out = '';
  for (const [value, digits] of ROMAN_DIGITS) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

export function romanValue(s: string): number {
  const map: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  const t = s.toLowerCase();
  for (let i = 0; i < t.length; i++) {
    const v = map[t[i]!] ?? 0;
    const next = map[t[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function parseLabel(text: string): Label | undefined {
  // Each pattern is tried only where the first character can start it (every one is anchored): most
  // lines of a contract start with a letter or a quote, and a cold run pays for every regex it runs.
  // A first character outside ASCII tries them all.
  const c = text.charCodeAt(0);
  const other = c >= 128;
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const digit = c >= 48 && c <= 57;
  // Markdown emphasis around a number: "**4.1** You must not" or "**4.5 Monitoring.** We".
  const em = c === 42 || c === 95 ? /^(\*\*|__)([^*_\n]{1,60}?)(\*\*|__)\s*/.exec(text) : null;
  if (em) {
    const inner = em[2]!;
    const lab = parseLabel(`${inner} `);
    if (lab && lab.style !== 'markdown' && lab.style !== 'bullet') {
      return { ...lab, length: lab.length >= inner.length ? em[0].length : 2 + lab.length };
    }
  }
  let m = c === 35 ? MD.exec(text) : null;
  if (m) return { text: m[1]!, style: 'markdown', value: m[1]!, length: m[0].length, level: m[1]!.length };
  m = letter || other ? WORD_LABEL.exec(text) : null;
  if (m) {
    const word = m[1]!.toLowerCase();
    const style: LabelStyle =
      word === 'section' || word === 'clause'
        ? 'section-word'
        : word === 'article' || word === 'part' || word === 'chapter'
          ? 'part'
          : 'schedule';
    const name = m[1]![0]!.toUpperCase() + m[1]!.slice(1).toLowerCase();
    return { text: `${name} ${m[2]}`, style, value: m[2]!, length: m[0].length, level: m[2]!.split('.').length };
  }
  m = other ? SECTION_SIGN.exec(text) : null;
  if (m) return { text: `§ ${m[1]}`, style: 'section-word', value: m[1]!, length: m[0].length, level: m[1]!.split('.').length };
  m = digit ? DECIMAL_PAREN.exec(text) : null;
  if (m) return { text: `${m[1]}${m[2]}`, style: 'decimal', value: `${m[1]}${m[2]}`, length: m[0].length, level: m[1]!.split('.').length };
  m = digit ? DECIMAL.exec(text) : null;
  if (m) {
    // "2024 revenue" is not a label: a bare integer needs a dot or parenthesis after it.
    if (!m[2] && !m[1]!.includes('.')) return undefined;
    return { text: m[1]!, style: 'decimal', value: m[1]!, length: m[0].length, level: m[1]!.split('.').length };
  }
  m = c === 40 ? PAREN.exec(text) : null;
  if (m) {
    const v = m[1]!;
    const style: LabelStyle = /^\d+$/.test(v) ? 'paren-num' : isRoman(v) && v.length > 1 ? 'paren-roman' : 'paren-alpha';
    return { text: `(${v})`, style, value: v, length: m[0].length, level: 0 };
  }
  m = letter ? ALPHA.exec(text) : null;
  if (m) {
    const v = m[1]!;
    const upper = v === v.toUpperCase();
    const roman = isRoman(v) && v.length > 1;
    const style: LabelStyle = roman ? (upper ? 'upper-roman' : 'roman') : upper ? 'upper-alpha' : 'alpha';
    return { text: v, style, value: v, length: m[0].length, level: 0 };
  }
  m = c === 45 || c === 42 || other ? BULLET.exec(text) : null;
  if (m) return { text: m[1]!, style: 'bullet', value: m[1]!, length: m[0].length, level: 0 };
  return undefined;
}
