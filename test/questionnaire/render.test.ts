import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REQUIREMENTS } from '../../src/catalog.js';
import { loadQuestionnaire } from '../../src/questionnaire/bank.js';
import { evaluate } from '../../src/questionnaire/evaluate.js';
import { readAnswers } from '../../src/questionnaire/read.js';
import { questionnaireReportJson, renderQuestionnaire } from '../../src/render/questionnaire.js';
import { shippedSchema, validatorFor } from '../../src/load/schema.js';
import type { DocumentReport } from '../../src/types.js';
import { tmp } from './helpers.js';

const bank = loadQuestionnaire();
const EVIL = '<script>alert(1)</script> | `code` \u001b[31mred\u001b[0m \u202eevil';

async function report() {
  const file = join(tmp(), 'a.yaml');
  writeFileSync(
    file,
    stringify({
      questionnaire: 'ai-vendor',
      vendor: EVIL,
      answers: {
        'company.legal-name': EVIL,
        'data.training-on-inputs': { answer: 'No', comment: EVIL },
        'data.training-opt-out': 'Yes',
        'data.retention-inputs-days': EVIL,
      },
    }),
  );
  const doc: DocumentReport = {
    path: 'contract <b>.txt',
    format: 'txt',
    pages: 1,
    sha256: 'a'.repeat(64),
    warnings: [],
    requirements: REQUIREMENTS.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.id === 'DR-NO-TRAINING' ? 'conflict' : 'missing',
      severity: 'none',
      evidence: r.id === 'DR-NO-TRAINING' ? [{ quote: `Provider may train on Customer Data ${EVIL}`, page: 2, section: '4.2', start: 10, end: 90, rule: 'x/y', proves: 'conflict' }] : [],
      suggestion: '',
      notes: [],
    })),
  };
  return evaluate(await readAnswers(file), bank, { contract: doc, toolVersion: '9.9.9' });
}

describe('questionnaire report renderers', () => {
  it('JSON validates against the shipped schema and is deterministic', async () => {
    const r = await report();
    const json = renderQuestionnaire(r, 'json');
    const v = validatorFor(shippedSchema('questionnaire-report.schema.json'));
    expect(v(JSON.parse(json)), JSON.stringify(v.errors)).toBe(true);
    expect(renderQuestionnaire(await report(), 'json').replace(/"(path|sha256)": "[^"]*"/g, '')).toBe(json.replace(/"(path|sha256)": "[^"]*"/g, ''));
    expect(Object.keys(questionnaireReportJson(r))).toEqual(['schemaVersion', 'tool', 'questionnaire', 'source', 'contract', 'summary', 'findings', 'answers', 'unmapped', 'warnings']);
  });

  it('HTML escapes every answer and quote, has no script and keeps the CSP', async () => {
    const html = renderQuestionnaire(await report(), 'html');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('contract &lt;b&gt;.txt');
    expect(html).not.toContain('\u001b');
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain('training-denied-vs-contract');
  });

  it('Markdown escapes markup and table pipes', async () => {
    const md = renderQuestionnaire(await report(), 'md');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\|');
    expect(md).not.toContain('\u001b');
    expect(md).not.toContain('\u202e');
  });

  it('terminal text strips control and bidi characters, colour only when asked', async () => {
    const r = await report();
    const plain = renderQuestionnaire(r, 'text');
    expect(plain).not.toContain('\u001b');
    expect(plain).not.toContain('\u202e');
    expect(plain).toContain('! contract-conflict  [critical]  SR-CONSISTENCY DR-NO-TRAINING');
    expect(plain).toContain('? wrong-type  [medium]  data.retention-inputs-days');
    expect(renderQuestionnaire(r, 'text', { color: true })).toContain('\u001b[1;31m[critical]\u001b[0m');
  });
});
