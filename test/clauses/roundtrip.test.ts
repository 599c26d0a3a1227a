// The rules and the clause library keep each other honest: a contract that lacks a requirement,
// with the library's clause for it appended, must make `check` report the requirement as the
// template header says (met; partial only where a template declares it). Uses the real engine and
// the shipped rule packs, so a failure here is either a clause that does not say what it should
// or a rule that misreads a well-drafted clause.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { checkFiles, checkText } from '../../src/check/index.js';
import { buildAddendum } from '../../src/clauses/addendum.js';
import { renderAddendumDocx } from '../../src/clauses/docx.js';
import { POSITIONS, renderClause, suggestClause } from '../../src/clauses/index.js';
import { writeRedline } from '../../src/clauses/redline.js';
import { renderAddendumMarkdown } from '../../src/clauses/render.js';
import { applyPlaybook } from '../../src/clauses/apply.js';
import { loadPlaybook } from '../../src/playbook/index.js';

const BASE = readFileSync(new URL('./fixtures/base-contract.txt', import.meta.url), 'utf8');
const PLAYBOOKS = [loadPlaybook('ai-buyer'), loadPlaybook('ai-provider')];
const dir = mkdtempSync(join(tmpdir(), 'cc-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The base contract with a new numbered section holding the clause text. */
function withClause(text: string): string {
  const paras = text.split('\n\n').map((p, i) => (i === 0 ? `6.1 ${p}` : p));
  return `${BASE.trimEnd()}\n\n6. Additional Terms\n\n${paras.join('\n\n')}\n`;
}

const baseReport = checkText(BASE, { path: 'base-contract.txt' });

describe('the base contract', () => {
  it('lacks every requirement, so each clause has something to prove', () => {
    expect(baseReport.requirements.filter((r) => r.status !== 'missing').map((r) => `${r.id}=${r.status}`)).toEqual([]);
  });
});

describe.each(PLAYBOOKS)('appending one $perspective clause', (playbook) => {
  const cases = REQUIREMENTS.flatMap((r) => POSITIONS.map((position) => ({ id: r.id, position })));
  it.each(cases)('$id ($position) makes check report what the template says', ({ id, position }) => {
    const expected = renderClause(id, { playbook, position }).expect;
    const report = checkText(withClause(suggestClause(id, { playbook, position })), { path: `${id}.txt` });
    const r = report.requirements.find((x) => x.id === id)!;
    const why = r.evidence.map((e) => `${e.proves} ${e.rule}: ${e.quote.slice(0, 120)}`).join(' | ') + (r.notes.length ? ` [${r.notes.join('; ')}]` : '');
    expect(r.status, why).toBe(expected);
    // A clause must not create a conflict anywhere else either.
    const conflicts = report.requirements.filter((x) => x.status === 'conflict').map((x) => `${x.id}: ${x.evidence.filter((e) => e.proves === 'conflict').map((e) => e.rule).join(', ')}`);
    expect(conflicts).toEqual([]);
  });
});

describe.each(PLAYBOOKS)('the whole $perspective addendum', (playbook) => {
  it.each(POSITIONS)('%s position, as DOCX and as Markdown, meets every requirement it covers', async (position) => {
    const addendum = buildAddendum({ playbook, position, ids: REQUIREMENTS.map((r) => r.id) });
    const base = join(dir, `${playbook.name}-${position}`);
    writeFileSync(`${base}.docx`, await renderAddendumDocx(addendum));
    writeFileSync(`${base}.md`, renderAddendumMarkdown(addendum));
    // Checked under the same playbook: its own limits apply to its own clauses.
    const report = await checkFiles([`${base}.docx`, `${base}.md`], { playbook });
    for (const doc of report.documents) {
      const wrong = doc.requirements
        .filter((r) => r.status !== addendum.map.find((m) => m.id === r.id)!.expect)
        .map((r) => `${r.id}=${r.status} (${r.evidence.map((e) => `${e.proves} ${e.rule}`).join(', ')})`);
      expect(wrong, doc.path).toEqual([]);
    }
  });
});

describe('redline round trip', () => {
  it.each(PLAYBOOKS)('every missing requirement of a sample is met after the $name redline', async (playbook) => {
    const sample = new URL('../../samples/data-processing-addendum.docx', import.meta.url).pathname;
    const before = (await checkFiles([sample], { playbook })).documents[0]!.requirements;
    const out = join(dir, `redline-${playbook.name}.docx`);
    await writeRedline(sample, before, out, { playbook });
    const after = (await checkFiles([out], { playbook })).documents[0]!.requirements;
    const inserted = before.filter((r) => r.status === 'missing' && r.suggestion);
    expect(inserted.length).toBeGreaterThan(5);
    const still = inserted.filter((r) => after.find((a) => a.id === r.id)!.status !== 'met').map((r) => `${r.id}=${after.find((a) => a.id === r.id)!.status}`);
    expect(still).toEqual([]);
    // Nothing that was met before is lost, and no clause creates a conflict.
    for (const r of before.filter((x) => x.status === 'met')) expect(after.find((a) => a.id === r.id)!.status, r.id).toBe('met');
    expect(after.filter((a) => a.status === 'conflict' && before.find((b) => b.id === a.id)!.status !== 'conflict').map((a) => a.id)).toEqual([]);
  });
});
