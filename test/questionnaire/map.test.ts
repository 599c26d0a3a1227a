import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/questionnaire/bank.js';
import { headerRole, mapQuestionnaire } from '../../src/questionnaire/index.js';
import { indexBank, rank, terms } from '../../src/questionnaire/map-similarity.js';
import { parseMapping } from '../../src/questionnaire/mapping.js';
import { readAnswers } from '../../src/questionnaire/read.js';
import { InputError } from '../../src/types.js';
import { saveXlsx, tmp } from './helpers.js';
import { controlsXlsx, PARAPHRASES, shortCsv, sigLiteXlsx, UNRELATED, vendorCsv } from './map-sheets.js';

const bank = loadQuestionnaire();
const ALL = [...PARAPHRASES, ...UNRELATED];

/** Sheet ID -> bank question mapped (undefined when unmapped), from a proposal. */
function mappedIds(p: Awaited<ReturnType<typeof mapQuestionnaire>>): Record<string, string | undefined> {
  return Object.fromEntries(p.rows.map((r) => [r.id, r.target?.question]));
}

const expected = Object.fromEntries(ALL.map((r) => [r.ref, r.expect]));

describe('the similarity measure', () => {
  it('folds words onto stems and synonym concepts, dropping words that say nothing', () => {
    expect(terms('How long are prompts retained?')).toEqual(expect.arrayContaining(['~duration', '~input', '~keep']));
    expect(terms('How long are prompts retained?')).not.toContain('are');
    expect(terms('Sub-processors and subcontractors')).toEqual(['~subprocessor']);
  });

  it('ranks the paraphrased question first and the unrelated ones low', () => {
    const index = indexBank(bank);
    expect(rank(index, 'For what period do you store the responses the model generates for us?')[0]!.id).toBe('data.retention-outputs-days');
    expect(rank(index, 'Do you check customers and their owners against sanctions lists?')[0]!.id).toBe('export.screening-program');
    expect(rank(index, 'Describe your password policy')).toEqual([]);
    const c = rank(index, 'Do you enforce per-account rate limits?');
    expect(c[0]).toMatchObject({ id: 'abuse.rate-limits' });
    expect(c[0]!.confidence).toBeGreaterThan(0.6);
    expect(c[0]!.confidence).toBeLessThanOrEqual(1);
    expect(c[1]!.confidence).toBeLessThan(0.6);
  });
});

describe('header cells', () => {
  it('recognise the usual column names, with a parenthesis or a vendor prefix', () => {
    expect(headerRole('Ref')).toBe('id');
    expect(headerRole('#')).toBe('id');
    expect(headerRole('Control ID')).toBe('id');
    expect(headerRole('Requirement')).toBe('question');
    expect(headerRole('Yes/No')).toBe('answer');
    expect(headerRole('Response (Y/N)')).toBe('answer');
    expect(headerRole('Vendor Response')).toBe('answer');
    expect(headerRole('Implementation Description')).toBe('comment');
    expect(headerRole('Third-party risk assessment (lite edition)')).toBeUndefined();
  });
});

describe('questionnaire map on a SIG-Lite-style workbook', () => {
  it('skips the instructions sheet, title, blank and section rows; reads the two-row merged header', async () => {
    const p = await mapQuestionnaire(await sigLiteXlsx(tmp()));
    expect(p.sheet).toBe('Lite');
    expect(p.header.row).toBe(5);
    expect(p.header.labels).toEqual({ id: 'Ques Num', question: 'Question', answer: 'Yes/No/NA', comment: 'Additional Information' });
    expect(p.rows.map((r) => r.id)).toEqual(ALL.map((r) => r.ref));
  });

  it('maps each paraphrase to its bank question and leaves the unrelated rows unmapped', async () => {
    const p = await mapQuestionnaire(await sigLiteXlsx(tmp()));
    expect(mappedIds(p)).toEqual(expected);
    for (const r of p.rows.filter((x) => !x.target)) expect(r.candidates[0]?.confidence ?? 0).toBeLessThan(0.6);
  });

  it('reads a number from the comment when the answer column says Yes, and proposes values for "Compliant"', async () => {
    const p = await mapQuestionnaire(await sigLiteXlsx(tmp()));
    expect(p.rows.find((r) => r.id === 'A.5')!.target).toMatchObject({ question: 'data.retention-inputs-days', from: 'comment' });
    expect(p.rows.find((r) => r.id === 'A.6')!.target).toMatchObject({ question: 'data.breach-notice-hours', from: 'answer' });
    expect(p.values).toEqual({ Compliant: 'yes' });
  });

  it('writes a mapping YAML that loads as --mapping, with confidences and the sheet questions as comments', async () => {
    const p = await mapQuestionnaire(await sigLiteXlsx(tmp()));
    const m = parseMapping('proposed.yaml', p.yaml, bank);
    expect(m.sheet).toBe('Lite');
    expect(m.columns.id).toEqual(['Ques Num']);
    expect([...m.questions.keys()].sort()).toEqual(PARAPHRASES.map((r) => r.ref.toLowerCase()).sort());
    expect(p.yaml).toContain('# row 9: "Are our prompts ever used to train or fine-tune your models?"  0.81');
    expect(p.yaml).toMatch(/^ {2}# "C\.1": \S+$/m);
    expect(p.yaml).toMatch(/# row 19: "Is data encrypted at rest using AES-256\?" .*\(below 0\.60\)/);
  });

  it('a higher threshold maps fewer rows and comments the others out', async () => {
    const file = await sigLiteXlsx(tmp());
    const low = await mapQuestionnaire(file);
    const high = await mapQuestionnaire(file, { threshold: 0.9 });
    const n = (x: typeof low) => x.rows.filter((r) => r.target).length;
    expect(n(high)).toBeLessThan(n(low));
    expect(n(high)).toBeGreaterThan(0);
    expect(high.rows.filter((r) => r.target).every((r) => r.target!.confidence >= 0.9)).toBe(true);
  });
});

describe('--auto-map gives the answers of the mapping map writes', () => {
  for (const [name, make] of [
    ['SIG-Lite-style xlsx', (d: string) => sigLiteXlsx(d)],
    ['vendor csv with a title line', async (d: string) => vendorCsv(d)],
    ['control sheet with blank rows after a cover sheet', (d: string) => controlsXlsx(d, [UNRELATED[0]!, ...PARAPHRASES, UNRELATED[1]!])],
  ] as const) {
    it(name, async () => {
      const dir = tmp();
      const file = await make(dir);
      const p = await mapQuestionnaire(file);
      const mappingFile = join(dir, 'mapping.yaml');
      writeFileSync(mappingFile, p.yaml);
      const viaFile = await readAnswers(file, { mapping: mappingFile });
      const auto = await readAnswers(file, { autoMap: 0.6 });
      expect(auto.answers).toEqual(viaFile.answers);
      expect(auto.autoMap).toBe(0.6);
      expect(auto.mapping).toBeUndefined();
      const a = (id: string) => auto.answers.find((x) => x.id === id)!;
      expect(a('data.training-on-inputs').value).toEqual({ kind: 'no' });
      expect(a('data.retention-inputs-days').value).toMatchObject({ kind: 'number', days: 30 });
      expect(a('data.breach-notice-hours').value).toMatchObject({ kind: 'number', value: 72, unit: 'hours' });
      expect(a('abuse.rate-limits').value).toEqual({ kind: 'yes' });
      expect(a('company.incorporation-country').value).toEqual({ kind: 'text', value: 'Ireland' });
      // Every paraphrase answered, nothing else.
      const answered = auto.answers.filter((x) => x.value.kind !== 'unanswered').map((x) => x.id).sort();
      expect(answered).toEqual(PARAPHRASES.map((r) => r.expect!).sort());
      // The unrelated rows are listed, not dropped.
      const unrelated = name.startsWith('control') ? [UNRELATED[0]!, UNRELATED[1]!] : UNRELATED;
      expect(auto.unmapped!.map((u) => u.id)).toEqual(unrelated.map((r) => r.ref));
      expect(auto.unmapped!.map((u) => u.question)).toEqual(unrelated.map((r) => r.question));
      expect(auto.unmappedRows).toBe(unrelated.length);
      expect(viaFile.unmapped!.map((u) => u.id)).toEqual(unrelated.map((r) => r.ref));
    });
  }

  it('a CSV of Ref / Response / Comments only: the Ref text is matched', async () => {
    const { file, expect: want } = shortCsv(tmp());
    const p = await mapQuestionnaire(file);
    expect(p.header).toMatchObject({ row: 2, labels: { id: 'Ref', answer: 'Response', comment: 'Comments' } });
    expect(mappedIds(p)).toEqual(want);
    const auto = await readAnswers(file, { autoMap: 0.6 });
    const a = (id: string) => auto.answers.find((x) => x.id === id)!;
    expect(a('data.retention-inputs-days').value).toMatchObject({ kind: 'number', days: 14 });
    expect(a('data.retention-outputs-days').value).toMatchObject({ kind: 'number', value: 0 });
    expect(auto.unmapped!.map((u) => [u.id, u.best?.id ?? null])).toEqual([
      ['Disaster recovery testing', null],
      ['Office opening hours', 'data.breach-notice-hours'],
    ]);
    expect(auto.unmapped![1]!.best!.confidence).toBeLessThan(0.6);
  });

  it('our own layout is read as it is (no auto mapping)', async () => {
    const set = await readAnswers('samples/questionnaires/quillmark-ai.csv', { autoMap: 0.6 });
    expect(set.autoMap).toBeUndefined();
    expect(set.unmapped).toBeUndefined();
    expect(set.warnings.join('\n')).not.toMatch(/auto-map/);
  });

  it('a sheet with no ID column is keyed by its questions', async () => {
    const dir = tmp();
    const file = join(dir, 'noid.csv');
    writeFileSync(file, ['Question,Yes/No,Notes', ...PARAPHRASES.slice(2, 4).map((r) => `${r.question},${r.answer},`), `${UNRELATED[0]!.question},Yes,`].join('\n'));
    const p = await mapQuestionnaire(file);
    expect(p.keyColumn).toBe('question');
    const auto = await readAnswers(file, { autoMap: 0.6 });
    expect(auto.answers.find((x) => x.id === 'data.training-on-outputs')!.value).toEqual({ kind: 'no' });
    expect(auto.unmapped!.map((u) => u.id)).toEqual([UNRELATED[0]!.question]);
  });

  it('one bank question per row: a second row asking the same stays unmapped, with the reason', async () => {
    const dir = tmp();
    const file = join(dir, 'twice.csv');
    writeFileSync(file, ['Ref,Question,Answer', '1,Do you block access from embargoed countries?,No', '2,Is access blocked from embargoed countries?,Yes', '2,Is access blocked from embargoed countries?,No'].join('\n'));
    const p = await mapQuestionnaire(file);
    const [a, b, c] = p.rows;
    // The two different rows both match embargo-blocking best: the more confident one (the first on a tie) gets it.
    const [winner, loser] = a!.candidates[0]!.confidence >= b!.candidates[0]!.confidence ? [a!, b!] : [b!, a!];
    expect(winner.target?.question).toBe('export.embargo-blocking');
    expect(loser.target).toBeUndefined();
    expect(loser.note).toBe(`export.embargo-blocking is already mapped from row ${winner.row}, which matches it at least as well`);
    expect(c!.target).toBeUndefined();
    // The IDs repeat, so the rows are keyed by their questions.
    expect(p.keyColumn).toBe('question');
    expect(c!.note).toBe('same question as row 3 (only the first is read)');
    const auto = await readAnswers(file, { autoMap: 0.6 });
    expect(auto.answers.find((x) => x.id === 'export.embargo-blocking')!.value).toEqual({ kind: winner.row === 2 ? 'no' : 'yes' });
    expect(auto.unmapped!.map((u) => [u.id, u.note])).toEqual([
      [loser.id, loser.note],
      [c!.id, c!.note],
    ]);
  });
});

describe('bad input: one line naming the file', () => {
  const fails = async (file: string, opts = {}): Promise<InputError> => {
    try {
      await mapQuestionnaire(file, opts);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return e as InputError;
    }
    throw new Error('no error');
  };

  it('no header row', async () => {
    const file = join(tmp(), 'noheader.csv');
    writeFileSync(file, 'Some title\nfirst,second,third\n1,2,3\n');
    const e = await fails(file);
    expect(e.file).toBe(file);
    expect(e.message).toMatch(/^the file: no header row with an answer column .* in the first 50 rows$/);
  });

  it('an empty sheet, and a workbook whose sheets have no header', async () => {
    const dir = tmp();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Blank');
    const empty = join(dir, 'empty.xlsx');
    writeFileSync(empty, await saveXlsx(wb));
    expect((await fails(empty)).message).toBe('every visible sheet is empty');
    wb.getWorksheet('Blank')!.getCell('A1').value = 'Notes';
    wb.addWorksheet('More').getCell('B2').value = 'Nothing here';
    const noHeader = join(dir, 'noheader.xlsx');
    writeFileSync(noHeader, await saveXlsx(wb));
    expect((await fails(noHeader)).message).toMatch(/^no sheet has a header row .*\(sheets: "Blank", "More"\)$/);
    expect((await fails(noHeader, { sheet: 'More' })).message).toMatch(/^sheet "More": no header row/);
    expect((await fails(noHeader, { sheet: 'Missing' })).message).toBe('no sheet "Missing" (sheets: "Blank", "More")');
    wb.getWorksheet('More')!.state = 'hidden';
    const hidden = join(dir, 'hidden.xlsx');
    writeFileSync(hidden, await saveXlsx(wb));
    expect((await fails(hidden, { sheet: 'More' })).message).toMatch(/^sheet "More" is hidden; unhide it/);
  });

  it('a header with no rows below it, an empty file, a JSON answer file', async () => {
    const dir = tmp();
    const headerOnly = join(dir, 'header.csv');
    writeFileSync(headerOnly, 'Ref,Question,Response\n');
    expect((await fails(headerOnly)).message).toBe('header row 1 found, but no question rows below it');
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect((await fails(empty)).message).toBe('file is empty');
    const json = join(dir, 'answers.json');
    writeFileSync(json, '{"questionnaire":"ai-vendor","answers":{}}');
    expect((await fails(json)).message).toMatch(/map reads XLSX and CSV sheets/);
  });

  it('--auto-map with no row above the threshold is an error, not an empty report', async () => {
    const dir = tmp();
    const file = join(dir, 'unrelated.csv');
    writeFileSync(file, ['Ref,Question,Response', ...UNRELATED.map((r) => `${r.ref},${r.question},${r.answer}`)].join('\n'));
    await expect(readAnswers(file, { autoMap: 0.6 })).rejects.toThrow(/--auto-map: no row of the file matches a question of ai-vendor at confidence 0\.60 or more \(4 rows\)/);
    const p = await mapQuestionnaire(file);
    expect(p.yaml).toContain('questions: {}');
  });
});

describe('the shipped sample samples/questionnaires/northwind-models-vendor.csv', () => {
  it('maps its AI questions and leaves its general security questions unmapped', async () => {
    const p = await mapQuestionnaire('samples/questionnaires/northwind-models-vendor.csv');
    expect(p.header.row).toBe(3);
    expect(mappedIds(p)).toEqual({
      'NW-01': 'company.legal-name',
      'NW-02': 'company.incorporation-country',
      'NW-03': 'deployment.regions',
      'NW-04': 'data.training-on-inputs',
      'NW-05': 'data.training-on-outputs',
      'NW-06': 'data.retention-inputs-days',
      'NW-07': 'data.retention-outputs-days',
      'NW-08': 'data.breach-notice-hours',
      'NW-09': 'deployment.subprocessor-list',
      'NW-10': 'export.screening-program',
      'NW-11': 'certifications.soc2-type2',
      'NW-12': undefined,
      'NW-13': undefined,
      'NW-14': undefined,
    });
    const set = await readAnswers('samples/questionnaires/northwind-models-vendor.csv', { autoMap: 0.6 });
    expect(set.answers.find((a) => a.id === 'data.retention-inputs-days')!.value).toMatchObject({ kind: 'number', days: 30 });
    expect(set.answers.find((a) => a.id === 'export.screening-program')!.value).toEqual({ kind: 'yes' });
  });
});
