import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/questionnaire/normalize.js';
import type { Question } from '../../src/questionnaire/types.js';

const yesno: Question = { id: 't.yn', group: 'g', text: 'Yes or no?', type: 'yesno', guidance: '', informs: ['SR-INCIDENTS'] };
const days: Question = { id: 't.days', group: 'g', text: 'How many days?', type: 'number', unit: 'days', guidance: '', informs: ['SR-RETENTION'] };
const hours: Question = { id: 't.hours', group: 'g', text: 'How many hours?', type: 'number', unit: 'hours', guidance: '', informs: ['DR-BREACH-NOTICE'] };
const count: Question = { id: 't.count', group: 'g', text: 'How many?', type: 'number', unit: 'count', guidance: '', informs: ['SR-INCIDENTS'] };
const choice: Question = {
  id: 't.choice',
  group: 'g',
  text: 'Where?',
  type: 'choice',
  choices: [
    { value: 'vendor-api', label: 'Vendor-hosted API', synonyms: ['saas'] },
    { value: 'on-premises', label: 'On premises', synonyms: ['on-prem'] },
  ],
  guidance: '',
  informs: ['SR-DEPLOYMENT'],
};
const multi: Question = { ...choice, id: 't.multi', multiple: true };
const text: Question = { id: 't.text', group: 'g', text: 'Name?', type: 'text', guidance: '', informs: ['SR-JURISDICTION'] };

describe('yes / no answers', () => {
  it.each([
    ['Y', 'yes'],
    ['yes', 'yes'],
    ['TRUE', 'yes'],
    [true, 'yes'],
    ['✓', 'yes'],
    ['✔ done', 'yes'],
    ['Yes - see policy', 'yes'],
    ['Yes, subject to the DPA', 'yes'],
    [1, 'yes'],
    ['N', 'no'],
    ['No', 'no'],
    [false, 'no'],
    ['FALSE', 'no'],
    ['✗', 'no'],
    ['None', 'no'],
    ['No, except for flagged content', 'no'],
    [0, 'no'],
    ['N/A', 'na'],
    ['n/a - on premises', 'na'],
    ['Not applicable', 'na'],
    ['NA', 'na'],
    ['Partial', 'partial'],
    ['Partially', 'partial'],
    ['In progress', 'partial'],
    ['Planned', 'partial'],
    ['Yes, partially', 'partial'],
    ['', 'unanswered'],
    ['   ', 'unanswered'],
    [null, 'unanswered'],
    ['TBD', 'unanswered'],
    ['?', 'unanswered'],
  ] as const)('%j -> %s', (raw, kind) => {
    const n = normalize(yesno, raw);
    expect(n.value.kind).toBe(kind);
    expect(n.error).toBeUndefined();
  });

  it.each([['Maybe'], ['On request'], [2], ['Yesterday we did']])('%j is the wrong type (text kept, error set)', (raw) => {
    const n = normalize(yesno, raw);
    expect(n.value).toEqual({ kind: 'text', value: String(raw) });
    expect(n.error).toBe('expected Yes, No, N/A or Partial');
  });
});

describe('numbers with a unit', () => {
  it.each([
    [30, 30],
    ['30', 30],
    ['30 days', 30],
    ['thirty (30) days', 30],
    ['thirty days', 30],
    ['1 month', 30],
    ['one month', 30],
    ['2 weeks', 14],
    ['1 year', 365],
    ['72 hours', 3],
    ['up to 45', 45],
    ['90-day rolling window', 90],
    ['30 days (90 days for flagged content)', 90],
    ['0', 0],
    ['None', 0],
    ['Not retained', 0],
    ['zero data retention', 0],
    ['thirty', 30],
  ] as const)('days: %j -> %d', (raw, n) => {
    expect(normalize(days, raw)).toEqual({ value: { kind: 'number', value: n, unit: 'days', days: n } });
  });

  it.each([
    [72, 72, 3],
    ['72 hours', 72, 3],
    ['3 days', 72, 3],
    ['forty-eight (48) hours', 48, 2],
    ['36', 36, 1.5],
  ] as const)('hours: %j -> %d hours (%d days)', (raw, value, d) => {
    expect(normalize(hours, raw)).toEqual({ value: { kind: 'number', value, unit: 'hours', days: d } });
  });

  it.each([
    ['Retained for 90 days … then permanently deleted', 90],
    ['Logs are kept 30 days and purged thereafter', 30],
    ['We keep prompts for 14 days, after which they are anonymised', 14],
    ['Held 60 days, then deleted permanently from all systems', 60],
    ['6 months followed by permanent deletion', 180], // a month counts 30 days here
  ])('%j keeps its number despite the tail', (raw, n) => {
    const v = normalize(days, raw as string).value as { kind: string; value: number };
    expect(v.kind).toBe('number');
    expect(v.value).toBeCloseTo(n as number, 0);
  });

  it.each(['Indefinitely', 'as long as necessary', 'until deleted by the customer', 'No limit', 'Stored permanently'])('%j is unbounded', (raw) => {
    expect(normalize(days, raw)).toEqual({ value: { kind: 'unbounded', unit: 'days' } });
  });

  it('counts take whole numbers; "none" is 0; a unit-less phrase is the wrong type', () => {
    expect(normalize(count, '3 incidents').value).toEqual({ kind: 'number', value: 3, unit: 'count' });
    expect(normalize(count, 'none').value).toEqual({ kind: 'number', value: 0, unit: 'count' });
    expect(normalize(count, 2.5).error).toBe('expected a whole number');
    expect(normalize(count, 'several').error).toBe('expected a whole number');
  });

  it.each(['Yes', 'We notify promptly', 'on request', true])('days: %j is the wrong type', (raw) => {
    const n = normalize(days, raw);
    expect(n.value.kind).toBe('text');
    expect(n.error).toBe('expected a number of days');
  });

  it('N/A and blanks are not numbers but not errors either', () => {
    expect(normalize(days, 'N/A')).toEqual({ value: { kind: 'na' } });
    expect(normalize(days, '')).toEqual({ value: { kind: 'unanswered' } });
  });

  it('negative numbers are the wrong type', () => {
    expect(normalize(days, -5).error).toBe('expected a number of days');
  });
});

describe('choices and text', () => {
  it('matches a label, a value or a synonym, in any case and punctuation', () => {
    expect(normalize(choice, 'Vendor-hosted API').value).toEqual({ kind: 'choice', values: ['vendor-api'] });
    expect(normalize(choice, 'vendor hosted api').value).toEqual({ kind: 'choice', values: ['vendor-api'] });
    expect(normalize(choice, 'on-premises').value).toEqual({ kind: 'choice', values: ['on-premises'] });
    expect(normalize(choice, 'SaaS').value).toEqual({ kind: 'choice', values: ['vendor-api'] });
    expect(normalize(choice, 'Vendor-hosted API (EU region)').value).toEqual({ kind: 'choice', values: ['vendor-api'] });
  });

  it('reads several values for a multiple choice, and rejects one unknown value', () => {
    expect(normalize(multi, 'On premises; SaaS').value).toEqual({ kind: 'choice', values: ['on-premises', 'vendor-api'] });
    const bad = normalize(multi, 'On premises, satellite');
    expect(bad.value.kind).toBe('text');
    expect(bad.error).toMatch(/^expected one or more of: Vendor-hosted API; On premises$/);
  });

  it('a single choice with two values is the wrong type', () => {
    expect(normalize(choice, 'On premises, SaaS').error).toMatch(/^expected one of/);
  });

  it('text keeps the answer (whitespace collapsed); "None" is n/a', () => {
    expect(normalize(text, '  Halyard   Labs,\nInc. ').value).toEqual({ kind: 'text', value: 'Halyard Labs, Inc.' });
    expect(normalize(text, 'None').value).toEqual({ kind: 'na' });
    expect(normalize(text, 42).value).toEqual({ kind: 'text', value: '42' });
  });
});
