// XLSX workbooks through exceljs, guarded: the zip directory and every sheet's row count are checked
// before exceljs builds its model; cells we read must hold plain values (no merges, formulas, errors).
import ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { InputError } from '../types.js';
import { checkZip } from './bytes.js';
import { columnLetter, type Grid, MAX_ROWS } from './table.js';
import type { RawValue } from './types.js';

/** Rows elements (filled or only formatted) a sheet may declare before we refuse to load it. */
const MAX_ROW_ELEMENTS = 100_000;

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const m: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return m[e.toLowerCase()] ?? '';
  });
}

/** Sheet names and their XML parts, from xl/workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Array<{ name: string; part: string }>> {
  const wb = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!wb || !rels) return [];
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out: Array<{ name: string; part: string }> = [];
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const part = rid ? targets.get(rid) : undefined;
    if (name !== undefined && part) out.push({ name: decodeXml(name), part });
  }
  return out;
}

/** Count rows with content in a sheet's XML without building a model. */
function countRows(xml: string): { filled: number; elements: number; lastFilled: number } {
  let filled = 0;
  let elements = 0;
  let lastFilled = 0;
  const re = /<row\b([^>]*?)(\/?)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    elements += 1;
    if (m[2] === '/') continue;
    const end = xml.indexOf('</row>', re.lastIndex);
    const body = xml.slice(re.lastIndex, end < 0 ? undefined : end);
    if (/<(?:v|is|f)\b/.test(body)) {
      filled += 1;
      const r = /\br="(\d+)"/.exec(m[1] ?? '');
      lastFilled = r ? Number(r[1]) : lastFilled + 1;
    }
    if (end >= 0) re.lastIndex = end + 6;
  }
  return { filled, elements, lastFilled };
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
  for (const { name, part } of await sheetParts(zip)) {
    const xml = await zip.file(part)?.async('string');
    if (!xml) continue;
    const { filled, elements, lastFilled } = countRows(xml);
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
    throw new InputError(file, `cannot read the workbook (${(err as Error).message.split('\n')[0]})`);
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
  const merges = (ws as unknown as { _merges?: Record<string, { range?: string }> })._merges;
  return merges?.[master.address]?.range ?? master.address;
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
      if (cell.isMerged) {
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
    colHidden: (col) => ws.getColumn(col).hidden === true,
  };
}
