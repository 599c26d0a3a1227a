// Text similarity between a foreign questionnaire's question and the questions of our bank, for
// `questionnaire map` and `check --auto-map`. Deterministic and small: words are folded (accents,
// case), stripped of common suffixes, and mapped onto a concept when they belong to one of the
// synonym groups below; each concept weighs its inverse document frequency in the bank (rare words
// count more). The score of a pair is a weighted F-measure of two coverages: how much of the sheet's
// question the bank question explains (counted more), and how much of the bank question's own text
// the sheet's question covers.
import type { Question, Questionnaire } from './types.js';

/** Words that say nothing about what a question asks. */
const STOPWORDS = new Set(
  (
    'a an the of to in on at for by with from as into onto over under about and or nor but if then than so ' +
    'do does did done you your yours we our ours us they their them it its this that these those there here ' +
    'is are was were be been being am will would shall should can could may might must has have had having ' +
    'any all each every some such other which what whose when where how why whether please ' +
    'ever before after during while since until once upon both either more most less very much many back lists against provide describe explain confirm indicate state list give specify detail details answer yes no n/a na ' +
    'not per via e.g i.e etc also only within including include includes included ' +
    'organisation organization company company\'s companies entity firm business vendor supplier service services ' +
    'use used uses using system systems platform registered official full currently current'
  ).split(/\s+/),
);

/**
 * Synonym groups: every word (or phrase) of a group stands for the group's first word. Phrases are
 * matched on the folded text before it is split into words.
 */
const GROUPS: string[][] = [
  ['keep', 'retain', 'retained', 'retention', 'keeps', 'kept', 'store', 'stored', 'storage', 'stores', 'persist', 'persisted', 'preserve', 'preserved', 'held', 'hold on to'],
  ['delete', 'deleted', 'deletion', 'erase', 'erased', 'erasure', 'purge', 'purged', 'destroy', 'destroyed', 'destruction', 'dispose', 'disposal', 'wipe', 'wiped', 'remove', 'removed', 'removal'],
  ['input', 'inputs', 'prompt', 'prompts', 'query', 'queries', 'uploads', 'uploaded', 'submitted content', 'submissions'],
  ['output', 'outputs', 'completion', 'completions', 'generations', 'generated content', 'generated', 'results produced'],
  ['train', 'training', 'fine tune', 'fine tuning', 'finetune', 'finetuning', 'retrain', 'retraining'],
  ['improve', 'improvement', 'improving', 'enhance', 'enhancing', 'develop', 'development'],
  ['duration', 'days', 'day', 'how long', 'period', 'time frame', 'timeframe', 'length of time'],
  ['hour', 'hours'],
  ['publish', 'published', 'publishes', 'public', 'publicly', 'list of', 'register of'],
  ['name', 'names', 'who', 'whom'],
  ['count', 'how many', 'number of', 'count of', 'quantity of'],
  ['deploy', 'deployed', 'deployment', 'deploying', 'run', 'runs', 'running'],
  ['subprocessor', 'sub processor', 'sub processors', 'subprocessors', 'subcontractor', 'subcontractors', 'sub contractor', 'third party', 'third parties', 'fourth party'],
  ['incident', 'incidents', 'breach', 'breaches', 'compromise', 'compromised', 'security event'],
  ['notify', 'notification', 'notice', 'notified', 'inform', 'informed', 'alert', 'tell', 'told', 'advise'],
  ['customer', 'customers', 'user', 'users', 'client', 'clients', 'tenant', 'tenants', 'buyer', 'licensee'],
  ['country', 'countries', 'jurisdiction', 'jurisdictions', 'nation'],
  ['incorporate', 'incorporated', 'incorporation', 'registered office', 'domicile', 'domiciled', 'organised under', 'organized under', 'registered in'],
  ['headquarters', 'headquartered', 'hq', 'head office', 'principal place of business', 'main office'],
  ['parent', 'parent company', 'holding company', 'immediate owner'],
  ['owner', 'ownership', 'owned', 'owns', 'shareholder', 'shareholders', 'stake', 'equity'],
  ['government', 'governmental', 'state owned', 'state', 'public authority', 'sovereign'],
  ['sanction', 'sanctions', 'sanctioned', 'embargo', 'embargoed', 'restricted party', 'denied party', 'restricted parties', 'denied parties', 'sdn', 'entity list', 'watch list', 'watchlist', 'restricted list'],
  ['screen', 'screening', 'screened', 'vet', 'vetting', 'vetted'],
  ['export', 'exports', 'exported', 'dual use', 'ear', 'itar'],
  ['classification', 'classify', 'classified', 'eccn', 'export control classification number'],
  ['watermark', 'watermarks', 'watermarking', 'watermarked', 'provenance', 'c2pa', 'content credentials'],
  ['ratelimit', 'rate limit', 'rate limits', 'rate limiting', 'throttle', 'throttling', 'quota', 'quotas'],
  ['kyc', 'know your customer', 'identity verification', 'verify the identity', 'verify identity', 'verifying identity', 'identity checks', 'identity', 'identities', 'verify', 'verified', 'verification'],
  ['distillation', 'distill', 'distilled', 'distilling', 'extraction', 'extract', 'model theft', 'model stealing', 'model extraction'],
  ['abuse', 'misuse', 'malicious use', 'abusive'],
  ['monitor', 'monitoring', 'monitored', 'detect', 'detection', 'anomaly', 'anomalies', 'anomalous'],
  ['suspend', 'suspension', 'suspended', 'terminate account', 'ban', 'banned', 'disable accounts'],
  ['region', 'regions', 'location', 'locations', 'data center', 'data centre', 'data centers', 'data centres', 'datacenter', 'geography', 'geographies'],
  ['residency', 'localisation', 'localization', 'sovereignty', 'in region'],
  ['log', 'logs', 'logging', 'logged', 'audit trail', 'audit trails'],
  ['certify', 'certified', 'certification', 'certifications', 'certificate', 'attestation', 'attestations', 'accredited', 'accreditation'],
  ['staff', 'employee', 'employees', 'personnel', 'contractors', 'human', 'humans', 'people', 'reviewers'],
  ['anonymise', 'anonymised', 'anonymized', 'anonymous', 'anonymization', 'anonymisation', 'de identified', 'deidentified', 'aggregated', 'aggregate', 'pseudonymised', 'pseudonymized'],
  ['optout', 'opt out', 'opt outs', 'opting out', 'decline'],
  ['consent', 'opt in', 'permission', 'agree', 'agreement to'],
  ['military', 'weapon', 'weapons', 'wmd', 'mass destruction', 'armed forces', 'defence', 'defense'],
  ['surveillance', 'mass surveillance', 'tracking of individuals'],
  ['investigation', 'investigations', 'penalty', 'penalties', 'enforcement action', 'voluntary disclosure', 'voluntary self disclosure'],
  ['past24months', 'last 24 months', 'past 24 months', 'last two years', 'past two years', 'last 2 years', 'past 2 years', 'previous two years', 'previous 24 months'],
  ['foreignperson', 'foreign person', 'foreign persons', 'foreign national', 'foreign nationals', 'deemed export', 'deemed exports', 'non us persons', 'non u s persons'],
  ['legalname', 'legal name', 'registered name', 'full name of the entity', 'company name', 'entity name', 'legal entity name'],
  ['residual', 'intellectual property', 'ip rights', 'title to'],
  ['directive', 'directives', 'government order', 'government orders', 'lawful order', 'regulatory order'],
  ['prohibit', 'prohibits', 'prohibited', 'forbid', 'forbids', 'forbidden', 'ban on', 'disallow', 'not permitted'],
  ['competing', 'competitor', 'competitors', 'competitive', 'rival'],
  ['zero', 'zdr', 'no retention', 'none retained'],
  ['copy', 'copies', 'share', 'shared', 'provide a copy'],
];

/** Fold accents and case, and join words split by a hyphen or slash the way documents spell them. */
function fold(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

/** A light suffix stripper, the same on both sides (it need not give dictionary stems, only equal ones). */
export function stem(word: string): string {
  if (word.length <= 4 || /^\d/.test(word)) return word;
  let w = word;
  for (const suffix of ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ies', 'ied', 'ers', 'er', 'ed', 'es', 'ly', 's']) {
    if (suffix === 's' && /(?:ss|us|is)$/.test(w)) continue;
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "ultimately" / "ultimate", "controlling" / "control".
  if (w.length >= 5 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length >= 5 && /([^aeious])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

interface Lexicon {
  /** Phrases (folded, space separated, longest first) -> concept. */
  phrases: Array<[string, string]>;
  /** Stems -> concept. */
  words: Map<string, string>;
}

let lexicon: Lexicon | undefined;
function lex(): Lexicon {
  if (lexicon) return lexicon;
  const phrases: Array<[string, string]> = [];
  const words = new Map<string, string>();
  for (const group of GROUPS) {
    const concept = `~${group[0]}`;
    for (const w of group) {
      const f = fold(w).trim();
      if (f.includes(' ')) phrases.push([f, concept]);
      else words.set(stem(f), concept);
    }
  }
  phrases.sort((a, b) => b[0].length - a[0].length);
  lexicon = { phrases, words };
  return lexicon;
}

/** The concepts and stems of a text, each once. */
export function terms(text: string): string[] {
  const { phrases, words } = lex();
  let t = fold(text);
  const out = new Set<string>();
  for (const [phrase, concept] of phrases) {
    if (t.includes(` ${phrase} `)) {
      out.add(concept);
      t = t.split(` ${phrase} `).join(' ');
    }
  }
  for (const w of t.split(' ')) {
    if (!w || STOPWORDS.has(w)) continue;
    if (w.length === 1 && !/\d/.test(w)) continue;
    const s = stem(w);
    out.add(words.get(s) ?? s);
  }
  return [...out];
}

export interface Candidate {
  id: string;
  confidence: number;
}

interface IndexedQuestion {
  question: Question;
  /** Term -> weight of the field it came from (text 1, ID 1, guidance and choices 0.5). */
  fields: Map<string, number>;
  /** Sum of the IDF of the question text's own terms. */
  textMass: number;
}

export interface BankIndex {
  questions: IndexedQuestion[];
  idf(term: string): number;
  byId: Map<string, Question>;
}

/** Index a bank: the terms of each question and their inverse document frequency. */
export function indexBank(bank: Questionnaire): BankIndex {
  const df = new Map<string, number>();
  const raw = bank.questions.map((q) => {
    const fields = new Map<string, number>();
    const add = (text: string, w: number): void => {
      for (const t of terms(text)) fields.set(t, Math.max(fields.get(t) ?? 0, w));
    };
    add(q.text, 1);
    add(q.id.replace(/^[^.]*\./, '').replace(/-/g, ' '), 1);
    add(q.guidance, 0.35);
    for (const c of q.choices ?? []) add(`${c.label} ${c.synonyms.join(' ')}`, 0.35);
    for (const t of fields.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    return { question: q, fields, text: terms(q.text) };
  });
  const n = bank.questions.length;
  const maxIdf = Math.log(1 + n);
  const idf = (t: string): number => {
    const d = df.get(t);
    // A word the bank never uses still counts in the sheet's question (it is something the bank
    // question does not explain), as a fairly rare word would.
    return d === undefined ? 0.6 * maxIdf : Math.log(1 + n / d);
  };
  const questions = raw.map((r) => ({ question: r.question, fields: r.fields, textMass: r.text.reduce((s, t) => s + idf(t), 0) }));
  return { questions, idf, byId: new Map(bank.questions.map((q) => [q.id, q])) };
}

/** How much more the coverage of the sheet's question counts than the coverage of the bank question. */
const BETA = 2;

function score(index: BankIndex, sheetTerms: string[], q: IndexedQuestion): number {
  let sheetMass = 0;
  let explained = 0;
  let covered = 0;
  for (const t of sheetTerms) {
    const w = index.idf(t);
    sheetMass += w;
    const f = q.fields.get(t);
    if (f !== undefined) {
      explained += w * f;
      if (f === 1) covered += w;
    }
  }
  if (sheetMass === 0 || explained === 0) return 0;
  const recall = explained / sheetMass;
  const precision = Math.min(1, covered / Math.max(q.textMass, 1e-9));
  const b2 = BETA * BETA;
  const f = ((1 + b2) * precision * recall) / (b2 * precision + recall || 1);
  // Spread onto 0..1 so that a plain paraphrase lands above the default threshold of 0.6 and a
  // question sharing one or two words with ours stays well below it.
  return f ** 0.75;
}

/** The bank questions best matching a sheet question, best first (at most `n`). */
export function rank(index: BankIndex, text: string, n = 3): Candidate[] {
  const t = terms(text);
  if (t.length === 0) return [];
  return index.questions
    .map((q) => ({ id: q.question.id, confidence: Math.round(score(index, t, q) * 100) / 100 }))
    .filter((c) => c.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence || a.id.localeCompare(b.id))
    .slice(0, n);
}
