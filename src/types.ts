// The contracts between pipeline stages. Every stage imports only this file and
// what the stage before it produces. Offsets are 0-based UTF-16 indexes into
// SourceDocument.text; only src/render/ turns them into 1-based lines/columns.

export type DocFormat = 'pdf' | 'docx' | 'txt' | 'md';

/** A contract as one text, with the page of every character recoverable. */
export interface SourceDocument {
  path: string;
  format: DocFormat;
  /** The extracted text; every evidence quote is an exact substring of it. */
  text: string;
  /** pageStarts[i] is the offset where page i+1 begins; pageStarts[0] === 0. */
  pageStarts: number[];
  /** lineStarts[i] is the offset where line i+1 begins. */
  lineStarts: number[];
  sha256: string;
  /** Human notes from the reader (e.g. "2 header lines removed"). */
  warnings: string[];
  /** Set when OCR ran on a scanned PDF: which pages' text it gave. */
  ocr?: OcrInfo;
}

/** OCR of a scanned PDF: the 1-based pages whose text came from OCR and Tesseract's mean confidence (0-100) over them. */
export interface OcrInfo {
  pages: number[];
  meanConfidence: number;
  /** Why OCR could not run (the PDF renderer refused the file...), when it could not. */
  error?: string;
}

export type Party = 'provider' | 'customer' | 'either' | 'unknown';
export type Modality = 'obligation' | 'permission' | 'prohibition' | 'none';

export type BlockKind =
  | 'clause' // ordinary operative text
  | 'heading'
  | 'definition'
  | 'toc'
  | 'recital'
  | 'list-item';

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  /** Index of the block the sentence belongs to. */
  block: number;
  party: Party;
  modality: Modality;
  /** A negation word (not, never, no, neither, nor, without) occurs. */
  negated: boolean;
  /** The sentence carries an exception (except, unless, other than, provided that, notwithstanding). */
  exception: boolean;
  /** True when modality/party were inherited from a list lead-in ("You may not: (a) ..."). */
  inherited: boolean;
  /** Offset range of the lead-in sentence for list items, used as extra matching context. */
  leadIn?: Span;
}

/** A paragraph-level unit: a numbered clause, a list item, a heading, a definition... */
export interface Block extends Span {
  kind: BlockKind;
  /** The label as written at the start ("7.2", "(a)", "Article IV"), if any. */
  label?: string;
  /** Full section reference built from the numbering path ("7.2(a)"). */
  section: string;
  /** Heading text of the innermost enclosing heading, if any. */
  heading?: string;
  /** Ranges of the enclosing headings, outermost first (inline headings such as "7.1 Confidentiality." included). */
  headings: Span[];
  /** The block ends with a colon or similar and introduces the list items that follow. */
  leadIn: boolean;
  /** Index of the enclosing top-level section (for `scope: section`). */
  sectionIndex: number;
  /** Nesting depth (0 = top level). */
  depth: number;
}

export interface SegmentedDocument {
  source: SourceDocument;
  blocks: Block[];
  sentences: Sentence[];
  /** Top-level sections as offset ranges, with their reference and heading. */
  sections: Array<Span & { section: string; heading?: string }>;
  /** Party names found in the preamble or definitions: lower-cased name -> role. */
  parties: Record<string, Party>;
}

export type Status = 'met' | 'partial' | 'missing' | 'conflict';
export type ProvenStatus = Exclude<Status, 'missing'>;
export type Severity = 'none' | 'low' | 'medium' | 'high' | 'critical';
export type Scope = 'sentence' | 'clause' | 'section' | 'document';

/** A normalized duration found in the text ("thirty (30) days" -> 30 days). */
export interface Duration extends Span {
  text: string;
  amount: number;
  unit: 'hour' | 'day' | 'week' | 'month' | 'year';
  /** Normalized length in hours (days * 24, months = 30 days, years = 365 days). */
  hours: number;
}

export interface Evidence {
  quote: string;
  page: number;
  section: string;
  start: number;
  end: number;
  rule: string;
  /** The status this piece of evidence proves. */
  proves: ProvenStatus;
  /** Every rule that proved `proves` at this span (`rule` is the first); set by evidence selection. */
  rules?: string[];
  /** Index of the block (clause) holding the evidence; internal, never in the JSON report. */
  block?: number;
  /** A value the rule extracted (e.g. a retention period). */
  value?: { kind: 'duration'; text: string; amount: number; unit: Duration['unit']; days: number };
}

export interface Finding extends Evidence {
  requirement: string;
  /** A carve-out downgrades a `met` for the same requirement to `partial`. */
  carveOut: boolean;
  /** Softens a `conflict` of the same requirement in the same block (clause) to `partial`. */
  softens?: boolean;
}

export interface Requirement {
  id: string;
  domain: 'AD' | 'DR' | 'EC';
  title: string;
  /** Severity of a gap when the playbook does not say otherwise. */
  severity: Exclude<Severity, 'none'>;
}

export interface RequirementResult {
  id: string;
  title: string;
  status: Status;
  severity: Severity;
  evidence: Evidence[];
  suggestion: string;
  /** Free-text notes from post-processing (e.g. "90 days exceeds the 30-day limit"). */
  notes: string[];
  /** A reviewer's triage decision from the register (src/register/), when one exists. */
  decision?: TriageDecision;
}

/**
 * A reviewer's decision on a requirement. Applied when the evidence is unchanged since it was made
 * (accept: no longer a gap; override: `status` replaces the found one); `stale` when the cited text
 * changed, then not applied and shown as "stale — review again".
 */
export interface TriageDecision {
  action: 'accept' | 'override';
  /** The status an override sets. */
  status?: Status;
  /** The status the rules found (before the decision was applied). */
  found: Status;
  by: string;
  /** ISO 8601 time of the decision. */
  at: string;
  reason: string;
  stale: boolean;
}

export interface DocumentReport {
  path: string;
  format: DocFormat;
  pages: number;
  sha256: string;
  requirements: RequirementResult[];
  timings?: StageTimings;
  warnings: string[];
  /** Pages read by OCR and their mean confidence (scanned PDFs only). */
  ocr?: OcrInfo;
  /** Line starts of the extracted text (SourceDocument.lineStarts), for SARIF regions; never in JSON output. */
  lineStarts?: number[];
}

export interface StageTimings {
  extractMs: number;
  segmentMs: number;
  rulesMs: number;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'clausecheck'; version: string };
  playbook: string;
  documents: DocumentReport[];
}

/** An error the CLI reports as one line and exit code 2. */
export class InputError extends Error {
  constructor(
    public readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
