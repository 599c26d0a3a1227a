// Reads vitest's JSON report and the results of the other CI steps, and prints an honest count:
//   passed  = tests that passed + CI steps that passed
//   failed  = tests that failed + test files that failed outside a test (import error, failing
//             hook) + CI steps that failed + 1 when vitest wrote no report or exited non-zero with
//             nothing counted as failed
//   skipped = skipped and todo tests, each listed by name (a skip is never silent)
// The last line is "N passed, N failed"; the skipped count is on the line before it.
// Usage: node .ci/summary.mjs REPORT.json VITEST_EXIT_CODE [STEP=EXIT_CODE ...]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export function summarize(report, vitestExit, steps) {
  const lines = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (!report) {
    lines.push('vitest wrote no JSON report: counted as 1 failure');
    failed += 1;
  } else {
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    for (const file of report.testResults ?? []) {
      const name = relative(process.cwd(), file.name ?? '?');
      const tests = file.assertionResults ?? [];
      if (file.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
        failed += 1;
        lines.push(`file failed outside a test: ${name}: ${(file.message || 'no message').split('\n')[0]}`);
      }
      for (const t of tests) {
        if (t.status === 'failed') lines.push(`failed: ${name} > ${t.fullName}`);
        if (t.status === 'skipped' || t.status === 'pending' || t.status === 'todo' || t.status === 'disabled') {
          skipped += 1;
          lines.push(`skipped (${t.status}): ${name} > ${t.fullName}`);
        }
      }
    }
    if (vitestExit !== 0 && failed === 0) {
      lines.push(`vitest exited with code ${vitestExit} but its report counts no failure: counted as 1 failure`);
      failed += 1;
    }
  }
  for (const [step, code] of steps) {
    if (code === 0) passed += 1;
    else {
      failed += 1;
      lines.push(`CI step failed: ${step} (exit code ${code})`);
    }
  }
  lines.push(`${skipped} skipped`);
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed, skipped };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, exit, ...rest] = process.argv.slice(2);
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    report = undefined;
  }
  const steps = rest.map((s) => {
    const i = s.lastIndexOf('=');
    return [s.slice(0, i), Number(s.slice(i + 1))];
  });
  const { lines, failed } = summarize(report, Number(exit), steps);
  console.log(lines.join('\n'));
  process.exit(failed > 0 ? 1 : 0);
}
