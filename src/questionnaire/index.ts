// The questionnaire stage: question bank, template, import (XLSX / CSV / JSON / YAML, mapped foreign
// sheets), normalization, contradictions between answers and with a contract, and the report.
import { checkFiles, VERSION } from '../check/index.js';
import { InputError } from '../types.js';
import { loadQuestionnaire } from './bank.js';
import type { Encoding } from './bytes.js';
import { evaluate } from './evaluate.js';
import { proposeMapping, type MapOptions, type MapProposal } from './map.js';
import { readQuestionnaireFile } from './map-input.js';
import { readAnswers, type ReadOptions } from './read.js';
import type { Questionnaire, QuestionnaireReport } from './types.js';

export type {
  Answer,
  AnswerFormat,
  AnswerSet,
  AnswerSide,
  Choice,
  Condition,
  ContractCheck,
  ContractQuote,
  ContractSide,
  FindingCode,
  Location,
  NormalizedKind,
  NormalizedValue,
  NumberUnit,
  Question,
  Questionnaire,
  QuestionnaireFinding,
  QuestionnaireReport,
  QuestionType,
  RawValue,
  UnmappedRow,
} from './types.js';
export { DEFAULT_QUESTIONNAIRE, loadQuestionnaire, parseQuestionnaire, SR_FACTORS } from './bank.js';
export { ENCODINGS, type Encoding } from './bytes.js';
export { applies, evaluate, evalCondition, questionnaireExitCode, type EvaluateOptions } from './evaluate.js';
export { loadMapping, parseMapping, type Mapping, type MappingTarget } from './mapping.js';
export { DEFAULT_MAP_THRESHOLD, findMapHeader, headerRole, proposeMapping, type MapHeader, type MapOptions, type MapProposal, type RowProposal } from './map.js';
export { indexBank, rank, terms } from './map-similarity.js';
export { normalize } from './normalize.js';
export { readAnswers, type ReadOptions } from './read.js';
export { TEMPLATE_FORMATS, writeTemplate, type TemplateFormat } from './template.js';

export interface CheckQuestionnaireOptions extends ReadOptions {
  /** A contract (PDF, DOCX, TXT, MD) to cross-check the answers with. */
  contract?: string;
  /** Rules folder for the contract check (default: the shipped packs). */
  rulesDir?: string;
  /** Largest contract file, in bytes. */
  maxContractBytes?: number;
  encoding?: Encoding;
}

/** Read an answered questionnaire, check it, and cross-check it with a contract when one is given. */
export async function checkQuestionnaire(file: string, opts: CheckQuestionnaireOptions = {}): Promise<QuestionnaireReport> {
  const bank = typeof opts.questionnaire === 'object' ? opts.questionnaire : loadQuestionnaire(opts.questionnaire);
  const set = await readAnswers(file, { ...opts, questionnaire: bank });
  let contract;
  if (opts.contract !== undefined) {
    const report = await checkFiles([opts.contract], { rulesDir: opts.rulesDir, maxBytes: opts.maxContractBytes });
    if (report.documents.length !== 1) throw new InputError(opts.contract, `--contract takes one document (found ${report.documents.length})`);
    contract = report.documents[0];
  }
  return evaluate(set, bank, { contract, toolVersion: VERSION });
}

export interface MapFileOptions extends MapOptions {
  /** The question bank (default: the shipped ai-vendor questionnaire), or the path of one. */
  questionnaire?: Questionnaire | string;
  maxBytes?: number;
}

/** `questionnaire map`: propose a mapping for a foreign questionnaire sheet (XLSX or CSV). */
export async function mapQuestionnaire(file: string, opts: MapFileOptions = {}): Promise<MapProposal> {
  const bank = typeof opts.questionnaire === 'object' ? opts.questionnaire : loadQuestionnaire(opts.questionnaire);
  const { buf, format } = readQuestionnaireFile(file, opts.maxBytes);
  return proposeMapping(file, buf, format, bank, opts);
}
