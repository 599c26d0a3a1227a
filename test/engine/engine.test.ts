import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/index.js';
import { compileRules } from '../../src/engine/compile.js';
import { findDurations } from '../../src/engine/durations.js';
import { loadRules } from '../../src/rules/load.js';
import { inflections, parsePhrase } from '../../src/rules/phrase.js';

// The shipped packs' defined-term kinds (the engine holds no wording of its own).
const shipped = readFileSync(new URL('../../rules/shared-terms.yaml', import.meta.url), 'utf8');
const DEFINED_TERMS = shipped.slice(shipped.indexOf('\ndefined-terms:'));

function rulesDir(rules: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cc-engine-'));
  mkdirSync(join(root, 'p'));
  writeFileSync(join(root, 'shared-terms.yaml'), `terms:\n  data: [customer data, input~, prompt~]\n  model: [model~, LLM~]\n${DEFINED_TERMS}`);
  for (const [name, body] of Object.entries(rules)) writeFileSync(join(root, 'p', `${name}.yaml`), body);
  return root;
}
const rule = (requirement: string, proves: string, match: string, extra = '') =>
  `requirement: ${requirement}\nproves: ${proves}\ntitle: test rule\n${extra}match:\n${match}\ntests:\n  invalid: [x]\n  valid: [y]\n`;

const NO_TRAIN_MET = rule('DR-NO-TRAINING', 'met', `  all:
    - party: provider
    - modality: prohibition
    - near: [{ phrase: [use~, train~] }, { term: data }, { term: model }]
      within: 10`);
const NO_TRAIN_CONFLICT = rule('DR-NO-TRAINING', 'conflict', `  all:
    - party: provider
    - modality: permission
    - near: [{ phrase: [use~, train~, improve~] }, { term: data }, { term: model }]
      within: 10
    - not: { phrase: [de identified, aggregated] }`);
const NO_TRAIN_CARVE = rule('DR-NO-TRAINING', 'partial', `  all:
    - near: [{ phrase: [de identified, aggregated, anonymi*] }, { term: data }]
      within: 6`, 'carve-out: true\n');
const NO_TRAIN_OPT_OUT = rule('DR-NO-TRAINING', 'partial', `  all:
    - phrase: [opt out, turn * off, turn off, switch off, disable~]`, 'softens-conflict: true\n');
const RETENTION = rule('DR-RETENTION-PERIOD', 'met', `  all:
    - phrase: [retain~, keep~, store~]
    - duration: { max-days: 400 }`, 'extract: duration\n');
const SECTION_SCOPE = rule('EC-COMPLIANCE', 'met', `  all:
    - heading: { phrase: export }
    - phrase: comply~`, 'scope: section\n');

describe('engine', () => {
  const dir = rulesDir({ met: NO_TRAIN_MET, conflict: NO_TRAIN_CONFLICT, carve: NO_TRAIN_CARVE, retention: RETENTION, section: SECTION_SCOPE, optout: NO_TRAIN_OPT_OUT });
  const status = (text: string, id: string) => checkText(text, { rulesDir: dir }).requirements.find((r) => r.id === id)!;

  it('decides by modality and party, not by the word "not"', () => {
    expect(status('Provider will not use Customer Data to train its models.', 'DR-NO-TRAINING').status).toBe('met');
    expect(status('Provider may use Customer Data to improve its models.', 'DR-NO-TRAINING').status).toBe('conflict');
    expect(status('Customer will not use Customer Data to train its models.', 'DR-NO-TRAINING').status).toBe('missing');
    expect(status('Provider may use the weather report to train its models.', 'DR-NO-TRAINING').status).toBe('missing');
  });

  it('lets conflict outrank met and keeps the evidence of both', () => {
    const r = status('Provider will not use Customer Data to train models. However, Provider may use Inputs to improve its models.', 'DR-NO-TRAINING');
    expect(r.status).toBe('conflict');
    expect(r.evidence.map((e) => e.proves)).toEqual(['conflict', 'met']);
  });

  it('lets a carve-out downgrade met to partial', () => {
    const r = status('Provider will not use Customer Data to train models. Provider may use aggregated Customer Data for analytics.', 'DR-NO-TRAINING');
    expect(r.status).toBe('partial');
    expect(r.notes.join(' ')).toContain('carve-out');
  });

  it('softens a conflict to partial when an opt-out sits in the same clause, not elsewhere', () => {
    const same = status('Provider may use Customer Data to improve its models. You can turn this off in your settings.', 'DR-NO-TRAINING');
    expect(same.status).toBe('partial');
    expect(same.notes.join(' ')).toContain('softened');
    const apart = status('Provider may use Customer Data to improve its models.\n\nYou can turn notifications off in your settings.', 'DR-NO-TRAINING');
    expect(apart.status).toBe('conflict');
  });

  it('respects the near window', () => {
    const far = 'Provider will not use Customer Data, which is collected through the portal, stored in the primary database cluster and backed up nightly to a secondary region, to train models.';
    expect(status(far, 'DR-NO-TRAINING').status).toBe('missing');
  });

  it('reports evidence with an exact quote, offsets, page and section', () => {
    const text = '1. General\n\nNothing here.\n\f\n2. Data\n\n2.1 Provider will not use Customer Data to train its models.';
    const r = status(text, 'DR-NO-TRAINING');
    const e = r.evidence[0]!;
    expect(text.slice(e.start, e.end)).toBe(e.quote);
    expect(e.quote).toBe('2.1 Provider will not use Customer Data to train its models.');
    expect(e.page).toBe(2);
    expect(e.section).toBe('2.1');
    expect(e.rule).toBe('p/met');
  });

  it('extracts and compares durations', () => {
    const r = status('Provider shall retain Inputs for thirty (30) days.', 'DR-RETENTION-PERIOD');
    expect(r.status).toBe('met');
    expect(r.evidence[0]!.value).toMatchObject({ kind: 'duration', amount: 30, unit: 'day', days: 30 });
    expect(status('Provider shall retain Inputs for five (5) years.', 'DR-RETENTION-PERIOD').status).toBe('missing');
  });

  it('extracts the duration the rule matched, not merely the first one', () => {
    const r = status('For ten years from signature, Provider shall retain Inputs for thirty (30) days.', 'DR-RETENTION-PERIOD');
    expect(r.status).toBe('met');
    expect(r.evidence[0]!.value).toMatchObject({ amount: 30, unit: 'day' });
  });

  it("treats a document's defined name for outputs or customer data as those words", () => {
    const defined = '"Creations" means any audio generated by the Services for you.\n\nProvider will not use Creations to train its models.';
    // The definition maps "Creations" to outputs, not to customer data: no DR-NO-TRAINING hit.
    expect(status(defined, 'DR-NO-TRAINING').status).toBe('missing');
    const inputs = 'Anything you upload to the Services (your "Materials") stays yours.\n\nProvider will not use Materials to train its models.';
    expect(status(inputs, 'DR-NO-TRAINING').status).toBe('met');
    const numbered = '1.1 "Agency Records" means the prompts and other inputs the Agency submits.\n\nProvider will not use Agency Records to train its models.';
    expect(status(numbered, 'DR-NO-TRAINING').status).toBe('met');
    // An outputs definition that mentions inputs further on is about outputs only.
    const outputsDef = '"Results" means any content that the Services generate from Inputs.\n\nProvider will not use Results to train its models.';
    expect(status(outputsDef, 'DR-NO-TRAINING').status).toBe('missing');
    // Without the definition the name means nothing.
    expect(status('Provider will not use Materials to train its models.', 'DR-NO-TRAINING').status).toBe('missing');
    // A name whose definition only mentions outputs further on ("a model that produces outputs") is not an alias.
    const model = '"Engine" means the model that produces outputs for you.\n\nProvider will not use Engine to train its models.';
    expect(status(model, 'DR-NO-TRAINING').status).toBe('missing');
  });

  it('evaluates section scope with the section heading', () => {
    const text = '7. Export Control\n\n7.1 Each party shall comply with the laws described here.\n\n8. Fees\n\n8.1 Customer shall comply with the payment terms.';
    const r = status(text, 'EC-COMPLIANCE');
    expect(r.status).toBe('met');
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0]!.section).toBe('7.1');
  });

  it('never lets a definition, heading or table of contents satisfy a rule alone', () => {
    expect(status('"Training Restriction" means that Provider will not use Customer Data to train its models.', 'DR-NO-TRAINING').status).toBe('missing');
  });

  it('lists every requirement in catalog order', () => {
    const ids = checkText('Nothing.', { rulesDir: dir }).requirements.map((r) => r.id);
    expect(ids).toHaveLength(28);
    expect(ids[0]).toBe('AD-OUTPUT-USE');
    expect(ids[27]).toBe('EC-NOTIFICATION');
  });

  it('compiles phrases once: a rule reusing known words adds no atoms, and every rule has trigger words', () => {
    const base = compileRules(loadRules(dir));
    const more = compileRules(loadRules(rulesDir({ met: NO_TRAIN_MET, conflict: NO_TRAIN_CONFLICT, carve: NO_TRAIN_CARVE, retention: RETENTION, section: SECTION_SCOPE, optout: NO_TRAIN_OPT_OUT, again: NO_TRAIN_MET })));
    expect(more.rules).toHaveLength(base.rules.length + 1);
    expect(more.atomCount).toBe(base.atomCount);
    for (const r of base.rules) expect(r.triggers?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('phrases', () => {
  it('inflects verbs and nouns', () => {
    expect(inflections('use')).toEqual(expect.arrayContaining(['use', 'uses', 'used', 'using']));
    expect(inflections('apply')).toEqual(expect.arrayContaining(['applies', 'applied', 'applying']));
    expect(inflections('stop')).toEqual(expect.arrayContaining(['stopped', 'stopping']));
    expect(inflections('train')).toEqual(expect.arrayContaining(['trains', 'trained', 'training']));
    expect(inflections('agree')).toEqual(expect.arrayContaining(['agrees', 'agreed', 'agreeing']));
    expect(inflections('agree')).not.toContain('agreeed');
  });
  it('expands optional words and rejects phrases that match anything', () => {
    expect(parsePhrase('the? output~')).toHaveLength(2);
    expect(() => parsePhrase('*')).toThrow();
    expect(() => parsePhrase('ab*')).toThrow();
  });
  it('reads a|b~|c as one word slot holding any of the words, each inflected on its own', () => {
    const [alt, ...rest] = parsePhrase('your|users question~|file');
    expect(rest).toHaveLength(0);
    expect(alt).toHaveLength(2);
    expect(alt![0]).toEqual({ kind: 'exact', words: ['your', 'users'] });
    const second = alt![1] as { words: string[] };
    expect(second.words).toEqual(expect.arrayContaining(['question', 'questions', 'file']));
    expect(second.words).not.toContain('files');
    expect(parsePhrase('the? draft|final report')).toHaveLength(2);
    expect(() => parsePhrase('your|customer s data')).not.toThrow();
    expect(() => parsePhrase("your|customer's data")).toThrow(/one plain word/);
    expect(() => parsePhrase('your|cust* data')).toThrow(/one plain word/);
  });
  it('matches an alternation slot in a document like the words listed one by one', () => {
    const alt = rulesDir({ r: NO_TRAIN_MET.replace('{ term: data }', '{ phrase: "your|the prompt~|upload~" }') });
    const status = (text: string) => checkText(text, { rulesDir: alt }).requirements.find((r) => r.id === 'DR-NO-TRAINING')!.status;
    expect(status('Provider shall not use your uploads to train any model.')).toBe('met');
    expect(status('Provider shall not use the prompt to train any model.')).toBe('met');
    expect(status('Provider shall not use your invoices to train any model.')).toBe('missing');
    expect(status('Provider shall not use our prompts to train any model.')).toBe('missing');
  });
});

describe('durations', () => {
  const cases: Array<[string, number, string]> = [
    ['thirty (30) days', 30 * 24, 'day'],
    ['72 hours', 72, 'hour'],
    ['within one month', 720, 'month'],
    ['a 90-day period', 90 * 24, 'day'],
    ['two (2) business days', 48, 'day'],
    ['one year', 8760, 'year'],
    ['forty-five days', 45 * 24, 'day'],
  ];
  for (const [text, hours, unit] of cases) {
    it(text, () => {
      const [d] = findDurations(text);
      expect(d).toBeDefined();
      expect(d!.hours).toBe(hours);
      expect(d!.unit).toBe(unit);
    });
  }
  it('finds no duration in plain numbers or section references', () => {
    expect(findDurations('Section 30 and 72 of the Agreement, version 2.')).toHaveLength(0);
  });
});

describe('near over an any-of child', () => {
  // The any-of child lists its first phrase's hits, then its second's: out of text order when the
  // second phrase comes first. An ordered near must still find the nearest hit after the previous one.
  const dir = rulesDir({
    mark: rule('AD-WATERMARK', 'met', `  all:
    - near:
        - { phrase: [remove] }
        - any:
            - { phrase: [label] }
            - { phrase: [watermark] }
      within: 1
      ordered: true`),
  });
  const status = (text: string) => checkText(text, { rulesDir: dir }).requirements.find((r) => r.id === 'AD-WATERMARK')!.status;

  it('finds the window through the hit that comes first in the text', () => {
    expect(status('Customer shall not remove any watermark from generated media, nor change its label.')).toBe('met');
    expect(status('Customer shall not remove the old media files, but a label or watermark stays.')).toBe('missing');
  });
});
