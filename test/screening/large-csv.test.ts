// The large-file CSV path (parsed in chunks, only the used columns kept) gives the same rows as the
// ordinary reader; cuts never fall inside a quoted field that holds a line break.
import { describe, expect, it } from 'vitest';
import { forEachCsvRow } from '../../src/risk/screening/lists.js';
import { InputError } from '../../src/types.js';

const body = [
  'name,source,alt_names,remarks,addresses',
  '"Quorvex Trading LLC","EL","Quorvex; QTL","long remark, with commas","Street 1, City, CN"',
  '"Line\nBreak Holdings","EL","","a remark that spans\ntwo lines","X, RU"',
  '',
  '"Velmora ""Quoted"" JSC","SDN","","","Y, BY"',
  '"Tarnwick Plant","EL","","",""',
].join('\n');

const rows = (sizes?: { large: number; chunk: number }): string[][] => {
  const out: string[][] = [];
  forEachCsvRow('list.csv', body, 0, (r) => out.push(r), sizes);
  return out;
};

describe('large CSV lists', () => {
  it('chunked parsing keeps only the used columns and agrees with the ordinary reader', () => {
    const small = rows();
    const big = rows({ large: 0, chunk: 16 });
    const keep = [0, 1, 2, 4]; // name, source, alt_names, addresses (remarks is not used)
    expect(big).toEqual(small.map((r) => keep.map((i) => r[i])));
    expect(big.map((r) => r[0])).toEqual(['name', 'Quorvex Trading LLC', 'Line\nBreak Holdings', 'Velmora "Quoted" JSC', 'Tarnwick Plant']);
  });

  it('a broken quote in a large file is one line naming the file and line', () => {
    const bad = 'name,source\n"ok","EL"\n"broken,EL\n';
    let err: unknown;
    try {
      forEachCsvRow('big.csv', bad, 0, () => {}, { large: 0, chunk: 4 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toMatch(/^big\.csv(:\d+)?$/);
  });
});
