import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedSchema, validatorFor } from '../../src/load/schema.js';
import { cli } from '../cli/helpers.js';
import { tmp } from './helpers.js';
import { PARAPHRASES, sigLiteXlsx, UNRELATED, vendorCsv } from './map-sheets.js';

describe('clausecheck questionnaire map / check --auto-map', () => {
  it('map -o writes the mapping and prints a summary; check --mapping with it answers as --auto-map does', async () => {
    const dir = tmp();
    const file = await sigLiteXlsx(dir);
    const out = join(dir, 'mapping.yaml');
    const m = cli(['questionnaire', 'map', file, '-o', out]);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(m.stdout).toBe(
      `${file} (sheet "Lite", header row 5): 14 rows, 10 mapped at confidence 0.60 or more (1 of them with a note to check), 4 to review (commented out)\n` +
        `wrote ${out}; edit it, then: clausecheck questionnaire check ${file} --mapping ${out}\n`,
    );
    expect(readFileSync(out, 'utf8')).toMatch(/^mapping: 1$/m);

    const viaFile = cli(['questionnaire', 'check', file, '--mapping', out, '--format', 'json', '--fail-on', 'none']);
    const auto = cli(['questionnaire', 'check', file, '--auto-map', '--format', 'json', '--fail-on', 'none']);
    expect(auto.stderr).toBe('');
    expect(auto.code).toBe(0);
    const a = JSON.parse(auto.stdout);
    const f = JSON.parse(viaFile.stdout);
    const v = validatorFor(shippedSchema('questionnaire-report.schema.json'));
    expect(v(a), JSON.stringify(v.errors)).toBe(true);
    expect(v(f), JSON.stringify(v.errors)).toBe(true);
    expect(a.answers).toEqual(f.answers);
    expect(a.source).toMatchObject({ sheet: 'Lite', mapping: null, autoMap: 0.6 });
    expect(f.source).toMatchObject({ mapping: out });
    expect(f.source.autoMap).toBeUndefined();
    expect(a.summary.unmappedRows).toBe(UNRELATED.length);
    expect(a.unmapped.map((u: { id: string }) => u.id)).toEqual(UNRELATED.map((r) => r.ref));
    expect(a.unmapped[0]).toMatchObject({ question: UNRELATED[0]!.question, location: { sheet: 'Lite', cell: 'A19' } });
    expect(a.warnings[0]).toMatch(/^no mapping given: 10 of 14 rows mapped by --auto-map at confidence 0\.60 or more/);
  });

  it('map without -o prints the YAML; the text report lists the unmapped rows', async () => {
    const dir = tmp();
    const file = vendorCsv(dir);
    const m = cli(['questionnaire', 'map', file, '--threshold', '0.7']);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/^# Mapping proposed by `clausecheck questionnaire map`/);
    expect(m.stdout).toContain(`  "${PARAPHRASES[2]!.ref}": ${PARAPHRASES[2]!.expect}\n`);
    expect(readdirSync(dir)).toEqual(['vendor.csv']);

    const t = cli(['questionnaire', 'check', file, '--auto-map', '--map-threshold', '0.7', '--fail-on', 'none']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain(`unmapped rows (`);
    for (const r of UNRELATED) expect(t.stdout).toContain(`  ${r.ref}  "${r.question}"`);
  });

  it('bad input and bad options: one line, exit 2, nothing written', () => {
    const dir = tmp();
    const bad = join(dir, 'notes.csv');
    writeFileSync(bad, 'Meeting notes\nalpha,beta\n');
    const out = join(dir, 'mapping.yaml');
    const r = cli(['questionnaire', 'map', bad, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(new RegExp(`^clausecheck: ${bad.replace(/[.]/g, '\\.')}: the file: no header row with an answer column`));
    expect(existsSync(out)).toBe(false);

    const both = cli(['questionnaire', 'check', bad, '--auto-map', '--mapping', out]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--auto-map and --mapping do not go together/);
    const range = cli(['questionnaire', 'map', bad, '--threshold', '1.5']);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/--threshold must be a number from 0 to 1/);
  });
});
