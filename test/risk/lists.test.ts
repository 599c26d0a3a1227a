import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLists } from '../../src/risk/screening/lists.js';
import { loadAllowlist } from '../../src/risk/screening/allowlist.js';
import { Screener } from '../../src/risk/screening/index.js';
import { InputError } from '../../src/types.js';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const tmp = () => mkdtempSync(join(tmpdir(), 'cc-lists-'));

describe('loadLists', () => {
  it('reads a CSV list with a trailing SUB mark, and rejects an unclosed quote at its line', () => {
    const d = tmp();
    writeFileSync(join(d, 'ok.csv'), '# date: 2025-01-31\r\nname,source\r\n"Blue, Heron Ltd",X\r\n\x1a');
    expect(loadLists([join(d, 'ok.csv')]).entries.map((e) => e.name)).toEqual(['Blue, Heron Ltd']);
    writeFileSync(join(d, 'bad.csv'), '# date: 2025-01-31\nname,source\n"Blue Heron Ltd,X\nRed Kite,Y\n');
    expect(() => loadLists([join(d, 'bad.csv')])).toThrow(InputError);
    try {
      loadLists([join(d, 'bad.csv')]);
    } catch (err) {
      expect([(err as InputError).file, (err as InputError).message]).toEqual([`${join(d, 'bad.csv')}:3`, 'unclosed quote']);
    }
  });

  it('reads the CSL CSV by header name, with aliases split on "; " and countries from addresses', () => {
    const { lists, entries } = loadLists(['lists/sample-csl.csv']);
    expect(lists[0]).toMatchObject({ name: 'sample-csl.csv', format: 'csl-csv', entries: 11, date: '2025-06-30', dateSource: 'file', sha256: sha('lists/sample-csl.csv') });
    const e = entries.find((x) => x.id === 'SAMPLE-0001')!;
    expect(e.name).toBe('Crimson Lattice Computing Co., Ltd.');
    expect(e.aliases).toEqual(['赤格计算有限公司', 'Crimson Lattice', 'Chige Jisuan']);
    expect(e.countries).toEqual(['CN']);
    expect(e.source).toBe('Entity List (EL) - Bureau of Industry and Security');
    const person = entries.find((x) => x.id === 'SAMPLE-0011')!;
    expect(person.type).toBe('Individual');
    expect(person.countries).toEqual(['RU']);
  });

  it('reads the CSL JSON and takes the date from sources_used', () => {
    const { lists, entries } = loadLists(['lists/sample-csl.json']);
    expect(lists[0]).toMatchObject({ format: 'csl-json', date: '2025-06-30', dateSource: 'file', entries: 3 });
    expect(entries[2]).toMatchObject({ name: 'Северный Вектор ООО', aliases: ['Severny Vektor LLC', 'Northern Vector LLC'], countries: ['RU'] });
  });

  it('joins OFAC alt.csv aliases and add.csv countries to sdn.csv by entity number; "-0-" is empty', () => {
    const { lists, entries } = loadLists(['lists/sample-sdn.csv', 'lists/sample-alt.csv', 'lists/sample-add.csv']);
    expect(lists.map((l) => l.format)).toEqual(['ofac-sdn', 'ofac-alt', 'ofac-add']);
    expect(entries).toHaveLength(4);
    const g = entries.find((e) => e.id === '90001')!;
    expect(g).toMatchObject({ name: 'GREYWATER MARITIME LTD', aliases: ['GREY WATER SHIPPING COMPANY'], programs: ['IRAN'], countries: ['IR'], type: 'entity' });
    expect(entries.find((e) => e.id === '90002')!.programs).toEqual(['NPWMD', 'IFSR']);
    expect(entries.find((e) => e.id === '90003')!.countries).toEqual(['RU']);
  });

  it('refuses an OFAC alias file without sdn.csv', () => {
    expect(() => loadLists(['lists/sample-alt.csv'])).toThrow(InputError);
  });

  it('reads plain CSV (with and without header, with a date comment) and JSON lists of names', () => {
    const d = tmp();
    writeFileSync(join(d, 'a.csv'), '# date: 2025-02-03\nname,aliases,country\nAcme Widgets Ltd,Acme; ACW,GB\n');
    writeFileSync(join(d, 'b.csv'), 'Borealis Photonic Systems,RU\nSecond Name\n');
    writeFileSync(join(d, 'c.json'), JSON.stringify(['One Name', { name: 'Two Name', aliases: ['Deux'], country: 'France' }]));
    const { lists, entries } = loadLists([join(d, 'a.csv'), join(d, 'b.csv'), join(d, 'c.json')]);
    expect(lists.map((l) => [l.format, l.date, l.dateSource])).toEqual([
      ['names-csv', '2025-02-03', 'file'],
      ['names-csv', lists[1]!.date, 'mtime'],
      ['names-json', lists[2]!.date, 'mtime'],
    ]);
    expect(entries.map((e) => [e.name, e.aliases, e.countries])).toEqual([
      ['Acme Widgets Ltd', ['Acme', 'ACW'], ['GB']],
      ['Borealis Photonic Systems', [], ['RU']],
      ['Second Name', [], []],
      ['One Name', [], []],
      ['Two Name', ['Deux'], ['FR']],
    ]);
  });

  it('names the file in errors', () => {
    const d = tmp();
    writeFileSync(join(d, 'bad.json'), '{"results": 3');
    expect(() => loadLists([join(d, 'bad.json')])).toThrow(/invalid JSON/);
    expect(() => loadLists([join(d, 'missing.csv')])).toThrow(/not found/);
  });

  it('refuses binary files instead of reading their bytes as names', () => {
    const d = tmp();
    const cases: Array<[string, Buffer, RegExp]> = [
      ['contract.pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<< >>\nendobj\n', 'latin1'), /this is a PDF, not a list file/],
      ['names.xlsx', Buffer.from('PK\u0003\u0004rest of a workbook', 'latin1'), /zip archive/],
      ['names.xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(64, 1)]), /old binary Office file/],
      ['names.csv', Buffer.from('name\nAcme\u0000\u0000\u0001Corp\n', 'latin1'), /binary file/],
    ];
    for (const [name, bytes, message] of cases) {
      writeFileSync(join(d, name), bytes);
      let err: unknown;
      try {
        loadLists([join(d, name)]);
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(InputError);
      expect((err as InputError).file).toBe(join(d, name));
      expect((err as Error).message).toMatch(message);
    }
  });
});

describe('allowlist', () => {
  it('clears a reviewed match and keeps the note; the match stays in the report', () => {
    const loaded = loadLists(['lists/sample-csl.csv']);
    const allow = loadAllowlist('samples/portfolio/allowlist.yaml');
    const s = new Screener(loaded, { allowlist: allow });
    const r = s.report([{ name: 'Tesseract Dynamics Ltd', country: 'IE', role: 'vendor' }]);
    expect(r.results[0]!.decision).toBe('cleared');
    expect(r.results[0]!.matches[0]!.clearance).toMatchObject({ reviewer: 'A. Example (trade compliance)', date: '2025-06-12' });
    expect(r.summary).toEqual({ subjects: 1, hits: 0, reviews: 0, cleared: 1 });
    expect(r.allowlist).toMatchObject({ file: 'samples/portfolio/allowlist.yaml', entries: 1, sha256: sha('samples/portfolio/allowlist.yaml') });
    // The clearance is for that pair only.
    expect(s.screen({ name: 'Tesseract Dynamix', role: 'x' }).decision).toBe('review');
  });

  it('rejects an entry without a note, with file:line', () => {
    const d = tmp();
    writeFileSync(join(d, 'allow.yaml'), 'cleared:\n  - name: A\n    listed: B\n    reviewer: R\n');
    expect(() => loadAllowlist(join(d, 'allow.yaml'))).toThrow(/missing required field 'note'/);
    try {
      loadAllowlist(join(d, 'allow.yaml'));
    } catch (err) {
      expect((err as InputError).file).toBe(`${join(d, 'allow.yaml')}:2:5`);
    }
  });
});
