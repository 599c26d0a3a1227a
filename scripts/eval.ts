// npm run eval [-- --corpus DIR] [--split tune|validate] [--only PREFIX] [--json FILE] [--mismatches] [--targets]
// --split reads the corpus's split.json; the validate subset prints aggregates and per-ID figures
// only (no per-document errors), so it keeps measuring documents nobody tuned on.
// Compares clausecheck's status per document and requirement with labels.json and prints
// per-requirement accuracy and F1, overall status accuracy, macro-F1 and the confusion matrix.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { REQUIREMENTS } from '../src/catalog.js';
import { checkText, compiledRulesFor } from '../src/check/index.js';
import type { Status } from '../src/types.js';

const STATUSES: Status[] = ['met', 'partial', 'missing', 'conflict'];

interface Label {
  status: Status;
  quote: string;
  note?: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const corpus = arg('corpus') ?? 'test/corpus';
const only = arg('only');
const jsonOut = arg('json') ?? join('.eval', `${basename(corpus.replace(/\/+$/, ''))}${arg('split') ? `-${arg('split')}` : ''}.json`);
const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Record<string, Record<string, Label>>;
const docsDir = join(corpus, 'docs');
const split = arg('split');
if (split !== undefined && split !== 'tune' && split !== 'validate') {
  console.error(`--split must be tune or validate, not ${split}`);
  process.exit(2);
}
const inSplit: Set<string> | undefined = split
  ? new Set((JSON.parse(readFileSync(join(corpus, 'split.json'), 'utf8')) as Record<string, string[]>)[split])
  : undefined;
/** Validate documents are read through aggregates only. */
const blind = split === 'validate';
const files = readdirSync(docsDir)
  .filter((f) => /\.(txt|md)$/i.test(f))
  .filter((f) => !inSplit || inSplit.has(basename(f, extname(f))))
  .sort();

/** Devset files start with "Source: ..." and a blank line; labels refer to the text after it. */
function readDoc(path: string): string {
  const raw = readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
  return raw.startsWith('Source:') ? raw.slice(raw.indexOf('\n\n') + 2) : raw;
}

const ids = REQUIREMENTS.map((r) => r.id).filter((id) => !only || id.startsWith(only));
const confusion: Record<Status, Record<Status, number>> = Object.fromEntries(
  STATUSES.map((g) => [g, Object.fromEntries(STATUSES.map((p) => [p, 0]))]),
) as Record<Status, Record<Status, number>>;
const perReq = new Map(ids.map((id) => [id, { n: 0, correct: 0, tp: 0, fp: 0, fn: 0, evidenceHit: 0, evidenceN: 0 }]));
const mismatches: Array<{ doc: string; id: string; gold: Status; got: Status; goldQuote: string; evidence: string; rule: string }> = [];
const negativeFalsePositives: Array<{ doc: string; id: string; got: Status; evidence: string }> = [];
let compiled: ReturnType<typeof compiledRulesFor>;
try {
  compiled = compiledRulesFor(arg('rules'));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
let bytes = 0;
const t0 = performance.now();

for (const f of files) {
  const doc = basename(f, extname(f));
  const gold = labels[doc];
  if (!gold) {
    console.warn(`no labels for ${doc}, skipped`);
    continue;
  }
  const text = readDoc(join(docsDir, f));
  bytes += Buffer.byteLength(text);
  const report = checkText(text, { compiled, path: f, playbook: null });
  const negative = Object.values(gold).every((l) => l.status === 'missing');
  for (const id of ids) {
    const g = gold[id]!.status;
    const res = report.requirements.find((r) => r.id === id)!;
    const p = res.status;
    const s = perReq.get(id)!;
    s.n++;
    confusion[g][p]++;
    if (g === p) s.correct++;
    if (g !== 'missing' && g === p) s.tp++;
    if (p !== 'missing' && p !== g) s.fp++;
    if (g !== 'missing' && p !== g) s.fn++;
    if (g !== 'missing' && g === p && gold[id]!.quote) {
      s.evidenceN++;
      const q = gold[id]!.quote;
      const qs = text.indexOf(q);
      if (res.evidence.some((e) => qs >= 0 && e.start < qs + q.length && e.end > qs)) s.evidenceHit++;
    }
    const ev = res.evidence[0];
    if (g !== p) {
      mismatches.push({ doc, id, gold: g, got: p, goldQuote: gold[id]!.quote, evidence: ev ? ev.quote.slice(0, 200) : '', rule: ev?.rule ?? '' });
    }
    if (negative && p !== 'missing') negativeFalsePositives.push({ doc, id, got: p, evidence: ev?.quote.slice(0, 160) ?? '' });
  }
}
const elapsed = performance.now() - t0;

const f1 = (s: { tp: number; fp: number; fn: number }) => (s.tp + s.fp + s.fn === 0 ? undefined : (2 * s.tp) / (2 * s.tp + s.fp + s.fn));
const rows = ids.map((id) => {
  const s = perReq.get(id)!;
  return { id, n: s.n, accuracy: s.correct / s.n, f1: f1(s), tp: s.tp, fp: s.fp, fn: s.fn, evidenceHit: s.evidenceN ? s.evidenceHit / s.evidenceN : undefined };
});
const total = rows.reduce((a, r) => a + r.n, 0);
const correct = ids.reduce((a, id) => a + perReq.get(id)!.correct, 0);
const f1s = rows.map((r) => r.f1).filter((x): x is number => x !== undefined);
const macroF1 = f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0;
const accuracy = correct / total;

const pct = (x: number | undefined) => (x === undefined ? '   n/a' : x.toFixed(3).padStart(6));
console.log(`corpus ${corpus}: ${files.length} documents, ${ids.length} requirements, ${(bytes / 1024).toFixed(0)} KiB in ${elapsed.toFixed(0)} ms`);
console.log('');
console.log('requirement              acc      F1   tp  fp  fn  evidence');
for (const r of rows) {
  console.log(`${r.id.padEnd(24)} ${pct(r.accuracy)}  ${pct(r.f1)}  ${String(r.tp).padStart(3)} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)}  ${pct(r.evidenceHit)}`);
}
console.log('');
console.log(`status accuracy ${accuracy.toFixed(3)} (${correct}/${total})   macro-F1 ${macroF1.toFixed(3)} (over ${f1s.length} requirements with positives)`);
console.log('');
console.log('confusion (rows = label, columns = clausecheck)');
console.log(`${''.padEnd(10)}${STATUSES.map((s) => s.padStart(9)).join('')}`);
for (const g of STATUSES) console.log(`${g.padEnd(10)}${STATUSES.map((p) => String(confusion[g][p]).padStart(9)).join('')}`);
console.log('');
console.log(`negative-control false positives: ${negativeFalsePositives.length}`);
if (!blind) for (const n of negativeFalsePositives) console.log(`  ${n.doc} ${n.id} -> ${n.got}: ${n.evidence}`);
if (flag('mismatches') && !blind) {
  console.log('');
  console.log('mismatches:');
  for (const m of mismatches) {
    console.log(`- ${m.doc} ${m.id}: label ${m.gold}, got ${m.got}${m.rule ? ` (${m.rule})` : ''}`);
    if (m.goldQuote) console.log(`    label quote: ${m.goldQuote}`);
    if (m.evidence) console.log(`    our evidence: ${m.evidence}`);
  }
}
mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(
  jsonOut,
  JSON.stringify(
    blind
      ? { corpus, split, documents: files.length, accuracy, macroF1, perRequirement: rows, confusion, negativeFalsePositives: negativeFalsePositives.length }
      : { corpus, split, documents: files.length, accuracy, macroF1, perRequirement: rows, confusion, negativeFalsePositives, mismatches },
    null,
    2,
  ) + '\n',
);
console.log(`\nwritten ${jsonOut}`);
if (flag('targets')) {
  const isDev = !corpus.includes('test/corpus');
  const ok = isDev ? accuracy >= 0.9 && macroF1 >= 0.8 : accuracy >= 0.95 && f1s.every((x) => x >= 0.85) && negativeFalsePositives.length === 0;
  console.log(ok ? 'targets met' : 'targets NOT met');
  process.exitCode = ok ? 0 : 1;
}
