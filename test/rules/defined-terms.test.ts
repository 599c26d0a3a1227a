// Defined-term kinds are pack data (`defined-terms:` in a terms file): the engine knows only the syntax
// of a definition, the packs say what a defined name counts as.
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

const RULE = `requirement: DR-NO-TRAINING
proves: met
title: No training on customer data
match:
  all:
    - modality: prohibition
    - near: [{ phrase: [train~] }, { phrase: [customer data] }]
      within: 8
tests:
  invalid: [Vendor shall not train models on customer data.]
  valid: [Vendor shall not train its staff.]
`;

const KINDS = `defined-terms:
  ignore: [platform]
  kinds:
    - name: customer-data
      definition: "\\\\b(?:you|the client) (?:upload|submit)s?\\\\b"
      words: 10
      counts-as: [customer data]
`;

function root(shared: string, packTerms?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-defined-'));
  mkdirSync(join(dir, 'p'));
  writeFileSync(join(dir, 'shared-terms.yaml'), shared);
  if (packTerms) writeFileSync(join(dir, 'p', 'terms.yaml'), packTerms);
  writeFileSync(join(dir, 'p', 'rule.yaml'), RULE);
  return dir;
}

function fires(dir: string, text: string): boolean {
  const compiled = compileRules(loadRules(dir));
  const doc = segment(buildSource('<t>', 'txt', [text], Buffer.from(text)));
  return runRules(doc, compiled).length > 0;
}

const DOC = '"Workbench Files" means the files you upload to the service.\n\nVendor shall not train models on Workbench Files.';

describe('defined terms (pack data)', () => {
  it('gives a defined name the phrases its kind counts as', () => {
    const dir = root(`terms:\n  x: [y]\n${KINDS}`);
    expect(loadRules(dir).definedTerms).toEqual({
      kinds: [{ name: 'customer-data', definition: '\\b(?:you|the client) (?:upload|submit)s?\\b', words: 10, countsAs: ['customer data'] }],
      ignore: ['platform'],
    });
    expect(fires(dir, DOC)).toBe(true);
    // The name's later uses count only when written as a defined term (capitalised).
    expect(fires(dir, DOC.replace('train models on Workbench Files', 'train models on workbench files'))).toBe(false);
  });

  it('counts the plural of a name defined in the singular, and the singular of a plural name', () => {
    const dir = root(`terms:\n  x: [y]\n${KINDS}`);
    const singular = '"Upload" means any file you upload to the service.\n\nVendor shall not train models on Uploads.';
    expect(fires(dir, singular)).toBe(true);
    expect(fires(dir, DOC.replace('train models on Workbench Files', 'train models on a Workbench File'))).toBe(true);
    // another word that merely starts the same is not the name
    expect(fires(dir, singular.replace('on Uploads', 'on Uploaders'))).toBe(false);
  });

  it('without kinds in the packs a defined name counts as nothing (the engine holds no wording)', () => {
    expect(fires(root('terms:\n  x: [y]\n'), DOC)).toBe(false);
  });

  it('reads kinds from a pack terms file too, and ignores the names listed in ignore', () => {
    expect(fires(root('terms:\n  x: [y]\n', `terms:\n  z: [w]\n${KINDS}`), DOC)).toBe(true);
    const ignored = KINDS.replace('ignore: [platform]', 'ignore: [Workbench Files]');
    expect(fires(root(`terms:\n  x: [y]\n${ignored}`), DOC)).toBe(false);
  });

  it('reports a bad pattern, a bad phrase and an unknown field with file and position', () => {
    const bad = root(`terms:\n  x: [y]\n${KINDS.replace('(?:you|the client)', '(?<=you)').replace('[customer data]', '["ab*"]')}`);
    const codes = problems(bad).map((p) => `${p.code} ${p.message.split(':')[0]}`);
    expect(codes).toContain('E022 bad regex');
    expect(codes.some((c) => c.startsWith('E023'))).toBe(true);
    const unknown = root(`terms:\n  x: [y]\n${KINDS.replace('words: 10', 'words: 10\n      scope: sentence')}`);
    const p = problems(unknown);
    expect(p).toHaveLength(1);
    expect(p[0]!.file).toMatch(/shared-terms\.yaml$/);
    expect(p[0]!.message).toMatch(/scope/);
  });
});
