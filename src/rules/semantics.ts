// Semantic checks of a rule that the schema cannot express: known requirement, engine version,
// one operator per condition, known term lists, phrase and regex syntax.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { RE2JS } from 're2js';
import { requirementById } from '../catalog.js';
import { didYouMean, type Explain } from '../load/schema.js';
import type { Problem, YamlSource } from '../load/yaml.js';
import { PhraseError, parsePhrase } from './phrase.js';
import { type Cond, type DefinedTermKind, ENGINE_VERSION } from './rule-def.js';
import { CONDITION_KEYS } from './schema.js';

const OPERATORS = CONDITION_KEYS.filter((k) => k !== 'within' && k !== 'ordered');
const ATOM_KEYS = new Set(['phrase', 'term', 'regex', 'duration']);

/** Unknown keys inside a condition list the condition keys (the schema splits them over several definitions). */
export const explainRuleError: Explain = (e: ErrorObject, where: string) => {
  if (e.keyword !== 'additionalProperties') return undefined;
  if (!(e.instancePath.includes('/match') || /\/(all|any|near)\/\d+$|\/(not|heading)$/.test(e.instancePath))) return undefined;
  const prop = String((e.params as { additionalProperty: string }).additionalProperty);
  const guess = didYouMean(prop, CONDITION_KEYS);
  return { message: `unknown field '${prop}' at ${where}`, hint: guess ? `did you mean '${guess}'?` : `allowed: ${CONDITION_KEYS.join(', ')}` };
};

/** A phrase problem (E023) for each unparsable phrase of a term list. */
export function checkTermPhrases(src: YamlSource, name: string, list: string[], problems: Problem[]): void {
  list.forEach((ph, i) => {
    try {
      parsePhrase(ph);
    } catch (err) {
      if (!(err instanceof PhraseError)) throw err;
      problems.push(src.problem(`/terms/${name}/${i}`, 'E023', `bad phrase: ${err.message}`));
    }
  });
}

/** A defined-term kind needs a valid linear-time pattern (E022) and parsable phrases (E023). */
export function checkDefinedTerms(src: YamlSource, kinds: DefinedTermKind[], problems: Problem[]): void {
  kinds.forEach((k, i) => {
    try {
      RE2JS.compile(k.definition, RE2JS.CASE_INSENSITIVE);
    } catch (err) {
      problems.push(src.problem(`/defined-terms/kinds/${i}/definition`, 'E022', `bad regex: ${(err as Error).message.split('\n')[0]}`, 'linear-time syntax (RE2): no lookaround or backreferences'));
    }
    k.countsAs.forEach((ph, j) => {
      try {
        parsePhrase(ph);
      } catch (err) {
        if (!(err instanceof PhraseError)) throw err;
        problems.push(src.problem(`/defined-terms/kinds/${i}/counts-as/${j}`, 'E023', `bad phrase: ${err.message}`));
      }
    });
  });
}

/** Checks of a rule's top-level fields. */
export function checkRuleFields(src: YamlSource, d: Record<string, unknown>, problems: Problem[]): void {
  if (!requirementById(d.requirement as string)) {
    problems.push(src.problem('/requirement', 'E020', `unknown requirement '${d.requirement}'`, 'use an AD-, DR- or EC- ID of the catalog'));
  }
  if ((d.engine as number | undefined) !== undefined && (d.engine as number) > ENGINE_VERSION) {
    problems.push(src.problem('/engine', 'E031', `rule needs engine ${d.engine}, this is engine ${ENGINE_VERSION}`, 'upgrade clausecheck'));
  }
  if (d['carve-out'] === true && d.proves !== 'partial') {
    problems.push(src.problem('/carve-out', 'E026', 'a carve-out rule must prove partial'));
  }
  if (d['softens-conflict'] === true && d.proves !== 'partial') {
    problems.push(src.problem('/softens-conflict', 'E026', 'a softens-conflict rule must prove partial'));
  }
}

/** Checks of a condition tree, from `pointer` down. */
/** Looks up a named condition (`use: name`) of a pack; undefined when there is none of that name. */
export type NamedConditions = (name: string) => Cond | undefined;

export function checkCondition(
  src: YamlSource,
  c: Cond,
  pointer: string,
  termsFor: (name: string) => string[] | undefined,
  problems: Problem[],
  inNear = false,
  named: NamedConditions = () => undefined,
): void {
  const ops = Object.keys(c).filter((k) => (OPERATORS as readonly string[]).includes(k));
  if (ops.length !== 1) {
    problems.push(src.problem(pointer, 'E024', `a condition needs exactly one operator, found ${ops.length ? ops.join(', ') : 'none'} at ${pointer}`, 'wrap several conditions in all: [...]'));
    return;
  }
  const op = ops[0]!;
  if ((c.within !== undefined || c.ordered !== undefined) && op !== 'near') {
    problems.push(src.problem(pointer, 'E024', `'within' and 'ordered' belong to 'near' at ${pointer}`));
  }
  if (inNear && !ATOM_KEYS.has(op) && op !== 'any' && op !== 'near' && op !== 'use') {
    problems.push(src.problem(pointer, 'E025', `'${op}' cannot be inside near at ${pointer}`, 'near children are phrase, term, regex, duration, any or near'));
  }
  const v = c[op];
  const itemPointer = (i: number) => (Array.isArray(v) ? `${pointer}/${op}/${i}` : `${pointer}/${op}`);
  switch (op) {
    case 'all':
    case 'any':
    case 'near':
      (v as Cond[]).forEach((child, i) => checkCondition(src, child, `${pointer}/${op}/${i}`, termsFor, problems, op === 'near' || (inNear && op === 'any'), named));
      break;
    case 'not':
    case 'heading':
    case 'document':
      checkCondition(src, v as Cond, `${pointer}/${op}`, termsFor, problems, false, named);
      break;
    case 'use': {
      const def = named(v as string);
      if (!def) {
        problems.push(src.problem(`${pointer}/use`, 'E026', `unknown named condition '${v}'`, 'define it under conditions: in the pack terms.yaml or rules/shared-terms.yaml'));
      } else if (inNear && !nearChild(def)) {
        problems.push(src.problem(`${pointer}/use`, 'E025', `named condition '${v}' cannot be inside near at ${pointer}`, 'near children are phrase, term, regex, duration, any or near'));
      }
      break;
    }
    case 'phrase':
      for (const [i, ph] of (Array.isArray(v) ? v : [v]).entries()) {
        try {
          parsePhrase(ph as string);
        } catch (err) {
          if (!(err instanceof PhraseError)) throw err;
          problems.push(src.problem(itemPointer(i), 'E023', `bad phrase: ${err.message}`));
        }
      }
      break;
    case 'term':
      for (const [i, name] of (Array.isArray(v) ? v : [v]).entries()) {
        if (!termsFor(name as string)) {
          problems.push(src.problem(itemPointer(i), 'E021', `unknown term list '${name}'`, 'define it in the pack terms.yaml or rules/shared-terms.yaml'));
        }
      }
      break;
    case 'regex':
      try {
        RE2JS.compile(v as string, RE2JS.CASE_INSENSITIVE);
      } catch (err) {
        problems.push(src.problem(`${pointer}/regex`, 'E022', `bad regex: ${(err as Error).message.split('\n')[0]}`, 'linear-time syntax (RE2): no lookaround or backreferences'));
      }
      break;
  }
}

/** Whether a condition may stand inside near: an atom, or any / near of such. */
function nearChild(c: Cond): boolean {
  const op = Object.keys(c).find((k) => k !== 'within' && k !== 'ordered');
  if (!op) return false;
  if (ATOM_KEYS.has(op)) return true;
  if (op === 'any' || op === 'near') return (c[op] as Cond[]).every(nearChild);
  return false;
}

/**
 * Replace every `{ use: name }` by the named condition it refers to, recursively, so the engine only
 * sees plain conditions. A name that refers back to itself is reported once, as a cycle.
 */
export function expandNamed(c: Cond, named: NamedConditions, seen: string[] = []): Cond {
  if (typeof c !== 'object' || c === null) return c;
  if (typeof c.use === 'string') {
    const name = c.use;
    if (seen.includes(name)) throw new Error(`named condition '${name}' refers to itself (${[...seen, name].join(' → ')})`);
    const def = named(name);
    if (!def) throw new Error(`unknown named condition '${name}'`);
    return expandNamed(def, named, [...seen, name]);
  }
  const out: Cond = {};
  for (const [k, v] of Object.entries(c)) {
    if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'object' && x !== null ? expandNamed(x as Cond, named, seen) : x));
    else if (typeof v === 'object' && v !== null && (k === 'not' || k === 'heading' || k === 'document')) out[k] = expandNamed(v as Cond, named, seen);
    else out[k] = v;
  }
  return out;
}
