// Inputs that are not regular files: stat says 0 bytes for devices and pipes, so only a bounded read
// keeps a link to /dev/zero from hanging a command (the CLI helper kills a run after 120 s).
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readBounded } from '../../src/read-file.js';
import { InputError } from '../../src/types.js';
import { cli } from './helpers.js';

const haveZero = existsSync('/dev/zero');

function zeroLink(name: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'cc-zero-')), name);
  symlinkSync('/dev/zero', f);
  return f;
}

describe.skipIf(!haveZero)('an endless input file', () => {
  it('readBounded stops after the limit with an InputError naming the file', () => {
    const f = zeroLink('list.csv');
    let err: unknown;
    try {
      readBounded(f, 1000, 'list file');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe(f);
    expect((err as Error).message).toBe('list file is larger than 0.00095 MB');
    expect(readBounded('samples/weak-vendor-msa.txt', 1 << 20, 'contract').toString('utf8').slice(0, 9)).toBe('# MASTER ');
  });

  const cases: Array<[string, (f: string) => string[], RegExp]> = [
    ['vendor profile', (f) => ['assess', '--profile', f], /vendor profile is larger than 4 MB/],
    ['allowlist', (f) => ['screen', 'X', '--list', 'lists/sample-csl.csv', '--allowlist', f], /allowlist is larger than 4 MB/],
    ['playbook', (f) => ['check', 'samples/weak-vendor-msa.txt', '--playbook', f], /playbook is larger than 4 MB/],
    ['mapping', (f) => ['questionnaire', 'check', 'samples/questionnaires/kestrel-vision-caiq.xlsx', '--mapping', f], /mapping is larger than 4 MB/],
    ['question bank', (f) => ['questionnaire', 'template', '-f', 'csv', '--questionnaire', f], /questionnaire is larger than 4 MB/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: a link to /dev/zero is refused, not read forever`, () => {
      const f = zeroLink('input.yaml');
      const r = cli(args(f));
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`clausecheck: ${f}: `);
      expect(r.stderr).toMatch(message);
    });
  }
});

describe('file-system errors that escape a stage', () => {
  it('are reported as one line naming the file, not as an internal error', async () => {
    const { reportError } = await import('../../src/cli/errors.js');
    const err = Object.assign(new Error("EACCES: permission denied, open 'contracts/msa.pdf'"), { code: 'EACCES', errno: -13, syscall: 'open', path: 'contracts/msa.pdf' });
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let code: number;
    try {
      code = reportError(err);
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(2);
    expect(written).toEqual(['clausecheck: contracts/msa.pdf: cannot read: permission denied\n']);
  });
});
