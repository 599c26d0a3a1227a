// One PDF through the whole pipeline in a fresh process, so its peak memory is the document's own:
// prints one JSON line with stage timings (warm: the best of a few runs after the first) and max RSS.
import { compiledRulesFor } from '../src/check/index.js';
import { runRules } from '../src/engine/run.js';
import { aggregate } from '../src/engine/status.js';
import { ingest } from '../src/ingest/index.js';
import { render } from '../src/render/index.js';
import { segment } from '../src/segment/index.js';
import { checkSource } from '../src/check/index.js';
import type { Report } from '../src/types.js';

const path = process.argv[2]!;
const runs = Number(process.argv[3] ?? 3);
const compiled = compiledRulesFor();
const best = { extractMs: Infinity, segmentMs: Infinity, rulesMs: Infinity, renderMs: Infinity, firstExtractMs: 0, firstRulesMs: 0 };
let bytes = 0;
let pages = 0;
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  const source = await ingest(path);
  const extractMs = performance.now() - t;
  t = performance.now();
  const seg = segment(source);
  const segmentMs = performance.now() - t;
  t = performance.now();
  aggregate(runRules(seg, compiled));
  const rulesMs = performance.now() - t;
  const report: Report = { schemaVersion: 1, tool: { name: 'clausecheck', version: 'bench' }, playbook: 'none', documents: [checkSource(source, compiled)] };
  t = performance.now();
  for (const f of ['text', 'json', 'html', 'md', 'sarif'] as const) render(report, f);
  const renderMs = (performance.now() - t) / 5;
  if (i === 0) {
    best.firstExtractMs = extractMs;
    best.firstRulesMs = rulesMs;
  }
  best.extractMs = Math.min(best.extractMs, extractMs);
  best.segmentMs = Math.min(best.segmentMs, segmentMs);
  best.rulesMs = Math.min(best.rulesMs, rulesMs);
  best.renderMs = Math.min(best.renderMs, renderMs);
  bytes = Buffer.byteLength(source.text);
  pages = source.pageStarts.length;
}
console.log(JSON.stringify({ ...best, bytes, pages, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
