// The parties and defined terms a contract sets up in its preamble and definitions, so that text
// written into it (a redline, an addendum) speaks the contract's own language: "Vendor" and
// "Client", "Client Data", "Outputs" instead of the playbook's "Provider", "Customer", ...
import { DEFAULT_PARTIES } from '../segment/index.js';
import type { Playbook, PlaybookParams } from '../playbook/index.js';

export interface ContractParty {
  /** The defined name the contract uses for the party ("Vendor"). */
  name: string;
  /** Its legal name from the preamble ("Quillmark AI Ltd."), when stated. */
  legalName?: string;
}

export type TermKey = keyof PlaybookParams['terms'];

export interface ContractTerms {
  provider?: ContractParty;
  customer?: ContractParty;
  /** The contract's words for the library's terms: 'customer-data' -> "Client Data". */
  terms: Partial<Record<TermKey, string>>;
  /** Every term the contract defines, as written ("Client Data", "Effective Date"). */
  defined: string[];
  /** The contract's name for itself in its preamble ("Master Subscription Agreement"). */
  title?: string;
  /** The date the preamble gives it ("14 January 2025"). */
  date?: string;
}

const QUOTED = '["“]([^"”\\n]{2,60})["”]';
/** ("Vendor"), (the "Agreement"), (hereinafter "Licensee"). */
const PAREN_TERM = new RegExp(`\\((?:the\\s+|this\\s+|hereinafter\\s+(?:referred\\s+to\\s+as\\s+)?(?:the\\s+)?)?${QUOTED}\\)`, 'gu');
/** "Client Data" means ..., "Output" shall mean ... */
const MEANS_TERM = new RegExp(`${QUOTED}\\s+(?:means|shall\\s+mean|has\\s+the\\s+meaning|refers\\s+to|includes)\\b`, 'gu');
/** Company forms that end a legal name: "Quillmark AI Ltd.", "Halyard Labs, Inc.". */
const LEGAL_NAME = /^((?:[^,(\n]|,\s*(?=(?:Inc|Ltd|LLC|L\.L\.C|Corp|GmbH|AG|S\.A|B\.V|N\.V|plc|PLC|LLP|LP|Pte|Pty)\b)){2,120}?\b(?:Inc\.?|Incorporated|LLC|L\.L\.C\.|Ltd\.?|Limited|Corp\.?|Corporation|GmbH|AG|S\.A\.|SAS|B\.V\.|N\.V\.|plc|PLC|Pte\.?\s+Ltd\.?|Pty\.?\s+Ltd\.?|LLP|LP|S\.r\.l\.|S\.p\.A\.|AB|Oy|Co\.))(?=[\s,(]|$)/u;

const singular = (s: string) => s.replace(/(?<=[a-z])s$/, '');
const same = (a: string, b: string) => singular(a.toLowerCase()) === singular(b.toLowerCase());

/** Library term -> the contract terms that mean the same thing, best first. `{C}` is the customer's name. */
const TERM_CANDIDATES: Record<TermKey, RegExp[]> = {
  agreement: [/^Agreement$/, /^(?:Master|Principal|Main|Services?|Subscription|Licen[cs]e)\b.*Agreement$/, /^Terms(?: of (?:Service|Use))?$/],
  services: [/^Services$/, /^Service$/, /^(?:AI |Cloud |Subscription |Hosted )Services$/, /^Platform$/],
  'customer-data': [/^{C} Data$/, /^Customer Data$/, /^Client Data$/, /^Your Data$/, /^{C} Content$/, /^Customer Content$/],
  input: [/^Inputs?$/, /^Prompts?$/, /^{C} Content$/, /^Customer Content$/, /^Client Content$/, /^Input Data$/],
  output: [/^Outputs?$/, /^Output Data$/, /^Generated Content$/, /^Completions?$/],
  documentation: [/^Documentation$/, /^Docs$/, /^User Guide$/],
  'authorized-user': [/^Authori[sz]ed Users?$/, /^Users?$/, /^End Users?$/, /^Permitted Users?$/],
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Roles the default lexicon gives a name ("Vendor" -> provider), or undefined. */
function roleOf(name: string): 'provider' | 'customer' | undefined {
  const r = DEFAULT_PARTIES[name.toLowerCase()];
  return r === 'provider' || r === 'customer' ? r : undefined;
}

/**
 * Read the parties and defined terms of a contract's text. Looks at the preamble for
 * `LEGAL NAME, ... ("Alias")` and at the whole text for `"Term" means` and `(the "Term")`.
 */
export function readContractTerms(text: string): ContractTerms {
  const defined: string[] = [];
  const add = (t: string) => {
    const term = t.trim();
    if (term && !defined.some((d) => d === term)) defined.push(term);
  };
  for (const m of text.matchAll(MEANS_TERM)) add(m[1]!);
  for (const m of text.slice(0, 200_000).matchAll(PAREN_TERM)) add(m[1]!);

  // Parties: in the preamble (before the first numbered section), each `... ("Alias")` after
  // "between" names one party; the words before it start with its legal name.
  const firstSection = /\n\s*(?:#+\s*)?(?:1\.?|Article 1|Section 1|ARTICLE 1)\s+\S/.exec(text);
  const preamble = text.slice(0, Math.min(firstSection ? firstSection.index : 6000, 6000));
  const between = /\b(?:by\s+and\s+)?(?:between|among)\b/i.exec(preamble);
  const found: Array<{ alias: string; legalName?: string }> = [];
  if (between) {
    let from = between.index + between[0].length;
    for (const m of preamble.slice(from).matchAll(PAREN_TERM)) {
      const at = from + m.index;
      const segment = preamble.slice(from, at).replace(/^[\s,;]*(?:and\s+|&\s+)?/i, '');
      from = at + m[0].length;
      const alias = m[1]!.trim();
      if (/^(?:Agreement|Effective Date|Part(?:y|ies)|Addendum|Order Form)$/i.test(alias)) continue;
      const legal = LEGAL_NAME.exec(segment)?.[1]?.trim() ?? (/^([^,(\n]{2,80})/.exec(segment)?.[1]?.trim() || undefined);
      if (!roleOf(alias) && !legal) continue;
      found.push({ alias, ...(legal && !same(legal, alias) ? { legalName: legal } : {}) });
      if (found.length === 2) break;
    }
  }
  const out: ContractTerms = { terms: {}, defined };
  if (found.length === 2) {
    let roles = found.map((f) => roleOf(f.alias));
    if (roles[0] && !roles[1]) roles = [roles[0], roles[0] === 'provider' ? 'customer' : 'provider'];
    else if (roles[1] && !roles[0]) roles = [roles[1] === 'provider' ? 'customer' : 'provider', roles[1]];
    else if (!roles[0] && !roles[1]) {
      // Neither alias is a role word ("Acme" and "Bolt"): the one that provides or licenses is the provider.
      const gives = (a: string) => new RegExp(`\\b${escapeRegExp(a)}\\s+(?:shall\\s+|will\\s+)?(?:provides?|licen[cs]es?|grants?|develops?|operates?|offers?)\\b`).test(text.slice(0, 20000));
      const g0 = gives(found[0]!.alias);
      const g1 = gives(found[1]!.alias);
      if (g0 !== g1) roles = g0 ? ['provider', 'customer'] : ['customer', 'provider'];
    }
    if (roles[0] && roles[1] && roles[0] !== roles[1]) {
      found.forEach((f, i) => {
        out[roles[i]!] = { name: f.alias, ...(f.legalName ? { legalName: f.legalName } : {}) };
      });
    }
  }

  const named = /\bThis\s+([\p{Lu}][\p{L}-]*\s+(?:(?:[\p{Lu}][\p{L}-]*|and|of|for|&)\s+){0,8}?(?:Agreement|Addendum|Terms|Contract))\s*\((?:the|this)\s+["“]/u.exec(preamble);
  if (named) out.title = named[1]!.replace(/\s+/g, ' ');
  const dated = /\b(?:dated|made\s+on|made\s+as\s+of|entered\s+into\s+(?:on|as\s+of)|effective\s+as\s+of|as\s+of)\s+((?:\d{1,2}\s+[\p{Lu}][\p{Ll}]+\s+\d{4})|(?:[\p{Lu}][\p{Ll}]+\s+\d{1,2},\s+\d{4})|\d{4}-\d{2}-\d{2})/u.exec(preamble);
  if (dated) out.date = dated[1]!;
  // The document's name for itself: 'This Data Processing Addendum (this "Addendum")'.
  const self = new RegExp(`\\(this\\s+${QUOTED}\\)`, 'u').exec(text.slice(0, 3000));
  if (self) out.terms.agreement = self[1]!.trim();
  const customer = out.customer?.name ?? 'Customer';
  for (const [key, patterns] of Object.entries(TERM_CANDIDATES) as Array<[TermKey, RegExp[]]>) {
    if (out.terms[key]) continue;
    for (const p of patterns) {
      const re = new RegExp(p.source.replace('{C}', escapeRegExp(customer)));
      const hit = defined.find((d) => re.test(d));
      if (hit) {
        out.terms[key] = hit;
        break;
      }
    }
  }
  // Input and Customer Data must not both take the same term ("Client Content" as either).
  if (out.terms.input && out.terms.input === out.terms['customer-data']) delete out.terms.input;
  return out;
}

/** Whether the contract already defines a term (singular and plural count as the same term). */
export function contractDefines(ct: ContractTerms, term: string): boolean {
  return ct.defined.some((d) => same(d, term));
}

/**
 * A playbook whose names and terms are the contract's: clause text rendered with it says "Vendor"
 * and "Client Data" where the contract does. Limits and requirement levels are unchanged.
 */
export function playbookInContractTerms(playbook: Playbook, ct: ContractTerms): Playbook {
  const p = playbook.params;
  const terms = { ...p.terms };
  for (const [k, v] of Object.entries(ct.terms) as Array<[TermKey, string]>) {
    // The library writes "{{terms.authorizedUser}}s" for the plural: keep the singular.
    terms[k] = k === 'authorized-user' ? singular(v) : v;
  }
  return {
    ...playbook,
    params: {
      ...p,
      ...(ct.provider ? { provider: ct.provider.name, ...(ct.provider.legalName ? { 'provider-legal-name': ct.provider.legalName } : {}) } : {}),
      ...(ct.customer ? { customer: ct.customer.name, ...(ct.customer.legalName ? { 'customer-legal-name': ct.customer.legalName } : {}) } : {}),
      terms,
    },
  };
}
