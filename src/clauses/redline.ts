// Redline: a copy of a DOCX contract with each suggested clause inserted as a Word tracked change
// (w:ins, author "clausecheck", a fixed date), after the top-level section that holds the
// requirement's evidence, or in a new section at the end of the document when there is none.
//
// Evidence offsets point into the text that ingest/ extracted from the DOCX (paragraphs joined by
// blank lines). The redline reads the DOCX the same way, aligns those paragraphs with the w:p
// elements of word/document.xml by their text, and so turns an offset into a place in the XML.
import { readFile } from 'node:fs/promises';
import { DOMParser, type Document as XmlDocument, type Element, XMLSerializer } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { REQUIREMENTS } from '../catalog.js';
import { ingest } from '../ingest/index.js';
import { readDocxParagraphs } from '../ingest/docx-numbering.js';
import type { Playbook } from '../playbook/index.js';
import { segment } from '../segment/index.js';
import type { RequirementResult } from '../types.js';
import { InputError } from '../types.js';
import { renderClause } from './index.js';
import { writeFileAtomic } from '../write-file.js';
import { FIXED_STAMP, repackDocx } from './zip.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const REDLINE_AUTHOR = 'clausecheck';
export const END_SECTION_HEADING = 'Additional AI Services Terms';

export interface RedlineOptions {
  /** The playbook the suggestions were written with: gives each inserted clause its caption. */
  playbook?: Playbook;
  author?: string;
}

export interface RedlinePlacement {
  id: string;
  /** Section label of the evidence the clause follows ("7"), or 'end' for the new closing section. */
  after: string;
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

function bodyChildOf(el: Element, body: Element): Element | undefined {
  let cur: Element | null = el;
  while (cur && cur.parentNode !== body) cur = cur.parentNode as Element | null;
  return cur ?? undefined;
}

class Writer {
  private nextId: number;
  constructor(
    private readonly doc: XmlDocument,
    firstId: number,
    private readonly author: string,
    private readonly headingStyle: string | undefined,
  ) {
    this.nextId = firstId;
  }

  private insMark(tag: 'w:ins'): Element {
    const el = this.doc.createElementNS(W, tag);
    el.setAttributeNS(W, 'w:id', String(this.nextId++));
    el.setAttributeNS(W, 'w:author', this.author);
    el.setAttributeNS(W, 'w:date', FIXED_STAMP);
    return el;
  }

  private run(text: string, bold: boolean): Element {
    const r = this.doc.createElementNS(W, 'w:r');
    if (bold) {
      const rPr = this.doc.createElementNS(W, 'w:rPr');
      rPr.appendChild(this.doc.createElementNS(W, 'w:b'));
      r.appendChild(rPr);
    }
    const t = this.doc.createElementNS(W, 'w:t');
    t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
    t.appendChild(this.doc.createTextNode(text));
    r.appendChild(t);
    return r;
  }

  /** An inserted paragraph: the paragraph mark and every run are tracked insertions. */
  paragraph(parts: Array<{ text: string; bold?: boolean }>, opts: { heading?: boolean; indent?: boolean } = {}): Element {
    const p = this.doc.createElementNS(W, 'w:p');
    const pPr = this.doc.createElementNS(W, 'w:pPr');
    if (opts.heading && this.headingStyle) {
      const st = this.doc.createElementNS(W, 'w:pStyle');
      st.setAttributeNS(W, 'w:val', this.headingStyle);
      pPr.appendChild(st);
    }
    if (opts.indent) {
      const ind = this.doc.createElementNS(W, 'w:ind');
      ind.setAttributeNS(W, 'w:left', '720');
      pPr.appendChild(ind);
    }
    const rPr = this.doc.createElementNS(W, 'w:rPr');
    rPr.appendChild(this.insMark('w:ins'));
    pPr.appendChild(rPr);
    p.appendChild(pPr);
    const ins = this.insMark('w:ins');
    for (const part of parts) ins.appendChild(this.run(part.text, part.bold === true || (opts.heading === true && !this.headingStyle)));
    p.appendChild(ins);
    return p;
  }
}

function maxId(xml: string): number {
  let max = 0;
  for (const m of xml.matchAll(/\bw:id="(-?\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

function captionFor(id: string, playbook: Playbook | undefined): string | undefined {
  if (!playbook) return undefined;
  try {
    return renderClause(id, { playbook }).caption;
  } catch {
    return undefined;
  }
}

/**
 * Write `out`: a copy of `docxIn` with the suggestion of every result that is not met inserted as
 * a tracked change. Returns where each clause went.
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
  const [numberingXml, stylesXml] = await Promise.all([
    zip.file('word/numbering.xml')?.async('string'),
    zip.file('word/styles.xml')?.async('string'),
  ]);
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(documentXml, 'text/xml') as unknown as XmlDocument;
  const body = doc.getElementsByTagNameNS(W, 'body').item(0) as unknown as Element | null;
  if (!body) throw new InputError(docxIn, 'corrupt DOCX (no w:body in word/document.xml)');
  const wps = doc.getElementsByTagNameNS(W, 'p');
  const xmlParas = readDocxParagraphs(documentXml, numberingXml, stylesXml);

  const seg = segment(source);
  const paras = textParagraphs(source.text);
  const aligned = alignParagraphs(paras, xmlParas);

  /** The body-level element after which text at `offset` ends its top-level section. */
  const anchorFor = (offset: number): { el: Element; section: string } | undefined => {
    const sec = seg.sections.find((s) => s.start <= offset && offset < s.end);
    const target = sec ? sec.end - 1 : offset;
    // Last extracted paragraph that starts at or before the target and maps to a w:p.
    for (let i = paras.length - 1; i >= 0; i--) {
      if (paras[i]!.start > target) continue;
      if (sec && paras[i]!.end <= sec.start) break; // left the section: nothing of it maps
      const k = aligned[i]!;
      if (k < 0) continue;
      const el = bodyChildOf(wps.item(k) as unknown as Element, body);
      if (el) return { el, section: sec?.section || '' };
    }
    return undefined;
  };

  const headingStyle = stylesXml && /w:styleId="Heading1"/.test(stylesXml) ? 'Heading1' : undefined;
  const writer = new Writer(doc, maxId(documentXml) + 1, opts.author ?? REDLINE_AUTHOR, headingStyle);
  const order = new Map(REQUIREMENTS.map((r, i) => [r.id, i]));
  const todo = results
    .filter((r) => r.status !== 'met' && r.suggestion.trim() !== '')
    .sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));

  const clauseParagraphs = (r: RequirementResult): Element[] => {
    const caption = captionFor(r.id, opts.playbook);
    return r.suggestion
      .split(/\n[ \t]*\n/)
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .map((text, i) =>
        writer.paragraph(i === 0 && caption ? [{ text: `${caption}. `, bold: true }, { text }] : [{ text }], { indent: i > 0 && /^\(/.test(text) }),
      );
  };

  const placements: RedlinePlacement[] = [];
  const lastInserted = new Map<Element, Element>();
  const atEnd: RequirementResult[] = [];
  for (const r of todo) {
    const ev = r.evidence[0];
    const anchor = ev ? anchorFor(ev.start) : undefined;
    if (!anchor) {
      atEnd.push(r);
      continue;
    }
    let after = lastInserted.get(anchor.el) ?? anchor.el;
    for (const p of clauseParagraphs(r)) {
      body.insertBefore(p, after.nextSibling);
      after = p;
    }
    lastInserted.set(anchor.el, after);
    placements.push({ id: r.id, after: anchor.section || ev!.section || '' });
  }
  if (atEnd.length) {
    // Before the final w:sectPr (the body's section properties), if any.
    let end: Element | null = null;
    for (let n = body.lastChild; n; n = n.previousSibling) {
      if (n.nodeType === 1 && (n as Element).localName === 'sectPr') {
        end = n as Element;
        break;
      }
    }
    const add = (p: Element) => body.insertBefore(p, end);
    add(writer.paragraph([{ text: END_SECTION_HEADING }], { heading: true }));
    for (const r of atEnd) {
      clauseParagraphs(r).forEach(add);
      placements.push({ id: r.id, after: 'end' });
    }
  }

  let xml = new XMLSerializer().serializeToString(doc);
  if (!xml.startsWith('<?xml')) xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`;
  const outBytes = await repackDocx(zip, { 'word/document.xml': xml });
  writeFileAtomic(out, outBytes);
  return placements;
}
