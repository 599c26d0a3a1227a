import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedSchema, validatorFor } from '../../src/load/schema.js';
import { cli } from '../cli/helpers.js';
import { loadXlsx, tmp } from './helpers.js';

const RULES = 'test/questionnaire/fixtures/rules';
const ANSWERS = 'test/questionnaire/fixtures/answers-clean.yaml';
const WEAK = 'test/questionnaire/fixtures/contract-weak.txt';
const STRONG = 'test/questionnaire/fixtures/contract-strong.txt';

describe('questionnaire check --contract (whole pipeline, test rule pack)', () => {
  it('reports each contradiction with the contract as SR-CONSISTENCY, quoting both sides; exit 1', () => {
    const r = cli(['questionnaire', 'check', ANSWERS, '--contract', WEAK, '--rules', RULES, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const v = validatorFor(shippedSchema('questionnaire-report.schema.json'));
    expect(v(report), JSON.stringify(v.errors)).toBe(true);
    expect(report.contract.path).toBe(WEAK);
    const byCheck = new Map(report.findings.filter((f: { code: string }) => f.code === 'contract-conflict').map((f: { check: string }) => [f.check, f]));
    expect([...byCheck.keys()].sort()).toEqual(['audit-report-vs-contract', 'retention-days-vs-contract', 'training-denied-vs-contract']);

    const text = readFileSync(WEAK, 'utf8');
    const training = byCheck.get('training-denied-vs-contract') as { severity: string; ids: string[]; answers: Array<{ id: string; raw: string }>; contract: { evidence: Array<{ quote: string; start: number; end: number }> } };
    expect(training.severity).toBe('critical');
    expect(training.ids).toEqual(['SR-CONSISTENCY', 'DR-NO-TRAINING']);
    expect(training.answers.map((a) => [a.id, a.raw])).toEqual([
      ['data.training-on-inputs', 'No'],
      ['data.training-on-outputs', 'No'],
    ]);
    expect(training.contract.evidence).toHaveLength(1);
    expect(training.contract.evidence[0]!.quote).toContain('Provider may use Customer Data, including prompts and outputs, to train and improve its models.');
    expect(text).toContain(training.contract.evidence[0]!.quote.replace(/^1\.1 /, ''));

    const retention = report.findings.filter((f: { check: string }) => f.check === 'retention-days-vs-contract');
    expect(retention.map((f: { answers: Array<{ id: string }> }) => f.answers[0]!.id)).toEqual(['data.retention-inputs-days', 'data.retention-outputs-days']);
    expect(retention[0].message).toMatch(/Answered: 30 days; the contract states: 90 days\./);
    expect(retention[0].contract.evidence[0].days).toBe(90);

    const audit = byCheck.get('audit-report-vs-contract') as { contract: { status: string; evidence: unknown[] } };
    expect(audit.contract).toMatchObject({ status: 'missing', evidence: [] });
  });

  it('the same answers agree with a contract that says the same: no contract conflict, exit 0', () => {
    const r = cli(['questionnaire', 'check', ANSWERS, '--contract', STRONG, '--rules', RULES, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.contractConflicts).toBe(0);
    expect(report.findings.filter((f: { code: string }) => f.code === 'contract-conflict')).toEqual([]);
  });

  it('terminal output quotes both sides; --fail-on none exits 0', () => {
    const r = cli(['questionnaire', 'check', ANSWERS, '--contract', WEAK, '--rules', RULES, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('! contract-conflict  [critical]  SR-CONSISTENCY DR-NO-TRAINING  (training-denied-vs-contract)');
    expect(r.stdout).toMatch(/answer {4}data\.training-on-inputs {3}line \d+:\d+  "No"/);
    expect(r.stdout).toMatch(/contract {2}p\.1 §1\.1 {2}"1\.1 Provider may use Customer Data/);
    expect(r.stdout).toMatch(/\n\d+ findings: 1 critical, 2 high, /);
  });

  it('--max-size that is not a number above 0 is a usage error, not a lifted limit', () => {
    for (const size of ['abc', '0', '-5']) {
      const r = cli(['questionnaire', 'check', ANSWERS, '--contract', WEAK, '--rules', RULES, '--max-size', size]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe('clausecheck: --max-size must be a number of MB above 0');
    }
  });

  it('writes md and html reports with --output', () => {
    const dir = tmp();
    for (const f of ['md', 'html']) {
      const out = join(dir, `r.${f}`);
      const r = cli(['questionnaire', 'check', ANSWERS, '--contract', WEAK, '--rules', RULES, '--format', f, '--output', out, '--fail-on', 'none']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const body = readFileSync(out, 'utf8');
      expect(body).toContain('training-denied-vs-contract');
      expect(body).toContain('Provider may use Customer Data, including prompts and outputs, to train and improve its models.');
    }
  });
});

describe('questionnaire template', () => {
  it('writes each format; the format comes from --format or the file extension', async () => {
    const dir = tmp();
    const xlsx = join(dir, 'q.xlsx');
    expect(cli(['questionnaire', 'template', '--output', xlsx]).code).toBe(0);
    const wb = await loadXlsx(readFileSync(xlsx));
    expect(wb.worksheets[0]!.name).toBe('Questionnaire');
    const csv = cli(['questionnaire', 'template', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\ufeffID,Group,Question,')).toBe(true);
    const json = cli(['questionnaire', 'template', '-f', 'json']);
    expect(JSON.parse(json.stdout).questionnaire).toBe('ai-vendor');
    const yamlOut = join(dir, 'q.yml');
    expect(cli(['questionnaire', 'template', '-o', yamlOut]).code).toBe(0);
    expect(readFileSync(yamlOut, 'utf8')).toContain('questionnaire: ai-vendor');
    // The written template reads back.
    const back = cli(['questionnaire', 'check', yamlOut, '--format', 'json']);
    expect(JSON.parse(back.stdout).summary.answered).toBe(0);
  });

  it('without a format it is a usage error (exit 2, one line)', () => {
    const r = cli(['questionnaire', 'template']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('clausecheck: say which format to write with --format (xlsx, csv, json, yaml) or give --output with one of those extensions');
    const dir = tmp();
    const bad = cli(['questionnaire', 'template', '-f', 'csv', '-o', join(dir, 'missing', 'q.csv')]);
    expect(bad.code).toBe(2);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
