// Profiling harness for rule evaluation and segmentation on the devset's real texts (read at run
// time, never copied): segments the texts once, then runs runRules in a loop, and times segment()
// per MB. `node --cpu-prof --import tsx scripts/prof-rules.ts [--mb N] [--rounds N] [--seg]`.
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
  console.error(`prof-rules: ${DEVSET} not found`);
  process.exit(2);
}
const compiled = compiledRulesFor();
const texts = readdirSync(DEVSET).filter((n) => n.endsWith('.txt')).sort().map((n) => readFileSync(join(DEVSET, n), 'utf8'));
const sources = texts.map((t, i) => sourceFromText(`doc-${i}.txt`, 'txt', t, Buffer.from(t)));
const bytesOnce = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const cpu = (f: () => void) => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
const rounds = opt('--rounds', 3);
const reps = Math.max(1, Math.ceil((opt('--mb', 4) * 1e6) / bytesOnce));
if (argv.includes('--seg') || argv.includes('--both')) {
  for (const s of sources) segment(s);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) best = Math.min(best, cpu(() => { for (let k = 0; k < reps; k++) for (const s of sources) segment(s); }));
  console.log(`segment: ${((bytesOnce * reps) / 1048576).toFixed(1)} MB at ${((bytesOnce * reps) / 1048576 / best).toFixed(1)} MB/s`);
}
if (!argv.includes('--seg')) {
  const docs = sources.map((s) => segment(s));
  const first = cpu(() => { for (const d of docs) runRules(d, compiled); });
  console.log(`runRules first pass (cold): ${(first * 1e3).toFixed(0)} ms for ${(bytesOnce / 1048576).toFixed(2)} MB`);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) best = Math.min(best, cpu(() => { for (let k = 0; k < reps; k++) for (const d of docs) runRules(d, compiled); }));
  console.log(`runRules: ${((bytesOnce * reps) / 1048576).toFixed(1)} MB at ${((bytesOnce * reps) / 1048576 / best).toFixed(1)} MB/s`);
}
