// SARIF 2.1.0: one run, one rule per catalog requirement, one result per gap.
// This is the only place offsets become 1-based lines and columns (UTF-16
// code units, like the offsets themselves).
import { REQUIREMENTS, requirementById } from '../catalog.js';
import type { DocumentReport, Evidence, Report, RequirementResult, Severity } from '../types.js';
import { isGap, pagesKnown, primaryEvidence, shownEvidence, truncate, clean, where } from './common.js';
import { PACK_OF_DOMAIN, WHY, headingAnchor } from './sarif-help.js';

/** The generated rule reference shipped with the package (docs/rules/), as a file: URL ending in "/". */
export const DEFAULT_DOCS_URL = new URL('../../docs/rules/', import.meta.url).href;

export interface SarifOptions {
  /** Where docs/rules/ is published (a URL ending in "/"); each rule's helpUri points into it. */
  docsUrl?: string;
  /** Gaps already known (see baselineKeys): left out, and every result kept is marked "new". */
  baseline?: ReadonlySet<string>;
}

/** The key of a gap for --baseline: the same document path, requirement and status. */
export function gapKey(path: string, id: string, status: string): string {
  return `${path}\u0000${id}\u0000${status}`;
}

/** The gaps of a report (the published JSON shape, e.g. a previous `--format json`), as baseline keys. */
export function baselineKeys(report: { documents: ReadonlyArray<{ path: string; requirements: ReadonlyArray<Pick<RequirementResult, 'id' | 'status' | 'severity'>> }> }): Set<string> {
  const keys = new Set<string>();
  for (const d of report.documents) for (const r of d.requirements) if (isGap(r as RequirementResult)) keys.add(gapKey(d.path, r.id, r.status));
  return keys;
}

/** GitHub code scanning's security-severity (0.0-10.0; 9+ critical, 7+ high, 4+ medium, else low). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', none: '0.0' };

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

function message(doc: DocumentReport, r: RequirementResult, primary: Evidence | undefined): string {
  const parts = [`${r.id} ${r.status} (${r.severity}): ${clean(r.title)}.`];
  if (!primary) {
    parts.push('No clause in this document addresses it, so this result is anchored to the start of the document.');
  } else {
    // PDF and DOCX locations point into the extracted text: the page and section say where it is in the document.
    const at = where(primary, pagesKnown(doc)).replace(/^p\./, 'page ').replace(/ §/, ', section ').replace(/^§/, 'section ');
    const q = truncate(clean(primary.quote));
    parts.push(`${at ? `At ${at}: ` : ''}“${q}”${/[.!?…;:]$/.test(q) ? '' : '.'}`);
  }
  for (const n of r.notes) {
    const note = clean(n);
    if (note !== '') parts.push(/[.!?]$/.test(note) ? note : `${note}.`);
  }
  if (r.suggestion.trim() !== '') parts.push(`Suggested clause: ${r.suggestion.trim()}`);
  return parts.join(' ');
}

function result(doc: DocumentReport, r: RequirementResult, ruleIndex: number, baseline: boolean): Record<string, unknown> {
  const primary = primaryEvidence(r);
  const others = shownEvidence(r.evidence)
    .map((s) => s.evidence)
    .filter((e) => !primary || e.start !== primary.start || e.end !== primary.end || e.proves !== primary.proves);
  // A missing requirement has no clause to point at: the start of the document.
  const region: Region = primary ? evidenceRegion(primary, doc.lineStarts) : { startLine: 1, startColumn: 1 };
  const out: Record<string, unknown> = {
    ruleId: r.id,
    ruleIndex,
    level: sarifLevel(r),
    message: { text: message(doc, r, primary) },
    locations: [{ physicalLocation: physicalLocation(doc, region) }],
  };
  if (others.length > 0) {
    out.relatedLocations = others.map((e, i) => ({
      id: i + 1,
      physicalLocation: physicalLocation(doc, evidenceRegion(e, doc.lineStarts)),
      message: { text: `${e.proves} at ${where(e)}: “${truncate(clean(e.quote))}”` },
    }));
  }
  if (baseline) out.baselineState = 'new';
  const props: Record<string, unknown> = { status: r.status, severity: r.severity, 'security-severity': SECURITY_SEVERITY[r.severity] ?? '0.0' };
  if (primary) {
    if (pagesKnown(doc)) props.page = primary.page;
    props.section = primary.section;
    props.rule = primary.rule;
  } else props.anchoredToDocumentStart = true;
  out.properties = props;
  return out;
}

/** Markdown-safe inline text (rule help): backslash before inline markup characters. */
function mdInline(s: string): string {
  return clean(s).replace(/[\\`*_[\]<>|~&$#]/g, (c) => '\\' + c);
}

/** The suggested clause a report gives for a requirement (the first gap that has one), if any. */
function suggestionFor(report: Report, id: string): string {
  for (const d of report.documents) for (const r of d.requirements) if (r.id === id && isGap(r) && r.suggestion.trim() !== '') return r.suggestion.trim();
  return '';
}

function ruleDescriptor(report: Report, q: { id: string; title: string }, docsUrl: string): Record<string, unknown> {
  const req = requirementById(q.id);
  const why = WHY[q.id];
  const clause = suggestionFor(report, q.id);
  const what =
    `A contract meets ${q.id} when a clause clearly establishes it in mandatory language; it is partial when the topic is ` +
    'addressed weakly (permissive wording, reasonable efforts, a carve-out), missing when nothing addresses it, and a ' +
    'conflict when a clause says the opposite.';
  const text = [`${q.id}: ${clean(q.title)}.`, `What it requires: ${what}`];
  const md = [`**${q.id}: ${mdInline(q.title)}**`, '', `**What it requires.** ${mdInline(what)}`];
  if (why) {
    text.push(`Why: ${why}`);
    md.push('', `**Why.** ${mdInline(why)}`);
  }
  if (clause) {
    text.push(`Suggested clause (playbook ${report.playbook}):\n${clause}`);
    // An indented code block keeps the clause exactly as written (no Markdown inside it is read).
    const indented = clause.replace(/\r\n?/g, '\n').split('\n').map((l) => (l.trim() === '' ? '' : `    ${l}`)).join('\n');
    md.push('', `**Suggested clause** (playbook ${mdInline(report.playbook)}):`, '', indented);
  }
  const out: Record<string, unknown> = {
    id: q.id,
    name: q.id.toLowerCase().replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: clean(q.title) },
    fullDescription: { text: `${clean(q.title)}. ${what}` },
    help: { text: text.join('\n\n'), markdown: md.join('\n') },
  };
  if (req) {
    const pack = PACK_OF_DOMAIN[req.domain];
    if (pack) {
      out.helpUri = `${docsUrl}${pack}.md#${headingAnchor(`${req.id} — ${req.title}`)}`;
      md.push('', `[Rules that decide ${req.id}](${out.helpUri as string})`);
      (out.help as { markdown: string }).markdown = md.join('\n');
    }
    out.defaultConfiguration = { level: req.severity === 'critical' || req.severity === 'high' ? 'error' : req.severity === 'medium' ? 'warning' : 'note' };
    out.properties = { tags: ['security', 'contract', req.domain], 'security-severity': SECURITY_SEVERITY[req.severity], precision: 'medium' };
  } else {
    out.properties = { tags: ['security', 'contract'], 'security-severity': SECURITY_SEVERITY.medium };
  }
  return out;
}

export function renderSarif(report: Report, opts: SarifOptions = {}): string {
  const docsUrl = opts.docsUrl ?? DEFAULT_DOCS_URL;
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
      if (!isGap(r)) continue;
      if (opts.baseline?.has(gapKey(doc.path, r.id, r.status))) continue;
      results.push(result(doc, r, index.get(r.id)!, opts.baseline !== undefined));
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
            informationUri: docsUrl,
            rules: rules.map((q) => ruleDescriptor(report, q, docsUrl)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
