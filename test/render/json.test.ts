import { describe, expect, it } from 'vitest';
import { render } from '../../src/render/index.js';
import { validateReport } from '../../src/render/validate-report.js';
import type { Report } from '../../src/types.js';
import { makeReport } from './fixtures.js';

/** The fixture as the JSON report should carry it: without lineStarts and timings. */
function expected(): unknown {
  const r = makeReport();
  for (const d of r.documents) {
    delete d.lineStarts;
    delete d.timings;
  }
  return r;
}

describe('json renderer', () => {
  const out = render(makeReport(), 'json');

  it('is 2-space JSON with a trailing newline', () => {
    expect(out.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "clausecheck",')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('round-trips to the report minus internal fields', () => {
    const parsed = JSON.parse(out) as Report;
    expect(parsed).toEqual(expected());
    expect(out).not.toContain('lineStarts');
    expect(out).not.toContain('timings');
    // Rendering the parsed report again gives the same bytes.
    expect(render(parsed, 'json')).toBe(out);
  });

  it('keeps a stable field order whatever order the input objects had', () => {
    const scrambled = makeReport();
    const d = scrambled.documents[0]!;
    scrambled.documents[0] = {
      warnings: d.warnings,
      requirements: d.requirements.map((r) => ({ notes: r.notes, suggestion: r.suggestion, evidence: r.evidence, severity: r.severity, status: r.status, title: r.title, id: r.id })),
      sha256: d.sha256,
      pages: d.pages,
      format: d.format,
      path: d.path,
    };
    expect(render(scrambled, 'json')).toBe(out);
    const parsed = JSON.parse(out) as { documents: Array<Record<string, unknown> & { requirements: Array<Record<string, unknown>> }> };
    expect(Object.keys(parsed.documents[0]!)).toEqual(['path', 'format', 'pages', 'sha256', 'requirements', 'warnings']);
    expect(Object.keys(parsed.documents[0]!.requirements[10]!)).toEqual(['id', 'title', 'status', 'severity', 'evidence', 'suggestion', 'notes']);
  });

  it('includes timings only when present and requested', () => {
    const withTimings = JSON.parse(render(makeReport(), 'json', { timings: true })) as { documents: Array<{ timings?: unknown }> };
    expect(withTimings.documents[0]!.timings).toEqual({ extractMs: 3, segmentMs: 2, rulesMs: 1 });
    expect(withTimings.documents[1]!.timings).toBeUndefined();
    expect(validateReport(withTimings)).toEqual({ valid: true, errors: [] });
  });

  it('validates against schemas/report.schema.json', () => {
    expect(validateReport(JSON.parse(out))).toEqual({ valid: true, errors: [] });
  });

  it('keeps a duration value and a score when the report carries them', () => {
    const r = makeReport();
    r.documents[0]!.requirements[12]!.evidence[0]!.value = { kind: 'duration', text: 'thirty (30) days', amount: 30, unit: 'day', days: 30 };
    Object.assign(r.documents[0]!, { score: { value: 41, tier: 'high risk' } });
    const parsed = JSON.parse(render(r, 'json')) as { documents: Array<Record<string, unknown>> };
    expect(Object.keys(parsed.documents[0]!)).toEqual(['path', 'format', 'pages', 'sha256', 'requirements', 'score', 'warnings']);
    expect(validateReport(parsed)).toEqual({ valid: true, errors: [] });
  });
});

describe('report schema', () => {
  const good = (): Record<string, any> => JSON.parse(render(makeReport(), 'json'));

  it('rejects an unknown property, pointing at it', () => {
    const r = good();
    r.documents[0].requirements[0].statuss = 'met';
    expect(validateReport(r)).toEqual({ valid: false, errors: [{ pointer: '/documents/0/requirements/0/statuss', message: 'unknown property' }] });
  });

  it('rejects a bad status, severity and format with the allowed values', () => {
    const r = good();
    r.documents[0].requirements[1].status = 'ok';
    r.documents[0].requirements[2].severity = 'urgent';
    r.documents[1].format = 'rtf';
    const { valid, errors } = validateReport(r);
    expect(valid).toBe(false);
    expect(errors).toEqual([
      { pointer: '/documents/0/requirements/1/status', message: 'must be one of "met", "partial", "missing", "conflict"' },
      { pointer: '/documents/0/requirements/2/severity', message: 'must be one of "none", "low", "medium", "high", "critical"' },
      { pointer: '/documents/1/format', message: 'must be one of "pdf", "docx", "txt", "md"' },
    ]);
  });

  it('accepts any ID of the AD/DR/EC shape but not others', () => {
    const r = good();
    r.documents[0].requirements[0].id = 'EC-SOMETHING-NEW';
    expect(validateReport(r).valid).toBe(true);
    r.documents[0].requirements[0].id = 'SR-JURISDICTION';
    expect(validateReport(r).errors.map((e) => e.pointer)).toEqual(['/documents/0/requirements/0/id']);
    r.documents[0].requirements[0].id = 'ad-output-use';
    expect(validateReport(r).valid).toBe(false);
  });

  it('requires fields and the schema version', () => {
    const r = good();
    delete r.documents[1].requirements[0].evidence;
    r.schemaVersion = 2;
    expect(validateReport(r).errors).toEqual([
      { pointer: '/schemaVersion', message: 'must be 1' },
      { pointer: '/documents/1/requirements/0/evidence', message: 'is required' },
    ]);
  });
});
