// One self-contained HTML file through templates/report/report.html.hbs:
// inline CSS, no script, no external asset, a CSP that forbids everything but
// inline styles. Every value is printed with Handlebars' escaping `{{ }}`;
// the template never uses triple-stash.
import type Handlebars from 'handlebars';
import type { Report, Severity, Status } from '../types.js';
import { gapSummary, isGap, SEVERITIES, shownEvidence, STATUSES, statusCounts, summaryLine, where } from './common.js';
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

export function renderHtml(report: Report): string {
  const view = {
    playbook: report.playbook,
    tool: { name: report.tool.name, version: report.tool.version },
    summary: summaryLine(gapSummary(report.documents)),
    documents: report.documents.map((doc) => {
      const counts = statusCounts(doc);
      return {
        path: doc.path,
        format: doc.format.toUpperCase(),
        pages: `${doc.pages} page${doc.pages === 1 ? '' : 's'}`,
        sha256: doc.sha256,
        counts: STATUSES.map((s) => ({ status: s, count: counts[s] })),
        hasWarnings: doc.warnings.length > 0,
        warnings: doc.warnings,
        requirements: doc.requirements.map((r) => ({
          id: r.id,
          title: r.title,
          status: r.status,
          statusClass: statusClass(r.status),
          severity: r.severity,
          severityClass: severityClass(r.severity),
          hasEvidence: r.evidence.length > 0,
          evidence: shownEvidence(r.evidence).map(({ evidence: e, rules }) => ({
            where: where(e),
            proves: e.proves,
            provesClass: statusClass(e.proves),
            rulesLabel: rules.length === 1 ? 'rule' : 'rules',
            rules: rules.join(', '),
            quote: e.quote,
          })),
          hasNotes: r.notes.length > 0,
          notes: r.notes,
          showSuggestion: isGap(r) && r.suggestion.trim() !== '',
          suggestion: r.suggestion.trim(),
        })),
      };
    }),
  };
  return template()(view);
}
