// What a loaded rule pack is: the rule objects the engine compiles, the term lists, and the error
// that lists every problem found while loading (file:line:col  code  message  (hint)).
import { formatProblem, type Problem } from '../load/yaml.js';
import type { BlockKind, Duration, ProvenStatus, Scope, Status } from '../types.js';

/** The rule language version this engine implements. */
export const ENGINE_VERSION = 1;

export type Cond = Record<string, unknown>;

/** A rule case: a sentence, or an object asserting the requirement's status, the quote and the value too. */
export type RuleCase = string | { text: string; status?: Status; quote?: string; value?: { amount?: number; unit?: Duration['unit']; days?: number } };

export interface RuleTests {
  invalid: RuleCase[];
  valid: RuleCase[];
  'todo-invalid'?: RuleCase[];
  'todo-valid'?: RuleCase[];
}

export interface RuleDef {
  id: string;
  file: string;
  pack: string;
  requirement: string;
  proves: ProvenStatus;
  title: string;
  description?: string;
  scope: Scope;
  carveOut: boolean;
  /** A partial finding that turns a conflict in the same clause into partial (an opt-out beside a grant). */
  softensConflict: boolean;
  extract?: 'duration';
  include: BlockKind[];
  references: string[];
  match: Cond;
  tests: RuleTests;
}

/**
 * A kind of defined term (`defined-terms: kinds:` in a terms file): a name the document defines, whose
 * definition head matches `definition`, counts as the phrases `countsAs` wherever it is used.
 */
export interface DefinedTermKind {
  name: string;
  /** Linear-time regex (RE2 syntax, case-insensitive) run on the head of the definition. */
  definition: string;
  /** How many words of the definition head may hold the match. */
  words: number;
  countsAs: string[];
}

/** The packs' defined-term kinds (shared file first, then packs in order) and names never taken as aliases. */
export interface DefinedTerms {
  kinds: DefinedTermKind[];
  ignore: string[];
}

export interface RuleSet {
  rules: RuleDef[];
  /** pack -> term name -> phrases; the pack '' holds rules/shared-terms.yaml. */
  terms: Map<string, Map<string, string[]>>;
  /** Defined-term kinds of every terms file (absent: the document's own names count as nothing). */
  definedTerms?: DefinedTerms;
  root: string;
}

export type RuleProblem = Problem;
export { formatProblem };

export class RuleLoadError extends Error {
  constructor(public readonly problems: RuleProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'RuleLoadError';
  }
}
