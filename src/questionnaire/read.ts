// readAnswers(): an answered questionnaire (XLSX, CSV, JSON or YAML; ours or a mapped foreign one)
// -> one normalized Answer per question of the bank.
import { createHash } from 'node:crypto';
import { InputError } from '../types.js';
import { loadQuestionnaire } from './bank.js';
import { decodeText, type Encoding } from './bytes.js';
import { autoMapping, type AutoMapping, isOwnLayout } from './map.js';
import { readQuestionnaireFile } from './map-input.js';
import { foreignKey, loadMapping, type Mapping } from './mapping.js';
import { invert, key, normalize, rawText } from './normalize.js';
import { shippedSchema, validateInput } from '../load/schema.js';
import { parseYaml } from '../load/yaml.js';
import { csvGrid, DEFAULT_COLUMNS, describeCell, findHeader, type Grid, HEADER_SCAN_ROWS, parseCsv, type RawRow, readRows } from './table.js';
import type { Answer, AnswerSet, Location, NormalizedValue, Question, Questionnaire, RawValue, UnmappedRow } from './types.js';
import { isEmptySheet, isVisible, loadWorkbook, sheetGrid } from './xlsx.js';

export interface ReadOptions {
  /** The question bank (default: the shipped ai-vendor questionnaire), or the path of one. */
  questionnaire?: Questionnaire | string;
  /** A mapping for a foreign questionnaire sheet (XLSX or CSV), or the path of one. */
  mapping?: Mapping | string;
  /** The sheet to read (default: the first visible sheet with a header row). */
  sheet?: string;
  /** Text encoding of a CSV (default: UTF-8, or UTF-16 when the file starts with a byte order mark). */
  encoding?: Encoding;
  /** Largest file accepted, in bytes (default 50 MB). */
  maxBytes?: number;
  /**
   * Map a foreign sheet without a mapping: the rows whose question matches a bank question at this
   * confidence (0..1) or more are read, the others are listed as unmapped (`questionnaire map`).
   */
  autoMap?: number;
}

export async function readAnswers(file: string, opts: ReadOptions = {}): Promise<AnswerSet> {
  const bank = typeof opts.questionnaire === 'object' ? opts.questionnaire : loadQuestionnaire(opts.questionnaire);
  let mapping = typeof opts.mapping === 'string' ? loadMapping(opts.mapping, bank) : opts.mapping;
  const { buf, format } = readQuestionnaireFile(file, opts.maxBytes);
  let auto: AutoMapping | undefined;
  if (!mapping && opts.autoMap !== undefined && (format === 'csv' || format === 'xlsx')) {
    const mapOpts = { sheet: opts.sheet, encoding: opts.encoding, threshold: opts.autoMap };
    if (!(await isOwnLayout(file, buf, format, mapOpts, bank))) {
      auto = await autoMapping(file, buf, format, bank, mapOpts);
      mapping = auto.mapping;
    }
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const warnings: string[] = [];
  const base = { path: file, format, sha256, questionnaire: { id: bank.id, version: bank.version, title: bank.title } };

  if (format === 'json' || format === 'yaml') {
    if (mapping) throw new InputError(mapping.path, 'a mapping applies to XLSX and CSV sheets, not to JSON or YAML answers');
    const { answers, vendor } = readStructured(file, decodeText(file, buf, opts.encoding), bank, warnings);
    const set: AnswerSet = { ...base, answers, unmappedRows: 0, warnings };
    const v = vendor ?? vendorFrom(answers);
    if (v) set.vendor = v;
    return set;
  }

  let grid: Grid;
  if (format === 'csv') {
    const text = decodeText(file, buf, opts.encoding);
    const records = parseCsv(file, text);
    if (records.length === 0) throw new InputError(file, 'file has no rows');
    grid = csvGrid(file, records);
  } else {
    grid = await pickSheet(file, buf, opts.sheet ?? mapping?.sheet, mapping, warnings);
  }
  const names = mapping?.columns ?? DEFAULT_COLUMNS;
  const header = findHeader(grid, names);
  if (!header) throw new InputError(file, noHeaderMessage(grid, mapping));
  const rows = readRows(grid, header, warnings);
  if (rows.length === 0) {
    throw new InputError(file, `${grid.sheet !== undefined ? `sheet "${grid.sheet}": ` : ''}header row ${header.row} found, but no question rows below it`);
  }
  const { answers, unmapped } = mapping ? assembleMapped(file, bank, mapping, rows, header.comment !== undefined, warnings) : assemble(file, bank, rows);
  const set: AnswerSet = { ...base, answers, unmappedRows: unmapped.length, warnings };
  if (grid.sheet !== undefined) set.sheet = grid.sheet;
  if (auto) {
    set.autoMap = auto.proposal.threshold;
    const mapped = auto.proposal.rows.filter((r) => r.target).length;
    warnings.unshift(`no mapping given: ${mapped} of ${auto.proposal.rows.length} rows mapped by --auto-map at confidence ${auto.proposal.threshold.toFixed(2)} or more; check them with \`clausecheck questionnaire map\``);
  } else if (mapping) set.mapping = mapping.path;
  if (mapping) {
    const byRow = new Map(auto?.proposal.rows.map((r) => [r.row, r]));
    set.unmapped = unmapped.map((r) => {
      const p = byRow.get(r.idLocation.row);
      const best = p?.candidates[0];
      const u: UnmappedRow = { id: r.sourceId, question: r.question ?? null, location: r.idLocation, best: best ? { ...best } : null };
      if (p?.note) u.note = p.note;
      return u;
    });
  }
  const v = vendorFrom(answers);
  if (v) set.vendor = v;
  return set;
}

function noHeaderMessage(grid: Grid, mapping: Mapping | undefined): string {
  const where = grid.sheet !== undefined ? `sheet "${grid.sheet}"` : 'the file';
  if (mapping) {
    return `${where}: no header row with the mapping's columns (${mapping.columns.id.join(' / ')} and ${mapping.columns.answer.join(' / ')}) in the first ${HEADER_SCAN_ROWS} rows`;
  }
  return `${where}: no header row with an ID column (ID, Question ID, Ref) and an Answer column (Answer, Response) in the first ${HEADER_SCAN_ROWS} rows; a foreign questionnaire needs --mapping FILE (\`clausecheck questionnaire map\` proposes one) or --auto-map`;
}

async function pickSheet(file: string, buf: Uint8Array, wanted: string | undefined, mapping: Mapping | undefined, warnings: string[]): Promise<Grid> {
  const { sheets } = await loadWorkbook(file, buf);
  if (sheets.length === 0) throw new InputError(file, 'workbook has no sheets');
  const names = mapping?.columns ?? DEFAULT_COLUMNS;
  const list = sheets.map((s) => `"${s.name}"`).join(', ');
  if (wanted !== undefined) {
    const ws = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!ws) throw new InputError(file, `no sheet "${wanted}" (sheets: ${list})`);
    if (!isVisible(ws)) throw new InputError(file, `sheet "${ws.name}" is hidden; unhide it (right-click the sheet tabs > Unhide) after checking what it holds`);
    if (isEmptySheet(ws)) throw new InputError(file, `sheet "${ws.name}" is empty`);
    for (const other of sheets) if (other !== ws && !isVisible(other)) warnings.push(`hidden sheet "${other.name}" was not read`);
    return sheetGrid(file, ws);
  }
  const visible = sheets.filter(isVisible);
  const hidden = sheets.filter((s) => !isVisible(s));
  let chosen: Grid | undefined;
  for (const ws of visible) {
    if (isEmptySheet(ws)) continue;
    const grid = sheetGrid(file, ws);
    if (!findHeader(grid, names)) continue;
    if (!chosen) chosen = grid;
    else warnings.push(`sheet "${ws.name}" also has a questionnaire header and was not read (use --sheet to choose)`);
  }
  if (chosen) {
    for (const ws of hidden) warnings.push(`hidden sheet "${ws.name}" was not read`);
    return chosen;
  }
  const hiddenWithHeader = hidden.find((ws) => !isEmptySheet(ws) && findHeader(sheetGrid(file, ws), names));
  if (hiddenWithHeader) {
    throw new InputError(file, `the questionnaire is on hidden sheet "${hiddenWithHeader.name}"; unhide it (right-click the sheet tabs > Unhide) after checking what it holds`);
  }
  const nonEmpty = visible.filter((ws) => !isEmptySheet(ws));
  if (nonEmpty.length === 0) {
    throw new InputError(file, hidden.length ? `every visible sheet is empty (hidden sheets: ${hidden.map((s) => `"${s.name}"`).join(', ')})` : 'every sheet is empty');
  }
  if (nonEmpty.length === 1) return sheetGrid(file, nonEmpty[0]!); // lets the caller report the missing header for that sheet
  throw new InputError(
    file,
    `no sheet has a header row with ${mapping ? `the mapping's columns (${names.id.join(' / ')} and ${names.answer.join(' / ')})` : 'an ID column (ID, Question ID, Ref) and an Answer column (Answer, Response)'} in its first ${HEADER_SCAN_ROWS} rows (sheets: ${nonEmpty.map((s) => `"${s.name}"`).join(', ')})${mapping ? '' : '; a foreign questionnaire needs --mapping FILE (`clausecheck questionnaire map` proposes one) or --auto-map'}`,
  );
}

function answerFor(q: Question, raw: RawValue, comment: RawValue, location: Location | undefined, extra: { sourceId?: string; invert?: boolean; values?: Mapping['values'] } = {}): Answer {
  let value: NormalizedValue;
  let error: string | undefined;
  const mapped = q.type === 'yesno' && extra.values && typeof raw === 'string' ? extra.values.get(key(raw)) : undefined;
  if (mapped) value = { kind: mapped };
  else ({ value, error } = normalize(q, raw));
  const a: Answer = { id: q.id, raw, comment: rawText(comment) === '' ? null : rawText(comment), value, informs: [...q.informs] };
  if (extra.sourceId !== undefined) a.sourceId = extra.sourceId;
  if (location) a.location = location;
  if (error) a.error = error;
  if (extra.invert && (value.kind === 'yes' || value.kind === 'no')) {
    a.value = invert(value);
    a.inverted = true;
  }
  return a;
}

function unanswered(q: Question): Answer {
  return { id: q.id, raw: null, comment: null, value: { kind: 'unanswered' }, informs: [...q.informs] };
}

/** Our own sheet: the ID column holds our question IDs. */
function assemble(file: string, bank: Questionnaire, rows: RawRow[]): { answers: Answer[]; unmapped: RawRow[] } {
  const byKey = new Map(bank.questions.map((q) => [q.id.toLowerCase(), q]));
  const anyKnown = rows.some((r) => byKey.has(r.sourceId.trim().toLowerCase()));
  const found = new Map<string, { row: RawRow; answer: Answer }>();
  for (const row of rows) {
    const q = byKey.get(row.sourceId.trim().toLowerCase());
    if (!q) {
      const hint = anyKnown ? `not in questionnaire ${bank.id} v${bank.version}` : `none of the IDs belong to questionnaire ${bank.id}; a foreign questionnaire needs --mapping FILE (\`clausecheck questionnaire map\` proposes one) or --auto-map`;
      throw new InputError(file, `${describeCell(row.idLocation)}: unknown question ID "${row.sourceId}" (${hint})`);
    }
    const prev = found.get(q.id);
    if (prev) throw new InputError(file, `${describeCell(row.idLocation)}: question "${q.id}" appears twice (also row ${prev.row.idLocation.row})`);
    found.set(q.id, { row, answer: answerFor(q, row.answer, row.comment, row.answerLocation) });
  }
  return { answers: bank.questions.map((q) => found.get(q.id)?.answer ?? unanswered(q)), unmapped: [] };
}

/** A foreign sheet: the mapping names which of its rows answer which of our questions. */
function assembleMapped(file: string, bank: Questionnaire, mapping: Mapping, rows: RawRow[], hasComment: boolean, warnings: string[]): { answers: Answer[]; unmapped: RawRow[] } {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const found = new Map<string, Answer>();
  const seenForeign = new Map<string, number>();
  const unmapped: RawRow[] = [];
  for (const row of rows) {
    const fk = foreignKey(row.sourceId);
    const targets = mapping.questions.get(fk);
    if (!targets) {
      unmapped.push(row);
      continue;
    }
    const prevRow = seenForeign.get(fk);
    if (prevRow !== undefined) {
      warnings.push(`${describeCell(row.idLocation)}: question "${row.sourceId}" appears again (first at row ${prevRow}); the first is used`);
      continue;
    }
    seenForeign.set(fk, row.idLocation.row);
    for (const t of targets) {
      const q = byId.get(t.question)!;
      if (t.from === 'comment' && !hasComment) {
        throw new InputError(mapping.path, `"${row.sourceId}" is read from the comment column, but the sheet has no comment column (${mapping.columns.comment.join(' / ') || 'none named in columns.comment'})`);
      }
      const raw = t.from === 'comment' ? row.comment : row.answer;
      const loc = t.from === 'comment' ? row.commentLocation : row.answerLocation;
      const a = answerFor(q, raw, row.comment, loc, { sourceId: row.sourceId, invert: t.invert, values: mapping.values });
      const prev = found.get(q.id);
      if (!prev || (prev.value.kind === 'unanswered' && a.value.kind !== 'unanswered')) found.set(q.id, a);
      else if (a.value.kind !== 'unanswered' && JSON.stringify(prev.value) !== JSON.stringify(a.value)) {
        warnings.push(`${q.id}: "${prev.sourceId}" and "${row.sourceId}" give different answers; the first is used`);
      }
    }
  }
  return { answers: bank.questions.map((q) => found.get(q.id) ?? unanswered(q)), unmapped };
}

interface StructuredAnswers {
  questionnaire: string;
  version?: number;
  vendor?: string | null;
  answers: Array<{ id: string; answer: RawValue; comment?: string | null }> | Record<string, RawValue | { answer: RawValue; comment?: string | null }>;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function readStructured(file: string, text: string, bank: Questionnaire, warnings: string[]): { answers: Answer[]; vendor?: string } {
  const p = parseYaml(file, text);
  validateInput(p, shippedSchema('questionnaire-answers.schema.json'));
  const data = p.data as StructuredAnswers;
  if (data.questionnaire !== bank.id) throw p.error('/questionnaire', `answers are for questionnaire "${data.questionnaire}", not "${bank.id}"`);
  if (data.version !== undefined && data.version !== bank.version) {
    warnings.push(`answers were written for ${bank.id} v${data.version}; read with v${bank.version}`);
  }
  const entries: Array<{ id: string; answer: RawValue; comment: RawValue; pointer: string; idPointer: string; atKey?: string }> = [];
  if (Array.isArray(data.answers)) {
    data.answers.forEach((a, i) => entries.push({ id: a.id, answer: a.answer, comment: a.comment ?? null, pointer: `/answers/${i}/answer`, idPointer: `/answers/${i}/id` }));
  } else {
    for (const [id, v] of Object.entries(data.answers)) {
      const pointer = `/answers/${escapePointer(id)}`;
      const atKey = id;
      if (v !== null && typeof v === 'object') entries.push({ id, answer: v.answer, comment: v.comment ?? null, pointer: `${pointer}/answer`, idPointer: pointer, atKey });
      else entries.push({ id, answer: v, comment: null, pointer, idPointer: pointer, atKey });
    }
  }
  const byKey = new Map(bank.questions.map((q) => [q.id.toLowerCase(), q]));
  const found = new Map<string, { answer: Answer; pointer: string }>();
  for (const e of entries) {
    const q = byKey.get(e.id.trim().toLowerCase());
    if (!q) throw e.atKey !== undefined ? p.error('/answers', `unknown question ID "${e.id}" (not in questionnaire ${bank.id} v${bank.version})`, e.atKey) : p.error(e.idPointer, `unknown question ID "${e.id}" (not in questionnaire ${bank.id} v${bank.version})`);
    const prev = found.get(q.id);
    if (prev) throw e.atKey !== undefined ? p.error('/answers', `question "${q.id}" appears twice (also at ${prev.pointer})`, e.atKey) : p.error(e.idPointer, `question "${q.id}" appears twice (also at ${prev.pointer})`);
    const { line, col } = p.locate(e.pointer);
    found.set(q.id, { answer: answerFor(q, e.answer, e.comment, { row: line, column: col, pointer: e.pointer }), pointer: e.idPointer });
  }
  const out: { answers: Answer[]; vendor?: string } = { answers: bank.questions.map((q) => found.get(q.id)?.answer ?? unanswered(q)) };
  if (typeof data.vendor === 'string' && data.vendor.trim() !== '') out.vendor = data.vendor.trim();
  return out;
}

function vendorFrom(answers: Answer[]): string | undefined {
  const a = answers.find((x) => x.id === 'company.legal-name');
  return a && a.value.kind === 'text' ? a.value.value : undefined;
}
