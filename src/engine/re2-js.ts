// RE2 patterns as V8 regular expressions, where that is provably the same and cannot backtrack
// badly. RE2 (re2js) is linear-time but slow in JavaScript (tens of microseconds a sentence); V8's
// own engine is much faster but backtracks. A pattern is translated only when it is in a subset
// whose meaning is spelled out exactly in V8 syntax (flag `u`, never `i`, `m` or `s`):
//  - case folding is written out: a letter under RE2's `i` becomes its Unicode simple case orbit
//    (`[sSſ]`, `[kKK]`, `[aA]`); a cased letter outside ASCII makes the pattern untranslated;
//  - `.` is `[^\n]`, `\s` `[\t\n\f\r ]`, `\d` `[0-9]`, `\w` `[0-9A-Za-z_]` (plus ſ and K under
//    `i`, as RE2 folds it), `\b` RE2's ASCII word boundary (V8's `\b` without `i` is the same);
//  - `(?m)^` is `(?:^|(?<=\n))` and `(?m)$` `(?=\n|$)` (RE2 breaks lines at \n only), and
//    otherwise `^`/`$` are the text's ends; flag groups `(?i-m:...)` and `(?-i)` are scoped as RE2
//    scopes them; capture and named groups become non-capturing groups.
// And only when backtracking stays bounded: a repeat of more than one count (`*`, `+`, `{n,m}`)
// applies to one character (a literal, a class, `.`) and no character it takes can start what
// follows it (so V8 never tries another split), groups repeat at most once (`?`; a group with a
// small bound, `(?:x){0,2}`, is first written out as copies and nested optionals), nothing
// repeated can match empty, and the pattern cannot match empty. One exception: a repeat of one
// character with a small upper bound (`[^.;]{0,60}?`) may run into what follows; V8 then tries at
// most that many splits at each start, and the product of such counts (the pattern's ambiguity)
// must stay at or under MAX_AMBIGUITY. The caller still runs RE2 on long texts (jsTextLimit),
// where a failed scan repeated from many start positions would cost the square of the length
// times the ambiguity. Anything else (backreferences do not exist in RE2; Unicode
// classes, `\Q..\E`, POSIX classes, astral literals...) is left to RE2. Positions are UTF-16 offsets
// in both engines, and the search loop below steps over empty matches as re2js's Matcher.find does.

/** A translated pattern (global, unicode) or undefined when RE2 must run it. */
export function toJsRegExp(pattern: string, caseInsensitive: boolean): RegExp | undefined {
  const source = jsSourceOf(pattern, caseInsensitive);
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, 'gu');
  } catch {
    return undefined;
  }
}

/**
 * Translations (the V8 source, null: none) by flag and pattern: computed once per process, or given
 * by the build's rules artifact (seedJsSources), so that a run neither parses nor translates them.
 */
const knownSources = new Map<string, string | null>();
const sourceKey = (pattern: string, caseInsensitive: boolean) => `${caseInsensitive ? 'i' : 'c'}${pattern}`;

/** Translations the build computed (jsSourceOf of each pattern with `caseInsensitive`), for this process. */
export function seedJsSources(entries: Iterable<[string, string | null]>, caseInsensitive: boolean): void {
  for (const [pattern, source] of entries) {
    const key = sourceKey(pattern, caseInsensitive);
    if (!knownSources.has(key)) knownSources.set(key, source);
  }
}

/** The source of the V8 pattern toJsRegExp builds (flags `gu`), or undefined when RE2 must run the pattern. */
export function jsSourceOf(pattern: string, caseInsensitive: boolean): string | undefined {
  const key = sourceKey(pattern, caseInsensitive);
  let source = knownSources.get(key);
  if (source === undefined) {
    source = translate(pattern, caseInsensitive)?.source ?? null;
    knownSources.set(key, source);
  }
  return source ?? undefined;
}

/** The longest text a pattern with one way of splitting runs on as a V8 RegExp; longer ones run RE2. */
export const JS_TEXT_MAX = 4096;
/** The most splits a translated pattern may try at one start (see the header). */
const MAX_AMBIGUITY = 128;

/**
 * The longest text on which the translation of `pattern` runs in place of RE2: JS_TEXT_MAX for a
 * pattern with one way of splitting a text, less for one with a bounded ambiguity a, so that its
 * worst case (a failed scan from every start) costs what the plain pattern's does at JS_TEXT_MAX
 * (length² × a stays under JS_TEXT_MAX²); 0 when there is no translation. compile.ts keeps it per atom.
 */
export function jsTextLimit(pattern: string, caseInsensitive: boolean): number {
  // The pattern is parsed again (a seeded translation carries no ambiguity): callers keep the answer.
  const t = jsSourceOf(pattern, caseInsensitive) === undefined ? null : translate(pattern, caseInsensitive);
  return t ? Math.floor(JS_TEXT_MAX / Math.sqrt(t.ambiguity)) : 0;
}

function translate(pattern: string, caseInsensitive: boolean): { source: string; ambiguity: number } | null {
  try {
    const p = new Parser(pattern, caseInsensitive);
    const node = p.parse();
    const ambiguity = { n: 1 };
    if (nullable(node) || !safe(node, [], ambiguity) || ambiguity.n > MAX_AMBIGUITY) return null;
    const source = emit(node);
    new RegExp(source, 'gu'); // throws when V8 cannot take it
    return { source, ambiguity: ambiguity.n };
  } catch {
    return null;
  }
}

/** Every match [start, end) of a translated pattern in `text`, in the order re2js's find() gives them. */
export function jsMatches(re: RegExp, text: string, visit: (start: number, end: number) => void): void {
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(text);
    if (!m) return;
    const start = m.index;
    const end = start + m[0].length;
    visit(start, end);
    // re2js starts the next search where a match ends (one further after an empty match, which a
    // translated pattern never gives).
    re.lastIndex = end;
  }
}

/** Code point ranges, inclusive, sorted and merged. */
type Ranges = Array<[number, number]>;

type Node =
  | { t: 'set'; r: Ranges; neg: boolean } // one character
  | { t: 'assert'; js: string } // empty width
  | { t: 'seq'; kids: Node[] }
  | { t: 'alt'; kids: Node[] }
  | { t: 'rep'; kid: Node; min: number; max: number; lazy: boolean }; // max -1: unbounded

class Unsupported extends Error {}

const MAX_CP = 0x10ffff;
const LONG_S = 0x17f;
const KELVIN = 0x212a;
const DIGIT: Ranges = [[48, 57]];
const SPACE: Ranges = [[9, 10], [12, 13], [32, 32]];
const WORD: Ranges = [[48, 57], [65, 90], [95, 95], [97, 122]];

function norm(r: Ranges): Ranges {
  const s = [...r].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [a, b] of norm(r)) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

/** RE2's case folding of a set: ASCII letters gain their other case (and ſ, K); other cased characters are not handled. */
function fold(r: Ranges): Ranges {
  const out: Ranges = [...r];
  for (const [a, b] of r) {
    for (let c = Math.max(a, 65); c <= Math.min(b, 122); c++) {
      if (c <= 90) out.push([c + 32, c + 32]);
      else if (c >= 97) out.push([c - 32, c - 32]);
      if (c === 83 || c === 115) out.push([LONG_S, LONG_S]);
      if (c === 75 || c === 107) out.push([KELVIN, KELVIN]);
    }
    // A cased character outside ASCII (é, ſ, K...) would need Unicode's orbits: not handled.
    if (b >= 128) {
      if (b - Math.max(a, 128) > 4096) throw new Unsupported();
      for (let c = Math.max(a, 128); c <= b; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        const ch = String.fromCodePoint(c);
        if (ch.toLowerCase() !== ch.toUpperCase() || ch.toLowerCase() !== ch) throw new Unsupported();
      }
    }
  }
  return norm(out);
}

function intersects(a: Ranges, b: Ranges): boolean {
  for (const [x, y] of a) for (const [u, v] of b) if (x <= v && u <= y) return true;
  return false;
}

class Parser {
  private i = 0;
  private fi: boolean;
  private m = false;
  private s = false;
  constructor(
    private readonly src: string,
    caseInsensitive: boolean,
  ) {
    this.fi = caseInsensitive;
  }

  parse(): Node {
    const n = this.alternation();
    if (this.i !== this.src.length) throw new Unsupported();
    return n;
  }

  private alternation(): Node {
    const kids = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      kids.push(this.sequence());
    }
    return kids.length === 1 ? kids[0]! : { t: 'alt', kids };
  }

  private sequence(): Node {
    const kids: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      // A bare flag group, (?-i), changes the flags for the rest of the enclosing group.
      const flags = /^\(\?([ims]*)(?:-([ims]*))?\)/.exec(this.src.slice(this.i));
      if (flags) {
        this.i += flags[0].length;
        this.setFlags(flags[1] ?? '', flags[2] ?? '');
        continue;
      }
      kids.push(this.repeat(this.atom()));
    }
    return kids.length === 1 ? kids[0]! : { t: 'seq', kids };
  }

  private setFlags(on: string, off: string): void {
    if (on.includes('i')) this.fi = true;
    if (on.includes('m')) this.m = true;
    if (on.includes('s')) this.s = true;
    if (off.includes('i')) this.fi = false;
    if (off.includes('m')) this.m = false;
    if (off.includes('s')) this.s = false;
  }

  private repeat(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.src[this.i];
      let min: number;
      let max: number;
      if (c === '*' || c === '+' || c === '?') {
        this.i++;
        [min, max] = c === '*' ? [0, -1] : c === '+' ? [1, -1] : [0, 1];
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
        if (!m) throw new Unsupported(); // RE2 reads a stray brace as a literal; V8's `u` does not
        this.i += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
        if (min > 1000 || max > 1000 || (max >= 0 && max < min)) throw new Unsupported();
      } else return node;
      let lazy = false;
      if (this.src[this.i] === '?') {
        this.i++;
        lazy = true;
      }
      if (node.t === 'assert' || node.t === 'rep') throw new Unsupported(); // x**, ^*: leave to RE2
      if (node.t !== 'set' && max > 1 && max <= MAX_GROUP_COPIES) {
        node = writeOut(node, min, max, lazy);
        continue;
      }
      node = { t: 'rep', kid: node, min, max, lazy };
    }
  }

  private atom(): Node {
    const c = this.src[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '*' || c === '+' || c === '?' || c === '{') throw new Unsupported();
    if (c === '^') {
      this.i++;
      return { t: 'assert', js: this.m ? '(?:^|(?<=\\n))' : '^' };
    }
    if (c === '$') {
      this.i++;
      return { t: 'assert', js: this.m ? '(?=\\n|$)' : '$' };
    }
    if (c === '.') {
      this.i++;
      return { t: 'set', r: this.s ? [[0, MAX_CP]] : complement([[10, 10]]), neg: false };
    }
    if (c === '\\') {
      const e = this.src[this.i + 1];
      if (e === undefined) throw new Unsupported();
      this.i += 2;
      switch (e) {
        case 'b':
          return { t: 'assert', js: '\\b' };
        case 'B':
          return { t: 'assert', js: '\\B' };
        case 'A':
          return { t: 'assert', js: '^' };
        case 'z':
          return { t: 'assert', js: '$' };
        default: {
          const perl = this.perl(e);
          if (perl) return { t: 'set', r: perl, neg: false };
          return this.literal(escapedChar(e));
        }
      }
    }
    const cp = c.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) throw new Unsupported();
    this.i++;
    return this.literal(cp);
  }

  /** \d \s \w and their negations as RE2 reads them under the current flags (undefined: not one). */
  private perl(e: string): Ranges | undefined {
    const base = e === 'd' || e === 'D' ? DIGIT : e === 's' || e === 'S' ? SPACE : e === 'w' || e === 'W' ? WORD : undefined;
    if (!base) return undefined;
    const folded = this.fi ? fold(base) : base;
    return e === e.toUpperCase() ? complement(folded) : folded;
  }

  private literal(cp: number): Node {
    return { t: 'set', r: this.fi ? fold([[cp, cp]]) : [[cp, cp]], neg: false };
  }

  private group(): Node {
    this.i++; // (
    const saved = [this.fi, this.m, this.s] as const;
    if (this.src[this.i] === '?') {
      const flags = /^\?([ims]*)(?:-([ims]*))?:/.exec(this.src.slice(this.i));
      const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(this.src.slice(this.i));
      if (flags) {
        this.i += flags[0].length;
        this.setFlags(flags[1] ?? '', flags[2] ?? '');
      } else if (named) this.i += named[0].length;
      else throw new Unsupported();
    }
    const node = this.alternation();
    if (this.src[this.i] !== ')') throw new Unsupported();
    this.i++;
    [this.fi, this.m, this.s] = saved;
    // A group is kept as a sequence so that a repeat applies to all of it.
    return node.t === 'seq' || node.t === 'alt' ? node : { t: 'seq', kids: [node] };
  }

  private charClass(): Node {
    this.i++; // [
    let neg = false;
    if (this.src[this.i] === '^') {
      neg = true;
      this.i++;
    }
    if (this.src[this.i] === ']') throw new Unsupported(); // ']' first is a literal in RE2: not handled
    const r: Ranges = [];
    const one = (): number | Ranges => {
      const c = this.src[this.i];
      if (c === undefined) throw new Unsupported();
      if (c === '[') throw new Unsupported(); // [[:alpha:]]
      if (c === '\\') {
        const e = this.src[this.i + 1];
        if (e === undefined) throw new Unsupported();
        this.i += 2;
        return this.perl(e) ?? escapedChar(e);
      }
      const cp = c.codePointAt(0)!;
      if (cp >= 0xd800 && cp <= 0xdfff) throw new Unsupported();
      this.i++;
      return cp;
    };
    while (this.src[this.i] !== ']') {
      const lo = one();
      if (typeof lo !== 'number') {
        r.push(...lo);
        continue;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        this.i++;
        const hi = one();
        if (typeof hi !== 'number' || hi < lo) throw new Unsupported();
        r.push([lo, hi]);
      } else r.push([lo, lo]);
    }
    this.i++; // ]
    // RE2 folds the listed characters, then negates.
    const set = this.fi ? fold(r) : norm(r);
    return { t: 'set', r: neg ? complement(set) : set, neg: false };
  }
}

/** Groups repeated at most this many times are written out (writeOut) rather than repeated. */
const MAX_GROUP_COPIES = 4;

/**
 * A group repeated a bounded number of times, x{n,m}, written out as RE2 itself simplifies it: n
 * copies of x, then m - n nested optionals (x{0,2} is (?:x(?:x)?)?, x{1,2}? is x(?:x)??), the same
 * matches tried in the same order. The copies then pass the bounded-backtracking test (safe) one by
 * one, with what follows each of them known.
 */
function writeOut(x: Node, min: number, max: number, lazy: boolean): Node {
  let opt: Node | undefined;
  for (let k = min; k < max; k++) opt = { t: 'rep', kid: opt ? { t: 'seq', kids: [x, opt] } : x, min: 0, max: 1, lazy };
  const kids: Node[] = [];
  for (let k = 0; k < min; k++) kids.push(x);
  if (opt) kids.push(opt);
  return kids.length === 1 ? kids[0]! : { t: 'seq', kids };
}

/** The character an escape names, when it is a plain one (punctuation, \n, \t...). */
function escapedChar(e: string): number {
  const ctrl: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11 };
  if (ctrl[e] !== undefined) return ctrl[e]!;
  if (/^[!-/:-@[-`{-~]$/.test(e)) return e.charCodeAt(0); // ASCII punctuation
  throw new Unsupported(); // \p, \x, \Q, \1, \C, letters RE2 gives another meaning...
}

function nullable(n: Node): boolean {
  switch (n.t) {
    case 'set':
      return false;
    case 'assert':
      return true;
    case 'seq':
      return n.kids.every(nullable);
    case 'alt':
      return n.kids.some(nullable);
    case 'rep':
      return n.min === 0 || nullable(n.kid);
  }
}

/** Characters that can start a match of `n` (its assertions ignored), and whether it can match empty. */
function first(n: Node): Ranges {
  switch (n.t) {
    case 'set':
      return n.r;
    case 'assert':
      return [];
    case 'seq': {
      const out: Ranges = [];
      for (const k of n.kids) {
        out.push(...first(k));
        if (!nullable(k)) break;
      }
      return out;
    }
    case 'alt':
      return n.kids.flatMap(first);
    case 'rep':
      return first(n.kid);
  }
}

/**
 * Whether backtracking over `n` stays bounded. `follow` lists what may come after `n` (the rest of
 * each enclosing sequence, innermost first): a repeated character must not be able to start it.
 */
function safe(n: Node, follow: Node[][], ambiguity: { n: number }): boolean {
  switch (n.t) {
    case 'set':
    case 'assert':
      return true;
    case 'alt':
      return n.kids.every((k) => safe(k, follow, ambiguity));
    case 'seq':
      return n.kids.every((k, i) => safe(k, [n.kids.slice(i + 1), ...follow], ambiguity));
    case 'rep': {
      if (nullable(n.kid)) return false;
      if (n.kid.t !== 'set') {
        // A group repeats at most once (x?), and what it holds must itself be safe.
        return n.max === 1 && safe(n.kid, follow, ambiguity);
      }
      if (n.max === n.min) return true; // x{3}: one way only
      // A repeat must stop where it stops: nothing after it may start with its characters.
      const after: Ranges = [];
      for (const level of follow) {
        let open = true;
        for (const k of level) {
          after.push(...first(k));
          if (!nullable(k)) {
            open = false;
            break;
          }
        }
        if (!open) break;
      }
      if (!intersects(n.kid.r, after)) return true;
      // It may stop at any count from min to max: a bounded repeat adds that many splits.
      if (n.max < 0) return false;
      ambiguity.n *= n.max - n.min + 1;
      return ambiguity.n <= MAX_AMBIGUITY;
    }
  }
}

function emit(n: Node): string {
  switch (n.t) {
    case 'set':
      return emitSet(n.r);
    case 'assert':
      return n.js;
    case 'seq':
      return n.kids.length === 1 ? emit(n.kids[0]!) : `(?:${n.kids.map(emit).join('')})`;
    case 'alt':
      return `(?:${n.kids.map(emit).join('|')})`;
    case 'rep': {
      const q = n.min === 0 && n.max === -1 ? '*' : n.min === 1 && n.max === -1 ? '+' : n.min === 0 && n.max === 1 ? '?' : `{${n.min},${n.max < 0 ? '' : n.max}}`;
      const kid = n.kid.t === 'set' ? emit(n.kid) : `(?:${emit(n.kid)})`;
      return `${kid}${q}${n.lazy ? '?' : ''}`;
    }
  }
}

const hex = (c: number) => `\\u{${c.toString(16)}}`;

function emitSet(r: Ranges): string {
  if (r.length === 1 && r[0]![0] === r[0]![1]) {
    const c = r[0]![0];
    return /[A-Za-z0-9 ]/.test(String.fromCharCode(c)) && c < 128 ? String.fromCharCode(c) : hex(c);
  }
  if (r.length === 0) return '[]';
  return `[${r.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]`;
}
