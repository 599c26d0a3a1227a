import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { REQUIREMENTS } from '../../src/catalog.js';
import { BUILTIN_PLAYBOOKS, DEFAULT_PLAYBOOK, type Playbook, loadPlaybook } from '../../src/playbook/index.js';
import { InputError } from '../../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-playbook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

/** The InputError a load throws, as "file: message". */
function errorOf(nameOrFile: string): { file: string; message: string } {
  try {
    loadPlaybook(nameOrFile);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return { file: (err as InputError).file, message: (err as InputError).message };
  }
  throw new Error(`expected ${nameOrFile} to fail`);
}

const schema = JSON.parse(readFileSync(new URL('../../schemas/playbook.schema.json', import.meta.url), 'utf8')) as {
  properties: { requirements: { properties: Record<string, unknown> } };
  $defs: { params: { properties: Record<string, { properties?: Record<string, unknown> }> } };
};
const PARAMS = Object.keys(schema.$defs.params.properties);
const TERMS = Object.keys(schema.$defs.params.properties.terms!.properties!);

describe('built-in playbooks', () => {
  it('the schema knows exactly the catalog requirement IDs', () => {
    expect(Object.keys(schema.properties.requirements.properties)).toEqual(REQUIREMENTS.map((r) => r.id));
  });

  it.each(BUILTIN_PLAYBOOKS)('%s is complete: every requirement and every parameter', (name) => {
    const pb = loadPlaybook(name);
    expect(pb.name).toBe(name);
    expect(Object.keys(pb.requirements)).toEqual(REQUIREMENTS.map((r) => r.id));
    for (const r of Object.values(pb.requirements)) {
      expect(['required', 'recommended', 'ignore']).toContain(r.level);
      expect(['low', 'medium', 'high', 'critical']).toContain(r.severity);
    }
    expect(Object.keys(pb.params).sort()).toEqual([...PARAMS].sort());
    expect(Object.keys(pb.params.terms).sort()).toEqual([...TERMS].sort());
    expect(pb.sources).toEqual([name]);
  });

  it('ai-buyer takes the buyer side: data protections required, training critical', () => {
    const pb = loadPlaybook('ai-buyer');
    expect(pb.perspective).toBe('buyer');
    expect(pb.requirements['DR-NO-TRAINING']).toEqual({ level: 'required', severity: 'critical' });
    expect(pb.requirements['EC-CHANGE-IN-LAW']).toEqual({ level: 'required', severity: 'critical' });
    expect(pb.params['max-retention-days']).toBe(30);
    expect(pb.params['breach-notice-hours']).toBe(48);
  });

  it('ai-provider takes the provider side: anti-distillation required', () => {
    const pb = loadPlaybook('ai-provider');
    expect(pb.perspective).toBe('provider');
    expect(pb.requirements['AD-OUTPUT-USE']).toEqual({ level: 'required', severity: 'critical' });
    expect(pb.requirements['DR-LOG-ACCESS']!.level).toBe('ignore');
    expect(pb.params['liquidated-damages']).toBe('USD 250,000');
  });

  it('defaults to ai-buyer, and returns a fresh copy each time', () => {
    expect(DEFAULT_PLAYBOOK).toBe('ai-buyer');
    const a = loadPlaybook();
    a.params.customer = 'Changed';
    a.requirements['DR-NO-TRAINING']!.level = 'ignore';
    const b = loadPlaybook('ai-buyer');
    expect(b.params.customer).toBe('Customer');
    expect(b.requirements['DR-NO-TRAINING']!.level).toBe('required');
  });
});

describe('custom playbooks', () => {
  it('extends a built-in: overrides win, everything else is inherited', () => {
    const p = file(
      'acme-buyer.yaml',
      [
        'extends: ai-buyer',
        'requirements:',
        '  DR-LOG-ACCESS: { level: required }',
        '  AD-WATERMARK: { severity: medium }',
        'params:',
        '  customer: Acme',
        '  max-retention-days: 14',
        '  terms:',
        '    output: Completions',
        '  allowed-regions: [Germany]',
        '',
      ].join('\n'),
    );
    const pb = loadPlaybook(p);
    const base = loadPlaybook('ai-buyer');
    expect(pb.name).toBe('acme-buyer');
    expect(pb.perspective).toBe('buyer');
    expect(pb.sources).toEqual([p, 'ai-buyer']);
    expect(pb.requirements['DR-LOG-ACCESS']).toEqual({ level: 'required', severity: base.requirements['DR-LOG-ACCESS']!.severity });
    expect(pb.requirements['AD-WATERMARK']).toEqual({ level: 'ignore', severity: 'medium' });
    expect(pb.requirements['DR-NO-TRAINING']).toEqual(base.requirements['DR-NO-TRAINING']);
    expect(pb.params.customer).toBe('Acme');
    expect(pb.params.provider).toBe('Provider');
    expect(pb.params['max-retention-days']).toBe(14);
    expect(pb.params['deletion-days']).toBe(base.params['deletion-days']);
    expect(pb.params.terms.output).toBe('Completions');
    expect(pb.params.terms.input).toBe('Input');
    expect(pb.params['allowed-regions']).toEqual(['Germany']);
    expect(pb.weights).toEqual(base.weights);
  });

  it('extends another file, relative to the extending file', () => {
    file('team-base.yaml', 'extends: ai-provider\nname: team-base\nparams:\n  provider: Nimbus\n');
    const p = file('team.yaml', 'extends: ./team-base.yaml\nname: team\nparams:\n  customer: Licensee\nweights: { AD: 3 }\n');
    const pb = loadPlaybook(p);
    expect(pb.name).toBe('team');
    expect(pb.perspective).toBe('provider');
    expect(pb.params.provider).toBe('Nimbus');
    expect(pb.params.customer).toBe('Licensee');
    expect(pb.params['export-notice-days']).toBe(loadPlaybook('ai-provider').params['export-notice-days']);
    expect(pb.weights).toEqual({ AD: 3, DR: 0.5, EC: 1.5 });
    expect(pb.sources?.slice(1)).toEqual([expect.stringMatching(/team-base\.yaml$/), 'ai-provider']);
  });

  it('without extends, starts from the built-in playbook of its perspective', () => {
    const pb = loadPlaybook(file('seller.yaml', 'name: seller\nperspective: provider\nparams:\n  breach-notice-hours: 24\n'));
    const base = loadPlaybook('ai-provider');
    expect(pb.requirements).toEqual(base.requirements);
    expect(pb.params['breach-notice-hours']).toBe(24);
    expect(pb.params['max-retention-days']).toBe(base.params['max-retention-days']);
  });

  it('may change the perspective of what it extends', () => {
    const pb = loadPlaybook(file('flip.yaml', 'extends: ai-buyer\nperspective: provider\n'));
    expect(pb.perspective).toBe('provider');
  });
});

describe('bad playbooks give one clear error each, with line:col', () => {
  const cases: Array<[string, string, string]> = [
    ['typo-param.yaml', 'extends: ai-buyer\nparams:\n  max-retension-days: 30\n', "3:3 unknown field 'max-retension-days' at /params (did you mean 'max-retention-days'?)"],
    ['typo-id.yaml', 'extends: ai-buyer\nrequirements:\n  DR-NO-TRAINNG: { level: required }\n', "3:3 unknown requirement 'DR-NO-TRAINNG' (did you mean 'DR-NO-TRAINING'?)"],
    ['bad-level.yaml', 'extends: ai-buyer\nrequirements:\n  DR-NO-TRAINING:\n    level: mandatory\n', '4:12 invalid value "mandatory" at /requirements/DR-NO-TRAINING/level (one of: required, recommended, ignore)'],
    ['bad-type.yaml', 'extends: ai-buyer\nparams:\n  breach-notice-hours: seventy-two\n', '3:24 /params/breach-notice-hours must be a whole number'],
    ['too-small.yaml', 'extends: ai-buyer\nparams:\n  deletion-days: 0\n', '3:18 /params/deletion-days must be >= 1'],
    ['bad-regime.yaml', 'extends: ai-buyer\nparams:\n  sanctions-regimes: [US, RU]\n', '3:27 invalid value "RU" at /params/sanctions-regimes/1 (one of: US, EU, UK, UN)'],
    ['bad-ld.yaml', 'extends: ai-provider\nparams:\n  liquidated-damages: 5\n', '3:23 /params/liquidated-damages must be a string or null'],
    ['bad-term.yaml', "extends: ai-buyer\nparams:\n  terms:\n    output: 'Out\"put'\n", '4:13 /params/terms/output has characters that are not allowed (no line breaks, quotes, braces or angle brackets)'],
    ['empty-req.yaml', 'extends: ai-buyer\nrequirements:\n  EC-NOTIFICATION: {}\n', '3:20 /requirements/EC-NOTIFICATION is empty (give a level or a severity)'],
    ['top-typo.yaml', 'extend: ai-buyer\n', "1:1 unknown field 'extend' at / (did you mean 'extends'?)"],
    ['no-perspective.yaml', 'name: lost\nparams:\n  customer: Acme\n', "1:1 missing 'perspective' (buyer or provider) or 'extends' (ai-buyer, ai-provider or a playbook file)"],
    ['a-list.yaml', '- ai-buyer\n- ai-provider\n', '1:1 a playbook is a YAML mapping (name, perspective, requirements, params...)'],
    ['missing-base.yaml', 'extends: ./nope.yaml\n', "1:10 cannot find playbook './nope.yaml' to extend (built-in: ai-buyer, ai-provider, or a path relative to this file)"],
  ];
  it.each(cases)('%s', (name, body, expected) => {
    const p = file(name, body);
    const [, pos, message] = /^(\d+:\d+) (.*)$/.exec(expected)!;
    expect(errorOf(p)).toEqual({ file: `${p}:${pos}`, message });
  });

  it('YAML syntax errors point at the line', () => {
    const p = file('syntax.yaml', 'extends: ai-buyer\nparams:\n  provider: [Acme\n  customer: Bolt\n');
    const e = errorOf(p);
    expect(e.file).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+$`));
    expect(e.message).toMatch(/^YAML syntax: .+ \(check indentation and quoting\)$/);
    expect(Number(e.file.split(':').at(-2))).toBeGreaterThanOrEqual(3);
  });

  it('duplicate keys are a syntax error, not a silent override', () => {
    const p = file('dup.yaml', 'extends: ai-buyer\nparams:\n  customer: A\n  customer: B\n');
    const e = errorOf(p);
    expect(e.file).toBe(`${p}:4:3`);
    expect(e.message).toMatch(/^YAML syntax: .*unique/i);
  });

  it('a loop of extends is reported at the extends line', () => {
    const a = file('loop-a.yaml', 'extends: ./loop-b.yaml\n');
    file('loop-b.yaml', 'name: b\nextends: ./loop-a.yaml\n');
    const e = errorOf(a);
    expect(e.file).toMatch(/loop-b\.yaml:2:10$/);
    expect(e.message).toMatch(/^playbooks extend each other in a loop \(.*loop-a\.yaml -> .*loop-b\.yaml -> .*loop-a\.yaml\)$/);
  });

  it('an error in the extended file names that file', () => {
    file('broken-base.yaml', 'extends: ai-buyer\nparams:\n  deletion-days: -3\n');
    const child = file('child.yaml', 'extends: ./broken-base.yaml\n');
    const e = errorOf(child);
    expect(e.file).toMatch(/broken-base\.yaml:3:18$/);
    expect(e.message).toBe('/params/deletion-days must be >= 1');
  });

  it('unknown built-in names and missing files', () => {
    expect(errorOf('ai-buyr')).toEqual({ file: 'ai-buyr', message: 'playbook not found (built-in playbooks: ai-buyer, ai-provider)' });
    const missing = join(dir, 'none.yaml');
    expect(errorOf(missing)).toEqual({ file: missing, message: 'playbook not found' });
    expect(errorOf(dir)).toEqual({ file: dir, message: 'is a folder, not a playbook file' });
  });
});

describe('a YAML alias bomb', () => {
  it('is an input error naming the playbook file, not an internal error', () => {
    const f = file('bomb.yaml', 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n');
    const e = errorOf(f);
    expect(e.file).toBe(f);
    expect(e.message).toMatch(/alias/i);
  });
});

/** Keep the type import honest: a Playbook is what loadPlaybook returns. */
export type _Check = Playbook;
