// Restricted-party screening: an index over the list entries (every name and alias normalized
// once), candidate lookup through exact keys and similar tokens, then a scored comparison of
// every name of the subject with every name of each candidate entry.
//
// Decision: an exact normalized match whose country does not contradict is a `hit`; a score at
// or above the threshold (default 0.70) is `review`; a match a reviewer cleared in the allowlist
// stays in the report as `cleared` with the reviewer's note.
import { type Allowlist, findClearance } from './allowlist.js';
import { type ListEntry, type ListInfo, type LoadedLists } from './lists.js';
import { codePoints, jaroWinklerCpStr } from './jaro.js';
import { compareNames, exactOnly, type Reason, TOKEN_MIN, tokenWeight, type WeightFn } from './match.js';
import { canonToken, consonants, consonantsVowelW, isCjk, isConsonantal, isGeneric, hangulSyllables, type NormalizedName, normalizeName, pinyinSyllables } from './normalize.js';
import { conceptOf } from './terms.js';

export const DEFAULT_THRESHOLD = 0.7;
/** Added to the score when the subject's country is among the entry's countries. */
export const COUNTRY_MATCH_BONUS = 0.08;
/** Taken off the score when both sides have countries and none agree: a strong qualifier. */
export const COUNTRY_MISMATCH_PENALTY = 0.25;
/** Default --max-list-age in days. */
export const DEFAULT_MAX_LIST_AGE = 30;

export type MatchDecision = 'hit' | 'review' | 'cleared';

export interface ScreenSubject {
  name: string;
  aliases?: string[];
  /** ISO alpha-2 country, a qualifier. */
  country?: string;
  /** Who this is for the vendor: vendor, parent, ultimate-owner, owner, subprocessor, or name (command line). */
  role: string;
}

export interface ScreenMatch {
  decision: MatchDecision;
  /** Final score (name score plus country effect), 0..1, two decimals. */
  score: number;
  nameScore: number;
  entry: ListEntry;
  /** The subject's name or alias that matched best. */
  screenedName: string;
  /** The entry's name or alias that matched best. */
  listedName: string;
  reasons: Reason[];
  clearance?: { note: string; reviewer: string; date?: string; file: string };
}

export interface ScreenResult {
  subject: ScreenSubject;
  decision: MatchDecision | 'clear';
  matches: ScreenMatch[];
  /** One line per list older than the allowed age at the as-of date (a clear result on a stale list proves little). */
  warnings: string[];
}

export interface ScreeningReport {
  threshold: number;
  /** The date list ages are judged at (YYYY-MM-DD). */
  asOf: string;
  /** Days a list may be old before every result warns about it. */
  maxListAge: number;
  warnings: string[];
  lists: ListInfo[];
  allowlist?: { file: string; sha256: string; entries: number };
  results: ScreenResult[];
  summary: { subjects: number; hits: number; reviews: number; cleared: number };
}

interface Variant {
  entry: number;
  name: string;
  primary: boolean;
  norm: NormalizedName;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const DECISION_RANK: Record<MatchDecision, number> = { hit: 0, review: 1, cleared: 2 };

/** Days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

/** A warning per list dated more than `maxAge` days before `asOf`. */
export function staleListWarnings(lists: ListInfo[], asOf: string, maxAge: number): string[] {
  const out: string[] = [];
  for (const l of lists) {
    const age = daysBetween(l.date, asOf);
    if (Number.isFinite(age) && age > maxAge) {
      out.push(`list ${l.name} is dated ${l.date}${l.dateSource === 'mtime' ? ' (file modification time)' : ''}, ${age} days before ${asOf}: older than the ${maxAge}-day limit (--max-list-age); screen against a current download`);
    }
  }
  return out;
}

/** Variants of the index: a single variant number, or a list once a second one joins. */
type Posting = number | number[];

function post<K>(m: Map<K, Posting>, k: K, v: number): void {
  const a = m.get(k);
  if (a === undefined) m.set(k, v);
  else if (typeof a === 'number') {
    if (a !== v) m.set(k, [a, v]);
  } else if (a[a.length - 1] !== v) a.push(v);
}

function postings(p: Posting | undefined): number[] {
  return p === undefined ? [] : typeof p === 'number' ? [p] : p;
}

/** FNV-1a 32-bit hash of a string, with a seed to keep key spaces apart. */
function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The names of an entry as the index numbers them: its name, then its aliases (without repeats of the name). */
function entryNames(e: ListEntry): string[] {
  return [e.name, ...e.aliases.filter((a) => a !== e.name)];
}

export class Screener {
  readonly threshold: number;
  readonly asOf: string;
  readonly maxListAge: number;
  private readonly staleWarnings: string[];
  // The index is kept compact so that a list of 500,000 entries fits in a few hundred MB: a variant
  // (a name or alias of an entry) is two numbers, exact keys are 32-bit hashes (a collision only adds a
  // candidate, which compareNames then rejects), postings hold a bare number until a second variant
  // joins, and vocabulary code points live in one flat array. Normalized names are recomputed for the
  // few candidates of a query instead of being kept for every variant.
  private readonly vEntry: number[] = [];
  private readonly vName: number[] = [];
  private readonly byKey = new Map<number, Posting>();
  private readonly byToken = new Map<string, Posting>();
  /** Consonant skeletons of Latin tokens, to meet names written in Arabic or Persian script. */
  private byConsonants: Map<number, Posting> | undefined;
  private readonly dfCache = new Map<string, number>();
  private readonly fuzzyVocab: string[] = [];
  private readonly fuzzyLen: number[] = [];
  private readonly fuzzyCjk: number[] = [];
  private readonly similarCache = new Map<string, string[]>();
  private readonly weight: WeightFn;

  constructor(
    readonly loaded: LoadedLists,
    readonly opts: { threshold?: number; allowlist?: Allowlist; asOf?: string; maxListAge?: number } = {},
  ) {
    this.threshold = opts.threshold ?? DEFAULT_THRESHOLD;
    this.asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
    this.maxListAge = opts.maxListAge ?? DEFAULT_MAX_LIST_AGE;
    this.staleWarnings = staleListWarnings(loaded.lists, this.asOf, this.maxListAge);
    loaded.entries.forEach((e, ei) => {
      entryNames(e).forEach((name, k) => {
        const norm = normalizeName(name);
        if (norm.tokens.length === 0) return;
        const vi = this.vEntry.length;
        this.vEntry.push(ei);
        this.vName.push(k);
        post(this.byKey, hash32(norm.key, 1), vi);
        if (norm.tokens.length > 1) post(this.byKey, hash32(norm.compact, 2), vi);
        for (const t of new Set(norm.canon)) {
          if (!this.byToken.has(t) && !exactOnly(t) && !t.startsWith('#')) {
            this.fuzzyVocab.push(t);
            let len = 0;
            for (const _ of t) len++;
            this.fuzzyLen.push(len);
            this.fuzzyCjk.push(isCjk(t) ? 1 : 0);
          }
          post(this.byToken, t, vi);
        }
      });
    });
    // Rarity: a token found in one entry (or none) weighs fully, one found in every entry 0.6 of that.
    const n = loaded.entries.length;
    const denom = Math.log((n + 1) / 2);
    this.weight = (t, canon) => {
      const base = tokenWeight(t);
      if (!(denom > 0)) return base;
      const df = Math.max(1, this.df(canon));
      const idf = Math.min(1, Math.max(0, Math.log((n + 1) / (df + 1)) / denom));
      return base * (0.6 + 0.4 * idf);
    };
  }

  /** Consonant skeletons of the listed tokens, built on the first query written in Arabic or Persian script. */
  private consonantIndex(): Map<number, Posting> {
    if (this.byConsonants) return this.byConsonants;
    const m = new Map<number, Posting>();
    for (let vi = 0; vi < this.vEntry.length; vi++) {
      for (const raw of new Set(this.variant(vi).norm.tokens)) {
        const c = consonants(raw);
        if (c.length >= 2 && !isCjk(raw) && /[aeiou]/.test(raw)) post(m, hash32(c, 3), vi);
      }
    }
    this.byConsonants = m;
    return m;
  }

  /** Number of entries a canonical token appears in (counted from its posting, once per token). */
  private df(canon: string): number {
    let d = this.dfCache.get(canon);
    if (d !== undefined) return d;
    d = 0;
    let last = -1;
    for (const vi of postings(this.byToken.get(canon))) {
      const ei = this.vEntry[vi]!;
      if (ei !== last) d++;
      last = ei;
    }
    this.dfCache.set(canon, d);
    return d;
  }

  /** A variant with its normalized name, rebuilt on demand. */
  private variant(vi: number): Variant {
    const ei = this.vEntry[vi]!;
    const k = this.vName[vi]!;
    const name = entryNames(this.loaded.entries[ei]!)[k]!;
    return { entry: ei, name, primary: k === 0, norm: normalizeName(name) };
  }

  /** Vocabulary tokens similar to the canonical token `t` (itself included when present). */
  private similar(t: string): string[] {
    let s = this.similarCache.get(t);
    if (s) return s;
    if (exactOnly(t) || t.startsWith('#')) s = this.byToken.has(t) ? [t] : [];
    else {
      // Same test as tokenSimilarity(), on code points computed once per vocabulary token.
      const q = codePoints(t);
      const cjk = isCjk(t);
      s = [];
      const want = cjk ? 1 : 0;
      for (let i = 0; i < this.fuzzyVocab.length; i++) {
        if (this.fuzzyCjk[i] !== want) continue;
        const len = this.fuzzyLen[i]!;
        // Jaro-Winkler >= 0.85 needs Jaro >= 0.75, which needs the shorter token to be at least a quarter of the longer.
        if (4 * Math.min(q.length, len) < Math.max(q.length, len)) continue;
        if (this.fuzzyVocab[i] === t || jaroWinklerCpStr(q, this.fuzzyVocab[i]!) >= TOKEN_MIN) s.push(this.fuzzyVocab[i]!);
      }
    }
    this.similarCache.set(t, s);
    return s;
  }

  private candidates(q: NormalizedName): Set<number> {
    const out = new Set<number>();
    for (const v of postings(this.byKey.get(hash32(q.key, 1)))) out.add(v);
    // "Hua Wei" meets "Huawei" (a one-word name's key is its compact form) and the other way round.
    for (const v of postings(this.byKey.get(hash32(q.compact, 1)))) out.add(v);
    for (const v of postings(this.byKey.get(hash32(q.compact, 2)))) out.add(v);
    // Generic-only matches are capped below any threshold unless the names are made of generic words only.
    const allGeneric = q.tokens.every((t) => isGeneric(t));
    q.canon.forEach((c, i) => {
      const t = q.tokens[i]!;
      if (isGeneric(t) && !allGeneric) return;
      for (const s of this.similar(c)) for (const v of postings(this.byToken.get(s))) out.add(v);
      if (isConsonantal(t)) {
        for (const k of new Set([consonants(t), consonantsVowelW(t)])) for (const v of postings(this.consonantIndex().get(hash32(k, 3)))) out.add(v);
      }
    });
    return out;
  }

  /**
   * A Chinese name read in pinyin, a Korean one in McCune–Reischauer-style syllables, the syllables
   * grouped into the words the list uses ("深圳蓝桥微电子" → "shenzhen lanqiao weidianzi", "조선미래해운"
   * → "choson mirae haeun"), to meet list entries written in Latin script.
   */
  private pinyinReading(q: NormalizedName): NormalizedName | undefined {
    if (!q.tokens.some((t) => /[\p{Script=Han}\p{Script=Hangul}]/u.test(t))) return undefined;
    const words: string[] = [];
    for (const t of q.tokens) {
      if (!/[\p{Script=Han}\p{Script=Hangul}]/u.test(t)) {
        words.push(t);
        continue;
      }
      const syl = /\p{Script=Hangul}/u.test(t) ? hangulSyllables(t) : pinyinSyllables(t);
      let pending = '';
      for (let i = 0; i < syl.length; ) {
        let took = 0;
        for (let k = Math.min(4, syl.length - i); k >= 1; k--) {
          const w = syl.slice(i, i + k).join('');
          if (this.byToken.has(canonToken(w)) || (k > 1 && conceptOf(w))) {
            took = k;
            break;
          }
        }
        if (took) {
          if (pending) words.push(pending);
          pending = '';
          words.push(syl.slice(i, i + took).join(''));
          i += took;
        } else pending += syl[i++];
      }
      if (pending) words.push(pending);
    }
    const latin = normalizeName(words.join(' '));
    return latin.tokens.length ? latin : undefined;
  }

  screen(subject: ScreenSubject): ScreenResult {
    const names = [subject.name, ...(subject.aliases ?? []).filter((a) => a !== subject.name)];
    const best = new Map<number, { v: Variant; screened: string; via?: string; primaryQ: boolean; cmp: ReturnType<typeof compareNames> }>();
    const readings: Array<{ name: string; qi: number; q: NormalizedName; via?: string }> = [];
    names.forEach((name, qi) => {
      const q = normalizeName(name);
      if (q.tokens.length === 0) return;
      readings.push({ name, qi, q });
      const py = this.pinyinReading(q);
      if (py) readings.push({ name, qi, q: py, via: py.tokens.join(' ') });
    });
    readings.forEach(({ name, qi, q, via }) => {
      for (const vi of this.candidates(q)) {
        const v = this.variant(vi);
        const cmp = compareNames(q, v.norm, this.weight);
        const prev = best.get(v.entry);
        // Best score wins; on a tie prefer exact, then primary names on both sides.
        const better =
          !prev ||
          cmp.score > prev.cmp.score + 1e-12 ||
          (Math.abs(cmp.score - prev.cmp.score) <= 1e-12 &&
            ((cmp.exact && !prev.cmp.exact) || (cmp.exact === prev.cmp.exact && Number(qi === 0) + Number(v.primary) > Number(prev.primaryQ) + Number(prev.v.primary))));
        if (better) best.set(v.entry, { v, screened: name, ...(via ? { via } : {}), primaryQ: qi === 0, cmp });
      }
    });
    const matches: ScreenMatch[] = [];
    const country = subject.country?.toUpperCase();
    for (const [ei, b] of best) {
      const entry = this.loaded.entries[ei]!;
      const reasons: Reason[] = [...b.cmp.reasons];
      if (b.via) reasons.unshift({ feature: 'transliteration', detail: `"${b.screened}" read ${/\p{Script=Hangul}/u.test(b.screened) ? 'in romanized Korean' : 'in pinyin'} as "${b.via}"`, effect: 0 });
      let score = b.cmp.score;
      let countryConflict = false;
      if (country && entry.countries.length > 0) {
        if (entry.countries.includes(country)) {
          const add = Math.min(COUNTRY_MATCH_BONUS, 1 - score);
          score += add;
          reasons.push({ feature: 'country', detail: `country ${country} is among the entry's countries (${entry.countries.join(', ')})`, effect: r2(add) });
        } else {
          countryConflict = true;
          score = Math.max(0, score - COUNTRY_MISMATCH_PENALTY);
          reasons.push({ feature: 'country', detail: `country ${country} differs from the entry's (${entry.countries.join(', ')})`, effect: -COUNTRY_MISMATCH_PENALTY });
        }
      } else if (country) {
        reasons.push({ feature: 'country', detail: 'the entry has no country to compare; not scored', effect: 0 });
      }
      if (b.screened !== subject.name || !b.v.primary) {
        const parts: string[] = [];
        if (b.screened !== subject.name) parts.push(`screened alias "${b.screened}"`);
        if (!b.v.primary) parts.push(`listed alias "${b.v.name}"`);
        reasons.push({ feature: 'alias', detail: `matched through ${parts.join(' and ')}`, effect: 0 });
      }
      score = Math.min(1, Math.max(0, score));
      let decision: MatchDecision;
      if (b.cmp.exact && !countryConflict) decision = 'hit';
      // The same name in another country still needs a reviewer's eye, whatever the threshold.
      else if (b.cmp.exact || score + 1e-9 >= this.threshold) decision = 'review';
      else continue;
      const match: ScreenMatch = {
        decision,
        score: r2(score),
        nameScore: r2(b.cmp.score),
        entry,
        screenedName: b.screened,
        listedName: b.v.name,
        reasons,
      };
      const c = findClearance(this.opts.allowlist, names, entry);
      if (c) {
        match.decision = 'cleared';
        match.clearance = { note: c.note, reviewer: c.reviewer, ...(c.date ? { date: c.date } : {}), file: this.opts.allowlist!.file };
        match.reasons.push({ feature: 'allowlist', detail: `cleared by ${c.reviewer}${c.date ? ` on ${c.date}` : ''}: ${c.note}`, effect: 0 });
      }
      matches.push(match);
    }
    matches.sort(
      (a, b) =>
        DECISION_RANK[a.decision] - DECISION_RANK[b.decision] ||
        b.score - a.score ||
        a.entry.list.localeCompare(b.entry.list) ||
        a.entry.id.localeCompare(b.entry.id, 'en', { numeric: true }),
    );
    const decision = matches[0]?.decision ?? 'clear';
    return { subject, decision, matches, warnings: [...this.staleWarnings] };
  }

  report(subjects: ScreenSubject[]): ScreeningReport {
    const results = subjects.map((s) => this.screen(s));
    return {
      threshold: this.threshold,
      asOf: this.asOf,
      maxListAge: this.maxListAge,
      warnings: [...this.staleWarnings],
      lists: this.loaded.lists,
      ...(this.opts.allowlist ? { allowlist: { file: this.opts.allowlist.file, sha256: this.opts.allowlist.sha256, entries: this.opts.allowlist.entries.length } } : {}),
      results,
      summary: {
        subjects: results.length,
        hits: results.filter((r) => r.decision === 'hit').length,
        reviews: results.filter((r) => r.decision === 'review').length,
        cleared: results.filter((r) => r.decision === 'cleared').length,
      },
    };
  }
}

export { loadLists } from './lists.js';
export type { ListEntry, ListInfo, LoadedLists } from './lists.js';
export { loadAllowlist } from './allowlist.js';
export type { Allowlist } from './allowlist.js';
export { normalizeName } from './normalize.js';
export { compareNames } from './match.js';
export type { Reason } from './match.js';
