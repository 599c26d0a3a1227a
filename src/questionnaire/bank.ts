// The question bank: questionnaires/<id>.yaml, validated by schemas/questionnaire.schema.json and
// cross-checked (question references, requirement and SR IDs, choice values).
import { fileURLToPath } from 'node:url';
import { REQUIREMENT_IDS, SR_FACTOR_IDS } from '../catalog.js';
import { shippedSchema, validateInput } from '../load/schema.js';
import { parseYaml, readText, type YamlSource } from '../load/yaml.js';
import type { Condition, ContractCheck, ConsistencyCheck, NormalizedKind, Question, Questionnaire } from './types.js';

/** The supplier risk factors of the catalog ("Supplier risk factors" table). */
export const SR_FACTORS: readonly string[] = SR_FACTOR_IDS;

export const DEFAULT_QUESTIONNAIRE = fileURLToPath(new URL('../../questionnaires/ai-vendor.yaml', import.meta.url));

export const KINDS: readonly NormalizedKind[] = ['yes', 'no', 'na', 'partial', 'unanswered', 'number', 'unbounded', 'choice', 'text'];

const cache = new Map<string, Questionnaire>();

export function loadQuestionnaire(path = DEFAULT_QUESTIONNAIRE): Questionnaire {
  const hit = cache.get(path);
  if (hit) return hit;
  const q = parseQuestionnaire(path, readText(path, 'questionnaire'));
  cache.set(path, q);
  return q;
}

type RawCondition = { question?: string; is?: string[]; gt?: number; lt?: number; any?: RawCondition[] };
interface RawQuestion {
  id: string;
  group: string;
  text: string;
  type: Question['type'];
  unit?: Question['unit'];
  choices?: Array<{ value: string; label: string; synonyms?: string[] }>;
  multiple?: boolean;
  guidance?: string;
  informs: string[];
  key?: boolean;
  'applies-if'?: RawCondition;
}
interface RawBank {
  id: string;
  version: number;
  title: string;
  description?: string;
  groups: Array<{ id: string; title: string }>;
  questions: RawQuestion[];
  consistency?: Array<Omit<ConsistencyCheck, 'when'> & { when: RawCondition[] }>;
  contract?: Array<Record<string, unknown>>;
}

export function parseQuestionnaire(path: string, text: string): Questionnaire {
  const p = parseYaml(path, text);
  validateInput(p, shippedSchema('questionnaire.schema.json'));
  const raw = p.data as RawBank;
  const known = new Set<string>([...REQUIREMENT_IDS, ...SR_FACTORS]);
  const groups = new Set<string>();
  raw.groups.forEach((g, i) => {
    if (groups.has(g.id)) throw p.error(`/groups/${i}/id`, `group "${g.id}" is defined twice`);
    groups.add(g.id);
  });
  const byId = new Map<string, RawQuestion>();
  raw.questions.forEach((q, i) => {
    if (byId.has(q.id)) throw p.error(`/questions/${i}/id`, `question "${q.id}" is defined twice`);
    byId.set(q.id, q);
    if (!groups.has(q.group)) throw p.error(`/questions/${i}/group`, `unknown group "${q.group}"`);
    q.informs.forEach((id, j) => {
      if (!known.has(id)) throw p.error(`/questions/${i}/informs/${j}`, `unknown requirement or SR factor "${id}"`);
    });
    if (q.type === 'number' && !q.unit) throw p.error(`/questions/${i}`, `number question "${q.id}" needs a unit`);
    if (q.type !== 'number' && q.unit) throw p.error(`/questions/${i}/unit`, `only number questions have a unit`);
    if (q.type === 'choice' && !q.choices) throw p.error(`/questions/${i}`, `choice question "${q.id}" needs choices`);
    if (q.type !== 'choice' && (q.choices || q.multiple !== undefined)) throw p.error(`/questions/${i}/type`, `only choice questions have choices or multiple`);
    const seen = new Set<string>();
    q.choices?.forEach((c, j) => {
      if ((KINDS as readonly string[]).includes(c.value)) throw p.error(`/questions/${i}/choices/${j}/value`, `choice value "${c.value}" is reserved (an answer kind)`);
      if (seen.has(c.value)) throw p.error(`/questions/${i}/choices/${j}/value`, `choice value "${c.value}" appears twice`);
      seen.add(c.value);
    });
  });
  raw.questions.forEach((q, i) => {
    if (q['applies-if']) checkCondition(p, byId, q['applies-if'], `/questions/${i}/applies-if`);
  });
  const checkIds = new Set<string>();
  const uniqueCheck = (id: string, pointer: string): void => {
    if (checkIds.has(id)) throw p.error(pointer, `check "${id}" is defined twice`);
    checkIds.add(id);
  };
  (raw.consistency ?? []).forEach((c, i) => {
    uniqueCheck(c.id, `/consistency/${i}/id`);
    c.informs.forEach((id, j) => {
      if (!known.has(id)) throw p.error(`/consistency/${i}/informs/${j}`, `unknown requirement or SR factor "${id}"`);
    });
    c.when.forEach((w, j) => checkCondition(p, byId, w, `/consistency/${i}/when/${j}`));
  });
  (raw.contract ?? []).forEach((c, i) => {
    uniqueCheck(String(c.id), `/contract/${i}/id`);
    const reqs = (c.compare === 'duration' ? (c.requirements as string[]) : [c.requirement as string]);
    reqs.forEach((r, j) => {
      if (!REQUIREMENT_IDS.includes(r)) {
        throw p.error(c.compare === 'duration' ? `/contract/${i}/requirements/${j}` : `/contract/${i}/requirement`, `unknown requirement "${r}"`);
      }
    });
    if (c.compare === 'duration') {
      (c.questions as string[]).forEach((qid, j) => {
        const q = byId.get(qid);
        if (!q) throw p.error(`/contract/${i}/questions/${j}`, `unknown question "${qid}"`);
        if (q.type !== 'number' || (q.unit !== 'days' && q.unit !== 'hours')) {
          throw p.error(`/contract/${i}/questions/${j}`, `question "${qid}" is not a number of days or hours`);
        }
      });
    } else {
      (c.when as RawCondition[]).forEach((w, j) => checkCondition(p, byId, w, `/contract/${i}/when/${j}`));
    }
  });

  return {
    id: raw.id,
    version: raw.version,
    title: raw.title,
    description: raw.description ?? '',
    groups: raw.groups.map((g) => ({ id: g.id, title: g.title })),
    questions: raw.questions.map((q) => {
      const out: Question = { id: q.id, group: q.group, text: q.text, type: q.type, guidance: q.guidance ?? '', informs: [...q.informs] };
      if (q.unit) out.unit = q.unit;
      if (q.choices) out.choices = q.choices.map((c) => ({ value: c.value, label: c.label, synonyms: c.synonyms ?? [] }));
      if (q.multiple) out.multiple = true;
      if (q.key) out.key = true;
      if (q['applies-if']) out.appliesIf = toCondition(q['applies-if']);
      return out;
    }),
    consistency: (raw.consistency ?? []).map((c) => ({ id: c.id, severity: c.severity, informs: [...c.informs], message: c.message, when: c.when.map(toCondition) })),
    contract: (raw.contract ?? []).map(toContractCheck),
    path,
  };
}

function checkCondition(p: YamlSource, byId: Map<string, RawQuestion>, c: RawCondition, pointer: string): void {
  if (c.any) {
    c.any.forEach((sub, i) => checkCondition(p, byId, sub, `${pointer}/any/${i}`));
    return;
  }
  const q = byId.get(c.question!);
  if (!q) throw p.error(`${pointer}/question`, `unknown question "${c.question}"`);
  const allowed = new Set<string>(KINDS);
  for (const ch of q.choices ?? []) allowed.add(ch.value);
  c.is?.forEach((v, i) => {
    if (!allowed.has(v)) throw p.error(`${pointer}/is/${i}`, `"${v}" is not an answer kind or a choice of ${q.id}`);
  });
  if ((c.gt !== undefined || c.lt !== undefined) && q.type !== 'number') {
    throw p.error(pointer, `gt / lt need a number question; ${q.id} is ${q.type}`);
  }
}

function toCondition(c: RawCondition): Condition {
  if (c.any) return { any: c.any.map(toCondition) };
  const out: Condition = { question: c.question! };
  if (c.is) out.is = [...c.is];
  if (c.gt !== undefined) out.gt = c.gt;
  if (c.lt !== undefined) out.lt = c.lt;
  return out;
}

function toContractCheck(c: Record<string, unknown>): ContractCheck {
  if (c.compare === 'duration') {
    const out: ContractCheck = {
      id: String(c.id),
      compare: 'duration',
      requirements: [...(c.requirements as string[])],
      questions: [...(c.questions as string[])],
      severity: c.severity as ContractCheck['severity'],
      message: String(c.message),
    };
    if (c.evidence) out.evidence = [...(c.evidence as Array<'met' | 'partial' | 'conflict'>)];
    return out;
  }
  const out: ContractCheck = {
    id: String(c.id),
    requirement: String(c.requirement),
    status: [...(c.status as Array<'met' | 'partial' | 'missing' | 'conflict'>)],
    severity: c.severity as ContractCheck['severity'],
    message: String(c.message),
    when: (c.when as RawCondition[]).map(toCondition),
  };
  if (c.evidence) out.evidence = [...(c.evidence as Array<'met' | 'partial' | 'conflict'>)];
  if (c['quote-contains']) out.quoteContains = (c['quote-contains'] as string[]).map((w) => w.toLowerCase());
  return out;
}
