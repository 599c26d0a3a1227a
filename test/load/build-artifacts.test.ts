// What the build generates for the loader and the clause library (standalone validators, parsed
// shipped files) answers exactly as the run-time path it replaces.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ajv, shippedSchema, standaloneValidatorCode } from '../../src/load/schema.js';
import { parseYamlData } from '../../src/load/yaml.js';
import { dataKey, precompiledData, writePrecompiled } from '../../src/templates.js';

const dir = mkdtempSync(join(tmpdir(), 'clausecheck-load-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const require = createRequire(import.meta.url);

/** Invalid (and one valid) variants of a playbook: each schema keyword the messages rely on. */
function playbookCases(): unknown[] {
  const good = parse(readFileSync('playbooks/ai-buyer.yaml', 'utf8')) as Record<string, any>;
  const variant = (change: (p: Record<string, any>) => void) => {
    const p = structuredClone(good);
    change(p);
    return p;
  };
  return [
    good,
    variant((p) => (p.colour = 'blue')),
    variant((p) => (p.requirements['DR-NO-TRAINNG'] = { level: 'required' })),
    variant((p) => (p.requirements['DR-NO-TRAINING'].level = 'mandatory')),
    variant((p) => (p.requirements['EC-NOTIFICATION'] = {})),
    variant((p) => (p.params['sanctions-regimes'] = ['US', 'RU'])),
    variant((p) => (p.params['max-retention-days'] = 'thirty')),
    variant((p) => (p.params.terms.customer = 'A "quoted" {name}')),
    variant((p) => (p.perspective = 7)),
    [],
    'a playbook',
    {},
  ];
}

describe('standalone validators', () => {
  it('report the same errors as the validator ajv compiles at run time, for every shipped schema', () => {
    const names = readdirSync('schemas').filter((n) => n.endsWith('.json'));
    expect(names).toContain('playbook.schema.json');
    for (const name of names) {
      const schema = shippedSchema(name);
      // Evaluated as the CommonJS module it is, with this repository's require (for ajv's runtime parts).
      const mod = { exports: {} as unknown };
      new Function('require', 'module', 'exports', standaloneValidatorCode(schema))(require, mod, mod.exports);
      const standalone = mod.exports as ValidateFunction;
      const compiled = ajv().compile(schema);
      const cases = name === 'playbook.schema.json' ? playbookCases() : [{}, [], 'text', { unknown: 1 }, null];
      for (const [i, data] of cases.entries()) {
        const a = standalone(data);
        const b = compiled(data);
        expect(a, `${name} case ${i}`).toBe(b);
        expect(standalone.errors ?? null, `${name} case ${i}`).toEqual(compiled.errors ?? null);
      }
    }
    // The playbook cases do exercise failures: all are invalid but the shipped playbook and {} (the
    // loader, not the schema, asks for a perspective or an extends).
    const v = ajv().compile(shippedSchema('playbook.schema.json'));
    expect(playbookCases().map((c) => v(c))).toEqual([true, ...Array(10).fill(false), true]);
  });
});

describe('data parsed at build', () => {
  it('is found by the text it was parsed from and by nothing else', () => {
    const file = join(dir, 'precompiled.cjs');
    const text = 'caption: A clause\nexpect: partial\n';
    writePrecompiled(file, [], [{ kind: 'test', source: text, value: parseYamlData(text) }]);
    const mod = require(file) as Record<string, unknown>;
    expect(mod[dataKey('test', text)]).toEqual({ caption: 'A clause', expect: 'partial' });
    expect(mod[dataKey('test', `${text} `)]).toBeUndefined();
    expect(mod[dataKey('other', text)]).toBeUndefined();
    // Beside the sources there is no precompiled file: nothing is found, the callers parse.
    expect(precompiledData('test', text)).toBeUndefined();
  });
});
