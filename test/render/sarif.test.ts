import { describe, expect, it } from 'vitest';
import { render } from '../../src/render/index.js';
import { artifactUri, positionAt, sarifLevel } from '../../src/render/sarif.js';
import type { RequirementResult } from '../../src/types.js';
import { CATALOG, makeReport } from './fixtures.js';

type Json = Record<string, any>;

function sarif(): Json {
  return JSON.parse(render(makeReport(), 'sarif')) as Json;
}
function resultFor(log: Json, uri: string, id: string): Json {
  return log.runs[0].results.find((r: Json) => r.ruleId === id && r.locations[0].physicalLocation.artifactLocation.uri === uri);
}

describe('sarif renderer', () => {
  it('is one SARIF 2.1.0 run with the 28 requirement IDs as rules', () => {
    const log = sarif();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('clausecheck');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r: Json) => r.id)).toEqual(CATALOG.map((c) => c[0]));
    for (const rule of driver.rules) expect(typeof rule.shortDescription.text).toBe('string');
  });

  it('has one result per gap, each pointing at its rule', () => {
    const log = sarif();
    const results = log.runs[0].results as Json[];
    expect(results).toHaveLength(54); // not EC-CLASSIFICATION of the DOCX, which the playbook ignores
    for (const r of results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results.some((r) => r.ruleId === 'DR-DELETION' && r.locations[0].physicalLocation.artifactLocation.uri.includes('acme'))).toBe(false);
  });

  it('maps status and severity to levels', () => {
    const base: RequirementResult = { id: 'X', title: 't', status: 'missing', severity: 'low', evidence: [], suggestion: '', notes: [] };
    expect(sarifLevel({ ...base, status: 'conflict', severity: 'low' })).toBe('error');
    expect(sarifLevel({ ...base, severity: 'critical' })).toBe('error');
    expect(sarifLevel({ ...base, status: 'partial', severity: 'high' })).toBe('error');
    expect(sarifLevel({ ...base, severity: 'medium' })).toBe('warning');
    expect(sarifLevel({ ...base, status: 'partial', severity: 'low' })).toBe('note');
    expect(sarifLevel({ ...base, severity: 'none' })).toBe('note');
    const log = sarif();
    expect(resultFor(log, 'vendor/terms.docx', 'EC-COMPLIANCE').level).toBe('error'); // conflict, medium
    expect(resultFor(log, 'vendor/terms.docx', 'AD-MONITORING').level).toBe('warning'); // partial, medium
    expect(resultFor(log, 'vendor/terms.docx', 'DR-LOG-ACCESS').level).toBe('note'); // missing, low
  });

  it('computes 1-based line and column from evidence offsets and line starts', () => {
    const log = sarif();
    const uri = 'contracts/acme%20ai%20msa.txt';
    // "Provider may use ..." starts at offset 39 on line 4 (starts at 35) and ends before 92.
    expect(resultFor(log, uri, 'DR-NO-TRAINING').locations[0].physicalLocation.region).toEqual({
      startLine: 4,
      startColumn: 5,
      endLine: 4,
      endColumn: 58,
      snippet: { text: 'Provider may use Customer Data to improve its models.' },
    });
    // Line 8 starts at 201 with a two-unit emoji: offset 216 is column 16 in UTF-16 code units.
    const region = resultFor(log, uri, 'DR-RETENTION-PERIOD').locations[0].physicalLocation.region;
    expect([region.startLine, region.startColumn, region.endLine, region.endColumn]).toEqual([8, 16, 8, 54]);
    expect(resultFor(log, uri, 'DR-RETENTION-PERIOD').relatedLocations).toBeUndefined(); // same span, second rule
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
  });

  it('spans lines for a quote that crosses a line break', () => {
    const r = makeReport();
    r.documents[0]!.requirements[12]!.status = 'partial'; // make DR-DELETION a gap
    r.documents[0]!.requirements[12]!.severity = 'medium';
    const log = JSON.parse(render(r, 'sarif')) as Json;
    const region = resultFor(log, 'contracts/acme%20ai%20msa.txt', 'DR-DELETION').locations[0].physicalLocation.region;
    expect([region.startLine, region.startColumn, region.endLine, region.endColumn]).toEqual([6, 1, 7, 42]);
  });

  it('puts a missing requirement at line 1 and uses character ranges without line starts', () => {
    const log = sarif();
    expect(resultFor(log, 'contracts/acme%20ai%20msa.txt', 'AD-EXTRACTION').locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    const conf = resultFor(log, 'vendor/terms.docx', 'DR-CONFIDENTIALITY');
    expect(conf.locations[0].physicalLocation.region.charOffset).toBe(1200);
    expect(conf.relatedLocations).toHaveLength(1);
    expect(conf.relatedLocations[0].physicalLocation.region.charOffset).toBe(1400);
    expect(conf.message.text).toContain('conflict');
    expect(conf.message.text).toContain("Suggested clause: Inputs and Outputs are Customer's Confidential Information");
  });

  it('finds positions by binary search, including exact line starts and past the end', () => {
    const starts = [0, 22, 23, 35];
    expect(positionAt(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(starts, 21)).toEqual({ line: 1, column: 22 });
    expect(positionAt(starts, 22)).toEqual({ line: 2, column: 1 });
    expect(positionAt(starts, 23)).toEqual({ line: 3, column: 1 });
    expect(positionAt(starts, 100)).toEqual({ line: 4, column: 66 });
  });

  it('encodes artifact paths as URIs', () => {
    expect(artifactUri('a b/c#1.pdf')).toBe('a%20b/c%231.pdf');
    expect(artifactUri('/tmp/x y.txt')).toBe('file:///tmp/x%20y.txt');
    expect(artifactUri('C:\\docs\\msa.docx')).toBe('file:///C:/docs/msa.docx');
  });

  it('is byte-identical on re-run and never leaks lineStarts', () => {
    const out = render(makeReport(), 'sarif');
    expect(render(makeReport(), 'sarif')).toBe(out);
    expect(out).not.toContain('lineStarts');
  });
});
