// One document of `check --format jsonl` as its output line, made where the document was checked
// (on a worker thread of the pool, or in this thread): the pool then passes a string and the few
// fields the exit code needs instead of the whole report, so the main thread neither rebuilds nor
// re-serializes each document and its heap stays small whatever the number of documents.
import { reportJson } from '../../render/json.js';
import type { DocumentReport, Report, RequirementResult } from '../../types.js';
import { VERSION } from '../../version.js';

/** What the exit code (--fail-on, --baseline) looks at in a document. */
export interface GapView {
  path: string;
  requirements: Array<Pick<RequirementResult, 'id' | 'status' | 'severity'>>;
}

/** A document of a jsonl report: its line (with the newline) and what decides the exit code. */
export interface JsonlDocument {
  line: string;
  gaps: GapView;
}

/** The published JSON of one document, plus the line map when it goes into a partial report (merge renders SARIF from it). */
export function documentJson(doc: DocumentReport, partial: boolean): Record<string, unknown> {
  const d = reportJson({ schemaVersion: 1, tool: { name: 'clausecheck', version: VERSION }, playbook: '', documents: [doc] }).documents as Record<string, unknown>[];
  return partial ? { ...d[0]!, lineStarts: doc.lineStarts ?? [] } : d[0]!;
}

/** A document as its jsonl line and gap view. */
export function jsonlDocument(doc: DocumentReport, partial: boolean): JsonlDocument {
  return {
    line: `${JSON.stringify(documentJson(doc, partial))}\n`,
    gaps: { path: doc.path, requirements: doc.requirements.map((r) => ({ id: r.id, status: r.status, severity: r.severity })) },
  };
}

/**
 * `render(report, 'json')` in pieces, byte for byte: the report's head, then each document as it is
 * written, so a report of thousands of documents is never held whole as one string (nor copied
 * whole into its published shape) next to the documents themselves.
 */
export function* jsonReportChunks(report: Report): Generator<string> {
  const head = JSON.stringify({ ...reportJson({ ...report, documents: [] }), documents: [] }, null, 2);
  if (report.documents.length === 0 || !head.endsWith('"documents": []\n}')) {
    yield `${JSON.stringify(reportJson(report), null, 2)}\n`;
    return;
  }
  yield head.slice(0, -'[]\n}'.length) + '[';
  for (const [i, doc] of report.documents.entries()) {
    const d = JSON.stringify(documentJson(doc, false), null, 2).replace(/\n/g, '\n    ');
    yield `${i === 0 ? '' : ','}\n    ${d}`;
  }
  yield '\n  ]\n}\n';
}
