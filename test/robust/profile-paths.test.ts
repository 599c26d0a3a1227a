// A vendor profile may name only files beside or below it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/risk/profile.js';
import { InputError } from '../../src/types.js';
import { cli } from '../cli/helpers.js';

function profile(contracts: string[], questionnaire?: string): string {
  const d = join(mkdtempSync(join(tmpdir(), 'cc-prof-')), 'vendor');
  mkdirSync(join(d, 'docs'), { recursive: true });
  writeFileSync(join(d, 'docs', 'terms.txt'), 'The provider shall not train models on customer data.\n');
  const f = join(d, 'vendor.yaml');
  writeFileSync(f, `name: Example Vendor\ncountry: GB\ncontracts: ${JSON.stringify(contracts)}\n${questionnaire ? `questionnaire: ${questionnaire}\n` : ''}`);
  return f;
}

function refusal(f: string): InputError {
  try {
    loadProfile(f);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected the profile to be refused');
}

describe('vendor profile paths', () => {
  it('accepts paths beside and below the profile', () => {
    const f = profile(['docs/terms.txt', './docs/../docs/terms.txt']);
    expect(loadProfile(f).contracts).toEqual([join(f, '..', 'docs', 'terms.txt'), join(f, '..', 'docs', 'terms.txt')]);
  });

  it('refuses a contract path that climbs out, naming the profile and the path', () => {
    const f = profile(['docs/terms.txt', '../../x.txt']);
    const e = refusal(f);
    expect(e.file).toMatch(new RegExp(`^${f.replace(/[.]/g, '[.]')}:3:`));
    expect(e.message).toContain("contract path '../../x.txt' leaves the profile's folder");
    expect(refusal(profile(['docs/../../x.txt'])).message).toContain('leaves the profile');
  });

  it('refuses an absolute contract or questionnaire path', () => {
    expect(refusal(profile(['/etc/hostname'])).message).toContain("contract path '/etc/hostname' is absolute");
    expect(refusal(profile([], '/tmp/q.yaml')).message).toContain("questionnaire path '/tmp/q.yaml' is absolute");
  });

  it('assess exits 2 with one line', () => {
    const f = profile(['../../../etc/hostname']);
    const r = cli(['assess', '--profile', f]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("contract path '../../../etc/hostname' leaves the profile's folder");
  });
});
