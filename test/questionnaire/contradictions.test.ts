import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REQUIREMENTS } from '../../src/catalog.js';
import { loadQuestionnaire } from '../../src/questionnaire/bank.js';
import { evaluate, questionnaireExitCode } from '../../src/questionnaire/evaluate.js';
import { readAnswers } from '../../src/questionnaire/read.js';
import type { QuestionnaireReport } from '../../src/questionnaire/types.js';
import type { DocumentReport, Evidence, Status } from '../../src/types.js';
import { tmp } from './helpers.js';

const bank = loadQuestionnaire();

async function answers(map: Record<string, string | number | boolean>): Promise<Awaited<ReturnType<typeof readAnswers>>> {
  const file = join(tmp(), 'a.yaml');
  writeFileSync(file, stringify({ questionnaire: 'ai-vendor', answers: map }));
  return readAnswers(file);
}

interface Ev {
  quote: string;
  proves: Exclude<Status, 'missing'>;
  days?: number;
  section?: string;
}

/** A contract check report written by hand: the statuses and quotes the cross-check receives. */
function contract(reqs: Record<string, { status: Status; evidence?: Ev[] }>): DocumentReport {
  let offset = 0;
  return {
    path: 'contract.txt',
    format: 'txt',
    pages: 1,
    sha256: '0'.repeat(64),
    warnings: [],
    requirements: REQUIREMENTS.map((r) => {
      const spec = reqs[r.id] ?? { status: 'missing' as Status };
      const evidence: Evidence[] = (spec.evidence ?? []).map((e) => {
        const start = offset;
        offset += e.quote.length + 1;
        const ev: Evidence = { quote: e.quote, page: 1, section: e.section ?? '', start, end: start + e.quote.length, rule: `test/${r.id.toLowerCase()}`, proves: e.proves };
        if (e.days !== undefined) ev.value = { kind: 'duration', text: `${e.days} days`, amount: e.days, unit: 'day', days: e.days };
        return ev;
      });
      return { id: r.id, title: r.title, status: spec.status, severity: 'none', evidence, suggestion: '', notes: [] };
    }),
  };
}

const checks = (r: QuestionnaireReport, code: string) => r.findings.filter((f) => f.code === code).map((f) => f.check);

describe('answers that contradict each other', () => {
  const cases: Array<[string, Record<string, string | number>, Record<string, string | number>]> = [
    // [check, answers that trigger it, a consistent variant]
    ['training-denied-but-opt-out', { 'data.training-on-inputs': 'No', 'data.training-opt-out': 'Yes' }, { 'data.training-on-inputs': 'No', 'data.training-opt-out': 'N/A' }],
    ['training-denied-but-opt-out', { 'data.training-on-outputs': 'No', 'data.training-consent': 'Unless the customer opts out' }, { 'data.training-on-outputs': 'No', 'data.training-consent': 'Never' }],
    ['training-admitted-but-never', { 'data.training-on-inputs': 'Yes', 'data.training-consent': 'Never' }, { 'data.training-on-inputs': 'Yes', 'data.training-consent': 'opt-in' }],
    ['training-denied-but-deidentified', { 'data.training-on-inputs': 'No', 'data.deidentified-use': 'Yes' }, { 'data.training-on-inputs': 'No', 'data.deidentified-use': 'No' }],
    ['soc2-report-without-soc2', { 'certifications.soc2-type2': 'No', 'certifications.soc2-report-to-customer': 'Yes' }, { 'certifications.soc2-type2': 'Yes', 'certifications.soc2-report-to-customer': 'Yes' }],
    ['breach-denied-but-counted', { 'incidents.security-breach': 'No', 'incidents.breach-count': 2 }, { 'incidents.security-breach': 'No', 'incidents.breach-count': 0 }],
    ['breach-admitted-but-none-counted', { 'incidents.security-breach': 'Yes', 'incidents.breach-count': 'none' }, { 'incidents.security-breach': 'Yes', 'incidents.breach-count': 1 }],
    ['hosted-api-but-data-stays', { 'deployment.model': 'Vendor-hosted API', 'deployment.data-leaves-customer': 'No' }, { 'deployment.model': 'On premises', 'deployment.data-leaves-customer': 'No' }],
    ['data-stays-but-vendor-retains', { 'deployment.data-leaves-customer': 'No', 'data.retention-inputs-days': '30 days' }, { 'deployment.data-leaves-customer': 'No', 'data.retention-inputs-days': 0 }],
  ];

  it.each(cases)('%s fires, and not on consistent answers', async (check, bad, good) => {
    const r = evaluate(await answers(bad), bank);
    expect(checks(r, 'answer-conflict')).toContain(check);
    const f = r.findings.find((x) => x.check === check)!;
    // Both sides are quoted: every answer that made the check fire, raw and where it was read.
    for (const [id, raw] of Object.entries(bad)) {
      const side = f.answers.find((a) => a.id === id)!;
      expect(side.raw).toBe(raw);
      expect(side.location!.pointer).toBe(`/answers/${id}`);
    }
    expect(checks(evaluate(await answers(good), bank), 'answer-conflict')).not.toContain(check);
  });

  it('every consistency check of the bank is exercised above', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(bank.consistency.map((c) => c.id)));
  });

  it('wrong-typed answers do not take part in checks', async () => {
    const r = evaluate(await answers({ 'data.training-on-inputs': 'No', 'data.training-opt-out': 'Probably yes' }), bank);
    expect(checks(r, 'answer-conflict')).toEqual([]);
    expect(r.findings.filter((f) => f.code === 'wrong-type').map((f) => f.answers[0]!.id)).toEqual(['data.training-opt-out']);
  });
});

describe('answers that contradict the contract (SR-CONSISTENCY)', () => {
  const trainingClause = 'Provider may use Customer Data, including prompts and outputs, to train and improve its models.';

  it('"we do not train on customer data" vs a clause letting the vendor improve its models with customer content', async () => {
    const set = await answers({ 'data.training-on-inputs': 'No', 'data.training-on-outputs': 'No' });
    const doc = contract({ 'DR-NO-TRAINING': { status: 'conflict', evidence: [{ quote: trainingClause, proves: 'conflict', section: '4.2' }] } });
    const r = evaluate(set, bank, { contract: doc });
    const f = r.findings.find((x) => x.check === 'training-denied-vs-contract')!;
    expect(f).toMatchObject({ code: 'contract-conflict', severity: 'critical', ids: ['SR-CONSISTENCY', 'DR-NO-TRAINING'] });
    expect(f.answers.map((a) => [a.id, a.raw])).toEqual([
      ['data.training-on-inputs', 'No'],
      ['data.training-on-outputs', 'No'],
    ]);
    expect(f.contract).toMatchObject({ path: 'contract.txt', requirement: 'DR-NO-TRAINING', status: 'conflict' });
    expect(f.contract!.evidence.map((e) => [e.section, e.quote])).toEqual([['4.2', trainingClause]]);
    expect(r.findings[0]).toBe(f);
    expect(questionnaireExitCode(r, 'high')).toBe(1);
    // The same answers against a contract that forbids training: no contradiction.
    const ok = evaluate(set, bank, { contract: contract({ 'DR-NO-TRAINING': { status: 'met', evidence: [{ quote: 'Provider shall not train on Customer Data.', proves: 'met' }] } }) });
    expect(checks(ok, 'contract-conflict')).toEqual([]);
  });

  it('"we train" vs a contract that forbids it is reported too', async () => {
    const r = evaluate(await answers({ 'data.training-on-inputs': 'Yes' }), bank, {
      contract: contract({ 'DR-NO-TRAINING': { status: 'met', evidence: [{ quote: 'Provider shall not train on Customer Data.', proves: 'met' }] } }),
    });
    expect(checks(r, 'contract-conflict')).toEqual(['training-admitted-vs-contract']);
  });

  it('"30-day retention" vs 90 days in the contract, and no finding when the periods agree', async () => {
    const doc = contract({
      'DR-RETENTION-PERIOD': { status: 'met', evidence: [{ quote: 'Provider shall retain Inputs and Outputs for ninety (90) days.', proves: 'met', days: 90, section: '5.4' }] },
    });
    const r = evaluate(await answers({ 'data.retention-inputs-days': '30 days', 'data.retention-outputs-days': 90 }), bank, { contract: doc });
    const found = r.findings.filter((f) => f.check === 'retention-days-vs-contract');
    expect(found).toHaveLength(1);
    expect(found[0]!.answers.map((a) => a.id)).toEqual(['data.retention-inputs-days']);
    expect(found[0]!.message).toMatch(/Answered: 30 days; the contract states: 90 days\.$/);
    expect(found[0]!.contract!.evidence).toEqual([expect.objectContaining({ section: '5.4', days: 90, quote: 'Provider shall retain Inputs and Outputs for ninety (90) days.' })]);
    expect(found[0]!.severity).toBe('high');
  });

  it('a period the clause states beside another one counts as stated', async () => {
    const doc = contract({
      'DR-RETENTION-PERIOD': { status: 'met', evidence: [{ quote: 'Audio is kept for fourteen (14) days and transcripts for ninety (90) days.', proves: 'met', days: 14 }] },
    });
    const r = evaluate(await answers({ 'data.retention-inputs-days': 14, 'data.retention-outputs-days': '90 days' }), bank, { contract: doc });
    expect(checks(r, 'contract-conflict')).toEqual([]);
  });

  it('"indefinitely" vs a bounded contract, and a bounded answer vs indefinite retention in the contract', async () => {
    const bounded = contract({ 'DR-RETENTION-PERIOD': { status: 'met', evidence: [{ quote: 'Inputs are deleted after 30 days.', proves: 'met', days: 30 }] } });
    const r1 = evaluate(await answers({ 'data.retention-logs-days': 'Indefinitely' }), bank, { contract: bounded });
    expect(r1.findings.find((f) => f.check === 'retention-days-vs-contract')!.message).toMatch(/Answered: no limit; the contract states: 30 days\./);
    const forever = contract({ 'DR-RETENTION-PERIOD': { status: 'conflict', evidence: [{ quote: 'Vendor may retain Client Data indefinitely.', proves: 'conflict' }] } });
    const r2 = evaluate(await answers({ 'data.retention-inputs-days': 30 }), bank, { contract: forever });
    expect(checks(r2, 'contract-conflict')).toEqual(['retention-bounded-vs-contract']);
  });

  it('"SOC 2 report available" vs no audit clause; a contract with an audit report clause is fine', async () => {
    const set = await answers({ 'certifications.soc2-type2': 'Yes', 'certifications.soc2-report-to-customer': 'Yes' });
    const r = evaluate(set, bank, { contract: contract({}) });
    const f = r.findings.find((x) => x.check === 'audit-report-vs-contract')!;
    expect(f).toMatchObject({ severity: 'medium', ids: ['SR-CONSISTENCY', 'AD-AUDIT-REPORT'], contract: { status: 'missing', evidence: [] } });
    const ok = evaluate(set, bank, { contract: contract({ 'AD-AUDIT-REPORT': { status: 'met', evidence: [{ quote: 'Provider shall give Customer its SOC 2 Type II report.', proves: 'met' }] } }) });
    expect(checks(ok, 'contract-conflict')).toEqual([]);
  });

  it('"no de-identified use" vs a de-identified carve-out, but not vs another partial clause', async () => {
    const set = await answers({ 'data.training-on-inputs': 'No', 'data.deidentified-use': 'No' });
    const carve = 'Provider may use de-identified and aggregated data derived from transcripts to improve its models.';
    const other = 'Provider shall process personal data only on documented instructions.';
    const r = evaluate(set, bank, { contract: contract({ 'DR-NO-TRAINING': { status: 'partial', evidence: [{ quote: other, proves: 'partial' }, { quote: carve, proves: 'partial' }] } }) });
    const f = r.findings.find((x) => x.check === 'deidentified-denied-vs-contract')!;
    expect(f.contract!.evidence.map((e) => e.quote)).toEqual([carve]);
    const r2 = evaluate(set, bank, { contract: contract({ 'DR-NO-TRAINING': { status: 'partial', evidence: [{ quote: other, proves: 'partial' }] } }) });
    expect(checks(r2, 'contract-conflict')).toEqual([]);
  });

  it('breach notice in hours is compared in the same unit', async () => {
    const doc = contract({ 'DR-BREACH-NOTICE': { status: 'met', evidence: [{ quote: 'Provider shall notify Customer within seventy-two (72) hours.', proves: 'met', days: 3 }] } });
    expect(checks(evaluate(await answers({ 'data.breach-notice-hours': 72 }), bank, { contract: doc }), 'contract-conflict')).toEqual([]);
    const r = evaluate(await answers({ 'data.breach-notice-hours': '24 hours' }), bank, { contract: doc });
    expect(r.findings.find((f) => f.check === 'breach-notice-vs-contract')!.message).toMatch(/Answered: 24 hours; the contract states: 72 hours\./);
  });

  it('no contract, no contract findings', async () => {
    const r = evaluate(await answers({ 'data.training-on-inputs': 'No' }), bank);
    expect(r.contract).toBeNull();
    expect(checks(r, 'contract-conflict')).toEqual([]);
  });
});

describe('unanswered questions and the exit code', () => {
  it('reports unanswered questions that apply: key ones medium, others low; skips questions that do not apply', async () => {
    const r = evaluate(await answers({ 'company.parent-name': 'None', 'incidents.security-breach': 'No' }), bank);
    const ids = r.findings.filter((f) => f.code === 'unanswered').map((f) => f.answers[0]!.id);
    expect(ids).not.toContain('company.parent-country');
    expect(ids).not.toContain('incidents.details');
    expect(ids).toContain('company.ultimate-owner-country');
    expect(r.findings.find((f) => f.answers[0]!.id === 'company.legal-name')!.severity).toBe('medium');
    expect(r.findings.find((f) => f.answers[0]!.id === 'company.headquarters-country')!.severity).toBe('low');
    // parent-country and incidents.details do not apply: counted as not applicable, not as unanswered.
    expect(r.summary.unanswered).toBe(ids.length);
    expect(r.summary.notApplicable).toBe(3);
    expect(r.summary.answered + r.summary.unanswered + r.summary.notApplicable).toBe(bank.questions.length);
    expect(questionnaireExitCode(r, 'high')).toBe(0);
    expect(questionnaireExitCode(r, 'medium')).toBe(1);
    expect(questionnaireExitCode(r, 'none')).toBe(0);
  });

  it('a yes to an incident makes its details due', async () => {
    const r = evaluate(await answers({ 'incidents.distillation': 'Yes' }), bank);
    expect(r.findings.some((f) => f.code === 'unanswered' && f.answers[0]!.id === 'incidents.details')).toBe(true);
  });
});
