// XLSX workbooks through exceljs, guarded: the zip directory (../zip-guard.ts) and every sheet's row
// count (exceljs's streaming reader) are checked before exceljs builds its model; cells we read must
// hold plain values (no merges, formulas, errors).
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { InputError } from '../types.js';
import { checkZip } from './bytes.js';
import { columnLetter, type Grid, MAX_ROWS } from './table.js';
import type { RawValue } from './types.js';

/** Rows elements (filled or only formatted) a sheet may declare before we refuse to load it. */
const MAX_ROW_ELEMENTS = 100_000;

interface SheetCount {
  name: string;
  /** Row elements with at least one value. */
  filled: number;
  /** Row elements, filled or only formatted. */
  elements: number;
  lastFilled: number;
}

/** Rows of every sheet, counted by exceljs's streaming reader (one row at a time, no model built). */
async function countRows(buf: Uint8Array): Promise<SheetCount[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)]), {
    entries: 'ignore',
    sharedStrings: 'ignore',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  // exceljs's reader looks sheet names up in the workbook part, and fails with a TypeError when it
  // reaches a sheet before that part has been read (it happens now and then on the same file): start
  // it with an empty model, which the workbook part replaces when read; such a sheet is then named by
  // its number.
  const r = reader as unknown as { model?: { sheets: unknown[] } };
  r.model ??= { sheets: [] };
  const counts: SheetCount[] = [];
  for await (const sheet of reader) {
    const c: SheetCount = { name: (sheet as unknown as { name?: string }).name || `#${counts.length + 1}`, filled: 0, elements: 0, lastFilled: 0 };
    counts.push(c);
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      c.elements += 1;
      if (row.hasValues) {
        c.filled += 1;
        c.lastFilled = row.number;
      }
    }
  }
  return counts;
}

/** A one-line reason for an exceljs failure (its own TypeErrors name no file and no part). */
function loadFailure(err: unknown): string {
  const msg = String((err as Error)?.message ?? err).split('\n')[0]!;
  if (/reading 'richText'/.test(msg)) return 'a cell refers to a shared text the workbook does not hold; save it again from a spreadsheet program';
  if (err instanceof TypeError) return 'its parts do not fit together; save it again from a spreadsheet program';
  return msg;
}

export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  sheets: ExcelJS.Worksheet[];
}

export async function loadWorkbook(file: string, buf: Uint8Array): Promise<LoadedWorkbook> {
  const zip = await checkZip(file, buf);
  if (!zip.file('xl/workbook.xml')) {
    throw new InputError(file, zip.file('word/document.xml') ? 'this is a Word document, not an XLSX workbook' : 'not an XLSX workbook (no xl/workbook.xml in the archive)');
  }
  let counts: SheetCount[];
  try {
    counts = await countRows(buf);
  } catch (err) {
    throw new InputError(file, `cannot read the workbook (${loadFailure(err)})`);
  }
  for (const { name, filled, elements, lastFilled } of counts) {
    if (filled > MAX_ROWS) {
      throw new InputError(file, `sheet "${name}" has ${filled} filled rows (the last is row ${lastFilled}); a questionnaire has at most ${MAX_ROWS} rows — delete the unused rows or split the sheet`);
    }
    if (elements > MAX_ROW_ELEMENTS) {
      throw new InputError(file, `sheet "${name}" declares ${elements} rows (most only formatted); clear the formatting of unused rows (at most ${MAX_ROW_ELEMENTS})`);
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new InputError(file, `cannot read the workbook (${loadFailure(err)})`);
  }
  return { workbook, sheets: workbook.worksheets };
}

export function isVisible(ws: ExcelJS.Worksheet): boolean {
  return ws.state === undefined || ws.state === 'visible';
}

/** A sheet is empty when no cell holds a value. */
export function isEmptySheet(ws: ExcelJS.Worksheet): boolean {
  let empty = true;
  ws.eachRow({ includeEmpty: false }, (row) => {
    if (empty && row.hasValues) empty = false;
  });
  return empty;
}

function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** The plain value of a cell (rich text joined, hyperlinks as their text, dates as ISO strings). */
function plain(v: ExcelJS.CellValue): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('text' in v && 'hyperlink' in v) {
      const t = (v as { text: unknown }).text;
      if (typeof t === 'string') return t;
      if (t && typeof t === 'object' && 'richText' in t) return (t as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
      return String((v as { hyperlink: unknown }).hyperlink ?? '');
    }
    if ('result' in v) return plain((v as { result: ExcelJS.CellValue }).result ?? null);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return null;
}

function mergeRange(ws: ExcelJS.Worksheet, master: ExcelJS.Cell): string {
  return ws.model.merges.find((r) => r.startsWith(`${master.address}:`)) ?? master.address;
}

export function sheetGrid(file: string, ws: ExcelJS.Worksheet): Grid {
  const cellAt = (row: number, col: number): ExcelJS.Cell | undefined => ws.findRow(row)?.findCell(col);
  const where = (row: number, col: number, what: string): string => `sheet "${ws.name}", cell ${columnLetter(col)}${row} (row ${row}, column ${columnLetter(col)}, ${what})`;
  return {
    file,
    sheet: ws.name,
    rowCount: ws.rowCount,
    colCount: ws.columnCount,
    value(row, col) {
      const cell = cellAt(row, col);
      if (!cell) return null;
      // A merged cell repeats its master's value; only the master is the real cell.
      if (cell.type === ExcelJS.ValueType.Merge) return plain(cell.master.value);
      return plain(cell.value);
    },
    check(row, col, what) {
      const cell = cellAt(row, col);
      if (!cell) return;
      // A header may be merged (a label over two rows, or over the columns it heads): only its text is read.
      if (cell.isMerged && what !== 'header') {
        throw new InputError(file, `${where(row, col, what)}: merged cells ${mergeRange(ws, cell.master)}; unmerge them so each question has its own row`);
      }
      if (cell.type === ExcelJS.ValueType.Formula) {
        const f = cell.formula ?? (cell.value as { sharedFormula?: string }).sharedFormula ?? '';
        throw new InputError(file, `${where(row, col, what)}: holds a formula (=${f.slice(0, 60)}); paste the values instead of formulas`);
      }
      if (cell.type === ExcelJS.ValueType.Error) {
        throw new InputError(file, `${where(row, col, what)}: holds the error value ${String((cell.value as ExcelJS.CellErrorValue).error)}`);
      }
    },
    rowHidden: (row) => ws.findRow(row)?.hidden === true,
    mergedAcross(row, cols) {
      const masters = cols.map((c) => {
        const cell = cellAt(row, c);
        return cell?.isMerged ? cell.master.address : undefined;
      });
      return masters[0] !== undefined && masters.every((m) => m === masters[0]);
    },
    colHidden: (col) => ws.getColumn(col).hidden === true,
  };
}
