// Name normalization for restricted-party screening.
//
// A name becomes a list of significant tokens: Unicode NFKC, case folding, diacritics and
// punctuation folded, every non-Latin script but CJK transliterated to Latin by any-ascii, legal
// forms ("Co., Ltd.", "GmbH", "ООО", "Joint Stock Company", "有限公司"...) tagged wherever they stand,
// removed and recorded as a canonical form, stop words removed. Each token also gets a canonical
// spelling: the dictionary concept of a generic word ("tsentr" and "centre" are both #center), else a
// phonetic skeleton that irons out transliteration variants (elektro/electro, -skiy/-sky, kh/h).
// Generic words (dictionary concepts and a list of business words) stay but weigh half.
import anyAscii from 'any-ascii';
import { CJK_FORMS, conceptOf, GENERIC_WORDS, LEADING_FORMS, LEGAL_FORMS, PHRASES, STOP_WORDS } from './terms.js';

export interface NormalizedName {
  /** The name as given. */
  original: string;
  /** Significant tokens in their original order. */
  tokens: string[];
  /** Canonical legal forms found at the start or end of the name ("ltd", "llc", "gmbh"...). */
  forms: string[];
  /** Canonical spelling of each token (same positions as `tokens`): "#concept" or a phonetic skeleton. */
  canon: string[];
  /** Sorted tokens joined by one space: equal keys are an exact normalized match. */
  key: string;
  /** Tokens joined without spaces, in order ("Hua Wei" and "Huawei" agree). */
  compact: string;
}

export { GENERIC_WORDS, STOP_WORDS } from './terms.js';
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々]+/gu;

export function isCjk(token: string): boolean {
  return CJK.test(token);
}

export function isGeneric(token: string): boolean {
  return GENERIC_WORDS.has(token) || conceptOf(token) !== undefined;
}

const NON_LATIN_RUN = /[^\p{Script=Latin}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々\p{N}\s\p{P}\p{S}]+/gu;

const LATIN_NON_ASCII = /(?=\p{Script=Latin})[^\x00-\x7f]/gu;

/** Fold a string to lower-case Latin where possible: NFKC, case, diacritics, other scripts (not CJK) transliterated. */
export function fold(s: string): string {
  let t = s.normalize('NFKC').toLowerCase();
  t = t.replace(/ß/g, 'ss').replace(/ı/g, 'i').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o').replace(/đ/g, 'd').replace(/ł/g, 'l').replace(/þ/g, 'th');
  // Strip combining marks after Latin letters (Japanese voicing marks stay).
  t = t.normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC');
  // Latin letters that neither decompose nor were folded above (Azerbaijani ə, Maltese ħ...): any-ascii.
  t = t.replace(LATIN_NON_ASCII, (c) => anyAscii(c).toLowerCase());
  // Cyrillic, Greek, Arabic, Hebrew, Armenian, Georgian...: any-ascii, one run at a time.
  return t.replace(NON_LATIN_RUN, (run) => anyAscii(arabicWords(greekDigraphs(run))).toLowerCase());
}

/**
 * Greek spells foreign sounds with letter pairs: γκ and γγ for g/ng, μπ for b, ντ for d
 * ("ΣΙΠΠΙΝΓΚ" is "shipping"). Read them as the sound, not letter by letter.
 */
function greekDigraphs(run: string): string {
  if (!/\p{Script=Greek}/u.test(run)) return run;
  return run
    .replace(/(?<=\p{L})γκ|^γκ|(?<![\p{L}])γκ/gu, 'g')
    .replace(/γγ/g, 'ng')
    .replace(/(?<![\p{L}])μπ/gu, 'b')
    .replace(/(?<![\p{L}])ντ/gu, 'd');
}

/**
 * Arabic-script words: the article and the prepositions fused with it (ال, لل, بال, وال, فال, كال) are
 * not part of the name ("النور" is "Noor" as often as "Al-Noor"; "al" is a stop word in Latin script too),
 * and alef madda (آ) is a vowel like alef, which any-ascii drops.
 */
function arabicWords(run: string): string {
  if (!/\p{Script=Arabic}/u.test(run)) return run;
  return run.replace(/(?<![\p{Script=Arabic}])(?:وال|بال|فال|كال|لل|ال)(?=\p{Script=Arabic}{2,})/gu, '').replace(/(?<![\p{Script=Arabic}])آ/gu, 'ا');
}

/**
 * Canonical spelling of a folded token: its dictionary concept ("#center"), or a phonetic skeleton
 * that makes common transliteration variants agree (elektro/electro, tsch/ch, -skiy/-sky, kh/h, w/v).
 */
export function canonToken(t: string): string {
  if (isCjk(t) || /\p{N}/u.test(t)) return t;
  const c = conceptOf(t);
  if (c) return `#${c}`;
  let k = t
    .replace(/(?:iy|yy|ij|ii|yi|yj|ei)$/, 'y')
    // An initial x is a fricative (Azerbaijani and Uzbek kh, pinyin x), never "ks".
    .replace(/^x/, 'h')
    // Arabic and Persian transliteration digraphs: dh/d (ذ ض), th/t (ث), oo/ou/u (و).
    .replace(/dh/g, 'd')
    .replace(/oo/g, 'u')
    // A soft c before e, i or y is an s ("service" / "servis"); a final silent e goes.
    .replace(/c(?=[eiy])/g, 's')
    .replace(/(?<=[^aeiouy])e$/, '')
    .replace(/tsch|tch/g, 'ch')
    .replace(/sch/g, 'sh')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/c(?!h)/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/tz/g, 'ts')
    .replace(/ou/g, 'u')
    .replace(/[yj]/g, 'i');
  k = k.replace(/(.)\1+/g, '$1');
  return k;
}

const FORM_SEQS: Array<{ seq: string[]; label: string }> = LEGAL_FORMS.map(([f, label]) => ({ seq: f.split(' '), label })).sort(
  (a, b) => b.seq.length - a.seq.length,
);

/** Split a folded string into raw tokens; CJK runs are split from Latin, legal-form suffixes cut off CJK runs. */
function rawTokens(folded: string, forms: string[]): string[] {
  let t = folded
    // Apostrophes and dots inside or after words vanish ("O'Neil", "S.A.", "Co.").
    .replace(/['’ʼ`´.]/g, '')
    // "A/S", "C&T": a slash or ampersand between two single letters joins them.
    .replace(/(?<![\p{L}\p{N}])(\p{L})\s*[/&+]\s*(\p{L})(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/&|\+/g, ' and ');
  // Split CJK runs apart from everything else, and cut company-form suffixes off each run.
  t = t.replace(CJK_RUN, (run) => {
    let r = run;
    const cut: string[] = [];
    // A run that is only a form ("有限公司" on its own) is a form, not a name.
    const only = CJK_FORMS.find(([f]) => f === r);
    if (only) {
      forms.push(only[1]);
      return ' ';
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const [suffix, label] of CJK_FORMS) {
        if (r.length > suffix.length && r.endsWith(suffix)) {
          r = r.slice(0, -suffix.length);
          cut.push(label);
          changed = true;
          break;
        }
        if (r.length > suffix.length && r.startsWith(suffix) && (suffix === '株式会社' || suffix === '有限会社' || suffix === '合同会社' || suffix === '(株)' || suffix === '（株）' || suffix === '주식회사')) {
          r = r.slice(suffix.length);
          cut.push(label);
          changed = true;
          break;
        }
      }
    }
    // A run that is only a form ("有限公司" on its own) is a form, not a name.
    const whole = CJK_FORMS.find(([f]) => f === r);
    if (whole) {
      cut.push(whole[1]);
      r = '';
    }
    forms.push(...cut.reverse());
    return ` ${r} `;
  });
  return t.split(/[^\p{L}\p{N}ー々]+/u).filter((x) => x !== '');
}

function matchesAt(tokens: string[], i: number, seq: string[]): boolean {
  if (i < 0 || i + seq.length > tokens.length) return false;
  for (let k = 0; k < seq.length; k++) if (tokens[i + k] !== seq[k]) return false;
  return true;
}

function replacePhrases(tokens: string[]): string[] {
  if (tokens.length < 2) return tokens;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const p = PHRASES.find(([seq]) => matchesAt(tokens, i, seq));
    if (p) {
      out.push(p[1]);
      i += p[0].length;
    } else out.push(tokens[i++]!);
  }
  return out;
}

/** Stem of a canonical token for Russian-style adjectives and place names (gorodeiski / gorodeia → gorode). */
export function stemToken(c: string): string {
  const s = c.replace(/(?:skaia|skoie|skoe|skogo|ski|sk|aia|oie|oe|ogo|ia|a|e|o)$/, '').replace(/[ie]+$/, '');
  return s.length >= 5 ? s : c;
}

/** A token written without vowels, as any-ascii renders Arabic and Persian script ("bhnm"). */
export function isConsonantal(t: string): boolean {
  return t.length >= 2 && /^[a-z`]+$/.test(t) && !/[aeiou]/.test(t);
}

/** Consonant skeleton of a folded token ("behnam" → "bhnm", "novin" / "nwyn" → "nvn"), to meet a consonantal one. */
export function consonants(t: string): string {
  return t.replace(/dh/g, 'd').replace(/th/g, 't').replace(/w/g, 'v').replace(/[`'aeiouy]/g, '');
}

/** The consonant skeleton of a consonantal token read with و (w) as the vowel o/u ("nwr" → "nr", as in "Noor"). */
export function consonantsVowelW(t: string): string {
  return consonants(t.replace(/w/g, ''));
}

/** Pinyin syllables of a Han token, through any-ascii ("深圳蓝桥" → shen zhen lan qiao). */
export function pinyinSyllables(t: string): string[] {
  return anyAscii(t)
    .split(/(?=[A-Z])|[^A-Za-z]+/)
    .map((x) => x.toLowerCase())
    .filter((x) => x !== '');
}

/**
 * Syllables of a Hangul token through any-ascii (Revised Romanization), respelt the way lists write
 * Korean names (McCune–Reischauer): initial g d b j l as k t p ch r, eo and eu as o and u
 * ("조선미래" → cho son mi rae, "고려" → ko ryo).
 */
export function hangulSyllables(t: string): string[] {
  return anyAscii(t)
    .split(/(?=[A-Z])|[^A-Za-z]+/)
    .map((x) =>
      x
        .toLowerCase()
        .replace(/^g/, 'k')
        .replace(/^d/, 't')
        .replace(/^b/, 'p')
        .replace(/^j/, 'ch')
        .replace(/^l/, 'r')
        .replace(/eo/g, 'o')
        .replace(/eu/g, 'u'),
    )
    .filter((x) => x !== '');
}

/** Single-token forms recognised in the middle of a name (unambiguous ones; short ones only at either end). */
const ANYWHERE_SINGLE = new Set(['ltd', 'limited', 'llc', 'gmbh', 'mbh', 'inc', 'incorporated', 'corp', 'corporation', 'jsc', 'ojsc', 'cjsc', 'pjsc', 'ooo', 'oao', 'zao', 'pao', 'plc', 'sarl', 'srl', 'spa', 'ltda', 'bhd', 'berhad', 'fgup', 'company', 'aktiengesellschaft', 'sherkat', 'sherkate', 'shirkat', 'sharikat', 'shrkt', 'shrkh']);

export function normalizeName(name: string): NormalizedName {
  const forms: string[] = [];
  let tokens = replacePhrases(rawTokens(fold(name), forms));
  const tailForms: string[] = [];
  // Strip legal forms from the end, repeatedly ("Co., Ltd.", "GmbH & Co. KG"), keeping at least one token.
  for (;;) {
    if (tokens.length > 1 && STOP_WORDS.has(tokens[tokens.length - 1]!)) {
      tokens = tokens.slice(0, -1);
      continue;
    }
    const f = FORM_SEQS.find((x) => x.seq.length < tokens.length && matchesAt(tokens, tokens.length - x.seq.length, x.seq));
    if (!f) break;
    tailForms.unshift(f.label);
    tokens = tokens.slice(0, tokens.length - f.seq.length);
  }
  // And from the start, for the forms that open a name and for spelled-out ones.
  for (;;) {
    if (tokens.length > 1 && STOP_WORDS.has(tokens[0]!)) {
      tokens = tokens.slice(1);
      continue;
    }
    const f = FORM_SEQS.find((x) => x.seq.length < tokens.length && (x.seq.length > 1 || LEADING_FORMS.has(x.seq[0]!) || ANYWHERE_SINGLE.has(x.seq[0]!)) && matchesAt(tokens, 0, x.seq));
    if (!f) break;
    forms.push(f.label);
    tokens = tokens.slice(f.seq.length);
  }
  // Then anywhere in between: spelled-out forms ("X Joint Stock Company Y") and unambiguous abbreviations.
  for (let i = 1; i < tokens.length - 1 && tokens.length > 1; ) {
    const f = FORM_SEQS.find((x) => x.seq.length < tokens.length && (x.seq.length > 1 || ANYWHERE_SINGLE.has(x.seq[0]!)) && matchesAt(tokens, i, x.seq));
    if (f) {
      forms.push(f.label);
      tokens = [...tokens.slice(0, i), ...tokens.slice(i + f.seq.length)];
    } else i++;
  }
  forms.push(...tailForms);
  // A name made only of a legal form ("Limited", "OOO", "有限公司") has nothing left to compare.
  if (tokens.length === 1 && FORM_SEQS.some((x) => x.seq.length === 1 && x.seq[0] === tokens[0])) {
    forms.push(FORM_SEQS.find((x) => x.seq.length === 1 && x.seq[0] === tokens[0])!.label);
    tokens = [];
  }
  tokens = tokens.filter((t) => !STOP_WORDS.has(t));
  const uniqueForms = [...new Set(forms)];
  return {
    original: name,
    tokens,
    canon: tokens.map(canonToken),
    forms: uniqueForms,
    key: [...tokens].sort().join(' '),
    compact: tokens.join(''),
  };
}
