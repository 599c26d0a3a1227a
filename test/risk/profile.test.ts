import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, screeningSubjects } from '../../src/risk/profile.js';
import { loadRiskConfig } from '../../src/risk/config.js';
import { InputError } from '../../src/types.js';

function write(text: string, name = 'vendor.yaml'): string {
  const d = mkdtempSync(join(tmpdir(), 'cc-profile-'));
  const f = join(d, name);
  writeFileSync(f, text);
  return f;
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('vendor profile', () => {
  it('loads every sample profile', () => {
    for (const v of ['lumenfield', 'tesseract-dynamics', 'crimson-lattice', 'quartzline', 'meadowbrook', 'orbital-notes', 'fernhill-translate', 'saltmarsh-ocr']) {
      expect(loadProfile(`samples/portfolio/${v}/vendor.yaml`).profile.name).toBeTruthy();
    }
  });

  it('lists the vendor, parent, owners and subprocessors for screening', () => {
    const f = write(`name: Acme AI Ltd
aliases: [阿克米人工智能有限公司]
country: GB
parent: { name: Acme Holdings plc, country: GB, share: 100 }
ultimateOwner: { name: Big Fund LP, country: US }
owners: [{ name: Minor Investor GmbH, country: DE, share: 5 }]
subprocessors: [{ name: Cloudy Hosting Inc, country: US }]
`);
    expect(screeningSubjects(loadProfile(f).profile).map((s) => [s.role, s.name])).toEqual([
      ['vendor', 'Acme AI Ltd'],
      ['parent', 'Acme Holdings plc'],
      ['ultimate-owner', 'Big Fund LP'],
      ['owner', 'Minor Investor GmbH'],
      ['subprocessor', 'Cloudy Hosting Inc'],
    ]);
  });

  it('reports an unknown field at its line and column, with the field it is a typo of', () => {
    const f = write('name: Acme\ncountry: GB\ndeploymnet: vendor-api\n');
    const e = errorOf(() => loadProfile(f));
    expect(e.file).toBe(`${f}:3:1`);
    expect(e.message).toBe("unknown field 'deploymnet' at / (did you mean 'deployment'?)");
  });

  it('reports a bad enum value and a bad country code where they are', () => {
    const f = write('name: Acme\ncountry: GB\ndataCategories:\n  - public\n  - secret\n');
    const e = errorOf(() => loadProfile(f));
    expect(e.file).toBe(`${f}:5:5`);
    expect(e.message).toMatch(/one of: public, internal/);
    const g = write('name: Acme\ncountry: Germany\n');
    expect(errorOf(() => loadProfile(g)).file).toBe(`${g}:2:10`);
  });

  it('reports missing required fields, YAML syntax errors, and owner shares over 100%', () => {
    const f = write('name: Acme\n');
    expect(errorOf(() => loadProfile(f)).message).toMatch(/missing required field 'country'/);
    const g = write('name: [Acme\ncountry: GB\n');
    expect(errorOf(() => loadProfile(g)).message).toMatch(/YAML syntax/);
    const h = write('name: A\ncountry: GB\nowners:\n  - { name: X, share: 60 }\n  - { name: Y, share: 50 }\n');
    expect(errorOf(() => loadProfile(h)).message).toMatch(/110%/);
  });
});

describe('risk config', () => {
  it('overrides weights, tiers and floors, at top level or under risk:', () => {
    const f = write('weights: { SR-INCIDENTS: 20 }\ntiers: { medium: 20 }\nfloors: { restricted-list-review: none }\n', 'risk.yaml');
    const c = loadRiskConfig(f);
    expect(c.weights['SR-INCIDENTS']).toBe(20);
    expect(c.weights.AD).toBe(10);
    expect(c.tiers).toEqual({ medium: 20, high: 50, critical: 75 });
    expect(c.floors['restricted-list-review']).toBe('none');
    const g = write('name: my-playbook\nrisk:\n  unknown-risk: 70\n', 'pb.yaml');
    expect(loadRiskConfig(g).unknownRisk).toBe(70);
  });

  it('rejects unknown factors and falling tier thresholds with file:line', () => {
    const f = write('weights:\n  SR-FOO: 3\n', 'risk.yaml');
    expect(errorOf(() => loadRiskConfig(f)).file).toBe(`${f}:2:3`);
    const g = write('risk:\n  tiers: { medium: 60, high: 50 }\n', 'risk.yaml');
    expect(errorOf(() => loadRiskConfig(g)).message).toMatch(/must rise/);
  });
});

describe('a YAML alias bomb', () => {
  it('is an input error naming the file, for a profile and a risk config', () => {
    for (const load of [loadProfile, loadRiskConfig]) {
      const f = write('a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', 'bomb.yaml');
      let err: unknown;
      try {
        load(f);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).file).toBe(f);
      expect((err as Error).message).toMatch(/alias/i);
    }
  });
});
