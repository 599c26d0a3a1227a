import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../src/catalog.js';
import { POSITIONS, TEMPLATE_DIR, definitionsUsed, parseTemplate, renderClause, suggestClause, templateFile } from '../../src/clauses/index.js';
import { joinList, numberWords, quantity } from '../../src/clauses/words.js';
import { loadPlaybook } from '../../src/playbook/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PERSPECTIVES = ['buyer', 'provider'] as const;
const buyer = loadPlaybook('ai-buyer');
const provider = loadPlaybook('ai-provider');

describe('drafting helpers', () => {
  it('writes numbers in words and digits', () => {
    expect(numberWords(0)).toBe('zero');
    expect(numberWords(48)).toBe('forty-eight');
    expect(numberWords(365)).toBe('three hundred sixty-five');
    expect(numberWords(1200)).toBe('one thousand two hundred');
    expect(quantity(1, 'day')).toBe('one (1) day');
    expect(quantity(30, 'day')).toBe('thirty (30) days');
  });

  it('joins lists, with semicolons when items hold commas or conjunctions', () => {
    expect(joinList(['Cuba'])).toBe('Cuba');
    expect(joinList(['Cuba', 'Iran'])).toBe('Cuba and Iran');
    expect(joinList(['A', 'B', 'C'], 'or')).toBe('A, B or C');
    expect(joinList(['rules of X, Y', 'Z'])).toBe('rules of X, Y; and Z');
    expect(joinList(['A and B', 'C', 'D'])).toBe('A and B; C; and D');
  });
});

describe('the template set', () => {
  it('has a preferred and a fallback template per requirement and perspective, and nothing else', () => {
    for (const p of PERSPECTIVES) {
      const expected = REQUIREMENTS.flatMap((r) => POSITIONS.map((pos) => `${r.id}.${pos}.hbs`)).sort();
      expect(readdirSync(join(TEMPLATE_DIR, p)).sort()).toEqual(expected);
    }
  });

  it('every template has a caption, an expected status and a note', () => {
    for (const p of PERSPECTIVES) {
      for (const r of REQUIREMENTS) {
        for (const pos of POSITIONS) {
          const file = templateFile(p, r.id, pos);
          const { meta, body } = parseTemplate(readFileSync(file, 'utf8'), file);
          expect(meta.caption.length, file).toBeGreaterThan(3);
          expect(['met', 'partial'], file).toContain(meta.expect);
          expect(meta.note?.length ?? 0, file).toBeGreaterThan(20);
          expect(body, file).not.toMatch(/\{\{\{|\{\{&/); // no unescaped-output syntax
        }
      }
    }
  });

  it('a header without a caption is rejected', () => {
    expect(() => parseTemplate('{{!--\nexpect: met\n--}}\nText.', 'x.hbs')).toThrow(/caption/);
    expect(() => parseTemplate('Text only.', 'x.hbs')).toThrow(/caption/);
    expect(() => parseTemplate('{{!--\ncaption: A\nexpect: sometimes\n--}}\nText.', 'x.hbs')).toThrow(/expect/);
  });
});

describe('rendered clauses', () => {
  const all = PERSPECTIVES.flatMap((perspective) =>
    REQUIREMENTS.flatMap((r) => POSITIONS.map((position) => ({ perspective, id: r.id, position }))),
  );

  it.each(all)('$perspective $id $position reads as finished drafting', ({ perspective, id, position }) => {
    const playbook = perspective === 'buyer' ? buyer : provider;
    const c = renderClause(id, { playbook, position });
    expect(c.id).toBe(id);
    expect(c.perspective).toBe(perspective);
    expect(c.text).not.toMatch(/\{\{|\}\}|undefined|null|\[object|NaN/);
    expect(c.text).not.toMatch(/&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/); // no HTML entities in contract text
    expect(c.text).toMatch(/\b(?:shall|may|represents and warrants)\b/);
    expect(c.text).not.toMatch(/ {2,}|\s[,.;]/);
    for (const para of c.text.split('\n\n')) {
      expect(para, para).toMatch(/^(?:\([a-z]\) [a-z]|[A-Z"])/);
      expect(para, para).toMatch(/[.;:]$|; (?:and|or)$/);
    }
    expect(c.caption).not.toMatch(/\{\{/);
  });

  it('cites the law where it matters', () => {
    const text = (id: string, pb = buyer, position: 'preferred' | 'fallback' = 'preferred') => suggestClause(id, { playbook: pb, position });
    expect(text('DR-DELETION')).toContain('Article 28(3)(g) of Regulation (EU) 2016/679');
    expect(text('DR-BREACH-NOTICE')).toMatch(/Articles 33\s+and 34/);
    expect(text('DR-SUBPROCESSORS')).toContain('Article 28(4)');
    expect(text('EC-END-USE', provider)).toContain('15 C.F.R. § 744.21');
    expect(text('EC-END-USE', provider)).toContain('15 C.F.R. Part 744');
    expect(text('EC-FOREIGN-PERSONS')).toContain('15 C.F.R. § 734.13(b)');
    const ec = text('EC-COMPLIANCE');
    expect(ec).toContain('15 C.F.R. Parts 730-774');
    expect(ec).toContain('31 C.F.R. Chapter V');
    expect(ec).toContain("OFAC's 50 Percent Rule");
    expect(text('EC-RESTRICTED-PARTY')).toMatch(/Section 1260H/);
    expect(text('EC-RESTRICTED-PARTY')).toContain('fifty percent (50%) or more');
    expect(text('AD-WATERMARK', provider)).toContain('Article 50(2) of Regulation (EU) 2024/1689');
  });

  it('states the playbook values in words and digits', () => {
    expect(renderClause('DR-BREACH-NOTICE', { playbook: buyer }).text).toContain('within forty-eight (48) hours');
    expect(renderClause('DR-BREACH-NOTICE', { playbook: provider }).text).toContain('within seventy-two (72) hours');
    expect(renderClause('DR-RETENTION-PERIOD', { playbook: buyer }).text).toContain('thirty (30) days');
    expect(renderClause('DR-LOCATION', { playbook: buyer }).text).toContain('the European Economic Area and the United Kingdom');
    expect(renderClause('EC-NOTIFICATION', { playbook: provider }).text).toContain('two (2) business days');
  });

  it('uses the parties and defined terms of a custom playbook everywhere', () => {
    const p = join(dir, 'renamed.yaml');
    writeFileSync(
      p,
      [
        'extends: ai-buyer',
        'params:',
        '  provider: Vendor',
        '  customer: Acme',
        '  terms: { customer-data: Client Content, input: Prompts, output: Completions, services: Platform, agreement: Framework Contract, documentation: Service Guide, authorized-user: Named User }',
        '  breach-notice-hours: 24',
        '  allowed-regions: [Germany]',
        '',
      ].join('\n'),
    );
    const pb = loadPlaybook(p);
    for (const r of REQUIREMENTS) {
      for (const position of POSITIONS) {
        const text = suggestClause(r.id, { playbook: pb, position });
        expect(text, `${r.id} ${position}`).not.toMatch(/\b(?:Provider|Customer|Services|Agreement|Input|Output|Documentation|Authorized User)\b/);
      }
    }
    expect(renderClause('DR-BREACH-NOTICE', { playbook: pb }).text).toMatch(/^Vendor shall notify Acme in writing .* within twenty-four \(24\) hours/);
    expect(renderClause('DR-DELETION', { playbook: pb }).caption).toBe('Return and Deletion of Client Content');
    expect(renderClause('DR-LOCATION', { playbook: pb }).text).toContain('only in data centres located in Germany');
    expect(suggestClause('AD-OUTPUT-USE', { playbook: pb })).toContain('"Completions" means');
  });

  it('switches to zero data retention when the limit is 0', () => {
    const p = join(dir, 'zdr.yaml');
    writeFileSync(p, 'extends: ai-buyer\nparams:\n  max-retention-days: 0\n');
    const pb = loadPlaybook(p);
    for (const position of POSITIONS) {
      const text = renderClause('DR-RETENTION-PERIOD', { playbook: pb, position }).text;
      expect(text).toContain('(zero data retention)');
      expect(text).not.toMatch(/zero \(0\) days/);
    }
  });

  it('adds liquidated damages only when the playbook sets an amount', () => {
    expect(renderClause('AD-REMEDIES', { playbook: provider }).text).toContain('USD 250,000 as liquidated damages');
    const p = join(dir, 'no-ld.yaml');
    writeFileSync(p, 'extends: ai-provider\nparams:\n  liquidated-damages: null\n');
    expect(renderClause('AD-REMEDIES', { playbook: loadPlaybook(p) }).text).not.toContain('liquidated');
  });

  it('a clause replacing a weak or conflicting one says that it prevails', () => {
    const plain = renderClause('DR-NO-TRAINING', { playbook: buyer }).text;
    const sentence = 'This clause prevails over any provision of the Agreement that is inconsistent with it.';
    expect(plain).not.toContain(sentence);
    expect(renderClause('DR-NO-TRAINING', { playbook: buyer, status: 'missing' }).text).toBe(plain);
    expect(renderClause('DR-NO-TRAINING', { playbook: buyer, status: 'conflict' }).text).toBe(`${plain} ${sentence}`);
    expect(renderClause('DR-NO-TRAINING', { playbook: buyer, status: 'partial' }).text).toBe(`${plain} ${sentence}`);
  });

  it('preferred and fallback differ, and the perspectives differ', () => {
    for (const r of REQUIREMENTS) {
      for (const pb of [buyer, provider]) {
        expect(renderClause(r.id, { playbook: pb, position: 'preferred' }).text, r.id).not.toBe(renderClause(r.id, { playbook: pb, position: 'fallback' }).text);
      }
      expect(renderClause(r.id, { playbook: buyer }).text, r.id).not.toBe(renderClause(r.id, { playbook: provider }).text);
    }
  });
});

describe('suggested text ready to paste', () => {
  it('ends with the definitions the clause uses, one paragraph each', () => {
    const text = suggestClause('EC-EMBARGOED', { playbook: buyer });
    const paras = text.split('\n\n');
    const at = paras.indexOf('For the purposes of this clause:');
    expect(at).toBeGreaterThan(0);
    const defs = paras.slice(at + 1);
    // Worked out by hand from the clause: Customer Data, Embargoed Jurisdiction and Subprocessor are
    // used directly; the others come in through those definitions.
    expect(defs.map((d) => /^"([^"]+)" means /.exec(d)?.[1])).toEqual([
      'Authorized User', 'Customer Data', 'Embargoed Jurisdiction', 'Input', 'Output', 'Provider Models', 'Sanctions Laws', 'Subprocessor',
    ]);
    expect(defs[defs.length - 1]).toMatch(/\.$/);
    expect(defs[defs.length - 2]).toMatch(/; and$/);
    // Party names, the Agreement and the Services are the contract's own.
    expect(text).not.toMatch(/^"(?:Provider|Customer|Agreement|Services)" means/m);
  });

  it('includes definitions used by definitions', () => {
    const used = definitionsUsed(['Each party shall comply with Sanctions Laws regarding any Restricted Party.'], buyer).map((d) => d.term);
    expect(used).toEqual(['Embargoed Jurisdiction', 'Export Control Laws', 'Restricted Party', 'Restricted Party List', 'Sanctions Laws']);
  });

  it('a clause without defined terms has no definitions tail', () => {
    const text = suggestClause('EC-COMPLIANCE', { playbook: buyer, position: 'fallback' });
    expect(text).toContain('For the purposes of this clause:'); // Export Control Laws, Sanctions Laws
    expect(definitionsUsed(['The parties shall meet once a year.'], buyer)).toEqual([]);
  });
});
