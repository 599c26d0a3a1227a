// Phrase syntax: words compared case-insensitively on word tokens.
//   word~  the word and its inflections     word*  any word starting with it
//   *      exactly one word, any            word?  optional word
//   a|b~|c one word, any of these (each may carry ~)

export type WordPattern =
  | { kind: 'exact'; words: string[] } // one of these words
  | { kind: 'prefix'; prefix: string }
  | { kind: 'any' };

/** A phrase compiles to one or more alternatives (optional words expand). */
export type PhrasePattern = WordPattern[];

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Split text into lower-cased word tokens the same way the engine tokenizes documents. */
export function tokenize(s: string): string[] {
  return (s.toLowerCase().match(TOKEN) ?? []);
}

/** Inflections of an English word: use -> uses, used, using; apply -> applies, applied; stop -> stopped. */
export function inflections(word: string): string[] {
  const w = word.toLowerCase();
  const out = new Set([w]);
  const vowel = (c: string | undefined) => !!c && 'aeiou'.includes(c);
  if (w.endsWith('ee')) {
    out.add(w + 's').add(w + 'd').add(w + 'ing'); // agree -> agrees, agreed, agreeing
  } else if (w.endsWith('e')) {
    out.add(w + 's').add(w + 'd').add(w.slice(0, -1) + 'ing');
  } else if (w.endsWith('y') && !vowel(w[w.length - 2])) {
    out.add(w.slice(0, -1) + 'ies').add(w.slice(0, -1) + 'ied').add(w + 'ing');
  } else if (/(s|x|z|ch|sh)$/.test(w)) {
    out.add(w + 'es').add(w + 'ed').add(w + 'ing');
  } else {
    out.add(w + 's').add(w + 'ed').add(w + 'ing');
    // Words ending vowel + consonant may double it (stop -> stopped, transfer -> transferred);
    // both spellings are listed since stress decides, and the wrong one never occurs in text.
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(w) || /^[aeiou][bdgklmnprt]$/.test(w)) {
      const d = w + w[w.length - 1];
      out.add(d + 'ed').add(d + 'ing');
    }
  }
  for (const x of IRREGULAR[w] ?? []) out.add(x);
  return [...out];
}

/** Irregular past forms drafters use in these clauses. */
const IRREGULAR: Record<string, string[]> = {
  sell: ['sold'], resell: ['resold'], build: ['built'], buy: ['bought'], make: ['made'], keep: ['kept'], send: ['sent'],
  give: ['gave', 'given'], take: ['took', 'taken'], write: ['wrote', 'written'], run: ['ran'], get: ['got', 'gotten'],
  hold: ['held'], withhold: ['withheld'], lend: ['lent'], lose: ['lost'], pay: ['paid'], bring: ['brought'], teach: ['taught'],
  find: ['found'], leave: ['left'], steal: ['stole', 'stolen'], seek: ['sought'], forbid: ['forbade', 'forbidden'],
  choose: ['chose', 'chosen'], know: ['knew', 'known'], undertake: ['undertook', 'undertaken'], break: ['broke', 'broken'],
  do: ['did', 'done', 'does'], be: ['is', 'are', 'was', 'were', 'been', 'being'], have: ['has', 'had'], become: ['became'],
  begin: ['began', 'begun'], tell: ['told'], say: ['said'], see: ['saw', 'seen'], show: ['shown'], spend: ['spent'],
  sublicense: ['sublicensed'], upload: ['uploaded'], feed: ['fed'], lead: ['led'], read: ['read'], set: ['set'], put: ['put'],
};

export class PhraseError extends Error {}

/** `question~|message~|file`: one word slot, any of the listed words (each one token, `~` inflects). */
function alternation(part: string, body: string): string[] {
  const words = new Set<string>();
  for (const alt of body.split('|')) {
    const inflect = alt.endsWith('~');
    const t = tokenize(inflect ? alt.slice(0, -1) : alt);
    if (t.length !== 1 || /[*?]/.test(alt)) throw new PhraseError(`'${part}': each alternative must be one plain word (word or word~)`);
    for (const w of inflect ? inflections(t[0]!) : t) words.add(w);
  }
  return [...words];
}

/** Parse one phrase into alternatives of word patterns. */
export function parsePhrase(phrase: string): PhrasePattern[] {
  const parts = phrase.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw new PhraseError('empty phrase');
  let alts: PhrasePattern[] = [[]];
  for (const part of parts) {
    const optional = part.length > 1 && part.endsWith('?');
    const body = optional ? part.slice(0, -1) : part;
    let pats: WordPattern[];
    if (body.includes('|')) pats = [{ kind: 'exact', words: alternation(part, body) }];
    else if (body === '*') pats = [{ kind: 'any' }];
    else if (body.endsWith('*')) {
      const t = tokenize(body.slice(0, -1));
      if (t.length !== 1) throw new PhraseError(`'${part}': a prefix must be one word`);
      if (t[0]!.length < 3) throw new PhraseError(`'${part}': a prefix needs at least 3 letters`);
      pats = [{ kind: 'prefix', prefix: t[0]! }];
    } else if (body.endsWith('~')) {
      const t = tokenize(body.slice(0, -1));
      if (t.length === 0) throw new PhraseError(`'${part}': nothing to inflect`);
      // "fine-tune~" inflects the last token only.
      pats = t.map((tok, i) => ({ kind: 'exact', words: i === t.length - 1 ? inflections(tok) : [tok] }) as WordPattern);
    } else {
      const t = tokenize(body);
      if (t.length === 0) throw new PhraseError(`'${part}' has no letters or digits`);
      pats = t.map((tok) => ({ kind: 'exact', words: [tok] }) as WordPattern);
    }
    const next: PhrasePattern[] = [];
    for (const a of alts) {
      next.push([...a, ...pats]);
      if (optional) next.push(a);
    }
    alts = next;
    if (alts.length > 64) throw new PhraseError(`'${phrase}': too many optional words`);
  }
  alts = alts.filter((a) => a.length > 0);
  if (alts.some((a) => a.every((w) => w.kind === 'any'))) throw new PhraseError(`'${phrase}' matches any word`);
  return alts;
}
