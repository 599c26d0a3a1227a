// Foreign questionnaire sheets for the `questionnaire map` / `--auto-map` tests, built here. Every
// question is written for these tests: paraphrases of questions of the ai-vendor bank (with the bank ID
// each should map to) and unrelated security questions that must stay unmapped.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { saveXlsx } from './helpers.js';

export interface SheetRow {
  ref: string;
  question: string;
  answer: string;
  comment: string;
  /** The bank question it paraphrases; undefined for an unrelated question. */
  expect?: string;
}

/** Paraphrases of bank questions, answered. */
export const PARAPHRASES: SheetRow[] = [
  { ref: 'A.1', question: 'In which country is the contracting company incorporated?', answer: 'Ireland', comment: '', expect: 'company.incorporation-country' },
  { ref: 'A.2', question: 'Which regions host our data and the model?', answer: 'EU (Frankfurt, Dublin)', comment: '', expect: 'deployment.regions' },
  { ref: 'A.3', question: 'Are our prompts ever used to train or fine-tune your models?', answer: 'No', comment: 'Excluded by contract and by design.', expect: 'data.training-on-inputs' },
  { ref: 'A.4', question: 'Could generated outputs be fed back into model training?', answer: 'No', comment: '', expect: 'data.training-on-outputs' },
  { ref: 'A.5', question: 'How many days are prompts and uploaded files held before removal?', answer: 'Yes', comment: 'Held for 30 days, then purged.', expect: 'data.retention-inputs-days' },
  { ref: 'A.6', question: 'Within how many hours will a breach touching our data be reported to us?', answer: '72', comment: '', expect: 'data.breach-notice-hours' },
  { ref: 'B.1', question: 'Do you enforce per-account rate limits?', answer: 'Compliant', comment: 'Quotas per API key.', expect: 'abuse.rate-limits' },
  { ref: 'B.2', question: 'Is access blocked from embargoed countries?', answer: 'Yes', comment: 'Geo-IP and billing checks.', expect: 'export.embargo-blocking' },
  { ref: 'B.3', question: 'Do you hold an ISO 27001 certificate covering this service?', answer: 'Yes', comment: 'Certificate 12345.', expect: 'certifications.iso27001' },
  { ref: 'B.4', question: 'Has any security incident affected customer data in the past two years?', answer: 'No', comment: '', expect: 'incidents.security-breach' },
];

/** Questions the bank does not ask. */
export const UNRELATED: SheetRow[] = [
  { ref: 'C.1', question: 'Is data encrypted at rest using AES-256?', answer: 'Yes', comment: '' },
  { ref: 'C.2', question: 'Do you have a documented business continuity plan?', answer: 'Yes', comment: '' },
  { ref: 'C.3', question: 'How often are penetration tests performed?', answer: 'Yearly', comment: '' },
  { ref: 'C.4', question: 'Is multi-factor authentication enforced for administrators?', answer: 'Yes', comment: '' },
];

const rowValues = (r: SheetRow): string[] => [r.ref, r.question, r.answer, r.comment];

/**
 * A SIG-Lite-style workbook: an instructions sheet first, then the questionnaire sheet with a merged
 * title row, a note, a blank row, a two-row header (labels merged down over both rows, "Vendor
 * Response" merged over its two sub-columns), section rows merged across the table and blank rows.
 */
export async function sigLiteXlsx(dir: string, rows: SheetRow[] = [...PARAPHRASES, ...UNRELATED]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const info = wb.addWorksheet('Instructions');
  info.getCell('A1').value = 'How to complete this assessment';
  info.getCell('A2').value = 'Answer each question in the Lite tab and add a note where useful.';
  const ws = wb.addWorksheet('Lite');
  ws.getCell('A1').value = 'Third-party risk assessment (lite edition)';
  ws.mergeCells('A1:D1');
  ws.getCell('A2').value = 'Version 3 - fill in the vendor response columns';
  ws.getCell('A4').value = 'Ques Num';
  ws.mergeCells('A4:A5');
  ws.getCell('B4').value = 'Question';
  ws.mergeCells('B4:B5');
  ws.getCell('C4').value = 'Vendor Response';
  ws.mergeCells('C4:D4');
  ws.getCell('C5').value = 'Yes/No/NA';
  ws.getCell('D5').value = 'Additional Information';
  let r = 6;
  const section = (title: string): void => {
    ws.getCell(`A${r}`).value = title;
    ws.mergeCells(`A${r}:D${r}`);
    r += 1;
  };
  section('Section A - Data and hosting');
  rows.slice(0, 6).forEach((x) => (ws.getRow(r++).values = rowValues(x)));
  r += 1; // a blank row
  section('Section B - Controls');
  rows.slice(6).forEach((x) => (ws.getRow(r++).values = rowValues(x)));
  wb.addWorksheet('Version history').getCell('A1').value = 'v3: first issue';
  const file = join(dir, 'sig-lite.xlsx');
  writeFileSync(file, await saveXlsx(wb));
  return file;
}

/** A vendor's own CSV: a title line, a blank line, then Ref / Question / Response / Comments. */
export function vendorCsv(dir: string, rows: SheetRow[] = [...PARAPHRASES, ...UNRELATED]): string {
  const cell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['Northwind Models - security and AI answers,,,', ',,,', 'Ref,Question,Response,Comments', ...rows.map((x) => rowValues(x).map(cell).join(','))];
  const file = join(dir, 'vendor.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

/** A CSV holding only Ref / Response / Comments: the Ref names the topic in a few words. */
export function shortCsv(dir: string): { file: string; expect: Record<string, string | undefined> } {
  const rows: Array<[string, string, string, string | undefined]> = [
    ['Prompt retention period', '14 days', '', 'data.retention-inputs-days'],
    ['Output retention period', '0', 'Nothing is stored.', 'data.retention-outputs-days'],
    ['Breach notification window (hours)', '48', '', 'data.breach-notice-hours'],
    ['ISO 27001 certification', 'Yes', '', 'certifications.iso27001'],
    ['Disaster recovery testing', 'Twice a year', '', undefined],
    ['Office opening hours', '9 to 5', '', undefined],
  ];
  const lines = ['Answers exported 2026-11-30', 'Ref,Response,Comments', ...rows.map(([a, b, c]) => [a, b, c].join(','))];
  const file = join(dir, 'short.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, expect: Object.fromEntries(rows.map(([a, , , e]) => [a, e])) };
}

/** A workbook with a cover sheet and a Control ID / Control / Answer / Implementation Description sheet. */
export async function controlsXlsx(dir: string, rows: SheetRow[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Cover').getCell('B2').value = 'Supplier controls questionnaire';
  const ws = wb.addWorksheet('Controls');
  ws.getCell('A1').value = 'Supplier controls';
  ws.getRow(3).values = ['Control ID', 'Control', 'Answer', 'Implementation Description'];
  rows.forEach((x, i) => (ws.getRow(4 + i * 2).values = rowValues(x))); // a blank row between rows
  const file = join(dir, 'controls.xlsx');
  writeFileSync(file, await saveXlsx(wb));
  return file;
}
