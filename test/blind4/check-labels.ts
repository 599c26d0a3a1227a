// Validates test/blind4/labels.json against test/blind4/docs/*.txt and the requirement catalog.
// Run: npx tsx test/blind4/check-labels.ts   (exit 0 = valid, 1 = problems listed on stderr)
// It never runs clausecheck: the labels were written by hand from the catalog.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const catalog = readFileSync(process.env.CATALOG ?? '/work/shared/spec/requirements.md', 'utf8');
const ids = Array.from(catalog.matchAll(/^\| ((?:AD|DR|EC)-[A-Z-]+) \|/gm), (m) => m[1] as string);
const statuses = ['met', 'partial', 'missing', 'conflict'];
const errors: string[] = [];
if (ids.length !== 28) errors.push(`catalog has ${ids.length} AD/DR/EC ids, expected 28`);

const files = readdirSync(join(dir, 'docs')).filter((f) => f.endsWith('.txt')).sort();
const texts = new Map(files.map((f) => [f.replace(/\.txt$/, ''), readFileSync(join(dir, 'docs', f), 'utf8')]));
const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Record<
  string,
  Record<string, { status: string; quote: string; note?: string }>
>;
const nWords = (s: string) => s.split(/\s+/).filter((w) => w.length > 0).length;

for (const [name, text] of texts) {
  const w = nWords(text);
  if (w < 600 || w > 1800) errors.push(`${name}: ${w} words, outside 600-1800`);
  if (!labels[name]) errors.push(`${name}: no labels`);
}
for (const [name, perId] of Object.entries(labels)) {
  const text = texts.get(name);
  if (text === undefined) {
    errors.push(`${name}: labelled but no docs/${name}.txt`);
    continue;
  }
  const keys = Object.keys(perId);
  for (const id of ids) if (!keys.includes(id)) errors.push(`${name}: ${id} not labelled`);
  for (const k of keys) if (!ids.includes(k)) errors.push(`${name}: unknown id ${k}`);
  for (const [id, l] of Object.entries(perId)) {
    const extra = Object.keys(l).filter((k) => !['status', 'quote', 'note'].includes(k));
    if (extra.length) errors.push(`${name} ${id}: unexpected fields ${extra.join(',')}`);
    if (!statuses.includes(l.status)) errors.push(`${name} ${id}: bad status ${l.status}`);
    if (typeof l.quote !== 'string') errors.push(`${name} ${id}: quote is not a string`);
    else if (l.status === 'missing') {
      if (l.quote !== '') errors.push(`${name} ${id}: missing must have an empty quote`);
    } else {
      if (l.quote.trim() === '') errors.push(`${name} ${id}: ${l.status} needs a quote`);
      else if (!text.includes(l.quote)) errors.push(`${name} ${id}: quote not found verbatim: "${l.quote}"`);
      if (nWords(l.quote) > 30) errors.push(`${name} ${id}: quote has ${nWords(l.quote)} words (> 30)`);
    }
    if (l.note !== undefined && (typeof l.note !== 'string' || l.note.trim() === ''))
      errors.push(`${name} ${id}: empty note`);
  }
}

if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
const counts: Record<string, number> = Object.fromEntries(statuses.map((s) => [s, 0]));
for (const perId of Object.values(labels)) for (const l of Object.values(perId)) counts[l.status]! += 1;
console.log(`ok: ${texts.size} documents, ${ids.length} ids each;`, counts);
