// The evaluation's DOCX/PDF generator keeps list items as separate paragraphs, as a word processor does.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../scripts/lib/docgen.js';

const SOURCE = [
  'Intro line one',
  'wrapped onto a second line.',
  '',
  'You must not use the service to:',
  '- copy the model;',
  '  - nested dash item;',
  '1. scrape outputs;',
  '(b) share keys; or',
  'a) resell access.',
  '',
  '4.1.2 The first sub-clause of a clause.',
  '4.1.3 The next sub-clause, on the next line.',
  '| Region | Hosting |',
  '| EU | Frankfurt |',
].join('\n');

describe('parseSource listLines', () => {
  it('joins wrapped lines but splits lines that start list items', () => {
    const texts = parseSource(SOURCE, { listLines: true }).map((p) => ('label' in p && p.label ? `${p.label} ${p.text}` : p.text));
    expect(texts).toEqual([
      'Intro line one wrapped onto a second line.',
      'You must not use the service to:',
      '- copy the model;',
      '- nested dash item;',
      '1. scrape outputs;',
      '(b) share keys; or',
      'a) resell access.',
      '4.1.2 The first sub-clause of a clause.',
      '4.1.3 The next sub-clause, on the next line.',
      '| Region | Hosting |',
      '| EU | Frankfurt |',
    ]);
  });
  it('without the option keeps one paragraph per blank-line block (samples and fixtures stay as they are)', () => {
    expect(parseSource(SOURCE)).toHaveLength(3);
  });
});
