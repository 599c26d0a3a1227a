// Party names a document defines: 'Acme AI, Inc. ("Provider")', '"Meta" or "we" means ...'.
// A name joins the role of any alias the default lexicon knows.
import type { Party } from '../types.js';
import { DEFAULT_PARTIES } from './modality.js';

const key = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

const PAREN_ALIAS =
  /([\p{Lu}][\p{L}\p{N}&.,'’ -]{1,80}?)[\s,]*\((?:together\s+with\s+[^)]{0,60}?,\s*)?(?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?|collectively,?\s+)?["“]([^"”]{2,40})["”](?:\s*(?:,|or|and)\s*(?:the\s+)?["“]([^"”]{2,40})["”])?(?:\s*(?:,|or|and)\s*(?:the\s+)?["“]([^"”]{2,40})["”])?\s*\)/gu;
const MEANS_ALIAS = /["“]([^"”]{2,40})["”](?:\s*(?:,|or|and)\s*["“]([^"”]{2,40})["”])?(?:\s*(?:,|or|and)\s*["“]([^"”]{2,40})["”])?\s+(?:means|shall mean|refers to)\s+([^.;]{0,120})/gu;

const COMPANY_FORMS_SET = new Set(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'sa', 'sas', 'bv', 'nv', 'plc', 'pte', 'pty', 'lp', 'llp', 'srl', 'spa', 'ab', 'oy', 'as']);
const COMPANY_FORMS = /\b(inc|incorporated|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|sas|bv|nv|plc|pte|pty|lp|llp|srl|spa|ab|oy|as)\b/g;

export function documentParties(text: string): Record<string, Party> {
  const head = text.slice(0, 40000);
  const parties: Record<string, Party> = { ...DEFAULT_PARTIES };
  const groups: string[][] = [];
  for (const m of head.matchAll(PAREN_ALIAS)) {
    const name = trailingName(m[1]!);
    groups.push([name, m[2]!, m[3] ?? '', m[4] ?? ''].filter(Boolean));
  }
  for (const m of head.matchAll(MEANS_ALIAS)) {
    const aliases = [m[1]!, m[2] ?? '', m[3] ?? ''].filter(Boolean);
    // '"Meta" or "we" means Meta Platforms' - the defined name and words of the meaning.
    const meaning = m[4]!.replace(/\([^)]*\)/g, '').split(/\s+(?:and|or)\s+/)[0]!;
    groups.push([...aliases, meaning]);
  }
  const unassigned: string[][] = [];
  for (const g of groups) {
    const keys = g.map(key).filter((k) => k.length > 0 && k.split(' ').length <= 6);
    const roles = new Set(keys.map((k) => DEFAULT_PARTIES[k]).filter((r): r is Party => r === 'provider' || r === 'customer'));
    if (roles.size === 0 && keys.some((k) => /^[a-z0-9]/.test(k)) && /^[\p{Lu}\d]/u.test(g[0] ?? '')) unassigned.push(keys);
    if (roles.size !== 1) continue;
    const role = [...roles][0]!;
    for (const k of keys) {
      if (DEFAULT_PARTIES[k] && DEFAULT_PARTIES[k] !== role) continue;
      addName(parties, k, role);
    }
  }
  const companies = unassigned.filter((keys) => keys.some((k) => COMPANY_FORMS_SET.has(k.split(' ').pop() ?? '')));
  const named = (role: Party) => Object.entries(parties).some(([k, r]) => r === role && !DEFAULT_PARTIES[k]);
  if (companies.length === 1) {
    const other = companies[0]!;
    if (named('provider') && !named('customer')) {
      // 'between Harbinger Mutual Insurance Company ("Harbinger") and Tallis Analytics Inc. ("Vendor")':
      // the company facing a named provider is the customer.
      for (const k of other) if (!DEFAULT_PARTIES[k]) addName(parties, k, 'customer');
    } else if (named('customer') && !named('provider')) {
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
