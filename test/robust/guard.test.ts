// Last-resort guard: an error nobody awaited (pdf.js rejecting on a corrupt PDF) is one line, exit 2,
// and no report is left behind, whatever --fail-on says.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discardOutputs, failRun, resetOutputs, writeFileAtomic } from '../../src/write-file.js';
import { cli } from '../cli/helpers.js';

/** The sample PDF with its 4th /Length set to 3 and its 6th to 999999999 (the crash of issue 13). */
export function corruptPdf(dir: string): string {
  let s = readFileSync('samples/ai-api-services-agreement.pdf').toString('latin1');
  let n = 0;
  s = s.replace(/\/Length (\d+)/g, (m) => {
    n++;
    return n === 4 ? '/Length 3' : n === 6 ? '/Length 999999999' : m;
  });
  expect(n).toBeGreaterThanOrEqual(6);
  const f = join(dir, 'corrupt.pdf');
  writeFileSync(f, Buffer.from(s, 'latin1'));
  return f;
}

describe('a corrupt PDF whose reader rejects on its own', () => {
  it('gives one line naming the stage and file, exit 2, no -o file, even with --fail-on none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-guard-'));
    const pdf = corruptPdf(dir);
    const out = join(dir, 'report.json');
    // pdf.js is the reader that rejects on its own; poppler's pdftotext (the fast path) reads this file.
    const r = cli(['check', pdf, '--pdf-reader', 'pdfjs', '--fail-on', 'none', '-o', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^clausecheck: (internal error in the PDF reader while reading ${pdf.replace(/[.]/g, '[.]')}: .* — please report|${pdf.replace(/[.]/g, '[.]')}: .*)$`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('with the default reader it is a report or one line, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-guard-'));
    const r = cli(['check', corruptPdf(dir), '--fail-on', 'none']);
    expect([0, 2]).toContain(r.code);
    if (r.code === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('outputs after a failure', () => {
  afterEach(() => resetOutputs());
  it('a run marked failed writes nothing more and removes what it wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-guard-'));
    writeFileAtomic(join(dir, 'a.json'), '{}');
    expect(existsSync(join(dir, 'a.json'))).toBe(true);
    failRun('boom');
    expect(() => writeFileAtomic(join(dir, 'b.json'), '{}')).toThrow(/not written after a failure/);
    discardOutputs();
    expect(existsSync(join(dir, 'a.json'))).toBe(false);
    expect(existsSync(join(dir, 'b.json'))).toBe(false);
  });
});

describe('engine messages inside input errors', () => {
  it('are said in plain words', async () => {
    const { userMessage } = await import('../../src/cli/errors.js');
    expect(userMessage("cannot read the workbook (Cannot read properties of undefined (reading 'richText'))")).toBe('cannot read the workbook (a part the format requires is missing)');
    expect(userMessage('cannot read the workbook (Invalid array length)')).toBe('cannot read the workbook (a size or count in the file is out of range)');
    expect(userMessage('YAML: Maximum call stack size exceeded')).toBe('YAML: nested too deeply');
    expect(userMessage('corrupt DOCX ((intermediate value).map is not a function)')).toBe('corrupt DOCX (a value has the wrong type)');
    expect(userMessage('file is empty')).toBe('file is empty');
  });
});
