// npm run fuzz -- --seconds N --seed S [--hang-seconds H] [--memory-mb M]
// Mutation fuzzing of every input kind the tool reads (PDF, DOCX, text, XLSX, CSV, JSON and YAML
// answers, mappings, playbooks, rules, vendor profiles, screening lists, allowlists), made from the
// shipped samples and run in-process through the CLI's entry point in a worker thread
// (scripts/fuzz/worker.mjs, on dist/: run `npm run build` first). Each outcome is a report, an input
// error (one line naming the file, exit 2) or a failure: an internal error, a message that leaks
// internals, an unhandled rejection, a hang past the limit or the worker running out of memory.
// Inputs are a function of the seed and their number, so a seed always gives the same sequence.
// Failing inputs stay in the printed temp folder. Exit 1 when any input failed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
}

const seconds = arg('seconds', 60);
const seed = arg('seed', 1);
const hangMs = arg('hang-seconds', 30) * 1000;
const memoryMb = arg('memory-mb', 1024);
const outDir = mkdtempSync(join(tmpdir(), `clausecheck-fuzz-${seed}-`));
const WORKER = new URL('./fuzz/worker.mjs', import.meta.url);

interface Failure {
  i: number;
  kind: string;
  dir: string;
  detail: string;
}
const counts: Record<string, number> = { report: 0, 'input-error': 0, failure: 0 };
const byKind = new Map<string, Record<string, number>>();
const failures: Failure[] = [];
const deadline = Date.now() + seconds * 1000;

function count(kind: string, cls: string): void {
  counts[cls] = (counts[cls] ?? 0) + 1;
  const k = byKind.get(kind) ?? {};
  k[cls] = (k[cls] ?? 0) + 1;
  byKind.set(kind, k);
}

/** Run inputs from `start` in one worker until time is up; resolves with the next index to run, or -1 when done. */
function runFrom(start: number): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { workerData: { seed, outDir }, resourceLimits: { maxOldGenerationSizeMb: memoryMb }, stdout: true, stderr: true });
    let current: { i: number; kind: string; dir: string } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let next = start;
    let settled = false;
    const finish = (v: number): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      void worker.terminate();
      resolve(v);
    };
    const lose = (detail: string): void => {
      // The input in work killed or hung the worker: a failure; go on from the next one.
      const at = current ?? { i: next, kind: '?', dir: '' };
      count(at.kind, 'failure');
      failures.push({ ...at, detail });
      finish(at.i + 1);
    };
    const send = (): void => {
      if (Date.now() >= deadline) return finish(-1);
      worker.postMessage(next);
    };
    worker.on('message', (m: { type: string; i: number; kind: string; dir: string; cls: string; detail?: string }) => {
      if (m.type === 'ready') return send();
      if (m.type === 'start') {
        current = { i: m.i, kind: m.kind, dir: m.dir };
        timer = setTimeout(() => lose(`hang: no outcome within ${hangMs / 1000} s`), hangMs);
        return;
      }
      clearTimeout(timer);
      count(m.kind, m.cls);
      if (m.cls === 'failure') failures.push({ i: m.i, kind: m.kind, dir: m.dir, detail: m.detail ?? '' });
      current = undefined;
      next = m.i + 1;
      send();
    });
    worker.on('error', (e: Error & { code?: string }) => lose(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `out of memory (over ${memoryMb} MB)` : `worker error: ${e.message.split('\n')[0]}`));
    worker.on('exit', (code) => {
      if (!settled) lose(`worker exited with code ${code}`);
    });
  });
}

let next = 0;
while (next >= 0) next = await runFrom(next);

const total = counts.report! + counts['input-error']! + counts.failure!;
console.log(`fuzz: seed ${seed}, ${seconds} s: ${total} inputs: ${counts.report} report, ${counts['input-error']} input error, ${counts.failure} failure`);
for (const [kind, c] of [...byKind].sort()) console.log(`  ${kind.padEnd(14)} ${Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ')}`);
for (const f of failures) console.log(`FAIL #${f.i} ${f.kind}: ${f.detail}${f.dir ? `  (input: ${f.dir})` : ''}`);
if (failures.length === 0) rmSync(outDir, { recursive: true, force: true });
else console.log(`failing inputs kept in ${outDir}`);
process.exit(failures.length ? 1 : 0);
