import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const tmp = () => mkdtempSync(join(tmpdir(), 'cc-risk-cli-'));

describe('clausecheck screen', () => {
  it('exits 1 on a hit and prints score, reasons, list name and SHA-256', () => {
    const r = cli(['screen', 'Crimson Lattice Computing Limited', '--country', 'China', '--list', 'lists/sample-csl.csv']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HIT 1.00');
    expect(r.stdout).toContain('same words after normalization');
    expect(r.stdout).toContain(`sha256 ${sha('lists/sample-csl.csv')}`);
  });

  it('exits 0 when clear, and when only a review remains with --fail-on hit', () => {
    expect(cli(['screen', 'Lumenfield AI Ltd', '-l', 'lists/sample-csl.csv']).code).toBe(0);
    const r = cli(['screen', 'Tesseract Dynamics', '-l', 'lists/sample-csl.csv', '--fail-on', 'hit', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.results[0].decision).toBe('review');
    expect(j.lists[0]).toMatchObject({ name: 'sample-csl.csv', sha256: sha('lists/sample-csl.csv') });
  });

  it('screens everyone a profile names', () => {
    const r = cli(['screen', '--profile', 'samples/portfolio/fernhill-translate/vendor.yaml', '-l', 'lists/sample-csl.csv', '-f', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.results.map((x: { subject: { role: string } }) => x.subject.role)).toEqual(['vendor', 'subprocessor', 'subprocessor']);
    expect(j.results[1].decision).toBe('hit');
  });

  it('usage and input errors exit 2 with one line', () => {
    const a = cli(['screen', '-l', 'lists/sample-csl.csv']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/give names to screen/);
    const b = cli(['screen', 'X', '-l', 'lists/nope.csv']);
    expect(b.code).toBe(2);
    expect(b.stderr.trim()).toBe('clausecheck: lists/nope.csv: list file not found');
  });
});

describe('clausecheck assess', () => {
  it('explains every point: the contributions add up to the score', () => {
    const r = cli(['assess', '-p', 'samples/portfolio/lumenfield/vendor.yaml', '-l', 'lists/sample-csl.csv', '--as-of', '2025-07-01', '-f', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.kind).toBe('vendor-risk');
    expect(a.factors).toHaveLength(13);
    const assessed = a.factors.filter((f: { assessed: boolean }) => f.assessed);
    const total = assessed.reduce((s: number, f: { weight: number }) => s + f.weight, 0);
    expect(a.totalWeight).toBe(total);
    // Each contribution is risk × weight / total, and together they make the score.
    for (const f of assessed) expect(f.contribution).toBeCloseTo((f.risk * f.weight) / total, 1);
    const sum = assessed.reduce((s: number, f: { risk: number; weight: number }) => s + (f.risk * f.weight) / total, 0);
    expect(a.score).toBeCloseTo(sum, 1);
    expect(a.contracts[0].sha256).toBe(sha('samples/portfolio/lumenfield/api-terms.txt'));
    expect(a.questionnaire.path).toBe('samples/portfolio/lumenfield/questionnaire.yaml');
  });

  it('exits 1 at or above --fail-on and writes HTML atomically', () => {
    const d = tmp();
    const out = join(d, 'r.html');
    const r = cli(['assess', '-p', 'samples/portfolio/crimson-lattice/vendor.yaml', '-l', 'lists/sample-csl.csv', '--as-of', '2025-07-01', '-f', 'html', '-o', out]);
    expect(r.code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain('restricted-list-hit');
    expect(html).toContain('赤格计算有限公司');
  });

  it('a bad profile exits 2 with file:line:col and writes nothing', () => {
    const d = tmp();
    const p = join(d, 'vendor.yaml');
    writeFileSync(p, 'name: X\ncountry: GB\ntraining: sometimes\n');
    const out = join(d, 'out.json');
    const r = cli(['assess', '-p', p, '-f', 'json', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^clausecheck: ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:11: invalid value \"sometimes\" at /training \\(one of: never, opt-in, opt-out, yes, unknown\\)$`));
    expect(existsSync(out)).toBe(false);
  });
});

describe('clausecheck portfolio', () => {
  it('writes JSON, then --diff against it finds no tier change', () => {
    const d = tmp();
    const old = join(d, 'old.json');
    const base = ['portfolio', 'samples/portfolio', '-l', 'lists/sample-csl.csv', '--allowlist', 'samples/portfolio/allowlist.yaml', '--as-of', '2025-07-01', '--jobs', '1'];
    const a = cli([...base, '-f', 'json', '-o', old]);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe(''); // no progress bar when stderr is not a terminal
    expect(JSON.parse(readFileSync(old, 'utf8')).vendors).toHaveLength(8);
    const b = cli([...base, '--diff', old, '--fail-on', 'critical']);
    expect(b.code).toBe(1); // samples include critical vendors
    expect(b.stdout).toContain('no tier changed');
  });
});
