// Validates test/blind/labels.json against test/blind/docs and the requirement catalog:
// every document has a label set and vice versa, all 28 IDs, valid statuses, quotes that are
// exact substrings of the document text (<= 30 words), empty quotes exactly for `missing`,
// and document lengths within 500-2500 words.
// Run: npx tsx test/blind/check-labels.ts
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS } from '../../src/catalog.js';

const here = dirname(fileURLToPath(import.meta.url));
const STATUSES = new Set(['met', 'partial', 'missing', 'conflict']);
const ids = REQUIREMENTS.map((r) => r.id);
const labels = JSON.parse(readFileSync(join(here, 'labels.json'), 'utf8')) as Record<
  string,
  Record<string, { status: string; quote: string; note?: string }>
>;
const docs = readdirSync(join(here, 'docs')).filter((f) => /\.(txt|md)$/i.test(f)).sort();
const errors: string[] = [];
const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

for (const f of docs) {
  const doc = basename(f, extname(f));
  const raw = readFileSync(join(here, 'docs', f), 'utf8').replace(/\r\n?/g, '\n');
  const text = raw.startsWith('Source:') ? raw.slice(raw.indexOf('\n\n') + 2) : raw;
  const n = words(text);
  if (n < 500 || n > 2500) errors.push(`${doc}: ${n} words (want 500-2500)`);
  const gold = labels[doc];
  if (!gold) {
    errors.push(`${doc}: no labels`);
    continue;
  }
  for (const id of ids) {
    const l = gold[id];
    if (!l) {
      errors.push(`${doc} ${id}: missing label`);
      continue;
    }
    if (!STATUSES.has(l.status)) errors.push(`${doc} ${id}: bad status ${l.status}`);
    if (typeof l.quote !== 'string') errors.push(`${doc} ${id}: quote is not a string`);
    else if (l.status === 'missing' && l.quote !== '') errors.push(`${doc} ${id}: missing with a quote`);
    else if (l.status !== 'missing' && l.quote === '') errors.push(`${doc} ${id}: ${l.status} without a quote`);
    else if (l.quote && !text.includes(l.quote)) errors.push(`${doc} ${id}: quote not found: ${l.quote.slice(0, 60)}`);
    else if (words(l.quote) > 30) errors.push(`${doc} ${id}: quote has ${words(l.quote)} words`);
    const extra = Object.keys(l).filter((k) => !['status', 'quote', 'note'].includes(k));
    if (extra.length) errors.push(`${doc} ${id}: unexpected keys ${extra.join(',')}`);
  }
  for (const id of Object.keys(gold)) if (!ids.includes(id)) errors.push(`${doc}: unknown ID ${id}`);
}
for (const doc of Object.keys(labels)) {
  if (!docs.some((f) => basename(f, extname(f)) === doc)) errors.push(`${doc}: labels without a document`);
}

const counts: Record<string, number> = { met: 0, partial: 0, missing: 0, conflict: 0 };
for (const d of Object.values(labels)) for (const l of Object.values(d)) counts[l.status] = (counts[l.status] ?? 0) + 1;
console.log(`${docs.length} documents, ${Object.keys(labels).length} label sets, statuses ${JSON.stringify(counts)}`);
if (errors.length) {
  for (const e of errors) console.error(e);
  process.exitCode = 1;
} else console.log('labels OK');
