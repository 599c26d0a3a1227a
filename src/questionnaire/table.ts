// Sheets and CSV files as a grid of cells: find the header row by column names (title rows may sit
// above it), then read one raw answer per row with its sheet, row and column.
import { type CsvRecord, readCsv } from '../load/csv.js';
import { InputError } from '../types.js';
import { key, rawText } from './normalize.js';
import type { Location, RawValue } from './types.js';

/** Most rows a questionnaire sheet may have (the largest known standard questionnaires have ~2,000). */
export const MAX_ROWS = 10_000;
/** How far down the header row is looked for. */
export const HEADER_SCAN_ROWS = 50;

export interface Grid {
  file: string;
  sheet?: string;
  rowCount: number;
  colCount: number;
  /** The value of a cell, 1-based. */
  value(row: number, col: number): RawValue;
  /** Throw an InputError when a cell cannot be read as a plain value (merged, formula, error). */
  check?(row: number, col: number, what: string): void;
  rowHidden?(row: number): boolean;
  colHidden?(col: number): boolean;
  /** True when the cells of these columns on that row are one merged cell (a section title across the table). */
  mergedAcross?(row: number, cols: number[]): boolean;
}

export interface ColumnNames {
  id: string[];
  answer: string[];
  comment: string[];
  question: string[];
}

/** Header names recognised without a mapping (compared as letters and digits only). */
export const DEFAULT_COLUMNS: ColumnNames = {
  id: ['id', 'question id', 'qid', 'ref', 'reference', 'ref id', 'control id', 'item id'],
  answer: ['answer', 'response', 'vendor answer', 'vendor response', 'supplier answer', 'supplier response', 'your answer', 'answer (yes/no/n/a)'],
  comment: ['comment', 'comments', 'comment / evidence', 'notes', 'note', 'evidence', 'implementation description', 'explanation', 'details', 'remarks', 'additional information'],
  question: ['question', 'question text', 'questions'],
};

export interface Header {
  row: number;
  id: number;
  answer: number;
  comment?: number;
  question?: number;
  names: Record<'id' | 'answer' | 'comment' | 'question', string | undefined>;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "sheet "Answers", cell E12 (row 12, column E "Answer")" or "row 12, column E "Answer"" for CSV. */
export function describeCell(loc: Location): string {
  const col = `column ${columnLetter(loc.column)}${loc.header ? ` "${loc.header}"` : ''}`;
  return loc.sheet !== undefined ? `sheet "${loc.sheet}", cell ${loc.cell} (row ${loc.row}, ${col})` : `row ${loc.row}, ${col}`;
}

export function locate(grid: Grid, row: number, col: number, header?: string): Location {
  const loc: Location = { row, column: col, cell: `${columnLetter(col)}${row}` };
  if (grid.sheet !== undefined) loc.sheet = grid.sheet;
  if (header) loc.header = header;
  return loc;
}

/** A header name compared as letters and digits only; a name with none ("#") as itself without spaces. */
export function headerKey(s: string): string {
  return key(s) || s.replace(/\s+/g, '');
}

/** Find the header row: the first row (of the first HEADER_SCAN_ROWS) naming an ID and an answer column. */
export function findHeader(grid: Grid, names: ColumnNames): Header | undefined {
  const wanted = {
    id: new Set(names.id.map(headerKey)),
    answer: new Set(names.answer.map(headerKey)),
    comment: new Set(names.comment.map(headerKey)),
    question: new Set(names.question.map(headerKey)),
  };
  const at = (r: number): Header | undefined => {
    const found: Partial<Record<keyof ColumnNames, number>> = {};
    const labels: Header['names'] = { id: undefined, answer: undefined, comment: undefined, question: undefined };
    for (let c = 1; c <= grid.colCount; c++) {
      const text = rawText(grid.value(r, c));
      const k = headerKey(text);
      if (!k) continue;
      for (const role of ['id', 'answer', 'comment', 'question'] as const) {
        if (found[role] === undefined && wanted[role].has(k)) {
          found[role] = c;
          labels[role] = text;
          break;
        }
      }
    }
    if (found.id === undefined || found.answer === undefined) return undefined;
    const h: Header = { row: r, id: found.id, answer: found.answer, names: labels };
    if (found.comment !== undefined) h.comment = found.comment;
    if (found.question !== undefined) h.question = found.question;
    return h;
  };
  const last = Math.min(grid.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    let h = at(r);
    if (!h) continue;
    // A two-row header (labels merged down over both rows, sub-labels under a merged group): the lower row.
    for (let next = at(h.row + 1); next; next = at(next.row + 1)) h = next;
    return h;
  }
  return undefined;
}

export interface RawRow {
  sourceId: string;
  idLocation: Location;
  answer: RawValue;
  answerLocation: Location;
  comment: RawValue;
  commentLocation?: Location;
  question?: string;
}

/** Read every row below the header that has a question ID. Rows with an answer but no ID are warned about. */
export function readRows(grid: Grid, h: Header, warnings: string[]): RawRow[] {
  const rows: RawRow[] = [];
  const where = grid.sheet !== undefined ? `sheet "${grid.sheet}", ` : '';
  for (const c of [h.id, h.answer, h.comment, h.question]) {
    if (c !== undefined) grid.check?.(h.row, c, 'header');
  }
  for (const [role, c] of [['ID', h.id], ['answer', h.answer], ['comment', h.comment]] as const) {
    if (c !== undefined && grid.colHidden?.(c)) warnings.push(`${where}the ${role} column ${columnLetter(c)} is hidden`);
  }
  const hiddenRows: number[] = [];
  for (let r = h.row + 1; r <= grid.rowCount; r++) {
    const idRaw = grid.value(r, h.id);
    const answer = grid.value(r, h.answer);
    const comment = h.comment !== undefined ? grid.value(r, h.comment) : null;
    const id = rawText(idRaw);
    if (id === '' && rawText(answer) === '' && rawText(comment) === '') continue;
    // A section title merged across the table ("B. Data protection") is not a question.
    if (grid.mergedAcross?.(r, [h.id, h.answer])) continue;
    grid.check?.(r, h.id, 'question ID');
    grid.check?.(r, h.answer, 'answer');
    if (h.comment !== undefined) grid.check?.(r, h.comment, 'comment');
    if (id === '') {
      if (rawText(answer) !== '') warnings.push(`${where}row ${r}: an answer without a question ID (ignored)`);
      continue;
    }
    if (grid.rowHidden?.(r)) hiddenRows.push(r);
    const row: RawRow = {
      sourceId: id,
      idLocation: locate(grid, r, h.id, h.names.id),
      answer,
      answerLocation: locate(grid, r, h.answer, h.names.answer),
      comment,
    };
    if (h.comment !== undefined) row.commentLocation = locate(grid, r, h.comment, h.names.comment);
    if (h.question !== undefined) row.question = rawText(grid.value(r, h.question));
    rows.push(row);
  }
  if (hiddenRows.length) {
    const list = hiddenRows.slice(0, 5).join(', ') + (hiddenRows.length > 5 ? ` and ${hiddenRows.length - 5} more` : '');
    warnings.push(`${where}hidden row${hiddenRows.length === 1 ? '' : 's'} ${list} hold${hiddenRows.length === 1 ? 's' : ''} answers (read anyway)`);
  }
  return rows;
}

// ---- CSV ---------------------------------------------------------------------------------------

export type { CsvRecord };

/** Guess the delimiter from the first lines: the most frequent of , ; and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 20_000);
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
    else if (!quoted && ch === '\n' && ++lines >= 50) break;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/** The records of a questionnaire table (the shared CSV reader), at most `maxRows` of them. */
export function parseCsv(file: string, text: string, delimiter = detectDelimiter(text), maxRows = MAX_ROWS): CsvRecord[] {
  const records = readCsv(file, text, { delimiter, maxRecords: maxRows });
  if (records.length > maxRows) {
    throw new InputError(file, `more than ${maxRows} rows (row ${maxRows + 1} starts at line ${records[maxRows]!.line}); a questionnaire has at most ${maxRows} rows — delete the unused rows or split the file`);
  }
  return records;
}

export function csvGrid(file: string, records: CsvRecord[]): Grid {
  const colCount = Math.max(0, ...records.map((r) => r.cells.length));
  return {
    file,
    rowCount: records.length,
    colCount,
    value: (row, col) => records[row - 1]?.cells[col - 1] ?? null,
  };
}
