// The addendum as a Word document: real Word numbering (1. / 1.1 / (a)) from numbering.xml,
// Heading 1 for the sections, a table for the requirement map. Deterministic bytes.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { type Addendum, SIGNATURE_LINES, SIGNATURES_HEADING, SIGNATURES_LEAD, listItem } from './addendum.js';
import { repackDocx } from './zip.js';

const NUMBERING = 'addendum';
/** Indents in twips: clause text hangs after "2.1", list items after "(a)". */
const CLAUSE_INDENT = 720;
const ITEM_INDENT = 1440;

function para(text: string, opts: { level?: number; caption?: string; indent?: number } = {}): Paragraph {
  const children: TextRun[] = [];
  if (opts.caption) children.push(new TextRun({ text: `${opts.caption}. `, bold: true }));
  children.push(new TextRun(text));
  return new Paragraph({
    children,
    spacing: { after: 120 },
    alignment: AlignmentType.JUSTIFIED,
    ...(opts.level !== undefined
      ? { numbering: { reference: NUMBERING, level: opts.level } }
      : opts.indent !== undefined
        ? { indent: { left: opts.indent } }
        : {}),
  });
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

export function addendumDocument(a: Addendum): Document {
  const children: Array<Paragraph | Table> = [new Paragraph({ text: a.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER })];
  for (const p of a.intro) children.push(para(p));
  for (const s of a.sections) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1, numbering: { reference: NUMBERING, level: 0 } }));
    for (const c of s.clauses) {
      c.paragraphs.forEach((p, i) => {
        if (i === 0) {
          children.push(para(p, { level: 1, caption: c.caption }));
          return;
        }
        const item = listItem(p);
        children.push(item ? para(item.text, { level: 2 }) : para(p, { indent: CLAUSE_INDENT }));
      });
    }
  }
  // Signature block: one column per party, lines to fill in.
  children.push(new Paragraph({ text: SIGNATURES_HEADING, heading: HeadingLevel.HEADING_1, keepNext: true }));
  children.push(new Paragraph({ text: SIGNATURES_LEAD, spacing: { after: 240 }, keepNext: true }));
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: [
        new TableRow({
          cantSplit: true,
          children: a.signatures.map(
            (sig) =>
              new TableCell({
                width: { size: 50, type: WidthType.PERCENTAGE },
                children: [
                  new Paragraph({ children: [new TextRun({ text: sig.legalName, bold: true }), new TextRun(` ("${sig.party}")`)], spacing: { after: 360 } }),
                  ...SIGNATURE_LINES.map((line) => new Paragraph({ children: [new TextRun(`${line}: `), new TextRun('_'.repeat(26))], spacing: { before: 240, after: 120 } })),
                ],
              }),
          ),
        }),
      ],
    }),
  );
  children.push(new Paragraph({ text: 'Schedule 1. Requirement Map', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }));
  children.push(new Paragraph({ children: [new TextRun({ text: a.note, italics: true })], spacing: { after: 120 } }));
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: ['Clause', 'Heading', 'Requirement', 'What it covers'].map((h) => cell(h, true)) }),
        ...a.map.map((r) => new TableRow({ children: [cell(r.clause), cell(r.caption), cell(r.id), cell(r.title)] })),
      ],
    }),
  );
  return new Document({
    creator: 'clausecheck',
    title: a.title,
    description: a.note,
    numbering: {
      config: [
        {
          reference: NUMBERING,
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT } } } },
            { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT } } } },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: '(%3)', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: ITEM_INDENT, hanging: CLAUSE_INDENT } } } },
          ],
        },
      ],
    },
    sections: [{ children }],
  });
}

/** The addendum as DOCX bytes (same input, same bytes). */
export async function renderAddendumDocx(a: Addendum): Promise<Buffer> {
  const raw = await Packer.toBuffer(addendumDocument(a));
  return repackDocx(await JSZip.loadAsync(raw));
}
