// check --redline's options for the revisions: --author and --date.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { parseRevisionDate } from '../../src/cli/commands/check.js';

const MSA = new URL('../../samples/weak-vendor-msa.docx', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cc-redline-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check --redline --author --date', () => {
  it('writes the author and date into every revision', async () => {
    const out = join(dir, 'r.docx');
    const r = await cli('check', MSA, '--redline', out, '--author', 'Jane Counsel', '--date', '2026-02-03', '-f', 'json', '-o', join(dir, 'r.json'));
    expect(r.err).toBe('');
    expect(r.code).toBe(1); // the sample has high-severity gaps
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
    const marks = [...xml.matchAll(/<w:(?:ins|del)\b([^>]*)>/g)].map((m) => m[1]!);
    expect(marks.length).toBeGreaterThan(10);
    expect(marks.every((a) => a.includes('w:author="Jane Counsel"') && a.includes('w:date="2026-02-03T00:00:00Z"'))).toBe(true);
  }, 120_000);

  it('refuses a bad date or an author without --redline in one line (exit 2)', async () => {
    const bad = await cli('check', MSA, '--redline', join(dir, 'x.docx'), '--date', '3 Feb');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('--date 3 Feb');
    const lone = await cli('check', MSA, '--author', 'Jane');
    expect(lone.code).toBe(2);
    expect(lone.err).toContain('--author and --date go with --redline');
  });

  it('parses dates and date-times', () => {
    expect(parseRevisionDate('2026-02-03').toISOString()).toBe('2026-02-03T00:00:00.000Z');
    expect(parseRevisionDate('2026-02-03T10:15:00Z').toISOString()).toBe('2026-02-03T10:15:00.000Z');
    expect(() => parseRevisionDate('2026-13-45')).toThrow(/--date/);
  });
});
