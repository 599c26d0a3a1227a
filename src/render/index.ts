// Report renderers: pure (report, options) => string, deterministic byte for byte.
import type { Report } from '../types.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'md', 'html', 'json', 'sarif'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour in the text format (the CLI passes stdout.isTTY && !NO_COLOR). */
  color?: boolean;
  /** Include per-document stage timings in the JSON format when present. */
  timings?: boolean;
  /** SARIF: where the rule docs (docs/rules/) are published, for each rule's helpUri. */
  docsUrl?: string;
  /** SARIF: gaps of a previous report (baselineKeys), left out of the results. */
  baseline?: ReadonlySet<string>;
}

export function render(report: Report, format: ReportFormat, opts: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(report, { color: opts.color === true });
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'json':
      return renderJson(report, { timings: opts.timings === true });
    case 'sarif':
      return renderSarif(report, { docsUrl: opts.docsUrl, baseline: opts.baseline });
    default:
      throw new Error(`unknown report format "${String(format)}" (expected ${FORMATS.join(', ')})`);
  }
}

export { validateReport } from './validate-report.js';
export type { ReportValidation, ReportValidationError } from './validate-report.js';
