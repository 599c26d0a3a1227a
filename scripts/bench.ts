// npm run bench — speed and memory of `check` (a benchmark, never a unit test).
//  1. a generated ~100-page contract PDF: extraction / segmentation / rules / render times, rule
//     throughput in MB/s, peak memory, and poppler's pdftotext on the same file for reference;
//  2. a batch of 200 generated text contracts;
//  3. rule throughput with all packs loaded on a 2 MB text;
//  4. the 1,000-vendor portfolio run, when scripts/bench-portfolio.ts exists.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSource, compiledRulesFor } from '../src/check.js';
import { runRules } from '../src/engine/run.js';
import { ingest } from '../src/ingest/index.js';
import { sourceFromText } from '../src/ingest/source.js';
import { render } from '../src/render/index.js';
import { segment } from '../src/segment/index.js';
import type { Report } from '../src/types.js';
import { generateLongContract, toSource, writePdf } from './lib/docgen.js';

const out = 'bench-out';
mkdirSync(out, { recursive: true });
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const ms = (x: number) => `${x.toFixed(0)} ms`;
const results: Record<string, unknown> = {};

// Rules load and compile once per run; report it separately.
let t = performance.now();
const compiled = compiledRulesFor();
const compileMs = performance.now() - t;
console.log(`rules: ${compiled.rules.length} rules, ${compiled.atomCount} atoms, load + compile ${ms(compileMs)}`);

// 1. The 100-page PDF.
const pdfPath = join(out, 'long-contract.pdf');
if (!existsSync(pdfPath)) await writePdf(generateLongContract(100), pdfPath);
peakRss = 0;
t = performance.now();
const source = await ingest(pdfPath);
const extractMs = performance.now() - t;
t = performance.now();
const seg = segment(source);
const segmentMs = performance.now() - t;
t = performance.now();
runRules(seg, compiled);
const rulesMs = performance.now() - t;
const doc = checkSource(source, compiled);
const report: Report = { schemaVersion: 1, tool: { name: 'clausecheck', version: 'bench' }, playbook: 'default', documents: [doc] };
t = performance.now();
for (const f of ['text', 'json', 'html', 'md', 'sarif'] as const) render(report, f);
const renderMs = (performance.now() - t) / 5;
const after = segmentMs + rulesMs + renderMs;
const textBytes = Buffer.byteLength(source.text);
console.log(`\n100-page PDF: ${source.pageStarts.length} pages, ${mb(textBytes)} MB of text`);
console.log(`  extraction    ${ms(extractMs)}  (pdf-parse)`);
console.log(`  segmentation  ${ms(segmentMs)}`);
console.log(`  rules         ${ms(rulesMs)}  (${(textBytes / 1048576 / (rulesMs / 1000)).toFixed(1)} MB/s)`);
console.log(`  render        ${ms(renderMs)}  (mean of text, json, html, md, sarif)`);
console.log(`  after extraction: ${ms(after)} = ${((after / extractMs) * 100).toFixed(1)}% of extraction (target <= 25%)`);
console.log(`  peak RSS      ${mb(peakRss)} MB (target <= 300 MB)`);
const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
let popplerMs: number | undefined;
if (pdftotext.status === 0 || pdftotext.stderr) {
  t = performance.now();
  const r = spawnSync('pdftotext', [pdfPath, join(out, 'long-contract.txt')]);
  popplerMs = r.status === 0 ? performance.now() - t : undefined;
}
console.log(`  pdftotext     ${popplerMs === undefined ? 'not installed (apt-get install poppler-utils)' : ms(popplerMs)}  (reference floor)`);
results.pdf = { pages: source.pageStarts.length, textBytes, extractMs, segmentMs, rulesMs, renderMs, afterExtractionPct: (after / extractMs) * 100, peakRssMB: peakRss / 1048576, popplerMs };

// 2. A batch of 200 text contracts.
const texts = Array.from({ length: 200 }, (_v, i) => toSource(generateLongContract(2 + (i % 5), i + 7)));
peakRss = 0;
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
console.log(`\nbatch: 200 text contracts, ${mb(batchBytes)} MB: ${ms(batchMs)} total, ${(batchMs / 200).toFixed(1)} ms each (segment + rules), rules ${(batchBytes / 1048576 / (batchRules / 1000)).toFixed(1)} MB/s, peak RSS ${mb(peakRss)} MB`);
results.batch = { documents: 200, bytes: batchBytes, totalMs: batchMs, rulesMBps: batchBytes / 1048576 / (batchRules / 1000), peakRssMB: peakRss / 1048576 };

// 3. Rule throughput alone on a large text.
const big = texts.join('\n\n').repeat(2);
const bigSeg = segment(sourceFromText('big.txt', 'txt', big, Buffer.from(big)));
t = performance.now();
runRules(bigSeg, compiled);
const bigMs = performance.now() - t;
const mbps = Buffer.byteLength(big) / 1048576 / (bigMs / 1000);
console.log(`\nrule evaluation alone: ${mb(Buffer.byteLength(big))} MB in ${ms(bigMs)} = ${mbps.toFixed(1)} MB/s with all ${compiled.rules.length} rules (target >= 20 MB/s)`);
results.rulesMBps = mbps;

clearInterval(sampler);
// 4. Portfolio, when that benchmark exists.
if (existsSync('scripts/bench-portfolio.ts')) {
  console.log('\nportfolio:');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-portfolio.ts'], { stdio: 'inherit' });
  if (r.status !== 0) console.log('  portfolio benchmark failed');
}
writeFileSync(join(out, 'bench.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten ${join(out, 'bench.json')}`);
