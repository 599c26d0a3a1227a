// Checks test/corpus/labels.json against the documents in test/corpus/docs/.
// Run: npx tsx test/corpus/check-labels.ts   (exit code 1 if anything is wrong)
//
// Checked: every document has labels and every label set has a document; every label set has
// exactly the 28 catalog IDs (catalog order); statuses are valid; `missing` has an empty quote and
// every other status a non-empty quote that is an exact, single-line substring of the document
// text and at most 30 words; `conflict` only for IDs whose catalog row has a "conflict when"
// column; `partial` never for EC-CLASSIFICATION (its "partial when" cell is "—"); negative
// controls are `missing` on every ID; documents have 400-2500 words.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIREMENT_IDS } from '../../src/catalog.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOCS = join(HERE, 'docs');
const LABELS = join(HERE, 'labels.json');

const STATUSES = ['met', 'partial', 'missing', 'conflict'] as const;
type Status = (typeof STATUSES)[number];

/** IDs whose catalog row has a "conflict when" column (shared/spec/requirements.md). */
const CONFLICT_IDS = new Set([
  'AD-OUTPUT-USE',
  'DR-NO-TRAINING',
  'DR-RETENTION-PERIOD',
  'DR-DELETION',
  'DR-LOCATION',
  'DR-CONFIDENTIALITY',
  'EC-CHANGE-IN-LAW',
]);

/** IDs whose catalog row has no "partial when" case ("—"). */
const NO_PARTIAL_IDS = new Set(['EC-CLASSIFICATION']);

/** Documents with nothing about AI, data or export: every ID must be `missing`. */
const NEGATIVE_CONTROLS = [
  '32-maple-court-residential-lease',
  '33-harwick-bakery-employment-agreement',
  '34-greenway-landscaping-services',
  '35-copperleaf-partnership-agreement',
];

const MIN_WORDS = 400;
const MAX_WORDS = 2500;
const MAX_QUOTE_WORDS = 30;

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

const errors: string[] = [];
const err = (where: string, msg: string): void => {
  errors.push(`${where}: ${msg}`);
};

const docFiles = readdirSync(DOCS)
  .filter((f) => ['.txt', '.md'].includes(extname(f)))
  .sort();
const texts = new Map<string, string>();
for (const f of docFiles) {
  const name = basename(f, extname(f));
  if (texts.has(name)) err(f, 'two documents share this name');
  texts.set(name, readFileSync(join(DOCS, f), 'utf8'));
}

let labels: Record<string, Record<string, { status?: unknown; quote?: unknown; note?: unknown }>>;
try {
  labels = JSON.parse(readFileSync(LABELS, 'utf8'));
} catch (e) {
  console.error(`labels.json: cannot read or parse: ${(e as Error).message}`);
  process.exit(1);
}

for (const name of texts.keys()) if (!(name in labels)) err(name, 'document has no labels');
for (const name of Object.keys(labels)) if (!texts.has(name)) err(name, 'labels for a document that does not exist');
for (const name of NEGATIVE_CONTROLS) if (!texts.has(name)) err(name, 'negative control document not found');

const counts = new Map<string, Record<Status, number>>(
  REQUIREMENT_IDS.map((id) => [id, { met: 0, partial: 0, missing: 0, conflict: 0 }]),
);

for (const [name, docLabels] of Object.entries(labels)) {
  const text = texts.get(name);
  if (text !== undefined) {
    const n = words(text);
    if (n < MIN_WORDS || n > MAX_WORDS) err(name, `${n} words, expected ${MIN_WORDS}-${MAX_WORDS}`);
  }
  const ids = Object.keys(docLabels);
  if (ids.join(' ') !== REQUIREMENT_IDS.join(' ')) {
    for (const id of REQUIREMENT_IDS) if (!(id in docLabels)) err(name, `${id} missing from labels`);
    for (const id of ids) if (!REQUIREMENT_IDS.includes(id)) err(name, `unknown ID ${id}`);
    if (ids.length === REQUIREMENT_IDS.length) err(name, 'IDs are not in catalog order');
  }
  const negative = NEGATIVE_CONTROLS.includes(name);
  for (const [id, label] of Object.entries(docLabels)) {
    const where = `${name} ${id}`;
    const extra = Object.keys(label).filter((k) => !['status', 'quote', 'note'].includes(k));
    if (extra.length) err(where, `unexpected field(s): ${extra.join(', ')}`);
    const { status, quote, note } = label;
    if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
      err(where, `invalid status ${JSON.stringify(status)}`);
      continue;
    }
    if (typeof quote !== 'string') {
      err(where, 'quote must be a string');
      continue;
    }
    if (note !== undefined && (typeof note !== 'string' || note === '')) err(where, 'note must be a non-empty string');
    const c = counts.get(id);
    if (c) c[status as Status]++;
    if (negative && status !== 'missing') err(where, `negative control must be missing, is ${status}`);
    if (status === 'partial' && NO_PARTIAL_IDS.has(id)) err(where, 'partial used for an ID without a "partial when" case');
    if (status === 'conflict' && !CONFLICT_IDS.has(id)) err(where, 'conflict used for an ID without a "conflict when" column');
    if (status === 'missing') {
      if (quote !== '') err(where, 'missing must have an empty quote');
      continue;
    }
    if (quote.trim() === '') {
      err(where, `${status} needs a quote`);
      continue;
    }
    if (quote !== quote.trim()) err(where, 'quote has leading or trailing whitespace');
    if (/[\r\n]/.test(quote)) err(where, 'quote spans a line break');
    if (words(quote) > MAX_QUOTE_WORDS) err(where, `quote has ${words(quote)} words (max ${MAX_QUOTE_WORDS})`);
    if (text !== undefined && !text.includes(quote)) err(where, `quote is not an exact substring: ${JSON.stringify(quote)}`);
  }
}

// Summary: per-ID status counts and totals.
const total: Record<Status, number> = { met: 0, partial: 0, missing: 0, conflict: 0 };
console.log(`${'ID'.padEnd(26)} ${STATUSES.map((s) => s.padStart(9)).join('')}`);
for (const [id, c] of counts) {
  console.log(`${id.padEnd(26)} ${STATUSES.map((s) => String(c[s]).padStart(9)).join('')}`);
  for (const s of STATUSES) total[s] += c[s];
}
const all = STATUSES.reduce((a, s) => a + total[s], 0);
console.log(
  `${'all'.padEnd(26)} ${STATUSES.map((s) => String(total[s]).padStart(9)).join('')}   ` +
    STATUSES.map((s) => `${s} ${all ? ((100 * total[s]) / all).toFixed(1) : '0'}%`).join(', '),
);
console.log(`${texts.size} documents (${NEGATIVE_CONTROLS.length} negative controls), ${all} labels`);

if (errors.length) {
  console.error(`\n${errors.length} problem(s):`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
console.log('labels OK');
