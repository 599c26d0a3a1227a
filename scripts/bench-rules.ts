// Rule evaluation alone on the devset's real texts (read at run time, never copied), the same
// measure as row 3 of scripts/bench.ts, for profiling: `node --cpu-prof --import tsx scripts/bench-rules.ts`.
// Options: --mb N (megabytes evaluated per round, default 4), --rounds N (default 3).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compiledRulesFor } from '../src/check/index.js';
import { runRules } from '../src/engine/run.js';
import { sourceFromText } from '../src/ingest/source.js';
import { segment } from '../src/segment/index.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const DEVSET = '../shared/devset/docs';
if (!existsSync(DEVSET)) {
  console.error(`bench-rules: ${DEVSET} not found`);
  process.exit(2);
}
const compiled = compiledRulesFor();
const texts = readdirSync(DEVSET).filter((n) => n.endsWith('.txt')).sort().map((n) => readFileSync(join(DEVSET, n), 'utf8'));
const docs = texts.map((t, i) => segment(sourceFromText(`doc-${i}.txt`, 'txt', t, Buffer.from(t))));
const bytesOnce = docs.reduce((n, d) => n + Buffer.byteLength(d.source.text), 0);
const reps = Math.max(1, Math.ceil((opt('--mb', 4) * 1e6) / bytesOnce));
const c0 = process.cpuUsage();
for (const d of docs) runRules(d, compiled);
const first = process.cpuUsage(c0);
console.log(`first pass (cold): ${((first.user + first.system) / 1e3).toFixed(0)} ms for ${(bytesOnce / 1048576).toFixed(2)} MB`);
let best = Infinity;
for (let r = 0; r < opt('--rounds', 3); r++) {
  const c1 = process.cpuUsage();
  for (let k = 0; k < reps; k++) for (const d of docs) runRules(d, compiled);
  const c = process.cpuUsage(c1);
  best = Math.min(best, (c.user + c.system) / 1e6);
}
console.log(`real text: ${((bytesOnce * reps) / 1048576).toFixed(1)} MB at ${((bytesOnce * reps) / 1048576 / best).toFixed(1)} MB/s`);
