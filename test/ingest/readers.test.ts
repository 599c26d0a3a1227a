import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ingest, pageAt } from '../../src/ingest/index.js';
import { segment } from '../../src/segment/index.js';
import { InputError } from '../../src/types.js';

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('PDF reader', () => {
  const expected = JSON.parse(readFileSync('test/fixtures/pdf/three-pages.expected.json', 'utf8'));

  it('keeps every phrase on its page and removes running headers and footers', async () => {
    const doc = await ingest('test/fixtures/pdf/three-pages.pdf');
    expect(doc.format).toBe('pdf');
    expect(doc.pageStarts).toHaveLength(expected.pages);
    for (const p of expected.phrases) {
      const at = doc.text.indexOf(p.text);
      expect(at, p.text).toBeGreaterThanOrEqual(0);
      expect(pageAt(doc.pageStarts, at), p.text).toBe(p.page);
    }
    expect(doc.text).not.toContain(expected.header);
    for (const f of expected.footers) expect(doc.text).not.toContain(f);
  });

  it('leaves Array.prototype.push and JSON.parse native after pdf.js has loaded (its legacy build swaps in core-js versions)', async () => {
    const doc = await ingest('test/fixtures/pdf/three-pages.pdf', { pdfReader: 'pdfjs' });
    expect(doc.pageStarts).toHaveLength(expected.pages);
    // A built-in function is no constructor and has no own `prototype`; the JavaScript replacements
    // have one (and a patched Function.prototype.toString that prints them as native code).
    for (const f of [Array.prototype.push, JSON.parse, Function.prototype.toString]) expect(Object.hasOwn(f, 'prototype'), f.name).toBe(false);
    expect(JSON.parse('{"a":[1,2]}', (_k, v) => v)).toEqual({ a: [1, 2] });
  });

  it('stitches a sentence that runs across a page break into one sentence', async () => {
    const doc = await ingest('test/fixtures/pdf/three-pages.pdf');
    expect(squash(doc.text)).toContain(expected.crossPage.text);
    const seg = segment(doc);
    const s = seg.sentences.find((x) => squash(doc.text.slice(x.start, x.end)).includes('continues on the second page'));
    expect(s).toBeDefined();
    expect(squash(doc.text.slice(s!.start, s!.end))).toContain('This sentence starts on the first page');
    expect(pageAt(doc.pageStarts, s!.start)).toBe(expected.crossPage.startPage);
  });

  it('gives each sample PDF page numbers that match where its text really is', async () => {
    const doc = await ingest('samples/ai-api-services-agreement.pdf');
    expect(doc.pageStarts.length).toBeGreaterThan(3);
    const source = readFileSync('samples/ai-api-services-agreement.txt', 'utf8');
    // The last numbered heading of the source is on the last page, the first one on page 1.
    const headings = source.split('\n').filter((l) => /^\d+\. [A-Z]/.test(l));
    expect(pageAt(doc.pageStarts, doc.text.indexOf(headings[0]!))).toBe(1);
    expect(pageAt(doc.pageStarts, doc.text.lastIndexOf(headings[headings.length - 1]!))).toBeGreaterThan(1);
  });
});

describe('DOCX reader', () => {
  const expected = JSON.parse(readFileSync('test/fixtures/docx/numbering.expected.json', 'utf8')) as {
    paragraphs: Array<{ text: string; label: string | null; section?: string }>;
  };

  it('recovers Word automatic numbering that mammoth drops', async () => {
    const doc = await ingest('test/fixtures/docx/numbering.docx');
    for (const p of expected.paragraphs) {
      if (p.label) expect(doc.text, p.text).toContain(`${p.label} ${p.text}`);
      else {
        const at = doc.text.indexOf(p.text);
        expect(at, p.text).toBeGreaterThanOrEqual(0);
        // No number invented in front of an unnumbered paragraph.
        const lineStart = doc.text.lastIndexOf('\n', at) + 1;
        expect(doc.text.slice(lineStart, at)).toBe('');
      }
    }
  });

  it('builds the full section reference of nested items (1.2(b)(ii))', async () => {
    const doc = await ingest('test/fixtures/docx/numbering.docx');
    const seg = segment(doc);
    for (const p of expected.paragraphs.filter((x) => x.section)) {
      const at = doc.text.indexOf(p.text);
      const block = seg.blocks.find((b) => b.start <= at && b.end >= at + p.text.length);
      expect(block, p.text).toBeDefined();
      expect(block!.section.endsWith(p.section!), `${p.text}: ${block!.section}`).toBe(true);
    }
  });
});

describe('text reader', () => {
  it('splits pages at form feeds and keeps offsets exact', async () => {
    const doc = await ingest('samples/weak-vendor-msa.txt');
    expect(doc.format).toBe('txt');
    const raw = readFileSync('samples/weak-vendor-msa.txt', 'utf8');
    const line = raw.split('\n').find((l) => l.length > 40)!;
    expect(doc.text).toContain(line.trim());
    expect(doc.lineStarts[0]).toBe(0);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('bad input', () => {
  const cases: Array<[string, RegExp]> = [
    ['test/fixtures/bad/corrupt.pdf', /corrupt|invalid|cannot read PDF/i],
    ['test/fixtures/bad/encrypted.pdf', /encrypted|password/i],
    ['test/fixtures/bad/image-only.pdf', /no text layer.*OCR/i],
    ['test/fixtures/bad/not-a-zip.docx', /not a DOCX|zip/i],
    ['test/fixtures/bad/broken.docx', /corrupt DOCX|document\.xml/i],
    ['test/fixtures/bad/empty.txt', /empty/i],
    ['test/fixtures/bad/unsupported.rtf', /unsupported file type/i],
    ['test/fixtures/bad/does-not-exist.pdf', /not found/i],
  ];
  for (const [file, message] of cases) {
    it(`rejects ${file.split('/').pop()} with a one-line InputError`, async () => {
      const err = await ingest(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).file).toBe(file);
      expect((err as InputError).message).toMatch(message);
      expect((err as InputError).message).not.toContain('\n');
    });
  }

  it('refuses a DOCX whose zip directory understates what an entry inflates to (a lying zip bomb)', async () => {
    const { default: JSZip } = await import('jszip');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const zip = await JSZip.loadAsync(readFileSync('samples/weak-vendor-msa.docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace('<w:body>', `<w:body><w:p><w:r><w:t>${'a'.repeat(20 * 1048576)}</w:t></w:r></w:p>`));
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const name = Buffer.from('word/document.xml');
    for (const [sig, nameLen, nameAt, sizeAt] of [[0x04034b50, 26, 30, 22], [0x02014b50, 28, 46, 24]] as const) {
      for (let i = 0; i + 4 <= buf.length; i++) {
        if (buf.readUInt32LE(i) !== sig) continue;
        const n = buf.readUInt16LE(i + nameLen);
        if (buf.subarray(i + nameAt, i + nameAt + n).equals(name)) buf.writeUInt32LE(5000, i + sizeAt);
      }
    }
    const file = join(mkdtempSync(join(tmpdir(), 'cc-ingest-')), 'liar.docx');
    writeFileSync(file, buf);
    const err = await ingest(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('DOCX entry word/document.xml inflates to more than the 5000 bytes its zip directory declares; refusing a possible zip bomb');
  });

  it('refuses a text too long to be a contract after extraction', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const f = join(mkdtempSync(join(tmpdir(), 'cc-huge-')), 'huge.txt');
    writeFileSync(f, 'Provider shall comply. '.repeat(900_000)); // 20.7 million characters
    const err = await ingest(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/million characters, over the 20 million limit/);
  });

  it('refuses files over the size limit before reading them', async () => {
    const err = await ingest('samples/weak-vendor-msa.pdf', { maxBytes: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/over the .* limit/);
  });
});

describe('text normalization in linear time', () => {
  it('drops the spaces that end a line, and only those', async () => {
    const { normalizeText, trimTrailingSpaces } = await import('../../src/ingest/source.js');
    expect(normalizeText('a  \nb\t\n  c \u00a0\r\nd   ')).toBe('a\nb\n  c\nd');
    expect(trimTrailingSpaces('  keep   inner  spaces   ')).toBe('  keep   inner  spaces');
    expect(trimTrailingSpaces('')).toBe('');
    expect(trimTrailingSpaces('     ')).toBe('');
  });

  it('a long run of spaces that does not end a line never reaches a regex (/ +\\n/ is quadratic on it)', async () => {
    const { trimTrailingSpaces } = await import('../../src/ingest/source.js');
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    let calls: number;
    let out: string;
    try {
      out = trimTrailingSpaces(`a${' '.repeat(100_000)}b`);
    } finally {
      calls = exec.mock.calls.length;
      exec.mockRestore();
    }
    expect(out).toBe(`a${' '.repeat(100_000)}b`);
    expect(calls).toBe(0);
  });
});
