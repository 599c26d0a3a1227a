// The "AI Services Addendum": a numbered document made of library clauses in one playbook's
// position. One model, rendered as Markdown, HTML or DOCX by the sibling modules.
import { REQUIREMENTS, requirementById } from '../catalog.js';
import type { Playbook } from '../playbook/index.js';
import type { Report, Requirement, Status } from '../types.js';
import { type Definition, type Position, definitionsUsed, renderClause } from './index.js';
import { type ContractTerms, contractDefines, playbookInContractTerms, readContractTerms } from './parties.js';

export const ADDENDUM_TITLE = 'AI Services Addendum';

export interface AddendumClause {
  /** "2.1" */
  number: string;
  /** Requirement ID the clause answers; undefined for definitions. */
  id?: string;
  caption?: string;
  /** Paragraphs; a paragraph starting with "(a) " is a list item. */
  paragraphs: string[];
}

export interface AddendumSection {
  /** "2" */
  number: string;
  heading: string;
  clauses: AddendumClause[];
}

export interface AddendumMapRow {
  clause: string;
  caption: string;
  id: string;
  title: string;
  /** What `check` reports for the requirement once this clause is in the contract. */
  expect: 'met' | 'partial';
}

export interface Addendum {
  title: string;
  playbook: string;
  perspective: Playbook['perspective'];
  position: Position;
  /** Opening paragraphs: parties, relation to the Agreement, precedence. */
  intro: string[];
  sections: AddendumSection[];
  definitions: Definition[];
  map: AddendumMapRow[];
  /** One line on how the document was made, for the schedule. */
  note: string;
  /** The signature block: one entry per party, provider first. */
  signatures: AddendumSignature[];
}

export interface AddendumSignature {
  /** "Quillmark AI Ltd." or the placeholder "[PROVIDER LEGAL NAME]". */
  legalName: string;
  /** The defined name ("Vendor"). */
  party: string;
}

export const SIGNATURES_HEADING = 'Signatures';
export const SIGNATURES_LEAD = "Each party signs this Addendum by its authorised representative.";
/** The lines a signatory fills in, in order. */
export const SIGNATURE_LINES = ['Signature', 'Name', 'Title', 'Date'] as const;

export interface AddendumOptions {
  playbook: Playbook;
  /** Requirement IDs to include, in any order (catalog order is used); default: every ID the playbook does not ignore. */
  ids?: readonly string[];
  position?: Position;
  /** Status of each requirement in the contract being fixed (from a report), for precedence wording. */
  statuses?: ReadonlyMap<string, Status>;
  /** "clausecheck 0.1.0" for the note. */
  tool?: string;
  /**
   * The contract the addendum supplements (from the report's document): its party names, legal
   * names and defined terms replace the playbook's, and terms it defines are not defined again.
   */
  contract?: ContractTerms;
  /** The date the addendum takes effect (default: when the last party signs it). */
  effectiveDate?: Date;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1 March 2026" (UTC). */
export function longDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Section headings per domain, in the playbook's (or the contract's) terms. */
const DOMAIN_HEADINGS: Record<Requirement['domain'], (t: Playbook['params']['terms']) => string> = {
  AD: (t) => `Use of the ${t.services} and Protection of the Models`,
  DR: (t) => `${t['customer-data']}: Use, Retention and Security`,
  EC: () => 'Export Controls and Sanctions',
};

/** Requirement IDs a playbook wants clauses for: every ID it does not ignore, in catalog order. */
export function playbookIds(playbook: Playbook): string[] {
  return REQUIREMENTS.filter((r) => playbook.requirements[r.id]?.level !== 'ignore').map((r) => r.id);
}

/** Expand `--only` patterns ("DR-*,EC-NOTIFICATION") against the catalog; unknown patterns are reported. */
export function matchIds(patterns: string, ids: readonly string[] = REQUIREMENTS.map((r) => r.id)): { ids: string[]; unmatched: string[] } {
  const parts = patterns.split(',').map((p) => p.trim()).filter(Boolean);
  const unmatched: string[] = [];
  const chosen = new Set<string>();
  for (const part of parts) {
    const glob = part.toUpperCase();
    const hit = ids.filter((id) => globMatch(glob, id));
    if (hit.length === 0) unmatched.push(part);
    hit.forEach((id) => chosen.add(id));
  }
  return { ids: ids.filter((id) => chosen.has(id)), unmatched };
}

/** `*` matches any run of characters, everything else itself; linear time (no regex backtracking). */
export function globMatch(glob: string, s: string): boolean {
  let g = 0;
  let i = 0;
  let star = -1;
  let mark = 0;
  while (i < s.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === s[i]) {
      g += 1;
      i += 1;
    } else if (g < glob.length && glob[g] === '*') {
      star = g;
      mark = i;
      g += 1;
    } else if (star >= 0) {
      g = star + 1;
      mark += 1;
      i = mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g += 1;
  return g === glob.length;
}

export function buildAddendum(opts: AddendumOptions): Addendum {
  const playbook = opts.contract ? playbookInContractTerms(opts.playbook, opts.contract) : opts.playbook;
  const position = opts.position ?? 'preferred';
  const wanted = new Set(opts.ids ?? playbookIds(playbook));
  for (const id of wanted) if (!requirementById(id)) throw new Error(`unknown requirement ${id}`);
  const chosen = REQUIREMENTS.filter((r) => wanted.has(r.id));
  const p = playbook.params;
  const t = p.terms;

  // Number the clauses first, so that cross-references can name them.
  const domains = (['AD', 'DR', 'EC'] as const).filter((d) => chosen.some((r) => r.domain === d));
  const firstSection = 2; // 1 is Definitions
  const refs = new Map<string, string>();
  domains.forEach((d, di) => {
    chosen.filter((r) => r.domain === d).forEach((r, ci) => refs.set(r.id, `${firstSection + di}.${ci + 1}`));
  });

  const rendered = chosen.map((r) =>
    renderClause(r.id, { playbook, position, status: opts.statuses?.get(r.id), refs }),
  );
  const c = opts.contract;
  const supplements = c?.title
    ? `It supplements the ${c.title} between them${c.date ? ` dated ${c.date}` : ''} (the "${t.agreement}"), under which ` +
      `${p.provider} provides artificial intelligence services to ${p.customer} (those services, the "${t.services}"), ` +
      `and it forms part of the ${t.agreement}.`
    : `It supplements the agreement between them under which ` +
      `${p.provider} provides artificial intelligence services to ${p.customer} (that agreement, the ` +
      `"${t.agreement}", and those services, the "${t.services}"), and it forms part of the ${t.agreement}.`;
  const intro = [
    `This ${ADDENDUM_TITLE} (this "Addendum") is made between ${p['provider-legal-name']} ("${p.provider}") and ` +
      `${p['customer-legal-name']} ("${p.customer}"). ${supplements}`,
    opts.effectiveDate
      ? `This Addendum takes effect on ${longDate(opts.effectiveDate)} (the "Addendum Effective Date") and applies from then on.`
      : `This Addendum takes effect on the date on which the last of the parties signs it (the "Addendum Effective Date").`,
    `If this Addendum conflicts with any other provision of the ${t.agreement}, this Addendum prevails. ` +
      `A capitalized term that this Addendum uses without defining it has the meaning the ${t.agreement} gives it.`,
  ];
  // Terms the contract defines keep the contract's definitions.
  const definitions = definitionsUsed(rendered.map((r) => r.text), playbook).filter((d) => !c || !contractDefines(c, d.term));

  const sections: AddendumSection[] = [
    {
      number: '1',
      heading: 'Definitions',
      clauses: definitions.map((d, i) => ({ number: `1.${i + 1}`, paragraphs: [`"${d.term}" means ${d.means}.`] })),
    },
  ];
  if (definitions.length === 0) {
    sections[0]!.clauses.push({ number: '1.1', paragraphs: ['This Addendum uses no defined terms of its own.'] });
  }
  domains.forEach((d, di) => {
    sections.push({
      number: String(firstSection + di),
      heading: DOMAIN_HEADINGS[d](t),
      clauses: rendered
        .filter((c) => requirementById(c.id)!.domain === d)
        .map((c) => ({ number: refs.get(c.id)!, id: c.id, caption: c.caption, paragraphs: c.text.split('\n\n') })),
    });
  });
  const map = rendered.map((c) => ({
    clause: refs.get(c.id)!,
    caption: c.caption,
    id: c.id,
    title: requirementById(c.id)!.title,
    expect: c.expect,
  }));
  return {
    title: ADDENDUM_TITLE,
    playbook: playbook.name,
    perspective: playbook.perspective,
    position,
    intro,
    sections,
    definitions,
    map,
    signatures: [
      { legalName: p['provider-legal-name'], party: p.provider },
      { legalName: p['customer-legal-name'], party: p.customer },
    ],
    note:
      `Prepared with ${opts.tool ?? 'clausecheck'} from playbook ${playbook.name} ` +
      `(${playbook.perspective} perspective, ${position} position). Review it before use; it is not legal advice.`,
  };
}

/**
 * The gaps of a report: requirement ID -> its worst status over all documents (conflict, then
 * missing, then partial). Requirements met in every document are absent.
 */
export function reportGaps(report: Report): Map<string, Status> {
  const rank: Record<Status, number> = { met: 0, partial: 1, missing: 2, conflict: 3 };
  const out = new Map<string, Status>();
  for (const doc of report.documents) {
    for (const r of doc.requirements) {
      if (r.status === 'met' || !requirementById(r.id)) continue;
      const prev = out.get(r.id);
      if (!prev || rank[r.status] > rank[prev]) out.set(r.id, r.status);
    }
  }
  return out;
}

/** A list item paragraph: "(a) text" -> ["a", "text"]. */
export function listItem(paragraph: string): { label: string; text: string } | undefined {
  const m = /^\(([a-z]{1,3}|[ivx]{1,5})\)\s+(.*)$/s.exec(paragraph);
  return m ? { label: m[1]!, text: m[2]! } : undefined;
}

/**
 * The parties and terms of the contract a report checked, read again from the document itself
 * (the report keeps its path; relative paths are tried from the working folder, then from the
 * report's folder). Undefined, with the reason, when the document is gone, unreadable, names no
 * parties, or the report's documents name different parties.
 */
export async function contractOfReport(report: Report, reportPath: string): Promise<{ contract?: ContractTerms; reason?: string }> {
  const { existsSync } = await import('node:fs');
  const { dirname, isAbsolute, resolve } = await import('node:path');
  const { ingest } = await import('../ingest/index.js');
  const found: ContractTerms[] = [];
  for (const doc of report.documents) {
    const tries = isAbsolute(doc.path) ? [doc.path] : [resolve(doc.path), resolve(dirname(reportPath), doc.path)];
    const file = tries.find((f) => existsSync(f));
    if (!file) return { reason: `${doc.path} (checked in the report) is not found, so the parties are not known` };
    let text: string;
    try {
      text = (await ingest(file)).text;
    } catch {
      return { reason: `${doc.path} cannot be read again, so the parties are not known` };
    }
    const ct = readContractTerms(text);
    if (!ct.provider || !ct.customer) return { reason: `${doc.path} names no two parties in its preamble` };
    found.push(ct);
  }
  if (found.length === 0) return { reason: 'the report has no documents' };
  const key = (ct: ContractTerms) => JSON.stringify([ct.provider, ct.customer]);
  if (found.some((ct) => key(ct) !== key(found[0]!))) return { reason: "the report's documents name different parties" };
  return { contract: found[0]! };
}
