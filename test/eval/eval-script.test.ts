// scripts/eval.ts --formats on a two-document corpus: every format is evaluated on the same texts,
// the generated files stay out of the repository, and bad input is one line with exit 2.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = ['30-draftwell-business-terms', '31-talentgrid-screening-services-agreement'];

function evalScript(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules' || e.name === '.git' ? [] : e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function smallCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-eval-'));
  mkdirSync(join(dir, 'docs'));
  const labels = JSON.parse(readFileSync('test/corpus/labels.json', 'utf8')) as Record<string, unknown>;
  for (const d of DOCS) copyFileSync(join('test/corpus/docs', `${d}.txt`), join(dir, 'docs', `${d}.txt`));
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(Object.fromEntries(DOCS.map((d) => [d, labels[d]]))));
  return dir;
}

describe('eval --formats', () => {
  it('scores the same texts as txt, docx, pdf and print-pdf, writing nothing into the repository', () => {
    const dir = smallCorpus();
    // Generated documents must not land in the repository: list its PDF and DOCX files before and after.
    const generated = () => walk('.').filter((f) => /\.(pdf|docx)$/i.test(f)).sort();
    const before = generated();
    const out = join(dir, 'result.json');
    const r = evalScript(['--corpus', dir, '--formats', 'txt,docx,pdf,print-pdf', '--json', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/per format \(the same texts\)/);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { formats: Array<{ format: string; documents: number; accuracy: number; macroF1: number }> };
    expect(json.formats.map((f) => f.format)).toEqual(['txt', 'docx', 'pdf', 'print-pdf']);
    for (const f of json.formats) {
      expect(f.documents, f.format).toBe(2);
      expect(f.accuracy, f.format).toBeGreaterThan(0.9);
      expect(r.stdout).toContain(`${f.format.padEnd(12)}    2    ${f.accuracy.toFixed(3)}`);
    }
    expect(generated()).toEqual(before);
    expect(before.length).toBeGreaterThan(8); // the samples and fixtures are seen
  }, 300_000);

  it('rejects an unknown format and a missing corpus with one line and exit 2', () => {
    const bad = evalScript(['--corpus', 'test/corpus', '--formats', 'txt,rtf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("eval: --formats: unknown format 'rtf' (one of txt, docx, pdf, print-pdf)");
    const missing = evalScript(['--corpus', join(tmpdir(), 'no-such-corpus-here')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/no-such-corpus-here\/labels\.json: not found/);
  }, 120_000);
});
