import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { problems } from './helpers.js';

/** A rules root with one pack holding the given files. */
function pack(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cc-rules-'));
  mkdirSync(join(root, 'p'));
  writeFileSync(join(root, 'shared-terms.yaml'), 'terms:\n  model: [model~, LLM~]\n');
  for (const [name, body] of Object.entries(files)) writeFileSync(join(root, 'p', name), body);
  return root;
}

const GOOD = `requirement: AD-OUTPUT-USE
proves: met
title: No training on outputs
match:
  all:
    - modality: prohibition
    - near: [{ phrase: output~ }, { term: model }]
      within: 8
tests:
  invalid: [Customer shall not use Output to train any model.]
  valid: [Customer may use Output for any purpose.]
`;

describe('rule loading', () => {
  it('loads a valid rule with its id from the path', () => {
    const set = loadRules(pack({ 'output-use.yaml': GOOD }));
    expect(set.rules.map((r) => r.id)).toEqual(['p/output-use']);
    expect(set.rules[0]!.scope).toBe('sentence');
  });

  it('reports an unknown field at its key with file:line:col, code and a hint', () => {
    const root = pack({ 'bad.yaml': GOOD.replace('title:', 'titel: x\ntitle:') });
    const [p, ...rest] = problems(root);
    expect(rest).toHaveLength(0);
    expect(p!.file).toMatch(/bad\.yaml$/);
    expect([p!.line, p!.col]).toEqual([3, 1]);
    expect(p!.code).toBe('E010');
    expect(p!.message).toContain("unknown field 'titel'");
    expect(p!.hint).toBe("did you mean 'title'?");
  });

  it('lists the allowed fields when an unknown field is no typo of one', () => {
    const root = pack({ 'bad.yaml': GOOD.replace('title:', 'colour: blue\ntitle:') });
    const [p] = problems(root);
    expect(p!.message).toContain("unknown field 'colour'");
    expect(p!.hint).toMatch(/^allowed: .*\brequirement\b.*\btitle\b/);
  });

  it('reports a bad enum value and a misspelt condition key, one problem each', () => {
    const body = GOOD.replace('proves: met', 'proves: maybe').replace('- modality: prohibition', '- modalty: prohibition');
    const ps = problems(pack({ 'bad.yaml': body }));
    expect(ps.map((p) => p.code).sort()).toEqual(['E010', 'E013']);
    const enumP = ps.find((p) => p.code === 'E013')!;
    expect(enumP.line).toBe(2);
    expect(enumP.hint).toContain('met, partial, conflict');
    const keyP = ps.find((p) => p.code === 'E010')!;
    expect(keyP.line).toBe(6);
    expect(keyP.message).toContain("'modalty'");
  });

  it('reports a missing tests section and a rule without cases', () => {
    const ps = problems(pack({ 'a.yaml': GOOD.replace(/tests:[\s\S]*$/, ''), 'b.yaml': GOOD.replace(/valid: \[.*\]\n$/, 'valid: []\n') }));
    expect(ps.some((p) => p.file.endsWith('a.yaml') && p.code === 'E012' && p.message.includes("'tests'"))).toBe(true);
    expect(ps.some((p) => p.file.endsWith('b.yaml') && p.message.includes('/tests/valid'))).toBe(true);
  });

  it('reports unknown terms, bad phrases, unsafe regexes and unknown requirements', () => {
    const body = GOOD.replace('{ term: model }', '{ term: modles }')
      .replace('{ phrase: output~ }', '{ phrase: "ou*" }')
      .replace('- modality: prohibition', '- regex: "(a+)+\\\\1"')
      .replace('AD-OUTPUT-USE', 'AD-NOT-A-THING');
    const codes = problems(pack({ 'bad.yaml': body })).map((p) => p.code).sort();
    expect(codes).toEqual(['E020', 'E021', 'E022', 'E023']);
  });

  it('reports YAML syntax errors with their line', () => {
    const [p] = problems(pack({ 'bad.yaml': 'requirement: AD-OUTPUT-USE\nproves: [met\ntitle: x\n' }));
    expect(p!.code).toBe('E001');
    expect(p!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects a condition with two operators and a rule for a newer engine', () => {
    const body = GOOD.replace('- modality: prohibition', '- modality: prohibition\n      party: customer') + 'engine: 9\n';
    const codes = problems(pack({ 'bad.yaml': body })).map((p) => p.code).sort();
    expect(codes).toEqual(['E024', 'E031']);
  });
});

describe('rule pack cache', () => {
  // The cache lives under os.tmpdir(), which follows TMPDIR: each test gets a temp folder of its own.
  function withTmp<T>(fn: (tmp: string) => T): T {
    const saved = process.env.TMPDIR;
    const tmp = mkdtempSync(join(tmpdir(), 'cc-cache-'));
    process.env.TMPDIR = tmp;
    try {
      return fn(tmp);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  }
  const uid = process.getuid?.();

  it.skipIf(uid === undefined)('is kept in a folder of the user\'s own (mode 700), never directly in the shared temp folder', () => {
    withTmp((tmp) => {
      loadRules(pack({ 'output-use.yaml': GOOD }));
      expect(readdirSync(tmp).filter((f) => f.startsWith('clausecheck-rules-'))).toEqual([]);
      const dir = join(tmp, `clausecheck-${uid}`);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    });
  });

  it.skipIf(uid === undefined)('is ignored when its folder is open to other users (a planted cache is not trusted)', () => {
    withTmp((tmp) => {
      const root = pack({ 'output-use.yaml': GOOD });
      loadRules(root);
      const dir = join(tmp, `clausecheck-${uid}`);
      const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!);
      writeFileSync(file, readFileSync(file, 'utf8').replace('No training on outputs', 'Planted title'));
      expect(loadRules(root).rules[0]!.title).toBe('Planted title'); // the cache is used while the folder is private
      chmodSync(dir, 0o777);
      expect(loadRules(root).rules[0]!.title).toBe('No training on outputs');
    });
  });
});
