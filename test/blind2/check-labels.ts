// Validates test/blind2/labels.json against the documents in test/blind2/docs:
// every document has a label set and vice versa, every label set has exactly the 28 catalog IDs,
// statuses are valid, quotes are exact substrings of the document (<= 30 words), '' only for missing,
// and notes (if any) are non-empty strings.  Usage: npx tsx test/blind2/check-labels.ts
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIREMENT_IDS } from '../../src/catalog.js';

const here = dirname(fileURLToPath(import.meta.url));
const STATUSES = new Set(['met', 'partial', 'missing', 'conflict']);
const errors: string[] = [];
const labels = JSON.parse(readFileSync(join(here, 'labels.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const docsDir = join(here, 'docs');
const files = readdirSync(docsDir).filter((f) => /\.(txt|md)$/i.test(f)).sort();
const docIds = new Set(files.map((f) => basename(f, extname(f))));
const counts: Record<string, number> = { met: 0, partial: 0, missing: 0, conflict: 0 };

for (const doc of Object.keys(labels)) if (!docIds.has(doc)) errors.push(`${doc}: labels for a document that does not exist`);

for (const f of files) {
  const doc = basename(f, extname(f));
  const raw = readFileSync(join(docsDir, f), 'utf8').replace(/\r\n?/g, '\n');
  const text = raw.startsWith('Source:') ? raw.slice(raw.indexOf('\n\n') + 2) : raw;
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < 600 || words > 2500) errors.push(`${doc}: ${words} words, outside 600-2500`);
  const set = labels[doc];
  if (!set) {
    errors.push(`${doc}: no labels`);
    continue;
  }
  const ids = Object.keys(set);
  for (const id of ids) if (!REQUIREMENT_IDS.includes(id)) errors.push(`${doc}: unknown ID ${id}`);
  for (const id of REQUIREMENT_IDS) {
    const l = set[id] as { status?: unknown; quote?: unknown; note?: unknown } | undefined;
    if (!l) {
      errors.push(`${doc}: ${id} missing from labels`);
      continue;
    }
    for (const k of Object.keys(l)) if (!['status', 'quote', 'note'].includes(k)) errors.push(`${doc} ${id}: unexpected key ${k}`);
    if (typeof l.status !== 'string' || !STATUSES.has(l.status)) {
      errors.push(`${doc} ${id}: invalid status ${String(l.status)}`);
      continue;
    }
    counts[l.status]!++;
    if (typeof l.quote !== 'string') {
      errors.push(`${doc} ${id}: quote is not a string`);
      continue;
    }
    if (l.note !== undefined && (typeof l.note !== 'string' || !l.note.trim())) errors.push(`${doc} ${id}: empty or non-string note`);
    if (l.status === 'missing') {
      if (l.quote !== '') errors.push(`${doc} ${id}: missing must have an empty quote`);
      continue;
    }
    if (!l.quote.trim()) {
      errors.push(`${doc} ${id}: ${l.status} needs a quote`);
      continue;
    }
    const n = l.quote.split(/\s+/).filter(Boolean).length;
    if (n > 30) errors.push(`${doc} ${id}: quote has ${n} words (> 30)`);
    if (!text.includes(l.quote)) errors.push(`${doc} ${id}: quote is not an exact substring: "${l.quote.slice(0, 80)}"`);
  }
}

if (errors.length) {
  for (const e of errors) console.error(e);
  console.error(`\n${errors.length} problem(s)`);
  process.exit(1);
}
console.log(`ok: ${files.length} documents x ${REQUIREMENT_IDS.length} IDs; met ${counts.met}, partial ${counts.partial}, missing ${counts.missing}, conflict ${counts.conflict}`);
