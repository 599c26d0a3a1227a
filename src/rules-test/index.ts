// Run every rule's own examples: `invalid` cases must make the rule fire, `valid` ones must not;
// `todo-*` cases are expected failures, and a todo that starts passing is reported.
// A case is a sentence or, like ESLint's RuleTester, an object that asserts more:
//   { text, status?, quote?, value? }
// status: the status the requirement gets from all its rules in the set; quote: the exact quote of
// one of this rule's findings; value: the duration it extracted (amount, unit, days).
// A feature, not a pipeline stage: it drives ingest, segment and engine, so it sits above src/rules/.
import { compileRules } from '../engine/compile.js';
import { runRules } from '../engine/run.js';
import { aggregate } from '../engine/status.js';
import { buildSource } from '../ingest/source.js';
import { segment } from '../segment/index.js';
import type { Finding, Status } from '../types.js';
import type { RuleCase, RuleDef, RuleSet } from '../rules/load.js';

export interface CaseResult {
  rule: string;
  file: string;
  kind: 'invalid' | 'valid' | 'todo-invalid' | 'todo-valid';
  text: string;
  fired: boolean;
  /** Passed for normal cases; for todo cases, "still failing as expected". */
  ok: boolean;
  /** What did not hold (empty when the case passed). */
  problems: string[];
}

export interface RuleTestSummary {
  cases: CaseResult[];
  passed: number;
  failed: number;
  todo: number;
  /** todo cases that now pass (should be promoted). */
  fixedTodos: number;
}

type Compiled = ReturnType<typeof compileRules>;

function findingsOf(compiled: Compiled, only: Set<string>, text: string): Finding[] {
  const source = buildSource('<test>', 'txt', [text], Buffer.from(text));
  return runRules(segment(source), compiled, { only });
}

export function fires(_ruleSet: RuleSet, compiled: Compiled, ruleId: string, text: string): boolean {
  return findingsOf(compiled, new Set([ruleId]), text).some((f) => f.rule === ruleId);
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Check one case; returns whether the rule fired and what did not hold. */
export function checkCase(set: RuleSet, compiled: Compiled, rule: RuleDef, c: RuleCase, mustFire: boolean): { fired: boolean; problems: string[] } {
  const text = typeof c === 'string' ? c : c.text;
  if (typeof c === 'string' || c.status === undefined) {
    const own = findingsOf(compiled, new Set([rule.id]), text).filter((f) => f.rule === rule.id);
    return { fired: own.length > 0, problems: assertions(rule, c, mustFire, own, undefined) };
  }
  // The status needs every rule of the requirement (carve-outs, softeners, stronger rules).
  const ids = new Set(set.rules.filter((r) => r.requirement === rule.requirement).map((r) => r.id));
  const all = findingsOf(compiled, ids, text);
  const own = all.filter((f) => f.rule === rule.id);
  const status = aggregate(all).find((s) => s.id === rule.requirement)?.status ?? 'missing';
  return { fired: own.length > 0, problems: assertions(rule, c, mustFire, own, status) };
}

function assertions(rule: RuleDef, c: RuleCase, mustFire: boolean, own: Finding[], status: Status | undefined): string[] {
  const problems: string[] = [];
  const fired = own.length > 0;
  if (fired !== mustFire) problems.push(mustFire ? 'should fire but did not' : 'fired but should not');
  if (typeof c === 'string') return problems;
  if (c.status !== undefined && status !== c.status) problems.push(`${rule.requirement} is ${status}, expected ${c.status}`);
  if (c.quote !== undefined && fired && !own.some((f) => norm(f.quote) === norm(c.quote!))) {
    problems.push(`quote is "${norm(own[0]!.quote)}", expected "${norm(c.quote)}"`);
  }
  if (c.value !== undefined && fired) {
    const want = c.value;
    const values = own.map((f) => f.value).filter((v) => v !== undefined);
    const match = values.some(
      (v) => (want.amount === undefined || v.amount === want.amount) && (want.unit === undefined || v.unit === want.unit) && (want.days === undefined || Math.abs(v.days - want.days) < 1e-9),
    );
    if (!match) {
      const got = values.length ? values.map((v) => `${v.amount} ${v.unit} (${v.days} days)`).join(', ') : 'no value';
      const wanted = [want.amount, want.unit, want.days !== undefined ? `= ${want.days} days` : undefined].filter((x) => x !== undefined).join(' ');
      problems.push(`value is ${got}, expected ${wanted}`);
    }
  }
  return problems;
}

export function caseText(c: RuleCase): string {
  return typeof c === 'string' ? c : c.text;
}

export function testRules(set: RuleSet, only?: (ruleId: string) => boolean): RuleTestSummary {
  const compiled = compileRules(set);
  const cases: CaseResult[] = [];
  for (const rule of set.rules) {
    if (only && !only(rule.id)) continue;
    const t = rule.tests;
    const run = (kind: CaseResult['kind'], list: RuleCase[] | undefined, mustFire: boolean, todo: boolean) => {
      for (const c of list ?? []) {
        const { fired, problems } = checkCase(set, compiled, rule, c, mustFire);
        const pass = problems.length === 0;
        cases.push({ rule: rule.id, file: rule.file, kind, text: caseText(c), fired, ok: todo ? !pass : pass, problems });
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
