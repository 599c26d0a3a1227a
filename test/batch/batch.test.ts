// check over many files: --jobs, --format jsonl, --shard and merge give the same reports as one
// sequential run, byte for byte. (Behaviour only: speed is measured by npm run bench, not here.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../src/cli/commands/check.js';
import { cli } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'clausecheck-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Text contracts only (quick to check); seven of them give shards of unequal size.
const inputs = [
  'samples/weak-vendor-msa.txt',
  'samples/data-processing-addendum.txt',
  'samples/software-licence-export.txt',
  'samples/ai-api-services-agreement.txt',
  'test/corpus/docs/01-helioscale-api-terms.txt',
  'test/corpus/docs/02-nordlicht-model-api-terms.txt',
  'test/corpus/docs/03-meridian-synthient-msa.txt',
];
const out = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(out(name), 'utf8');

describe('shard partition', () => {
  it('splits the inputs into contiguous slices that cover them once, in order', () => {
    const items = Array.from({ length: 10 }, (_v, i) => i);
    const parts = [1, 2, 3].map((i) => shardOf(items, i, 3));
    expect(parts.flat()).toEqual(items);
    expect(parts.map((p) => p.length)).toEqual([3, 3, 4]);
    expect(shardOf([1, 2], 3, 3)).toEqual([2]);
    expect(shardOf([1], 1, 3)).toEqual([]);
  });

  it('reads i/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual([2, 3]);
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2', '']) expect(() => parseShard(bad), bad).toThrow(/--shard/);
  });
});

describe('check --jobs, --format jsonl, --shard and merge', () => {
  it('gives the same JSON report with a worker pool as with one job', () => {
    const one = cli(['check', ...inputs, '--jobs', '1', '--format', 'json', '--fail-on', 'none', '-o', out('one.json')]);
    expect(one.code, one.stderr).toBe(0);
    const two = cli(['check', ...inputs, '--jobs', '2', '--format', 'json', '--fail-on', 'none', '-o', out('two.json')]);
    expect(two.code, two.stderr).toBe(0);
    expect(read('two.json')).toBe(read('one.json'));
    expect(JSON.parse(read('one.json')).documents.length).toBeGreaterThan(6);
  }, 300_000);

  it('streams JSONL: a header line, then one line per document equal to the JSON report', () => {
    const r = cli(['check', ...inputs, '--jobs', '2', '--format', 'jsonl', '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const full = JSON.parse(read('one.json'));
    expect(lines[0]).toEqual({ schemaVersion: full.schemaVersion, tool: full.tool, playbook: full.playbook });
    expect(lines.slice(1)).toEqual(full.documents);
  }, 300_000);

  it('decides the exit code of a JSONL run on the worker pool as one job does (--fail-on, --baseline)', () => {
    // The workers send each document as its line and its gaps only: the exit code must still see them.
    for (const jobs of ['1', '2']) {
      const gaps = cli(['check', ...inputs, '--jobs', jobs, '--format', 'jsonl', '--fail-on', 'high']);
      expect(gaps.code, `--jobs ${jobs}: ${gaps.stderr}`).toBe(1);
      expect(gaps.stdout.trim().split('\n')).toHaveLength(inputs.length + 1);
      // Every gap is already in the baseline (the report of the first test): nothing new, exit 0.
      const known = cli(['check', ...inputs, '--jobs', jobs, '--format', 'jsonl', '--fail-on', 'low', '--baseline', out('one.json')]);
      expect(known.code, `--jobs ${jobs}: ${known.stderr}`).toBe(0);
      expect(known.stdout).toBe(gaps.stdout);
    }
  }, 300_000);

  it('merges shards 1/3, 2/3 and 3/3 (given in any order) into the unsharded report, byte for byte', () => {
    for (const i of [1, 2, 3]) {
      const format = i === 2 ? 'jsonl' : 'json';
      const r = cli(['check', ...inputs, '--shard', `${i}/3`, '--format', format, '--fail-on', 'none', '-o', out(`part${i}.${format}`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const parts = [out('part3.json'), out('part1.json'), out('part2.jsonl')];
    const m = cli(['merge', ...parts, '-o', out('merged.json'), '--fail-on', 'none']);
    expect(m.code, m.stderr).toBe(0);
    expect(read('merged.json')).toBe(read('one.json'));
    // Any format: the merged SARIF and text equal the unsharded ones (SARIF needs the line maps the parts carry).
    for (const format of ['sarif', 'text']) {
      const whole = cli(['check', ...inputs, '--jobs', '1', '--format', format, '--fail-on', 'none']);
      const merged = cli(['merge', ...parts, '--format', format, '--fail-on', 'none']);
      expect(merged.code, merged.stderr).toBe(0);
      expect(merged.stdout, format).toBe(whole.stdout);
    }
  }, 600_000);

  it('refuses a merge with a shard missing or given twice, in one line with exit 2', () => {
    const missing = cli(['merge', out('part1.json'), out('part3.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('clausecheck: missing shard 2/3');
    const twice = cli(['merge', out('part1.json'), out('part1.json'), out('part3.json')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr.trim().split('\n')).toHaveLength(1);
    expect(twice.stderr).toContain('shard 1/3 is also in');
    writeFileSync(out('junk.json'), 'not a report\n');
    const junk = cli(['merge', out('junk.json')]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('junk.json: line 1 is not JSON');
  }, 300_000);

  it('refuses --shard with a format merge cannot read, and a bad --jobs', () => {
    const r = cli(['check', 'samples/weak-vendor-msa.txt', '--shard', '1/2', '--format', 'text']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('use --format json or jsonl');
    const j = cli(['check', 'samples/weak-vendor-msa.txt', '--jobs', '0']);
    expect(j.code).toBe(2);
    expect(j.stderr).toContain('--jobs must be');
  }, 300_000);

  it('stops at the first bad file in input order with its one-line error, as one job would', () => {
    writeFileSync(out('empty.txt'), '');
    const args = ['check', 'samples/weak-vendor-msa.txt', 'samples/data-processing-addendum.txt', out('empty.txt'), 'samples/software-licence-export.txt', '--format', 'jsonl', '--fail-on', 'none'];
    const one = cli([...args, '--jobs', '1']);
    const two = cli([...args, '--jobs', '2']);
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stderr).toContain('empty.txt: file is empty');
    expect(one.stdout.trim().split('\n')).toHaveLength(3); // header + the two documents before it
  }, 300_000);
});
