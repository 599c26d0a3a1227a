// Document generators for samples, fixtures, tests and the benchmark.
//
// Source format: plain text, paragraphs separated by blank lines (lines inside a paragraph are joined
// with one space).
//   "# Title"          heading, level 1 (Word Heading1)
//   "## Subtitle"      heading, level 2 (Word Heading2)
//   "1. Text"          clause, level 0
//   "1.1 Text"         clause, level 1 ("1.1." also accepted)
//   "(a) Text"         clause, level 2 (lower letter)
//   "(i) Text"         clause, level 3 (lower roman; "(i)" right after "(h)" is the letter i)
//   anything else      plain text paragraph (preamble, recitals, signature blocks)
// A level-0 clause whose text is short and has no closing punctuation ("1. Definitions") is a
// section title: bold in the PDF, Heading2 style (still automatically numbered) in the DOCX.

import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph as DocxParagraph,
  TextRun,
} from 'docx';
import JSZip from 'jszip';
import { PDFDocument, PDFFont, StandardFonts, rgb } from 'pdf-lib';
// one roman-numeral writer for the generator and the segmenter
import { toRoman } from '../../src/segment/labels.js';

export type Paragraph =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'clause'; level: 0 | 1 | 2 | 3; label: string; text: string }
  | { kind: 'text'; text: string };

/** Fixed timestamp written into generated files so that re-running gives identical bytes. */
export const FIXED_DATE = new Date('2025-01-01T00:00:00Z');

// ---------------------------------------------------------------------------------------------
// Numbers

export function fromRoman(s: string): number | undefined {
  for (let n = 1; n < 40; n++) if (toRoman(n) === s) return n;
  return undefined;
}

/** 1 -> a, 26 -> z, 27 -> aa (Word's lowerLetter doubles the letter). */
export function toLetter(n: number): string {
  const letter = String.fromCharCode(96 + ((n - 1) % 26) + 1);
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function fromLetter(s: string): number | undefined {
  if (!/^([a-z])\1*$/.test(s)) return undefined;
  return (s.length - 1) * 26 + (s.charCodeAt(0) - 96);
}

// ---------------------------------------------------------------------------------------------
// Source format

// A line that starts a list item ("- x", "• x", "1. x", "(a) x", "a) x") inside a block of lines.
// list items, multi-level clause numbers ("41.13.6 You will ...") and table rows each start a paragraph
const LIST_LINE = /^(?:[-*•–]\s+|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+|\d{1,3}(?:\.\d{1,3})+\.?\s+|\|)/i;

/**
 * With `listLines`, a block whose later lines start list items becomes one paragraph per item, as a
 * word processor holds them (real-document evaluation: a DOCX or PDF made from a text whose nested
 * lists sit in one block must not run the items together into one paragraph).
 */
export function parseSource(src: string, opts: { listLines?: boolean } = {}): Paragraph[] {
  const out: Paragraph[] = [];
  let lastLetter = 0; // value of the last level-2 label since the last level 0/1 clause
  let lastRoman = 0; // value of the last level-3 label since the last level 0-2 clause
  let blocks = src.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  if (opts.listLines) {
    blocks = blocks.flatMap((b) => {
      const parts: string[] = [];
      for (const line of b.split('\n')) {
        if (parts.length > 0 && LIST_LINE.test(line.trim())) parts.push(line);
        else if (parts.length > 0) parts[parts.length - 1] += '\n' + line;
        else parts.push(line);
      }
      return parts;
    });
  }
  for (const raw of blocks) {
    const para = raw
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join(' ');
    if (para === '') continue;
    let m: RegExpMatchArray | null;
    if ((m = para.match(/^(#{1,2}) +(.+)$/))) {
      out.push({ kind: 'heading', level: m[1]!.length as 1 | 2, text: m[2]! });
    } else if ((m = para.match(/^(\d+\.)(?: +(.*))?$/))) {
      out.push({ kind: 'clause', level: 0, label: m[1]!, text: m[2] ?? '' });
      lastLetter = lastRoman = 0;
    } else if ((m = para.match(/^(\d+\.\d+\.?)(?: +(.*))?$/))) {
      out.push({ kind: 'clause', level: 1, label: m[1]!, text: m[2] ?? '' });
      lastLetter = lastRoman = 0;
    } else if ((m = para.match(/^\(([a-z]{1,4})\)(?: +(.*))?$/))) {
      const body = m[1]!;
      const roman = fromRoman(body);
      const letter = fromLetter(body);
      const isRoman =
        roman !== undefined &&
        (letter === undefined || // ii, iv, xi...
          roman === lastRoman + 1 || // continues a roman list (v after iv)
          (roman === 1 && lastLetter !== 8)); // (i) is roman unless it follows (h)
      if (isRoman) {
        out.push({ kind: 'clause', level: 3, label: `(${body})`, text: m[2] ?? '' });
        lastRoman = roman;
      } else if (letter !== undefined) {
        out.push({ kind: 'clause', level: 2, label: `(${body})`, text: m[2] ?? '' });
        lastLetter = letter;
        lastRoman = 0;
      } else {
        out.push({ kind: 'text', text: para });
      }
    } else {
      out.push({ kind: 'text', text: para });
    }
  }
  return out;
}

export function toSource(paragraphs: Paragraph[]): string {
  return (
    paragraphs
      .map((p) => {
        if (p.kind === 'heading') return `${'#'.repeat(p.level)} ${p.text}`;
        if (p.kind === 'clause') return p.text ? `${p.label} ${p.text}` : p.label;
        return p.text;
      })
      .join('\n\n') + '\n'
  );
}

/** "1. Definitions": a level-0 clause that is only a short title. */
export function isSectionTitle(p: Paragraph): boolean {
  return p.kind === 'clause' && p.level === 0 && p.text.length > 0 && p.text.length <= 60 && !/[.;:,]$/.test(p.text);
}

/** The title of a document: its first level-1 heading. */
export function documentTitle(paragraphs: Paragraph[]): string {
  const h = paragraphs.find((p) => p.kind === 'heading' && p.level === 1);
  return h ? h.text : 'Agreement';
}

// ---------------------------------------------------------------------------------------------
// PDF

export interface PdfOptions {
  /** Document title (PDF metadata). Default: the first level-1 heading. */
  title?: string;
  /** Running header printed at the top of every page. Default: the title. */
  header?: string;
  /** Body lines per page, blank spacing lines included. Default 45. */
  linesPerPage?: number;
  author?: string;
  /** No running header and no page numbers: body text only (a PDF saved straight from a word processor). */
  plain?: boolean;
  /** Running footer text printed left on every page, the page number then goes to the right (print style). */
  footer?: string;
}

interface Line {
  x: number;
  text: string;
  bold: boolean;
  size: number;
  /** 'center' recomputes x from the text width. */
  center?: boolean;
  /** Keep this line on the same page as the next one. */
  keepWithNext?: boolean;
}

const PAGE_W = 612; // US Letter
const PAGE_H = 792;
const MARGIN = 72;
const BODY_SIZE = 10.5;
const LEADING = 14.4;
const LABEL_X = [0, 24, 54, 84]; // label indent per clause level
const LABEL_W = [24, 36, 30, 30]; // label column width per clause level

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = text.split(/ +/).filter((w) => w !== '');
  const lines: string[] = [];
  let cur = '';
  for (const word of words) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && font.widthOfTextAtSize(next, size) > width) {
      lines.push(cur);
      cur = word;
    } else {
      cur = next;
    }
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [''];
}

function layoutParagraph(p: Paragraph, regular: PDFFont, bold: PDFFont): Line[] {
  const width = PAGE_W - 2 * MARGIN;
  if (p.kind === 'heading') {
    const size = p.level === 1 ? 12 : BODY_SIZE;
    return wrap(p.text, bold, size, width).map((text) => ({
      x: MARGIN,
      text,
      bold: true,
      size,
      center: p.level === 1,
      keepWithNext: true,
    }));
  }
  if (p.kind === 'text') {
    return wrap(p.text, regular, BODY_SIZE, width).map((text) => ({ x: MARGIN, text, bold: false, size: BODY_SIZE }));
  }
  const title = isSectionTitle(p);
  const font = title ? bold : regular;
  const labelX = MARGIN + LABEL_X[p.level]!;
  const textX = labelX + Math.max(LABEL_W[p.level]!, regular.widthOfTextAtSize(p.label, BODY_SIZE) + 6);
  const body = wrap(p.text, font, BODY_SIZE, PAGE_W - MARGIN - textX);
  // The first Line is the label; layoutRows puts it on one baseline with the first text line.
  return [
    { x: labelX, text: p.label, bold: title, size: BODY_SIZE, keepWithNext: title },
    ...body.map((text) => ({ x: textX, text, bold: title, size: BODY_SIZE, keepWithNext: title })),
  ];
}

/** Rows of the page grid: each row is drawn at one baseline and may hold several runs. */
type Row = Line[];

function layoutRows(paragraphs: Paragraph[], regular: PDFFont, bold: PDFFont): Array<Row | null> {
  // null = blank spacing row between paragraphs
  const rows: Array<Row | null> = [];
  for (const p of paragraphs) {
    const lines = layoutParagraph(p, regular, bold);
    if (rows.length) rows.push(null);
    if (p.kind === 'clause') {
      // label and first text line on the same row
      const [label, first, ...rest] = lines;
      rows.push([label!, ...(first ? [first] : [])]);
      for (const l of rest) rows.push([l]);
    } else {
      for (const l of lines) rows.push([l]);
    }
  }
  return rows;
}

function paginate(rows: Array<Row | null>, perPage: number): Row[][] {
  const pages: Row[][] = [];
  let page: Row[] = [];
  let used = 0; // rows used on the current page, blank rows included
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row === null) {
      if (used === 0) continue; // no blank row at the top of a page
      if (used + 1 >= perPage) {
        pages.push(page);
        page = [];
        used = 0;
        continue;
      }
      page.push([]);
      used++;
      continue;
    }
    // keep a heading / section title with the two rows after it
    const keep = row.some((l) => l.keepWithNext) ? 3 : 1;
    if (used > 0 && used + keep > perPage) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(row);
    used++;
  }
  if (page.length) pages.push(page);
  // drop trailing blank rows
  for (const p of pages) while (p.length && p[p.length - 1]!.length === 0) p.pop();
  return pages;
}

export async function pdfBytes(paragraphs: Paragraph[], opts: PdfOptions = {}): Promise<Uint8Array> {
  const title = opts.title ?? documentTitle(paragraphs);
  const header = opts.header ?? title;
  const perPage = opts.linesPerPage ?? 45;
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setAuthor(opts.author ?? 'clausecheck sample generator');
  doc.setCreator('clausecheck scripts/lib/docgen.ts');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  const pages = paginate(layoutRows(paragraphs, regular, bold), perPage);
  const total = pages.length;
  pages.forEach((rows, index) => {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    // running header with a rule under it
    if (!opts.plain) {
      page.drawText(header, { x: MARGIN, y: PAGE_H - 44, size: 9, font: regular });
      page.drawLine({
        start: { x: MARGIN, y: PAGE_H - 50 },
        end: { x: PAGE_W - MARGIN, y: PAGE_H - 50 },
        thickness: 0.5,
        color: rgb(0.4, 0.4, 0.4),
      });
    }
    rows.forEach((row, r) => {
      const y = PAGE_H - MARGIN - BODY_SIZE - r * LEADING;
      for (const l of row) {
        const font = l.bold ? bold : regular;
        const x = l.center ? (PAGE_W - font.widthOfTextAtSize(l.text, l.size)) / 2 : l.x;
        page.drawText(l.text, { x, y, size: l.size, font });
      }
    });
    if (opts.plain) return;
    const footer = `Page ${index + 1} of ${total}`;
    if (opts.footer) {
      page.drawText(opts.footer, { x: MARGIN, y: 40, size: 8, font: regular });
      page.drawText(footer, { x: PAGE_W - MARGIN - regular.widthOfTextAtSize(footer, 9), y: 40, size: 9, font: regular });
      return;
    }
    page.drawText(footer, { x: (PAGE_W - regular.widthOfTextAtSize(footer, 9)) / 2, y: 40, size: 9, font: regular });
  });
  return doc.save({ useObjectStreams: false });
}

export async function writePdf(paragraphs: Paragraph[], outPath: string, opts: PdfOptions = {}): Promise<void> {
  await writeFileAtomic(outPath, await pdfBytes(paragraphs, opts));
}

// ---------------------------------------------------------------------------------------------
// DOCX

export interface DocxOptions {
  title?: string;
  header?: string;
}

/** Reference of the automatic numbering definition used for clauses. */
export const CLAUSE_NUMBERING = 'clauses';

export const CLAUSE_LEVELS = [
  { level: 0, format: LevelFormat.DECIMAL, text: '%1.', left: 567 },
  { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', left: 1134 },
  { level: 2, format: LevelFormat.LOWER_LETTER, text: '(%3)', left: 1701 },
  { level: 3, format: LevelFormat.LOWER_ROMAN, text: '(%4)', left: 2268 },
].map((l) => ({
  level: l.level,
  format: l.format,
  text: l.text,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: l.left, hanging: 567 } } },
}));

function labelValue(label: string, level: number): number {
  const body = label.replace(/^\(|\)$|\.$/g, '');
  if (level === 0) return Number(body);
  if (level === 1) return Number(body.split('.')[1]);
  if (level === 2) return fromLetter(body) ?? NaN;
  return fromRoman(body) ?? NaN;
}

/**
 * Builds DOCX paragraphs using real automatic numbering: clause labels are NOT written in the text
 * runs. Word's counters are simulated to check that every source label is what Word will display;
 * a level-0 "1." that does not continue the list starts a new list instance (a new w:num with
 * startOverride). Any other mismatch is an error in the source.
 */
export function docxParagraphs(paragraphs: Paragraph[]): DocxParagraph[] {
  const counters = [0, 0, 0, 0];
  // Levels jumped over (1. then (a) with no 1.1). The next item at a jumped level is 2.1 in Word
  // but 2.2 in LibreOffice, which counts the jumped level: refuse such sources.
  const skipped = [false, false, false, false];
  let instance = 1;
  return paragraphs.map((p, i) => {
    if (p.kind === 'heading') {
      return new DocxParagraph({
        heading: p.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        children: [new TextRun(p.text)],
      });
    }
    if (p.kind === 'text') return new DocxParagraph({ children: [new TextRun(p.text)] });
    const want = labelValue(p.label, p.level);
    let next = counters[p.level]! + 1;
    if (want !== next && p.level === 0 && want === 1) {
      instance++;
      counters.fill(0);
      skipped.fill(false);
      next = 1;
    }
    if (want !== next) {
      throw new Error(`paragraph ${i + 1}: label ${p.label} but Word numbering would show the ${next}th item of level ${p.level}`);
    }
    if (skipped[p.level]) {
      throw new Error(`paragraph ${i + 1}: label ${p.label} follows a jumped level; Word and LibreOffice number it differently`);
    }
    for (let l = 1; l < p.level; l++) if (counters[l] === 0 && counters[0] > 0) skipped[l] = true;
    counters[p.level] = next;
    for (let l = p.level + 1; l < counters.length; l++) {
      counters[l] = 0;
      skipped[l] = false;
    }
    if (p.level === 1 && Number(p.label.split('.')[0]) !== counters[0]) {
      throw new Error(`paragraph ${i + 1}: label ${p.label} but the enclosing clause is ${counters[0]}.`);
    }
    return new DocxParagraph({
      heading: isSectionTitle(p) ? HeadingLevel.HEADING_2 : undefined,
      numbering: { reference: CLAUSE_NUMBERING, level: p.level, instance },
      children: [new TextRun(p.text)],
    });
  });
}

export function buildDocx(children: DocxParagraph[], opts: { title: string; header?: string; numbering?: Array<{ reference: string; levels: typeof CLAUSE_LEVELS }> }): Document {
  return new Document({
    title: opts.title,
    creator: 'clausecheck sample generator',
    lastModifiedBy: 'clausecheck sample generator',
    revision: 1,
    numbering: { config: opts.numbering ?? [{ reference: CLAUSE_NUMBERING, levels: CLAUSE_LEVELS }] },
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [
      {
        headers: {
          default: new Header({ children: [new DocxParagraph({ children: [new TextRun({ text: opts.header ?? opts.title, size: 18 })] })] }),
        },
        footers: {
          default: new Footer({
            children: [
              new DocxParagraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/**
 * Packs a docx Document and rewrites the zip with fixed timestamps (core.xml dates and zip entry
 * dates) so that the same input gives the same bytes.
 */
export async function packDocx(doc: Document): Promise<Buffer> {
  const raw = await Packer.toBuffer(doc);
  const zip = await JSZip.loadAsync(raw);
  const out = new JSZip();
  const stamp = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    let data: string | Uint8Array = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      data = new TextDecoder()
        .decode(data)
        .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

export async function docxBytes(paragraphs: Paragraph[], opts: DocxOptions = {}): Promise<Buffer> {
  const title = opts.title ?? documentTitle(paragraphs);
  return packDocx(buildDocx(docxParagraphs(paragraphs), { title, header: opts.header }));
}

export async function writeDocx(paragraphs: Paragraph[], outPath: string, opts: DocxOptions = {}): Promise<void> {
  await writeFileAtomic(outPath, await docxBytes(paragraphs, opts));
}

// ---------------------------------------------------------------------------------------------
// Synthetic long contract (benchmark)

/** Small deterministic PRNG (mulberry32); also used by the portfolio benchmark. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECTION_TITLES = [
  'Services', 'Fees and Payment', 'Customer Obligations', 'Use Restrictions', 'Customer Data',
  'Security', 'Confidentiality', 'Intellectual Property', 'Warranties', 'Indemnification',
  'Limitation of Liability', 'Export Controls and Sanctions', 'Term and Termination', 'Audit',
  'Subprocessors', 'Data Location', 'Insurance', 'Service Levels', 'Support', 'General',
];

const GENERIC = [
  'Each Party shall perform its obligations under this Agreement in a professional and workmanlike manner, using personnel with the skills and experience reasonably required for the task.',
  'Provider shall invoice the fees set out in the applicable Order Form monthly in arrears, and Customer shall pay each undisputed invoice within thirty (30) days after receipt.',
  'Customer may dispute an invoice in good faith by written notice that describes the disputed amount and the reason for the dispute before the payment date.',
  'Neither Party is liable for a delay or failure in performance that events beyond its reasonable control cause, provided that it gives prompt notice and uses reasonable efforts to resume performance.',
  'Each Party shall maintain, at its own cost, insurance coverage with reputable insurers that is adequate for its obligations under this Agreement.',
  'The Parties shall meet at least once each calendar quarter to review service performance, open issues and planned changes to the Services.',
  'Provider shall make the Services available at least 99.9% of each calendar month, excluding scheduled maintenance notified at least five (5) days in advance.',
  'Customer shall designate a technical contact who is authorised to receive notices about the Services and to approve changes to the configuration of its Accounts.',
  'Any amendment to this Agreement must be in writing and signed by authorised representatives of both Parties.',
  'Should a court find a provision of this Agreement unenforceable, the other provisions stay fully in force.',
  'Provider shall provide support by email and through its support portal during business hours in the time zone of Customer\'s principal office.',
  'Each Party warrants that it has full power and authority to enter into and perform this Agreement.',
  'Customer is responsible for the accuracy, quality and legality of the Inputs it submits and for obtaining any consents needed to submit them.',
  'Provider shall maintain documentation describing the features, limits and known limitations of each Model made available through the Services.',
];

const TOPICAL = [
  'Customer shall not use any Output to develop, train or improve any machine learning model that competes with the Services.',
  'Customer shall not scrape, crawl or otherwise extract Outputs or model behaviour by automated means, except through the documented API.',
  'Customer shall not reverse engineer or attempt to discover the weights, parameters or architecture of any Model.',
  'Provider may monitor the use of the Services to detect abuse, extraction attempts and violations of this Agreement.',
  'Provider may suspend access to the Services if it reasonably believes that Customer has breached the use restrictions.',
  'Provider shall not use Customer Data, including Inputs and Outputs, to train or improve any model.',
  'Provider shall delete Inputs and Outputs within thirty (30) days after they are submitted or generated.',
  'Provider shall notify Customer of any Security Incident affecting Customer Data within seventy-two (72) hours of learning of it.',
  'Provider shall store and process Customer Data only in the European Union region selected by Customer.',
  'Each Party shall comply with the Export Administration Regulations and the sanctions regulations administered by OFAC.',
  'Customer shall not export, re-export or transfer the Services or any Output to any country or person in violation of export control laws.',
  'Customer shall not use the Services for any military end use or for the development of nuclear, chemical or biological weapons or missiles.',
  'Provider may suspend the Services to the extent required by a change in export control law, and shall refund any prepaid fees for the suspended period.',
  'Customer represents that it is not listed on any restricted party list and is not owned fifty percent (50%) or more by listed persons.',
];

/** Rough characters per body line (Helvetica 10.5 pt over 6.5 inches, hanging indents). */
const CHARS_PER_LINE = 95;

function estimateRows(p: Paragraph): number {
  const indent = p.kind === 'clause' ? LABEL_X[p.level]! / 5 + 5 : 0;
  return Math.max(1, Math.ceil(p.text.length / (CHARS_PER_LINE - indent))) + 1; // + blank row
}

/**
 * A deterministic synthetic contract of about `pages` PDF pages (45 lines a page), numbered
 * 1., 1.1, (a), (i), with some anti-distillation, data and export clauses mixed in.
 */
export function generateLongContract(pages: number, seed = 1): Paragraph[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const target = pages * 45;
  const out: Paragraph[] = [
    { kind: 'heading', level: 1, text: 'MASTER SERVICES AGREEMENT' },
    {
      kind: 'text',
      text: 'This Master Services Agreement (the "Agreement") is made as of 1 January 2025 between Example Provider Ltd. ("Provider") and Example Customer Inc. ("Customer").',
    },
  ];
  let rows = out.reduce((n, p) => n + estimateRows(p), 2);
  const push = (p: Paragraph) => {
    out.push(p);
    rows += estimateRows(p);
  };
  let section = 0;
  while (rows < target) {
    section++;
    push({ kind: 'clause', level: 0, label: `${section}.`, text: `${SECTION_TITLES[(section - 1) % SECTION_TITLES.length]!}` });
    const subs = 2 + Math.floor(rand() * 4);
    for (let s = 1; s <= subs && rows < target; s++) {
      const base = rand() < 0.3 ? pick(TOPICAL) : pick(GENERIC);
      push({ kind: 'clause', level: 1, label: `${section}.${s}`, text: `${base} ${rand() < 0.5 ? pick(GENERIC) : ''}`.trim() });
      if (rand() < 0.35) {
        const items = 2 + Math.floor(rand() * 3);
        for (let a = 1; a <= items && rows < target; a++) {
          push({ kind: 'clause', level: 2, label: `(${toLetter(a)})`, text: pick(rand() < 0.4 ? TOPICAL : GENERIC) });
          if (rand() < 0.2) {
            for (let r = 1; r <= 2; r++) push({ kind: 'clause', level: 3, label: `(${toRoman(r)})`, text: pick(GENERIC) });
          }
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}
