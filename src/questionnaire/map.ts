// `questionnaire map`: propose a mapping for a foreign questionnaire sheet (a SIG-Lite-style sheet, a
// vendor's own CSV). The header row is found by column-name synonyms; each row's question is matched
// to the bank by text similarity (./map-similarity.ts); the result is a mapping YAML in the format
// `--mapping` reads (./mapping.ts), with each proposal's confidence and the sheet's question as
// comments, and the rows below the threshold commented out. `check --auto-map` uses the same proposals.
import { InputError } from '../types.js';
import { decodeText, type Encoding } from './bytes.js';
import { foreignKey, type Mapping, parseMapping } from './mapping.js';
import { indexBank, rank, type Candidate } from './map-similarity.js';
import { normalize, rawText } from './normalize.js';
import { csvGrid, DEFAULT_COLUMNS, findHeader, type Grid, HEADER_SCAN_ROWS, parseCsv } from './table.js';
import type { AnswerFormat, Question, Questionnaire } from './types.js';
import { isEmptySheet, isVisible, loadWorkbook, sheetGrid } from './xlsx.js';

export const DEFAULT_MAP_THRESHOLD = 0.6;

type Role = 'id' | 'question' | 'answer' | 'comment';
const ROLES: readonly Role[] = ['id', 'question', 'answer', 'comment'];

/** Column names recognised by `questionnaire map` (compared folded: lower case, punctuation as spaces). */
const SYNONYMS: Record<Role, string[]> = {
  id: [
    'id', '#', 'no', 'nr', 'num', 'number', 'ref', 'ref #', 'ref no', 'ref id', 'reference', 'reference id', 'item', 'item #', 'item no', 'item id',
    'question id', 'question #', 'question no', 'question number', 'ques num', 'ques #', 'qid', 'q #', 'q no', 'control id', 'control #', 'control no',
    'control ref', 'control number', 'requirement id', 'req id', 'serial', 's no', 'sl no', 'index',
  ],
  question: [
    'question', 'questions', 'question text', 'ques', 'control', 'control question', 'control description', 'control statement', 'control text',
    'requirement', 'requirements', 'requirement text', 'description', 'item description', 'assessment question', 'query', 'criteria', 'criterion',
    'topic', 'question requirement', 'question description',
  ],
  answer: [
    'answer', 'answers', 'response', 'responses', 'vendor response', 'vendor answer', 'supplier response', 'supplier answer', 'your answer',
    'your response', 'yes no', 'yes no n a', 'yes no na', 'y n', 'y n n a', 'y n na', 'compliance', 'compliant', 'status', 'answer yes no',
    'response yes no', 'answer yes no n a', 'response yes no n a', 'vendor answer yes no', 'selection',
  ],
  comment: [
    'comment', 'comments', 'notes', 'note', 'remarks', 'remark', 'explanation', 'details', 'implementation description', 'implementation details',
    'implementation', 'evidence', 'supporting evidence', 'evidence reference', 'additional information', 'additional comments', 'additional details',
    'justification', 'vendor comments', 'supplier comments', 'comment evidence', 'comments evidence', 'response details', 'vendor notes', 'clarification',
  ],
};

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();
}

const SYNONYM_SETS = Object.fromEntries(ROLES.map((r) => [r, new Set(SYNONYMS[r].map(fold))])) as Record<Role, Set<string>>;

/** The role a header cell names, if any: the name itself, or without a parenthesis or a "vendor"/"supplier" prefix. */
export function headerRole(text: string): Role | undefined {
  if (text.length > 60) return undefined;
  const variants = [text, text.replace(/\([^)]*\)/g, ' '), text.replace(/^\s*(?:vendor|supplier|your|provider)\s+/i, '')].map(fold);
  for (const v of variants) {
    if (!v) continue;
    for (const role of ROLES) if (SYNONYM_SETS[role].has(v)) return role;
  }
  return undefined;
}

export interface MapHeader {
  row: number;
  cols: Partial<Record<Role, number>>;
  labels: Partial<Record<Role, string>>;
}

function headerAt(grid: Grid, r: number): MapHeader | undefined {
  const cols: MapHeader['cols'] = {};
  const labels: MapHeader['labels'] = {};
  for (let c = 1; c <= grid.colCount; c++) {
    const text = rawText(grid.value(r, c));
    const role = text ? headerRole(text) : undefined;
    if (role && cols[role] === undefined) {
      cols[role] = c;
      labels[role] = text;
    }
  }
  if (cols.answer === undefined || (cols.id === undefined && cols.question === undefined)) return undefined;
  return { row: r, cols, labels };
}

/**
 * The header row: the first of the first HEADER_SCAN_ROWS rows naming an answer column and an ID or a
 * question column. Title rows above it are skipped; when the next row is a header too (a two-row
 * header under merged cells), that row is the header.
 */
export function findMapHeader(grid: Grid): MapHeader | undefined {
  const last = Math.min(grid.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    let h = headerAt(grid, r);
    if (!h) continue;
    for (let next = headerAt(grid, h.row + 1); next; next = headerAt(grid, next.row + 1)) h = next;
    return h;
  }
  return undefined;
}

/** A row of the sheet and what was proposed for it. */
export interface RowProposal {
  row: number;
  /** The foreign key of the row: its ID, or its question when the sheet has no usable ID column. */
  id: string;
  question: string;
  answer: string;
  comment: string;
  candidates: Candidate[];
  /** The bank question it is mapped to (confidence >= threshold), with the value source. */
  target?: { question: string; confidence: number; from: 'answer' | 'comment' };
  /** Why a row is not mapped, or what to check. */
  note?: string;
}

export interface MapProposal {
  file: string;
  sheet?: string;
  header: MapHeader;
  /** The column the mapping keys rows by (the ID column, or the question column). */
  keyColumn: Role;
  threshold: number;
  rows: RowProposal[];
  values: Record<string, 'yes' | 'no' | 'partial'>;
  /** Answers of mapped yes/no rows read neither as yes/no nor through `values`. */
  unknownAnswers: string[];
  warnings: string[];
  yaml: string;
}

export interface MapOptions {
  sheet?: string;
  encoding?: Encoding;
  threshold?: number;
}

// ---- reading the sheet ---------------------------------------------------------------------------

interface Located {
  grid: Grid;
  header: MapHeader;
}

function noHeader(where: string): string {
  if (where === 'no sheet') return `no sheet has a header row with an answer column (Answer, Response, Vendor Response, Yes/No) and an ID or question column (Ref, #, Control ID, Question, Requirement) in its first ${HEADER_SCAN_ROWS} rows`;
  return `${where}: no header row with an answer column (Answer, Response, Vendor Response, Yes/No) and an ID or question column (Ref, #, Control ID, Question, Requirement) in the first ${HEADER_SCAN_ROWS} rows`;
}

async function locate(file: string, buf: Uint8Array, format: AnswerFormat, opts: MapOptions, warnings: string[]): Promise<Located> {
  if (format === 'json' || format === 'yaml') throw new InputError(file, `${format.toUpperCase()} answers use our question IDs already; map reads XLSX and CSV sheets`);
  if (format === 'csv') {
    const records = parseCsv(file, decodeText(file, buf, opts.encoding));
    if (records.length === 0 || records.every((r) => r.cells.every((c) => c.trim() === ''))) throw new InputError(file, 'file has no rows');
    const grid = csvGrid(file, records);
    const header = findMapHeader(grid);
    if (!header) throw new InputError(file, noHeader('the file'));
    return { grid, header };
  }
  const { sheets } = await loadWorkbook(file, buf);
  const list = sheets.map((s) => `"${s.name}"`).join(', ');
  if (opts.sheet !== undefined) {
    const ws = sheets.find((s) => s.name === opts.sheet) ?? sheets.find((s) => s.name.toLowerCase() === opts.sheet!.toLowerCase());
    if (!ws) throw new InputError(file, `no sheet "${opts.sheet}" (sheets: ${list})`);
    if (!isVisible(ws)) throw new InputError(file, `sheet "${ws.name}" is hidden; unhide it (right-click the sheet tabs > Unhide) after checking what it holds`);
    if (isEmptySheet(ws)) throw new InputError(file, `sheet "${ws.name}" is empty`);
    const grid = sheetGrid(file, ws);
    const header = findMapHeader(grid);
    if (!header) throw new InputError(file, noHeader(`sheet "${ws.name}"`));
    return { grid, header };
  }
  const visible = sheets.filter((s) => isVisible(s) && !isEmptySheet(s));
  if (visible.length === 0) throw new InputError(file, sheets.length ? 'every visible sheet is empty' : 'workbook has no sheets');
  let chosen: Located | undefined;
  for (const ws of visible) {
    const grid = sheetGrid(file, ws);
    const header = findMapHeader(grid);
    if (!header) continue;
    if (!chosen) chosen = { grid, header };
    else warnings.push(`sheet "${ws.name}" also has a questionnaire header and was not read (use --sheet to choose)`);
  }
  if (!chosen) {
    if (visible.length === 1) throw new InputError(file, noHeader(`sheet "${visible[0]!.name}"`));
    throw new InputError(file, `${noHeader('no sheet')} (sheets: ${visible.map((s) => `"${s.name}"`).join(', ')})`);
  }
  return chosen;
}

interface SheetRow {
  row: number;
  id: string;
  question: string;
  answer: string;
  comment: string;
}

/** The longest-text column that is not a role column, as the question when the sheet names none. */
function guessQuestionColumn(grid: Grid, h: MapHeader): number | undefined {
  const taken = new Set(Object.values(h.cols));
  let best: { col: number; mean: number } | undefined;
  for (let c = 1; c <= grid.colCount; c++) {
    if (taken.has(c)) continue;
    let total = 0;
    let n = 0;
    for (let r = h.row + 1; r <= grid.rowCount; r++) {
      const t = rawText(grid.value(r, c));
      if (t) {
        total += t.length;
        n += 1;
      }
    }
    const mean = n ? total / n : 0;
    if (mean >= 15 && (!best || mean > best.mean)) best = { col: c, mean };
  }
  return best?.col;
}

function sheetRows(grid: Grid, h: MapHeader): SheetRow[] {
  const text = (r: number, c: number | undefined): string => (c === undefined ? '' : rawText(grid.value(r, c)));
  const rows: SheetRow[] = [];
  for (let r = h.row + 1; r <= grid.rowCount; r++) {
    const row = { row: r, id: text(r, h.cols.id), question: text(r, h.cols.question), answer: text(r, h.cols.answer), comment: text(r, h.cols.comment) };
    if (!row.id && !row.question && !row.answer && !row.comment) continue;
    // A section title merged across the table repeats one text in every column.
    const filled = [row.id, row.question, row.answer].filter((t) => t !== '');
    if (filled.length >= 2 && filled.every((t) => t === filled[0])) continue;
    if (h.cols.id !== undefined && h.cols.answer !== undefined && grid.mergedAcross?.(r, [h.cols.id, h.cols.answer])) continue;
    rows.push(row);
  }
  return rows;
}

// ---- proposing -------------------------------------------------------------------------------------

/** Answer words of foreign sheets that mean yes, no or partial (normalize() does not read them). */
const ANSWER_WORDS: Array<[RegExp, 'yes' | 'no' | 'partial']> = [
  [/^(?:partially|partly)\s+(?:compliant|implemented|in place|supported|met)$|^partial(?:ly)? compliance$/i, 'partial'],
  [/^(?:non[- ]?compliant|not compliant|not implemented|not in place|not supported|unsupported|not available|unavailable|disabled|not met|does not comply|not enabled)$/i, 'no'],
  [/^(?:compliant|fully compliant|implemented|fully implemented|in place|supported|available|enabled|met|complies|agreed|accepted)$/i, 'yes'],
];

const NEGATION = /\b(?:not|never|no|without|excluded?|excluding|exempt(?:ed)?)\b/i;

function valueSource(q: Question, row: SheetRow, hasComment: boolean): 'answer' | 'comment' {
  if (!hasComment || !row.comment) return 'answer';
  if (q.type === 'number') {
    const a = normalize(q, row.answer);
    if (!a.error && a.value.kind !== 'yes' && a.value.kind !== 'no') return 'answer';
    return normalize(q, row.comment).error ? 'answer' : 'comment';
  }
  if (q.type === 'text' || q.type === 'choice') {
    // "Yes" in the answer column and the substance in the comment.
    const yn = normalize({ ...q, type: 'yesno' }, row.answer).value.kind;
    if (yn === 'yes' || yn === 'no' || row.answer === '') return q.type === 'choice' && normalize(q, row.comment).error ? 'answer' : 'comment';
  }
  return 'answer';
}

function propose(bank: Questionnaire, rows: SheetRow[], keyColumn: Role, hasComment: boolean, threshold: number): RowProposal[] {
  const index = indexBank(bank);
  const byLowerId = new Map(bank.questions.map((q) => [q.id.toLowerCase(), q.id]));
  const out: RowProposal[] = rows.map((r) => {
    const id = keyColumn === 'id' ? r.id : r.question;
    const exact = byLowerId.get(r.id.trim().toLowerCase());
    const candidates = exact ? [{ id: exact, confidence: 1 }] : rank(index, r.question || r.id, 3);
    return { row: r.row, id, question: r.question || r.id, answer: r.answer, comment: r.comment, candidates };
  });
  // One sheet row per bank question: the most confident rows choose first.
  const order = out.map((p, i) => i).sort((a, b) => (out[b]!.candidates[0]?.confidence ?? 0) - (out[a]!.candidates[0]?.confidence ?? 0) || a - b);
  const taken = new Map<string, number>();
  // A key seen twice: the mapping reads the first row with it (in sheet order), so only that one is proposed.
  const skip = new Set<number>();
  const firstRow = new Map<string, number>();
  out.forEach((p, i) => {
    if (!p.id) {
      p.note = keyColumn === 'id' ? 'no ID in this row' : 'no question text in this row';
      skip.add(i);
      return;
    }
    const fk = foreignKey(p.id);
    const first = firstRow.get(fk);
    if (first !== undefined) {
      p.note = `same ${keyColumn === 'id' ? 'ID' : 'question'} as row ${first} (only the first is read)`;
      skip.add(i);
    } else firstRow.set(fk, p.row);
  });
  for (const i of order) {
    if (skip.has(i)) continue;
    const p = out[i]!;
    const row = rows[i]!;
    const best = p.candidates[0];
    if (!best || best.confidence < threshold) {
      p.note = best ? `below ${threshold.toFixed(2)}` : 'no question of the bank shares a word with it';
      continue;
    }
    // A row whose best question is already taken stays unmapped (its runner-up would be a guess).
    if (taken.has(best.id)) {
      p.note = `${best.id} is already mapped from row ${taken.get(best.id)}, which matches it at least as well`;
      continue;
    }
    const free = best;
    taken.set(free.id, p.row);
    const q = index.byId.get(free.id)!;
    p.target = { question: free.id, confidence: free.confidence, from: valueSource(q, row, hasComment) };
    const second = p.candidates.find((c) => c !== free);
    if (second && free.confidence - second.confidence < 0.05 && !p.note) p.note = `close runner-up ${second.id}`;
    if (q.type === 'yesno' && NEGATION.test(p.question) !== NEGATION.test(q.text)) {
      p.note = `${p.note ? `${p.note}; ` : ''}one side is worded in the negative: add invert: true if the sheet asks the opposite`;
    }
  }
  // Rows in sheet order.
  return out;
}

// ---- the YAML ----------------------------------------------------------------------------------------

const q = (s: string): string => JSON.stringify(s);
const clip = (s: string, n = 110): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/[\r\n]+/g, ' ');

function renderYaml(p: Omit<MapProposal, 'yaml'>, bank: Questionnaire): string {
  const out: string[] = [];
  const mapped = p.rows.filter((r) => r.target).length;
  out.push(`# Mapping proposed by \`clausecheck questionnaire map\` for ${p.file}${p.sheet !== undefined ? ` (sheet "${p.sheet}")` : ''}, header row ${p.header.row}.`);
  out.push(`# Each row's question was matched to ${bank.id} by text similarity (confidence 0..1); ${mapped} of ${p.rows.length} rows`);
  out.push(`# reached ${p.threshold.toFixed(2)} and are mapped, the others are commented out. Check every line, then run:`);
  out.push(`#   clausecheck questionnaire check ${p.file} --mapping THIS-FILE`);
  out.push('mapping: 1');
  out.push(`name: ${q(`${p.file} (proposed)`)}`);
  out.push(`questionnaire: ${bank.id}`);
  if (p.sheet !== undefined) out.push(`sheet: ${q(p.sheet)}`);
  out.push('columns:');
  out.push(`  id: ${q(p.header.labels[p.keyColumn]!)}`);
  out.push(`  answer: ${q(p.header.labels.answer!)}`);
  if (p.header.labels.comment !== undefined) out.push(`  comment: ${q(p.header.labels.comment)}`);
  if (p.header.labels.question !== undefined) out.push(`  question: ${q(p.header.labels.question)}`);
  const words = Object.entries(p.values);
  if (words.length) {
    out.push('values:                               # answer words of this sheet, for yes/no questions');
    for (const [w, v] of words) out.push(`  ${q(w)}: ${q(v)}`);
  }
  if (p.unknownAnswers.length) {
    out.push(`# Answers not read as yes / no (add them under values: if they mean yes, no or partial): ${p.unknownAnswers.slice(0, 10).map(q).join(', ')}`);
  }
  out.push(mapped ? 'questions:' : 'questions: {}                         # no row reached the threshold: uncomment the lines that fit');
  for (const r of p.rows) {
    const best = r.candidates[0];
    const runner = r.target ? r.candidates.find((c) => c.id !== r.target!.question) : r.candidates[1];
    const conf = r.target ? `${r.target.confidence.toFixed(2)}` : best ? `best ${best.id} ${best.confidence.toFixed(2)}` : 'no match';
    out.push(`  # row ${r.row}: ${q(clip(r.question))}  ${conf}${runner ? `; runner-up ${runner.id} ${runner.confidence.toFixed(2)}` : ''}${r.note ? ` (${r.note})` : ''}`);
    if (!r.id) continue;
    if (r.target) {
      const t = r.target.from === 'comment' ? `{ question: ${r.target.question}, from: comment }` : r.target.question;
      out.push(`  ${q(r.id)}: ${t}`);
    } else if (best) out.push(`  # ${q(r.id)}: ${best.id}`);
    else out.push(`  # ${q(r.id)}: QUESTION-ID`);
  }
  return `${out.join('\n')}\n`;
}

// ---- entry points ----------------------------------------------------------------------------------

/** Propose a mapping for the sheet of an XLSX or CSV questionnaire (read as bytes). */
export async function proposeMapping(file: string, buf: Uint8Array, format: AnswerFormat, bank: Questionnaire, opts: MapOptions = {}): Promise<MapProposal> {
  const threshold = opts.threshold ?? DEFAULT_MAP_THRESHOLD;
  const warnings: string[] = [];
  const { grid, header } = await locate(file, buf, format, opts, warnings);
  if (header.cols.question === undefined) {
    const c = guessQuestionColumn(grid, header);
    if (c !== undefined) {
      header.cols.question = c;
      const label = rawText(grid.value(header.row, c));
      if (label) header.labels.question = label;
    }
  }
  const rows = sheetRows(grid, header);
  const where = grid.sheet !== undefined ? `sheet "${grid.sheet}": ` : '';
  if (rows.length === 0) throw new InputError(file, `${where}header row ${header.row} found, but no question rows below it`);
  // Rows are keyed by their ID when nearly every row has a distinct one, else by their question.
  let keyColumn: Role = 'id';
  if (header.cols.id === undefined) keyColumn = 'question';
  else if (header.cols.question !== undefined && header.labels.question !== undefined) {
    const ids = rows.map((r) => r.id).filter((t) => t !== '');
    const distinct = new Set(ids.map(foreignKey)).size;
    if (ids.length < 0.8 * rows.length || distinct < ids.length) keyColumn = 'question';
  }
  if (keyColumn === 'question' && header.labels.question === undefined) {
    throw new InputError(file, `${where}header row ${header.row} has no question column with a name to key the rows by; name it Question`);
  }
  const proposals = propose(bank, rows, keyColumn, header.cols.comment !== undefined, threshold);
  const values: MapProposal['values'] = {};
  const unknown = new Set<string>();
  const byId = new Map(bank.questions.map((x) => [x.id, x]));
  for (const p of proposals) {
    if (!p.target || p.target.from !== 'answer' || byId.get(p.target.question)!.type !== 'yesno' || !p.answer) continue;
    if (!normalize(byId.get(p.target.question)!, p.answer).error) continue;
    const word = ANSWER_WORDS.find(([re]) => re.test(p.answer));
    if (word) values[p.answer] = word[1];
    else unknown.add(p.answer);
  }
  const base: Omit<MapProposal, 'yaml'> = { file, header, keyColumn, threshold, rows: proposals, values, unknownAnswers: [...unknown], warnings };
  if (grid.sheet !== undefined) base.sheet = grid.sheet;
  return { ...base, yaml: renderYaml(base, bank) };
}

/** True when the sheet is our own layout (an ID and an answer column holding our question IDs): no mapping needed. */
export async function isOwnLayout(file: string, buf: Uint8Array, format: AnswerFormat, opts: MapOptions = {}, bank: Questionnaire): Promise<boolean> {
  const ids = new Set(bank.questions.map((x) => x.id.toLowerCase()));
  const grids: Grid[] = [];
  if (format === 'csv') {
    const records = parseCsv(file, decodeText(file, buf, opts.encoding));
    if (records.length) grids.push(csvGrid(file, records));
  } else if (format === 'xlsx') {
    const { sheets } = await loadWorkbook(file, buf);
    for (const ws of sheets) {
      if (!isVisible(ws) || isEmptySheet(ws)) continue;
      if (opts.sheet !== undefined && ws.name.toLowerCase() !== opts.sheet.toLowerCase()) continue;
      grids.push(sheetGrid(file, ws));
    }
  } else return true;
  for (const grid of grids) {
    const h = findHeader(grid, DEFAULT_COLUMNS);
    if (!h) continue;
    for (let r = h.row + 1; r <= grid.rowCount; r++) if (ids.has(rawText(grid.value(r, h.id)).toLowerCase())) return true;
  }
  return false;
}

export interface AutoMapping {
  mapping: Mapping;
  proposal: MapProposal;
}

/** The mapping `--auto-map` uses: the proposals at or above the threshold, read back as a mapping file would be. */
export async function autoMapping(file: string, buf: Uint8Array, format: AnswerFormat, bank: Questionnaire, opts: MapOptions = {}): Promise<AutoMapping> {
  const proposal = await proposeMapping(file, buf, format, bank, opts);
  const threshold = proposal.threshold.toFixed(2);
  if (!proposal.rows.some((r) => r.target)) {
    throw new InputError(file, `--auto-map: no row of ${proposal.sheet !== undefined ? `sheet "${proposal.sheet}"` : 'the file'} matches a question of ${bank.id} at confidence ${threshold} or more (${proposal.rows.length} rows); write a mapping with \`clausecheck questionnaire map\``);
  }
  return { mapping: parseMapping(`(auto-map ≥ ${threshold})`, proposal.yaml, bank), proposal };
}
