// Compare two normalized names: token-order-insensitive, Jaro–Winkler per token, every point of
// the score attributed to a token pair.
//
//   score = Σ over matched pairs  sim(q, e) × (w(q) + w(e))  /  (Σ w(query tokens) + Σ w(list tokens))
//
// with w = 1 for a distinctive token and 0.5 for a generic business word (the screener scales these by
// how rare the token is in the list: see Screener). Two tokens with the same canonical spelling
// (a dictionary concept, or the same phonetic skeleton) are near-equal. Tokens of three letters
// or fewer, single CJK characters and tokens with digits match only when identical. A name whose
// only matching tokens are generic words is capped below the review threshold.
import { jaroWinkler, levenshteinSim } from './jaro.js';
import { canonToken, consonants, consonantsVowelW, isCjk, isConsonantal, isGeneric, type NormalizedName, stemToken } from './normalize.js';

export interface Reason {
  /** exact · spacing · token · unmatched · generic-only · empty · legal-form · country · alias · allowlist */
  feature: string;
  detail: string;
  /** Points this feature adds to (or, when negative, takes from) the score. */
  effect?: number;
}

export interface NameComparison {
  score: number;
  exact: boolean;
  reasons: Reason[];
}

/** Lowest per-token Jaro–Winkler similarity that counts as a token match. */
export const TOKEN_MIN = 0.85;
/** Highest score a comparison can reach when only generic words match. */
export const GENERIC_ONLY_CAP = 0.5;

function cpLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Tokens that only match when identical: short ones, single CJK characters, anything with a digit. */
export function exactOnly(t: string): boolean {
  if (/\p{N}/u.test(t)) return true;
  const n = cpLength(t);
  return isCjk(t) ? n <= 1 : n <= 3;
}

/** Lowest Levenshtein similarity (1 - edits / length) for a fuzzy token match. */
export const LEVENSHTEIN_MIN = 0.8;
/** Similarity of two tokens with the same dictionary concept ("tsentr" / "center"). */
export const CONCEPT_SIM = 0.9;
/** Similarity of two spellings with the same phonetic skeleton ("elektro" / "electro"). */
export const VARIANT_SIM = 0.95;

/**
 * Similarity of two tokens: 1 when equal, VARIANT_SIM / CONCEPT_SIM when their canonical spellings
 * agree, Jaro–Winkler of the canonical spellings when both may be fuzzy and it reaches TOKEN_MIN, else 0.
 */
export function tokenSimilarity(a: string, b: string, ca = canonToken(a), cb = canonToken(b)): number {
  if (a === b) return 1;
  if (ca === cb) return ca.startsWith('#') ? CONCEPT_SIM : VARIANT_SIM;
  // Two different dictionary words ("center" / "plant") never match; a misspelt one may.
  if (ca.startsWith('#') && cb.startsWith('#')) return 0;
  // Arabic or Persian script arrives as consonants only ("bhnm"): compare with the other's consonants.
  const na = isConsonantal(a);
  if (na !== isConsonantal(b) && !isCjk(a) && !isCjk(b)) {
    const other = consonants(na ? b : a);
    const k = consonants(na ? a : b);
    const kw = consonantsVowelW(na ? a : b);
    return other.length >= 2 && (k === other || kw === other) ? CONCEPT_SIM : 0;
  }
  if (exactOnly(a) || exactOnly(b)) return 0;
  if (isCjk(a) !== isCjk(b)) return 0;
  // Russian adjectives and place names: same stem ("gorodeyskiy" / "gorodeya").
  if (!ca.startsWith('#') && !cb.startsWith('#')) {
    const sa = stemToken(ca);
    if (sa === stemToken(cb) && (sa !== ca || sa !== cb)) return CONCEPT_SIM;
  }
  // A word and a much longer word it begins ("soft" / "software") are different words.
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short) && short.length < 0.75 * long.length) return 0;
  const s = Math.max(jaroWinkler(a, b), ca.startsWith('#') || cb.startsWith('#') ? 0 : jaroWinkler(ca, cb));
  if (s < TOKEN_MIN) return 0;
  // Jaro–Winkler rewards a shared beginning; two different words can share one ("megaline" / "megalith").
  // A typo or a spelling variant is also close in edits: at most one edit in five letters.
  const lev = Math.max(levenshteinSim(a, b), ca.startsWith('#') || cb.startsWith('#') ? 0 : levenshteinSim(ca, cb));
  return lev >= LEVENSHTEIN_MIN ? Math.min(s, VARIANT_SIM) : 0;
}

export function tokenWeight(t: string): number {
  return isGeneric(t) ? 0.5 : 1;
}

/** Weight of a token for a comparison; the screener passes one that also counts the token's rarity. */
export type WeightFn = (token: string, canon: string) => number;
const defaultWeight: WeightFn = (t) => tokenWeight(t);

const r2 = (x: number): number => Math.round(x * 100) / 100;

/** Join two adjacent tokens of `a` that the other name writes as one word ("Kunlun Shan" / "Kunlunshan"). */
function joinSplitWords(a: NormalizedName, other: NormalizedName): NormalizedName {
  if (a.tokens.length < 2) return a;
  const want = new Set(other.canon);
  let tokens: string[] | undefined;
  let canon: string[] | undefined;
  for (let i = 0; i + 1 < (tokens ?? a.tokens).length; i++) {
    const t = tokens ?? a.tokens;
    const c = canon ?? a.canon;
    if (want.has(c[i]!) || want.has(c[i + 1]!)) continue;
    const joined = t[i]! + t[i + 1]!;
    const cj = canonToken(joined);
    if (!want.has(cj)) continue;
    tokens = [...t.slice(0, i), joined, ...t.slice(i + 2)];
    canon = [...c.slice(0, i), cj, ...c.slice(i + 2)];
  }
  return tokens ? { ...a, tokens, canon: canon! } : a;
}

/**
 * Split a compound token of `a` into two words the other name writes apart, when one part is a word of
 * the other name and the rest a dictionary word it also has ("radiozavod" / "radio plant": "radio" is
 * the other's word, "zavod" and "plant" are both #plant). Both parts still have to match to score.
 */
function splitCompounds(a: NormalizedName, other: NormalizedName): NormalizedName {
  const want = new Set(other.canon);
  const words = other.tokens.filter((t) => !isCjk(t) && t.length >= 4);
  let tokens: string[] | undefined;
  let canon: string[] | undefined;
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i]!;
    if (want.has(a.canon[i]!) || isCjk(t)) continue;
    for (const u of words) {
      if (t.length - u.length < 3 || t === u) continue;
      let parts: [string, string] | undefined;
      if (t.startsWith(u)) parts = [u, t.slice(u.length)];
      else if (t.endsWith(u)) parts = [t.slice(0, -u.length), u];
      if (!parts) continue;
      const rest = parts[0] === u ? parts[1] : parts[0];
      const cr = canonToken(rest);
      if (!cr.startsWith('#') || !want.has(cr)) continue;
      tokens ??= [...a.tokens];
      canon ??= [...a.canon];
      const at = tokens.indexOf(t);
      tokens.splice(at, 1, parts[0], parts[1]);
      canon.splice(at, 1, canonToken(parts[0]), canonToken(parts[1]));
      break;
    }
  }
  return tokens ? { ...a, tokens, canon: canon! } : a;
}

export function compareNames(q: NormalizedName, e: NormalizedName, weight: WeightFn = defaultWeight): NameComparison {
  const reasons: Reason[] = [];
  if (q.tokens.length === 0 || e.tokens.length === 0) {
    return { score: 0, exact: false, reasons: [{ feature: 'empty', detail: 'nothing left to compare once legal forms and stop words are removed', effect: 0 }] };
  }
  const formNote = (): void => {
    if (q.forms.length && e.forms.length) {
      const same = q.forms.some((f) => e.forms.includes(f));
      reasons.push({ feature: 'legal-form', detail: same ? `same legal form (${q.forms.join(', ')}); not scored` : `legal forms differ (${q.forms.join(', ')} vs ${e.forms.join(', ')}); not scored`, effect: 0 });
    } else if (q.forms.length || e.forms.length) {
      reasons.push({ feature: 'legal-form', detail: `legal form ${q.forms.length ? `${q.forms.join(', ')} on the screened name` : `${e.forms.join(', ')} on the listed name`} only; not scored`, effect: 0 });
    }
  };
  if (q.key === e.key) {
    const reordered = q.tokens.join(' ') !== e.tokens.join(' ');
    reasons.push({ feature: 'exact', detail: `same words after normalization: "${q.tokens.join(' ')}"${reordered ? ` (order differs: "${e.tokens.join(' ')}")` : ''}`, effect: 1 });
    for (const t of q.tokens) reasons.push({ feature: 'token', detail: `"${t}" = "${t}"${isGeneric(t) ? ', generic word' : ''}`, effect: 0 });
    formNote();
    return { score: 1, exact: true, reasons };
  }
  if (q.compact === e.compact) {
    reasons.push({ feature: 'spacing', detail: `same letters with different spacing: "${q.tokens.join(' ')}" / "${e.tokens.join(' ')}"`, effect: 1 });
    formNote();
    return { score: 1, exact: true, reasons };
  }

  q = splitCompounds(joinSplitWords(q, e), e);
  e = splitCompounds(joinSplitWords(e, q), q);
  const wq = q.tokens.map((t, i) => weight(t, q.canon[i]!));
  const we = e.tokens.map((t, j) => weight(t, e.canon[j]!));
  const total = wq.reduce((a, b) => a + b, 0) + we.reduce((a, b) => a + b, 0);
  const pairs: Array<{ i: number; j: number; sim: number }> = [];
  for (let i = 0; i < q.tokens.length; i++) {
    for (let j = 0; j < e.tokens.length; j++) {
      const sim = tokenSimilarity(q.tokens[i]!, e.tokens[j]!, q.canon[i], e.canon[j]);
      if (sim > 0) pairs.push({ i, j, sim });
    }
  }
  // Greedy one-to-one assignment, best pairs first; ties by position for determinism.
  pairs.sort((a, b) => b.sim - a.sim || a.i - b.i || a.j - b.j);
  const usedQ = new Set<number>();
  const usedE = new Set<number>();
  let sum = 0;
  let distinctive = false;
  const chosen: typeof pairs = [];
  for (const p of pairs) {
    if (usedQ.has(p.i) || usedE.has(p.j)) continue;
    usedQ.add(p.i);
    usedE.add(p.j);
    chosen.push(p);
  }
  chosen.sort((a, b) => a.i - b.i);
  for (const p of chosen) {
    const a = q.tokens[p.i]!;
    const b = e.tokens[p.j]!;
    const effect = (p.sim * (wq[p.i]! + we[p.j]!)) / total;
    sum += effect;
    const generic = isGeneric(a) || isGeneric(b);
    if (!generic) distinctive = true;
    const ca = q.canon[p.i]!;
    const how = a === b ? '' : ca === e.canon[p.j] ? (ca.startsWith('#') ? `, same word in the dictionary (${ca.slice(1)})` : `, spelling variant (${ca})`) : '';
    reasons.push({
      feature: 'token',
      detail: `"${a}" ${a === b ? '=' : '≈'} "${b}" similarity ${p.sim.toFixed(2)}${how}${generic ? ', generic word (half weight)' : ''}, weight ${(wq[p.i]! + we[p.j]!).toFixed(2)} of ${total.toFixed(2)}`,
      effect: r2(effect),
    });
  }
  const missQ = q.tokens.filter((_, i) => !usedQ.has(i));
  const missE = e.tokens.filter((_, j) => !usedE.has(j));
  if (missQ.length) reasons.push({ feature: 'unmatched', detail: `no counterpart for screened word${missQ.length > 1 ? 's' : ''} ${missQ.map((t) => `"${t}"`).join(', ')}`, effect: 0 });
  if (missE.length) reasons.push({ feature: 'unmatched', detail: `no counterpart for listed word${missE.length > 1 ? 's' : ''} ${missE.map((t) => `"${t}"`).join(', ')}`, effect: 0 });
  let score = sum;
  if (chosen.length > 0 && !distinctive && (missQ.length > 0 || missE.length > 0) && score > GENERIC_ONLY_CAP) {
    reasons.push({ feature: 'generic-only', detail: `only generic words match; capped at ${GENERIC_ONLY_CAP}`, effect: r2(GENERIC_ONLY_CAP - score) });
    score = GENERIC_ONLY_CAP;
  }
  formNote();
  return { score, exact: false, reasons };
}
