import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/load/csv.js';
import { InputError } from '../../src/types.js';

const cells = (text: string, delimiter?: string) => readCsv('t.csv', text, { delimiter }).map((r) => r.cells);

function errorOf(text: string): { file: string; message: string } {
  try {
    readCsv('t.csv', text);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return { file: (err as InputError).file, message: (err as InputError).message };
  }
  throw new Error('expected an error');
}

describe('readCsv', () => {
  it('reads quotes, doubled quotes, CRLF and a BOM', () => {
    expect(cells('\ufeffa,"b, c","d ""e"""\r\n1,2,3\r\n')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    expect(cells('x,"multi\nline"\n')).toEqual([['x', 'multi\nline']]);
    expect(cells('a;b\rc;"d;e"', ';')).toEqual([['a', 'b'], ['c', 'd;e']]);
  });

  it('keeps ragged rows and a quote inside an unquoted field, and skips empty lines', () => {
    expect(cells('a,b,c\n\n1\nx"y,2\n')).toEqual([['a', 'b', 'c'], ['1'], ['x"y', '2']]);
  });

  it('gives each record the line it starts on, past empty lines and line breaks inside quotes', () => {
    const text = '\ufeffID,Answer\r\n\r\nq1,"two\r\nlines"\r\nq2,ok\nq3,"ü\rz"\rq4,end';
    expect(readCsv('t.csv', text).map((r) => [r.line, r.cells[0]])).toEqual([[1, 'ID'], [3, 'q1'], [5, 'q2'], [6, 'q3'], [8, 'q4']]);
    expect(readCsv('t.csv', 'a\nb\n', { lineOffset: 2 }).map((r) => r.line)).toEqual([3, 4]);
  });

  it('rejects a quote that is never closed at the line where it opens', () => {
    expect(errorOf('ID,Answer\r\nq1,Acme\r\nq2,"No\r\nmore\r\n')).toEqual({ file: 't.csv:3', message: 'unclosed quote' });
    expect(errorOf('a,"b ""quoted"" here",c\nx,"y\nz\n')).toEqual({ file: 't.csv:2', message: 'unclosed quote' });
  });

  it('stops after the records asked for, returning the one past them', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `r${i}`).join('\n');
    expect(readCsv('t.csv', text, { maxRecords: 3 }).map((r) => r.cells[0])).toEqual(['r0', 'r1', 'r2', 'r3']);
  });
});
