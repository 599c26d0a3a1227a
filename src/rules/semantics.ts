// Semantic checks of a rule that the schema cannot express: known requirement, engine version,
// one operator per condition, known term lists, phrase and regex syntax.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { RE2JS } from 're2js';
import { requirementById } from '../catalog.js';
import { didYouMean, type Explain } from '../load/schema.js';
import type { Problem, YamlSource } from '../load/yaml.js';
import { PhraseError, parsePhrase } from './phrase.js';
import { ENGINE_VERSION, type Cond } from './rule-def.js';
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
export function checkCondition(src: YamlSource, c: Cond, pointer: string, termsFor: (name: string) => string[] | undefined, problems: Problem[], inNear = false): void {
  const ops = Object.keys(c).filter((k) => (OPERATORS as readonly string[]).includes(k));
  if (ops.length !== 1) {
    problems.push(src.problem(pointer, 'E024', `a condition needs exactly one operator, found ${ops.length ? ops.join(', ') : 'none'} at ${pointer}`, 'wrap several conditions in all: [...]'));
    return;
  }
  const op = ops[0]!;
  if ((c.within !== undefined || c.ordered !== undefined) && op !== 'near') {
    problems.push(src.problem(pointer, 'E024', `'within' and 'ordered' belong to 'near' at ${pointer}`));
  }
  if (inNear && !ATOM_KEYS.has(op) && op !== 'any' && op !== 'near') {
    problems.push(src.problem(pointer, 'E025', `'${op}' cannot be inside near at ${pointer}`, 'near children are phrase, term, regex, duration, any or near'));
  }
  const v = c[op];
  const itemPointer = (i: number) => (Array.isArray(v) ? `${pointer}/${op}/${i}` : `${pointer}/${op}`);
  switch (op) {
    case 'all':
    case 'any':
    case 'near':
      (v as Cond[]).forEach((child, i) => checkCondition(src, child, `${pointer}/${op}/${i}`, termsFor, problems, op === 'near' || (inNear && op === 'any')));
      break;
    case 'not':
    case 'heading':
    case 'document':
      checkCondition(src, v as Cond, `${pointer}/${op}`, termsFor, problems);
      break;
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
