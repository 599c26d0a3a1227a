// Run every rule's own examples: `invalid` sentences must make the rule fire, `valid` ones must
// not; `todo-*` cases are expected failures, and a todo that starts passing is reported.
// A feature, not a pipeline stage: it drives ingest, segment and engine, so it sits above src/rules/.
import { compileRules } from '../engine/compile.js';
import { runRules } from '../engine/run.js';
import { buildSource } from '../ingest/source.js';
import { segment } from '../segment/index.js';
import type { RuleSet } from '../rules/load.js';

export interface CaseResult {
  rule: string;
  file: string;
  kind: 'invalid' | 'valid' | 'todo-invalid' | 'todo-valid';
  text: string;
  fired: boolean;
  /** Passed for normal cases; for todo cases, "still failing as expected". */
  ok: boolean;
}

export interface RuleTestSummary {
  cases: CaseResult[];
  passed: number;
  failed: number;
  todo: number;
  /** todo cases that now pass (should be promoted). */
  fixedTodos: number;
}

export function fires(ruleSet: RuleSet, compiled: ReturnType<typeof compileRules>, ruleId: string, text: string): boolean {
  const source = buildSource('<test>', 'txt', [text], Buffer.from(text));
  const findings = runRules(segment(source), compiled, { only: new Set([ruleId]) });
  return findings.some((f) => f.rule === ruleId);
}

export function testRules(set: RuleSet, only?: (ruleId: string) => boolean): RuleTestSummary {
  const compiled = compileRules(set);
  const cases: CaseResult[] = [];
  for (const rule of set.rules) {
    if (only && !only(rule.id)) continue;
    const t = rule.tests;
    const run = (kind: CaseResult['kind'], list: string[] | undefined, mustFire: boolean, todo: boolean) => {
      for (const text of list ?? []) {
        const fired = fires(set, compiled, rule.id, text);
        const pass = fired === mustFire;
        cases.push({ rule: rule.id, file: rule.file, kind, text, fired, ok: todo ? !pass : pass });
      }
    };
    run('invalid', t.invalid, true, false);
    run('valid', t.valid, false, false);
    run('todo-invalid', t['todo-invalid'], true, true);
    run('todo-valid', t['todo-valid'], false, true);
  }
  const normal = cases.filter((c) => !c.kind.startsWith('todo'));
  const todos = cases.filter((c) => c.kind.startsWith('todo'));
  return {
    cases,
    passed: normal.filter((c) => c.ok).length,
    failed: normal.filter((c) => !c.ok).length,
    todo: todos.length,
    fixedTodos: todos.filter((c) => !c.ok).length,
  };
}
