// The shipped rule packs compiled at `npm run build` into one artifact (dist/rules.compiled.json), so
// a check starts without parsing YAML, validating the packs or building the phrase trie: one read,
// one JSON.parse of the rules, and the phrase trie and presence tables as typed arrays over the
// file's bytes (not parsed at all). The artifact records a hash of the rules folder it was built
// from and is used only while the folder still hashes the same; otherwise (an edited pack, a user's
// --rules folder, a run from the TypeScript sources) the packs are loaded and compiled as before.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type DefinedTerms, listYaml, type RuleDef } from '../rules/load.js';
import type { BlockKind, Duration, Modality, Party } from '../types.js';
import { type CCond, type CompiledRule, type CompiledRules, assemble, checkOrder, triggersOf } from './compile.js';
import { PhraseTrie, type TrieData } from './trie.js';
import { prefilterOf, seedPrefilters } from './prefilter.js';
import { type WordTestData, presenceTables, seedPresence, seedWordTests, wordTestData } from './run.js';
import { jsSourceOf, seedJsSources } from './re2-js.js';
import { kindAtomsOf, seedKindAtoms } from './aliases.js';

/** Bumped whenever the compiled form or the engine's reading of it changes. */
export const ARTIFACT_VERSION = 8;

/**
 * Fields of a rule definition a check never reads (the engine runs the compiled condition; the
 * rule's own test cases are for `rules test`, which loads the packs). They are stored after the
 * artifact's JSON, on a line of their own (one JSON array, a rule's entry at its `lazy` index), and
 * parsed only if something asks for them: a third of the artifact neither parsed nor built per run.
 */
const LAZY_FIELDS = ['match', 'tests'] as const;
/** A definition as stored: its eager fields, its keys (an index into the artifact's table of key lists) and its entry of the lazy fields. */
type StoredDef = { keys: number; eager: Partial<RuleDef>; lazy: number };

function storeDef(def: RuleDef, lazyAll: Array<Record<string, unknown>>, keyLists: Map<string, number>): StoredDef {
  const eager: Record<string, unknown> = {};
  const lazy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(def)) ((LAZY_FIELDS as readonly string[]).includes(k) ? lazy : eager)[k] = v;
  lazyAll.push(lazy);
  const keys = JSON.stringify(Object.keys(def));
  if (!keyLists.has(keys)) keyLists.set(keys, keyLists.size);
  return { keys: keyLists.get(keys)!, eager: eager as Partial<RuleDef>, lazy: lazyAll.length - 1 };
}

/** The definition again, keys in their order; the lazy fields are parsed on first read (`lazyAll` parses them all). */
function reviveDef(d: StoredDef, keyLists: string[][], lazyAll: () => Array<Record<string, unknown>>): RuleDef {
  // The parsed eager fields are the definition itself when the lazy fields come last (as the loader
  // writes them): their accessors are added after the fields in order; otherwise it is rebuilt.
  const eager = d.eager as Record<string, unknown>;
  const keys = keyLists[d.keys]!;
  const nEager = Object.keys(eager).length;
  const lazyLast = keys.slice(nEager).every((k) => (LAZY_FIELDS as readonly string[]).includes(k));
  const def: Record<string, unknown> = lazyLast ? eager : {};
  for (const k of lazyLast ? keys.slice(nEager) : keys) {
    if (!(LAZY_FIELDS as readonly string[]).includes(k)) {
      def[k] = eager[k];
      continue;
    }
    Object.defineProperty(def, k, {
      enumerable: true,
      configurable: true,
      get() {
        const value = lazyAll()[d.lazy]![k];
        Object.defineProperty(def, k, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
      set(value: unknown) {
        Object.defineProperty(def, k, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  return def as unknown as RuleDef;
}

/** dist/rules.compiled.json, next to the built code (absent beside the TypeScript sources). */
export const DEFAULT_ARTIFACT = new URL('../rules.compiled.json', import.meta.url);

/**
 * A condition as stored: an atom-set node as its id, every other condition as an array whose first
 * element is its op (arrays parse faster than objects and need no key per field).
 */
type Enc = number | [string, ...unknown[]];

interface Artifact {
  version: number;
  rulesHash: string;
  /** Each rule file's path (relative), size and modification time when the build hashed it. */
  files: Array<[string, number, number]>;
  atomCount: number;
  durationAtom: number;
  /** Stored on a line of its own after the rules' lazy fields (see writeArtifact); absent here. */
  phraseAtoms?: never;
  regexes: Array<[number, string]>;
  /** The distinct lists of keys of the rule definitions (StoredDef.keys indexes it). */
  keyLists: string[][];
  rules: Array<{ def: StoredDef; cond: Enc }>;
  /**
   * The trie's JSON parts (its typed arrays, the atom sets' lists and the exact words' symbols are
   * in the binary part, BINARY): the exact words, joined by newlines, in the order of `exactSymbols`.
   */
  trie: Pick<TrieData, 'prefix' | 'symbolCount'> & { exactWords: string };
  /** The length (in 32-bit integers) of each array of BINARY, in that order. */
  binary: number[];
  presenceNodes: number;
  definedTerms: DefinedTerms;
  /** Literal prefilters of the regexes and defined-term patterns (prefilter.ts), computed at build. */
  prefilters: Array<[string, string[] | null]>;
  /** The V8 translations of the same patterns (re2-js.ts, case-insensitive; null: none), computed at build. */
  jsSources: Array<[string, string | null]>;
  /** The word tests of the regexes' prefilters (run.ts wordTestData), computed at build. */
  wordTests: WordTestData;
  /** The atoms each defined-term kind adds (aliases.ts kindAtomsOf): a run need not parse the phrase table for them. */
  kindAtoms: number[][];
}

/**
 * Path (relative, `/`-separated), size and modification time of every YAML file a load of the
 * rules folder reads: the files of listYaml, in its order, with one stat per entry.
 */
function fileStamps(rulesDir: string): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  // The entries' types come with the listing: only YAML files (and links, which may be folders) are
  // stat'ed, and paths are joined as strings (path.join normalizes every one).
  const walk = (dir: string, rel: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const name = e.name;
      const yaml = /\.ya?ml$/i.test(name);
      if (!yaml && !e.isDirectory() && !e.isSymbolicLink()) continue;
      const full = `${dir}/${name}`;
      if (e.isDirectory()) {
        walk(full, `${rel}${name}/`);
        continue;
      }
      const st = statSync(full);
      if (st.isDirectory()) walk(full, `${rel}${name}/`);
      else if (yaml) out.push([`${rel}${name}`, st.size, st.mtimeMs]);
    }
  };
  walk(rulesDir, '');
  return out;
}

/**
 * True when the rules folder holds what the artifact was built from. The files' sizes and times
 * unchanged since the build say so without reading them (the way make and git's index decide);
 * any difference is settled by hashing the contents.
 */
function sameRules(art: Artifact, rulesDir: string): boolean {
  const now = fileStamps(rulesDir);
  const stamped = Array.isArray(art.files) ? art.files : [];
  if (now.length === stamped.length && now.every(([f, size, mtime], i) => stamped[i]![0] === f && stamped[i]![1] === size && stamped[i]![2] === mtime)) return true;
  return art.rulesHash === rulesHash(rulesDir);
}

/** A hash of every YAML file a load of the rules folder reads (names and contents). */
export function rulesHash(rulesDir: string): string {
  const h = createHash('sha256').update(`artifact ${ARTIFACT_VERSION}\n`);
  for (const f of listYaml(rulesDir)) h.update(`${relative(rulesDir, f).split('\\').join('/')}\n`).update(readFileSync(f)).update('\n');
  return h.digest('hex');
}

function encode(c: CCond, atomLists: number[][]): Enc {
  switch (c.op) {
    case 'all':
      return ['all', c.written.map((k) => encode(k, atomLists)), c.kids.map((k) => c.written.indexOf(k))];
    case 'any':
      return ['any', c.kids.map((k) => encode(k, atomLists))];
    case 'near':
      return ['near', c.kids.map((k) => encode(k, atomLists)), c.within, c.ordered];
    case 'not':
    case 'heading':
    case 'document':
      return [c.op, encode(c.kid, atomLists)];
    case 'atoms':
      atomLists[c.id] = c.atoms;
      return c.id;
    case 'regex':
      return ['regex', c.atom];
    case 'duration':
      return ['duration', c.atom, c.minHours ?? null, c.maxHours ?? null, c.units ? [...c.units] : null];
    case 'modality':
    case 'party':
    case 'kind':
      return [c.op, [...c.values]];
    case 'negated':
    case 'exception':
      return [c.op, c.value];
  }
}

function decode(e: Enc, nodes: Array<Extract<CCond, { op: 'atoms' }>>): CCond {
  if (typeof e === 'number') return nodes[e]!;
  const kids = (k: unknown) => (k as Enc[]).map((x) => decode(x, nodes));
  switch (e[0] as CCond['op']) {
    case 'all': {
      const written = kids(e[1]);
      return { op: 'all', written, kids: (e[2] as number[]).map((i) => written[i]!), check: checkOrder(written) };
    }
    case 'any':
      return { op: 'any', kids: kids(e[1]) };
    case 'near':
      return { op: 'near', kids: kids(e[1]), within: e[2] as number, ordered: e[3] as boolean };
    case 'not':
    case 'heading':
    case 'document':
      return { op: e[0] as 'not', kid: decode(e[1] as Enc, nodes) };
    case 'regex':
      return { op: 'regex', atom: e[1] as number };
    case 'duration':
      return {
        op: 'duration',
        atom: e[1] as number,
        minHours: (e[2] as number | null) ?? undefined,
        maxHours: (e[3] as number | null) ?? undefined,
        units: e[4] ? new Set(e[4] as Duration['unit'][]) : undefined,
      };
    case 'modality':
      return { op: 'modality', values: new Set(e[1] as Modality[]) };
    case 'party':
      return { op: 'party', values: new Set(e[1] as Party[]) };
    case 'kind':
      return { op: 'kind', values: new Set(e[1] as BlockKind[]) };
    case 'negated':
    case 'exception':
      return { op: e[0] as 'negated', value: e[1] as boolean };
  }
  throw new Error(`rules artifact: unknown condition ${String(e[0])}`);
}

/**
 * An atom-set condition revived from the artifact. Its atoms (a slice of the artifact's table of
 * atom sets), set and membership mask (7 KB each, over a thousand nodes) are built when a document
 * first needs them, not at start-up: a one-file check touches a few dozen.
 */
class AtomsNode {
  readonly op = 'atoms' as const;
  private atomsCache: number[] | undefined;
  private setCache: Set<number> | undefined;
  private maskCache: Uint8Array | undefined;
  constructor(
    private readonly table: Int32Array,
    private readonly from: number,
    private readonly to: number,
    readonly id: number,
    private readonly atomCount: number,
  ) {}
  get atoms(): number[] {
    if (!this.atomsCache) {
      // A plain loop: Array.from of a subarray costs ten times more here.
      const atoms = new Array<number>(this.to - this.from);
      for (let j = 0; j < atoms.length; j++) atoms[j] = this.table[this.from + j]!;
      this.atomsCache = atoms;
    }
    return this.atomsCache;
  }
  get set(): Set<number> {
    this.setCache ??= new Set(this.atoms);
    return this.setCache;
  }
  get mask(): Uint8Array {
    if (!this.maskCache) {
      this.maskCache = new Uint8Array(this.atomCount);
      for (let j = this.from; j < this.to; j++) this.maskCache[this.table[j]!] = 1;
    }
    return this.maskCache;
  }
}

/** A Map whose entries are loaded on first use (any read or write). */
class LazyMap<K, V> extends Map<K, V> {
  private load: (() => Iterable<[K, V]>) | undefined;
  constructor(load: () => Iterable<[K, V]>) {
    super();
    this.load = load;
  }
  private fill(): void {
    const load = this.load;
    if (!load) return;
    this.load = undefined;
    for (const [k, v] of load()) super.set(k, v);
  }
  override get(key: K): V | undefined {
    this.fill();
    return super.get(key);
  }
  override has(key: K): boolean {
    this.fill();
    return super.has(key);
  }
  override set(key: K, value: V): this {
    this.fill();
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.fill();
    return super.delete(key);
  }
  override clear(): void {
    this.load = undefined;
    super.clear();
  }
  override get size(): number {
    this.fill();
    return super.size;
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(fn, thisArg);
  }
  override entries(): MapIterator<[K, V]> {
    this.fill();
    return super.entries();
  }
  override keys(): MapIterator<K> {
    this.fill();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.fill();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.fill();
    return super[Symbol.iterator]();
  }
}

/**
 * The typed arrays stored after the JSON lines, little-endian, in this order: the phrase trie's
 * (trie.ts) and the presence tables of the rules (run.ts), neither parsed nor built per run.
 */
const BINARY = ['edgeStart', 'edgeData', 'any', 'atomStart', 'atomData', 'depth', 'nodeStart', 'nodeList', 'exactSymbols', 'atomListStart', 'atomListData'] as const;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Write the compiled rules of `rulesDir` as an artifact file. */
export function writeArtifact(compiled: CompiledRules, rulesDir: string, file: string | URL): void {
  const atomLists: number[][] = new Array(compiled.atomSetCount);
  const lazy: Array<Record<string, unknown>> = [];
  const keyLists = new Map<string, number>();
  const trie = compiled.trie.toData();
  const exactPairs = [...trie.exact];
  const presence = presenceTables(compiled);
  const rules = compiled.rules.map((r) => ({ def: storeDef(r.def, lazy, keyLists), cond: encode(r.cond, atomLists) }));
  if (exactPairs.some(([w]) => w.includes('\n'))) throw new Error('rules artifact: a phrase word holds a line break');
  const atomListStart = new Int32Array(atomLists.length + 1);
  for (let i = 0; i < atomLists.length; i++) atomListStart[i + 1] = atomListStart[i]! + (atomLists[i]?.length ?? 0);
  const patterns = [...compiled.regexSources.values(), ...compiled.definedTerms.kinds.map((k) => k.definition)];
  const arrays: Record<(typeof BINARY)[number], Int32Array> = {
    ...trie,
    nodeStart: presence.nodeStart,
    nodeList: presence.nodeList,
    exactSymbols: Int32Array.from(exactPairs, ([, sym]) => sym),
    atomListStart,
    atomListData: Int32Array.from(atomLists.flatMap((l) => l ?? [])),
  };
  const art: Artifact = {
    version: ARTIFACT_VERSION,
    files: fileStamps(rulesDir),
    rulesHash: rulesHash(rulesDir),
    atomCount: compiled.atomCount,
    durationAtom: compiled.durationAtom,
    regexes: [...compiled.regexSources],
    keyLists: [...keyLists.keys()].map((k) => JSON.parse(k) as string[]),
    rules,
    trie: { exactWords: exactPairs.map(([w]) => w).join('\n'), prefix: trie.prefix, symbolCount: trie.symbolCount },
    binary: BINARY.map((k) => arrays[k].length),
    presenceNodes: presence.nodeCount,
    definedTerms: compiled.definedTerms,
    prefilters: patterns.map((p) => [p, prefilterOf(p) ?? null]),
    jsSources: patterns.map((p) => [p, jsSourceOf(p, true) ?? null]),
    wordTests: wordTestData(compiled),
    kindAtoms: kindAtomsOf(compiled),
  };
  // ASCII only (JSON's \u escapes for the rest), so that a run reads it as latin1 into a one-byte
  // string: UTF-8 decoding of a file with a single curly quote makes the whole string two-byte.
  const ascii = (json: string) => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // Line 1: the artifact; line 2: the rules' lazy fields; line 3: the phrase -> atom map, which only
  // the defined-term aliases of a document consult (parsed on first look-up); then spaces up to a
  // multiple of four bytes and the typed arrays of BINARY.
  const text = `${ascii(JSON.stringify(art))}\n${ascii(JSON.stringify(lazy))}\n${ascii(JSON.stringify([...compiled.phraseAtoms]))}\n`;
  const parts = [Buffer.from(text + ' '.repeat((4 - (text.length % 4)) % 4), 'latin1')];
  for (const k of BINARY) {
    const a = arrays[k];
    const b = Buffer.alloc(a.length * 4);
    for (let i = 0; i < a.length; i++) b.writeInt32LE(a[i]!, i * 4);
    parts.push(b);
  }
  writeFileSync(file, Buffer.concat(parts));
}

/** The compiled rules from an artifact file, or undefined when it is absent, stale or of another version. */
export function readArtifact(rulesDir: string, file: string | URL = DEFAULT_ARTIFACT): CompiledRules | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  let art: Artifact;
  let buf: Buffer;
  let lazyAt: number;
  try {
    buf = readFileSync(file);
    lazyAt = buf.indexOf(10);
    if (lazyAt < 0) return undefined;
    art = JSON.parse(buf.toString('latin1', 0, lazyAt)) as Artifact;
  } catch {
    return undefined;
  }
  if (art.version !== ARTIFACT_VERSION) return undefined;
  try {
    if (!sameRules(art, rulesDir)) return undefined;
  } catch {
    return undefined;
  }
  const atomsAt = buf.indexOf(10, lazyAt + 1);
  const binAt = atomsAt < 0 ? -1 : buf.indexOf(10, atomsAt + 1) + 1;
  if (binAt <= 0 || !Array.isArray(art.binary) || art.binary.length !== BINARY.length) return undefined;
  const start = binAt + ((4 - (binAt % 4)) % 4);
  if (buf.length !== start + 4 * art.binary.reduce((a, b) => a + b, 0)) return undefined;
  // A view on the file's bytes when they are aligned (readFileSync gives a buffer of its own), else a copy.
  const ints =
    (buf.byteOffset + start) % 4 === 0
      ? new Int32Array(buf.buffer, buf.byteOffset + start, (buf.length - start) / 4)
      : new Int32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
  const arrays = {} as Record<(typeof BINARY)[number], Int32Array>;
  let at = 0;
  BINARY.forEach((k, i) => {
    arrays[k] = ints.subarray(at, at + art.binary[i]!);
    at += art.binary[i]!;
  });
  let lazy: Array<Record<string, unknown>> | undefined;
  const lazyAll = () => (lazy ??= JSON.parse(buf.toString('latin1', lazyAt + 1, atomsAt)) as Array<Record<string, unknown>>);
  const phraseAtoms = new LazyMap<string, number>(() => JSON.parse(buf.toString('latin1', atomsAt + 1, binAt - 1)) as Array<[string, number]>);
  seedPrefilters(art.prefilters);
  seedJsSources(art.jsSources, true);
  const { atomListStart, atomListData } = arrays;
  // Plain loops: pairs handed to new Map cost ten times more here.
  const nodes: AtomsNode[] = [];
  for (let id = 0; id + 1 < atomListStart.length; id++) nodes.push(new AtomsNode(atomListData, atomListStart[id]!, atomListStart[id + 1]!, id, art.atomCount));
  const rules: CompiledRule[] = art.rules.map(({ def, cond }) => new RevivedRule(reviveDef(def, art.keyLists, lazyAll), decode(cond, nodes)));
  const { edgeStart, edgeData, any, atomStart, atomData, depth, exactSymbols } = arrays;
  const words = art.trie.exactWords === '' ? [] : art.trie.exactWords.split('\n');
  const exact = new Map<string, number>();
  for (let i = 0; i < words.length; i++) exact.set(words[i]!, exactSymbols[i]!);
  const trie = PhraseTrie.fromData({ exact, prefix: art.trie.prefix, symbolCount: art.trie.symbolCount, edgeStart, edgeData, any, atomStart, atomData, depth });
  const compiled = assemble(rules, trie, new Map(art.regexes), phraseAtoms, art.durationAtom, art.atomCount, nodes.length, art.definedTerms);
  seedPresence(compiled, { nodeStart: arrays.nodeStart, nodeList: arrays.nodeList, nodeCount: art.presenceNodes, setStart: atomListStart, setAtoms: atomListData });
  seedWordTests(compiled, art.wordTests);
  seedKindAtoms(compiled, art.kindAtoms);
  return compiled;
}

/** A rule revived from the artifact; its static triggers (for diagnostics and tests, not read by a check) computed on first read. */
class RevivedRule implements CompiledRule {
  private triggerCache: { value: number[] | undefined } | undefined;
  constructor(
    readonly def: RuleDef,
    readonly cond: CCond,
  ) {}
  get triggers(): number[] | undefined {
    this.triggerCache ??= { value: triggersOf(this.cond) };
    return this.triggerCache.value;
  }
}
