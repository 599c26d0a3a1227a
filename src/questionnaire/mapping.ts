// Mappings of foreign questionnaires (a CAIQ-style sheet, an in-house sheet) onto our question IDs.
import { key } from './normalize.js';
import { shippedSchema, validateInput } from '../load/schema.js';
import { parseYaml, readText } from '../load/yaml.js';
import type { ColumnNames } from './table.js';
import type { Questionnaire } from './types.js';

export interface MappingTarget {
  question: string;
  from: 'answer' | 'comment';
  invert: boolean;
}

export interface Mapping {
  path: string;
  name: string;
  questionnaire?: string;
  sheet?: string;
  columns: ColumnNames;
  /** Extra yes/no words, keyed by `key()` of the foreign answer. */
  values: Map<string, 'yes' | 'no' | 'na' | 'partial' | 'unanswered'>;
  /** Foreign question ID (trimmed, lower-cased) -> targets. */
  questions: Map<string, MappingTarget[]>;
}

type RawTarget = string | { question: string; from?: 'answer' | 'comment'; invert?: boolean };
interface RawMapping {
  name?: string;
  questionnaire?: string;
  sheet?: string;
  columns: Record<'id' | 'answer' | 'comment' | 'question', string | string[] | undefined>;
  values?: Record<string, 'yes' | 'no' | 'na' | 'partial' | 'unanswered'>;
  questions: Record<string, RawTarget | RawTarget[]>;
}

export function foreignKey(id: string): string {
  return id.trim().replace(/\s+/g, ' ').toLowerCase();
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function loadMapping(path: string, bank: Questionnaire): Mapping {
  return parseMapping(path, readText(path, 'mapping'), bank);
}

export function parseMapping(path: string, text: string, bank: Questionnaire): Mapping {
  const p = parseYaml(path, text.replace(/^\ufeff/, ''));
  validateInput(p, shippedSchema('questionnaire-mapping.schema.json'));
  const raw = p.data as RawMapping;
  if (raw.questionnaire !== undefined && raw.questionnaire !== bank.id) {
    throw p.error('/questionnaire', `mapping is for questionnaire "${raw.questionnaire}", not "${bank.id}"`);
  }
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const questions = new Map<string, MappingTarget[]>();
  for (const [foreign, spec] of Object.entries(raw.questions)) {
    const k = foreignKey(foreign);
    const pointer = `/questions/${foreign.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (questions.has(k)) throw p.error('/questions', `foreign question "${foreign}" is mapped twice (IDs are compared without case)`, foreign);
    const specs = Array.isArray(spec) ? spec : [spec];
    const targets = specs.map((s, i): MappingTarget => {
      const t = typeof s === 'string' ? { question: s } : s;
      const at = Array.isArray(spec) ? `${pointer}/${i}` : pointer;
      const q = byId.get(t.question);
      if (!q) throw p.error(at, `unknown question "${t.question}" (not in questionnaire ${bank.id})`);
      if (t.invert && q.type !== 'yesno') throw p.error(at, `invert applies to yes/no questions; ${q.id} is ${q.type}`);
      return { question: q.id, from: t.from ?? 'answer', invert: t.invert === true };
    });
    questions.set(k, targets);
  }
  const columns: ColumnNames = {
    id: list(raw.columns.id),
    answer: list(raw.columns.answer),
    comment: list(raw.columns.comment),
    question: list(raw.columns.question),
  };
  const mapping: Mapping = {
    path,
    name: raw.name ?? path,
    columns,
    values: new Map(Object.entries(raw.values ?? {}).map(([k, v]) => [key(k), v])),
    questions,
  };
  if (raw.questionnaire !== undefined) mapping.questionnaire = raw.questionnaire;
  if (raw.sheet !== undefined) mapping.sheet = raw.sheet;
  return mapping;
}
