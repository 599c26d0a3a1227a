// Worker thread of `clausecheck portfolio`: builds the shared context (playbook, risk config,
// screening lists) once, then assesses the vendor folders it is sent, one message per vendor.
import { parentPort, workerData } from 'node:worker_threads';
import { RuleLoadError } from '../rules/load.js';
import { fsInputError } from '../read-file.js';
import { InputError } from '../types.js';
import { assessVendor, buildContext, type ContextOptions, type RiskContext } from './assess.js';

/** One vendor to assess, as sent to a worker (also used by portfolio.ts). */
export interface Task {
  index: number;
  profile: string;
  contracts: string[];
  questionnaire?: string;
  asOf: string;
}

let ctx: RiskContext | undefined;
let ctxError: unknown;
try {
  ctx = buildContext(workerData as ContextOptions);
} catch (err) {
  ctxError = err;
}

function reply(index: number, thrown: unknown): void {
  const err = fsInputError(thrown) ?? thrown;
  const input = err instanceof InputError;
  parentPort!.postMessage({
    index,
    ok: false,
    input,
    file: err instanceof InputError ? err.file : '',
    message: err instanceof Error ? err.message : String(err),
    ...(err instanceof RuleLoadError ? { ruleProblems: err.problems } : {}),
  });
}

parentPort!.on('message', (t: Task) => {
  if (!ctx) {
    reply(t.index, ctxError);
    return;
  }
  assessVendor(t.profile, ctx, { contracts: t.contracts, ...(t.questionnaire ? { questionnaire: t.questionnaire } : {}), asOf: t.asOf }).then(
    (assessment) => parentPort!.postMessage({ index: t.index, ok: true, assessment }),
    (err: unknown) => reply(t.index, err),
  );
});
