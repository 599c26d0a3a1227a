// Stale lists: every result carries a warning when a list is older than --max-list-age at --as-of.
import { describe, expect, it } from 'vitest';
import { loadLists } from '../../src/risk/screening/lists.js';
import { Screener, staleListWarnings } from '../../src/risk/screening/index.js';
import { cli } from '../cli/helpers.js';

const LIST = 'lists/sample-csl.csv'; // dated 2025-06-30 in the file

describe('stale lists', () => {
  it('warns in the report and in every result when the list is older than the limit', () => {
    const s = new Screener(loadLists([LIST]), { asOf: '2026-12-06' });
    const r = s.report([{ name: 'Crimson Lattice Computing', role: 'x' }, { name: 'Nobody Such Bakery', role: 'x' }]);
    expect(r.asOf).toBe('2026-12-06');
    expect(r.maxListAge).toBe(30);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('sample-csl.csv is dated 2025-06-30, 524 days before 2026-12-06');
    for (const res of r.results) expect(res.warnings).toEqual(r.warnings);
  });

  it('says nothing within the limit, counting the limit day itself as fresh', () => {
    const lists = loadLists([LIST]).lists;
    expect(staleListWarnings(lists, '2025-07-30', 30)).toEqual([]);
    expect(staleListWarnings(lists, '2025-07-31', 30)).toHaveLength(1);
    expect(staleListWarnings(lists, '2026-12-06', 600)).toEqual([]);
  });

  it('the CLI prints the warning and takes --as-of / --max-list-age', () => {
    const out = cli(['screen', 'Nobody Such Bakery', '--list', LIST, '--as-of', '2026-12-06', '--format', 'json']);
    expect(out.code).toBe(0);
    const j = JSON.parse(out.stdout) as { warnings: string[]; results: Array<{ warnings: string[] }> };
    expect(j.warnings[0]).toMatch(/524 days/);
    expect(j.results[0]!.warnings).toHaveLength(1);
    const fresh = cli(['screen', 'Nobody Such Bakery', '--list', LIST, '--as-of', '2025-07-01', '--format', 'json']).stdout;
    expect((JSON.parse(fresh) as { warnings: string[] }).warnings).toEqual([]);
    const bad = cli(['screen', 'X', '--list', LIST, '--max-list-age', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli(['screen', 'X', '--list', LIST, '--as-of', '2026-02-30']).code).toBe(2);
  }, 120000);
});
