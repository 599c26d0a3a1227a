// The worker-thread pool of `clausecheck portfolio`: one task (vendor folder) at a time per worker,
// results placed by task index; errors cross the thread as data and are rebuilt here.
import { Worker } from 'node:worker_threads';
import { RuleLoadError, type RuleProblem } from '../rules/load.js';
import { InputError } from '../types.js';
import type { ContextOptions, RiskAssessment } from './assess.js';
import type { Task } from './portfolio-worker.js';

type WorkerReply =
  | { index: number; ok: true; assessment: RiskAssessment }
  | { index: number; ok: false; input: boolean; file: string; message: string; ruleProblems?: RuleProblem[] };

/** True when this module runs from its TypeScript source (tests, scripts) rather than the build. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * A worker thread running portfolio-worker beside this file: the .js one in the built package, the
 * .ts one from source. Node 20 does not pass the process's --import loaders on to worker threads,
 * so a run from source names a module (`workerPreload`: a TypeScript loader) each worker imports
 * first; the built package needs none and no dev tool is loaded from here.
 */
function workerFor(ctxOptions: ContextOptions, preload: string | undefined): Worker {
  const worker = new URL(FROM_SOURCE ? './portfolio-worker.ts' : './portfolio-worker.js', import.meta.url);
  if (!preload) return new Worker(worker, { workerData: ctxOptions });
  const code = `import(${JSON.stringify(preload)}).then(() => import(${JSON.stringify(worker.href)}));`;
  return new Worker(code, { eval: true, workerData: ctxOptions });
}

export async function runInWorkers(tasks: Task[], jobs: number, ctxOptions: ContextOptions, preload: string | undefined, onDone: (i: number) => void): Promise<RiskAssessment[]> {
  const results: RiskAssessment[] = new Array(tasks.length);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolvePromise, reject) => {
      let failed = false;
      const fail = (err: Error): void => {
        if (failed) return;
        failed = true;
        reject(err);
      };
      const feed = (w: Worker): void => {
        if (next < tasks.length) w.postMessage(tasks[next++]);
      };
      for (let k = 0; k < jobs; k++) {
        const w = workerFor(ctxOptions, preload);
        workers.push(w);
        w.on('message', (m: WorkerReply) => {
          if (failed) return;
          if (!m.ok) {
            // Errors cross the thread as data: rebuild the kinds the CLI reports in its own format.
            fail(m.input ? new InputError(m.file, m.message) : m.ruleProblems ? new RuleLoadError(m.ruleProblems) : new Error(m.message));
            return;
          }
          results[m.index] = m.assessment;
          done++;
          onDone(m.index);
          if (done === tasks.length) resolvePromise();
          else feed(w);
        });
        w.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
        w.on('exit', (code) => {
          if (code !== 0 && done < tasks.length) fail(new Error(`a portfolio worker stopped (exit code ${code})`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
