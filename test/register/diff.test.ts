import { describe, expect, it } from 'vitest';
import { renderDiff } from '../../src/cli/commands/diff.js';
import { checkText } from '../../src/check/index.js';
import { diffDocuments, wordDiff } from '../../src/register/diff.js';
import { cli } from '../cli/helpers.js';
import { DRAFT_NO_TRAINING, DRAFT_TRAINS, tempDir, writeDoc } from './helpers.js';

const check = (text: string, path: string) => checkText(text, { path, playbook: 'ai-buyer' });

describe('word diff', () => {
  it('keeps the common words and marks the rest removed or added', () => {
    expect(wordDiff('Provider may use the data', 'Provider shall not use the data')).toEqual([
      { op: 'same', text: 'Provider' },
      { op: 'removed', text: 'may' },
      { op: 'added', text: 'shall not' },
      { op: 'same', text: 'use the data' },
    ]);
    expect(wordDiff('', 'new words')).toEqual([{ op: 'added', text: 'new words' }]);
    expect(wordDiff('same text', 'same  text')).toEqual([{ op: 'same', text: 'same text' }]);
  });
});

describe('draft comparison', () => {
  it('gives old and new status, the changed words and a verdict per requirement and overall', () => {
    const d = diffDocuments(check(DRAFT_TRAINS, 'v1.txt'), check(DRAFT_NO_TRAINING, 'v2.txt'));
    expect(d.requirements).toHaveLength(28);
    const t = d.requirements.find((r) => r.id === 'DR-NO-TRAINING')!;
    expect([t.old.status, t.new.status, t.verdict, t.textChanged]).toEqual(['conflict', 'met', 'better', true]);
    expect(t.words).toContainEqual({ op: 'added', text: expect.stringContaining('not') });
    expect(d.verdict).toBe('better');
    expect(diffDocuments(check(DRAFT_NO_TRAINING, 'v2.txt'), check(DRAFT_TRAINS, 'v1.txt')).verdict).toBe('worse');
    const same = diffDocuments(check(DRAFT_TRAINS, 'a.txt'), check(DRAFT_TRAINS, 'b.txt'));
    expect(same.verdict).toBe('same');
    expect(same.requirements.every((r) => !r.textChanged)).toBe(true);
  });

  it('renders text, md, html (escaped) and json', () => {
    const hostile = DRAFT_TRAINS.replace('machine learning models', 'machine learning models <script>alert(1)</script>');
    const d = diffDocuments(check(DRAFT_NO_TRAINING, 'v1.txt'), check(hostile, 'v2.txt'));
    expect(renderDiff(d, 'text')).toMatch(/DR-NO-TRAINING\s+met → conflict\s+worse/);
    expect(renderDiff(d, 'md')).toContain('| DR-NO-TRAINING | met (none) | conflict (critical) | worse |');
    const html = renderDiff(d, 'html');
    expect(html).toContain('<ins>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Content-Security-Policy');
    expect(JSON.parse(renderDiff(d, 'json')).verdict).toBe('worse');
  });

  it('CLI: exit 1 when the new draft is worse, 0 otherwise', { timeout: 240_000 }, () => {
    const dir = tempDir();
    const a = writeDoc(dir, 'a.txt', DRAFT_TRAINS);
    const b = writeDoc(dir, 'b.txt', DRAFT_NO_TRAINING);
    const better = cli(['diff', a, b]);
    expect(better.code).toBe(0);
    expect(better.stdout).toContain('Verdict: better');
    const worse = cli(['diff', b, a, '--format', 'json']);
    expect(worse.code).toBe(1);
    expect(JSON.parse(worse.stdout).verdict).toBe('worse');
    const missing = cli(['diff', a, `${dir}/nope.txt`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
