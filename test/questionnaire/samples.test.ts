import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/questionnaire/bank.js';
import { evaluate } from '../../src/questionnaire/evaluate.js';
import { readAnswers } from '../../src/questionnaire/read.js';

const bank = loadQuestionnaire();
const value = (set: Awaited<ReturnType<typeof readAnswers>>, id: string) => set.answers.find((a) => a.id === id)!.value;

describe('answered sample questionnaires (samples/questionnaires/)', () => {
  it('Halyard Labs (XLSX): complete and consistent on its own', async () => {
    const set = await readAnswers('samples/questionnaires/halyard-labs.xlsx');
    expect(set.vendor).toBe('Halyard Labs, Inc.');
    expect(value(set, 'data.retention-inputs-days')).toEqual({ kind: 'number', value: 30, unit: 'days', days: 30 });
    expect(value(set, 'data.deletion-days')).toEqual({ kind: 'number', value: 30, unit: 'days', days: 30 });
    expect(value(set, 'data.breach-notice-hours')).toEqual({ kind: 'number', value: 72, unit: 'hours', days: 3 });
    expect(value(set, 'data.deletion-certificate')).toEqual({ kind: 'yes' });
    expect(value(set, 'certifications.iso42001')).toEqual({ kind: 'partial' });
    const r = evaluate(set, bank);
    expect(r.findings).toEqual([]);
  });

  it('Quillmark AI (CSV): answers that contradict each other and wrong types', async () => {
    const set = await readAnswers('samples/questionnaires/quillmark-ai.csv');
    expect(set.vendor).toBe('Quillmark AI Ltd.');
    const r = evaluate(set, bank);
    expect(r.findings.filter((f) => f.code === 'answer-conflict').map((f) => f.check)).toEqual([
      'training-denied-but-opt-out',
      'hosted-api-but-data-stays',
      'data-stays-but-vendor-retains',
      'soc2-report-without-soc2',
    ]);
    expect(r.findings.filter((f) => f.code === 'wrong-type').map((f) => f.answers[0]!.id)).toEqual(['deployment.subprocessor-list', 'data.breach-notice-hours']);
  });

  it('Meridian Speech (YAML): read with line numbers', async () => {
    const set = await readAnswers('samples/questionnaires/meridian-speech.yaml');
    expect(set.vendor).toBe('Meridian Speech Technologies Ltd.');
    expect(value(set, 'data.retention-outputs-days')).toEqual({ kind: 'number', value: 90, unit: 'days', days: 90 });
    expect(value(set, 'data.breach-notice-hours')).toEqual({ kind: 'number', value: 48, unit: 'hours', days: 2 });
    expect(set.answers.find((a) => a.id === 'data.deidentified-use')!.location!.row).toBeGreaterThan(1);
    expect(evaluate(set, bank).findings.filter((f) => f.code !== 'unanswered')).toEqual([]);
  });
});
