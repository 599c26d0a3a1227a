// Checks test/blind3/labels.json against test/blind3/docs/ and the requirement catalog.
// Run: npx tsx test/blind3/check-labels.ts
// Exits 1 and lists every problem if any label is malformed; never runs clausecheck itself.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const catalogPath = process.env.CATALOG ?? '/work/shared/spec/requirements.md';
const STATUSES = new Set(['met', 'partial', 'missing', 'conflict']);

const ids = [...readFileSync(catalogPath, 'utf8').matchAll(/^\| ((?:AD|DR|EC)-[A-Z-]+) \|/gm)].map((m) => m[1]!);
const problems: string[] = [];
if (ids.length !== 28) problems.push(`catalog: expected 28 AD/DR/EC IDs, found ${ids.length}`);

/** Same convention as the devset: an optional "Source: ..." first paragraph is not part of the text. */
function readDoc(path: string): string {
  const raw = readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
  return raw.startsWith('Source:') ? raw.slice(raw.indexOf('\n\n') + 2) : raw;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const docsDir = join(here, 'docs');
const docs = new Map(
  readdirSync(docsDir)
    .filter((f) => /\.(txt|md)$/i.test(f))
    .map((f) => [basename(f, extname(f)), readDoc(join(docsDir, f))] as const),
);
type Label = { status: string; quote: string; note?: string };
const labels = JSON.parse(readFileSync(join(here, 'labels.json'), 'utf8')) as Record<string, Record<string, Label>>;

for (const [doc, text] of docs) {
  const n = words(text);
  if (n < 600 || n > 2200) problems.push(`${doc}: ${n} words (want 600-2200)`);
  if (!labels[doc]) problems.push(`${doc}: no labels`);
}
for (const [doc, byId] of Object.entries(labels)) {
  const text = docs.get(doc);
  if (text === undefined) {
    problems.push(`${doc}: labelled but no document`);
    continue;
  }
  const extra = Object.keys(byId).filter((k) => !ids.includes(k));
  if (extra.length) problems.push(`${doc}: unknown IDs ${extra.join(', ')}`);
  for (const id of ids) {
    const l = byId[id];
    if (!l) {
      problems.push(`${doc} ${id}: missing label`);
      continue;
    }
    const keys = Object.keys(l).filter((k) => !['status', 'quote', 'note'].includes(k));
    if (keys.length) problems.push(`${doc} ${id}: unexpected keys ${keys.join(', ')}`);
    if (!STATUSES.has(l.status)) problems.push(`${doc} ${id}: bad status ${JSON.stringify(l.status)}`);
    if (typeof l.quote !== 'string') {
      problems.push(`${doc} ${id}: quote is not a string`);
      continue;
    }
    if (l.status === 'missing' && l.quote !== '') problems.push(`${doc} ${id}: missing must have an empty quote`);
    if (l.status !== 'missing') {
      if (l.quote === '') problems.push(`${doc} ${id}: ${l.status} needs a quote`);
      else if (!text.includes(l.quote)) problems.push(`${doc} ${id}: quote not found: ${l.quote}`);
      if (words(l.quote) > 30) problems.push(`${doc} ${id}: quote has ${words(l.quote)} words (max 30)`);
    }
    if (l.note !== undefined && (typeof l.note !== 'string' || !l.note.trim())) problems.push(`${doc} ${id}: empty note`);
  }
}

const counts: Record<string, number> = { met: 0, partial: 0, missing: 0, conflict: 0 };
for (const byId of Object.values(labels)) for (const l of Object.values(byId)) counts[l.status] = (counts[l.status] ?? 0) + 1;
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`${docs.size} documents, ${ids.length} IDs each: ${JSON.stringify(counts)} - all labels valid`);
