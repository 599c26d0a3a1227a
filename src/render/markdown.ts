// Markdown report through templates/report/report.md.hbs. Every value passes
// through the `md` helper (inline text, escaped) or `fenced` (code block); a
// value printed without a helper falls back to Handlebars' HTML escaping, which
// is ugly but never unsafe.
import { decisionLine } from '../register/line.js';
import type Handlebars from 'handlebars';
import type { Report } from '../types.js';
import { domainGroups, gapSummary, isGap, isIgnored, MARK, pagesKnown, pagesLabel, primaryEvidence, shownEvidence, statusCounts, summaryLine, summaryMatrix, truncate, UNSAFE, where, clean } from './common.js';
import { loadTemplate } from './templates.js';

/**
 * Escape text for inline Markdown (a table cell, a list item, a heading):
 * one line, backslash before every character that starts inline markup
 * (code spans, emphasis, links, raw HTML, entities, math, table pipes), and
 * the block markers a line could start with.
 */
export function mdEscape(s: string): string {
  return clean(s)
    .replace(/[\\`*_[\]<>|~&$]/g, (c) => '\\' + c)
    .replace(/^([#+\-=])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** A fenced code block that no backtick run inside the text can close early. */
export function mdFence(s: string, info = 'text'): string {
  const body = s
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE, '')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** An inline code span (one line) that no backtick run inside the text can close early. */
export function mdCode(s: string): string {
  const body = clean(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

function template(): Handlebars.TemplateDelegate {
  return loadTemplate('report.md.hbs', (env) => {
    env.registerHelper('md', (value: unknown) => new env.SafeString(mdEscape(String(value))));
    env.registerHelper('code', (value: unknown) => new env.SafeString(mdCode(String(value))));
    env.registerHelper('fenced', (value: unknown) => new env.SafeString(mdFence(String(value))));
  });
}

/** The summary table of a multi-document report: marks per domain in code spans, gaps by severity. */
function matrixView(report: Report) {
  const { ids, rows } = summaryMatrix(report.documents);
  const groups = domainGroups(ids);
  return {
    groups: groups.map((g) => ({ domain: g.domain, ids: g.ids.join(', ') })),
    rows: rows.map((row) => {
      const byId = new Map(row.cells.map((c) => [c.id, c]));
      return {
        path: row.path,
        domains: groups.map((g) => g.ids.map((id) => byId.get(id)!.mark).join('')),
        severities: row.severities.map((s) => s.count),
        ignored: row.ignored,
      };
    }),
    legend: `${MARK.met} met, ${MARK.partial} partial, ${MARK.missing} missing, ${MARK.conflict} conflict, ${MARK.ignored} ignored by the playbook`,
  };
}

export function renderMarkdown(report: Report): string {
  const multi = report.documents.length > 1;
  const view = {
    playbook: report.playbook,
    tool: { name: report.tool.name, version: report.tool.version },
    summary: summaryLine(gapSummary(report.documents)),
    multi,
    matrix: multi ? matrixView(report) : { groups: [], rows: [], legend: '' },
    documents: report.documents.map((doc) => {
      const counts = statusCounts(doc);
      const gaps = doc.requirements.filter(isGap);
      const ignored = doc.requirements.filter(isIgnored);
      const paged = pagesKnown(doc);
      const pages = pagesLabel(doc);
      return {
        path: doc.path,
        format: doc.format,
        pages,
        hasPages: pages !== '',
        sha256: doc.sha256,
        counts: `${counts.met} met · ${counts.partial} partial · ${counts.missing} missing · ${counts.conflict} conflict`,
        warnings: doc.warnings,
        rows: doc.requirements.map((r) => {
          const e = primaryEvidence(r);
          const shown = shownEvidence(r.evidence).length;
          const more = shown > 1 ? ` (+${shown - 1} more)` : '';
          return {
            id: r.id,
            status: isIgnored(r) ? `${r.status} (ignored)` : r.status,
            severity: r.severity,
            where: e ? where(e, paged) || '—' : '—',
            evidence: e ? `“${truncate(clean(e.quote))}”${more}` : '—',
          };
        }),
        hasGaps: gaps.length > 0,
        gaps: gaps.map((r) => ({
          id: r.id,
          title: r.title,
          status: r.status,
          severity: r.severity,
          evidence: shownEvidence(r.evidence).map(({ evidence: e }) => ({ where: where(e, paged) || 'text', proves: e.proves, quote: e.quote })),
          notes: r.notes,
          hasSuggestion: r.suggestion.trim() !== '',
          suggestion: r.suggestion,
          decision: r.decision ? decisionLine(r.decision) : '',
        })),
        hasIgnored: ignored.length > 0,
        ignored: ignored.map((r) => ({ id: r.id, title: r.title, status: r.status, decision: r.decision ? decisionLine(r.decision) : '' })),
      };
    }),
  };
  // The template is written for readability and may leave runs of blank
  // lines; squeeze them, leaving the inside of fenced blocks untouched.
  return squeezeBlankLines(template()(view));
}

/** Collapse runs of blank lines to one, outside fenced code blocks; end with one newline. */
function squeezeBlankLines(md: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const m = /^(`{3,})/.exec(line);
    if (fence === null && m) fence = m[1]!;
    else if (fence !== null && line === fence) fence = null;
    else if (fence === null && line.trim() === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(fence === null ? line.trimEnd() : line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
