// Named conditions: written once under `conditions:` in a terms file, referenced as { use: name }.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/engine/compile.js';
import { runRules } from '../../src/engine/run.js';
import { buildSource } from '../../src/ingest/source.js';
import { loadRules } from '../../src/rules/load.js';
import { segment } from '../../src/segment/index.js';
import { problems } from './helpers.js';

function root(shared: string, packTerms: string | undefined, rule: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-named-'));
  mkdirSync(join(dir, 'p'));
  writeFileSync(join(dir, 'shared-terms.yaml'), shared);
  if (packTerms) writeFileSync(join(dir, 'p', 'terms.yaml'), packTerms);
  writeFileSync(join(dir, 'p', 'rule.yaml'), rule);
  return dir;
}

const SHARED = `terms:
  train: [train~, fine tune~]
conditions:
  train-on-defined-data:
    near: [{ term: train }, { regex: "(?-i:\\\\b[A-Z][a-z]+ Data\\\\b)" }]
    within: 8
`;

const RULE = `requirement: DR-NO-TRAINING
proves: met
title: No training on a defined data term
match:
  all:
    - modality: prohibition
    - use: train-on-defined-data
tests:
  invalid: [Provider shall not train models on Workspace Data.]
  valid: [Provider shall not train models on the data of its staff.]
`;

function fires(dir: string, text: string): boolean {
  const compiled = compileRules(loadRules(dir));
  const doc = segment(buildSource('<t>', 'txt', [text], Buffer.from(text)));
  return runRules(doc, compiled).length > 0;
}

describe('named conditions', () => {
  it('expands { use: name } into the shared condition, so the rule matches as if written out', () => {
    const dir = root(SHARED, undefined, RULE);
    expect(loadRules(dir).rules[0]!.match).toEqual({
      all: [{ modality: 'prohibition' }, { near: [{ term: 'train' }, { regex: '(?-i:\\b[A-Z][a-z]+ Data\\b)' }], within: 8 }],
    });
    expect(fires(dir, 'Provider shall not fine-tune any model on Workspace Data.')).toBe(true);
    // Lower-case "data" is no defined term; a permission is no prohibition.
    expect(fires(dir, 'Provider shall not fine-tune any model on workspace data.')).toBe(false);
    expect(fires(dir, 'Provider may train models on Workspace Data.')).toBe(false);
  });

  it('lets a pack condition of the same name override the shared one', () => {
    const pack = `terms:\n  kept: [retain~]\nconditions:\n  train-on-defined-data:\n    term: kept\n`;
    const dir = root(SHARED, pack, RULE);
    expect(loadRules(dir).rules[0]!.match).toEqual({ all: [{ modality: 'prohibition' }, { term: 'kept' }] });
  });

  it('reports an unknown name at its place in the rule file', () => {
    const dir = root(SHARED, undefined, RULE.replace('use: train-on-defined-data', 'use: train-on-any-data'));
    const [p, ...rest] = problems(dir);
    expect(rest).toHaveLength(0);
    expect(p!.code).toBe('E026');
    expect(p!.file).toMatch(/rule\.yaml$/);
    expect(p!.line).toBe(7);
    expect(p!.message).toContain("unknown named condition 'train-on-any-data'");
  });

  it('reports a named condition that refers to itself, and a bad term inside one at its place in the terms file', () => {
    const loop = `terms:\n  train: [train~]\nconditions:\n  train-on-defined-data:\n    any: [{ term: train }, { use: train-on-defined-data }]\n`;
    const ps = problems(root(loop, undefined, RULE));
    expect(ps.map((p) => p.code)).toEqual(['E027']);
    expect(ps[0]!.message).toContain('refers to itself');
    const badTerm = SHARED.replace('{ term: train }', '{ term: trian }');
    const [p] = problems(root(badTerm, undefined, RULE));
    expect(p!.code).toBe('E021');
    expect(p!.file).toMatch(/shared-terms\.yaml$/);
    expect(p!.line).toBe(5);
  });

  it('refuses a named condition inside near when it is not an atom', () => {
    const rule = RULE.replace('    - use: train-on-defined-data', '    - near: [{ phrase: model~ }, { use: train-on-defined-data }]\n      within: 5').replace(
      'train-on-defined-data:\n    near',
      'x',
    );
    const shared = SHARED.replace('  train-on-defined-data:\n    near: [{ term: train }, { regex: "(?-i:\\\\b[A-Z][a-z]+ Data\\\\b)" }]\n    within: 8', '  train-on-defined-data:\n    all: [{ term: train }, { modality: prohibition }]');
    const ps = problems(root(shared, undefined, rule));
    expect(ps.map((p) => p.code)).toEqual(['E025']);
  });
});
