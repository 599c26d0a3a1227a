// The shipped rule packs compiled at `npm run build` into one JSON artifact (dist/rules.compiled.json),
// so a check starts without parsing YAML, validating the packs or building the phrase trie: one
// read and one JSON.parse. The artifact records a hash of the rules folder it was built from and is
// used only while the folder still hashes the same; otherwise (an edited pack, a user's --rules
// folder, a run from the TypeScript sources) the packs are loaded and compiled as before.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { listYaml, type RuleDef } from '../rules/load.js';
import type { BlockKind, Duration, Modality, Party } from '../types.js';
import { type CCond, type CompiledRule, type CompiledRules, assemble, triggersOf } from './compile.js';
import { PhraseTrie, type TrieData } from './trie.js';

/** Bumped whenever the compiled form or the engine's reading of it changes. */
export const ARTIFACT_VERSION = 1;

/** dist/rules.compiled.json, next to the built code (absent beside the TypeScript sources). */
export const DEFAULT_ARTIFACT = new URL('../rules.compiled.json', import.meta.url);

type Enc = Record<string, unknown>;

interface Artifact {
  version: number;
  rulesHash: string;
  atomCount: number;
  durationAtom: number;
  atomLists: number[][];
  phraseAtoms: Array<[string, number]>;
  regexes: Array<[number, string]>;
  rules: Array<{ def: RuleDef; cond: Enc }>;
  trie: TrieData;
}

/** A hash of every YAML file a load of the rules folder reads (names and contents). */
export function rulesHash(rulesDir: string): string {
  const h = createHash('sha256').update(`artifact ${ARTIFACT_VERSION}\n`);
  for (const f of listYaml(rulesDir)) h.update(`${relative(rulesDir, f).split('\\').join('/')}\n`).update(readFileSync(f)).update('\n');
  return h.digest('hex');
}

function encode(c: CCond, lists: Map<unknown, number>, atomLists: number[][]): Enc {
  switch (c.op) {
    case 'all': {
      const written = c.written.map((k) => encode(k, lists, atomLists));
      return { op: 'all', written, order: c.kids.map((k) => c.written.indexOf(k)) };
    }
    case 'any':
      return { op: 'any', kids: c.kids.map((k) => encode(k, lists, atomLists)) };
    case 'near':
      return { op: 'near', kids: c.kids.map((k) => encode(k, lists, atomLists)), within: c.within, ordered: c.ordered };
    case 'not':
    case 'heading':
    case 'document':
      return { op: c.op, kid: encode(c.kid, lists, atomLists) };
    case 'atoms': {
      atomLists[c.id] = c.atoms;
      return { op: 'atoms', id: c.id };
    }
    case 'regex':
      return { op: 'regex', atom: c.atom };
    case 'duration':
      return { op: 'duration', atom: c.atom, minHours: c.minHours, maxHours: c.maxHours, units: c.units ? [...c.units] : undefined };
    case 'modality':
    case 'party':
    case 'kind':
      return { op: c.op, values: [...c.values] };
    case 'negated':
    case 'exception':
      return { op: c.op, value: c.value };
  }
}

function decode(e: Enc, nodes: Array<Extract<CCond, { op: 'atoms' }>>): CCond {
  const kids = () => (e.kids as Enc[]).map((k) => decode(k, nodes));
  switch (e.op as CCond['op']) {
    case 'all': {
      const written = (e.written as Enc[]).map((k) => decode(k, nodes));
      return { op: 'all', written, kids: (e.order as number[]).map((i) => written[i]!) };
    }
    case 'any':
      return { op: 'any', kids: kids() };
    case 'near':
      return { op: 'near', kids: kids(), within: e.within as number, ordered: e.ordered as boolean };
    case 'not':
    case 'heading':
    case 'document':
      return { op: e.op as 'not', kid: decode(e.kid as Enc, nodes) };
    case 'atoms':
      return nodes[e.id as number]!;
    case 'regex':
      return { op: 'regex', atom: e.atom as number };
    case 'duration':
      return {
        op: 'duration',
        atom: e.atom as number,
        minHours: e.minHours as number | undefined,
        maxHours: e.maxHours as number | undefined,
        units: e.units ? new Set(e.units as Duration['unit'][]) : undefined,
      };
    case 'modality':
      return { op: 'modality', values: new Set(e.values as Modality[]) };
    case 'party':
      return { op: 'party', values: new Set(e.values as Party[]) };
    case 'kind':
      return { op: 'kind', values: new Set(e.values as BlockKind[]) };
    case 'negated':
    case 'exception':
      return { op: e.op as 'negated', value: e.value as boolean };
  }
  throw new Error(`rules artifact: unknown condition ${String(e.op)}`);
}

/** Write the compiled rules of `rulesDir` as an artifact file. */
export function writeArtifact(compiled: CompiledRules, rulesDir: string, file: string | URL): void {
  const atomLists: number[][] = new Array(compiled.atomSetCount);
  const lists = new Map<unknown, number>();
  const art: Artifact = {
    version: ARTIFACT_VERSION,
    rulesHash: rulesHash(rulesDir),
    atomCount: compiled.atomCount,
    durationAtom: compiled.durationAtom,
    atomLists,
    phraseAtoms: [...compiled.phraseAtoms],
    regexes: [...compiled.regexSources],
    rules: compiled.rules.map((r) => ({ def: r.def, cond: encode(r.cond, lists, atomLists) })),
    trie: compiled.trie.toData(),
  };
  writeFileSync(file, JSON.stringify(art));
}

/** The compiled rules from an artifact file, or undefined when it is absent, stale or of another version. */
export function readArtifact(rulesDir: string, file: string | URL = DEFAULT_ARTIFACT): CompiledRules | undefined {
  let art: Artifact;
  try {
    art = JSON.parse(readFileSync(file, 'utf8')) as Artifact;
  } catch {
    return undefined;
  }
  if (art.version !== ARTIFACT_VERSION) return undefined;
  try {
    if (art.rulesHash !== rulesHash(rulesDir)) return undefined;
  } catch {
    return undefined;
  }
  // Every node's membership mask is a view into one zero-filled buffer: one allocation (whose pages
  // the system zeroes on first touch) instead of one per node.
  const buffer = new ArrayBuffer(art.atomLists.length * art.atomCount);
  const nodes = art.atomLists.map((atoms, id) => {
    const mask = new Uint8Array(buffer, id * art.atomCount, art.atomCount);
    for (const a of atoms) mask[a] = 1;
    return { op: 'atoms' as const, atoms, set: new Set(atoms), id, mask };
  });
  const rules: CompiledRule[] = art.rules.map(({ def, cond }) => {
    const c = decode(cond, nodes);
    return { def, cond: c, triggers: triggersOf(c) };
  });
  return assemble(rules, PhraseTrie.fromData(art.trie), new Map(art.regexes), new Map(art.phraseAtoms), art.durationAtom, art.atomCount, nodes.length);
}
