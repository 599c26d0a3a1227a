// Playbooks: types (./types.ts), loading (./load.ts) and judging results (./apply.ts). A playbook is
// data: it sits below src/clauses, which reads it (applyPlaybook, with suggested clauses, is there).
export * from './types.js';
export { loadPlaybook } from './load.js';
export { judgeResults, LIMITS, limitNotes, requirementOf, severityFor } from './apply.js';
