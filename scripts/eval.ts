// npm run eval [-- --corpus DIR] [--split tune|validate] [--only PREFIX] [--json FILE] [--mismatches] [--targets]
//                [--formats txt,docx,pdf,print-pdf]
// --split reads the corpus's split.json; the validate subset prints aggregates and per-ID figures
// only (no per-document errors), so it keeps measuring documents nobody tuned on.
// Compares clausecheck's status per document and requirement with labels.json and prints
// per-requirement accuracy and F1, overall status accuracy, macro-F1 and the confusion matrix.
// --formats runs the same texts again as DOCX, as PDF and as a print-style PDF (running header and
// footer, page numbers), generated with scripts/lib/docgen.ts into a cache folder under the system's
// temp folder (never into the repository), and prints accuracy and macro-F1 per format. The detailed
// tables are those of the first format listed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { REQUIREMENTS, checkSource, checkText, compiledRulesFor, ingest } from '../src/index.js';
import type { DocumentReport, Status } from '../src/types.js';
import { docxBytes, documentTitle, parseSource, pdfBytes } from './lib/docgen.js';

const STATUSES: Status[] = ['met', 'partial', 'missing', 'conflict'];
export const FORMATS = ['txt', 'docx', 'pdf', 'print-pdf'] as const;
export type EvalFormat = (typeof FORMATS)[number];

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
function fail(message: string): never {
  console.error(`eval: ${message}`);
  process.exit(2);
}

const corpus = arg('corpus') ?? 'test/corpus';
const only = arg('only');
const jsonOut = arg('json') ?? join('.eval', `${basename(corpus.replace(/\/+$/, ''))}${arg('split') ? `-${arg('split')}` : ''}.json`);
const labelsPath = join(corpus, 'labels.json');
if (!existsSync(labelsPath)) fail(`${labelsPath}: not found (--corpus names a folder holding labels.json and docs/)`);
let labels: Record<string, Record<string, Label>>;
try {
  labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Record<string, Record<string, Label>>;
} catch (err) {
  fail(`${labelsPath}: not valid JSON (${(err as Error).message.split('\n')[0]})`);
}
const docsDir = join(corpus, 'docs');
if (!existsSync(docsDir)) fail(`${docsDir}: not found`);
const split = arg('split');
if (split !== undefined && split !== 'tune' && split !== 'validate') fail(`--split must be tune or validate, not ${split}`);
const formats = (arg('formats') ?? 'txt').split(',').map((f) => f.trim()).filter(Boolean);
for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) fail(`--formats: unknown format '${f}' (one of ${FORMATS.join(', ')})`);
if (formats.length === 0) fail('--formats: name at least one format');
const splitPath = join(corpus, 'split.json');
if (split && !existsSync(splitPath)) fail(`${splitPath}: not found (--split needs it)`);
const inSplit: Set<string> | undefined = split
  ? new Set((JSON.parse(readFileSync(splitPath, 'utf8')) as Record<string, string[]>)[split])
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

const CACHE = join(tmpdir(), 'clausecheck-eval-cache');
/** DOCX files generated with typed clause numbers instead of Word numbering (this run, not cached ones). */
let typedNumbers = 0;

/** The document as a DOCX / PDF / print-style PDF made from its text, cached by content and format. */
async function generated(text: string, format: Exclude<EvalFormat, 'txt'>): Promise<string> {
  const key = createHash('sha256').update(`docgen-4\0${format}\0${text}`).digest('hex').slice(0, 24);
  const path = join(CACHE, `${key}.${format === 'docx' ? 'docx' : 'pdf'}`);
  if (existsSync(path)) return path;
  const paragraphs = parseSource(format === 'docx' ? text : winAnsi(text), { listLines: true });
  const title = documentTitle(paragraphs) === 'Agreement' ? (paragraphs.find((p) => p.text.trim())?.text.slice(0, 80) ?? 'Agreement') : documentTitle(paragraphs);
  const bytes =
    format === 'docx'
      ? await docxBytes(paragraphs, { title }).catch(() => {
          // Word's automatic numbering cannot show labels that skip or restart (1.1 under no 1.):
          // such documents keep their numbers typed in the text, as many real DOCX files do.
          typedNumbers++;
          return docxBytes(paragraphs.map((p) => (p.kind === 'clause' ? { kind: 'text' as const, text: p.text ? `${p.label} ${p.text}` : p.label } : p)), { title });
        })
      : format === 'pdf'
        ? await pdfBytes(paragraphs, { title, plain: true })
        : // A printed copy: title and confidentiality mark on top, a reference line and page numbers below.
          await pdfBytes(paragraphs, { title, header: `${title} - Confidential`, footer: `Printed copy - ref. ${key.slice(0, 8)}`, linesPerPage: 42 });
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
  return path;
}

const ids = REQUIREMENTS.map((r) => r.id).filter((id) => !only || id.startsWith(only));
let compiled: ReturnType<typeof compiledRulesFor>;
try {
  compiled = compiledRulesFor(arg('rules'));
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

interface Row {
  id: string;
  n: number;
  accuracy: number;
  f1: number | undefined;
  tp: number;
  fp: number;
  fn: number;
  evidenceHit: number | undefined;
}
interface Mismatch {
  doc: string;
  id: string;
  gold: Status;
  got: Status;
  goldQuote: string;
  evidence: string;
  rule: string;
}
interface Result {
  format: EvalFormat;
  documents: number;
  bytes: number;
  elapsed: number;
  rows: Row[];
  accuracy: number;
  correct: number;
  total: number;
  macroF1: number;
  f1Count: number;
  confusion: Record<Status, Record<Status, number>>;
  mismatches: Mismatch[];
  negativeFalsePositives: Array<{ doc: string; id: string; got: Status; evidence: string }>;
  /** doc -> id -> status, to compare formats. */
  statuses: Map<string, Map<string, Status>>;
}

const f1 = (s: { tp: number; fp: number; fn: number }) => (s.tp + s.fp + s.fn === 0 ? undefined : (2 * s.tp) / (2 * s.tp + s.fp + s.fn));

async function evaluate(format: EvalFormat): Promise<Result> {
  const confusion = Object.fromEntries(STATUSES.map((g) => [g, Object.fromEntries(STATUSES.map((p) => [p, 0]))])) as Record<Status, Record<Status, number>>;
  const perReq = new Map(ids.map((id) => [id, { n: 0, correct: 0, tp: 0, fp: 0, fn: 0, evidenceHit: 0, evidenceN: 0 }]));
  const mismatches: Mismatch[] = [];
  const negativeFalsePositives: Result['negativeFalsePositives'] = [];
  const statuses = new Map<string, Map<string, Status>>();
  let bytes = 0;
  let documents = 0;
  const t0 = performance.now();
  for (const f of files) {
    const doc = basename(f, extname(f));
    const gold = labels[doc];
    if (!gold) {
      if (format === formats[0]) console.warn(`no labels for ${doc}, skipped`);
      continue;
    }
    documents++;
    const text = readDoc(join(docsDir, f));
    bytes += Buffer.byteLength(text);
    let report: DocumentReport;
    let reportText = text;
    if (format === 'txt') report = checkText(text, { compiled, path: f, playbook: null });
    else {
      const source = await ingest(await generated(text, format));
      reportText = source.text;
      report = checkSource(source, compiled);
    }
    const got = new Map<string, Status>();
    statuses.set(doc, got);
    const negative = Object.values(gold).every((l) => l.status === 'missing');
    for (const id of ids) {
      const g = gold[id]!.status;
      const res = report.requirements.find((r) => r.id === id)!;
      const p = res.status;
      got.set(id, p);
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
        // Generated formats join wrapped lines: find the quote with whitespace runs as one space.
        const qs = format === 'txt' ? reportText.indexOf(q) : indexLoose(reportText, q);
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
  const rows = ids.map((id) => {
    const s = perReq.get(id)!;
    return { id, n: s.n, accuracy: s.correct / s.n, f1: f1(s), tp: s.tp, fp: s.fp, fn: s.fn, evidenceHit: s.evidenceN ? s.evidenceHit / s.evidenceN : undefined };
  });
  const total = rows.reduce((a, r) => a + r.n, 0);
  const correct = ids.reduce((a, id) => a + perReq.get(id)!.correct, 0);
  const f1s = rows.map((r) => r.f1).filter((x): x is number => x !== undefined);
  const macroF1 = f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0;
  return { format, documents, bytes, elapsed, rows, accuracy: correct / total, correct, total, macroF1, f1Count: f1s.length, confusion, mismatches, negativeFalsePositives, statuses };
}

// The PDF generator draws with the standard Helvetica font, which encodes WinAnsi only: invisible
// format characters are dropped, accented letters outside it lose their accent, anything else
// becomes '?' (counted and reported).
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
const encodable = (ch: string) => {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || WIN_ANSI_EXTRA.has(ch);
};
const ASCII_FOR: Record<string, string> = { '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '-', '\u2212': '-', '\u2032': "'", '\u2033': '"', '\u2264': '<=', '\u2265': '>=', '\u2192': '->', '\u2190': '<-', '\u2610': '[ ]', '\u2611': '[x]', '\u2612': '[x]', '\u25cf': '\u2022', '\u25aa': '\u2022', '\u2023': '\u2022', '\u2043': '-' };
let replacedChars = 0;
function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(/\p{Cf}/gu, '').replace(/\t/g, ' ')) {
    if (encodable(ch)) out += ch;
    else if (ASCII_FOR[ch]) out += ASCII_FOR[ch];
    else {
      const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      if (plain && [...plain].every(encodable)) out += plain;
      else {
        out += '?';
        replacedChars++;
      }
    }
  }
  return out;
}

/** Index of `q` in `text` when every whitespace run counts as one space; -1 if absent. */
function indexLoose(text: string, q: string): number {
  const words = q.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length || !words[0]) return -1;
  const m = new RegExp(words.join('\\s+')).exec(text);
  return m ? m.index : -1;
}

const results: Result[] = [];
try {
  for (const format of formats) results.push(await evaluate(format as EvalFormat));
} catch (err) {
  fail(err instanceof Error ? err.message.split('\n')[0]! : String(err));
}
const main = results[0]!;
const { rows, accuracy, macroF1, confusion, mismatches, negativeFalsePositives } = main;
const f1s = rows.map((r) => r.f1).filter((x): x is number => x !== undefined);

const pct = (x: number | undefined) => (x === undefined ? '   n/a' : x.toFixed(3).padStart(6));
console.log(`corpus ${corpus}${split ? ` (${split})` : ''}, ${main.format}: ${main.documents} documents, ${ids.length} requirements, ${(main.bytes / 1024).toFixed(0)} KiB in ${main.elapsed.toFixed(0)} ms`);
console.log('');
console.log('requirement              acc      F1   tp  fp  fn  evidence');
for (const r of rows) {
  console.log(`${r.id.padEnd(24)} ${pct(r.accuracy)}  ${pct(r.f1)}  ${String(r.tp).padStart(3)} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)}  ${pct(r.evidenceHit)}`);
}
console.log('');
console.log(`status accuracy ${accuracy.toFixed(3)} (${main.correct}/${main.total})   macro-F1 ${macroF1.toFixed(3)} (over ${main.f1Count} requirements with positives)`);
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
if (results.length > 1) {
  console.log('');
  console.log('per format (the same texts)');
  console.log('format       docs  accuracy  macro-F1  vs first   ms');
  for (const r of results) {
    console.log(
      `${r.format.padEnd(12)} ${String(r.documents).padStart(4)}    ${r.accuracy.toFixed(3)}     ${r.macroF1.toFixed(3)}   ${(r.accuracy - main.accuracy >= 0 ? '+' : '') + (r.accuracy - main.accuracy).toFixed(3)}  ${r.elapsed.toFixed(0).padStart(6)}`,
    );
  }
  if (replacedChars) console.log(`(${replacedChars} characters outside the PDF font's WinAnsi encoding printed as '?')`);
  if (typedNumbers) console.log(`(${typedNumbers} DOCX generated with typed clause numbers: their labels do not fit Word numbering)`);
  if (flag('mismatches') && !blind) {
    for (const r of results.slice(1)) {
      const diffs: string[] = [];
      for (const [doc, got] of r.statuses) for (const [id, s] of got) if (main.statuses.get(doc)?.get(id) !== s) diffs.push(`  ${doc} ${id}: ${main.format} ${main.statuses.get(doc)?.get(id)}, ${r.format} ${s}`);
      console.log(`\nstatuses that differ between ${main.format} and ${r.format}: ${diffs.length}`);
      for (const d of diffs) console.log(d);
    }
  }
}
const perFormat = results.map((r) =>
  blind
    ? { format: r.format, documents: r.documents, accuracy: r.accuracy, macroF1: r.macroF1, perRequirement: r.rows, confusion: r.confusion }
    : { format: r.format, documents: r.documents, accuracy: r.accuracy, macroF1: r.macroF1, perRequirement: r.rows, confusion: r.confusion, mismatches: r.mismatches },
);
mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(
  jsonOut,
  JSON.stringify(
    blind
      ? { corpus, split, format: main.format, documents: main.documents, accuracy, macroF1, perRequirement: rows, confusion, negativeFalsePositives: negativeFalsePositives.length, formats: perFormat }
      : { corpus, split, format: main.format, documents: main.documents, accuracy, macroF1, perRequirement: rows, confusion, negativeFalsePositives, mismatches, formats: perFormat },
    null,
    2,
  ) + '\n',
);
console.log(`\nwritten ${jsonOut}`);
// Screening figures (issue 14): recall and false-positive rate of the screening set, from their own script.
const { screeningFigures } = await import('./eval-screening.js');
console.log(''), screeningFigures();
if (flag('targets')) {
  const isDev = !corpus.includes('test/corpus');
  const ok = isDev ? accuracy >= 0.9 && macroF1 >= 0.8 : accuracy >= 0.95 && f1s.every((x) => x >= 0.85) && negativeFalsePositives.length === 0;
  console.log(ok ? 'targets met' : 'targets NOT met');
  process.exitCode = ok ? 0 : 1;
}
