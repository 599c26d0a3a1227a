// Redline: a copy of a DOCX contract marked up the way a lawyer would send it back.
//
// - Clause text is written in the contract's own names and defined terms (parties.ts): "Vendor",
//   "Client", "Client Data" rather than the playbook's "Provider", "Customer", "Customer Data".
// - Every sentence that makes a requirement `conflict` is struck (w:del) and its replacement is
//   inserted beside it (w:ins): the requirement's clause, or, when another struck sentence already
//   carries that clause, a pointer to it. A Word comment names the requirement and says why.
//   A carve-out that keeps a requirement `partial` is struck the same way; when its sentence also
//   proves another requirement met ("delete within 30 days, unless the law requires us to keep it"),
//   only the exception is struck and the clause goes with the other gaps.
// - Every other gap gets its clause once, as new numbered sub-clauses at the end of the section that
//   treats its topic (continuing the contract's own Word numbering), or in one new numbered section
//   at the end. Definitions the new clauses need, and the contract lacks, go in once: into the
//   contract's definitions section, or first in the new section.
// - Revisions and comments carry the author (default "clausecheck") and the run's date.
//
// Evidence offsets point into the text that ingest/ extracted from the DOCX (paragraphs joined by
// blank lines). The redline reads the DOCX the same way, aligns those paragraphs with the w:p
// elements of word/document.xml by their text, and so turns an offset into a place in the XML.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Document as XmlDocument, type Element, type Node as XmlNode, XMLSerializer } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { REQUIREMENTS, requirementById } from '../catalog.js';
import { ingest } from '../ingest/index.js';
import { readDocxParagraphs } from '../ingest/docx-numbering.js';
import type { Playbook } from '../playbook/index.js';
import { segment } from '../segment/index.js';
import { splitSentences } from '../segment/sentences.js';
import type { Evidence, RequirementResult } from '../types.js';
import { InputError } from '../types.js';
import { type Definition, definitionsUsed, renderClause } from './index.js';
import { type ContractTerms, contractDefines, playbookInContractTerms, readContractTerms } from './parties.js';
import { writeFileAtomic } from '../write-file.js';
import { repackDocx } from './zip.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
export const REDLINE_AUTHOR = 'clausecheck';
export const END_SECTION_HEADING = 'Additional AI Services Terms';
/** Lead-in of the definitions clause when the contract has no definitions section of its own. */
export const DEFINITIONS_CAPTION = 'Definitions';

export interface RedlineOptions {
  /** The playbook the suggestions were written with: gives each clause its text and caption. */
  playbook?: Playbook;
  author?: string;
  /** Date of every revision and comment (default: now). */
  date?: Date;
}

export interface RedlinePlacement {
  id: string;
  /**
   * Where the clause went: the section label it was added to ("4"), 'end' for the new closing
   * section, or 'replaces' when it replaces a struck sentence.
   */
  after: string;
  /** The clause's number in the redlined document ("4.8"), when the document numbers its clauses. */
  number?: string;
}

/** A paragraph of the extracted text: its span and a whitespace-free key for matching. */
interface TextPara {
  start: number;
  end: number;
  key: string;
}

const keyOf = (s: string) => s.replace(/[\s\u00A0•]+/g, '').toLowerCase();

function textParagraphs(text: string): TextPara[] {
  const out: TextPara[] = [];
  const re = /\n[ \t]*\n|\f/g;
  let from = 0;
  const push = (a: number, b: number) => {
    const raw = text.slice(a, b);
    const key = keyOf(raw);
    if (key) out.push({ start: a, end: b, key });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return out;
}

/** Map each extracted paragraph to the index of its w:p element (document order), or -1. */
function alignParagraphs(paras: TextPara[], xml: Array<{ text: string; label: string }>): number[] {
  const xmlKeys = xml.map((p) => ({ full: keyOf(`${p.label}${p.text}`), text: keyOf(p.text) }));
  const out: number[] = [];
  let j = 0;
  for (const p of paras) {
    let found = -1;
    for (let k = j; k < Math.min(xml.length, j + 60); k++) {
      const x = xmlKeys[k]!;
      if (x.text && (p.key === x.full || p.key === x.text)) {
        found = k;
        break;
      }
    }
    out.push(found);
    if (found >= 0) j = found + 1;
  }
  return out;
}

function isW(n: XmlNode | null, local: string): n is Element {
  return !!n && n.nodeType === 1 && (n as Element).namespaceURI === W && (n as Element).localName === local;
}

function kid(el: Element | null | undefined, local: string): Element | undefined {
  for (let n = el?.firstChild ?? null; n; n = n.nextSibling) if (isW(n, local)) return n;
  return undefined;
}

function maxId(xml: string): number {
  let max = 0;
  for (const m of xml.matchAll(/\bw:id="(-?\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** "2026-12-06T13:14:36Z": the w:date form (no milliseconds). */
export function revisionStamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ruleCache = new Map<string, { title?: string; carveOut: boolean }>();

/** A shipped rule's title ("Provider may use customer data ... to train") and carve-out flag. */
function ruleInfo(ruleId: string): { title?: string; carveOut: boolean } {
  let info = ruleCache.get(ruleId);
  if (info) return info;
  info = { carveOut: false };
  if (/^[\w-]+\/[\w-]+$/.test(ruleId)) {
    try {
      const src = readFileSync(`${RULES_DIR}${ruleId}.yaml`, 'utf8');
      const m = /^title:\s*(.+)$/m.exec(src);
      info = { ...(m ? { title: m[1]!.trim().replace(/^["']|["']$/g, '') } : {}), carveOut: /^carve-out:\s*true\s*$/m.test(src) };
    } catch {
      // a rule of a custom rules folder: no title, no flag
    }
  }
  ruleCache.set(ruleId, info);
  return info;
}

const ruleTitle = (ruleId: string) => ruleInfo(ruleId).title;

/** Where a requirement's clause belongs when the contract has a section on its topic (by heading). */
const TOPIC: Record<string, RegExp> = {
  AD: /\b(?:use|restrict\w*|acceptable|licen[cs]e|subscription|access|account)/i,
  DR: /\b(?:data|privacy|personal|confidential\w*|security|content|information|outputs?|processing|instructions)\b/i,
  EC: /\b(?:export|sanction\w*|trade control)/i,
};
/** A section for clauses of a requirement without evidence (missing): stricter, per requirement. */
const HOME: Record<string, RegExp> = {
  'AD-OUTPUT-USE': /\b(?:restriction|acceptable use|use of (?:the )?services)/i,
  'AD-EXTRACTION': /\b(?:restriction|acceptable use|use of (?:the )?services)/i,
  'AD-REVERSE-ENG': /\b(?:restriction|acceptable use|use of (?:the )?services)/i,
  'AD-ACCOUNT-INTEGRITY': /\b(?:account|subscription|access)/i,
  'AD-WATERMARK': /\b(?:restriction|acceptable use|outputs?)\b/i,
  DR: /\b(?:data|privacy|personal data|security)\b/i,
  EC: /\b(?:export|sanction\w*|trade control)/i,
};

// ---------------------------------------------------------------------------------------------
// Runs of a paragraph: text positions -> w:r elements, with splitting.

interface RunPiece {
  run: Element;
  start: number;
  end: number;
}

/** Text-bearing runs of a paragraph (not inside deletions), each with one text child, in order. */
function paragraphRuns(doc: XmlDocument, p: Element): { text: string; runs: RunPiece[] } {
  // One run per content child first, so that a run is one piece of text.
  const all = p.getElementsByTagNameNS(W, 'r');
  const multi: Element[] = [];
  for (let i = 0; i < all.length; i++) {
    const r = all.item(i) as unknown as Element;
    if ([...childElements(r)].filter((c) => c.localName !== 'rPr').length > 1) multi.push(r);
  }
  for (const r of multi) {
    const rPr = kid(r, 'rPr');
    for (const c of [...childElements(r)].filter((x) => x.localName !== 'rPr')) {
      const one = doc.createElementNS(W, 'w:r');
      if (rPr) one.appendChild(rPr.cloneNode(true));
      one.appendChild(c);
      r.parentNode!.insertBefore(one, r);
    }
    r.parentNode!.removeChild(r);
  }
  const runs: RunPiece[] = [];
  let text = '';
  const walk = (el: Element) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const e = n as Element;
      if (e.namespaceURI !== W || e.localName === 'del' || e.localName === 'pPr') continue;
      if (e.localName !== 'r') {
        walk(e);
        continue;
      }
      const c = [...childElements(e)].find((x) => x.localName !== 'rPr');
      const s = !c ? '' : c.localName === 't' ? (c.textContent ?? '') : c.localName === 'tab' ? '\t' : c.localName === 'br' ? '\n' : '';
      if (!s) continue;
      runs.push({ run: e, start: text.length, end: text.length + s.length });
      text += s;
    }
  };
  walk(p);
  return { text, runs };
}

function* childElements(el: Element): Generator<Element> {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) yield n as Element;
}

/** Split a single-text run at offset `at` (relative to the run); returns the second half. */
function splitRun(run: Element, at: number): Element {
  const t = kid(run, 't')!;
  const s = t.textContent ?? '';
  const second = run.cloneNode(true) as Element;
  const t2 = kid(second, 't')!;
  while (t.firstChild) t.removeChild(t.firstChild);
  t.appendChild(run.ownerDocument!.createTextNode(s.slice(0, at)));
  t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  while (t2.firstChild) t2.removeChild(t2.firstChild);
  t2.appendChild(run.ownerDocument!.createTextNode(s.slice(at)));
  t2.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  run.parentNode!.insertBefore(second, run.nextSibling);
  return second;
}

// ---------------------------------------------------------------------------------------------

interface Comment {
  id: number;
  paragraphs: string[];
}

class Writer {
  private nextId: number;
  readonly comments: Comment[] = [];
  /** Every paragraph this redline inserted. */
  readonly inserted = new Set<Element>();
  constructor(
    private readonly doc: XmlDocument,
    firstId: number,
    private readonly author: string,
    private readonly stamp: string,
  ) {
    this.nextId = firstId;
  }

  private mark(tag: 'w:ins' | 'w:del'): Element {
    const el = this.doc.createElementNS(W, tag);
    el.setAttributeNS(W, 'w:id', String(this.nextId++));
    el.setAttributeNS(W, 'w:author', this.author);
    el.setAttributeNS(W, 'w:date', this.stamp);
    return el;
  }

  run(text: string, opts: { bold?: boolean; rPr?: Element } = {}): Element {
    const r = this.doc.createElementNS(W, 'w:r');
    const rPr = opts.rPr ? (opts.rPr.cloneNode(true) as Element) : opts.bold ? this.doc.createElementNS(W, 'w:rPr') : undefined;
    if (rPr) {
      if (opts.bold && !kid(rPr, 'b')) rPr.insertBefore(this.doc.createElementNS(W, 'w:b'), rPr.firstChild);
      r.appendChild(rPr);
    }
    const t = this.doc.createElementNS(W, 'w:t');
    t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
    t.appendChild(this.doc.createTextNode(text));
    r.appendChild(t);
    return r;
  }

  /** A tracked insertion holding runs. */
  ins(parts: Array<{ text: string; bold?: boolean }>, rPr?: Element): Element {
    const ins = this.mark('w:ins');
    for (const part of parts) ins.appendChild(this.run(part.text, { bold: part.bold === true, ...(rPr ? { rPr } : {}) }));
    return ins;
  }

  del(): Element {
    return this.mark('w:del');
  }

  /**
   * An inserted paragraph: the paragraph mark and every run are tracked insertions. `pPr` is
   * copied from a paragraph of the contract (its style and numbering) when given.
   */
  paragraph(parts: Array<{ text: string; bold?: boolean }>, pPrFrom?: Element, opts: { indent?: number; bold?: boolean } = {}): Element {
    const p = this.doc.createElementNS(W, 'w:p');
    const pPr = pPrFrom ? cleanPPr(pPrFrom.cloneNode(true) as Element) : this.doc.createElementNS(W, 'w:pPr');
    if (opts.indent !== undefined) {
      const numPr = kid(pPr, 'numPr');
      if (numPr) pPr.removeChild(numPr);
      const old = kid(pPr, 'ind');
      if (old) pPr.removeChild(old);
      const ind = this.doc.createElementNS(W, 'w:ind');
      ind.setAttributeNS(W, 'w:left', String(opts.indent));
      ind.setAttributeNS(W, 'w:hanging', '0');
      insertPPrChild(pPr, ind);
    }
    const rPr = this.doc.createElementNS(W, 'w:rPr');
    rPr.appendChild(this.mark('w:ins'));
    pPr.appendChild(rPr);
    p.appendChild(pPr);
    p.appendChild(this.ins(parts.map((x) => ({ ...x, bold: x.bold === true || opts.bold === true }))));
    this.inserted.add(p);
    return p;
  }

  /** A comment around the nodes from `first` to `last` (siblings), with its reference after `last`. */
  comment(first: Element, last: Element, paragraphs: string[]): void {
    const id = this.nextId++;
    const start = this.doc.createElementNS(W, 'w:commentRangeStart');
    start.setAttributeNS(W, 'w:id', String(id));
    const end = this.doc.createElementNS(W, 'w:commentRangeEnd');
    end.setAttributeNS(W, 'w:id', String(id));
    first.parentNode!.insertBefore(start, first);
    last.parentNode!.insertBefore(end, last.nextSibling);
    const ref = this.doc.createElementNS(W, 'w:r');
    const ct = this.doc.createElementNS(W, 'w:commentReference');
    ct.setAttributeNS(W, 'w:id', String(id));
    ref.appendChild(ct);
    end.parentNode!.insertBefore(ref, end.nextSibling);
    this.comments.push({ id, paragraphs });
  }

  commentsXml(existing: string | undefined): string {
    const parser = new DOMParser({ onError: () => undefined });
    const cdoc = (existing
      ? parser.parseFromString(existing, 'text/xml')
      : parser.parseFromString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}"/>`, 'text/xml')) as unknown as XmlDocument;
    const root = cdoc.documentElement!;
    const initials = this.author.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 9) || 'cc';
    for (const c of this.comments) {
      const el = cdoc.createElementNS(W, 'w:comment');
      el.setAttributeNS(W, 'w:id', String(c.id));
      el.setAttributeNS(W, 'w:author', this.author);
      el.setAttributeNS(W, 'w:date', this.stamp);
      el.setAttributeNS(W, 'w:initials', initials);
      for (const text of c.paragraphs) {
        const p = cdoc.createElementNS(W, 'w:p');
        const r = cdoc.createElementNS(W, 'w:r');
        const t = cdoc.createElementNS(W, 'w:t');
        t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
        t.appendChild(cdoc.createTextNode(text));
        r.appendChild(t);
        p.appendChild(r);
        el.appendChild(p);
      }
      root.appendChild(el);
    }
    return serialize(cdoc);
  }
}

/** pPr children must keep schema order; w:ind goes before w:jc and the rest that follow it. */
function insertPPrChild(pPr: Element, child: Element): void {
  const after = ['jc', 'textDirection', 'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange'];
  for (let n = pPr.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && after.includes((n as Element).localName ?? '')) {
      pPr.insertBefore(child, n);
      return;
    }
  }
  pPr.appendChild(child);
}

/** A copied pPr without what belongs to the original paragraph only (its mark's revisions, section break). */
function cleanPPr(pPr: Element): Element {
  for (const name of ['rPr', 'sectPr', 'pPrChange']) {
    const k = kid(pPr, name);
    if (k) pPr.removeChild(k);
  }
  return pPr;
}

function serialize(doc: XmlDocument): string {
  let xml = new XMLSerializer().serializeToString(doc);
  if (!xml.startsWith('<?xml')) xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`;
  return xml;
}

function bodyChildOf(el: Element, body: Element): Element | undefined {
  let cur: Element | null = el;
  while (cur && cur.parentNode !== body) cur = cur.parentNode as Element | null;
  return cur ?? undefined;
}

/** Index of the n-th non-space character of s (n from 0); s.length when there are fewer. */
function nthSolid(s: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    if (/\s/.test(s[i]!)) continue;
    if (seen === n) return i;
    seen++;
  }
  return s.length;
}

const solidCount = (s: string) => s.replace(/\s+/g, '').length;

/** Typed clause numbers: "4.2 Vendor may ..." -> "4.2". */
const TYPED_LABEL = /^\s*(\d+(?:\.\d+)*)\.?\s+/;

interface ClauseText {
  caption?: string;
  paragraphs: string[];
  definitions: string[];
  /** What check reports once the clause is in the contract (the library says; 'met' for a plain suggestion). */
  expect?: 'met' | 'partial';
}

/** Rules named by a carve-out note ("carve-out in §2.3 (pack/rule) downgrades met to partial"). */
export function carveOutRules(notes: readonly string[]): string[] {
  return notes.flatMap((n) => [...n.matchAll(/carve-out in .*?\(([\w-]+\/[\w-]+)\) downgrades/g)].map((m) => m[1]!));
}

/** A span of struck text in one paragraph. */
interface Strike {
  k: number;
  start: number;
  end: number;
  /** Requirement IDs whose conflict the span carries, with the rules that found it. */
  reqs: Map<string, Set<string>>;
  /** Requirement whose clause replaces the span. */
  clause?: string;
  /** Number of requirements with any evidence in the paragraph (lower = more specific). */
  breadth: number;
  /**
   * Only the exception of a sentence that also proves another requirement met ("delete all data within
   * 30 days, unless the law requires us to keep it"): the exception is struck, the sentence and its
   * other duty stay, and the clause goes where clauses go, not into the sentence.
   */
  narrow?: boolean;
}

/** The exception part of a sentence: from the exception word (with a comma before it) to the end. */
const EXCEPTION_PART = /,?\s*\b(?:unless|except|save (?:as|where|that|to the extent)|other than|provided,? however|provided that|excluding)\b/i;

/**
 * Write `out`: a copy of `docxIn` with conflicting sentences struck and replaced, and the clause of
 * every other gap inserted, all as tracked changes with comments. Returns where each clause went.
 */
export async function writeRedline(
  docxIn: string,
  results: RequirementResult[],
  out: string,
  opts: RedlineOptions = {},
): Promise<RedlinePlacement[]> {
  if (!/\.docx$/i.test(docxIn)) throw new InputError(docxIn, 'a redline needs a .docx contract');
  const source = await ingest(docxIn);
  const bytes = await readFile(docxIn);
  const zip = await JSZip.loadAsync(bytes);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const [numberingXml, stylesXml, commentsXml, relsXml, typesXml] = await Promise.all([
    zip.file('word/numbering.xml')?.async('string'),
    zip.file('word/styles.xml')?.async('string'),
    zip.file('word/comments.xml')?.async('string'),
    zip.file('word/_rels/document.xml.rels')?.async('string'),
    zip.file('[Content_Types].xml')?.async('string'),
  ]);
  const parser = new DOMParser({ onError: () => undefined });
  const doc = parser.parseFromString(documentXml, 'text/xml') as unknown as XmlDocument;
  const body = doc.getElementsByTagNameNS(W, 'body').item(0) as unknown as Element | null;
  if (!body) throw new InputError(docxIn, 'corrupt DOCX (no w:body in word/document.xml)');
  if (!typesXml) throw new InputError(docxIn, 'corrupt DOCX (no [Content_Types].xml)');
  const wpList = doc.getElementsByTagNameNS(W, 'p');
  const wps: Element[] = [];
  for (let i = 0; i < wpList.length; i++) wps.push(wpList.item(i) as unknown as Element);
  const xmlParas = readDocxParagraphs(documentXml, numberingXml, stylesXml);

  const seg = segment(source);
  const paras = textParagraphs(source.text);
  const aligned = alignParagraphs(paras, xmlParas);
  const contract: ContractTerms = readContractTerms(source.text);
  const playbook = opts.playbook ? playbookInContractTerms(opts.playbook, contract) : undefined;
  const writer = new Writer(doc, Math.max(maxId(documentXml), commentsXml ? maxId(commentsXml) : 0) + 1, opts.author ?? REDLINE_AUTHOR, revisionStamp(opts.date ?? new Date()));

  // ---- The clause of each gap, in the contract's terms.
  const order = new Map(REQUIREMENTS.map((r, i) => [r.id, i]));
  const todo = results
    .filter((r) => r.status !== 'met' && r.suggestion.trim() !== '')
    .sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));
  const clauseOf = (r: RequirementResult): ClauseText => {
    if (playbook && requirementById(r.id)) {
      try {
        const c = renderClause(r.id, { playbook, status: r.status });
        return { caption: c.caption, paragraphs: c.text.split('\n\n'), definitions: [], expect: c.expect };
      } catch {
        // fall through to the suggestion text
      }
    }
    // The suggestion as the report gave it, without the definitions it carries.
    const own = r.suggestion.split(/\n[ \t]*\nFor the purposes of this clause:/)[0]!;
    return { paragraphs: own.split(/\n[ \t]*\n/).map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean), definitions: [] };
  };
  const clauses = new Map(todo.map((r) => [r.id, clauseOf(r)]));

  // ---- Sections: the contract's top-level sections as ranges of w:p indices.
  interface Sec {
    section: string;
    heading: string;
    first: number;
    last: number;
  }
  const secs: Sec[] = [];
  for (const s of seg.sections) {
    const ks = paras.map((p, i) => (p.start >= s.start && p.start < s.end ? aligned[i]! : -1)).filter((k) => k >= 0);
    if (ks.length) secs.push({ section: s.section, heading: s.heading ?? '', first: Math.min(...ks), last: Math.max(...ks) });
  }
  const secOfK = (k: number) => secs.find((s) => s.first <= k && k <= s.last);
  const kOfOffset = (offset: number): number => {
    for (let i = paras.length - 1; i >= 0; i--) if (paras[i]!.start <= offset) return aligned[i]!;
    return -1;
  };
  const paraIndexOfOffset = (offset: number): number => {
    for (let i = paras.length - 1; i >= 0; i--) if (paras[i]!.start <= offset) return i;
    return -1;
  };
  /** Heading words of a section: its heading, or its first paragraph when it has none. */
  const headingOf = (s: Sec) => s.heading || xmlParas[s.first]?.text || '';

  // ---- Conflicts: the struck spans.
  const strikes: Strike[] = [];
  const reqsInPara = new Map<number, Set<string>>();
  for (const r of results) {
    for (const ev of r.evidence) {
      const k = kOfOffset(ev.start);
      if (k < 0) continue;
      if (!reqsInPara.has(k)) reqsInPara.set(k, new Set());
      reqsInPara.get(k)!.add(r.id);
    }
  }
  const runCache = new Map<number, { text: string }>();
  const locate = (ev: Evidence): { k: number; start: number; end: number } | undefined => {
    const i = paraIndexOfOffset(ev.start);
    if (i < 0) return undefined;
    const k = aligned[i]!;
    if (k < 0) return undefined;
    const p = paras[i]!;
    const extracted = source.text.slice(p.start, p.end);
    if (!runCache.has(k)) runCache.set(k, { text: paragraphRuns(doc, wps[k]!).text });
    const text = runCache.get(k)!.text;
    // Count solid characters; the extracted paragraph may start with the Word number ("4.2").
    const label = xmlParas[k]!.label;
    const skip = label && keyOf(extracted).startsWith(keyOf(label)) && !keyOf(text).startsWith(keyOf(label)) ? solidCount(label) : 0;
    const a = Math.max(0, solidCount(extracted.slice(0, Math.max(0, ev.start - p.start))) - skip);
    const b = Math.max(a + 1, solidCount(extracted.slice(0, Math.min(ev.end, p.end) - p.start)) - skip);
    const from = nthSolid(text, a);
    const to = Math.min(text.length, nthSolid(text, b - 1) + 1);
    // Widen to whole sentences.
    const typed = TYPED_LABEL.exec(text);
    const bodyStart = typed ? typed[0].length : 0;
    const sentences = splitSentences(text, bodyStart, text.length);
    const first = sentences.find((s) => s.end > from) ?? { start: bodyStart, end: text.length };
    const last = [...sentences].reverse().find((s) => s.start < to) ?? first;
    return { k, start: Math.max(bodyStart, Math.min(first.start, last.start)), end: Math.max(first.end, last.end) };
  };
  // Every rule that proved a quote (one quote may stand for several rules since evidence selection).
  const rulesOf = (e: { rule: string; rules?: string[] }): string[] => e.rules ?? [e.rule];
  // Where other requirements are met: a carve-out in the same sentence is struck alone, not the duty.
  const metSpans = results.filter((r) => r.status === 'met').flatMap((r) => r.evidence.filter((e) => e.proves === 'met').map((e) => ({ id: r.id, start: e.start, end: e.end })));
  for (const r of todo) {
    // The sentences that keep the requirement from `met`: each conflict, and the carve-out that
    // would still downgrade the new clause (when the clause is meant to make it met).
    const carve =
      r.status === 'partial' && clauses.get(r.id)!.expect === 'met'
        ? new Set([...carveOutRules(r.notes), ...r.evidence.flatMap(rulesOf).filter((rule) => ruleInfo(rule).carveOut)])
        : new Set<string>();
    if (r.status !== 'conflict' && carve.size === 0) continue;
    for (const ev of r.evidence) {
      const carved = rulesOf(ev).filter((rule) => carve.has(rule));
      if (r.status === 'conflict' ? ev.proves !== 'conflict' : carved.length === 0) continue;
      const at = locate(ev);
      if (!at) continue;
      const text = runCache.get(at.k)!.text;
      let narrow = false;
      if (r.status !== 'conflict' && metSpans.some((m) => m.id !== r.id && m.start < ev.end && ev.start < m.end)) {
        const part = EXCEPTION_PART.exec(text.slice(at.start, at.end));
        if (!part || part.index === 0) continue;
        at.start += part.index;
        at.end = at.start + text.slice(at.start, at.end).replace(/[.;:]?\s*$/, '').length;
        narrow = true;
      }
      // Merge with an overlapping or adjacent (only spaces between) span of the same paragraph.
      let s = strikes.find((x) => x.k === at.k && x.start <= at.end && at.start <= x.end);
      s ??= strikes.find((x) => x.k === at.k && (/^\s*$/.test(text.slice(x.end, at.start)) || /^\s*$/.test(text.slice(at.end, x.start))));
      if (s) {
        s.start = Math.min(s.start, at.start);
        s.end = Math.max(s.end, at.end);
      } else {
        s = { ...at, reqs: new Map(), breadth: reqsInPara.get(at.k)?.size ?? 1, ...(narrow ? { narrow } : {}) };
        strikes.push(s);
      }
      if (!s.reqs.has(r.id)) s.reqs.set(r.id, new Set());
      for (const rule of r.status === 'conflict' ? [ev.rule] : carved) s.reqs.get(r.id)!.add(rule);
    }
  }
  strikes.sort((a, b) => a.k - b.k || a.start - b.start);
  // Each conflicting requirement's clause replaces one struck span: the most specific free one.
  const conflictIds = todo.filter((r) => strikes.some((s) => s.reqs.has(r.id))).map((r) => r.id);
  conflictIds.sort((a, b) => strikes.filter((s) => s.reqs.has(a)).length - strikes.filter((s) => s.reqs.has(b)).length || order.get(a)! - order.get(b)!);
  const replaced = new Map<string, Strike>();
  for (const id of conflictIds) {
    const free = strikes.filter((s) => s.reqs.has(id) && !s.clause && !s.narrow).sort((a, b) => a.breadth - b.breadth || a.k - b.k || a.start - b.start)[0];
    if (free) {
      free.clause = id;
      replaced.set(id, free);
    }
  }

  // ---- Where the other clauses go.
  // Clauses go into the body's numbered sections: not the title and preamble, not the
  // definitions, not an annex or schedule.
  const body_ = (s: Sec) => s.section !== '' && !/^(?:annex|schedule|exhibit|appendix|attachment)\b/i.test(s.section) && !/^\W*(?:definitions?|interpretation)\b/i.test(headingOf(s));
  const placeOf = (r: RequirementResult): Sec | undefined => {
    const domain = r.id.slice(0, 2);
    for (const ev of r.evidence) {
      const s = secOfK(kOfOffset(ev.start));
      if (s && body_(s) && TOPIC[domain]?.test(headingOf(s))) return s;
    }
    const home = HOME[r.id] ?? HOME[domain];
    return home ? secs.find((s) => body_(s) && home.test(headingOf(s))) : undefined;
  };
  const inSection = new Map<Sec, string[]>();
  const atEnd: string[] = [];
  for (const r of todo) {
    if (replaced.has(r.id)) continue;
    const s = placeOf(r);
    if (s) inSection.set(s, [...(inSection.get(s) ?? []), r.id]);
    else atEnd.push(r.id);
  }

  // ---- Definitions the new text needs and the contract lacks.
  const newTexts = todo.flatMap((r) => clauses.get(r.id)!.paragraphs);
  const defs: Definition[] = playbook ? definitionsUsed(newTexts, playbook).filter((d) => !contractDefines(contract, d.term)) : [];
  const defSec = secs.find((s) => /^\W*(?:definitions?|interpretation|defined terms)\b/i.test(headingOf(s)));

  // ---- Paragraph shapes to copy: a section's clause paragraph, and a top-level heading.
  const numbered = (k: number) => xmlParas[k]!.label !== '' || TYPED_LABEL.test(xmlParas[k]!.text);
  /** A clause paragraph of a section to copy: the last one numbered like "4.2" (not an "(a)" item). */
  const CLAUSE_LABEL = /^\d+(?:\.\d+)+\.?$/;
  const clauseModel = (s: Sec): number | undefined => {
    for (let k = s.last; k > s.first; k--) {
      if (bodyChildOf(wps[k]!, body) !== wps[k]) continue;
      const x = xmlParas[k]!;
      if (CLAUSE_LABEL.test(x.label) || (!x.label && TYPED_LABEL.test(x.text) && CLAUSE_LABEL.test(TYPED_LABEL.exec(x.text)![1]!))) return k;
    }
    return undefined;
  };
  const anyClauseModel = (): number | undefined => {
    for (let i = secs.length - 1; i >= 0; i--) {
      if (!body_(secs[i]!)) continue;
      const k = clauseModel(secs[i]!);
      if (k !== undefined) return k;
    }
    return undefined;
  };
  /** Next typed label after "4.7" is "4.8"; in a new section N it is "N.1". */
  const nextTyped = (label: string) => label.replace(/(\d+)$/, (d) => String(Number(d) + 1));
  const typedLabel = (k: number) => (xmlParas[k]!.label ? undefined : TYPED_LABEL.exec(xmlParas[k]!.text)?.[1]);
  // Numbering levels: numId -> ilvl -> { left indent, lettered "(%n)" level }.
  const numDoc = numberingXml ? (parser.parseFromString(numberingXml, 'text/xml') as unknown as XmlDocument) : undefined;
  const levelOf = (numId: string, ilvl: number): { left?: number; lettered: boolean } | undefined => {
    if (!numDoc) return undefined;
    const nums = numDoc.getElementsByTagNameNS(W, 'num');
    let abs: string | undefined;
    for (let i = 0; i < nums.length; i++) {
      const n = nums.item(i) as unknown as Element;
      if (n.getAttributeNS(W, 'numId') === numId) abs = kid(n, 'abstractNumId')?.getAttributeNS(W, 'val') ?? undefined;
    }
    const absList = numDoc.getElementsByTagNameNS(W, 'abstractNum');
    for (let i = 0; i < absList.length; i++) {
      const a = absList.item(i) as unknown as Element;
      if (a.getAttributeNS(W, 'abstractNumId') !== abs) continue;
      for (const l of childElements(a)) {
        if (l.localName !== 'lvl' || Number(l.getAttributeNS(W, 'ilvl')) !== ilvl) continue;
        const ind = kid(kid(l, 'pPr'), 'ind');
        const left = Number(ind?.getAttributeNS(W, 'left') || ind?.getAttributeNS(W, 'start') || NaN);
        const fmt = kid(l, 'numFmt')?.getAttributeNS(W, 'val');
        const text = kid(l, 'lvlText')?.getAttributeNS(W, 'val') ?? '';
        return { ...(Number.isFinite(left) ? { left } : {}), lettered: fmt === 'lowerLetter' && /^\(%\d\)$/.test(text) };
      }
    }
    return undefined;
  };
  /**
   * The second and later paragraphs of a clause: indented to the clause text of paragraph `k`; a
   * list item "(a) ..." takes the next numbering level when that level is lettered "(a)".
   */
  const continuation = (text: string, k: number | undefined): Element => {
    const pPr = k !== undefined ? kid(wps[k]!, 'pPr') : undefined;
    const numPr = kid(pPr, 'numPr');
    const numId = kid(numPr, 'numId')?.getAttributeNS(W, 'val');
    const ilvl = Number(kid(numPr, 'ilvl')?.getAttributeNS(W, 'val') ?? 0);
    const own = kid(pPr, 'ind');
    const ownLeft = Number(own?.getAttributeNS(W, 'left') || own?.getAttributeNS(W, 'start') || NaN);
    const here = numId ? levelOf(numId, ilvl) : undefined;
    const left = Number.isFinite(ownLeft) && ownLeft > 0 ? ownLeft : (here?.left ?? 720);
    const item = /^\(([a-z]{1,3})\)\s+(.*)$/s.exec(text);
    if (item && numId) {
      const next = levelOf(numId, ilvl + 1);
      if (next?.lettered) {
        const p = writer.paragraph([{ text: item[2]! }], pPr);
        kid(kid(kid(p, 'pPr'), 'numPr'), 'ilvl')?.setAttributeNS(W, 'w:val', String(ilvl + 1));
        return p;
      }
    }
    return writer.paragraph([{ text }], pPr, { indent: item ? left + 360 : left });
  };

  /** After `el`, past the paragraphs this redline already put there. */
  const after = (el: Element): Element => {
    let cur = el;
    while (cur.nextSibling && writer.inserted.has(cur.nextSibling as Element)) cur = cur.nextSibling as Element;
    return cur;
  };
  const insertAfter = (ref: Element, p: Element): Element => {
    body.insertBefore(p, ref.nextSibling);
    return p;
  };

  /** Clause paragraphs: the first numbered like `model`, the rest as indented continuations. */
  const clauseParagraphs = (c: ClauseText, model: number | undefined, typed: string | undefined): Element[] => {
    const pPr = model !== undefined ? kid(wps[model]!, 'pPr') : undefined;
    return c.paragraphs.map((text, i) => {
      if (i === 0) {
        const parts = [...(typed ? [{ text: `${typed} ` }] : []), ...(c.caption ? [{ text: `${c.caption}. `, bold: true }] : []), { text }];
        return writer.paragraph(parts, pPr);
      }
      return continuation(text, model);
    });
  };

  const firstParagraph = new Map<string, Element>();
  const placements: RedlinePlacement[] = [];
  const reqLine = (id: string) => `${id} (${requirementById(id)?.title ?? id})`;
  const statusOf = new Map(results.map((r) => [r.id, r.status]));
  const whyAdded = (id: string): string => {
    const r = results.find((x) => x.id === id)!;
    const ev = r.evidence.find((e) => e.proves === r.status) ?? r.evidence[0];
    const where = ev ? ` (Section ${ev.section || '?'})` : '';
    const because =
      r.status === 'missing'
        ? 'the contract has no clause on this.'
        : r.status === 'partial'
          ? `the contract covers it only in part${where}${ev && ruleTitle(ev.rule) ? `: ${ruleTitle(ev.rule)}` : ''}.`
          : `the contract conflicts with it${where}${ev && ruleTitle(ev.rule) ? `: ${ruleTitle(ev.rule)}` : ''}.`;
    return `${reqLine(id)} is ${r.status}: ${because}`;
  };

  // 1. Strike conflicting sentences and insert their replacements beside them.
  const xrefs: Array<{ node: Element; ids: string[] }> = [];
  for (const s of [...strikes].reverse()) {
    const p = wps[s.k]!;
    const { text, runs } = paragraphRuns(doc, p);
    if (s.end > text.length) continue;
    // Split runs at the span's ends, then wrap the runs inside it in one w:del per parent.
    for (const at of [s.end, s.start]) {
      const piece = runs.find((x) => x.start < at && at < x.end);
      if (piece && kid(piece.run, 't')) {
        const second = splitRun(piece.run, at - piece.start);
        runs.splice(runs.indexOf(piece) + 1, 0, { run: second, start: at, end: piece.end });
        piece.end = at;
      }
    }
    const inside = runs.filter((x) => x.start >= s.start && x.end <= s.end);
    if (!inside.length) continue;
    let del: Element | undefined;
    let firstDel: Element | undefined;
    for (const x of inside) {
      if (!del || del.parentNode !== x.run.parentNode || del.nextSibling !== x.run) {
        del = writer.del();
        x.run.parentNode!.insertBefore(del, x.run);
        firstDel ??= del;
      }
      del.appendChild(x.run);
      const t = kid(x.run, 't');
      if (t) {
        const dt = doc.createElementNS(W, 'w:delText');
        dt.setAttributeNS(XML_NS, 'xml:space', 'preserve');
        dt.appendChild(doc.createTextNode(t.textContent ?? ''));
        x.run.replaceChild(dt, t);
      }
    }
    const rPr = kid(inside[0]!.run, 'rPr');
    const wholeStart = s.start <= (TYPED_LABEL.exec(text)?.[0].length ?? 0);
    const trailing = text.slice(s.end).trim() ? ' ' : '';
    let ins: Element;
    const ids = [...s.reqs.keys()];
    // The replacement follows the deletion, as in a lawyer's markup.
    const place = (el: Element) => del!.parentNode!.insertBefore(el, del!.nextSibling);
    if (s.clause) {
      const c = clauses.get(s.clause)!;
      const parts = [...(c.caption && wholeStart ? [{ text: `${c.caption}. `, bold: true }] : []), { text: c.paragraphs[0]! + trailing }];
      ins = writer.ins(parts, rPr);
      place(ins);
      let ref = after(p);
      for (const more of c.paragraphs.slice(1)) ref = insertAfter(ref, continuation(more, s.k));
      firstParagraph.set(s.clause, p);
      placements.push({ id: s.clause, after: 'replaces' });
    } else if (s.narrow) {
      // Only the exception goes; the sentence keeps its own ending.
      ins = del!;
    } else {
      ins = writer.ins([{ text: `[Deleted; see Section ?.]${trailing}` }], rPr);
      place(ins);
      xrefs.push({ node: ins, ids: ids.filter((id) => replaced.has(id)).length ? ids.filter((id) => replaced.has(id)) : ids });
    }
    const lines = ids.map((id) => {
      const rules = [...s.reqs.get(id)!].map(ruleTitle).filter((x): x is string => Boolean(x));
      const what = statusOf.get(id) === 'conflict' ? 'is in conflict' : 'is only partly met because of this carve-out';
      return `${reqLine(id)} ${what}: ${rules.length ? [...new Set(rules)].join('; ') : 'this sentence contradicts the requirement'}.`;
    });
    const others = ids.filter((i) => i !== s.clause);
    if (s.clause) lines.push(`Struck and replaced by the clause beside it, for ${s.clause}.`);
    else lines.push('Struck.');
    // {{at ID}}: where the clause for ID ended up, filled in once the numbers are known.
    for (const id of others) lines.push(`The clause for ${id} is at {{at ${id}}}.`);
    writer.comment(firstDel!, ins, lines);
  }

  // 2. Clauses at the end of the section that treats their topic.
  for (const s of secs) {
    const ids = inSection.get(s);
    if (!ids) continue;
    // A section without clauses of its own numbered like "4.2" borrows another section's shape;
    // typed numbers then start at "N.1".
    const own = clauseModel(s);
    const model = own ?? anyClauseModel();
    let typed = own !== undefined ? typedLabel(own) : model !== undefined && typedLabel(model) && /^\d+$/.test(s.section) ? `${s.section}.0` : undefined;
    let ref = after(bodyChildOf(wps[s.last]!, body)!);
    for (const id of ids) {
      if (typed) typed = nextTyped(typed);
      const ps = clauseParagraphs(clauses.get(id)!, model, typed);
      ps.forEach((p) => (ref = insertAfter(ref, p)));
      firstParagraph.set(id, ps[0]!);
      writer.comment(kid(ps[0]!, 'ins')!, kid(ps[0]!, 'ins')!, [whyAdded(id), 'Added at the end of the section that deals with this subject.']);
      placements.push({ id, after: s.section });
    }
  }

  // 3. Definitions: into the contract's definitions section, or first in the new closing section.
  const defLines = defs.map((d) => `"${d.term}" means ${d.means}.`);
  const defNote = 'Terms the added clauses use that the contract does not define; each is defined once.';
  if (defs.length && defSec) {
    const model = clauseModel(defSec);
    let typed = model !== undefined ? typedLabel(model) : undefined;
    let ref = after(bodyChildOf(wps[defSec.last]!, body)!);
    const pPr = model !== undefined ? kid(wps[model]!, 'pPr') : undefined;
    const first: Element[] = [];
    for (const line of defLines) {
      if (typed) typed = nextTyped(typed);
      const p = writer.paragraph([...(typed ? [{ text: `${typed} ` }] : []), { text: line }], pPr);
      ref = insertAfter(ref, p);
      first.push(p);
    }
    writer.comment(kid(first[0]!, 'ins')!, kid(first[0]!, 'ins')!, [defNote]);
  }

  // 4. The new closing section.
  if (atEnd.length || (defs.length && !defSec)) {
    let end: Element | null = null;
    for (let n = body.lastChild; n; n = n.previousSibling) {
      if (isW(n, 'sectPr')) {
        end = n;
        break;
      }
    }
    // After the last numbered section of the body (before any annexes), else at the very end.
    const lastSec = [...secs].reverse().find(body_);
    let ref: Element | undefined = lastSec ? after(bodyChildOf(wps[lastSec.last]!, body)!) : undefined;
    const add = (p: Element) => {
      if (ref) ref = insertAfter(ref, p);
      else body.insertBefore(p, end);
    };
    const headingModel = lastSec && numbered(lastSec.first) ? lastSec.first : undefined;
    const typedHeading = headingModel !== undefined && !xmlParas[headingModel]!.label ? TYPED_LABEL.exec(xmlParas[headingModel]!.text)?.[1] : undefined;
    const newNumber = typedHeading ? String(Number(typedHeading.split('.')[0]) + 1) : undefined;
    const headingStyle = stylesXml && /w:styleId="Heading1"/.test(stylesXml) ? 'Heading1' : undefined;
    let heading: Element;
    if (headingModel !== undefined) {
      heading = writer.paragraph([{ text: `${newNumber ? `${newNumber}. ` : ''}${END_SECTION_HEADING}` }], kid(wps[headingModel]!, 'pPr'));
    } else {
      heading = writer.paragraph([{ text: END_SECTION_HEADING }], undefined, { bold: !headingStyle });
      if (headingStyle) {
        const st = doc.createElementNS(W, 'w:pStyle');
        st.setAttributeNS(W, 'w:val', headingStyle);
        const pPr = kid(heading, 'pPr')!;
        pPr.insertBefore(st, pPr.firstChild);
      }
    }
    add(heading);
    const model = anyClauseModel();
    let typed = newNumber && model !== undefined && typedLabel(model) ? `${newNumber}.0` : undefined;
    if (defs.length && !defSec) {
      if (typed) typed = nextTyped(typed);
      const ps = clauseParagraphs(
        { caption: DEFINITIONS_CAPTION, paragraphs: ['In this Agreement the following terms have the meanings given below.', ...defLines], definitions: [] },
        model,
        typed,
      );
      ps.forEach(add);
      writer.comment(kid(ps[0]!, 'ins')!, kid(ps[0]!, 'ins')!, [defNote]);
    }
    for (const id of atEnd) {
      if (typed) typed = nextTyped(typed);
      const ps = clauseParagraphs(clauses.get(id)!, model, typed);
      ps.forEach(add);
      firstParagraph.set(id, ps[0]!);
      writer.comment(kid(ps[0]!, 'ins')!, kid(ps[0]!, 'ins')!, [whyAdded(id), 'Added in the new closing section: the contract has no section on this subject.']);
      placements.push({ id, after: 'end' });
    }
  }

  // 5. Numbers: read the redlined document's numbering back, fill the cross-references.
  const labels = readDocxParagraphs(serialize(doc), numberingXml, stylesXml);
  const all = doc.getElementsByTagNameNS(W, 'p');
  const indexOf = new Map<Element, number>();
  for (let i = 0; i < all.length; i++) indexOf.set(all.item(i) as unknown as Element, i);
  const numberOf = (id: string): string | undefined => {
    const p = firstParagraph.get(id);
    const i = p ? indexOf.get(p) : undefined;
    if (i === undefined) return undefined;
    const l = labels[i]!;
    return (l.label || TYPED_LABEL.exec(l.text)?.[1] || '').replace(/\.$/, '') || undefined;
  };
  for (const pl of placements) {
    const n = numberOf(pl.id);
    if (n) pl.number = n;
  }
  const captionOf = (id: string) => clauses.get(id)?.caption;
  for (const x of xrefs) {
    // In document order ("Sections 4.3, 4.4 and 4.7"), as a lawyer lists them.
    const nums = [...new Set(x.ids.map(numberOf).filter((n): n is string => Boolean(n)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const t = x.node.getElementsByTagNameNS(W, 't').item(0) as unknown as Element;
    // Without clause numbers, the clauses are named by their captions.
    const named = x.ids.map(captionOf).filter((c): c is string => Boolean(c)).map((c) => `"${c}"`);
    const target =
      nums.length > 0
        ? `${nums.length === 1 ? 'Section' : 'Sections'} ${listed(nums)}`
        : named.length > 0
          ? `the ${named.length === 1 ? 'clause' : 'clauses'} ${listed(named)}`
          : 'the clauses added for it';
    t.firstChild!.nodeValue = (t.textContent ?? '').replace('Section ?', target);
  }
  for (const c of writer.comments) {
    c.paragraphs = c.paragraphs.map((p) =>
      p.replace(/\{\{at ([A-Z]+-[A-Z-]+)\}\}/g, (_m, id: string) => {
        const n = numberOf(id);
        return n ? `Section ${n}` : captionOf(id) ? `the clause "${captionOf(id)}"` : 'the clause added for it';
      }),
    );
  }
  placements.sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  // ---- The package: document, comments part, its relationship and content type.
  const replace: Record<string, string> = { 'word/document.xml': serialize(doc) };
  if (writer.comments.length) {
    replace['word/comments.xml'] = writer.commentsXml(commentsXml);
    if (!commentsXml) {
      const rels = parser.parseFromString(relsXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}"/>`, 'text/xml') as unknown as XmlDocument;
      const root = rels.documentElement!;
      const ids = new Set<string>();
      for (let n = root.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) ids.add((n as Element).getAttribute('Id') ?? '');
      let rid = 'rIdComments';
      for (let i = 2; ids.has(rid); i++) rid = `rIdComments${i}`;
      const rel = rels.createElementNS(REL_NS, 'Relationship');
      rel.setAttribute('Id', rid);
      rel.setAttribute('Type', COMMENTS_REL);
      rel.setAttribute('Target', 'comments.xml');
      root.appendChild(rel);
      replace['word/_rels/document.xml.rels'] = serialize(rels);
      if (!/PartName="\/word\/comments\.xml"/.test(typesXml)) {
        const types = parser.parseFromString(typesXml, 'text/xml') as unknown as XmlDocument;
        const o = types.createElementNS(CT_NS, 'Override');
        o.setAttribute('PartName', '/word/comments.xml');
        o.setAttribute('ContentType', COMMENTS_CT);
        types.documentElement!.appendChild(o);
        replace['[Content_Types].xml'] = serialize(types);
      }
    }
  }
  const outBytes = await repackDocx(zip, replace);
  writeFileAtomic(out, outBytes);
  return placements;
}

/** "a", "a and b", "a, b and c". */
function listed(xs: string[]): string {
  return xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
