import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadQuestionnaire } from '../../src/questionnaire/bank.js';
import { readAnswers } from '../../src/questionnaire/read.js';
import { COLUMNS, templateCsv, templateJson, templateXlsx, templateYaml, XLSX_HEADER_ROW } from '../../src/questionnaire/template.js';
import type { NormalizedValue, Question, RawValue } from '../../src/questionnaire/types.js';
import { loadXlsx, saveXlsx, tmp } from './helpers.js';

const bank = loadQuestionnaire();

/** What the tests write for each question, and what it must read back as (written by hand per type). */
const YES_NO: Array<[RawValue, NormalizedValue]> = [
  ['Yes', { kind: 'yes' }],
  ['No', { kind: 'no' }],
  ['N/A', { kind: 'na' }],
  ['Partial', { kind: 'partial' }],
  [true, { kind: 'yes' }],
  ['✓', { kind: 'yes' }],
  ['Yes - see policy', { kind: 'yes' }],
  [false, { kind: 'no' }],
];
const DAYS: Array<[RawValue, NormalizedValue]> = [
  [30, { kind: 'number', value: 30, unit: 'days', days: 30 }],
  ['30 days', { kind: 'number', value: 30, unit: 'days', days: 30 }],
  ['thirty (30) days', { kind: 'number', value: 30, unit: 'days', days: 30 }],
  ['1 month', { kind: 'number', value: 30, unit: 'days', days: 30 }],
  ['Indefinitely', { kind: 'unbounded', unit: 'days' }],
  [0, { kind: 'number', value: 0, unit: 'days', days: 0 }],
];
const HOURS: Array<[RawValue, NormalizedValue]> = [[72, { kind: 'number', value: 72, unit: 'hours', days: 3 }]];
const COUNT: Array<[RawValue, NormalizedValue]> = [
  [2, { kind: 'number', value: 2, unit: 'count' }],
  ['0', { kind: 'number', value: 0, unit: 'count' }],
];

function fill(q: Question, i: number): { raw: RawValue; value: NormalizedValue; comment: string | null } {
  const comment = i % 3 === 0 ? `Evidence for ${q.id}: policy §${i}` : null;
  const pick = <T>(list: T[]): T => list[i % list.length]!;
  switch (q.type) {
    case 'yesno': {
      const [raw, value] = pick(YES_NO);
      return { raw, value, comment };
    }
    case 'number': {
      const [raw, value] = pick(q.unit === 'days' ? DAYS : q.unit === 'hours' ? HOURS : COUNT);
      return { raw, value, comment };
    }
    case 'choice': {
      const c = q.choices![i % q.choices!.length]!;
      return { raw: c.label, value: { kind: 'choice', values: [c.value] }, comment };
    }
    case 'text':
      return { raw: `Answer to ${q.id}`, value: { kind: 'text', value: `Answer to ${q.id}` }, comment };
  }
}

const filled = bank.questions.map((q, i) => ({ q, ...fill(q, i) }));

describe('XLSX template', () => {
  it('has title rows, a header row, frozen panes, widths and drop-downs', async () => {
    const wb = await loadXlsx(await templateXlsx(bank));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Questionnaire']);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('ai-vendor v1');
    expect((ws.getRow(XLSX_HEADER_ROW).values as unknown[]).slice(1)).toEqual([...COLUMNS]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 3 });
    for (let c = 1; c <= COLUMNS.length; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(8);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(50);
    expect(ws.rowCount).toBe(XLSX_HEADER_ROW + bank.questions.length);

    bank.questions.forEach((q, i) => {
      const r = XLSX_HEADER_ROW + 1 + i;
      expect(ws.getCell(r, 1).value).toBe(q.id);
      const dv = ws.getCell(r, 5).dataValidation;
      if (q.type === 'yesno') {
        expect(dv).toMatchObject({ type: 'list', formulae: ['"Yes,No,N/A,Partial"'] });
      } else if (q.type === 'choice') {
        expect(dv.type).toBe('list');
        expect(dv.formulae![0]).toBe(`"${q.choices!.map((c) => c.label).join(',')}"`);
        // Excel refuses list validations longer than 255 characters.
        expect(dv.formulae![0]!.length).toBeLessThanOrEqual(255);
        expect((dv.error ?? '').length).toBeLessThanOrEqual(255);
      }
    });
  });

  it('is the same bytes every time', async () => {
    expect(Buffer.from(await templateXlsx(bank)).equals(Buffer.from(await templateXlsx(bank)))).toBe(true);
  });

  it('filled in with exceljs, imports back losslessly', async () => {
    const wb = await loadXlsx(await templateXlsx(bank));
    const ws = wb.getWorksheet('Questionnaire')!;
    for (let r = XLSX_HEADER_ROW + 1; r <= ws.rowCount; r++) {
      const f = filled.find((x) => x.q.id === ws.getCell(r, 1).value)!;
      ws.getCell(r, 5).value = f.raw;
      if (f.comment) ws.getCell(r, 7).value = f.comment;
    }
    const file = join(tmp(), 'answers.xlsx');
    writeFileSync(file, await saveXlsx(wb));
    const set = await readAnswers(file);
    expect(set.format).toBe('xlsx');
    expect(set.sheet).toBe('Questionnaire');
    expect(set.warnings).toEqual([]);
    expect(set.answers.map((a) => a.id)).toEqual(bank.questions.map((q) => q.id));
    set.answers.forEach((a, i) => {
      const f = filled[i]!;
      expect(a.raw, a.id).toEqual(f.raw);
      expect(a.value, a.id).toEqual(f.value);
      expect(a.comment, a.id).toBe(f.comment);
      expect(a.error).toBeUndefined();
      expect(a.location).toMatchObject({ sheet: 'Questionnaire', row: XLSX_HEADER_ROW + 1 + i, column: 5, cell: `E${XLSX_HEADER_ROW + 1 + i}`, header: 'Answer' });
      expect(a.informs).toEqual(f.q.informs);
    });
    expect(set.vendor).toBe('Answer to company.legal-name');
  });
});

describe('CSV, JSON and YAML templates', () => {
  it('CSV: header row first, one row per question, no cell a spreadsheet would run as a formula', () => {
    const csv = templateCsv(bank);
    expect(csv.startsWith('\ufeffID,Group,Question,Answer type,Answer,Unit,Comment / evidence,Guidance,Informs\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(bank.questions.length + 1);
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('CSV filled in (strings as typed) imports back', async () => {
    const lines = templateCsv(bank).split('\r\n');
    const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const out = [lines[0]];
    bank.questions.forEach((q, i) => {
      const f = filled[i]!;
      // Rebuild the row: our own fields, then the answer and comment.
      out.push([q.id, 'g', esc(q.text), 't', esc(String(f.raw)), q.unit ?? '', esc(f.comment ?? ''), '', ''].join(','));
    });
    const file = join(tmp(), 'answers.csv');
    writeFileSync(file, out.join('\r\n') + '\r\n');
    const set = await readAnswers(file);
    set.answers.forEach((a, i) => {
      const f = filled[i]!;
      // CSV has no types: the raw answer is the text as written.
      expect(a.raw, a.id).toBe(String(f.raw));
      const expected = f.raw === true ? { kind: 'yes' } : f.raw === false ? { kind: 'no' } : f.value;
      expect(a.value, a.id).toEqual(expected);
      expect(a.comment).toBe(f.comment);
      expect(a.location).toMatchObject({ row: i + 2, column: 5, cell: `E${i + 2}` });
      expect(a.location!.sheet).toBeUndefined();
    });
  });

  it('JSON and YAML filled in import back with line numbers', async () => {
    for (const [ext, text, parse] of [
      ['json', templateJson(bank), (t: string): unknown => JSON.parse(t)],
      ['yaml', templateYaml(bank), (t: string): unknown => parseYaml(t)],
    ] as const) {
      const obj = parse(text) as { vendor: string | null; answers: Array<{ id: string; answer: RawValue; comment: string | null }> };
      expect(obj.answers).toHaveLength(bank.questions.length);
      obj.vendor = 'Example Vendor';
      obj.answers.forEach((a, i) => {
        a.answer = filled[i]!.raw;
        a.comment = filled[i]!.comment;
      });
      const file = join(tmp(), `answers.${ext}`);
      writeFileSync(file, ext === 'json' ? JSON.stringify(obj, null, 2) : (await import('yaml')).stringify(obj));
      const set = await readAnswers(file);
      expect(set.vendor).toBe('Example Vendor');
      set.answers.forEach((a, i) => {
        expect(a.raw, `${ext} ${a.id}`).toEqual(filled[i]!.raw);
        expect(a.value, `${ext} ${a.id}`).toEqual(filled[i]!.value);
        expect(a.location!.pointer).toBe(`/answers/${i}/answer`);
      });
      const src = readFileSync(file, 'utf8').split('\n');
      const loc = set.answers[5]!.location!;
      expect(src[loc.row - 1]!.slice(loc.column - 1)).toMatch(/^\S/);
      expect(src[loc.row - 1]).toContain('answer');
    }
  });

  it('an untouched template imports as all unanswered', async () => {
    const file = join(tmp(), 'blank.yaml');
    writeFileSync(file, templateYaml(bank));
    const set = await readAnswers(file);
    expect(set.answers.every((a) => a.value.kind === 'unanswered')).toBe(true);
  });
});
