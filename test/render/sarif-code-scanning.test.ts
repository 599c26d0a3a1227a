// SARIF for GitHub code scanning (issue 12): valid SARIF 2.1.0, rules with full help, a help link
// and security-severity, missing results anchored to the document start, page and section in the
// message, and --baseline keeping only new gaps.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/index.js';
import { readBaseline } from '../../src/cli/commands/check.js';
import { render } from '../../src/render/index.js';
import { reportJson } from '../../src/render/json.js';
import { baselineKeys, gapKey } from '../../src/render/sarif.js';
import { headingAnchor } from '../../src/render/sarif-help.js';
import { InputError } from '../../src/types.js';
import { makeReport } from './fixtures.js';

type Json = Record<string, any>;

const schema = JSON.parse(readFileSync('test/render/sarif-2.1.0.subset.schema.json', 'utf8')) as Json;
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

function valid(log: unknown): string {
  return validate(log) ? '' : JSON.stringify(validate.errors?.slice(0, 3));
}
const isAbsoluteUri = (s: string) => {
  try {
    return new URL(s).protocol.length > 1;
  } catch {
    return false;
  }
};

describe('SARIF for code scanning', () => {
  const log = JSON.parse(render(makeReport(), 'sarif')) as Json;
  const run = log.runs[0] as Json;

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(valid(log)).toBe('');
  });

  it('the schema check can fail: a result without a message or with line 0 is refused', () => {
    const bad = JSON.parse(JSON.stringify(log)) as Json;
    delete bad.runs[0].results[0].message;
    expect(valid(bad)).not.toBe('');
    const bad2 = JSON.parse(JSON.stringify(log)) as Json;
    bad2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(valid(bad2)).not.toBe('');
  });

  it('gives every rule full help in text and Markdown, a help link into the rule docs, and a security-severity', () => {
    const docs = readFileSync('docs/rules/anti-distillation.md', 'utf8') + readFileSync('docs/rules/data-retention.md', 'utf8') + readFileSync('docs/rules/export-control.md', 'utf8');
    const anchors = new Set([...docs.matchAll(/^## (.+)$/gm)].map((m) => headingAnchor(m[1]!)));
    for (const rule of run.tool.driver.rules as Json[]) {
      expect(rule.help.text, rule.id).toContain('What it requires');
      expect(rule.help.markdown, rule.id).toMatch(/\*\*What it requires\.\*\*[\s\S]*\*\*Why\.\*\*/);
      expect(rule.fullDescription.text.length, rule.id).toBeGreaterThan(rule.shortDescription.text.length);
      expect(isAbsoluteUri(rule.helpUri), rule.helpUri).toBe(true);
      const [file, anchor] = (rule.helpUri as string).split('/').pop()!.split('#');
      expect(['anti-distillation.md', 'data-retention.md', 'export-control.md']).toContain(file);
      expect(anchors.has(anchor!), `${rule.id}: #${anchor} is a heading of the rule docs`).toBe(true);
      const sev = Number(rule.properties['security-severity']);
      expect(sev, rule.id).toBeGreaterThan(0);
      expect(sev, rule.id).toBeLessThanOrEqual(10);
      expect(rule.properties.tags).toContain('security');
    }
    // The suggested clause of a gap is in its rule's help.
    const training = (run.tool.driver.rules as Json[]).find((r) => r.id === 'DR-NO-TRAINING')!;
    expect(training.help.markdown).toContain('**Suggested clause**');
    expect(training.help.markdown).toContain('    Provider shall not use Customer Data, Inputs or Outputs to train, retrain or improve any model.');
  });

  it('anchors a missing requirement at the start of the document and says so', () => {
    const missing = (run.results as Json[]).filter((r) => r.properties.status === 'missing');
    expect(missing.length).toBeGreaterThan(0);
    for (const r of missing) {
      expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
      expect(r.message.text).toContain('anchored to the start of the document');
    }
  });

  it('names page and section in the message of a DOCX or PDF result (its lines are lines of extracted text)', () => {
    const docx = (run.results as Json[]).find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'vendor/terms.docx' && r.ruleId === 'DR-CONFIDENTIALITY')!;
    expect(docx.message.text).toMatch(/At page \d+, section [\d.()a-z]+: “/);
    // A text file without page breaks: the section alone.
    const txt = (run.results as Json[]).find((r) => r.locations[0].physicalLocation.artifactLocation.uri.includes('acme') && r.ruleId === 'DR-NO-TRAINING')!;
    expect(txt.message.text).toContain('At section 7.2: “');
  });

  it('validates for a real PDF and DOCX too', async () => {
    const report = await checkFiles(['samples/weak-vendor-msa.pdf', 'samples/weak-vendor-msa.docx']);
    const real = JSON.parse(render(report, 'sarif', { docsUrl: 'https://example.org/clausecheck/docs/rules/' })) as Json;
    expect(valid(real)).toBe('');
    expect(real.runs[0].tool.driver.rules[0].helpUri).toMatch(/^https:\/\/example\.org\/clausecheck\/docs\/rules\/anti-distillation\.md#ad-output-use--/);
    const pdfResult = (real.runs[0].results as Json[]).find((r) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith('.pdf') && r.properties.status !== 'missing')!;
    expect(pdfResult.message.text).toMatch(/At page \d+, section /);
    const docxResult = (real.runs[0].results as Json[]).find((r) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith('.docx') && r.properties.status !== 'missing')!;
    expect(docxResult.message.text).toMatch(/At section /); // no Word page breaks in the sample
  }, 120_000);
});

describe('--baseline', () => {
  const report = makeReport();

  it('leaves out every gap the previous report had, and marks the rest new', () => {
    const all = baselineKeys(reportJson(report) as never);
    expect(JSON.parse(render(report, 'sarif', { baseline: all })).runs[0].results).toEqual([]);
    const withoutOne = new Set(all);
    withoutOne.delete(gapKey('vendor/terms.docx', 'DR-CONFIDENTIALITY', 'conflict'));
    const results = JSON.parse(render(report, 'sarif', { baseline: withoutOne })).runs[0].results as Json[];
    expect(results.map((r) => [r.ruleId, r.baselineState])).toEqual([['DR-CONFIDENTIALITY', 'new']]);
  });

  it('counts a gap whose status changed (partial to conflict) as new', () => {
    const before = makeReport();
    const r = before.documents[1]!.requirements.find((x) => x.id === 'DR-CONFIDENTIALITY')!;
    r.status = 'partial';
    const results = JSON.parse(render(report, 'sarif', { baseline: baselineKeys(reportJson(before) as never) })).runs[0].results as Json[];
    expect(results.map((x) => x.ruleId)).toEqual(['DR-CONFIDENTIALITY']);
  });

  it('refuses a file that is not a JSON report with one line naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-baseline-'));
    const notJson = join(dir, 'a.json');
    writeFileSync(notJson, '{ nope');
    const notReport = join(dir, 'b.json');
    writeFileSync(notReport, '{"runs": []}');
    const good = join(dir, 'c.json');
    writeFileSync(good, render(report, 'json'));
    expect(() => readBaseline(join(dir, 'none.json'))).toThrow(InputError);
    expect(() => readBaseline(notJson)).toThrow(/baseline is not JSON/);
    expect(() => readBaseline(notReport)).toThrow(/not a clausecheck JSON report/);
    expect(readBaseline(good).size).toBe(54);
  });
});
