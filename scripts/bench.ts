// npm run bench — speed and memory of `check` (a benchmark, never a unit test).
//  1. a generated ~100-page contract PDF: extraction / segmentation / rules / render times, rule
//     throughput in MB/s, peak memory, and poppler's pdftotext on the same file for reference;
//  2. a batch of 200 generated text contracts;
//  3. rule throughput with all packs loaded on a 2 MB text;
//  4. the 1,000-vendor portfolio run, when scripts/bench-portfolio.ts exists.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledRulesFor } from '../src/check/index.js';
import { runRules } from '../src/engine/run.js';
import { sourceFromText } from '../src/ingest/source.js';
import { segment } from '../src/segment/index.js';
import { generateLongContract, toSource, writePdf } from './lib/docgen.js';

const out = 'bench-out';
mkdirSync(out, { recursive: true });
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const ms = (x: number) => `${x.toFixed(0)} ms`;
const results: Record<string, unknown> = {};

// Rules load and compile once per run; report it separately.
let t = performance.now();
const compiled = compiledRulesFor();
const compileMs = performance.now() - t;
console.log(`rules: ${compiled.rules.length} rules, ${compiled.atomCount} atoms, load + compile ${ms(compileMs)}`);

// 1. The 100-page PDF, in a fresh process so that its peak memory is its own.
const pdfPath = join(out, 'long-contract.pdf');
if (!existsSync(pdfPath)) await writePdf(generateLongContract(100), pdfPath);
type PdfRun = { extractMs: number; segmentMs: number; rulesMs: number; renderMs: number; firstExtractMs: number; firstRulesMs: number; bytes: number; pages: number; maxRssMB: number };
const pdfRun = (runs: number): PdfRun => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-pdf.ts', pdfPath, String(runs)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench-pdf failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as PdfRun;
};
// One check in a fresh process gives the memory a user sees; three in one process give warm timings.
const cold = pdfRun(1);
const p = pdfRun(3);
const after = p.segmentMs + p.rulesMs + p.renderMs;
console.log(`\n100-page PDF: ${p.pages} pages, ${mb(p.bytes)} MB of text (best of 3 runs in one process; first run in brackets)`);
console.log(`  extraction    ${ms(p.extractMs)}  [${ms(p.firstExtractMs)}]  (pdf-parse)`);
console.log(`  segmentation  ${ms(p.segmentMs)}`);
console.log(`  rules         ${ms(p.rulesMs)}  [${ms(p.firstRulesMs)}]  (${(p.bytes / 1048576 / (p.rulesMs / 1000)).toFixed(1)} MB/s)`);
console.log(`  render        ${ms(p.renderMs)}  (mean of text, json, html, md, sarif)`);
console.log(`  after extraction: ${ms(after)} = ${((after / p.extractMs) * 100).toFixed(1)}% of extraction (target <= 25%)`);
console.log(`  cold (one check in a fresh process): extraction ${ms(cold.extractMs)}, after extraction ${ms(cold.segmentMs + cold.rulesMs + cold.renderMs)} = ${(((cold.segmentMs + cold.rulesMs + cold.renderMs) / cold.extractMs) * 100).toFixed(1)}%`);
// Peak memory of the real command (built CLI, no TypeScript loader in the process), via GNU time.
const timed = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'bin/clausecheck.js', 'check', pdfPath, '--format', 'json', '--output', join(out, 'long-contract.json'), '--fail-on', 'none'], { encoding: 'utf8' });
const cliRssMB = timed.status === 0 ? Number(timed.stderr.trim().split('\n').pop()) / 1024 : undefined;
console.log(`  peak RSS      ${cliRssMB === undefined ? `n/a (needs /usr/bin/time and npm run build)` : `${cliRssMB.toFixed(1)} MB`} for \`clausecheck check\` on it (target <= 300 MB); ${cold.maxRssMB.toFixed(0)} MB under the tsx loader`);
const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
let popplerMs: number | undefined;
if (pdftotext.status === 0 || pdftotext.stderr) {
  const t0 = performance.now();
  const r = spawnSync('pdftotext', [pdfPath, join(out, 'long-contract.txt')]);
  popplerMs = r.status === 0 ? performance.now() - t0 : undefined;
}
console.log(`  pdftotext     ${popplerMs === undefined ? 'not installed (apt-get install poppler-utils)' : ms(popplerMs)}  (reference floor)`);
results.pdf = { warm: p, cold, cliRssMB, afterExtractionPct: (after / p.extractMs) * 100, popplerMs };

// 2. A batch of 200 text contracts.
const texts = Array.from({ length: 200 }, (_v, i) => toSource(generateLongContract(2 + (i % 5), i + 7)));
t = performance.now();
let batchBytes = 0;
let batchRules = 0;
for (const [i, text] of texts.entries()) {
  batchBytes += Buffer.byteLength(text);
  const src = sourceFromText(`batch-${i}.txt`, 'txt', text, Buffer.from(text));
  const r0 = performance.now();
  runRules(segment(src), compiled);
  batchRules += performance.now() - r0;
}
const batchMs = performance.now() - t;
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(`\nbatch: 200 text contracts, ${mb(batchBytes)} MB: ${ms(batchMs)} total, ${(batchMs / 200).toFixed(1)} ms each (segment + rules), rules ${(batchBytes / 1048576 / (batchRules / 1000)).toFixed(1)} MB/s, max RSS of this process so far ${mb(maxRss)} MB`);
results.batch = { documents: 200, bytes: batchBytes, totalMs: batchMs, rulesMBps: batchBytes / 1048576 / (batchRules / 1000), maxRssMB: maxRss / 1048576 };

// 3. Rule throughput alone on a large text.
const big = texts.join('\n\n').repeat(2);
const bigSeg = segment(sourceFromText('big.txt', 'txt', big, Buffer.from(big)));
runRules(bigSeg, compiled); // warm-up: steady-state throughput, not the JIT's first pass
let bigMs = Infinity;
for (let i = 0; i < 3; i++) {
  t = performance.now();
  runRules(bigSeg, compiled);
  bigMs = Math.min(bigMs, performance.now() - t);
}
const mbps = Buffer.byteLength(big) / 1048576 / (bigMs / 1000);
console.log(`\nrule evaluation alone (best of 3 after a warm-up): ${mb(Buffer.byteLength(big))} MB in ${ms(bigMs)} = ${mbps.toFixed(1)} MB/s with all ${compiled.rules.length} rules (target >= 20 MB/s)`);
results.rulesMBps = mbps;

// 4. Portfolio, when that benchmark exists.
if (existsSync('scripts/bench-portfolio.ts')) {
  console.log('\nportfolio:');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-portfolio.ts'], { stdio: 'inherit' });
  if (r.status !== 0) console.log('  portfolio benchmark failed');
}
writeFileSync(join(out, 'bench.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten ${join(out, 'bench.json')}`);
