// Types of the questionnaire stage: the question bank, answers read from a sheet or file, and the
// questionnaire report. The supplier-risk stage consumes AnswerSet / Answer.
import type { Evidence, Severity, Status } from '../types.js';

export type QuestionType = 'yesno' | 'number' | 'choice' | 'text';
export type NumberUnit = 'days' | 'hours' | 'count' | 'percent';

export interface Choice {
  value: string;
  label: string;
  synonyms: string[];
}

/** `{ question, is: [...] }`, `{ question, gt: n }`, `{ question, lt: n }` or `{ any: [...] }`. */
export type Condition =
  | { question: string; is?: string[]; gt?: number; lt?: number }
  | { any: Condition[] };

export interface Question {
  id: string;
  group: string;
  text: string;
  type: QuestionType;
  unit?: NumberUnit;
  choices?: Choice[];
  /** Several choices may be given (comma, semicolon or line separated). */
  multiple?: boolean;
  guidance: string;
  /** Requirement IDs (AD-*, DR-*, EC-*) and supplier risk factors (SR-*) the answer informs. */
  informs: string[];
  /** A key question: leaving it unanswered is a medium finding instead of low. */
  key?: boolean;
  /** The question only applies when this condition holds (otherwise an empty answer is fine). */
  appliesIf?: Condition;
}

export interface ConsistencyCheck {
  id: string;
  severity: Exclude<Severity, 'none'>;
  informs: string[];
  message: string;
  when: Condition[];
}

export interface ContractStatusCheck {
  id: string;
  compare?: undefined;
  requirement: string;
  /** Contract statuses that contradict the answers. */
  status: Status[];
  /** Which evidence to quote (by the status it proves); default: the statuses in `status`. */
  evidence?: Array<Exclude<Status, 'missing'>>;
  /** Fire only when a quoted clause contains one of these words (case-insensitive); quote only those. */
  quoteContains?: string[];
  severity: Exclude<Severity, 'none'>;
  message: string;
  when: Condition[];
}

export interface ContractDurationCheck {
  id: string;
  compare: 'duration';
  requirements: string[];
  questions: string[];
  /** Which evidence durations count (by the status it proves); default: met. */
  evidence?: Array<Exclude<Status, 'missing'>>;
  severity: Exclude<Severity, 'none'>;
  message: string;
}

export type ContractCheck = ContractStatusCheck | ContractDurationCheck;

export interface Questionnaire {
  id: string;
  version: number;
  title: string;
  description: string;
  groups: Array<{ id: string; title: string }>;
  questions: Question[];
  consistency: ConsistencyCheck[];
  contract: ContractCheck[];
  /** Where the bank was read from. */
  path: string;
}

/** The normalized value of an answer. Numbers are in the question's unit; `days` when the unit is a time. */
export type NormalizedValue =
  | { kind: 'yes' | 'no' | 'na' | 'partial' | 'unanswered' }
  | { kind: 'number'; value: number; unit: NumberUnit; days?: number }
  /** A number question answered with "indefinitely", "no limit", "as long as necessary". */
  | { kind: 'unbounded'; unit: NumberUnit }
  | { kind: 'choice'; values: string[] }
  | { kind: 'text'; value: string };

export type NormalizedKind = NormalizedValue['kind'];

export type RawValue = string | number | boolean | null;

/** Where an answer was read: 1-based row and column; `cell` (A1 style) for sheets and CSV, `pointer` for JSON / YAML. */
export interface Location {
  sheet?: string;
  row: number;
  column: number;
  cell?: string;
  pointer?: string;
  /** The header of the column the value came from (sheets and CSV). */
  header?: string;
}

export interface Answer {
  /** Our question ID. */
  id: string;
  /** The foreign question ID when a mapping was used. */
  sourceId?: string;
  /** The answer as written (string form for CSV; the cell's value for XLSX; the value for JSON / YAML). */
  raw: RawValue;
  /** The comment / implementation description beside the answer, if any. */
  comment: string | null;
  value: NormalizedValue;
  /** Where the answer was read; absent when the question is not in the file at all. */
  location?: Location;
  /** Requirement and SR IDs the question informs. */
  informs: string[];
  /** Set when the answer does not fit the question type (value is then `text`). */
  error?: string;
  /** Set when a yes/no answer was inverted by a mapping. */
  inverted?: boolean;
}

export type AnswerFormat = 'xlsx' | 'csv' | 'json' | 'yaml';

export interface AnswerSet {
  path: string;
  format: AnswerFormat;
  sha256: string;
  questionnaire: { id: string; version: number; title: string };
  /** The sheet the answers were read from (XLSX). */
  sheet?: string;
  /** The mapping file used, if any. */
  mapping?: string;
  /** Vendor name from the file, when it says (JSON / YAML `vendor`, else company.legal-name). */
  vendor?: string;
  /** One answer per question of the bank, in bank order (unanswered ones included). */
  answers: Answer[];
  /** Rows of a mapped sheet whose question ID the mapping does not name. */
  unmappedRows: number;
  /** Those rows, one by one (mapped sheets). */
  unmapped?: UnmappedRow[];
  /** The confidence threshold when the sheet was mapped by `--auto-map`. */
  autoMap?: number;
  warnings: string[];
}

/** A row of a mapped sheet that answers none of our questions. */
export interface UnmappedRow {
  /** The row's foreign ID (or its question, when the sheet is keyed by question). */
  id: string;
  question: string | null;
  location: Location;
  /** With --auto-map: the closest question of the bank and its confidence (below the threshold, or taken by another row). */
  best: { id: string; confidence: number } | null;
  note?: string;
}

// ---- the questionnaire report -------------------------------------------------------------------

export type FindingCode = 'unanswered' | 'wrong-type' | 'answer-conflict' | 'contract-conflict';

export interface AnswerSide {
  id: string;
  question: string;
  raw: RawValue;
  value: NormalizedValue;
  location?: Location;
}

/** A contract clause quoted against an answer: the evidence fields of a check, plus its length in days. */
export interface ContractQuote extends Pick<Evidence, 'quote' | 'page' | 'section' | 'start' | 'end' | 'rule' | 'proves'> {
  days?: number;
}

export interface ContractSide {
  path: string;
  requirement: string;
  title: string;
  status: Status;
  evidence: ContractQuote[];
}

export interface QuestionnaireFinding {
  code: FindingCode;
  /** The bank check that fired (answer and contract conflicts). */
  check?: string;
  severity: Exclude<Severity, 'none'>;
  /** SR-CONSISTENCY first for contract conflicts, then the requirement / SR IDs concerned. */
  ids: string[];
  message: string;
  answers: AnswerSide[];
  contract?: ContractSide;
}

export interface QuestionnaireReport {
  schemaVersion: 1;
  tool: { name: 'clausecheck'; version: string };
  questionnaire: { id: string; version: number; title: string; groups: Array<{ id: string; title: string }> };
  source: { path: string; format: AnswerFormat; sha256: string; sheet: string | null; mapping: string | null; vendor: string | null; autoMap?: number };
  contract: { path: string; format: string; sha256: string } | null;
  summary: {
    questions: number;
    answered: number;
    /** Unanswered questions that apply. */
    unanswered: number;
    /** Answered N/A, or unanswered where the question does not apply. */
    notApplicable: number;
    wrongType: number;
    answerConflicts: number;
    contractConflicts: number;
    unmappedRows: number;
  };
  answers: Array<Answer & { group: string; question: string; type: QuestionType }>;
  findings: QuestionnaireFinding[];
  /** Rows of a mapped sheet that answer none of our questions (always listed, never dropped). */
  unmapped?: UnmappedRow[];
  warnings: string[];
}
