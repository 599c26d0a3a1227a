// SARIF 2.1.0: one run, one rule per catalog requirement, one result per gap.
// This is the only place offsets become 1-based lines and columns (UTF-16
// code units, like the offsets themselves).
import { REQUIREMENTS } from '../catalog.js';
import type { DocumentReport, Evidence, Report, RequirementResult } from '../types.js';
import { isGap, primaryEvidence, shownEvidence, truncate, clean, where } from './common.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

/** conflict, critical and high are errors; medium a warning; low, none a note. */
export function sarifLevel(r: RequirementResult): Level {
  if (r.status === 'conflict') return 'error';
  switch (r.severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    default:
      return 'note';
  }
}

export interface Position {
  line: number;
  column: number;
}

/**
 * 1-based line and column of a 0-based offset, given the offsets where lines
 * start (sorted, lineStarts[0] === 0). Binary search: the last start <= offset.
 */
export function positionAt(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  let idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lineStarts[mid]! <= offset) {
      idx = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (idx < 0) return { line: 1, column: offset + 1 };
  return { line: idx + 1, column: offset - lineStarts[idx]! + 1 };
}

interface Region {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  charOffset?: number;
  charLength?: number;
  snippet?: { text: string };
}

/**
 * The region of a piece of evidence. endColumn is exclusive (SARIF: the column
 * after the last character); the end is placed on the line of the last
 * character, so a quote ending with a newline does not spill onto the next line.
 * Without line starts, fall back to a character range.
 */
export function evidenceRegion(e: Evidence, lineStarts: readonly number[] | undefined): Region {
  const snippet = { text: e.quote };
  if (!lineStarts || lineStarts.length === 0) {
    return { charOffset: e.start, charLength: Math.max(0, e.end - e.start), snippet };
  }
  const start = positionAt(lineStarts, e.start);
  if (e.end <= e.start) {
    return { startLine: start.line, startColumn: start.column, endLine: start.line, endColumn: start.column, snippet };
  }
  const last = positionAt(lineStarts, e.end - 1);
  return { startLine: start.line, startColumn: start.column, endLine: last.line, endColumn: last.column + 1, snippet };
}

/** A relative path as a URI reference (segments percent-encoded), an absolute one as a file: URI. */
export function artifactUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  const encoded = p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  if (/^[A-Za-z]:\//.test(p)) return `file:///${p.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}`;
  if (p.startsWith('/')) return `file://${encoded}`;
  return encoded;
}

function physicalLocation(doc: DocumentReport, region: Region): Record<string, unknown> {
  return { artifactLocation: { uri: artifactUri(doc.path) }, region };
}

function message(r: RequirementResult): string {
  const parts = [`${r.id} ${r.status} (${r.severity}): ${clean(r.title)}.`];
  for (const n of r.notes) {
    const note = clean(n);
    if (note !== '') parts.push(/[.!?]$/.test(note) ? note : `${note}.`);
  }
  if (r.suggestion.trim() !== '') parts.push(`Suggested clause: ${r.suggestion.trim()}`);
  return parts.join(' ');
}

function result(doc: DocumentReport, r: RequirementResult, ruleIndex: number): Record<string, unknown> {
  const primary = primaryEvidence(r);
  const others = shownEvidence(r.evidence)
    .map((s) => s.evidence)
    .filter((e) => !primary || e.start !== primary.start || e.end !== primary.end || e.proves !== primary.proves);
  const region: Region = primary ? evidenceRegion(primary, doc.lineStarts) : { startLine: 1 };
  const out: Record<string, unknown> = {
    ruleId: r.id,
    ruleIndex,
    level: sarifLevel(r),
    message: { text: message(r) },
    locations: [{ physicalLocation: physicalLocation(doc, region) }],
  };
  if (others.length > 0) {
    out.relatedLocations = others.map((e, i) => ({
      id: i + 1,
      physicalLocation: physicalLocation(doc, evidenceRegion(e, doc.lineStarts)),
      message: { text: `${e.proves} at ${where(e)}: “${truncate(clean(e.quote))}”` },
    }));
  }
  const props: Record<string, unknown> = { status: r.status, severity: r.severity };
  if (primary) {
    props.page = primary.page;
    props.section = primary.section;
    props.rule = primary.rule;
  }
  out.properties = props;
  return out;
}

export function renderSarif(report: Report): string {
  // Rules: the catalog in catalog order, then any ID a report uses that the
  // catalog does not know (in order of first appearance), so ruleIndex is valid.
  const rules: Array<{ id: string; title: string }> = REQUIREMENTS.map((q) => ({ id: q.id, title: q.title }));
  const index = new Map(rules.map((q, i) => [q.id, i]));
  for (const doc of report.documents) {
    for (const r of doc.requirements) {
      if (!index.has(r.id)) {
        index.set(r.id, rules.length);
        rules.push({ id: r.id, title: r.title });
      }
    }
  }

  const results: Array<Record<string, unknown>> = [];
  for (const doc of report.documents) {
    for (const r of doc.requirements) {
      if (isGap(r)) results.push(result(doc, r, index.get(r.id)!));
    }
  }

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clausecheck',
            version: report.tool.version,
            rules: rules.map((q) => ({ id: q.id, shortDescription: { text: q.title } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
