// Helpers shared by the report renderers. Pure functions, no I/O.
import type { DocumentReport, Evidence, RequirementResult, Severity, Status } from '../types.js';

export const STATUSES: readonly Status[] = ['met', 'partial', 'missing', 'conflict'];
/** Severities from worst to mildest, the order summaries list them in. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'none'];

/**
 * A requirement the playbook ignores: not met, yet without severity (a playbook gives every other
 * gap a severity, and without a playbook only `met` has none). Listed apart, never counted as a gap.
 */
export function isIgnored(r: RequirementResult): boolean {
  return r.status !== 'met' && r.severity === 'none';
}

/** A gap is a requirement that is not met and that the playbook does not ignore. */
export function isGap(r: RequirementResult): boolean {
  return r.status !== 'met' && !isIgnored(r);
}

/**
 * Whether a document's page numbers are real: a PDF's always; a DOCX's or text's only when it has
 * page breaks (Word's, or form feeds), else every page would be an invented "p.1".
 */
export function pagesKnown(doc: Pick<DocumentReport, 'format' | 'pages'>): boolean {
  return doc.format === 'pdf' || doc.pages > 1;
}

/** "6 pages", or "" when the document has no page breaks to count. */
export function pagesLabel(doc: Pick<DocumentReport, 'format' | 'pages'>): string {
  return pagesKnown(doc) ? `${doc.pages} page${doc.pages === 1 ? '' : 's'}` : '';
}

export function statusCounts(doc: DocumentReport): Record<Status, number> {
  const counts: Record<Status, number> = { met: 0, partial: 0, missing: 0, conflict: 0 };
  for (const r of doc.requirements) {
    if (r.status in counts) counts[r.status] += 1;
  }
  return counts;
}

export interface GapSummary {
  documents: number;
  gaps: number;
  /** Non-zero severities only, worst first. */
  bySeverity: Array<{ severity: Severity; count: number }>;
}

export function gapSummary(docs: readonly DocumentReport[]): GapSummary {
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  let gaps = 0;
  for (const doc of docs) {
    for (const r of doc.requirements) {
      if (!isGap(r)) continue;
      gaps += 1;
      counts.set(r.severity, (counts.get(r.severity) ?? 0) + 1);
    }
  }
  return {
    documents: docs.length,
    gaps,
    bySeverity: SEVERITIES.filter((s) => (counts.get(s) ?? 0) > 0).map((s) => ({ severity: s, count: counts.get(s)! })),
  };
}

/** "2 documents · 5 gaps: 1 critical, 3 high, 1 low" (plain text, no markup). */
export function summaryLine(s: GapSummary): string {
  const docs = `${s.documents} document${s.documents === 1 ? '' : 's'}`;
  const gaps = `${s.gaps} gap${s.gaps === 1 ? '' : 's'}`;
  if (s.gaps === 0) return `${docs} · ${gaps}`;
  return `${docs} · ${gaps}: ${s.bySeverity.map((b) => `${b.count} ${b.severity}`).join(', ')}`;
}

/**
 * The evidence that best explains the status: the first piece proving the
 * requirement's own status, else the first piece, else none (missing).
 */
export function primaryEvidence(r: RequirementResult): Evidence | undefined {
  return r.evidence.find((e) => e.proves === r.status) ?? r.evidence[0];
}

/** A piece of evidence as shown to a reader: one per span and proven status, with every rule that found it. */
export interface ShownEvidence {
  evidence: Evidence;
  rules: string[];
}

/**
 * Evidence for display: pieces with the same span and proven status (several
 * rules finding the same clause) are shown once, in first-appearance order.
 * The JSON report keeps every piece.
 */
export function shownEvidence(evidence: readonly Evidence[]): ShownEvidence[] {
  const byKey = new Map<string, ShownEvidence>();
  for (const e of evidence) {
    const key = `${e.start}:${e.end}:${e.proves}`;
    const seen = byKey.get(key);
    if (seen) {
      if (!seen.rules.includes(e.rule)) seen.rules.push(e.rule);
    } else {
      byKey.set(key, { evidence: e, rules: [e.rule] });
    }
  }
  return [...byKey.values()];
}

/**
 * `p.6 §7.2(b)`, or `p.6` when the evidence has no section; without known pages (`paged` false)
 * `§7.2(b)` alone, or "" when there is no section either.
 */
export function where(e: Evidence, paged = true): string {
  const sec = e.section ? `§${e.section}` : '';
  if (!paged) return sec;
  return sec ? `p.${e.page} ${sec}` : `p.${e.page}`;
}

/** One-character status marks for the summary matrix. */
export const MARK: Record<Status | 'ignored', string> = { met: '✓', partial: '~', missing: '✗', conflict: '!', ignored: '·' };

export interface MatrixRow {
  path: string;
  cells: Array<{ id: string; status: Status; ignored: boolean; severity: Severity; mark: string }>;
  /** Gaps by severity, worst first, every gap severity listed (zeros included). */
  severities: Array<{ severity: Severity; count: number }>;
  gaps: number;
  ignored: number;
}

/** Gap severities in summary columns, worst first. */
export const GAP_SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** The summary of a multi-document report: one row per document, one cell per requirement. */
export function summaryMatrix(docs: readonly DocumentReport[]): { ids: string[]; rows: MatrixRow[] } {
  const ids: string[] = [];
  for (const d of docs) for (const r of d.requirements) if (!ids.includes(r.id)) ids.push(r.id);
  const rows = docs.map((d) => {
    const byId = new Map(d.requirements.map((r) => [r.id, r]));
    const counts = new Map<Severity, number>(GAP_SEVERITIES.map((s) => [s, 0]));
    let gaps = 0;
    let ignored = 0;
    const cells = ids.map((id) => {
      const r = byId.get(id);
      const status: Status = r?.status ?? 'missing';
      const ign = r ? isIgnored(r) : false;
      if (r && isGap(r)) {
        gaps += 1;
        counts.set(r.severity, (counts.get(r.severity) ?? 0) + 1);
      }
      if (ign) ignored += 1;
      return { id, status, ignored: ign, severity: r?.severity ?? 'none', mark: ign ? MARK.ignored : (MARK[status] ?? '?') };
    });
    return { path: d.path, cells, severities: GAP_SEVERITIES.map((s) => ({ severity: s, count: counts.get(s) ?? 0 })), gaps, ignored };
  });
  return { ids, rows };
}

/** Requirement IDs grouped by domain prefix (AD, DR, EC), in order: the matrix's column groups. */
export function domainGroups(ids: readonly string[]): Array<{ domain: string; ids: string[] }> {
  const out: Array<{ domain: string; ids: string[] }> = [];
  for (const id of ids) {
    const d = id.split('-')[0] ?? id;
    const last = out[out.length - 1];
    if (last && last.domain === d) last.ids.push(id);
    else out.push({ domain: d, ids: [id] });
  }
  return out;
}

/** Collapse every run of whitespace (newlines included) to one space and trim. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Truncate to at most `max` code points, ending with an ellipsis when cut. */
export function truncate(s: string, max = 160): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return chars.slice(0, max - 1).join('').trimEnd() + '…';
}

// C0/C1 controls except tab/newline/carriage return (ESC included), bidi
// embeddings, overrides, isolates and marks: never useful in a report, and in a
// terminal they could rewrite or reorder what the reader sees.
// eslint-disable-next-line no-control-regex
export const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text as one clean line: no control characters, whitespace collapsed. */
export function clean(s: string): string {
  return oneLine(s.replace(/\s/g, ' ').replace(UNSAFE, ''));
}
