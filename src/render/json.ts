// The stable JSON report (schemas/report.schema.json). Objects are rebuilt
// field by field so the key order never depends on how the report was built,
// and internal fields (lineStarts, timings unless asked) never leak out.
import type { DocumentReport, Evidence, Report, RequirementResult } from '../types.js';

export interface JsonOptions {
  /** Include per-document stage timings when the report has them. */
  timings?: boolean;
}

/** A score the scoring stage may attach to a document; passed through when present. */
interface DocumentScore {
  value: number;
  tier: string;
}

function evidenceJson(e: Evidence): Record<string, unknown> {
  const out: Record<string, unknown> = {
    quote: e.quote,
    page: e.page,
    section: e.section,
    start: e.start,
    end: e.end,
    rule: e.rule,
    proves: e.proves,
  };
  if (e.rules !== undefined) out.rules = [...e.rules];
  if (e.value !== undefined) {
    const v = e.value;
    out.value = { kind: v.kind, text: v.text, amount: v.amount, unit: v.unit, days: v.days };
  }
  return out;
}

function requirementJson(r: RequirementResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: r.id,
    title: r.title,
    status: r.status,
    severity: r.severity,
    evidence: r.evidence.map(evidenceJson),
    suggestion: r.suggestion,
    notes: [...r.notes],
  };
  const d = r.decision;
  if (d) out.decision = { action: d.action, ...(d.status ? { status: d.status } : {}), found: d.found, by: d.by, at: d.at, reason: d.reason, stale: d.stale };
  return out;
}

function documentJson(d: DocumentReport, opts: JsonOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {
    path: d.path,
    format: d.format,
    pages: d.pages,
    sha256: d.sha256,
    requirements: d.requirements.map(requirementJson),
  };
  const score = (d as DocumentReport & { score?: DocumentScore }).score;
  if (score !== undefined) out.score = { value: score.value, tier: score.tier };
  out.warnings = [...d.warnings];
  if (d.ocr) out.ocr = { pages: [...d.ocr.pages], meanConfidence: d.ocr.meanConfidence, ...(d.ocr.error ? { error: d.ocr.error } : {}) };
  if (opts.timings && d.timings !== undefined) {
    const t = d.timings;
    out.timings = { extractMs: t.extractMs, segmentMs: t.segmentMs, rulesMs: t.rulesMs };
  }
  return out;
}

/** The report as a plain object in the published shape (what `renderJson` serializes). */
export function reportJson(report: Report, opts: JsonOptions = {}): Record<string, unknown> {
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    playbook: report.playbook,
    documents: report.documents.map((d) => documentJson(d, opts)),
  };
}

export function renderJson(report: Report, opts: JsonOptions = {}): string {
  return JSON.stringify(reportJson(report, opts), null, 2) + '\n';
}
