import { existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIREMENT_IDS } from '../../src/catalog.js';
import { validateReport } from '../../src/render/index.js';
import { cli } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cc-cli-'));
const oneLine = (s: string) => s.trim().split('\n').filter(Boolean);

describe('check: reports', () => {
  const samples = ['ai-api-services-agreement', 'weak-vendor-msa', 'data-processing-addendum', 'software-licence-export'];

  it('gives one JSON report for several PDFs that validates against the shipped schema and lists all 28 IDs in order', () => {
    const r = cli(['check', ...samples.map((s) => `samples/${s}.pdf`), '--format', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const v = validateReport(report);
    expect(v.valid, JSON.stringify(v)).toBe(true);
    expect(report.documents).toHaveLength(4);
    for (const d of report.documents) {
      expect(d.requirements.map((q: { id: string }) => q.id)).toEqual(REQUIREMENT_IDS);
      expect(d.pages).toBeGreaterThan(1);
    }
  });

  it('quotes evidence that is an exact substring of the extracted text', async () => {
    const { ingest } = await import('../../src/ingest/index.js');
    const r = cli(['check', 'samples/ai-api-services-agreement.docx', '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(r.stdout);
    const doc = await ingest('samples/ai-api-services-agreement.docx');
    let n = 0;
    for (const q of report.documents[0].requirements) {
      for (const e of q.evidence) {
        expect(doc.text.slice(e.start, e.end)).toBe(e.quote);
        n++;
      }
    }
    expect(n).toBeGreaterThan(20);
  });

  it('shows the conflicts the weak MSA was written with', () => {
    const expected = JSON.parse(readFileSync('samples/expected.json', 'utf8')).samples['weak-vendor-msa'] as Record<string, { status: string }>;
    const written = Object.entries(expected).filter(([, v]) => v.status === 'conflict').map(([k]) => k);
    expect(written.length).toBeGreaterThanOrEqual(3);
    const r = cli(['check', 'samples/weak-vendor-msa.pdf', '--format', 'json']);
    expect(r.code).toBe(1); // gaps at or above high
    const got = JSON.parse(r.stdout).documents[0].requirements.filter((q: { status: string }) => q.status === 'conflict').map((q: { id: string }) => q.id);
    for (const id of ['DR-NO-TRAINING', 'DR-RETENTION-PERIOD', 'DR-CONFIDENTIALITY']) {
      expect(written).toContain(id);
      expect(got).toContain(id);
    }
  });

  it('checks a folder as one report with one entry per document', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), 'Provider will not use Customer Data to train any model.');
    writeFileSync(join(dir, 'b.md'), '# Terms\n\nYou may not use Outputs to train a competing model.');
    writeFileSync(join(dir, 'notes.csv'), 'ignored');
    const r = cli(['check', dir, '--format', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents.map((d: { path: string }) => d.path.split('/').pop())).toEqual(['a.txt', 'b.md']);
  });

  it('prints a terminal report without colour when not on a TTY', () => {
    const r = cli(['check', 'samples/data-processing-addendum.txt', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DR-BREACH-NOTICE');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  for (const format of ['md', 'html', 'sarif'] as const) {
    it(`writes a ${format} report to --output`, () => {
      const out = join(tmp(), `report.${format}`);
      const r = cli(['check', 'samples/weak-vendor-msa.txt', '--format', format, '--output', out, '--fail-on', 'none']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const body = readFileSync(out, 'utf8');
      expect(body).toContain('DR-NO-TRAINING');
      if (format === 'sarif') expect(JSON.parse(body).version).toBe('2.1.0');
      if (format === 'html') expect(body).toMatch(/^<!DOCTYPE html>/i);
    });
  }
});

describe('check: exit codes', () => {
  it('exits 0 when no gap reaches --fail-on and 1 when one does', () => {
    const dir = tmp();
    const f = join(dir, 'c.txt');
    writeFileSync(f, 'This lease concerns the flat at 4 Elm Street.');
    expect(cli(['check', f, '--fail-on', 'none']).code).toBe(0);
    expect(cli(['check', f]).code).toBe(1); // missing critical requirements
    expect(cli(['check', f, '--fail-on', 'critical']).code).toBe(1);
  });
});

describe('check: bad input gives one line on stderr, exit 2 and no output file', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['missing file', ['check', 'nope/missing.pdf'], /missing\.pdf: file not found/],
    ['unsupported extension', ['check', 'test/fixtures/bad/unsupported.rtf'], /unsupported file type/],
    ['corrupt PDF', ['check', 'test/fixtures/bad/corrupt.pdf'], /corrupt\.pdf: .*(corrupt|invalid)/i],
    ['encrypted PDF', ['check', 'test/fixtures/bad/encrypted.pdf'], /encrypted\.pdf: .*encrypted/i],
    ['image-only PDF', ['check', 'test/fixtures/bad/image-only.pdf', '--ocr', 'never'], /image-only\.pdf: .*OCR is off/],
    ['non-zip DOCX', ['check', 'test/fixtures/bad/not-a-zip.docx'], /not-a-zip\.docx: not a DOCX/],
    ['corrupt DOCX', ['check', 'test/fixtures/bad/broken.docx'], /broken\.docx: corrupt DOCX/],
    ['empty file', ['check', 'test/fixtures/bad/empty.txt'], /empty\.txt: file is empty/],
    ['unknown option', ['check', 'samples/weak-vendor-msa.txt', '--colour'], /Unknown argument/i],
    ['bad format value', ['check', 'samples/weak-vendor-msa.txt', '--format', 'pdf'], /Invalid values|Choices/i],
    ['--max-size that is not a number', ['check', 'samples/weak-vendor-msa.txt', '--max-size', 'abc'], /--max-size must be a number of MB above 0/],
    ['--max-size below zero', ['check', 'samples/weak-vendor-msa.txt', '--max-size', '-1'], /--max-size must be a number of MB above 0/],
    ['file over --max-size', ['check', 'samples/weak-vendor-msa.txt', '--max-size', '0.001'], /weak-vendor-msa\.txt: file is 0\.\d+ MB, over the 0\.001 MB limit/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const dir = tmp();
      const out = join(dir, 'out.json');
      const r = cli([...args, '--output', out]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('a broken link named like a contract in a folder is named, not an internal error', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), 'The Provider shall not use Customer Data to train models.\n');
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'b.txt'));
    symlinkSync(join(dir, 'gone.csv'), join(dir, 'notes.csv')); // not a contract: skipped
    const r = cli(['check', dir, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`clausecheck: ${join(dir, 'b.txt')}: broken link (its target does not exist)`);
  });

  it('a link back to a parent folder is followed once, not round in a loop', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.txt'), 'The Provider shall not use Customer Data to train models.\n');
    symlinkSync('..', join(dir, 'sub', 'up'));
    const r = cli(['check', dir, '-f', 'json', '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents.map((d: { path: string }) => d.path)).toEqual([join(dir, 'sub', 'a.txt')]);
  });

  it('folder with no documents', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.csv'), 'a,b');
    const r = cli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/folder has no documents/);
  });

  it('a rule file with a bad field names file:line:col and exits 2', () => {
    const root = tmp();
    mkdirSync(join(root, 'p'));
    writeFileSync(join(root, 'p', 'r.yaml'), 'requirement: AD-OUTPUT-USE\nproves: met\ntitle: t\nscop: sentence\nmatch: { phrase: output }\ntests: { invalid: [a], valid: [b] }\n');
    const r = cli(['check', 'samples/weak-vendor-msa.txt', '--rules', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\/r\.yaml:4:1 +E010 +unknown field 'scop'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('rules commands', () => {
  it('rules lint passes on the shipped packs', () => {
    const r = cli(['rules', 'lint']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ rules OK/);
  });

  it('a path that does not exist or is not a rule under the rules folder is an error, not "0 rules OK"', () => {
    for (const action of ['lint', 'test']) {
      const missing = cli(['rules', action, 'rules/no-such-pack']);
      expect(missing.code).toBe(2);
      expect(missing.stderr.trim()).toBe('clausecheck: rules/no-such-pack: not found');
      const outside = cli(['rules', action, 'samples/weak-vendor-msa.txt']);
      expect(outside.code).toBe(2);
      expect(outside.stderr.trim()).toMatch(/^clausecheck: samples\/weak-vendor-msa\.txt: is not under the rules folder /);
    }
  });
});

describe('check: output to a reader that stops early', () => {
  it('a closed pipe (| head) ends quietly, without an EPIPE stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', 'samples/weak-vendor-msa.txt', 'samples/data-processing-addendum.txt', '--format', 'json'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read nothing and close our end at once, like `head -c 0`: the CLI's writes then hit EPIPE.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    const lines = stderr.split('\n').filter((l) => l && !l.includes('nodedir'));
    expect(lines).toEqual([]);
    expect(code).toBe(1); // the weak MSA's gaps, as when the whole report is read
  });
});

describe('the CLI entry point', () => {
  it('runs when started through a link of another name (an alias in ~/bin)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { resolve } = await import('node:path');
    const link = join(tmp(), 'my-alias.ts');
    symlinkSync(resolve('src/cli/main.ts'), link);
    const r = spawnSync(process.execPath, ['--import', 'tsx', link, '--version'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('error lines stay readable', () => {
  it('an error quoting a huge input value is cut to one short line', () => {
    const dir = tmp();
    const f = join(dir, 'answers.csv');
    writeFileSync(f, `ID,Answer\n${'x'.repeat(100_000)},Yes\n`);
    const r = cli(['questionnaire', 'check', f]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`clausecheck: ${f}: `)).toBe(true);
    expect(lines[0]!.length).toBeLessThan(1100);
    expect(lines[0]!.endsWith('…')).toBe(true);
  });
});

describe('usage errors', () => {
  it('no command: one line, the help hint once', () => {
    const r = cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('clausecheck: say which command to run (see clausecheck --help)');
  });
});

describe('check --redline never overwrites its own inputs or outputs', () => {
  it('refuses the contract itself and the --output file as the redline, leaving both untouched', () => {
    const dir = tmp();
    const contract = join(dir, 'msa.docx');
    writeFileSync(contract, readFileSync('samples/weak-vendor-msa.docx'));
    const before = readFileSync(contract);
    const self = cli(['check', contract, '--redline', contract, '-f', 'json']);
    expect(self.code).toBe(2);
    expect(self.stderr.trim()).toBe('clausecheck: --redline would overwrite the contract itself; give another file name');
    expect(readFileSync(contract).equals(before)).toBe(true);
    const out = join(dir, 'out.docx');
    const both = cli(['check', contract, '--redline', out, '-o', out, '-f', 'json']);
    expect(both.code).toBe(2);
    expect(both.stderr.trim()).toBe('clausecheck: --redline and --output name the same file; give them different names');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a contract as the --output of the report', () => {
    const dir = tmp();
    const contract = join(dir, 'msa.txt');
    writeFileSync(contract, readFileSync('samples/weak-vendor-msa.txt'));
    const r = cli(['check', contract, '-o', contract]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`clausecheck: --output ${contract} is one of the contracts; give another file name`);
    expect(readFileSync(contract, 'utf8')).toBe(readFileSync('samples/weak-vendor-msa.txt', 'utf8'));
  });
});

describe('playbook none and empty selections', () => {
  it('check --playbook none reports catalog statuses without suggestions', () => {
    const r = cli(['check', 'samples/weak-vendor-msa.txt', '--playbook', 'none', '--format', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.playbook).toBe('none');
    expect(report.documents[0].requirements.every((q: { suggestion: string }) => q.suggestion === '')).toBe(true);
  });

  it('clauses --only with an empty selection is a usage error', () => {
    const r = cli(['clauses', '--only', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--only/);
  });
});
