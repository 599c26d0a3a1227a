import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { DEFAULT_RULES_DIR } from '../../src/check/index.js';
import { ruleDocs } from '../../src/rules/docs.js';
import { loadRules } from '../../src/rules/load.js';
import { testRules } from '../../src/rules-test/index.js';

const set = loadRules(DEFAULT_RULES_DIR);

describe('shipped rule packs', () => {
  it('have a rule for every requirement of the catalog', () => {
    const covered = new Set(set.rules.map((r) => r.requirement));
    for (const req of REQUIREMENTS) expect(covered.has(req.id), req.id).toBe(true);
  });

  it('give every rule at least 5 invalid and 5 valid examples', () => {
    for (const r of set.rules) {
      expect(r.tests.invalid.length, r.id).toBeGreaterThanOrEqual(5);
      expect(r.tests.valid.length, r.id).toBeGreaterThanOrEqual(5);
    }
  });

  it("pass every rule's own examples (todo cases are expected failures)", () => {
    const summary = testRules(set);
    const failures = summary.cases.filter((c) => !c.ok && !c.kind.startsWith('todo')).map((c) => `${c.rule} [${c.kind}] ${c.text}`);
    expect(failures).toEqual([]);
    expect(summary.passed).toBeGreaterThan(set.rules.length * 10 - 1);
  });
});

describe('docs/rules', () => {
  it('is up to date with the rule files (run npm run docs:rules)', () => {
    const files = ruleDocs(set);
    const dir = 'docs/rules';
    const onDisk = existsSync(dir) ? readdirSync(dir).sort() : [];
    expect(onDisk).toEqual([...files.keys()].sort());
    for (const [name, body] of files) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(body);
  });
});
