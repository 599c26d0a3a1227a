// Writes the reader fixtures under test/fixtures/ (committed; re-run after changing this script):
//   test/fixtures/bad/        inputs every reader must reject with an InputError
//   test/fixtures/docx/       numbering.docx (Word automatic numbering; labels in numbering.expected.json)
//   test/fixtures/pdf/        three-pages.pdf (known text per page; three-pages.expected.json)
// The *.expected.json files are written by hand and are NOT produced here.
// Needs qpdf (Debian package qpdf) for the encrypted PDF.
//   npx tsx scripts/make-fixtures.ts
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { HeadingLevel, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { CLAUSE_LEVELS, FIXED_DATE, buildDocx, packDocx, parseSource, pdfBytes } from './lib/docgen.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures');

async function put(rel: string, data: string | Uint8Array): Promise<void> {
  const path = join(fixtures, rel);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
  console.log(`test/fixtures/${rel}`);
}

function setFixedMetadata(doc: PDFDocument, title: string): void {
  doc.setTitle(title);
  doc.setCreator('clausecheck scripts/make-fixtures.ts');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
}

// ---------------------------------------------------------------------------------------------
// bad/

const SMALL_CONTRACT = `# SECRET SUPPLY AGREEMENT

This agreement is between Example Provider Ltd. ("Provider") and Example Customer Inc. ("Customer").

1. Confidentiality

1.1 Provider shall keep all Inputs and Outputs confidential.
`;

async function encryptedPdf(): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'clausecheck-fixtures-'));
  try {
    const plain = join(dir, 'plain.pdf');
    const locked = join(dir, 'locked.pdf');
    await writeFile(plain, await pdfBytes(parseSource(SMALL_CONTRACT)));
    // AES-128 with a static id and IV so that the output is the same on every run.
    execFileSync('qpdf', ['--static-id', '--static-aes-iv', '--encrypt', 'user-secret', 'owner-secret', '128', '--use-aes=y', '--', plain, locked]);
    return await readFile(locked);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A grey-scale PNG that looks like a scanned page: dark bars where lines of text would be. */
function scannedPagePng(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width + 1, 0xf4); // filter byte 0, then light paper
    row[0] = 0;
    const band = y % 14;
    if (y > 20 && y < height - 20 && band >= 4 && band <= 8) {
      const lineEnd = width - 20 - ((y * 7) % 60);
      for (let x = 20; x < lineEnd; x++) row[x + 1] = (x * 13 + y) % 9 === 0 ? 0xf4 : 0x30;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Two pages with an embedded image and drawn shapes, and no text objects at all (a scan). */
async function imageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  setFixedMetadata(doc, 'Scanned contract');
  const png = await doc.embedPng(scannedPagePng(306, 396));
  for (let i = 0; i < 2; i++) {
    const page = doc.addPage([612, 792]);
    page.drawImage(png, { x: 0, y: 0, width: 612, height: 792 });
    page.drawRectangle({ x: 430, y: 60, width: 120, height: 40, borderColor: rgb(0.1, 0.1, 0.6), borderWidth: 1.5 });
    page.drawEllipse({ x: 490, y: 80, xScale: 45, yScale: 12, color: rgb(0.2, 0.2, 0.7), opacity: 0.4 });
  }
  return doc.save({ useObjectStreams: false });
}

/** A %PDF header and the start of an object, then deterministic garbage; no xref, no trailer. */
function corruptPdf(): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R', 'latin1');
  const junk = Buffer.alloc(1536);
  let x = 0x2545;
  for (let i = 0; i < junk.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    junk[i] = x >>> 16 & 0xff;
  }
  return Buffer.concat([head, junk]);
}

/** A valid zip that looks like a DOCX (content types, relationships) but has no word/document.xml. */
async function brokenDocx(): Promise<Buffer> {
  const zip = new JSZip();
  const opts = { date: FIXED_DATE, createFolders: false };
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    opts,
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    opts,
  );
  zip.file('word/styles.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>', opts);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

const RTF = String.raw`{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}
{\pard\b SERVICES AGREEMENT\b0\par}
{\pard 1. Provider shall not use Customer Data to train models.\par}
}
`;

// ---------------------------------------------------------------------------------------------
// docx/numbering.docx

// The same level definitions as the samples (scripts/lib/docgen.ts).
const NUMBERING_LEVELS = CLAUSE_LEVELS;

/** [level or null for an unnumbered paragraph, list instance, text, heading?] */
type Item = [number | null, number, string, ('h1' | 'h2')?];

const NUMBERING_ITEMS: Item[] = [
  [null, 0, 'Numbering Fixture Agreement', 'h1'],
  [null, 0, 'This paragraph has no number and opens the fixture.'],
  [0, 1, 'Definitions and Interpretation', 'h2'],
  [1, 1, 'The amber clause defines Services.'],
  [1, 1, 'The birch clause lists the Customer duties:'],
  [2, 1, 'the cedar item comes first;'],
  [2, 1, 'the daisy item has two sub-items:'],
  [3, 1, 'the elm sub-item; and'],
  [3, 1, 'the fern sub-item;'],
  [2, 1, 'the grape item restarts the roman counter:'],
  [3, 1, 'the hazel sub-item.'],
  [null, 0, 'An unnumbered note between list paragraphs does not change any counter.'],
  [1, 1, 'The iris clause continues the second level.'],
  [0, 1, 'Use Restrictions', 'h2'],
  // Level 2 straight under level 0. (A level-1 paragraph right after these would be 2.1 in Word
  // but 2.2 in LibreOffice, which counts the skipped level; the fixture avoids that case.)
  [2, 1, 'the juniper item sits directly under a top-level clause;'],
  [2, 1, 'the kale item follows it.'],
  [0, 1, 'Term and Termination', 'h2'],
  [1, 1, 'The lemon clause starts the second level of section three.'],
  [null, 0, 'Schedule 1', 'h1'],
  [0, 2, 'The maple clause starts a new list.'],
  [1, 2, 'The nutmeg clause is nested in the new list.'],
  [2, 2, 'the olive item is nested deeper.'],
  [0, 2, 'The pine clause is the second top-level clause of the new list.'],
];

async function numberingDocx(): Promise<Buffer> {
  const children = NUMBERING_ITEMS.map(([level, instance, text, heading]) => {
    const style = heading === 'h1' ? HeadingLevel.HEADING_1 : heading === 'h2' ? HeadingLevel.HEADING_2 : undefined;
    return new Paragraph({
      heading: style,
      numbering: level === null ? undefined : { reference: 'legal', level, instance },
      children: [new TextRun(text)],
    });
  });
  return packDocx(buildDocx(children, { title: 'Numbering Fixture Agreement', numbering: [{ reference: 'legal', levels: NUMBERING_LEVELS }] }));
}

// ---------------------------------------------------------------------------------------------
// pdf/three-pages.pdf

const THREE_PAGES_HEADER = 'Three Page Test Agreement - Confidential';

// Every body line is distinct: only the header and the footer recur from page to page.
const THREE_PAGES_BODY: string[][] = [
  [
    'THREE PAGE TEST AGREEMENT',
    '',
    'The amber heron clause appears only on the first page.',
    '',
    'Each party shall act in good faith when it performs its obligations under this agreement.',
    'Notices must be given in writing and delivered by hand, by courier or by electronic mail.',
    'A waiver of any right is effective only if it is in writing and signed by the waiving party.',
    '',
    'Headings help the reader only; they do not change how this agreement is read.',
    'Neither party may assign its rights without the prior written consent of the other party.',
    '',
    'This sentence starts on the first page and',
  ],
  [
    'continues on the second page without a break.',
    '',
    'This agreement may be executed in counterparts, which together form one instrument.',
    'Invalid provisions are severed and the rest of the agreement remains in force.',
    '',
    'The cobalt otter clause appears only on the second page.',
    '',
    'No partnership, agency or joint venture is created between the parties by this agreement.',
    'Each party bears its own costs of negotiating and entering into this agreement.',
  ],
  [
    'Amendments are valid only when they are made in writing and signed by both parties.',
    'Rights and remedies under this agreement are cumulative with those provided by law.',
    '',
    'The scarlet lynx clause appears only on the third page.',
    '',
    'Signed for and on behalf of each party by its authorised representative.',
  ],
];

async function threePagesPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  setFixedMetadata(doc, 'Three Page Test Agreement');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  THREE_PAGES_BODY.forEach((lines, i) => {
    const page = doc.addPage([612, 792]);
    page.drawText(THREE_PAGES_HEADER, { x: 72, y: 748, size: 9, font });
    lines.forEach((text, r) => {
      if (text === '') return;
      const f = i === 0 && r === 0 ? bold : font;
      page.drawText(text, { x: 72, y: 709.5 - r * 14.4, size: 10.5, font: f });
    });
    const footer = `Page ${i + 1} of ${THREE_PAGES_BODY.length}`;
    page.drawText(footer, { x: (612 - font.widthOfTextAtSize(footer, 9)) / 2, y: 40, size: 9, font });
  });
  return doc.save({ useObjectStreams: false });
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  await put('bad/encrypted.pdf', await encryptedPdf());
  await put('bad/image-only.pdf', await imageOnlyPdf());
  await put('bad/corrupt.pdf', corruptPdf());
  await put('bad/not-a-zip.docx', 'This is a plain text file that was renamed to .docx.\nIt is not a zip archive.\n');
  await put('bad/broken.docx', await brokenDocx());
  await put('bad/empty.txt', '');
  await put('bad/unsupported.rtf', RTF);
  await put('docx/numbering.docx', await numberingDocx());
  await put('pdf/three-pages.pdf', await threePagesPdf());
}

await main();
