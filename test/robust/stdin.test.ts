// `clausecheck check -` reads the document from standard input (issue 13, item 5: it used to print
// "0 documents" and exit 0), and a run with no documents at all is an error, never a pass.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkFiles, expandInputs } from '../../src/check/index.js';
import { markStdin } from '../../src/cli/commands/check.js';
import { STDIN_NAME, readStream, sniffFormat } from '../../src/ingest/stdin.js';
import { InputError } from '../../src/types.js';

/** The CLI from source with `input` on its standard input. */
function cliIn(args: string[], input: Uint8Array | string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    input,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  const lines = (b: Buffer) => b.toString('utf8').split('\n').filter((l) => l && !l.includes('nodedir'));
  return { code: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: lines(r.stderr) };
}

const statuses = (json: string) =>
  (JSON.parse(json) as { documents: { path: string; format: string; requirements: { id: string; status: string }[] }[] }).documents.map((d) => ({
    path: d.path,
    format: d.format,
    statuses: Object.fromEntries(d.requirements.map((r) => [r.id, r.status])),
  }));

describe('markStdin', () => {
  it('turns a positional - into <stdin>, and keeps - as the value of an option', () => {
    expect(markStdin(['check', '-', '-f', 'json'])).toEqual(['check', STDIN_NAME, '-f', 'json']);
    expect(markStdin(['check', 'a.pdf', '-o', '-', '-'])).toEqual(['check', 'a.pdf', '-o', '-', STDIN_NAME]);
    expect(markStdin(['check', '--', '-'])).toEqual(['check', '--', STDIN_NAME]);
    expect(markStdin(['check', '--format=json', '-'])).toEqual(['check', '--format=json', STDIN_NAME]);
  });
});

describe('sniffFormat', () => {
  it('reads %PDF as PDF, a zip as DOCX and anything else as text', () => {
    expect(sniffFormat(readFileSync('samples/weak-vendor-msa.pdf'))).toBe('pdf');
    expect(sniffFormat(readFileSync('samples/weak-vendor-msa.docx'))).toBe('docx');
    expect(sniffFormat(readFileSync('samples/weak-vendor-msa.txt'))).toBe('txt');
    expect(sniffFormat(Buffer.from('\n\n%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(Buffer.from('PK'))).toBe('txt');
  });
});

describe('readStdin', () => {
  it('stops at the size limit with an error naming <stdin>', async () => {
    const s = new PassThrough();
    s.end(Buffer.alloc(5000, 0x61));
    await expect(readStream(s, 1000)).rejects.toThrow(/^standard input is over the 0 MB limit/);
    const t = new PassThrough();
    t.end(Buffer.from('abc'));
    expect(Buffer.from(await readStream(t, 1000)).toString()).toBe('abc');
  });
});

describe('an empty document list is an error', () => {
  it('expandInputs and checkFiles refuse no inputs', async () => {
    expect(() => expandInputs([])).toThrow(InputError);
    await expect(checkFiles([])).rejects.toThrow(/no documents to check/);
  });
});

describe('clausecheck check - (CLI)', () => {
  it('a text, PDF and DOCX contract piped in give the same report as the file, named <stdin>, format from the magic bytes', { timeout: 300_000 }, async () => {
    for (const ext of ['txt', 'pdf', 'docx']) {
      const file = `samples/weak-vendor-msa.${ext}`;
      const piped = cliIn(['check', '-', '-f', 'json', '--fail-on', 'none', '--pdf-reader', 'pdfjs'], readFileSync(file));
      const named = await checkFiles([file], { pdfReader: 'pdfjs' });
      expect(piped.stderr, ext).toEqual([]);
      expect(piped.code, ext).toBe(0);
      const [p] = statuses(piped.stdout);
      expect(p!.path).toBe('<stdin>');
      expect(p!.format).toBe(ext);
      expect(p!.statuses).toEqual(Object.fromEntries(named.documents[0]!.requirements.map((r) => [r.id, r.status])));
      // The weak sample has gaps: the default --fail-on high fails on it from stdin too.
      if (ext === 'txt') expect(cliIn(['check', '-'], readFileSync(file)).code).toBe(1);
    }
  });

  it('--stdin-format decides over the magic bytes; stdin mixes with files in input order', { timeout: 120_000 }, () => {
    const r = cliIn(['check', '-', 'samples/weak-vendor-msa.txt', '--stdin-format', 'md', '-f', 'json', '--fail-on', 'none'], readFileSync('samples/ai-api-services-agreement.txt'));
    expect(r.code).toBe(0);
    expect(statuses(r.stdout).map((d) => [d.path, d.format])).toEqual([
      ['<stdin>', 'md'],
      ['samples/weak-vendor-msa.txt', 'txt'],
    ]);
  });

  it('nothing piped in, - twice, or a text declared PDF: one line, exit 2', { timeout: 300_000 }, () => {
    const empty = cliIn(['check', '-'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toEqual(['clausecheck: <stdin>: standard input is empty (nothing was piped in)']);
    const twice = cliIn(['check', '-', '-'], 'text');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toEqual(['clausecheck: <stdin>: standard input (-) is given more than once']);
    const wrong = cliIn(['check', '-', '--stdin-format', 'pdf'], 'The Provider shall not train models on Customer Data.');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toEqual(['clausecheck: <stdin>: not a PDF file (no %PDF header)']);
  });
});
