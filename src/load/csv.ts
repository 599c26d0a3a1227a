// The one CSV reader (csv-parse): questionnaire tables and screening lists. RFC 4180 quoting, a
// leading BOM, CR / LF / CRLF line ends, ragged rows; empty lines are skipped. Each record keeps the
// line it starts on; a quote that is never closed is an InputError at file:line.
import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from '../types.js';

export interface CsvRecord {
  /** Line where the record starts (1-based). */
  line: number;
  cells: string[];
}

export interface CsvOptions {
  /** Field delimiter (default a comma). */
  delimiter?: string;
  /** Stop after this many records (the caller refuses more); the record after them is returned too. */
  maxRecords?: number;
  /** Added to every line number (lines the caller removed above the text). */
  lineOffset?: number;
}

/** 1-based line numbers of byte offsets, asked in increasing order (CRLF, LF and a lone CR end a line). */
function lineCounter(buf: Buffer): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset) => {
    for (; pos < offset && pos < buf.length; pos++) {
      const b = buf[pos];
      if (b === 0x0a || (b === 0x0d && buf[pos + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

/** The first byte at or after `offset` that does not end a line (a record starts there, after empty lines). */
function skipLineEnds(buf: Buffer, offset: number): number {
  let i = offset;
  while (i < buf.length && (buf[i] === 0x0a || buf[i] === 0x0d)) i++;
  return i;
}

/** Where the quoted field that is never closed opens: the last quote that starts a quoted run. */
function openingQuote(buf: Buffer, from: number): number {
  let inside = false;
  let opened = from;
  for (let i = from; i < buf.length; i++) {
    if (buf[i] !== 0x22) continue;
    if (!inside) opened = i;
    inside = !inside;
  }
  return opened;
}

export function readCsv(file: string, text: string, options: CsvOptions = {}): CsvRecord[] {
  const buf = Buffer.from(text, 'utf8');
  const lineAt = lineCounter(buf);
  const offset = options.lineOffset ?? 0;
  const records: CsvRecord[] = [];
  let end = 0;
  try {
    parse(buf, {
      bom: true,
      delimiter: options.delimiter ?? ',',
      relax_column_count: true,
      relax_quotes: true,
      // Any line end ends a record, as in a file pasted together from several sources.
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      ...(options.maxRecords !== undefined ? { to: options.maxRecords + 1 } : {}),
      on_record: (record: string[], context) => {
        records.push({ line: lineAt(skipLineEnds(buf, end)) + offset, cells: record });
        end = context.bytes;
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const start = skipLineEnds(buf, end);
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') throw new InputError(`${file}:${lineAt(openingQuote(buf, start)) + offset}`, 'unclosed quote');
    throw new InputError(`${file}:${lineAt(start) + offset}`, `CSV: ${err.message.split('\n')[0]}`);
  }
  return records;
}
