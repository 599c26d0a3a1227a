// Terminal report. ANSI colour only when asked; contract text is stripped of
// control and bidi-override characters so a document cannot drive the terminal.
import type { DocumentReport, Report, RequirementResult, Severity, Status } from '../types.js';
import { decisionLine } from '../register/line.js';
import { clean, domainGroups, gapSummary, isIgnored, MARK, pagesKnown, pagesLabel, shownEvidence, isGap, STATUSES, statusCounts, summaryLine, summaryMatrix, truncate, UNSAFE, where } from './common.js';

export interface TextOptions {
  color?: boolean;
}

const GLYPH: Record<Status, string> = { met: '✓', partial: '~', missing: '✗', conflict: '!' };
const STATUS_SGR: Record<Status, string> = { met: '32', partial: '33', missing: '31', conflict: '1;35' };
const SEVERITY_SGR: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', none: '2' };

/** Same, but keeps line breaks (for multi-line suggestions). */
function cleanLines(s: string): string[] {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/\t/g, ' ').replace(UNSAFE, '').trimEnd());
}

export function renderText(report: Report, opts: TextOptions = {}): string {
  const paint = (sgr: string, s: string): string => (opts.color ? `\x1b[${sgr}m${s}\x1b[0m` : s);
  const out: string[] = [];

  if (report.documents.length > 1) renderSummary(report, paint, out);
  for (const doc of report.documents) {
    renderDocument(doc, paint, out);
    out.push('');
  }
  const summary = gapSummary(report.documents);
  out.push(summary.gaps > 0 ? paint('1', summaryLine(summary)) : summaryLine(summary));
  return out.join('\n') + '\n';
}

/** Widest document path shown in the summary (longer ones keep their end). */
const SUMMARY_PATH_WIDTH = 44;

/**
 * The summary of a multi-document report: the gap count by severity, then one line per document
 * with one mark per requirement (grouped AD, DR, EC in catalog order) and its gaps by severity.
 */
function renderSummary(report: Report, paint: (sgr: string, s: string) => string, out: string[]): void {
  const { ids, rows } = summaryMatrix(report.documents);
  const groups = domainGroups(ids);
  const summary = gapSummary(report.documents);
  out.push(paint('1', `Summary · ${summaryLine(summary)}`));
  out.push(`  marks: ${MARK.met} met  ${MARK.partial} partial  ${MARK.missing} missing  ${MARK.conflict} conflict  ${MARK.ignored} ignored by the playbook`);
  const paths = rows.map((r) => {
    const p = clean(r.path);
    const chars = Array.from(p);
    return chars.length > SUMMARY_PATH_WIDTH ? '…' + chars.slice(chars.length - SUMMARY_PATH_WIDTH + 1).join('') : p;
  });
  const width = Math.max(8, ...paths.map((p) => Array.from(p).length));
  const head = groups.map((g) => g.domain.padEnd(g.ids.length)).join(' ');
  out.push(`  ${'document'.padEnd(width)}  ${head}  gaps: critical high medium low`);
  rows.forEach((row, i) => {
    const byId = new Map(row.cells.map((c) => [c.id, c]));
    const marks = groups
      .map((g) =>
        g.ids
          .map((id) => {
            const c = byId.get(id)!;
            return c.ignored ? paint('2', c.mark) : paint(STATUS_SGR[c.status] ?? '0', c.mark);
          })
          .join(''),
      )
      .join(' ');
    const sev = row.severities.map((s) => String(s.count).padStart(s.severity.length)).join(' ');
    out.push(`  ${paths[i]!.padEnd(width + (paths[i]!.length - Array.from(paths[i]!).length))}  ${marks}  ${' '.repeat(6)}${sev}`);
  });
  out.push(`  columns: ${groups.map((g) => g.ids.join(' ')).join(' | ')}`);
  out.push('');
}

function renderDocument(doc: DocumentReport, paint: (sgr: string, s: string) => string, out: string[]): void {
  const pages = pagesLabel(doc);
  out.push(`${paint('1', clean(doc.path))}  ${doc.format}${pages ? ` · ${pages}` : ''}`);
  const counts = statusCounts(doc);
  out.push('  ' + STATUSES.map((s) => paint(STATUS_SGR[s], `${counts[s]} ${s}`)).join(' · '));
  for (const w of doc.warnings) out.push(`  ${paint('33', 'warning:')} ${clean(w)}`);
  out.push('');

  const idWidth = Math.max(0, ...doc.requirements.map((r) => r.id.length));
  const paged = pagesKnown(doc);
  for (const r of doc.requirements) if (!isIgnored(r)) renderRequirement(r, idWidth, paged, paint, out);
  const ignored = doc.requirements.filter(isIgnored);
  if (ignored.length > 0) {
    out.push(`  ${paint('2', `ignored by the playbook (not counted as gaps): ${ignored.map((r) => `${clean(r.id)} (${clean(r.status)})`).join(', ')}`)}`);
  }
}

function renderRequirement(
  r: RequirementResult,
  idWidth: number,
  paged: boolean,
  paint: (sgr: string, s: string) => string,
  out: string[],
): void {
  const status = STATUSES.includes(r.status) ? r.status : 'missing';
  const word = paint(STATUS_SGR[status], `${GLYPH[status]} ${clean(r.status).padEnd(8)}`);
  const sev = r.severity !== 'none' ? '  ' + paint(SEVERITY_SGR[r.severity] ?? '0', `[${clean(r.severity)}]`) : '';
  out.push(`  ${word}  ${paint('1', clean(r.id).padEnd(idWidth))}  ${clean(r.title)}${sev}`);
  if (r.decision) out.push(`      ${paint(r.decision.stale ? '33' : '36', 'decision:')} ${clean(decisionLine(r.decision))}`);

  for (const { evidence: e } of shownEvidence(r.evidence)) {
    const at = clean(where(e, paged));
    out.push(`      ${at ? `${paint('2', at)}  ` : ''}"${truncate(clean(e.quote))}"`);
  }
  for (const n of r.notes) out.push(`      ${paint('2', 'note:')} ${clean(n)}`);
  if (isGap(r) && r.suggestion.trim() !== '') {
    // The terminal shows the operative first paragraph; md, html and json carry the whole clause
    // with its definitions, ready to paste.
    const lines = cleanLines(r.suggestion);
    const blank = lines.indexOf('');
    const shown = blank === -1 ? lines : lines.slice(0, blank);
    const more = blank === -1 ? 0 : lines.slice(blank).filter((l) => l === '').length;
    const [first = '', ...rest] = shown;
    out.push(`      ${paint('36', 'suggestion:')} ${first}`);
    for (const line of rest) out.push(`${' '.repeat(18)}${line}`);
    if (more > 0) out.push(`${' '.repeat(18)}${paint('2', `(+${more} more paragraph${more === 1 ? '' : 's'}: the full clause with its definitions is in --format md or html)`)}`);
  }
}
