// Rule cases that assert more than "fires / does not fire": the requirement's status, the quoted
// span and the extracted value (test/rules/fixtures/asserting is a small pack using them).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleLoadError, loadRules } from '../../src/rules/load.js';
import { testRules } from '../../src/rules-test/index.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'asserting');

/** A copy of the fixture pack with one rule file edited. */
function edited(file: string, edit: (yaml: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'cc-cases-'));
  cpSync(FIXTURE, root, { recursive: true });
  const path = join(root, 'retention', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, 'the edit changed nothing').not.toBe(before);
  writeFileSync(path, after);
  return root;
}

function failures(root: string): string[] {
  return testRules(loadRules(root))
    .cases.filter((c) => !c.ok)
    .map((c) => `${c.rule} [${c.kind}] ${c.text} :: ${c.problems.join('; ')}`);
}

describe('object rule cases', () => {
  it('pass in the fixture pack, strings and objects side by side', () => {
    const set = loadRules(FIXTURE);
    const objects = set.rules.flatMap((r) => [...r.tests.invalid, ...r.tests.valid]).filter((c) => typeof c !== 'string');
    expect(objects.length).toBeGreaterThanOrEqual(8);
    expect(failures(FIXTURE)).toEqual([]);
  });

  it('fail on a wrong status, naming the status found', () => {
    const root = edited('backup-carve-out.yaml', (y) => y.replace('including any backups.\n      status: met', 'including any backups.\n      status: partial'));
    expect(failures(root)).toEqual([
      'retention/backup-carve-out [valid] Customer Data is deleted within 30 days, including any backups. :: DR-RETENTION-PERIOD is met, expected partial',
    ]);
  });

  it('judge the status with the carve-outs and conflicts of other rules of the requirement', () => {
    // period-met fires on this sentence, but the carve-out rule makes the requirement partial.
    const root = edited('period-met.yaml', (y) => y.replace('except copies held in backups.\n      status: partial', 'except copies held in backups.\n      status: met'));
    expect(failures(root)).toEqual([
      'retention/period-met [invalid] Provider purges Customer Data within thirty (30) days, except copies held in backups. :: DR-RETENTION-PERIOD is partial, expected met',
    ]);
  });

  it('fail on a wrong quote, naming the quote found', () => {
    const root = edited('period-met.yaml', (y) => y.replace('quote: Prompts are erased within 72 hours of receipt.', 'quote: Your prompts are kept only briefly.'));
    expect(failures(root)).toEqual([
      'retention/period-met [invalid] Your prompts are kept only briefly. Prompts are erased within 72 hours of receipt. :: quote is "Prompts are erased within 72 hours of receipt.", expected "Your prompts are kept only briefly."',
    ]);
  });

  it('fail on a wrong value, naming the value found', () => {
    const root = edited('period-met.yaml', (y) => y.replace('value: { amount: 72, unit: hour, days: 3 }', 'value: { days: 72 }'));
    expect(failures(root)).toEqual([
      'retention/period-met [invalid] Your prompts are kept only briefly. Prompts are erased within 72 hours of receipt. :: value is 72 hour (3 days), expected = 72 days',
    ]);
  });

  it('still fail when the rule does not fire, with every assertion that did not hold', () => {
    const root = edited('indefinite-conflict.yaml', (y) => y.replace('text: Provider may keep Customer Data indefinitely.', 'text: Provider may keep Customer Data for a year.'));
    expect(failures(root)).toEqual([
      'retention/indefinite-conflict [invalid] Provider may keep Customer Data for a year. :: should fire but did not; DR-RETENTION-PERIOD is missing, expected conflict',
    ]);
  });

  it('reject a quote or value on a valid case and unknown keys, with the file and line', () => {
    for (const [bad, key] of [
      ['text: Backups are encrypted.\n      quote: Backups are encrypted.', 'valid quote'],
      ['text: Backups are encrypted.\n      expected: met', 'unknown key'],
    ] as const) {
      const root = edited('backup-carve-out.yaml', (y) => y.replace('    - Backups are encrypted.', `    - ${bad}`));
      let err: unknown;
      try {
        loadRules(root);
      } catch (e) {
        err = e;
      }
      expect(err, key).toBeInstanceOf(RuleLoadError);
      expect((err as RuleLoadError).problems[0]!.file, key).toMatch(/backup-carve-out\.yaml$/);
    }
  });
});
