// The questionnaire to send to a vendor: XLSX (header row, drop-downs, frozen panes, readable widths),
// CSV, JSON or YAML. Every format reads back with readAnswers() once filled in.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { stringify } from 'yaml';
import type { Question, Questionnaire } from './types.js';

export const TEMPLATE_FORMATS = ['xlsx', 'csv', 'json', 'yaml'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

export const COLUMNS = ['ID', 'Group', 'Question', 'Answer type', 'Answer', 'Unit', 'Comment / evidence', 'Guidance', 'Informs'] as const;
/** Row of the header in the XLSX template (title and instructions above it). */
export const XLSX_HEADER_ROW = 4;
export const XLSX_SHEET = 'Questionnaire';

const YES_NO_LABELS = ['Yes', 'No', 'N/A', 'Partial'];

export function answerTypeLabel(q: Question): string {
  switch (q.type) {
    case 'yesno':
      return 'Yes / No / N/A / Partial';
    case 'number':
      return q.unit === 'count' ? 'Number' : q.unit === 'percent' ? 'Number (%)' : `Number of ${q.unit}`;
    case 'choice':
      return `${q.multiple ? 'One or more of' : 'One of'}: ${(q.choices ?? []).map((c) => c.label).join('; ')}`;
    case 'text':
      return 'Text';
  }
}

function groupTitle(bank: Questionnaire, id: string): string {
  return bank.groups.find((g) => g.id === id)?.title ?? id;
}

function row(bank: Questionnaire, q: Question): string[] {
  return [q.id, groupTitle(bank, q.group), q.text, answerTypeLabel(q), '', q.unit ?? '', '', q.guidance, q.informs.join(', ')];
}

const INSTRUCTIONS =
  'Answer every question in the Answer column; put explanations, links and evidence in the Comment column. ' +
  'Do not change the IDs, merge cells or use formulas. Yes/No questions accept Yes, No, N/A or Partial; ' +
  'number questions accept a number in the unit shown (e.g. 30) or a period (e.g. "30 days", "indefinitely").';

/** Fixed document dates so the same bank gives the same workbook metadata. */
const FIXED_DATE = new Date('2025-01-01T00:00:00Z');

export async function templateXlsx(bank: Questionnaire): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'clausecheck';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet(XLSX_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: XLSX_HEADER_ROW, activeCell: `E${XLSX_HEADER_ROW + 1}` }] });
  const widths = [34, 24, 62, 30, 30, 8, 44, 48, 34];
  ws.columns = widths.map((width) => ({ width }));

  ws.getCell('A1').value = `${bank.title} (${bank.id} v${bank.version})`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  ws.getCell('A2').value = INSTRUCTIONS;
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 48;

  const header = ws.getRow(XLSX_HEADER_ROW);
  header.values = [...COLUMNS];
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2F3B52' } };
  });
  ws.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: XLSX_HEADER_ROW, column: COLUMNS.length } };

  bank.questions.forEach((q, i) => {
    const r = XLSX_HEADER_ROW + 1 + i;
    const xr = ws.getRow(r);
    xr.values = row(bank, q);
    xr.alignment = { vertical: 'top', wrapText: true };
    const answer = xr.getCell(5);
    answer.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
    xr.getCell(7).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
    const prompt = q.guidance ? { showInputMessage: true, promptTitle: 'Guidance', prompt: q.guidance.slice(0, 250) } : {};
    if (q.type === 'yesno' || (q.type === 'choice' && !q.multiple)) {
      const labels = q.type === 'yesno' ? YES_NO_LABELS : (q.choices ?? []).map((c) => c.label);
      answer.dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${labels.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Choose from the list',
        error: `Choose one of: ${labels.join(', ')}. Put explanations in the Comment column.`,
        ...prompt,
      };
    } else if (q.type === 'choice') {
      // Several values: offer the list but accept any text ("Personal data, Health data").
      const labels = (q.choices ?? []).map((c) => c.label);
      answer.dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${labels.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'information',
        errorTitle: 'Several values',
        error: `Separate several values with commas: ${labels.join(', ')}`,
        ...prompt,
      };
    }
  });
  return stableXlsx(wb);
}

/** Write a workbook with fixed zip entry dates, so the same content gives the same bytes. */
export async function stableXlsx(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const out = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(out as ArrayBuffer);
  for (const entry of Object.values(zip.files)) entry.date = FIXED_DATE;
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (UTF-8 with a byte order mark so spreadsheet programs read accents, CRLF line ends). */
export function templateCsv(bank: Questionnaire): string {
  const lines = [[...COLUMNS], ...bank.questions.map((q) => row(bank, q))].map((cells) => cells.map(csvField).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

export function templateObject(bank: Questionnaire): Record<string, unknown> {
  return {
    questionnaire: bank.id,
    version: bank.version,
    title: bank.title,
    vendor: null,
    answers: bank.questions.map((q) => {
      const a: Record<string, unknown> = { id: q.id, group: groupTitle(bank, q.group), question: q.text, type: answerTypeLabel(q) };
      if (q.unit) a.unit = q.unit;
      if (q.choices) a.choices = q.choices.map((c) => c.label);
      if (q.guidance) a.guidance = q.guidance;
      a.informs = [...q.informs];
      a.answer = null;
      a.comment = null;
      return a;
    }),
  };
}

export function templateJson(bank: Questionnaire): string {
  return JSON.stringify(templateObject(bank), null, 2) + '\n';
}

export function templateYaml(bank: Questionnaire): string {
  const head = `# ${bank.title} (${bank.id} v${bank.version})\n# Fill in each "answer" (and "comment" where useful), then: clausecheck questionnaire check THIS_FILE\n`;
  return head + stringify(templateObject(bank), { lineWidth: 0 });
}

export async function writeTemplate(bank: Questionnaire, format: TemplateFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'xlsx':
      return templateXlsx(bank);
    case 'csv':
      return templateCsv(bank);
    case 'json':
      return templateJson(bank);
    case 'yaml':
      return templateYaml(bank);
  }
}
