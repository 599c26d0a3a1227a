import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The built CLI (`npm run build`): bin/clausecheck.js runs the bundle dist/clausecheck.cjs with its
// code cache; dist/cli/main.js is the same CLI as separate ES modules. Both must print the same bytes.
function run(entry: string, args: string[]) {
  const r = spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled CLI', () => {
  it('is built', () => {
    expect(existsSync('dist/clausecheck.cjs')).toBe(true);
    expect(existsSync('dist/clausecheck.cache')).toBe(true);
    expect(existsSync('dist/vendor/pdf-parse.cjs')).toBe(true);
    expect(existsSync('dist/vendor/pdf-parse.cache')).toBe(true);
  });

  it('prints what the unbundled modules print: a check with suggestions, --jobs 2, help and a usage error', () => {
    const cases = [
      ['check', 'samples/weak-vendor-msa.txt', 'samples/data-processing-addendum.txt', '--format', 'json', '--fail-on', 'none', '--jobs', '2'],
      ['--help'],
      ['check', '--no-such-option', 'x.txt'],
      // Cyrillic and Greek names are transliterated by any-ascii, which the build bundles into a file of its own (dist/vendor/).
      ['screen', 'Общество Кристалл', 'Ωμέγα Συστήματα', '--list', 'lists/sample-csl.csv', '--format', 'json'],
    ];
    for (const args of cases) {
      const bundled = run('bin/clausecheck.js', args);
      const modules = run('dist/cli/main.js', args);
      expect(bundled, args.join(' ')).toEqual(modules);
    }
  }, 180_000);

  it('reads a PDF with pdf.js, which the bin script loads from its own bundle (dist/vendor/pdf-parse.cjs), and names a bad one as the modules do', () => {
    const args = ['check', 'samples/weak-vendor-msa.pdf', '--pdf-reader', 'pdfjs', '--format', 'json', '--fail-on', 'none'];
    const bundled = run('bin/clausecheck.js', args);
    expect(bundled.code, bundled.stderr).toBe(0);
    expect(bundled).toEqual(run('dist/cli/main.js', args));
    for (const bad of ['test/fixtures/bad/corrupt.pdf', 'test/fixtures/bad/encrypted.pdf']) {
      const badArgs = ['check', bad, '--pdf-reader', 'pdfjs', '--format', 'json'];
      const b = run('bin/clausecheck.js', badArgs);
      expect(b.code, b.stderr).toBe(2);
      expect(b.stderr.trim().split('\n'), b.stderr).toHaveLength(1);
      expect(b, bad).toEqual(run('dist/cli/main.js', badArgs));
    }
  }, 180_000);
});
