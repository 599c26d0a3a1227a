// .ci/summary.mjs turns vitest's JSON report into CI's closing line; a failure must never vanish.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'cc-ci-summary-'));

function summary(report: unknown, exit: number, ...steps: string[]): { lines: string[]; status: number | null } {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.json`);
  if (report !== undefined) writeFileSync(file, JSON.stringify(report));
  const r = spawnSync(process.execPath, ['.ci/summary.mjs', file, String(exit), ...steps], { encoding: 'utf8' });
  return { lines: r.stdout.trim().split('\n'), status: r.status };
}

const test = (fullName: string, status: string) => ({ fullName, status });
const file = (name: string, status: string, assertionResults: object[], message = '') => ({ name, status, message, assertionResults });

describe('CI summary', () => {
  it('counts test files that failed to import as failures, besides failed tests', () => {
    const report = {
      numPassedTests: 1,
      numFailedTests: 1,
      testResults: [
        file(`${process.cwd()}/x/a.test.ts`, 'failed', [test('a works', 'passed'), test('a breaks', 'failed')]),
        file(`${process.cwd()}/x/b.test.ts`, 'failed', [], 'Cannot find module ./gone.js'),
        file(`${process.cwd()}/x/c.test.ts`, 'failed', [], 'SyntaxError'),
      ],
    };
    const { lines, status } = summary(report, 1);
    expect(lines.at(-1)).toBe('1 passed, 3 failed');
    expect(lines).toContain('file failed outside a test: x/b.test.ts: Cannot find module ./gone.js');
    expect(status).toBe(1);
  });

  it('lists and counts skipped and todo tests on the line before the count', () => {
    const report = {
      numPassedTests: 2,
      numFailedTests: 0,
      testResults: [file(`${process.cwd()}/x/a.test.ts`, 'passed', [test('one', 'passed'), test('two', 'passed'), test('needs pandoc', 'skipped'), test('later', 'todo')])],
    };
    const { lines, status } = summary(report, 0);
    expect(lines.slice(-2)).toEqual(['2 skipped', '2 passed, 0 failed']);
    expect(lines).toContain('skipped (skipped): x/a.test.ts > needs pandoc');
    expect(status).toBe(0);
  });

  it('counts a missing report as a failure', () => {
    const { lines, status } = summary(undefined, 1);
    expect(lines[0]).toMatch(/no JSON report/);
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
    expect(status).toBe(1);
  });

  it('counts a non-zero vitest exit with nothing failed in the report as a failure', () => {
    const report = { numPassedTests: 3, numFailedTests: 0, testResults: [file(`${process.cwd()}/x/a.test.ts`, 'passed', [test('t', 'passed')])] };
    expect(summary(report, 1).lines.at(-1)).toBe('3 passed, 1 failed');
  });

  it('adds each CI step: passed steps to passed, failed steps to failed', () => {
    const report = { numPassedTests: 3, numFailedTests: 0, testResults: [] };
    const { lines, status } = summary(report, 0, 'typecheck=0', 'depcheck=2');
    expect(lines.at(-1)).toBe('4 passed, 1 failed');
    expect(lines).toContain('CI step failed: depcheck (exit code 2)');
    expect(status).toBe(1);
  });
});
