import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/questionnaire/bank.js';
import { parseMapping } from '../../src/questionnaire/mapping.js';
import { readAnswers } from '../../src/questionnaire/read.js';
import { InputError } from '../../src/types.js';
import { saveXlsx, tmp } from './helpers.js';

const bank = loadQuestionnaire();

const MAPPING = `mapping: 1
name: test CAIQ-style
columns:
  id: Question ID
  answer: Answer
  comment: Implementation Description
values:
  Compliant: "yes"
questions:
  DSP-01.1: { question: data.training-on-inputs, invert: true }
  DSP-02.1: { question: data.retention-inputs-days, from: comment }
  dsp-03.1: deployment.model
  AAC-01.1: certifications.iso27001
  AAC-01.2: certifications.soc2-type2
  SEF-01.1:
    - incidents.security-breach
    - { question: incidents.distillation }
`;

/** A CAIQ-style sheet: title rows, domain rows, its own IDs and columns (content written for this test). */
async function caiqSheet(dir: string, rows: Array<[string, string, string, string]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Read me').getCell('A1').value = 'How to fill in this self-assessment';
  const ws = wb.addWorksheet('Assessment');
  ws.getCell('A1').value = 'Self-assessment for an AI service';
  ws.mergeCells('A1:D1');
  ws.getCell('A2').value = 'Answer Yes, No or NA';
  ws.getRow(4).values = ['Question ID', 'Question', 'Answer', 'Implementation Description'];
  rows.forEach((r, i) => (ws.getRow(5 + i).values = r));
  const file = join(dir, 'caiq.xlsx');
  writeFileSync(file, await saveXlsx(wb));
  return file;
}

describe('a CAIQ-style sheet read with a mapping', () => {
  it('maps foreign IDs onto ours, inverts, reads from the comment column, and counts unmapped rows', async () => {
    const dir = tmp();
    const file = await caiqSheet(dir, [
      ['', 'Data Security and Privacy', '', ''],
      ['DSP-01.1', 'Is customer data excluded from model training?', 'Yes', 'Contractual and technical exclusion.'],
      ['DSP-02.1', 'Is there a retention limit for prompts?', 'Yes', 'Prompts are deleted after thirty (30) days.'],
      ['DSP-03.1', 'Where does the model run?', 'On premises', ''],
      ['DSP-09.9', 'Is data encrypted in transit?', 'Yes', 'TLS 1.2+'],
      ['', 'Audit and Assurance', '', ''],
      ['AAC-01.1', 'ISO/IEC 27001 certified?', 'Compliant', ''],
      ['AAC-01.2', 'SOC 2 Type II report?', 'NA', ''],
      ['SEF-01.1', 'Any incident in the last 24 months?', 'No', ''],
    ]);
    const mappingFile = join(dir, 'map.yaml');
    writeFileSync(mappingFile, MAPPING);
    const set = await readAnswers(file, { mapping: mappingFile });
    expect(set.sheet).toBe('Assessment');
    expect(set.mapping).toBe(mappingFile);
    expect(set.unmappedRows).toBe(1);
    const a = (id: string) => set.answers.find((x) => x.id === id)!;

    expect(a('data.training-on-inputs')).toMatchObject({ sourceId: 'DSP-01.1', raw: 'Yes', value: { kind: 'no' }, inverted: true, comment: 'Contractual and technical exclusion.' });
    expect(a('data.retention-inputs-days')).toMatchObject({
      sourceId: 'DSP-02.1',
      raw: 'Prompts are deleted after thirty (30) days.',
      value: { kind: 'number', value: 30, unit: 'days', days: 30 },
      location: { sheet: 'Assessment', cell: 'D7', row: 7, column: 4, header: 'Implementation Description' },
    });
    expect(a('deployment.model')).toMatchObject({ sourceId: 'DSP-03.1', value: { kind: 'choice', values: ['on-premises'] }, location: { cell: 'C8' } });
    expect(a('certifications.iso27001').value).toEqual({ kind: 'yes' });
    expect(a('certifications.soc2-type2').value).toEqual({ kind: 'na' });
    expect(a('incidents.security-breach').value).toEqual({ kind: 'no' });
    expect(a('incidents.distillation').value).toEqual({ kind: 'no' });
    // Questions the sheet does not ask stay unanswered, without a location.
    expect(a('company.legal-name')).toMatchObject({ value: { kind: 'unanswered' }, raw: null });
    expect(a('company.legal-name').location).toBeUndefined();
  });

  it('without a mapping, a foreign sheet is refused with a hint', async () => {
    const dir = tmp();
    const file = await caiqSheet(dir, [['DSP-01.1', 'q', 'Yes', '']]);
    await expect(readAnswers(file)).rejects.toThrow(/cell A5 \(row 5, column A "Question ID", question ID\)|unknown question ID "DSP-01.1".*needs --mapping FILE/);
  });

  it('the shipped CAIQ-style sample imports with its mapping', async () => {
    const set = await readAnswers('samples/questionnaires/kestrel-vision-caiq.xlsx', { mapping: 'samples/questionnaires/caiq-style-mapping.yaml' });
    const a = (id: string) => set.answers.find((x) => x.id === id)!;
    expect(a('deployment.model').value).toEqual({ kind: 'choice', values: ['on-premises'] });
    expect(a('deployment.data-leaves-customer').value).toEqual({ kind: 'no' });
    expect(a('data.training-on-inputs').value).toEqual({ kind: 'no' });
    expect(a('data.deletion-days').value).toEqual({ kind: 'number', value: 15, unit: 'days', days: 15 });
    expect(a('data.breach-notice-hours').value).toEqual({ kind: 'number', value: 72, unit: 'hours', days: 3 });
    expect(a('data.retention-inputs-days').value).toEqual({ kind: 'number', value: 0, unit: 'days', days: 0 });
    expect(a('certifications.iso27001').value).toEqual({ kind: 'yes' });
    expect(set.unmappedRows).toBeGreaterThan(0);
    expect(set.warnings).toContain('hidden sheet "Lists" was not read');
  });
});

describe('mapping file errors', () => {
  const err = (text: string): string => {
    try {
      parseMapping('map.yaml', text, bank);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const where = (e as InputError).file;
      return `${where.startsWith('map.yaml:') ? `${where.slice('map.yaml:'.length)}: ` : ''}${(e as Error).message}`;
    }
    throw new Error('no error');
  };

  it('names an unknown target question with line and column', () => {
    expect(err(MAPPING.replace('AAC-01.1: certifications.iso27001', 'AAC-01.1: certifications.iso9001'))).toBe(
      '13:13: unknown question "certifications.iso9001" (not in questionnaire ai-vendor)',
    );
  });

  it('refuses invert on a question that is not yes/no, and a missing answer column', () => {
    expect(err(MAPPING.replace('{ question: data.retention-inputs-days, from: comment }', '{ question: data.retention-inputs-days, invert: true }'))).toMatch(
      /invert applies to yes\/no questions; data.retention-inputs-days is number/,
    );
    expect(err(MAPPING.replace('  answer: Answer\n', ''))).toMatch(/^4:3: missing required field 'answer' at \/columns/);
  });

  it('refuses the same foreign ID twice (IDs compare without case)', () => {
    expect(err(MAPPING.replace('  AAC-01.1:', '  dsp-01.1: data.training-on-outputs\n  AAC-01.1:'))).toMatch(/^13:3: foreign question "dsp-01.1" is mapped twice \(IDs are compared without case\)/);
  });
});
