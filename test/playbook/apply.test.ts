import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { suggestClause } from '../../src/clauses/index.js';
import { applyPlaybook } from '../../src/clauses/apply.js';
import { loadPlaybook, severityFor } from '../../src/playbook/index.js';
import type { Evidence, RequirementResult, Status } from '../../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-apply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function result(id: string, status: Status, evidence: Evidence[] = [], extra: Partial<RequirementResult> = {}): RequirementResult {
  return { id, title: REQUIREMENTS.find((r) => r.id === id)!.title, status, severity: 'medium', evidence, suggestion: '', notes: [], ...extra };
}

function duration(amount: number, unit: 'hour' | 'day' | 'month', text: string, section = '5.4'): Evidence {
  const days = unit === 'hour' ? amount / 24 : unit === 'month' ? amount * 30 : amount;
  return { quote: `kept for ${text}`, page: 1, section, start: 100, end: 130, rule: 'data-retention/x', proves: 'met', value: { kind: 'duration', text, amount, unit, days } };
}

describe('severity from the playbook', () => {
  it('follows level and status', () => {
    const required = { level: 'required', severity: 'high' } as const;
    const recommended = { level: 'recommended', severity: 'medium' } as const;
    expect(severityFor('met', required)).toBe('none');
    expect(severityFor('missing', required)).toBe('high');
    expect(severityFor('partial', required)).toBe('medium');
    expect(severityFor('conflict', required)).toBe('critical');
    expect(severityFor('missing', recommended)).toBe('medium');
    expect(severityFor('partial', recommended)).toBe('low');
    expect(severityFor('conflict', recommended)).toBe('high');
    expect(severityFor('partial', { level: 'required', severity: 'low' })).toBe('low');
    expect(severityFor('conflict', { level: 'recommended', severity: 'critical' })).toBe('critical');
    expect(severityFor('missing', { level: 'ignore', severity: 'critical' })).toBe('none');
    expect(severityFor('conflict', { level: 'ignore', severity: 'critical' })).toBe('none');
  });

  it('applies the built-in buyer and provider views to the same results', () => {
    const results = [result('DR-NO-TRAINING', 'missing'), result('AD-OUTPUT-USE', 'missing'), result('AD-WATERMARK', 'conflict')];
    const buyer = applyPlaybook(results, loadPlaybook('ai-buyer'));
    const provider = applyPlaybook(results, loadPlaybook('ai-provider'));
    expect(buyer.map((r) => r.severity)).toEqual(['critical', 'low', 'none']);
    expect(provider.map((r) => r.severity)).toEqual(['medium', 'critical', 'medium']);
  });
});

describe('limits on extracted durations', () => {
  const buyer = loadPlaybook('ai-buyer'); // 30-day retention, 30-day deletion, 48-hour breach notice

  it('a retention period over the limit turns met into partial, with the numbers', () => {
    const [r] = applyPlaybook([result('DR-RETENTION-PERIOD', 'met', [duration(90, 'day', 'ninety (90) days')])], buyer);
    expect(r!.status).toBe('partial');
    expect(r!.notes).toEqual(['90 days exceeds the 30-day retention limit of playbook ai-buyer (§5.4)']);
    expect(r!.severity).toBe('medium'); // required/high one level lower
  });

  it('a period within the limit stays met, and so does one equal to it', () => {
    for (const d of [duration(14, 'day', '14 days'), duration(30, 'day', 'thirty (30) days'), duration(24, 'hour', '24 hours')]) {
      const [r] = applyPlaybook([result('DR-RETENTION-PERIOD', 'met', [d])], buyer);
      expect(r!.status).toBe('met');
      expect(r!.notes).toEqual([]);
      expect(r!.severity).toBe('none');
    }
  });

  it('months are shown with their length in days', () => {
    const [r] = applyPlaybook([result('DR-DELETION', 'met', [duration(2, 'month', 'two months', '12.1')])], buyer);
    expect(r!.status).toBe('partial');
    expect(r!.notes).toEqual(['2 months (60 days) exceeds the 30-day deletion limit of playbook ai-buyer (§12.1)']);
  });

  it('breach notice is compared in hours', () => {
    const [late] = applyPlaybook([result('DR-BREACH-NOTICE', 'met', [duration(5, 'day', 'five (5) days', '9')])], buyer);
    expect(late!.status).toBe('partial');
    expect(late!.notes).toEqual(['5 days (120 hours) exceeds the 48-hour breach-notice limit of playbook ai-buyer (§9)']);
    const [ok] = applyPlaybook([result('DR-BREACH-NOTICE', 'met', [duration(72, 'hour', '72 hours', '9')])], loadPlaybook('ai-provider'));
    expect(ok!.status).toBe('met');
    const [tight] = applyPlaybook([result('DR-BREACH-NOTICE', 'met', [duration(72, 'hour', '72 hours', '9')])], buyer);
    expect(tight!.notes).toEqual(['72 hours exceeds the 48-hour breach-notice limit of playbook ai-buyer (§9)']);
  });

  it('a zero-retention playbook rejects any stated period', () => {
    const p = join(dir, 'zdr.yaml');
    writeFileSync(p, 'extends: ai-buyer\nname: zdr\nparams:\n  max-retention-days: 0\n');
    const [r] = applyPlaybook([result('DR-RETENTION-PERIOD', 'met', [duration(1, 'day', 'one (1) day', '')])], loadPlaybook(p));
    expect(r!.status).toBe('partial');
    expect(r!.notes).toEqual(['1 day exceeds the zero-retention limit of playbook zdr']);
  });

  it('only met evidence counts, and only for met results', () => {
    const partialEv = { ...duration(400, 'day', '400 days'), proves: 'partial' as const };
    const [a] = applyPlaybook([result('DR-RETENTION-PERIOD', 'met', [duration(20, 'day', '20 days'), partialEv])], buyer);
    expect(a!.status).toBe('met');
    const [b] = applyPlaybook([result('DR-RETENTION-PERIOD', 'conflict', [duration(400, 'day', '400 days')])], buyer);
    expect(b!.status).toBe('conflict');
    expect(b!.notes).toEqual([]);
    // Requirements without a limit ignore durations.
    const [c] = applyPlaybook([result('EC-NOTIFICATION', 'met', [duration(90, 'day', '90 days')])], buyer);
    expect(c!.status).toBe('met');
  });

  it('one over-limit period among several is enough, and notes from the engine are kept', () => {
    const [r] = applyPlaybook(
      [result('DR-RETENTION-PERIOD', 'met', [duration(14, 'day', '14 days', '5.1'), duration(180, 'day', '180 days', '5.3')], { notes: ['engine note'] })],
      buyer,
    );
    expect(r!.status).toBe('partial');
    expect(r!.notes).toEqual(['engine note', '180 days exceeds the 30-day retention limit of playbook ai-buyer (§5.3)']);
  });
});

describe('deadlines', () => {
  it('a breach-notice deadline is met by its strictest commitment', () => {
    const buyer = loadPlaybook('ai-buyer');
    const limit = buyer.params['breach-notice-hours'];
    const [r] = applyPlaybook(
      [result('DR-BREACH-NOTICE', 'met', [duration(limit / 24 / 2, 'day', 'half the limit', '6.4'), duration(3, 'day', '72 hours', '6.4')])],
      buyer,
    );
    expect(r!.status).toBe('met');
    const [late] = applyPlaybook([result('DR-BREACH-NOTICE', 'met', [duration(limit / 24 + 1, 'day', 'too late', '6.4')])], buyer);
    expect(late!.status).toBe('partial');
  });
});

describe('suggestions', () => {
  it('fills empty suggestions of gaps with the playbook clause, and leaves the rest alone', () => {
    const buyer = loadPlaybook('ai-buyer');
    const input = [
      result('DR-NO-TRAINING', 'conflict'),
      result('DR-DELETION', 'met'),
      result('AD-WATERMARK', 'missing'), // ignored by ai-buyer
      result('EC-NOTIFICATION', 'missing', [], { suggestion: 'keep me' }),
      result('DR-LOCATION', 'missing'),
    ];
    const snapshot = JSON.stringify(input);
    const out = applyPlaybook(input, buyer);
    expect(JSON.stringify(input)).toBe(snapshot); // input untouched
    expect(out[0]!.suggestion).toBe(suggestClause('DR-NO-TRAINING', { playbook: buyer, status: 'conflict' }));
    expect(out[0]!.suggestion).toMatch(/^Provider shall not use Customer Data/);
    expect(out[0]!.suggestion).toContain('This clause prevails over any provision of the Agreement that is inconsistent with it.');
    expect(out[1]!.suggestion).toBe('');
    expect(out[2]!.suggestion).toBe('');
    expect(out[3]!.suggestion).toBe('keep me');
    expect(out[4]!.suggestion).toContain('European Economic Area');
  });
});
