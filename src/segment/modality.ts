// Who is bound and how: party, modality (negation folded in), negation and exception flags.
// Worked out once per sentence so rules ask for `modality: prohibition` instead of matching "not".
import type { Modality, Party } from '../types.js';

/** Default party words; a document's own definitions ("Acme" ("Provider")) are added per document. */
export const DEFAULT_PARTIES: Record<string, Party> = {
  provider: 'provider', providers: 'provider', vendor: 'provider', supplier: 'provider', licensor: 'provider',
  we: 'provider', us: 'provider', processor: 'provider', 'service provider': 'provider', contractor: 'provider',
  seller: 'provider', 'sub processor': 'provider', subprocessor: 'provider', 'data processor': 'provider',
  customer: 'customer', customers: 'customer', client: 'customer', you: 'customer', licensee: 'customer', licensees: 'customer',
  user: 'customer', users: 'customer', 'end user': 'customer', 'end users': 'customer', subscriber: 'customer', controller: 'customer',
  buyer: 'customer', purchaser: 'customer', reseller: 'customer', resellers: 'customer', distributor: 'customer',
  distributors: 'customer', oem: 'customer', oems: 'customer', 'end customer': 'customer', 'end customers': 'customer', 'account holder': 'customer', 'data controller': 'customer', government: 'customer', agency: 'customer',
  authority: 'customer', department: 'customer', 'contracting authority': 'customer', 'the state': 'customer',
  'each party': 'either', 'either party': 'either', 'neither party': 'either', 'both parties': 'either', 'the parties': 'either',
  'each of the parties': 'either', 'a party': 'either', parties: 'either', 'each of us': 'either',
};

// Words that, right after a party word, make it an adjective ("Customer Data") rather than a subject.
const NOUN_AFTER = new Set([
  'data', 'content', 'contents', 'information', 'materials', 'material', 'input', 'inputs', 'output', 'outputs', 'account',
  'accounts', 'personal', 'confidential', 'prompts', 'prompt', 'property', 'systems', 'system', 'applications', 'application',
  'affiliates', 'affiliate', 'policies', 'policy', 'agreement', 'terms', 'submissions', 'files', 'usage', 'products', 'product',
  'services', 'service', 'site', 'platform', 'name', 'marks', 'credentials', 'request', 'requests', 'instructions',
  's', 'representatives', 'employees', 'personnel', 'use', 'end', 'owned', 'provided', 'generated',
]);

/** Nouns that a relative clause follows ("the files you upload"): the party word after them is not the subject. */
const NOUN_BEFORE = new Set(['data', 'content', 'information', 'materials', 'files', 'documents', 'questions', 'prompts', 'inputs', 'outputs', 'messages', 'recordings', 'images', 'text', 'texts', 'anything', 'everything', 'whatever', 'conversations', 'chats', 'uploads', 'audio', 'code']);

type Cue = { re: RegExp; modality: Exclude<Modality, 'none'>; party?: Party; inverted?: boolean };

// Ordered: at the same position the first cue listed wins, so negated forms come before plain ones.
const CUES: Cue[] = [
  { re: /\bneither\s+party\s+(?:shall|will|may|must|can)\b/y, modality: 'prohibition', party: 'either' },
  { re: /\bin\s+no\s+event\s+(?:shall|will|may|must|can|is|are)\b/y, modality: 'prohibition', inverted: true },
  { re: /\bunder\s+no\s+circumstances?(?:\s+(?:shall|will|may|must|can|is|are))?\b/y, modality: 'prohibition', inverted: true },
  { re: /\bnor\s+(?:shall|will|may|must|can|is|are)\b/y, modality: 'prohibition', inverted: true },
  { re: /\b(?:shall|must|may|will|can|could|should|would|need|do|does|did|is|are|am)\s+(?:not|never)\b/y, modality: 'prohibition' },
  { re: /\b(?:won['’]t|can['’]t|cannot|shan['’]t|mustn['’]t|shouldn['’]t|wouldn['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t)\b/y, modality: 'prohibition' },
  { re: /\b(?:agrees?|undertakes?|covenants?|promises?|commits?|represents?)\s+(?:(?:that\s+)?(?:it|you|they|he|she|we|licensee|customer|user)\s+(?:shall|will|must)\s+)?not\b/y, modality: 'prohibition' },
  { re: /\b(?:is|are|be|being|remain|remains)\s+(?:strictly\s+|expressly\s+|hereby\s+)?(?:prohibited|forbidden|barred|not\s+permitted|not\s+allowed|not\s+authorized|not\s+authorised|not\s+entitled|restricted\s+from|precluded\s+from)\b/y, modality: 'prohibition' },
  // "each End Customer agrees, in terms no less protective than this Article, not to:"
  { re: /\b(?:agrees?|undertakes?|covenants?|promises?|commits?)\s*,[^,;:]{1,80},\s*not\s+to\b/y, modality: 'prohibition' },
  { re: /\b(?:refrains?|abstains?)\s+from\b/y, modality: 'prohibition' },
  { re: /\b(?:nor|never)\b/y, modality: 'prohibition' },
  { re: /\bno\s+(?:[\p{L}-]+\s+){0,4}(?:shall|will|may|must|can|is|are)\b/uy, modality: 'prohibition' },
  // "No State Data, whether in raw or embedded form, may be used ...": the subject's aside between commas
  { re: /\bno\s+(?:[\p{L}-]+\s+){0,3}[\p{L}-]+,\s*(?:whether|including|in\s+any|in\s+whatever|however|whatever|either)\b[^;.]{0,120}?,\s*(?:shall|will|may|must|can|is|are)\b/uy, modality: 'prohibition' },
  { re: /\b(?:prohibits?|prohibited|forbids?)\b/y, modality: 'prohibition' },
  { re: /\b(?:may|can|could|might)\b/y, modality: 'permission' },
  { re: /\b(?:is|are|be)\s+(?:hereby\s+)?(?:permitted|entitled|allowed|authori[sz]ed|free)\s+to\b/y, modality: 'permission' },
  { re: /\b(?:has|have|retains?|reserves?)\s+(?:the\s+|a\s+|all\s+)?(?:following\s+|sole\s+|exclusive\s+|absolute\s+)?(?:rights?|discretion|option)\b/y, modality: 'permission' },
  // A duty to keep others from an act is a prohibition of the act: "Reseller shall ensure that End
  // Customers do not ...", "shall require each User not to ...", "must forbid the End Customer to:",
  // "shall prohibit its staff from ..." (the party bound is the one who must see to it).
  {
    re: /\b(?:shall|must|will)\s+(?:(?:procure|ensure|make\s+sure|see\s+to\s+it)\s+that\s+[^.;:]{1,80}?\b(?:do|does|will|shall|may|can|is|are)\s+not\b|(?:require|oblige|obligate|direct|instruct)\s+[^.;:]{1,80}?\bnot\s+to\b|(?:prohibit|bar|prevent|preclude|forbid)\s+(?:[\p{L}'’-]+\s+){1,6}?from\s+\p{L}+ing\b|forbid\s+(?:[\p{L}'’-]+\s+){1,6}?to\s+(?!the\b|an?\b|any\b|its\b|their\b|our\b|your\b|this\b|that\b|such\b)\p{L}+)/uy,
    modality: 'prohibition',
  },
  { re: /\b(?:shall|must|will|['’]ll)\b/y, modality: 'obligation' },
  { re: /\b(?:agrees?|undertakes?|commits?|covenants?|warrants?)\s+(?:to|that)\b/y, modality: 'obligation' },
  { re: /\b(?:is|are)\s+(?:required|obligated|obliged|responsible|bound)\s+(?:to|for)\b/y, modality: 'obligation' },
  { re: /\b(?:has|have)\s+to\b/y, modality: 'obligation' },
];

/** The words just before a modal that open a purpose clause: "..., so (that) you can", "in order that we may". */
const PURPOSE_BEFORE = /\S\s*,?\s+(?:so(?:\s+that)?|in\s+order\s+that)\s+(?:[\p{L}'’]+\s+){1,2}$/u;
const CUE_START = /\b(?:neither|in|under|shall|must|may|will|can|could|should|would|need|do|does|did|is|are|am|be|being|remain|remains|won|don|doesn|isn|aren|cannot|shan|mustn|shouldn|wouldn|agrees?|undertakes?|covenants?|promises?|commits?|represents?|refrains?|abstains?|nor|never|no|prohibits?|prohibited|forbids?|might|has|have|retains?|reserves?|warrants?|ll)\b/gu;

const NEGATION = /\b(?:not|no|never|neither|nor|without|cannot|won['’]t|can['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t|shan['’]t)\b/i;
const EXCEPTION =
  /\b(?:except|excepting|unless|other\s+than|provided\s+(?:that|however)|provided,\s+however|notwithstanding|save\s+(?:as|that|for|where)|excluding|with\s+the\s+exception\s+of|apart\s+from|but\s+only)\b/i;

/**
 * A document's party names for look-up: the same answers as `parties[name]` (own names, and what a
 * plain object inherits, such as "constructor"), from a Map rather than an object keyed by freshly
 * built strings, and the first words of the names of two or three words.
 */
export interface PartyIndex {
  get(name: string): Party | undefined;
  multiFirst: Set<string>;
}

export function partyIndex(parties: Record<string, Party>): PartyIndex {
  const own = new Map<string, Party>();
  const multiFirst = new Set<string>();
  for (const k of Object.keys(parties)) {
    own.set(k, parties[k]!);
    const sp = k.indexOf(' ');
    if (sp > 0) multiFirst.add(k.slice(0, sp));
    else if (sp === 0) multiFirst.add('');
  }
  return {
    get: (name) => {
      const r = own.get(name);
      if (r !== undefined || own.has(name)) return r;
      return name in Object.prototype ? parties[name] : undefined;
    },
    multiFirst,
  };
}

export interface SentenceFacts {
  party: Party;
  modality: Modality;
  negated: boolean;
  exception: boolean;
}

/**
 * Facts of one sentence. `parties` maps lower-cased names (one to three words) to roles.
 * The first modal cue decides the modality; the bound party is the last party word in the few
 * words before it ("Customer shall", "you will not", "Each party agrees"), or the agent of a
 * passive ("may not be used by Customer").
 */
export function sentenceFacts(sentence: string, parties: Record<string, Party>, index: PartyIndex = partyIndex(parties)): SentenceFacts {
  // Contractions the cues do not list: "you're not allowed" is "you are not allowed", "we'll" is "we will".
  if (sentence.includes("'") || sentence.includes('’')) sentence = sentence.replace(CONTRACTION, (m, r: string) => (r.toLowerCase() === 're' ? ' are' : ' will'));
  const lower = sentence.toLowerCase();
  const negated = NEGATION.test(lower);
  const exception = EXCEPTION.test(lower);
  // "Customer acknowledges that Provider may ...": "acknowledges/understands/confirms that" is not a
  // commitment; the clause after it is what binds.
  const ack = /\b(?:acknowledges?|understands?|confirms?|accepts?|recognizes?|recognises?)(?:\s+and\s+agrees?)?\s+that\b/.exec(lower);
  if (ack && !/\b(?:shall|must|will|may|can|agrees?\s+to)\b/.test(lower.slice(0, ack.index))) {
    const inner = sentenceFacts(sentence.slice(ack.index + ack[0].length), parties, index);
    if (inner.modality !== 'none') return { ...inner, negated, exception };
  }
  let modality: Modality = 'none';
  let party: Party = 'unknown';
  let cueAt = -1;
  let cueEnd = -1;
  CUE_START.lastIndex = 0;
  for (let m = CUE_START.exec(lower); m; m = CUE_START.exec(lower)) {
    let hit: Cue | undefined;
    let hitEnd = -1;
    for (const cue of CUES) {
      cue.re.lastIndex = m.index;
      const cm = cue.re.exec(lower);
      if (cm) {
        hit = cue;
        hitEnd = m.index + cm[0].length;
        break;
      }
    }
    if (!hit) continue;
    // "We store your chats so you can return to them": a modal in a purpose clause after a statement
    // is what the statement makes possible, not the sentence's own force.
    if (m.index > 0 && PURPOSE_BEFORE.test(lower.slice(Math.max(0, m.index - 40), m.index))) continue;
    // "Customer agrees that Provider may ..." / "You acknowledge that we will not ...": the clause
    // after "that" carries the force; its own cue and subject decide when there is one.
    const agreesThat = /^(?:agrees?|undertakes?|commits?|covenants?|warrants?)\s+that\b/.exec(lower.slice(m.index));
    if (agreesThat) {
      const inner = sentenceFacts(sentence.slice(m.index + agreesThat[0].length), parties, index);
      // "Licensee agrees that it will not ...": a pronoun refers back to the one who agrees.
      if (inner.modality !== 'none' && inner.party === 'unknown') inner.party = subjectParty(lower.slice(0, m.index), index);
      if (inner.modality !== 'none') return { ...inner, negated, exception };
    }
    // "Prohibited Use Policy", "Forbidden Content Rules": a capitalized name, not a prohibition.
    if (/^(?:prohibit|forbid)/.test(lower.slice(m.index)) && /^\p{Lu}\S*\s+\p{Lu}/u.test(sentence.slice(m.index))) continue;
    // "no" and "never" outside a modal context are weak: only take them when nothing else follows soon.
    modality = hit.modality;
    cueAt = m.index;
    cueEnd = hitEnd;
    if (hit.party) party = hit.party;
    else if (hit.inverted) party = leadingParty(lower.slice(hitEnd, hitEnd + 60), index);
    break;
  }
  // A lead-in whose last words keep someone from what the list names ("... End Customer Terms that
  // forbid the End Customer to:", "... require its staff not to:"): the items are prohibited acts.
  if (modality === 'obligation' && LEAD_IN_BAN.test(lower)) modality = 'prohibition';
  if (cueAt >= 0 && party === 'unknown') {
    // "If a government authority requires it, Tallowbird may suspend ...": the party in a leading
    // conditional clause is not the subject of the main one (unless that one starts with a pronoun:
    // "If Customer fails to pay, it may ...")
    const lead = LEADING_CLAUSE.exec(lower);
    const main = lead && lead[0].length <= cueAt ? lower.slice(lead[0].length, cueAt) : undefined;
    party = main !== undefined && !/^\W*(?:it|they|he|she)\b/.test(main) ? subjectParty(main, index) : subjectParty(lower.slice(0, cueAt), index);
    if (party === 'unknown') {
      // Passive with an agent: "may not be used by Customer to ..."
      const after = lower.slice(cueEnd, cueEnd + 80);
      const agent = /^\s+(?:be|been)\s+\w+\s+(?:\w+\s+){0,3}?by\s+((?:[\p{L}]+\s*){1,3})/u.exec(after);
      if (agent) party = leadingParty(agent[1]!, index);
    }
    // Imperatives in use policies ("Do not ...", "Never ...") bind the reader, i.e. the customer.
    if (party === 'unknown' && modality === 'prohibition' && /^\W*(?:[\w.()]{1,6}\s+)?(?:do\s+not|don['’]t|never|not\s+to)\b/.test(lower)) party = 'customer';
  } else if (cueAt < 0) {
    // Statements without a modal verb: "We do not ..." handled above; "Provider deletes ..." stays unknown modality.
    // A passive ("Your data is used solely to ...") has its subject before the verb; a party named
    // after it ("... for you") is not the one bound.
    // A leading adverbial clause ("When you use the free tier, Provider uses ...") is not the subject.
    const lead = LEADING_CLAUSE.exec(lower);
    const from = lead ? lead[0].length : 0;
    let head = lower.slice(from, Math.min(lower.length, from + 60));
    const passive = /\b(?:is|are|was|were|be|been|being)\s+(?:\p{L}+ly\s+)?\p{L}+(?:ed|en|wn)\b/u.exec(head);
    if (passive) head = head.slice(0, passive.index);
    party = subjectParty(head, index, true);
  }
  return { party, modality, negated, exception };
}

function words(s: string): string[] {
  return s.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The last `n` words of `s`, read from a tail of it: a tail holding more than n words (its first,
 * perhaps cut, word dropped) gives the same last n words as the whole string.
 */
function lastWords(s: string, n: number): string[] {
  for (let tail = 160; tail < s.length; tail *= 4) {
    const w = words(s.slice(s.length - tail));
    if (w.length > n) return w.slice(-n);
  }
  return words(s).slice(-n);
}

const CONTRACTION = /(?<=\p{L})['’](re|ll)\b/giu;
const LEAD_IN_BAN = /\b(?:(?:prohibit|forbid|bar|prevent|preclude)s?\s+(?:[\p{L}'’-]+\s+){1,6}from|forbids?\s+(?:[\p{L}'’-]+\s+){1,6}to|not\s+to)\s*:\s*$/u;
/** "Our staff will not ...", "Our systems scan ...": the provider's own people and systems. */
const PROVIDER_AGENTS = new Set(['staff', 'employees', 'personnel', 'team', 'teams', 'engineers', 'reviewers', 'moderators', 'systems', 'subprocessors', 'affiliates', 'contractors']);
// (after a clause number: "9.1 If a law requires it, ...")
const LEADING_CLAUSE = /^\W*(?:(?:\d{1,3}(?:\.\d{1,3})*\.?|\(?[a-z0-9]{1,4}[.)])\s+)?(?:when|whenever|if|where|wherever|once|after|before|while|because|unless|until|although|as\s+long\s+as)\b[^,;:]{1,150},\s*/;
const OBJECT_PREPOSITION = new Set(['by', 'to', 'with', 'from', 'of', 'for']);

/** The last party mentioned in the (up to 10) words before the modal verb, skipping "Customer Data"-like nouns. */
function subjectParty(before: string, index: PartyIndex, first = false): Party {
  const w = first ? words(before) : lastWords(before, 10);
  let found: Party = 'unknown';
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 'our' && PROVIDER_AGENTS.has(w[i + 1]!) && (i === 0 || !OBJECT_PREPOSITION.has(w[i - 1]!))) {
      found = 'provider';
      if (first) return found;
      i++;
      continue;
    }
    // Names of two or three words are looked up only after a word that starts one.
    for (let n = index.multiFirst.has(w[i]!) ? 3 : 1; n >= 1; n--) {
      if (i + n > w.length) continue;
      const name = n === 1 ? w[i]! : n === 2 ? `${w[i]!} ${w[i + 1]!}` : `${w[i]!} ${w[i + 1]!} ${w[i + 2]!}`;
      const role = index.get(name);
      if (!role) continue;
      const next = w[i + n];
      // "Customer Data", "User use" are nouns; a pronoun never is ("we use your files", "you content")
      // (at the head of the statement: "the mechanisms we use" is a relative clause)
      const pronounSubject = (name === 'we' || name === 'you') && (i === 0 || (i === 1 && /^[a-z\d]{1,3}$/.test(w[0]!)));
      if (next && NOUN_AFTER.has(next) && !pronounSubject) continue;
      if (w[i - 1] === 'by' || w[i - 1] === 'to' || w[i - 1] === 'with' || w[i - 1] === 'from' || w[i - 1] === 'of') continue;
      // "... on behalf of the Customer", "data sent to the Provider": the object of a preposition
      if (w[i - 1] === 'the' && i > 1 && OBJECT_PREPOSITION.has(w[i - 2]!)) continue;
      // "the data you upload", "content we generate": a relative clause inside the subject, not its head
      if (i > 0 && NOUN_BEFORE.has(w[i - 1]!)) continue;
      found = role;
      if (first) return found;
      i += n - 1;
      break;
    }
  }
  return found;
}

function leadingParty(s: string, index: PartyIndex): Party {
  const w = words(s).filter((x) => x !== 'the');
  for (const n of [3, 2, 1]) {
    const role = index.get(w.slice(0, n).join(' '));
    if (role) return role;
  }
  return 'unknown';
}
