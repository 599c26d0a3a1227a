// Load rule packs from YAML: parse with positions and validate with the shared loader (src/load/),
// check semantics (./semantics.ts), cache a validated pack (./cache.ts), and report every problem
// as file:line:col  code  message  (hint).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { schemaProblems, validatorFor } from '../load/schema.js';
import { type Problem, parseYamlText, type YamlSource } from '../load/yaml.js';
import type { BlockKind, ProvenStatus, Scope } from '../types.js';
import { cacheFileFor, readCache, writeCache } from './cache.js';
import { type Cond, type DefinedTerms, type RuleDef, RuleLoadError, type RuleSet, type RuleTests } from './rule-def.js';
import { RULE_SCHEMA, TERMS_SCHEMA } from './schema.js';
import { checkCondition, checkDefinedTerms, checkRuleFields, checkTermPhrases, expandNamed, explainRuleError, type NamedConditions } from './semantics.js';

export { ENGINE_VERSION, formatProblem, RuleLoadError } from './rule-def.js';
export type { Cond, DefinedTermKind, DefinedTerms, RuleCase, RuleDef, RuleProblem, RuleSet, RuleTests } from './rule-def.js';

function parseRuleFile(file: string, display: string, problems: Problem[]): YamlSource | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push({ file: display, line: 1, col: 1, code: 'E000', message: `cannot read file (${(err as NodeJS.ErrnoException).code ?? err})` });
    return undefined;
  }
  const parsed = parseYamlText(display, text);
  if (Array.isArray(parsed)) {
    problems.push(...parsed);
    return undefined;
  }
  return parsed;
}

/** Every YAML file under a rules folder, in a stable order (the files a load reads). */
export function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listYaml(full));
    else if (/\.ya?ml$/i.test(name)) out.push(full);
  }
  return out;
}

/**
 * Load every pack under `root` (or just some files/folders under it with `only`).
 * Throws RuleLoadError listing every problem.
 */
export function loadRules(root: string, only?: string[]): RuleSet {
  let files: string[];
  try {
    files = listYaml(root);
  } catch {
    throw new RuleLoadError([{ file: root, line: 1, col: 1, code: 'E000', message: 'rules folder not found' }]);
  }
  if (only?.length) return loadRuleFiles(root, files, only);
  const cacheFile = cacheFileFor(root, files);
  const cached = cacheFile ? readCache(cacheFile, root) : undefined;
  if (cached) return cached;
  const set = loadRuleFiles(root, files);
  if (cacheFile) writeCache(cacheFile, set);
  return set;
}

const isTermsFile = (f: string) => /^(shared-)?terms\.ya?ml$/i.test(basename(f));

function loadRuleFiles(root: string, files: string[], only?: string[]): RuleSet {
  const problems: Problem[] = [];
  const validateRule = validatorFor(RULE_SCHEMA);
  const validateTerms = validatorFor(TERMS_SCHEMA);
  const display = (f: string) => relative(process.cwd(), f) || f;
  const terms = new Map<string, Map<string, string[]>>();
  // With a selection (rules test/lint of one pack), only the shared terms and the selected packs' terms load,
  // so a broken file in another pack does not block the work on this one.
  const packOf = (f: string) => {
    const rel = relative(root, f).split(sep);
    return rel.length > 1 ? rel[0]! : '';
  };
  const selectedPacks = only?.length ? new Set(files.filter((f) => only.some((o) => f === o || f.startsWith(o + sep) || f.startsWith(o + '/'))).map(packOf)) : undefined;
  // The shared file first, then the packs in order: the first matching defined-term kind wins a tie.
  const termFiles = files
    .filter((f) => isTermsFile(f) && (!selectedPacks || packOf(f) === '' || selectedPacks.has(packOf(f))))
    .sort((a, b) => Number(packOf(a) !== '') - Number(packOf(b) !== ''));
  const definedTerms: DefinedTerms = { kinds: [], ignore: [] };
  const brokenPacks = new Set<string>();
  // pack -> condition name -> { condition, the terms file it is written in }
  const conditions = new Map<string, Map<string, { cond: Cond; src: YamlSource }>>();
  for (const f of termFiles) {
    const parsed = parseRuleFile(f, display(f), problems);
    const pack = packOf(f);
    if (!parsed) {
      // Its names are unknown: do not bury the syntax error under "unknown term" errors.
      brokenPacks.add(pack);
      continue;
    }
    const map = terms.get(pack) ?? new Map<string, string[]>();
    terms.set(pack, map);
    if (!validateTerms(parsed.data)) {
      problems.push(...schemaProblems(parsed, validateTerms.errors ?? [], explainRuleError));
      // Keep the names so one bad entry does not cascade into "unknown term" errors everywhere.
      const raw = (parsed.data as { terms?: unknown })?.terms;
      if (raw && typeof raw === 'object') for (const name of Object.keys(raw)) map.set(name, []);
      continue;
    }
    for (const [name, raw] of Object.entries((parsed.data as { terms: Record<string, Array<string | number>> }).terms)) {
      const list = raw.map(String);
      map.set(name, list);
      checkTermPhrases(parsed, name, list, problems);
    }
    const named = (parsed.data as { conditions?: Record<string, Cond> }).conditions ?? {};
    const cmap = conditions.get(pack) ?? new Map<string, { cond: Cond; src: YamlSource }>();
    conditions.set(pack, cmap);
    for (const [name, cond] of Object.entries(named)) cmap.set(name, { cond, src: parsed });
    const defined = (parsed.data as { 'defined-terms'?: { kinds?: Array<Record<string, unknown>>; ignore?: string[] } })['defined-terms'];
    if (defined) {
      const kinds = (defined.kinds ?? []).map((k) => ({
        name: k.name as string,
        definition: k.definition as string,
        words: k.words as number,
        countsAs: (k['counts-as'] as Array<string | number>).map(String),
      }));
      checkDefinedTerms(parsed, kinds, problems);
      definedTerms.kinds.push(...kinds);
      definedTerms.ignore.push(...(defined.ignore ?? []).map((n) => n.trim().toLowerCase()));
    }
  }
  const termsIn = (pack: string) => (name: string) =>
    terms.get(pack)?.get(name) ?? terms.get('')?.get(name) ?? (brokenPacks.has(pack) || brokenPacks.has('') ? [] : undefined);
  // A pack's named condition of the same name wins over the shared one, like its term lists.
  const namedIn = (pack: string): NamedConditions => (name) => (conditions.get(pack)?.get(name) ?? conditions.get('')?.get(name))?.cond;
  for (const [pack, cmap] of conditions) {
    for (const [name, { cond, src }] of cmap) checkCondition(src, cond, `/conditions/${name}`, termsIn(pack), problems, false, namedIn(pack));
  }
  const selected = only?.length
    ? files.filter((f) => only.some((o) => f === o || f.startsWith(o.endsWith(sep) ? o : o + sep) || f.startsWith(o + '/')))
    : files;
  const rules: RuleDef[] = [];
  for (const f of selected) {
    if (isTermsFile(f)) continue;
    const parsed = parseRuleFile(f, display(f), problems);
    if (!parsed) continue;
    const pack = packOf(f);
    const id = relative(root, f).split(sep).join('/').replace(/\.ya?ml$/i, '');
    if (!validateRule(parsed.data)) {
      problems.push(...schemaProblems(parsed, validateRule.errors ?? [], explainRuleError));
      continue;
    }
    const d = parsed.data as Record<string, unknown>;
    checkRuleFields(parsed, d, problems);
    const named = namedIn(pack);
    const before = problems.length;
    checkCondition(parsed, d.match as Cond, '/match', termsIn(pack), problems, false, named);
    let match = d.match as Cond;
    if (problems.length === before) {
      try {
        match = expandNamed(match, named);
      } catch (err) {
        problems.push(parsed.problem('/match', 'E027', (err as Error).message, 'a named condition may use others, but not itself'));
      }
    }
    rules.push({
      id,
      file: parsed.file,
      pack,
      requirement: d.requirement as string,
      proves: d.proves as ProvenStatus,
      title: d.title as string,
      description: d.description as string | undefined,
      scope: (d.scope as Scope | undefined) ?? 'sentence',
      carveOut: d['carve-out'] === true,
      softensConflict: d['softens-conflict'] === true,
      extract: d.extract as 'duration' | undefined,
      include: (d.include as BlockKind[] | undefined) ?? [],
      references: (d.references as string[] | undefined) ?? [],
      match,
      tests: d.tests as RuleTests,
    });
  }
  if (problems.length) throw new RuleLoadError(problems);
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rules, terms, definedTerms, root };
}
