// Name normalization for restricted-party screening.
//
// A name becomes a list of significant tokens: Unicode NFKC, case folding, diacritics and
// punctuation folded, Cyrillic and Greek transliterated to Latin, legal forms ("Co., Ltd.",
// "GmbH", "ООО", "有限公司"...) removed and recorded as a canonical form, stop words removed.
// Generic business words ("technology", "group", "trading") stay but weigh half.

export interface NormalizedName {
  /** The name as given. */
  original: string;
  /** Significant tokens in their original order. */
  tokens: string[];
  /** Canonical legal forms found at the start or end of the name ("ltd", "llc", "gmbh"...). */
  forms: string[];
  /** Sorted tokens joined by one space: equal keys are an exact normalized match. */
  key: string;
  /** Tokens joined without spaces, in order ("Hua Wei" and "Huawei" agree). */
  compact: string;
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj', њ: 'nj',
  ћ: 'c', ђ: 'dj', џ: 'dz', ѕ: 'dz',
};
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

/** Legal forms as token sequences (after folding) with their canonical label. */
const LEGAL_FORMS: Array<[string, string]> = [
  // English-speaking and international
  ['company limited', 'ltd'], ['co ltd', 'ltd'], ['co limited', 'ltd'], ['limited', 'ltd'], ['ltd', 'ltd'],
  ['private limited', 'ltd'], ['pvt ltd', 'ltd'], ['pte ltd', 'ltd'], ['pty ltd', 'ltd'], ['pvt', 'ltd'], ['pte', 'ltd'], ['pty', 'ltd'],
  ['public limited company', 'plc'], ['plc', 'plc'],
  ['limited liability company', 'llc'], ['llc', 'llc'], ['l l c', 'llc'], ['pllc', 'llc'], ['lc', 'llc'],
  ['limited liability partnership', 'llp'], ['llp', 'llp'], ['limited partnership', 'lp'], ['lp', 'lp'], ['lllp', 'lp'],
  ['incorporated', 'inc'], ['inc', 'inc'], ['corporation', 'corp'], ['corp', 'corp'], ['company', 'co'], ['co', 'co'],
  // German, Austrian, Swiss, Dutch, Belgian, Nordic
  ['gmbh co kg', 'gmbh-co-kg'], ['gmbh and co kg', 'gmbh-co-kg'], ['ag co kg', 'ag-co-kg'], ['gmbh', 'gmbh'], ['ggmbh', 'gmbh'],
  ['mbh', 'gmbh'], ['ag', 'ag'], ['a g', 'ag'], ['kg', 'kg'], ['ohg', 'ohg'], ['ug', 'ug'], ['se', 'se'],
  ['bv', 'bv'], ['b v', 'bv'], ['nv', 'nv'], ['n v', 'nv'], ['bvba', 'bv'], ['vof', 'vof'],
  ['ab', 'ab'], ['publ', 'ab'], ['as', 'as'], ['a s', 'as'], ['asa', 'asa'], ['aps', 'aps'], ['oy', 'oy'], ['oyj', 'oyj'], ['hf', 'hf'], ['ehf', 'hf'],
  // Romance languages and Latin America
  ['sa de cv', 'sa'], ['s a de c v', 'sa'], ['s de rl de cv', 'srl'], ['s de rl', 'srl'], ['sa', 'sa'], ['s a', 'sa'], ['sas', 'sas'], ['s a s', 'sas'],
  ['sarl', 'sarl'], ['s a r l', 'sarl'], ['sasu', 'sas'], ['eurl', 'sarl'], ['sca', 'sca'], ['spa', 'spa'], ['s p a', 'spa'],
  ['srl', 'srl'], ['s r l', 'srl'], ['sl', 'sl'], ['s l', 'sl'], ['slu', 'sl'], ['ltda', 'ltda'], ['eireli', 'ltda'], ['sapi de cv', 'sa'],
  ['lda', 'ltda'], ['snc', 'snc'],
  // Central and Eastern Europe, Russia and CIS (Cyrillic forms arrive transliterated)
  ['sp z o o', 'sp-zoo'], ['sp zoo', 'sp-zoo'], ['spolka z oo', 'sp-zoo'], ['sro', 'sro'], ['s r o', 'sro'], ['spol s r o', 'sro'],
  ['doo', 'doo'], ['d o o', 'doo'], ['kft', 'kft'], ['zrt', 'zrt'], ['nyrt', 'nyrt'], ['srl', 'srl'], ['ad', 'ad'], ['eood', 'ood'], ['ood', 'ood'],
  ['ooo', 'llc'], ['too', 'llc'], ['tov', 'llc'], ['oao', 'jsc'], ['zao', 'jsc'], ['pao', 'jsc'], ['ao', 'jsc'], ['pat', 'jsc'], ['prat', 'jsc'],
  ['joint stock company', 'jsc'], ['public joint stock company', 'jsc'], ['closed joint stock company', 'jsc'], ['open joint stock company', 'jsc'],
  ['jsc', 'jsc'], ['ojsc', 'jsc'], ['cjsc', 'jsc'], ['pjsc', 'jsc'], ['jsco', 'jsc'], ['fgup', 'fgup'], ['gup', 'fgup'], ['nii', 'nii'],
  // Middle East, Asia
  ['fze', 'fze'], ['fzco', 'fze'], ['fzc', 'fze'], ['fz llc', 'llc'], ['fz', 'fze'], ['wll', 'wll'], ['w l l', 'wll'], ['spc', 'spc'], ['psc', 'psc'], ['qsc', 'psc'], ['bsc', 'psc'],
  ['saog', 'psc'], ['sak', 'psc'], ['sal', 'sal'],
  ['kabushiki kaisha', 'kk'], ['kabushiki gaisha', 'kk'], ['kk', 'kk'], ['k k', 'kk'], ['yugen kaisha', 'yk'], ['godo kaisha', 'gk'], ['gk', 'gk'],
  ['sdn bhd', 'sdn-bhd'], ['bhd', 'bhd'], ['berhad', 'bhd'], ['pt', 'pt'], ['tbk', 'tbk'], ['pt tbk', 'pt'], ['cv', 'cv'],
  ['co kg', 'kg'], ['and co', 'co'], ['co inc', 'inc'],
];

/** CJK company-form suffixes (simplified and traditional Chinese, Japanese, Korean), longest first. */
const CJK_FORMS: Array<[string, string]> = [
  ['股份有限公司', 'jsc'], ['有限责任公司', 'llc'], ['有限責任公司', 'llc'], ['集团有限公司', 'ltd'], ['集團有限公司', 'ltd'],
  ['有限公司', 'ltd'], ['有限会社', 'yk'], ['合同会社', 'gk'], ['株式会社', 'kk'], ['주식회사', 'jsc'], ['유한회사', 'llc'],
  ['集团公司', 'co'], ['集團公司', 'co'], ['总公司', 'co'], ['總公司', 'co'], ['分公司', 'co'], ['公司', 'co'], ['（株）', 'kk'], ['(株)', 'kk'],
];

/** Forms that may open a name ("ООО Ромашка", "PT Maju", "AB Volvo"). */
const LEADING_FORMS = new Set(['ooo', 'oao', 'zao', 'pao', 'ao', 'tov', 'too', 'pat', 'prat', 'pt', 'ab', 'as', 'jsc', 'ojsc', 'cjsc', 'pjsc', 'fgup', 'gup', 'kk', 'sc']);

export const STOP_WORDS: ReadonlySet<string> = new Set([
  'the', 'of', 'and', 'for', 'a', 'an', 'at', 'in', 'on', 'by', 'to', 'de', 'del', 'della', 'des', 'du', 'la', 'le', 'les',
  'el', 'los', 'las', 'y', 'e', 'et', 'und', 'der', 'die', 'das', 'di', 'da', 'do', 'dos', 'van', 'von', 'den', 'het',
]);

/** Words so common in company names that a match on them alone proves nothing; they weigh half. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'technology', 'technologies', 'tech', 'international', 'intl', 'group', 'holding', 'holdings', 'trading', 'trade',
  'industries', 'industry', 'industrial', 'global', 'systems', 'system', 'solutions', 'solution', 'services', 'service',
  'enterprise', 'enterprises', 'investment', 'investments', 'development', 'import', 'export', 'logistics',
  'science', 'sciences', 'scientific', 'research', 'institute', 'electronics', 'electronic', 'engineering',
  'network', 'networks', 'software', 'labs', 'lab', 'laboratory', 'capital', 'partners', 'resources', 'shipping',
  'energy', 'digital', 'data', 'consulting', 'management', 'ventures', 'products', 'manufacturing', 'machinery',
  'equipment', 'materials', 'general', 'national', 'new', 'world', 'china', 'american', 'asia', 'europe', 'hk',
  'ai', 'intelligence', 'artificial', 'cloud', 'computing', 'information', 'communications', 'communication',
  // CJK equivalents of the commonest ones
  '科技', '技术', '技術', '国际', '國際', '贸易', '貿易', '集团', '集團', '控股', '实业', '實業', '工业', '工業', '发展', '發展', '投资', '投資',
]);

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々]+/gu;

export function isCjk(token: string): boolean {
  return CJK.test(token);
}

export function isGeneric(token: string): boolean {
  return GENERIC_WORDS.has(token);
}

/** Fold a string to lower-case Latin where possible: NFKC, case, diacritics, Cyrillic/Greek letters. */
export function fold(s: string): string {
  let t = s.normalize('NFKC').toLowerCase();
  t = t.replace(/ß/g, 'ss').replace(/ı/g, 'i').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o').replace(/đ/g, 'd').replace(/ł/g, 'l').replace(/þ/g, 'th');
  // Strip combining marks after Latin, Greek and Cyrillic letters only (Japanese voicing marks stay).
  t = t.normalize('NFD').replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu, '$1').normalize('NFC');
  let out = '';
  for (const ch of t) out += CYRILLIC[ch] ?? GREEK[ch] ?? ch;
  return out;
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

export function normalizeName(name: string): NormalizedName {
  const forms: string[] = [];
  let tokens = rawTokens(fold(name), forms);
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
  // And from the start, for the forms that open a name.
  for (;;) {
    if (tokens.length > 1 && STOP_WORDS.has(tokens[0]!)) {
      tokens = tokens.slice(1);
      continue;
    }
    const f = FORM_SEQS.find((x) => x.seq.length < tokens.length && LEADING_FORMS.has(x.seq.join(' ')) && matchesAt(tokens, 0, x.seq));
    if (!f) break;
    forms.push(f.label);
    tokens = tokens.slice(f.seq.length);
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
    forms: uniqueForms,
    key: [...tokens].sort().join(' '),
    compact: tokens.join(''),
  };
}
