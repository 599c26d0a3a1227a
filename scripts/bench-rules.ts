// Rule evaluation alone on the devset's real texts (read at run time, never copied), the same
// measure as row 3 of scripts/bench.ts, for profiling: `node --cpu-prof --import tsx scripts/bench-rules.ts`.
// Options: --mb N (megabytes evaluated per round, default 4), --rounds N (default 3),
// --seg (time segment() per MB instead of rule evaluation), --both (segmentation, then rules),
// --dist DIR (run the built code in DIR, e.g. dist, with its rules artifact, as the CLI does; by
// default the TypeScript sources, which compile the rule packs at start).
// The first pass is what a fresh process pays: "first document" is one runRules of the first
// text alone, "first pass" all the texts once (both before any warm-up).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
const distDir = argv.includes('--dist') ? argv[argv.indexOf('--dist') + 1]! : undefined;
const from = (dist: string, src: string) => (distDir ? pathToFileURL(join(resolve(distDir), dist)).href : src);
const { compiledRulesFor } = (await import(from('check/index.js', '../src/check/index.js'))) as typeof import('../src/check/index.js');
const { runRules } = (await import(from('engine/run.js', '../src/engine/run.js'))) as typeof import('../src/engine/run.js');
const { sourceFromText } = (await import(from('ingest/source.js', '../src/ingest/source.js'))) as typeof import('../src/ingest/source.js');
const { segment } = (await import(from('segment/index.js', '../src/segment/index.js'))) as typeof import('../src/segment/index.js');

const opt = (name: string, dflt: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const DEVSET = '../shared/devset/docs';
if (!existsSync(DEVSET)) {
  console.error(`bench-rules: ${DEVSET} not found`);
  process.exit(2);
}
const compiled = compiledRulesFor();
const texts = readdirSync(DEVSET).filter((n) => n.endsWith('.txt')).sort().map((n) => readFileSync(join(DEVSET, n), 'utf8'));
const sources = texts.map((t, i) => sourceFromText(`doc-${i}.txt`, 'txt', t, Buffer.from(t)));
const bytesOnce = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const reps = Math.max(1, Math.ceil((opt('--mb', 4) * 1e6) / bytesOnce));
const rounds = opt('--rounds', 3);
/** CPU seconds (user + system) that `f` takes. */
const cpu = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
/** `bytesOnce * reps` bytes at the best of `rounds` timings of `pass`, as "N MB at M MB/s". */
const rate = (pass: () => void): string => {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) best = Math.min(best, cpu(() => { for (let k = 0; k < reps; k++) pass(); }));
  const mb = (bytesOnce * reps) / 1048576;
  return `${mb.toFixed(1)} MB at ${(mb / best).toFixed(1)} MB/s`;
};

if (argv.includes('--seg') || argv.includes('--both')) {
  for (const s of sources) segment(s); // warm-up
  console.log(`segment: ${rate(() => { for (const s of sources) segment(s); })}`);
}
if (!argv.includes('--seg')) {
  const docs = sources.map((s) => segment(s));
  const one = cpu(() => runRules(docs[0]!, compiled));
  const first = cpu(() => { for (const d of docs.slice(1)) runRules(d, compiled); }) + one;
  console.log(`first document (cold): ${(one * 1e3).toFixed(0)} ms for ${(Buffer.byteLength(texts[0]!) / 1024).toFixed(0)} KB`);
  console.log(`first pass (cold): ${(first * 1e3).toFixed(0)} ms for ${(bytesOnce / 1048576).toFixed(2)} MB`);
  console.log(`real text: ${rate(() => { for (const d of docs) runRules(d, compiled); })}`);
}
