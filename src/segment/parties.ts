// Party names a document defines: 'Acme AI, Inc. ("Provider")', '"Meta" or "we" means ...'.
// A name joins the role of any alias the default lexicon knows.
import type { Party } from '../types.js';
import { DEFAULT_PARTIES } from './modality.js';

const key = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

export const PAREN_ALIAS =
  /([\p{Lu}][\p{L}\p{N}&.,'’ -]{1,80}?)[\s,]*\((?:together\s+with\s+[^)]{0,60}?,\s*)?(?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?|collectively,?\s+)?["“]([^"”]{2,40})["”](?:\s*(?:,|or|and)\s*(?:the\s+)?["“]([^"”]{2,40})["”])?(?:\s*(?:,|or|and)\s*(?:the\s+)?["“]([^"”]{2,40})["”])?\s*\)/gu;
const PAREN_ALIAS_AT = new RegExp(PAREN_ALIAS.source, 'uy');
const SPACE_OR_COMMA = /[\s,]/u;

/**
 * The matches of PAREN_ALIAS in `head`, the same as head.matchAll(PAREN_ALIAS) gives, without
 * trying the pattern at every capital letter of the text. A match holds a '(' whose contents
 * before the next ')' hold a quote, and it starts at most 81 characters (the name) before the run
 * of spaces and commas ending at that '(': the pattern runs (anchored) only at those starts, in
 * order, from where the previous match ended.
 */
export function parenAliases(head: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let lastEnd = 0;
  let prevQ = -1;
  let nextClose = -1;
  let nextDq = -1;
  let nextCq = -1;
  for (let q = head.indexOf('('); q >= 0; q = head.indexOf('(', q + 1)) {
    const floor = Math.max(lastEnd, prevQ + 1);
    prevQ = q;
    if (q < floor) continue;
    // Pointers only move forward, so the look-ahead stays linear in the text. The pattern ends with
    // ')', and nothing before its quote is a ')'.
    if (nextClose <= q) nextClose = after(head, ')', q + 1);
    if (nextDq <= q) nextDq = after(head, '"', q + 1);
    if (nextCq <= q) nextCq = after(head, '“', q + 1);
    if (nextClose === Infinity || Math.min(nextDq, nextCq) > nextClose) continue;
    let w = q;
    while (w > floor && SPACE_OR_COMMA.test(head[w - 1]!)) w--;
    for (let p = Math.max(floor, w - 81); p < q; p++) {
      PAREN_ALIAS_AT.lastIndex = p;
      const m = PAREN_ALIAS_AT.exec(head);
      if (m) {
        out.push(m);
        lastEnd = p + m[0].length;
        break;
      }
    }
  }
  return out;
}

const QUOTED = /["“]([^"“”\n]{1,40})["”]/g;
/** What may stand in an alias parenthesis beside the quoted names. */
const ALIAS_FILLER = /^(?:[\s,;]|\b(?:the|and|or|hereinafter|herein|referred|to|as|collectively|together|jointly|individually|each|also|called|known|with|its|their|affiliates|including|a|an)\b)*$/i;

/**
 * Alias parentheses the strict PAREN_ALIAS misses: four names ('("Zephyr", "we", "us" or "our")'),
 * commas inside curly quotes ('(“Zephyr,” “we,” or “us”)'), "referred to as". Each gives [name,
 * ...aliases] when the parenthesis holds quoted names and nothing but filler words besides;
 * parentheses at `skip` (those PAREN_ALIAS matched) are left out.
 */
export function looseParenGroups(head: string, skip: ReadonlySet<number> = new Set()): { at: number; names: string[] }[] {
  const out: { at: number; names: string[] }[] = [];
  for (let q = head.indexOf('('); q >= 0; q = head.indexOf('(', q + 1)) {
    if (skip.has(q)) continue;
    const close = head.indexOf(')', q + 1);
    if (close < 0 || close - q > 240) continue;
    const inner = head.slice(q + 1, close);
    if (inner.includes('(') || !/["“]/.test(inner)) continue;
    const aliases = [...inner.matchAll(QUOTED)].map((m) => m[1]!.replace(/[\s,;.]+$/, '')).filter(Boolean);
    if (aliases.length === 0 || !ALIAS_FILLER.test(inner.replace(QUOTED, ' '))) continue;
    const name = trailingName(head.slice(Math.max(0, q - 81), q).replace(/[\s,]+$/, ''));
    if (name) out.push({ at: q, names: [name, ...aliases] });
  }
  return out;
}

function after(s: string, ch: string, from: number): number {
  const i = s.indexOf(ch, from);
  return i < 0 ? Infinity : i;
}

const MEANS_ALIAS = /["“]([^"”]{2,40})["”](?:\s*(?:,|or|and)\s*["“]([^"”]{2,40})["”])?(?:\s*(?:,|or|and)\s*["“]([^"”]{2,40})["”])?\s+(?:means|shall mean|refers to)\s+([^.;]{0,120})/gu;

const COMPANY_FORMS_SET = new Set(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'sa', 'sas', 'bv', 'nv', 'plc', 'pte', 'pty', 'lp', 'llp', 'srl', 'spa', 'ab', 'oy', 'as']);
const COMPANY_FORMS = /\b(inc|incorporated|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|sas|bv|nv|plc|pte|pty|lp|llp|srl|spa|ab|oy|as)\b/g;

/** Names of documents and things, not of a party ('the Customer Agreement (the "Agreement") between ...'). */
const DOCUMENT_WORDS = /\b(?:agreement|addendum|terms|order|orders|service|services|platform|schedule|annex|exhibit|appendix|dpa|contract|policy|msa|sow|product|products|software|data|date|effective|documentation|statement|licen[cs]e)\b/;
const PARTIES_CLAUSE = /\b(?:between|entered into by|made by|concluded by)\b/i;
/** A sentence end: a stop before a capital ("Ltd. (" and "Inc., a" are not). */
const SENTENCE_END = /[.!?;]\s+(?=\p{Lu})/gu;

/**
 * Single quote marks around a name read as double ones ('Supplier', ‘Customer Data’), so that one set
 * of patterns reads both styles. Same length, so offsets hold. A straight quote counts only around a
 * capitalised name, opened after a space or '(' and closed before a space or punctuation.
 */
export function singleQuotesAsDouble(text: string): string {
  let t = text.includes('‘') ? text.replace(CURLY_SINGLE, '“$1”') : text;
  if (opensStraightQuote(t)) t = t.replace(STRAIGHT_SINGLE, '$1"$2"');
  return t;
}

/**
 * Whether a straight quote opens a capitalised name somewhere (at the start or after a space or '(',
 * before a capital): what every STRAIGHT_SINGLE match starts with. Apostrophes ("it's") are passed
 * over by indexOf, so most texts skip the pattern's scan.
 */
function opensStraightQuote(t: string): boolean {
  for (let i = t.indexOf("'"); i >= 0; i = t.indexOf("'", i + 1)) {
    if (i > 0 && !/[\s(]/.test(t[i - 1]!)) continue;
    if (UPPER.test(t.slice(i + 1, i + 3))) return true;
  }
  return false;
}
const UPPER = /^\p{Lu}/u;
const CURLY_SINGLE = /‘([^‘’\n]{2,60})’/g;
const STRAIGHT_SINGLE = /(^|[\s(])'(\p{Lu}[^'\n]{0,58}[\p{L}\p{N}])'(?=[\s),.;:]|$)/gmu;

export function documentParties(text: string): Record<string, Party> {
  // A line break inside a paragraph (hard-wrapped text, PDF) is a space: 'between Halyard' /
  // 'Software, Inc. ("Halyard")' names one company. Same length, so offsets hold.
  const head = singleQuotesAsDouble(text.slice(0, 40000)).replace(/([^\n])\n(?=[^\n])/g, '$1 ');
  const parties: Record<string, Party> = { ...DEFAULT_PARTIES };
  // Each group of names one party goes by, with where it is introduced.
  const groups: { at: number; names: string[] }[] = [];
  const strict = new Set<number>();
  for (const m of parenAliases(head)) {
    const paren = m.index + m[0].indexOf('(');
    strict.add(paren);
    const name = trailingName(m[1]!);
    groups.push({ at: paren, names: [name, m[2]!, m[3] ?? '', m[4] ?? ''].filter(Boolean) });
  }
  groups.push(...looseParenGroups(head, strict));
  for (const m of head.matchAll(MEANS_ALIAS)) {
    const aliases = [m[1]!, m[2] ?? '', m[3] ?? ''].filter(Boolean);
    // '"Meta" or "we" means Meta Platforms' - the defined name and words of the meaning.
    const meaning = m[4]!.replace(/\([^)]*\)/g, '').split(/\s+(?:and|or)\s+/)[0]!;
    groups.push({ at: m.index, names: [...aliases, meaning] });
  }
  const unassigned: { at: number; keys: string[] }[] = [];
  for (const { at, names: g } of groups) {
    const keys = g.map(key).filter((k) => k.length > 0 && k.split(' ').length <= 6);
    const roles = new Set(keys.map((k) => DEFAULT_PARTIES[k]).filter((r): r is Party => r === 'provider' || r === 'customer'));
    if (roles.size === 0 && keys.some((k) => /^[a-z0-9]/.test(k)) && /^[\p{Lu}\d]/u.test(g[0] ?? '')) unassigned.push({ at, keys });
    if (roles.size !== 1) continue;
    const role = [...roles][0]!;
    for (const k of keys) {
      if (DEFAULT_PARTIES[k] && DEFAULT_PARTIES[k] !== role) continue;
      addName(parties, k, role);
    }
  }
  const companies = unassigned.filter(({ keys }) => keys.some((k) => COMPANY_FORMS_SET.has(k.split(' ').pop() ?? '')));
  const named = (role: Party) => Object.entries(parties).some(([k, r]) => r === role && !DEFAULT_PARTIES[k]);
  // Only a name introduced in the parties clause ("between X and Y") faces the other party; one
  // introduced elsewhere may be a third party (a model provider, an affiliate).
  const inPartiesClause = (at: number): boolean => {
    const before = head.slice(Math.max(0, at - 300), at);
    const sentenceStart = Math.max(before.lastIndexOf('\n'), ...[...before.matchAll(SENTENCE_END)].map((m) => m.index + 1));
    return PARTIES_CLAUSE.test(before.slice(sentenceStart + 1));
  };
  // 'Between Caldergate Trust Bank (the "Bank") and the supplier named below (the "Vendor")': a name
  // without a role, facing a role word in the same parties clause, takes the other role.
  // (the same name may come from both the strict and the loose alias reader)
  const bare = unassigned
    .filter(({ at, keys }) => inPartiesClause(at) && !keys.some((k) => DOCUMENT_WORDS.test(k)))
    .filter((u, i, all) => all.findIndex((v) => v.keys.join('|') === u.keys.join('|')) === i);
  // (only the first such name: a later "between" may be another agreement's recital)
  if (bare.length >= 1 && companies.length <= 1) {
    // the quoted names of the rest of that sentence
    const rest = head.slice(bare[0]!.at, bare[0]!.at + 400);
    const end = rest.search(/[.;]\s|\n/);
    const clauseRoles = new Set(
      [...(end >= 0 ? rest.slice(0, end) : rest).matchAll(QUOTED)]
        .map((m) => DEFAULT_PARTIES[key(m[1]!)])
        .filter((r): r is Party => r === 'provider' || r === 'customer'),
    );
    if (clauseRoles.size === 1) {
      const role: Party = clauseRoles.has('provider') ? 'customer' : 'provider';
      for (const k of bare[0]!.keys) if (!DEFAULT_PARTIES[k]) addName(parties, k, role);
    }
  }
  if (companies.length === 1) {
    const other = companies[0]!.keys;
    const at = companies[0]!.at;
    const inClause = inPartiesClause(at);
    if (inClause && named('provider') && !named('customer')) {
      // 'between Harbinger Mutual Insurance Company ("Harbinger") and Tallis Analytics Inc. ("Vendor")':
      // the company facing a named provider is the customer.
      for (const k of other) if (!DEFAULT_PARTIES[k]) addName(parties, k, 'customer');
    } else if (inClause && named('customer') && !named('provider')) {
      for (const k of other) if (!DEFAULT_PARTIES[k]) addName(parties, k, 'provider');
    } else if (!named('provider') && /\byou\b/i.test(head)) {
      // Terms addressed to "you" that name one company without a role ('NVIDIA Corporation ("NVIDIA")'):
      // that company is the one offering them.
      for (const k of other) if (!DEFAULT_PARTIES[k]) addName(parties, k, 'provider');
    }
  }
  return parties;
}

function addName(parties: Record<string, Party>, k: string, role: Party): void {
  const words = k.split(' ');
  if (words.length <= 3) parties[k] = parties[k] ?? role;
  // "acme ai inc" -> also "acme ai" and "acme" (the short name drafters use).
  const core = k.replace(COMPANY_FORMS, '').trim().split(/\s+/).filter(Boolean);
  for (let n = Math.min(3, core.length); n >= 1; n--) {
    const short = core.slice(0, n).join(' ');
    if (short.length >= 3 && !['the', 'you', 'our', 'your'].includes(short)) parties[short] = parties[short] ?? role;
  }
}

/** "This Agreement is between Zephyr Labs Inc." -> "Zephyr Labs Inc.": the trailing run of name-like words. */
function trailingName(s: string): string {
  const words = s.trim().split(/\s+/);
  let i = words.length;
  while (i > 0) {
    const w = words[i - 1]!;
    const bare = w.toLowerCase().replace(/[^\p{L}\p{N}&]/gu, '');
    if (/^[\p{Lu}\p{N}&]/u.test(w) || COMPANY_FORMS_SET.has(bare) || (['of', 'and', 'de', 'du', 'van', 'von'].includes(bare) && i < words.length)) i--;
    else break;
  }
  while (i < words.length && ['of', 'and', 'de', 'du', 'van', 'von', 'the', 'this'].includes(words[i]!.toLowerCase())) i++;
  return words.slice(i).join(' ');
}
