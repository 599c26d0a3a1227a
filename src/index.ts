// clausecheck library API. The CLI (src/cli/) is a thin layer over these functions.
export * from './types.js';
export { REQUIREMENTS, REQUIREMENT_IDS, requirementById } from './catalog.js';
export {
  VERSION,
  DEFAULT_RULES_DIR,
  type CheckOptions,
  checkFiles,
  checkText,
  checkSource,
  compiledRulesFor,
  defaultSeverity,
  expandInputs,
} from './check/index.js';
export { ingest, formatOf, pageAt, sourceFromText } from './ingest/index.js';
export { segment, sentenceFacts } from './segment/index.js';
export { loadRules, RuleLoadError, formatProblem, type RuleDef, type RuleSet, type RuleProblem } from './rules/load.js';
export { testRules, type RuleTestSummary } from './rules-test/index.js';
export { compileRules, type CompiledRules } from './engine/compile.js';
export { runRules } from './engine/run.js';
export { aggregate } from './engine/status.js';
export { findDurations } from './engine/durations.js';
export { render, FORMATS, type ReportFormat, validateReport } from './render/index.js';
export { loadPlaybook, BUILTIN_PLAYBOOKS, type Playbook } from './playbook/index.js';
export { applyPlaybook } from './clauses/apply.js';
export { suggestClause, renderClause } from './clauses/index.js';
export { buildAddendum } from './clauses/addendum.js';
export { writeRedline } from './clauses/redline.js';
export { readAnswers, checkQuestionnaire, writeTemplate as writeQuestionnaireTemplate } from './questionnaire/index.js';
