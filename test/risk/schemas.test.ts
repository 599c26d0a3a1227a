// The JSON outputs of screen, assess and portfolio against their shipped schemas
// (schemas/screen.schema.json, assess.schema.json, portfolio.schema.json): the commands are run on the
// samples and on edge cases (no match, a stale list, an allowlisted match, a floor that fires, no
// lists at all, a --diff), and broken copies of real outputs must fail, so that no schema is permissive.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedSchema, validatorFor } from '../../src/load/schema.js';
import { cli } from '../cli/helpers.js';

const LIST = 'lists/sample-csl.csv';
const ALLOW = 'samples/portfolio/allowlist.yaml';
const tmp = () => mkdtempSync(join(tmpdir(), 'cc-risk-schemas-'));

function check(name: string, value: unknown): { ok: boolean; errors: string } {
  const v = validatorFor(shippedSchema(name));
  const ok = v(value) as boolean;
  return { ok, errors: JSON.stringify(v.errors?.slice(0, 5)) };
}

function run(args: string[], expectCode: number): Record<string, unknown> {
  const r = cli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(expectCode);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('screen --format json: schemas/screen.schema.json', () => {
  // One run with a hit, a clear name, an allowlisted match and a stale list (as-of long after the list date).
  const stale = run(['screen', 'Crimson Lattice Computing Limited', 'Tesseract Dynamics Ltd', 'Plainfield Bakery Ltd', '-l', LIST, '--allowlist', ALLOW, '--as-of', '2026-12-06', '-f', 'json'], 1);

  it('validates a run with a hit, a cleared match, a clear name and a stale-list warning', () => {
    const c = check('screen.schema.json', stale);
    expect(c.ok, c.errors).toBe(true);
    const results = stale.results as Array<{ decision: string; warnings: string[]; matches: Array<{ clearance?: unknown }> }>;
    // The edge cases really are in this output.
    expect(results.map((r) => r.decision)).toEqual(['hit', 'cleared', 'clear']);
    expect(results[1]!.matches[0]!.clearance).toBeDefined();
    expect(results[2]!.matches).toEqual([]);
    expect((stale.warnings as string[])[0]).toMatch(/older than the 30-day limit/);
    expect(results.every((r) => r.warnings.length === 1)).toBe(true);
    expect(stale.allowlist).toBeDefined();
  });

  it('validates a review, screened through an alias and a country', () => {
    const j = run(['screen', 'Tesseract Dynamics', '--alias', 'TD Labs', '--country', 'IE', '-l', LIST, '--as-of', '2025-07-01', '--fail-on', 'none', '-f', 'json'], 0);
    const c = check('screen.schema.json', j);
    expect(c.ok, c.errors).toBe(true);
    expect((j.results as Array<{ decision: string }>)[0]!.decision).toBe('review');
    expect(j.warnings).toEqual([]);
  });

  it('rejects broken copies: a missing field, an unknown field, a wrong decision, a wrong type, a bad date', () => {
    const breakers: Array<[string, (x: any) => void]> = [
      ['summary removed', (x) => delete x.summary],
      ['unknown top-level field', (x) => (x.extra = 1)],
      ['decision not in the enum', (x) => (x.results[0].decision = 'maybe')],
      ['score above 1', (x) => (x.results[0].matches[0].score = 1.5)],
      ['match without reasons', (x) => delete x.results[0].matches[0].reasons],
      ['unknown field in a list entry', (x) => (x.results[0].matches[0].entry.secret = 'x')],
      ['reason feature unknown', (x) => (x.results[0].matches[0].reasons[0].feature = 'vibes')],
      ['list sha256 not hex', (x) => (x.lists[0].sha256 = 'abc')],
      ['asOf not a date', (x) => (x.asOf = 'yesterday')],
      ['warnings a string', (x) => (x.results[0].warnings = 'stale')],
      ['subject role unknown', (x) => (x.results[0].subject.role = 'friend')],
    ];
    for (const [what, f] of breakers) {
      const bad = clone(stale);
      f(bad);
      expect(check('screen.schema.json', bad).ok, what).toBe(false);
    }
    expect(check('screen.schema.json', {}).ok).toBe(false);
  });
});

describe('assess --format json: schemas/assess.schema.json', () => {
  it('validates an assessment where the restricted-list floor fires (with its evidence)', () => {
    const j = run(['assess', '-p', 'samples/portfolio/crimson-lattice/vendor.yaml', '-l', LIST, '--as-of', '2025-07-01', '-f', 'json'], 1);
    const c = check('assess.schema.json', j);
    expect(c.ok, c.errors).toBe(true);
    const floors = j.floors as Array<{ id: string; raised: boolean; evidence: string[] }>;
    expect(floors.find((f) => f.id === 'restricted-list-hit')).toMatchObject({ raised: true });
    expect(j.tier).toBe('critical');

    const bad: Array<[string, (x: any) => void]> = [
      ['tier unknown', (x) => (x.tier = 'severe')],
      ['floor without evidence', (x) => (x.floors[0].evidence = [])],
      ['floor id unknown', (x) => (x.floors[0].id = 'vibes')],
      ['factor missing', (x) => x.factors.pop()],
      ['factor risk above 100', (x) => (x.factors[0].risk = 140)],
      ['evidence source unknown', (x) => (x.factors[0].evidence[0].source = 'rumour')],
      ['screening match broken', (x) => delete x.screening.results[0].matches[0].entry],
      ['kind wrong', (x) => (x.kind = 'vendor-portfolio')],
      ['unknown field', (x) => (x.vendor.rating = 'AAA')],
    ];
    for (const [what, f] of bad) {
      const b = clone(j);
      f(b);
      expect(check('assess.schema.json', b).ok, what).toBe(false);
    }
  });

  it('validates an assessment without lists (screening null) and with a questionnaire', () => {
    const j = run(['assess', '-p', 'samples/portfolio/orbital-notes/vendor.yaml', '--as-of', '2025-07-01', '--fail-on', 'none', '-f', 'json'], 0);
    const c = check('assess.schema.json', j);
    expect(c.ok, c.errors).toBe(true);
    expect(j.screening).toBeNull();
    expect(j.questionnaire).not.toBeNull();
  });

  it('validates the roles of parties only the questionnaire names', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'vendor.yaml'), 'name: Plainfield Analytics Ltd\ncountry: GB\n');
    writeFileSync(
      join(dir, 'answers.yaml'),
      'questionnaire: ai-vendor\nvendor: Plainfield Analytics Ltd\nanswers:\n  company.legal-name: Plainfield Analytics Ltd\n  company.parent-name: Crimson Lattice Computing Co., Ltd.\n  company.parent-country: CN\n',
    );
    const j = run(['assess', '-p', join(dir, 'vendor.yaml'), '-q', join(dir, 'answers.yaml'), '-l', LIST, '--as-of', '2025-07-01', '--fail-on', 'none', '-f', 'json'], 0);
    const c = check('assess.schema.json', j);
    expect(c.ok, c.errors).toBe(true);
    const roles = (j.screening as { results: Array<{ subject: { role: string } }> }).results.map((r) => r.subject.role);
    expect(roles).toContain('parent (questionnaire)');
  });

  it('keeps its copy of the screening definitions equal to screen.schema.json', () => {
    const screen = shippedSchema('screen.schema.json') as { $defs: Record<string, unknown> };
    const assess = shippedSchema('assess.schema.json') as { $defs: Record<string, unknown> };
    for (const [k, v] of Object.entries(screen.$defs)) expect(assess.$defs[k], k).toEqual(v);
    const portfolio = shippedSchema('portfolio.schema.json') as { $defs: Record<string, unknown> };
    expect(portfolio.$defs.listInfo).toEqual(screen.$defs.listInfo);
    for (const k of ['tier', 'factorId', 'floorId', 'tiersConfig', 'tool']) expect(portfolio.$defs[k], k).toEqual(assess.$defs[k]);
  });
});

describe('portfolio --format json: schemas/portfolio.schema.json', () => {
  it('validates the sample portfolio, then a --diff against an edited earlier report', () => {
    const dir = tmp();
    const first = run(['portfolio', 'samples/portfolio', '-l', LIST, '--allowlist', ALLOW, '--as-of', '2025-07-01', '-j', '1', '-f', 'json'], 0);
    const c = check('portfolio.schema.json', first);
    expect(c.ok, c.errors).toBe(true);
    expect((first.vendors as unknown[]).length).toBe(8);

    // An earlier report where one vendor had another tier, one was absent and one more existed.
    const earlier = clone(first) as { vendors: Array<{ folder: string; tier: string }> };
    earlier.vendors[0]!.tier = earlier.vendors[0]!.tier === 'low' ? 'high' : 'low';
    earlier.vendors.splice(1, 1);
    earlier.vendors.push({ ...clone(earlier.vendors[1]!), folder: 'gone-vendor' });
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify(earlier));
    const second = run(['portfolio', 'samples/portfolio', '-l', LIST, '--allowlist', ALLOW, '--as-of', '2025-07-01', '-j', '1', '--diff', old, '-f', 'json'], 0);
    const c2 = check('portfolio.schema.json', second);
    expect(c2.ok, c2.errors).toBe(true);
    const diff = second.diff as { changed: unknown[]; added: unknown[]; removed: unknown[] };
    expect([diff.changed.length, diff.added.length, diff.removed.length]).toEqual([1, 1, 1]);

    const bad: Array<[string, (x: any) => void]> = [
      ['vendor without tier', (x) => delete x.vendors[0].tier],
      ['factor risk a string', (x) => (x.vendors[0].factors.AD = 'high')],
      ['factor missing', (x) => delete x.vendors[0].factors['SR-INCIDENTS']],
      ['screening state unknown', (x) => (x.vendors[0].screening = 'pending')],
      ['rank zero', (x) => (x.vendors[0].rank = 0)],
      ['tier count missing', (x) => delete x.tiers.critical],
      ['diff direction unknown', (x) => (x.diff.changed[0].direction = 'sideways')],
      ['no vendors', (x) => (x.vendors = [])],
    ];
    for (const [what, f] of bad) {
      const b = clone(second);
      f(b);
      expect(check('portfolio.schema.json', b).ok, what).toBe(false);
    }
    expect(readFileSync(old, 'utf8')).toContain('gone-vendor');
  });

  it('a vendor folder with a broken or no profile is not a row: one-line error naming the file, exit 2', () => {
    const dir = tmp();
    for (const [folder, text] of [['a-good', 'name: Plainfield Analytics Ltd\ncountry: GB\n'], ['b-broken', 'name: [unclosed\n']] as const) {
      mkdirSync(join(dir, folder));
      writeFileSync(join(dir, folder, 'vendor.yaml'), text);
    }
    const r = cli(['portfolio', dir, '-j', '1', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(join(dir, 'b-broken', 'vendor.yaml'));
  });
});
