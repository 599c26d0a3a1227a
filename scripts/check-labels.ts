// Checks the hand-written labels of a labelled corpus (DIR/labels.json against DIR/docs/):
//   npx tsx scripts/check-labels.ts test/corpus [test/blind ...]   (npm run labels: every corpus)
// Exit code 1 if anything is wrong; the problems are listed on stderr. It never runs clausecheck.
//
// Checked: every document has labels and every label set has a document; every label set has
// exactly the 28 catalog IDs in catalog order; statuses are valid; `missing` has an empty quote and
// every other status a non-empty quote that is an exact, single-line substring of the document
// text, trimmed and at most 30 words; notes, when present, are non-empty strings; no other field;
// `conflict` only for IDs whose catalog row has a "conflict when" column; `partial` never for
// EC-CLASSIFICATION (its "partial when" cell is "—"); negative controls are `missing` on every
// ID; the document lengths are within the corpus's range.
// Text convention (as in the devset): CRLF is read as LF, and a first paragraph starting
// "Source:" is not part of the document text.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join, normalize } from 'node:path';
import { REQUIREMENT_IDS } from '../src/catalog.js';

export interface CorpusRules {
  /** Allowed document length in words, inclusive. */
  words: [number, number];
  /** Documents with nothing about AI, data or export: every ID must be `missing`. */
  negative?: string[];
}

/** The labelled corpora of this repository and the limits each was written to. */
export const CORPORA: Record<string, CorpusRules> = {
  'test/corpus': {
    words: [400, 2500],
    negative: ['32-maple-court-residential-lease', '33-harwick-bakery-employment-agreement', '34-greenway-landscaping-services', '35-copperleaf-partnership-agreement'],
  },
  'test/blind': { words: [500, 2500] },
  'test/blind2': { words: [600, 2500] },
  'test/blind3': { words: [600, 2200] },
  'test/blind4': { words: [600, 1800] },
  'test/blind5': { words: [600, 1800], negative: ['08-brassmoor-stage-equipment-hire-agreement'] },
  'test/blind6': { words: [700, 2000], negative: ['08-thornbury-event-catering-agreement'] },
  'test/blind7': { words: [700, 2000], negative: ['08-ferncastle-clinic-co-marketing-agreement'] },
  'test/blind8': { words: [700, 2000] },
  'test/blind9': { words: [700, 2000] },
  'test/blind10': { words: [700, 2000] },
  'test/blind11': { words: [700, 2000] },
  'test/blind12': { words: [700, 2000] },
  'test/blind13': { words: [700, 2000] },
  'test/blind14': { words: [700, 2000] },
  'test/blind15': { words: [700, 2000], negative: ['08-harlow-quay-office-lease'] },
  'test/blind16': { words: [700, 2000], negative: ['08-ridgeline-fleet-maintenance-agreement'] },
  'test/blind17': { words: [700, 2000], negative: ['08-kelsbury-corn-exchange-venue-hire'] },
  'test/blind18': { words: [700, 2000], negative: ['08-wattlegrove-grounds-maintenance-contract'] },
  'test/blind19': { words: [700, 2000], negative: ['08-millbrae-hollow-library-janitorial-agreement'] },
  'test/blind20': { words: [700, 2000], negative: ['08-ballycarrow-marina-annual-berth-licence'] },
  'test/blind21': { words: [700, 2000], negative: ['08-tidewater-household-moving-contract'] },
  'test/blind22': { words: [700, 2000], negative: ['08-copperbeck-station-car-park-season-tickets'] },
  'test/blind23': { words: [700, 2000], negative: ['08-copperfinch-band-booking-agreement'] },
  'test/blind24': { words: [700, 2000], negative: ['08-ashgrove-piano-tuning-service-agreement'] },
  'test/blind25': { words: [700, 2000], negative: ['08-fernhollow-garden-design-agreement'] },
  'test/blind26': { words: [700, 2000], negative: ['08-brackenford-leisure-gym-membership'] },
  'test/blind27': { words: [700, 2000], negative: ['08-pennyroyal-house-painting-contract'] },
  'test/blind28': { words: [700, 2000], negative: ['08-hollyhock-lane-wedding-catering-agreement'] },
  'test/blind29': { words: [700, 2000], negative: ['08-saltings-reach-swinging-mooring-licence'] },
  'test/blind30': { words: [700, 2000], negative: ['08-hazelbrook-livery-yard-agreement'] },
  'test/blind31': { words: [700, 2000], negative: ['08-wrenfield-lane-community-garden-plot-licence'] },
};

const STATUSES = ['met', 'partial', 'missing', 'conflict'] as const;
type Status = (typeof STATUSES)[number];

/** IDs whose catalog row has a "conflict when" column (shared/spec/requirements.md). */
const CONFLICT_IDS = new Set(['AD-OUTPUT-USE', 'DR-NO-TRAINING', 'DR-RETENTION-PERIOD', 'DR-DELETION', 'DR-LOCATION', 'DR-CONFIDENTIALITY', 'EC-CHANGE-IN-LAW']);
/** IDs whose catalog row has no "partial when" case ("—"). */
const NO_PARTIAL_IDS = new Set(['EC-CLASSIFICATION']);
const MAX_QUOTE_WORDS = 30;

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** A document's text: CRLF read as LF, without a leading "Source: ..." paragraph. */
export function documentText(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n');
  return text.startsWith('Source:') ? text.slice(text.indexOf('\n\n') + 2) : text;
}

export interface LabelCheck {
  problems: string[];
  documents: number;
  counts: Map<string, Record<Status, number>>;
}

/** Every problem of DIR/labels.json against DIR/docs/, as "where: what" lines. */
export function checkLabels(dir: string, rules: CorpusRules): LabelCheck {
  const problems: string[] = [];
  const err = (where: string, msg: string): void => {
    problems.push(`${where}: ${msg}`);
  };
  const docsDir = join(dir, 'docs');
  const texts = new Map<string, string>();
  for (const f of readdirSync(docsDir).filter((f) => ['.txt', '.md'].includes(extname(f).toLowerCase())).sort()) {
    const name = basename(f, extname(f));
    if (texts.has(name)) err(f, 'two documents share this name');
    texts.set(name, documentText(readFileSync(join(docsDir, f), 'utf8')));
  }
  const counts = new Map<string, Record<Status, number>>(REQUIREMENT_IDS.map((id) => [id, { met: 0, partial: 0, missing: 0, conflict: 0 }]));
  let labels: Record<string, Record<string, { status?: unknown; quote?: unknown; note?: unknown }>>;
  try {
    labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));
  } catch (e) {
    return { problems: [`labels.json: cannot read or parse: ${(e as Error).message}`], documents: texts.size, counts };
  }
  const negative = rules.negative ?? [];
  const [minWords, maxWords] = rules.words;
  for (const name of texts.keys()) if (!(name in labels)) err(name, 'document has no labels');
  for (const name of Object.keys(labels)) if (!texts.has(name)) err(name, 'labels for a document that does not exist');
  for (const name of negative) if (!texts.has(name)) err(name, 'negative control document not found');

  for (const [name, docLabels] of Object.entries(labels)) {
    const text = texts.get(name);
    if (text !== undefined) {
      const n = words(text);
      if (n < minWords || n > maxWords) err(name, `${n} words, expected ${minWords}-${maxWords}`);
    }
    const ids = Object.keys(docLabels);
    if (ids.join(' ') !== REQUIREMENT_IDS.join(' ')) {
      for (const id of REQUIREMENT_IDS) if (!(id in docLabels)) err(name, `${id} missing from labels`);
      for (const id of ids) if (!REQUIREMENT_IDS.includes(id)) err(name, `unknown ID ${id}`);
      if (ids.length === REQUIREMENT_IDS.length) err(name, 'IDs are not in catalog order');
    }
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
      if (note !== undefined && (typeof note !== 'string' || note.trim() === '')) err(where, 'note must be a non-empty string');
      const c = counts.get(id);
      if (c) c[status as Status]++;
      if (negative.includes(name) && status !== 'missing') err(where, `negative control must be missing, is ${status}`);
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
  return { problems, documents: texts.size, counts };
}

function report(dir: string, r: LabelCheck, negatives: number): void {
  const total: Record<Status, number> = { met: 0, partial: 0, missing: 0, conflict: 0 };
  console.log(`\n${dir}`);
  console.log(`${'ID'.padEnd(26)} ${STATUSES.map((s) => s.padStart(9)).join('')}`);
  for (const [id, c] of r.counts) {
    console.log(`${id.padEnd(26)} ${STATUSES.map((s) => String(c[s]).padStart(9)).join('')}`);
    for (const s of STATUSES) total[s] += c[s];
  }
  const all = STATUSES.reduce((a, s) => a + total[s], 0);
  console.log(
    `${'all'.padEnd(26)} ${STATUSES.map((s) => String(total[s]).padStart(9)).join('')}   ` +
      STATUSES.map((s) => `${s} ${all ? ((100 * total[s]) / all).toFixed(1) : '0'}%`).join(', '),
  );
  console.log(`${r.documents} documents (${negatives} negative controls), ${all} labels`);
  if (r.problems.length) {
    console.error(`\n${dir}: ${r.problems.length} problem(s):`);
    for (const p of r.problems) console.error(`  ${p}`);
  } else console.log(`${dir}: labels OK`);
}

if (process.argv[1] && basename(process.argv[1]) === 'check-labels.ts') {
  const args = process.argv.slice(2);
  const dirs = args.length ? args : Object.keys(CORPORA);
  let failed = false;
  for (const arg of dirs) {
    const dir = normalize(arg).replace(/\/$/, '');
    const rules = CORPORA[dir];
    if (!rules) {
      console.error(`${arg}: not a labelled corpus known to scripts/check-labels.ts (known: ${Object.keys(CORPORA).join(', ')})`);
      failed = true;
      continue;
    }
    const r = checkLabels(dir, rules);
    report(dir, r, rules.negative?.length ?? 0);
    if (r.problems.length) failed = true;
  }
  process.exit(failed ? 1 : 0);
}
