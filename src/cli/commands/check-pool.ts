// `check` over many files: one document at a time in this thread (--jobs 1), or on a pool of worker
// threads (--jobs N). Either way results come back in input order through `onDocument`, so the
// report is byte-identical whatever the number of jobs, and a streaming format can write each
// document as soon as every earlier one is done. The first failing file in input order stops the
// batch with its error, as a sequential run would.
// For --format jsonl each thread turns its documents into their output lines (checkBatchJsonl): the
// main thread then only writes strings, and holds nothing per document.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkSource, compiledRulesFor, readForCheck } from '../../check/index.js';
import type { CompiledRules } from '../../engine/compile.js';
import type { OcrMode } from '../../ingest/ocr/apply.js';
import type { StdinFormat } from '../../ingest/stdin.js';
import { type Playbook, loadPlaybook } from '../../playbook/index.js';
import type { DocumentReport } from '../../types.js';
import { InputError } from '../../types.js';
import { type JsonlDocument, jsonlDocument } from './check-line.js';

export interface BatchOptions {
  rulesDir?: string;
  /** Playbook name or file; null: none. */
  playbook: string | null;
  maxBytes?: number;
  pdfReader?: 'auto' | 'poppler' | 'pdfjs';
  /** Format of `<stdin>` (standard input) when it is among the files. */
  stdinFormat?: StdinFormat;
  ocr?: OcrMode;
  timings?: boolean;
}

/** Number of jobs when --jobs is not given: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** What each thread makes of a document: its report, or its jsonl line (with the line map: partial). */
type Produce = 'report' | 'jsonl' | 'jsonl-partial';
type WorkerError = { kind: 'input'; file: string; message: string } | { kind: 'other'; message: string; props: Record<string, unknown> };
type Reply<R> = { id: number; ok: true; value: R } | { id: number; ok: false; err: WorkerError };
/** What a worker thread is started with. */
interface PoolData {
  clausecheckBatch: BatchOptions;
  produce: Produce;
}

function toWorkerError(err: unknown): WorkerError {
  if (err instanceof InputError) return { kind: 'input', file: err.file, message: err.message };
  // File-system errors keep code, path and syscall: the CLI names the file from them.
  const props: Record<string, unknown> = {};
  for (const k of ['code', 'path', 'syscall', 'errno']) if (err && typeof err === 'object' && k in err) props[k] = (err as Record<string, unknown>)[k];
  return { kind: 'other', message: err instanceof Error ? err.message : String(err), props };
}

function fromWorkerError(e: WorkerError): Error {
  if (e.kind === 'input') return new InputError(e.file, e.message);
  return Object.assign(new Error(e.message), e.props);
}

/** Everything a check of one file needs, loaded once per thread. */
class Checker {
  private compiled: CompiledRules;
  private playbook: Playbook | undefined;
  constructor(private opts: BatchOptions) {
    this.playbook = opts.playbook === null ? undefined : loadPlaybook(opts.playbook);
    this.compiled = compiledRulesFor(opts.rulesDir);
  }
  get playbookName(): string {
    return this.playbook?.name ?? 'none';
  }
  async check(file: string): Promise<DocumentReport> {
    const t0 = performance.now();
    const source = await readForCheck(file, { maxBytes: this.opts.maxBytes, pdfReader: this.opts.pdfReader, stdinFormat: this.opts.stdinFormat, ocr: this.opts.ocr });
    return checkSource(source, this.compiled, this.opts.timings, performance.now() - t0, this.playbook);
  }
  async produce(file: string, what: Produce): Promise<DocumentReport | JsonlDocument> {
    const doc = await this.check(file);
    return what === 'report' ? doc : jsonlDocument(doc, what === 'jsonl-partial');
  }
}

/** Files done / total, rate and ETA on stderr, redrawn at most 10 times a second; only on a terminal. */
export class Progress {
  private done = 0;
  private last = 0;
  private readonly start = performance.now();
  private readonly on: boolean;
  constructor(private total: number) {
    // The count first: process.stderr is a stream built on first access (net and tty for a pipe or a terminal), which one file never needs.
    this.on = total > 1 && process.stderr.isTTY === true;
  }
  tick(): void {
    this.done++;
    if (!this.on) return;
    const now = performance.now();
    if (now - this.last < 100 && this.done < this.total) return;
    this.last = now;
    const secs = (now - this.start) / 1000;
    const rate = this.done / Math.max(secs, 1e-3);
    const eta = (this.total - this.done) / Math.max(rate, 1e-9);
    process.stderr.write(`\r\x1b[K${this.done}/${this.total} files  ${rate.toFixed(1)}/s  ETA ${eta < 1 ? '0' : eta.toFixed(0)} s`);
  }
  finish(): void {
    if (this.on) process.stderr.write('\r\x1b[K');
  }
}

/**
 * Check `files` and call `onDocument` with each report in input order. Returns the playbook name
 * the reports were made with. `jobs` above 1 (and more than one file) uses worker threads.
 */
export function checkBatch(
  files: string[],
  opts: BatchOptions,
  jobs: number,
  onDocument: (doc: DocumentReport, index: number) => void,
  onStart?: (playbookName: string) => void,
): Promise<string> {
  return runBatch<DocumentReport>(files, opts, jobs, 'report', onDocument, onStart);
}

/**
 * `checkBatch` for --format jsonl: each document comes as its output line (`partial`: with the
 * line map, for a shard) and the fields the exit code needs, made on the thread that checked it.
 */
export function checkBatchJsonl(
  files: string[],
  opts: BatchOptions,
  jobs: number,
  partial: boolean,
  onDocument: (doc: JsonlDocument, index: number) => void,
  onStart?: (playbookName: string) => void,
): Promise<string> {
  return runBatch<JsonlDocument>(files, opts, jobs, partial ? 'jsonl-partial' : 'jsonl', onDocument, onStart);
}

async function runBatch<R>(
  files: string[],
  opts: BatchOptions,
  jobs: number,
  produce: Produce,
  onDocument: (value: R, index: number) => void,
  onStart?: (playbookName: string) => void,
): Promise<string> {
  const progress = new Progress(files.length);
  try {
    // Loaded here first in every case, so a broken playbook or rules folder fails the same way.
    const local = new Checker(opts);
    onStart?.(local.playbookName);
    const n = Math.min(jobs, files.length);
    if (n <= 1) {
      for (const [i, f] of files.entries()) {
        onDocument((await local.produce(f, produce)) as R, i);
        progress.tick();
      }
      return local.playbookName;
    }
    await runPool<R>(files, { clausecheckBatch: opts, produce }, n, (value, i) => {
      onDocument(value, i);
      progress.tick();
    });
    return local.playbookName;
  } finally {
    progress.finish();
  }
}

/**
 * The young generation of each worker's heap, in MB. V8's default grows to 48 MB per heap over the
 * first thousand or so documents, so a long batch took ~30 MB more per worker than a short one; at
 * this size it is reached within the first documents. Measured with two workers against the
 * default: 20-25 MB less peak memory, no growth with the number of documents, the same CPU
 * (6 MB saved a little more memory but cost ~5% CPU on real contracts: more is promoted to the old
 * generation).
 */
const WORKER_YOUNG_MB = 12;

/** Defined (true) by the build in the bundled CLI (scripts/build-bundle.mjs). */
declare const CLAUSECHECK_BUNDLED: boolean | undefined;

/**
 * A worker thread running this module: in the bundled CLI, the bin script (which runs the bundle,
 * whose entry starts the worker side in a worker thread); from the TypeScript sources (tests, tsx)
 * it loads tsx first.
 */
function startWorker(workerData: PoolData): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  if (typeof CLAUSECHECK_BUNDLED !== 'undefined' && CLAUSECHECK_BUNDLED) return new Worker(new URL('../../../bin/clausecheck.js', import.meta.url), { workerData, resourceLimits });
  const url = new URL(import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits });
  // The ESM entry of tsx/esm/api (resolved through require, which finds its .cjs twin).
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const code = `import(${JSON.stringify(api)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}

function runPool<R>(files: string[], data: PoolData, n: number, emit: (value: R, index: number) => void): Promise<void> {
  return new Promise((resolvePool, rejectPool) => {
    const results = new Map<number, Reply<R>>();
    const workers: Worker[] = [];
    let nextTask = 0;
    let nextEmit = 0;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) rejectPool(err);
      else resolvePool();
    };
    const drain = () => {
      // Emit in input order; the first error in input order ends the batch.
      while (results.has(nextEmit)) {
        const r = results.get(nextEmit)!;
        results.delete(nextEmit);
        if (!r.ok) return finish(fromWorkerError(r.err));
        try {
          emit(r.value, nextEmit);
        } catch (err) {
          return finish(err as Error);
        }
        nextEmit++;
      }
      if (nextEmit === files.length) finish();
    };
    const feed = (w: Worker) => {
      // Bound the results waiting for an earlier slow file, so memory stays flat.
      if (nextTask < files.length && nextTask - nextEmit < 64 * n) {
        w.postMessage({ id: nextTask, file: files[nextTask] });
        nextTask++;
        return true;
      }
      return false;
    };
    const idle: Worker[] = [];
    for (let k = 0; k < n; k++) {
      const w = startWorker(data);
      workers.push(w);
      w.on('message', (r: Reply<R>) => {
        results.set(r.id, r);
        drain();
        if (settled) return;
        if (!feed(w)) idle.push(w);
        // A result emitted may free the window for idle workers.
        while (idle.length && feed(idle[0]!)) idle.shift();
      });
      w.on('error', (err) => finish(err));
      w.on('exit', (code) => {
        if (!settled && code !== 0) finish(new Error(`a worker stopped with code ${code}`));
      });
      if (!feed(w)) idle.push(w);
    }
    if (files.length === 0) finish();
  });
}

// Worker side: load once, then check the files sent until the pool terminates the thread.
if (!isMainThread && parentPort && (workerData as Partial<PoolData> | undefined)?.clausecheckBatch) {
  const port = parentPort;
  const { clausecheckBatch: opts, produce } = workerData as PoolData;
  let checker: Checker | undefined;
  let loadError: WorkerError | undefined;
  try {
    checker = new Checker(opts);
  } catch (err) {
    loadError = toWorkerError(err);
  }
  port.on('message', async (m: { id: number; file: string }) => {
    let reply: Reply<DocumentReport | JsonlDocument>;
    if (!checker) reply = { id: m.id, ok: false, err: loadError! };
    else {
      try {
        reply = { id: m.id, ok: true, value: await checker.produce(m.file, produce) };
      } catch (err) {
        reply = { id: m.id, ok: false, err: toWorkerError(err) };
      }
    }
    port.postMessage(reply);
  });
}
