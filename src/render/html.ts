// One self-contained HTML file through templates/report/report.html.hbs:
// inline CSS, no script, no external asset, a CSP that forbids everything but
// inline styles. Every value is printed with Handlebars' escaping `{{ }}`;
// the template never uses triple-stash.
import { decisionLine } from '../register/line.js';
import type Handlebars from 'handlebars';
import type { Report, Severity, Status } from '../types.js';
import { domainGroups, gapSummary, isGap, isIgnored, MARK, pagesKnown, pagesLabel, SEVERITIES, shownEvidence, STATUSES, statusCounts, summaryLine, summaryMatrix, where } from './common.js';
import type { RequirementResult } from '../types.js';
import { loadTemplate } from './templates.js';

function template(): Handlebars.TemplateDelegate {
  return loadTemplate('report.html.hbs', () => {});
}

/** Class-name suffixes come from a fixed list, never from report text. */
function statusClass(s: Status): string {
  return STATUSES.includes(s) ? s : 'unknown';
}
function severityClass(s: Severity): string {
  return SEVERITIES.includes(s) ? s : 'unknown';
}

/** The summary of a multi-document report: documents × requirements, gaps by severity. */
function matrixView(report: Report) {
  const { ids, rows } = summaryMatrix(report.documents);
  const groups = domainGroups(ids);
  const titles = new Map<string, string>();
  for (const d of report.documents) for (const r of d.requirements) if (!titles.has(r.id)) titles.set(r.id, r.title);
  return {
    groups: groups.map((g) => ({ domain: g.domain, span: g.ids.length })),
    ids: groups.flatMap((g, gi) => g.ids.map((id, k) => ({ id, title: titles.get(id) ?? id, first: k === 0 && gi > 0 }))),
    rows: rows.map((row, i) => ({
      path: row.path,
      anchor: `doc-${i + 1}`,
      cells: groups.flatMap((g, gi) =>
        g.ids.map((id, k) => {
          const c = row.cells.find((x) => x.id === id)!;
          return {
            mark: c.mark,
            cls: c.ignored ? 'ignored' : statusClass(c.status),
            first: k === 0 && gi > 0,
            title: `${id}: ${c.ignored ? `${c.status}, ignored by the playbook` : c.status}${isGapCell(c) ? ` (${c.severity})` : ''}`,
          };
        }),
      ),
      severities: row.severities.map((s) => ({ count: s.count, cls: severityClass(s.severity), zero: s.count === 0 })),
    })),
    legend: [
      ...(['met', 'partial', 'missing', 'conflict'] as const).map((s) => ({ mark: MARK[s], label: s })),
      { mark: MARK.ignored, label: 'ignored by the playbook' },
    ],
  };
}

function isGapCell(c: { status: Status; ignored: boolean }): boolean {
  return c.status !== 'met' && !c.ignored;
}

/** What the HTML shows of one requirement. */
function requirementView(r: RequirementResult, paged: boolean, anchor: string) {
  return {
    domId: `${anchor}-${r.id}`,
    id: r.id,
    title: r.title,
    status: r.status,
    statusClass: statusClass(r.status),
    severity: r.severity,
    severityClass: severityClass(r.severity),
    hasEvidence: r.evidence.length > 0,
    evidence: shownEvidence(r.evidence).map(({ evidence: e, rules }) => {
      const all = e.rules && e.rules.length > 0 ? e.rules : rules;
      return {
        where: where(e, paged) || 'text',
        proves: e.proves,
        provesClass: statusClass(e.proves),
        rulesLabel: all.length === 1 ? 'rule' : 'rules',
        rules: all.join(', '),
        quote: e.quote,
      };
    }),
    hasNotes: r.notes.length > 0,
    notes: r.notes,
    showSuggestion: isGap(r) && r.suggestion.trim() !== '',
    suggestion: r.suggestion.trim(),
    // A reviewer's triage decision on this finding (set by the register when there is one).
    hasDecision: r.decision !== undefined,
    decision: r.decision ? decisionLine(r.decision) : '',
  };
}

export function renderHtml(report: Report): string {
  const multi = report.documents.length > 1;
  const view = {
    playbook: report.playbook,
    tool: { name: report.tool.name, version: report.tool.version },
    summary: summaryLine(gapSummary(report.documents)),
    multi,
    matrix: multi ? matrixView(report) : { groups: [], ids: [], rows: [], legend: [] },
    documents: report.documents.map((doc, i) => {
      const counts = statusCounts(doc);
      const paged = pagesKnown(doc);
      const pages = pagesLabel(doc);
      const ignored = doc.requirements.filter(isIgnored);
      return {
        anchor: `doc-${i + 1}`,
        path: doc.path,
        format: doc.format.toUpperCase(),
        pages,
        hasPages: pages !== '',
        sha256: doc.sha256,
        counts: STATUSES.map((s) => ({ status: s, count: counts[s] })),
        hasWarnings: doc.warnings.length > 0,
        warnings: doc.warnings,
        requirements: doc.requirements.filter((r) => !isIgnored(r)).map((r) => requirementView(r, paged, `doc-${i + 1}`)),
        hasIgnored: ignored.length > 0,
        ignored: ignored.map((r) => requirementView(r, paged, `doc-${i + 1}`)),
      };
    }),
  };
  return template()(view);
}
