import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUIREMENT_IDS } from '../../src/catalog.js';
import { DEFAULT_QUESTIONNAIRE, loadQuestionnaire, parseQuestionnaire, SR_FACTORS } from '../../src/questionnaire/bank.js';
import { InputError } from '../../src/types.js';

const bank = loadQuestionnaire();
const source = readFileSync(DEFAULT_QUESTIONNAIRE, 'utf8');

describe('the shipped ai-vendor questionnaire', () => {
  it('has 40 to 60 questions with unique stable IDs prefixed by their group', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(40);
    expect(bank.questions.length).toBeLessThanOrEqual(60);
    const ids = bank.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of bank.questions) expect(q.id.startsWith(`${q.group}.`)).toBe(true);
  });

  it('covers the groups the issue asks for', () => {
    expect(bank.groups.map((g) => g.title)).toEqual([
      'Company and ownership',
      'Deployment and data flow',
      'Data retention and training',
      'Anti-distillation and abuse controls',
      'Export control and sanctions',
      'Certifications',
      'Incidents in the last 24 months',
    ]);
    for (const g of bank.groups) expect(bank.questions.some((q) => q.group === g.id)).toBe(true);
  });

  it('asks the questions named in the issue', () => {
    const has = (id: string) => expect(bank.questions.map((q) => q.id)).toContain(id);
    for (const id of [
      'company.incorporation-country',
      'company.parent-country',
      'company.ultimate-owner-country',
      'company.restricted-list',
      'deployment.model',
      'deployment.regions',
      'deployment.subprocessor-list',
      'data.training-on-inputs',
      'data.training-on-outputs',
      'data.training-consent',
      'data.retention-inputs-days',
      'data.retention-outputs-days',
      'data.retention-logs-days',
      'data.zero-retention-option',
      'data.deletion-days',
      'abuse.identity-verification',
      'abuse.rate-limits',
      'abuse.anomaly-detection',
      'abuse.watermarking',
      'abuse.protection-audit-report',
      'export.screening-program',
      'export.eccn',
      'export.foreign-person-controls',
      'export.government-directives',
      'certifications.soc2-type2',
      'certifications.iso27001',
      'certifications.iso42001',
      'incidents.security-breach',
    ])
      has(id);
  });

  it('links every question to catalog requirement or SR IDs, and uses every SR factor but SR-CONSISTENCY', () => {
    const known = new Set([...REQUIREMENT_IDS, ...SR_FACTORS]);
    for (const q of bank.questions) {
      expect(q.informs.length).toBeGreaterThan(0);
      for (const id of q.informs) expect(known.has(id), `${q.id} informs ${id}`).toBe(true);
    }
    const used = new Set(bank.questions.flatMap((q) => q.informs));
    for (const sr of SR_FACTORS.filter((s) => s !== 'SR-CONSISTENCY')) expect(used.has(sr), sr).toBe(true);
  });

  it('gives number questions a unit and choice questions choices', () => {
    for (const q of bank.questions) {
      if (q.type === 'number') expect(q.unit).toBeDefined();
      if (q.type === 'choice') expect(q.choices!.length).toBeGreaterThanOrEqual(2);
    }
    expect(bank.questions.find((q) => q.id === 'data.retention-inputs-days')!.unit).toBe('days');
    expect(bank.questions.find((q) => q.id === 'data.breach-notice-hours')!.unit).toBe('hours');
  });

  it('has answer-vs-answer and answer-vs-contract checks', () => {
    expect(bank.consistency.map((c) => c.id)).toContain('training-denied-but-opt-out');
    expect(bank.contract.map((c) => c.id)).toEqual(
      expect.arrayContaining(['training-denied-vs-contract', 'retention-days-vs-contract', 'audit-report-vs-contract']),
    );
  });
});

function bankError(text: string): string {
  try {
    parseQuestionnaire('bank.yaml', text);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const where = (err as InputError).file;
    return `${where.startsWith('bank.yaml:') ? `${where.slice('bank.yaml:'.length)}: ` : ''}${(err as Error).message}`;
  }
  throw new Error('no error');
}

describe('question bank validation', () => {
  it('points at an unknown field with line and column', () => {
    const bad = source.replace('    text: Country of incorporation of the contracting entity.\n', '    text: Country of incorporation of the contracting entity.\n    hint: x\n');
    expect(bankError(bad)).toMatch(/^\d+:5: unknown field 'hint' at \/questions\/1 \(allowed: .*\)$/);
  });

  it('rejects an unknown requirement or SR ID', () => {
    const bad = source.replace('informs: [SR-JURISDICTION]\n    key: true', 'informs: [SR-NOPE]\n    key: true');
    expect(bankError(bad)).toMatch(/^\d+:\d+: unknown requirement or SR factor "SR-NOPE"$/);
  });

  it('rejects a check naming a question that does not exist', () => {
    const bad = source.replace('{ question: data.training-opt-out, is: [\'yes\'] }', '{ question: data.training-opt-in, is: [\'yes\'] }');
    expect(bankError(bad)).toMatch(/^\d+:\d+: unknown question "data.training-opt-in"$/);
  });

  it('rejects a duplicate question ID and a value that is neither a kind nor a choice', () => {
    expect(bankError(source.replace('- id: company.headquarters-country', '- id: company.incorporation-country'))).toMatch(/question "company.incorporation-country" is defined twice/);
    expect(bankError(source.replace('is: [vendor-api]', 'is: [cloud]'))).toMatch(/"cloud" is not an answer kind or a choice of deployment.model/);
  });

  it('rejects a number question without a unit', () => {
    expect(bankError(source.replace('    type: number\n    unit: count\n    guidance: A whole number;', '    type: number\n    guidance: A whole number;'))).toMatch(/number question "deployment.subprocessor-count" needs a unit/);
  });
});
