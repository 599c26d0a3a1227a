// Literal prefilters for RE2 patterns: the strings of which a text must contain at least one for
// the pattern to match anywhere in it. A unit or a definition head that contains none of them is
// skipped without running the (comparatively slow) RE2 matcher, so the results are the same as
// running it: the prefilter only ever answers "cannot match" when no match exists.
//
// The analysis is deliberately conservative. It reads a small subset of RE2 syntax (literals,
// escaped punctuation, small character classes, groups, alternation, quantifiers, anchors and
// the `i`/`m`/`s` flags); any other construct makes the whole pattern unfiltered (always run).
// Strings are compared lower-cased against lower-cased text, which is sound for ASCII letters
// under RE2's case folding once U+017F (long s) is read as `s` (`K` U+212A already lower-cases
// to `k`); a literal character outside ASCII is kept only when it has no case at all.

/** Lower-case alternatives, one of which occurs in every match; undefined: no prefilter. */
export type Prefilter = string[] | undefined;

/** Bounds on the exact sets carried through concatenation (beyond them only a required set is kept). */
const MAX_EXACT = 16;
const MAX_LEN = 24;

interface Info {
  /** Every string the node can match (lower-cased), when small; undefined when unknown or large. */
  exact?: Set<string>;
  /** A set of strings one of which occurs in every match; undefined when nothing is known. */
  req?: Set<string>;
}

class Unsupported extends Error {}

/** Prefilters by pattern: computed once per process, or given by the build's rules artifact. */
const known = new Map<string, Prefilter>();

/** Prefilters the build computed (the rules artifact), so that a run does not compute them again. */
export function seedPrefilters(entries: Iterable<[string, string[] | null]>): void {
  for (const [pattern, pf] of entries) if (!known.has(pattern)) known.set(pattern, pf ?? undefined);
}

/** The prefilter of an RE2 pattern, with or without case folding (lower-casing serves both). */
export function prefilterOf(pattern: string): Prefilter {
  if (known.has(pattern)) return known.get(pattern);
  const pf = analyse(pattern);
  known.set(pattern, pf);
  return pf;
}

function analyse(pattern: string): Prefilter {
  try {
    const p = new P(pattern);
    const info = p.alternation();
    if (p.i !== pattern.length) return undefined;
    const req = best(info);
    if (!req || req.size === 0 || [...req].some((s) => s.length === 0)) return undefined;
    return [...req].sort();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** The text as the prefilter reads it: lower-cased, long s as s (same length, so offsets hold). */
export function prefilterText(text: string): string | undefined {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) return undefined;
  if (lower.includes('\u017f')) lower = lower.replace(/\u017f/g, 's');
  return lower;
}

/** Whether `lower` (a slice of prefilterText's result) can hold a match of a pattern with this prefilter. */
export function mayMatch(pf: Prefilter, lower: string): boolean {
  if (!pf) return true;
  for (let i = 0; i < pf.length; i++) if (lower.includes(pf[i]!)) return true;
  return false;
}

/**
 * A prefilter as tests on word tokens (lower-cased words, as tokens.ts reads them). Each string's
 * longest run of ASCII letters and digits lies inside one word token of any text holding the
 * string: the token is the run when non-word characters surround it in the string, starts with it
 * when one precedes it at the string's end, ends with it when one follows it at the string's
 * start, and holds it otherwise. So a text region whose tokens all fail every test holds none of
 * the strings and cannot match. Undefined when there is no prefilter, or a string has no ASCII
 * letter or digit, or has a letter or digit outside ASCII (word boundaries would not be known).
 */
export type WordTest = { kind: 'exact' | 'prefix' | 'suffix' | 'infix'; s: string };
const WORD_CHAR = /[\p{L}\p{N}]/u;
const ALNUM = /[a-z0-9]/;

export function wordTests(pf: Prefilter): WordTest[] | undefined {
  if (!pf || pf.length === 0) return undefined;
  const out: WordTest[] = [];
  for (const lit of pf) {
    let best: [number, number] | undefined;
    for (let i = 0; i < lit.length; ) {
      if (!ALNUM.test(lit[i]!)) {
        if (WORD_CHAR.test(lit[i]!)) return undefined;
        i++;
        continue;
      }
      let j = i;
      while (j < lit.length && ALNUM.test(lit[j]!)) j++;
      if (!best || j - i > best[1] - best[0]) best = [i, j];
      i = j;
    }
    if (!best) return undefined;
    const [a, b] = best;
    const t: WordTest = { kind: a > 0 && b < lit.length ? 'exact' : a > 0 ? 'prefix' : b < lit.length ? 'suffix' : 'infix', s: lit.slice(a, b) };
    if (!out.some((x) => x.kind === t.kind && x.s === t.s)) out.push(t);
  }
  return out;
}

/** Whether a lower-cased word passes one of the tests (long s read as s, as prefilterText does). */
export function wordPasses(tests: WordTest[], word: string): boolean {
  const w = word.includes('\u017f') ? word.replace(/\u017f/g, 's') : word;
  for (let i = 0; i < tests.length; i++) {
    const t = tests[i]!;
    if (t.kind === 'exact' ? w === t.s : t.kind === 'prefix' ? w.startsWith(t.s) : t.kind === 'suffix' ? w.endsWith(t.s) : w.includes(t.s)) return true;
  }
  return false;
}

/** The required set of a node: its exact set when it has one, else its required set. */
function best(info: Info): Set<string> | undefined {
  if (info.exact) return info.exact.has('') ? undefined : info.exact;
  return info.req;
}

/**
 * The more selective of two required sets: not one holding a string made of the commonest words of
 * contracts alone ("subject to " is in nearly every contract, "sanctions" in few), then the one
 * with the longer shortest string, then fewer strings.
 */
function better(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  const ca = someCommon(a);
  if (ca !== someCommon(b)) return ca ? b : a;
  const ma = minLength(a);
  const mb = minLength(b);
  if (ma !== mb) return ma > mb ? a : b;
  return a.size <= b.size ? a : b;
}

/** Words so common in contracts that a string made of them alone says little about a text. */
const COMMON = new Set(
  ('a an and any are as at be been by each for from has have if in is it its may no not of on or other our ' +
    'shall such that the their them these they this those to under we which will with you your subject').split(' '),
);

/** Whether some string of the set is made of common words alone (or of no word at all). */
function someCommon(set: Set<string>): boolean {
  for (const s of set) if (s.split(/[^a-z0-9]+/).every((w) => w === '' || COMMON.has(w))) return true;
  return false;
}

function minLength(set: Set<string>): number {
  let m = Infinity;
  for (const s of set) if (s.length < m) m = s.length;
  return m;
}

const EMPTY: Info = { exact: new Set(['']) };
const UNKNOWN: Info = {};

function concat(a: Info, b: Info): Info {
  if (a.exact && b.exact && a.exact.size * b.exact.size <= MAX_EXACT) {
    const out = new Set<string>();
    let tooLong = false;
    for (const x of a.exact) for (const y of b.exact) {
      out.add(x + y);
      if (x.length + y.length > MAX_LEN) tooLong = true;
    }
    if (!tooLong) return { exact: out };
  }
  return { req: better(best(a), best(b)) };
}

function alternate(a: Info, b: Info): Info {
  if (a.exact && b.exact && a.exact.size + b.exact.size <= MAX_EXACT) return { exact: new Set([...a.exact, ...b.exact]) };
  const ra = best(a);
  const rb = best(b);
  return ra && rb ? { req: new Set([...ra, ...rb]) } : {};
}

const ESCAPED_LITERAL = new Set([...'.()[]{}*+?|^$\\/-\'"’“”&,:;!#%@<>=~`_ ']);

class P {
  i = 0;
  constructor(private readonly s: string) {}

  alternation(): Info {
    let info = this.concatenation();
    while (this.s[this.i] === '|') {
      this.i++;
      info = alternate(info, this.concatenation());
    }
    return info;
  }

  /**
   * A sequence: exact sets are multiplied out while they stay small; when one cannot be (too many
   * or too long strings, or an unknown part), the run so far becomes a candidate required set and
   * a new run starts after it. The most selective candidate is the sequence's required set.
   */
  concatenation(): Info {
    let run: Set<string> | undefined = new Set(['']);
    let req: Set<string> | undefined;
    let broken = false;
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const part = this.repeat(this.atom());
      const joined: Set<string> | undefined = run && part.exact ? concat({ exact: run }, { exact: part.exact }).exact : undefined;
      if (joined) {
        run = joined;
        continue;
      }
      broken = true;
      req = better(req, run && !run.has('') ? run : undefined);
      if (part.exact) run = part.exact;
      else {
        req = better(req, best(part));
        run = new Set(['']);
      }
    }
    if (!broken) return { exact: run };
    return { req: better(req, run && !run.has('') ? run : undefined) };
  }

  repeat(atom: Info): Info {
    const c = this.s[this.i];
    let min: number;
    if (c === '*' || c === '?') {
      this.i++;
      min = 0;
    } else if (c === '+') {
      this.i++;
      min = 1;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      min = Number(m[1]);
      if (m[2] === undefined && min >= 1 && atom.exact && min <= 4) {
        // x{n}: exactly n copies.
        let out: Info = EMPTY;
        for (let k = 0; k < min; k++) out = concat(out, atom);
        if (this.s[this.i] === '?') this.i++;
        return this.repeat(out);
      }
    } else return atom;
    if (this.s[this.i] === '?') this.i++; // lazy
    if (min === 0) {
      if (c === '?' && atom.exact && atom.exact.size < MAX_EXACT) return { exact: new Set([...atom.exact, '']) };
      // "x*", ".*", "\s*": any number of copies, so nothing is known about the text it spans; it must
      // break the literal run around it ("data.*inputs" does not require "datainputs")
      return UNKNOWN;
    }
    // At least one copy: whatever one copy requires is required.
    const r = best(atom);
    return r ? { req: r } : UNKNOWN;
  }

  atom(): Info {
    const c = this.s[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '^' || c === '$') {
      this.i++;
      return EMPTY;
    }
    if (c === '.') {
      this.i++;
      return UNKNOWN;
    }
    if (c === '\\') {
      const e = this.s[this.i + 1];
      if (e === undefined) throw new Unsupported();
      this.i += 2;
      if (e === 'b' || e === 'B' || e === 'A' || e === 'z') return EMPTY;
      if ('dDsSwW'.includes(e)) return UNKNOWN;
      if (ESCAPED_LITERAL.has(e)) return this.literal(e);
      throw new Unsupported();
    }
    if ('*+?{'.includes(c)) throw new Unsupported();
    this.i++;
    return this.literal(c);
  }

  literal(c: string): Info {
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) throw new Unsupported();
    if (code >= 128 && c.toLowerCase() !== c.toUpperCase()) return UNKNOWN;
    return { exact: new Set([c.toLowerCase()]) };
  }

  group(): Info {
    this.i++; // (
    if (this.s[this.i] === '?') {
      // (?:...), (?flags:...), (?flags), (?P<name>...). Case folding needs no tracking (strings are
      // compared lower-cased either way); `s` only changes `.`, which is unknown anyway.
      const m = /^\?([ims]*)(?:-([ims]*))?(:|\))/.exec(this.s.slice(this.i));
      const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(this.s.slice(this.i));
      if (m) {
        this.i += m[0].length;
        if (m[3] === ')') return EMPTY; // a bare flag group such as (?-i) matches nothing itself
      } else if (named) this.i += named[0].length;
      else throw new Unsupported();
    }
    const info = this.alternation();
    if (this.s[this.i] !== ')') throw new Unsupported();
    this.i++;
    return info;
  }

  /** A small class of plain characters ([Yy], ['’], [.:]) is an exact set; anything larger is unknown. */
  charClass(): Info {
    const m = /^\[(\^?)((?:\\.|[^\]\\])+)\]/.exec(this.s.slice(this.i));
    // A class that starts with ']' or holds '[' ([[:alpha:]]) is beyond this reader.
    if (!m || m[2]!.includes('[')) throw new Unsupported();
    this.i += m[0].length;
    if (m[1]) return UNKNOWN;
    const body = m[2]!;
    const chars = new Set<string>();
    for (let k = 0; k < body.length; k++) {
      let ch = body[k]!;
      if (ch === '\\') {
        const e = body[++k]!;
        if (!ESCAPED_LITERAL.has(e)) return UNKNOWN; // \d, \s, \pL, \x...: not a small literal set
        ch = e;
      } else if (body[k + 1] === '-' && k + 2 < body.length) return UNKNOWN; // a range
      const code = ch.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) throw new Unsupported();
      if (code >= 128 && ch.toLowerCase() !== ch.toUpperCase()) return UNKNOWN;
      chars.add(ch.toLowerCase());
    }
    return chars.size <= 4 ? { exact: chars } : UNKNOWN;
  }
}

/** Whether a plain string can hold a match (lower-cases it first). */
export function mayMatchText(pf: Prefilter, text: string): boolean {
  if (!pf) return true;
  const lower = prefilterText(text);
  return lower === undefined || mayMatch(pf, lower);
}
