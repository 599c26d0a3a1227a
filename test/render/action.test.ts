// action.yml: a composite action that writes SARIF with the CLI and uploads it (issue 12).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, string>; env?: Record<string, string> };

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };
  const steps = action.runs.steps;

  it('is a composite action that checks with --format sarif and then uploads that file', () => {
    expect(action.runs.using).toBe('composite');
    const check = steps.findIndex((s) => s.run?.includes('bin/clausecheck.js'));
    const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(check).toBeGreaterThanOrEqual(0);
    expect(upload).toBeGreaterThan(check);
    expect(steps[check]!.run).toContain('--format sarif -o "$CC_SARIF"');
    expect(steps[upload]!.with!.sarif_file).toBe('${{ inputs.sarif }}');
    // The step fails on gaps only after the upload.
    expect(steps.findIndex((s) => s.run?.includes('exit 1'))).toBeGreaterThan(upload);
  });

  it('passes inputs through the environment, never spliced into the script', () => {
    for (const s of steps) if (s.run) expect(s.run).not.toMatch(/\$\{\{\s*inputs\./);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'playbook', 'fail-on', 'baseline', 'sarif', 'upload']));
  });
});
