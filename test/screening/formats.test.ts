// The published list formats, read from the real samples in ../shared/spec/list-formats exactly as
// they are (CRLF, the trailing 0x1A byte, the "-0- " null, null vs [] vs missing, JSON lines).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLists } from '../../src/risk/screening/lists.js';
import { Screener } from '../../src/risk/screening/index.js';
import { InputError } from '../../src/types.js';

const F = resolve('..', 'shared', 'spec', 'list-formats');
const tmp = () => mkdtempSync(join(tmpdir(), 'cc-formats-'));

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('real list samples (../shared/spec/list-formats)', () => {
  it('the samples are there (CI lays shared/ beside the clone)', () => {
    expect(existsSync(join(F, 'README.md')), `samples not found at ${F}`).toBe(true);
  });

  it('CSL CSV: header by name, "; " lists, ISN successor tail dropped, BIS "and" alias', () => {
    const { lists, entries } = loadLists([join(F, 'csl-sample.csv')]);
    expect(lists[0]).toMatchObject({ format: 'csl-csv', entries: 13 });
    expect(entries.find((e) => e.name.startsWith('Sinobright'))!.name).toBe('Sinobright Import and Export Company');
    const cetc = entries.find((e) => e.name.includes('CETC 13'))!;
    expect(cetc.aliases).toContain('CETC Research Institute 13');
    expect(cetc.countries).toEqual(['CN']);
    expect(entries.find((e) => e.id === '18283')!.aliases).toContain('JSC SME BANK');
  });

  it('CSL JSON (a list of API result objects): null, [] and missing all mean none; UVL a.k.a. names split', () => {
    const { lists, entries } = loadLists([join(F, 'csl-sample.json')]);
    expect(lists[0]).toMatchObject({ format: 'csl-json', entries: 13 });
    expect(entries.find((e) => e.id === '306')).toMatchObject({ name: 'BANCO NACIONAL DE CUBA', countries: ['CH', 'ES', 'JP', 'PA'], programs: ['CUBA'] });
    const t2 = entries.find((e) => e.name === 'Training 2 Business Academy')!;
    expect(t2.aliases).toEqual(expect.arrayContaining(['T2BA', 'Academy of Business Training']));
    expect(entries.find((e) => e.name.startsWith('150th Aircraft'))!.countries).toEqual(['RU']);
  });

  it('OFAC SDN trio: no header, CRLF, "-0- " nulls, trailing 0x1A; aliases and countries joined by ent_num', () => {
    const { lists, entries } = loadLists(['sdn.csv', 'alt.csv', 'add.csv'].map((f) => join(F, 'sdn-sample', f)));
    expect(lists.map((l) => [l.format, l.entries])).toEqual([['ofac-sdn', 9], ['ofac-alt', 14], ['ofac-add', 12]]);
    const neobit = entries.find((e) => e.id === '31414')!;
    expect(neobit.aliases).toContain('NEOBIT, OOO');
    expect(neobit.countries).toEqual(['RU']);
    expect(entries.find((e) => e.id === '23465')!.programs).toEqual(['NPWMD', 'IFSR']);
    expect(entries.find((e) => e.id === '4238')!.type).toBe('vessel');
  });

  it('OpenSanctions FtM JSON lines: targets only, every name script kept, country codes upper-cased, list dated from the data', () => {
    const { lists, entries } = loadLists([join(F, 'opensanctions-sample.ftm.jsonl')]);
    expect(lists[0]).toMatchObject({ format: 'ftm-jsonl', date: '2024-06-01', dateSource: 'file' });
    // 9 lines: an Address (target false) and two counter-sanction entries (Lockheed Martin, Skydio) are not parties to screen.
    expect(entries.map((e) => e.type)).not.toContain('Address');
    expect(entries.some((e) => /lockheed|skydio/i.test(e.name))).toBe(false);
    expect(entries.find((e) => e.name === 'IRGC')!.countries).toEqual(['IR']);
  });

  it('OpenSanctions delta: ADD / MOD / DEL applied in order', () => {
    const { lists } = loadLists([join(F, 'opensanctions-sample.delta.jsonl')]);
    expect(lists[0]!.format).toBe('ftm-jsonl');
    expect(lists[0]!.entries).toBe(0); // both live entities are counter-sanctions
  });

  it('screening finds sample parties across scripts and forms', () => {
    const s = new Screener(loadLists([join(F, 'opensanctions-sample.ftm.jsonl'), ...['sdn.csv', 'alt.csv', 'add.csv'].map((f) => join(F, 'sdn-sample', f))]), { asOf: '2024-06-15' });
    expect(s.screen({ name: 'Neobit LLC', country: 'RU', role: 'x' }).decision).toBe('hit');
    expect(s.screen({ name: 'АО «Пасит»', role: 'x' }).decision).toBe('hit');
    const em = s.screen({ name: 'Elektromashina Scientific and Production Association JSC', role: 'x' });
    expect(em.decision).not.toBe('clear');
  });
});

describe('list files are checked before use (one line naming the file and the field)', () => {
  it.each([
    ['sources_used not a list', '{"results": [], "sources_used": 5}', /sources_used: expected a list/],
    ['results not a list', '{"results": {"name": "A"}}', /results: expected a list/],
    ['alt_names a number', '{"results": [{"name": "A", "source": "X", "alt_names": 7}]}', /results\[0\]\.alt_names: expected a list of strings, got a number/],
    ['addresses an object', '{"results": [{"name": "A", "source": "X", "addresses": {"country": "CN"}}]}', /results\[0\]\.addresses: expected a list/],
    ['address country a list', '[{"name": "A", "source": "X", "addresses": [{"country": ["CN"]}]}]', /\[0\]\.addresses\[0\]\.country: expected a string/],
    ['entries not a list', '{"entries": "A"}', /entries: expected a list/],
    ['FtM line broken', '{"id": "a", "schema": "Company", "properties": {"name": ["A"]}}\n{"id": ', /invalid JSON line/],
    ['FtM property not a list', '{"id": "a", "schema": "Company", "properties": {"name": "A"}}\n{"id": "b", "schema": "Company", "properties": {"name": ["B"]}}', /properties\.name: expected a list of strings/],
  ])('%s', (_label, text, message) => {
    const d = tmp();
    const f = join(d, 'list.json');
    writeFileSync(f, text);
    const err = inputError(() => loadLists([f]));
    expect(err.file.startsWith(f)).toBe(true);
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/is not a function|Cannot read/);
  });
});
