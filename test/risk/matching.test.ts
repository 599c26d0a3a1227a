import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from '../../src/risk/screening/jaro.js';
import { compareNames, tokenSimilarity } from '../../src/risk/screening/match.js';
import { normalizeName } from '../../src/risk/screening/normalize.js';
import { COUNTRY_MATCH_BONUS, COUNTRY_MISMATCH_PENALTY, Screener, type LoadedLists, type ListEntry } from '../../src/risk/screening/index.js';

const cmp = (a: string, b: string) => compareNames(normalizeName(a), normalizeName(b));

describe('Jaro–Winkler', () => {
  // Textbook values (Winkler 1990 examples, computed by hand: m matches, t half-transpositions).
  it('MARTHA / MARHTA: m=6, t=1 → jaro 0.944, JW 0.961', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo((6 / 6 + 6 / 6 + (6 - 1) / 6) / 3, 10);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9444 + 3 * 0.1 * (1 - 0.9444), 3);
  });
  it('DWAYNE / DUANE: m=4, t=0 → jaro 0.822, JW 0.84', () => {
    expect(jaro('dwayne', 'duane')).toBeCloseTo((4 / 6 + 4 / 5 + 1) / 3, 10);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
  });
  it('counts CJK characters as one each', () => {
    expect(jaro('赤格计算', '赤格计算')).toBe(1);
    expect(jaro('赤格', '九河')).toBe(0);
  });
});

describe('normalizeName', () => {
  it.each([
    ['Shenzhen Example Technology Co., Ltd.', ['shenzhen', 'example', 'technology'], ['ltd']],
    ['EXAMPLE TECHNOLOGY COMPANY LIMITED', ['example', 'technology'], ['ltd']],
    ['Müller GmbH & Co. KG', ['muller'], ['gmbh-co-kg']],
    ['Société Générale S.A.', ['societe', 'generale'], ['sa']],
    ['Acme, L.L.C.', ['acme'], ['llc']],
    ['Nordlys A/S', ['nordlys'], ['as']],
    ['PT Maju Jaya Tbk', ['maju', 'jaya'], ['pt', 'tbk']],
    ['ООО «Ромашка»', ['romashka'], ['llc']],
    ['ПАО Северсталь', ['severstal'], ['jsc']],
    ['深圳示例科技有限公司', ['深圳示例科技'], ['ltd']],
    ['九河数据集团股份有限公司', ['九河数据集团'], ['jsc']],
    ['株式会社サンプル', ['サンプル'], ['kk']],
    ['The Bank of Example', ['bank', 'example'], []],
  ])('%s', (name, tokens, forms) => {
    const n = normalizeName(name);
    expect(n.tokens).toEqual(tokens);
    expect(n.forms).toEqual(forms);
  });

  it('leaves nothing of a legal form or stop words alone', () => {
    for (const n of ['Limited', 'The Company Ltd', 'OOO', '有限公司', 'Co., Ltd.', 'S.A.', 'and of the']) expect(normalizeName(n).tokens).toEqual([]);
  });
});

describe('compareNames', () => {
  it('reordered tokens are an exact normalized match', () => {
    const c = cmp('Beta Alpha Holdings Ltd', 'Alpha Beta Holdings Limited');
    expect(c.exact).toBe(true);
    expect(c.score).toBe(1);
    expect(c.reasons[0]!.detail).toContain('order differs');
  });

  it('legal-form variants across languages do not change the score', () => {
    for (const [a, b] of [
      ['Crimson Lattice Computing Co., Ltd.', 'Crimson Lattice Computing Limited'],
      ['Borealis Photonic LLC', 'ООО Borealis Photonic'],
      ['Volta Systeme GmbH', 'Volta Systeme AG'],
      ['Example Robotics Inc.', 'EXAMPLE ROBOTICS CORPORATION'],
    ]) {
      expect(cmp(a!, b!).exact, `${a} / ${b}`).toBe(true);
    }
  });

  it('same letters with different spacing match exactly', () => {
    expect(cmp('Huawei Technologies', 'Hua-Wei Technologies').exact).toBe(true);
  });

  it('scores a one-letter typo: each point attributed to a token pair', () => {
    const c = cmp('Tesseract Dynamics', 'Tessaract Dynamics');
    const sim = jaroWinkler('tesseract', 'tessaract');
    // (sim × (1 + 1) + 1 × (1 + 1)) / (2 + 2)
    expect(c.score).toBeCloseTo((sim * 2 + 2) / 4, 10);
    expect(c.exact).toBe(false);
    expect(c.reasons.filter((r) => r.feature === 'token')).toHaveLength(2);
  });

  it('generic words weigh half', () => {
    // orion=1 (w 1+1), systems=1 (w .5+.5); listed "group" (w .5) unmatched: (2 + 1) / (1.5 + 2)
    expect(cmp('Orion Systems', 'Orion Systems Group').score).toBeCloseTo(3 / 3.5, 10);
  });

  it('short tokens match only when identical', () => {
    expect(tokenSimilarity('ibm', 'ibn')).toBe(0);
    expect(tokenSimilarity('zx', 'zx')).toBe(1);
    expect(cmp('ZX Co.', 'ZY Co.').score).toBe(0);
    expect(cmp('ABC Ltd', 'ABD Ltd').score).toBe(0);
  });

  it('tokens with digits match only when identical', () => {
    expect(tokenSimilarity('plant7', 'plant8')).toBe(0);
    expect(cmp('Factory 7 Works', 'Factory 8 Works').score).toBeLessThan(0.7);
  });

  it('near misses stay below the 0.70 threshold', () => {
    for (const [a, b] of [
      ['Golden Dragon Trading', 'Golden Star Logistics'],
      ['Sun Microdevices', 'Sun Microsystems'],
      ['Northwind Analytics', 'Northwind Pharmaceuticals'],
      ['Apex Global Technologies', 'Global Technologies Inc'],
      ['Zeta Analytics', 'Zeta'],
    ]) {
      expect(cmp(a!, b!).score, `${a} / ${b}`).toBeLessThan(0.7);
    }
  });

  it('a shared distinctive word with generic words around it needs review', () => {
    // meridian (1+1) + holdings (0.5+0.5) over meridian, data, holdings + meridian, energy, holdings (all generic but meridian)
    expect(cmp('Meridian Data Holdings', 'Meridian Energy Holdings').score).toBeCloseTo(3 / 4, 10);
    // a listed short form inside a longer name: huawei (1+1) / (1 + 0.5 + 1)
    expect(cmp('Huawei Technologies', 'Huawei').score).toBeCloseTo(2 / 2.5, 10);
  });

  it('caps a match made of generic words only', () => {
    const c = cmp('Global Technology Services', 'Global Technologies Service Group');
    expect(c.score).toBe(0.5);
    expect(c.reasons.some((r) => r.feature === 'generic-only')).toBe(true);
  });

  it('never matches on a legal form alone', () => {
    expect(cmp('Alpha Ltd', 'Beta Ltd').score).toBe(0);
    expect(cmp('Limited', 'Limited').score).toBe(0);
    expect(cmp('有限公司', '有限公司').exact).toBe(false);
  });
});

function entry(id: string, name: string, aliases: string[] = [], countries: string[] = []): ListEntry {
  return { list: 'test.csv', source: 'Test List', id, type: 'Entity', name, aliases, programs: [], countries };
}

function screener(entries: ListEntry[], threshold?: number): Screener {
  const loaded: LoadedLists = { lists: [{ file: 'test.csv', name: 'test.csv', format: 'names-csv', entries: entries.length, date: '2025-01-01', dateSource: 'file', sha256: '0'.repeat(64) }], entries };
  return new Screener(loaded, threshold !== undefined ? { threshold } : {});
}

describe('Screener', () => {
  const s = screener([
    entry('1', 'Crimson Lattice Computing Co., Ltd.', ['赤格计算有限公司'], ['CN']),
    entry('2', 'Tessaract Dynamics Limited', [], ['HK']),
    entry('3', 'Северный Вектор ООО', ['Severny Vektor LLC']),
    entry('4', 'ZX Co.', [], ['CN']),
    entry('5', 'Kestrel Aeronautics JSC', [], ['BY']),
  ]);

  it('matches a CJK name to the entry through its Latin name and the other way round', () => {
    const a = s.screen({ name: 'Chige Computing', aliases: ['赤格计算股份有限公司'], role: 'vendor' });
    expect(a.decision).toBe('hit');
    expect(a.matches[0]!.screenedName).toBe('赤格计算股份有限公司');
    expect(a.matches[0]!.reasons.some((r) => r.feature === 'alias')).toBe(true);
    const b = s.screen({ name: '赤格计算有限公司', role: 'vendor' });
    expect(b.decision).toBe('hit');
  });

  it('matches Cyrillic and its transliteration', () => {
    expect(s.screen({ name: 'Severny Vektor', role: 'x' }).decision).toBe('hit');
    expect(s.screen({ name: 'ООО Северный Вектор', role: 'x' }).decision).toBe('hit');
  });

  it('a fuzzy match is review, with the country as a qualifier', () => {
    const same = s.screen({ name: 'Tesseract Dynamics Ltd', country: 'HK', role: 'x' });
    const other = s.screen({ name: 'Tesseract Dynamics Ltd', country: 'IE', role: 'x' });
    const none = s.screen({ name: 'Tesseract Dynamics Ltd', role: 'x' });
    expect(same.decision).toBe('review');
    expect(other.decision).toBe('review');
    const base = none.matches[0]!.nameScore;
    expect(same.matches[0]!.score).toBeCloseTo(Math.round(Math.min(1, base + COUNTRY_MATCH_BONUS) * 100) / 100, 10);
    expect(other.matches[0]!.score).toBeCloseTo(Math.round((base - COUNTRY_MISMATCH_PENALTY) * 100) / 100, 10);
  });

  it('an exact name in a different country is review, not hit', () => {
    const r = s.screen({ name: 'Kestrel Aeronautics', country: 'US', role: 'x' });
    expect(r.decision).toBe('review');
    expect(r.matches[0]!.score).toBe(1 - COUNTRY_MISMATCH_PENALTY);
  });

  it('short names: only the identical short name matches', () => {
    expect(s.screen({ name: 'ZX Corporation', role: 'x' }).decision).toBe('hit');
    expect(s.screen({ name: 'ZXY Corporation', role: 'x' }).decision).toBe('clear');
    expect(s.screen({ name: 'ZX Analytics Group', role: 'x' }).decision).toBe('clear');
  });

  it('unrelated names are clear', () => {
    for (const n of ['Lumenfield AI Ltd', 'Crimson Tide Bakery', 'Lattice Semiconductor Partners', 'Kestrel Bakery']) {
      expect(s.screen({ name: n, role: 'x' }).decision, n).toBe('clear');
    }
  });

  it('a higher threshold turns a review into clear', () => {
    const strict = screener([entry('2', 'Tessaract Dynamics Limited')], 0.98);
    expect(strict.screen({ name: 'Tesseract Dynamics', role: 'x' }).decision).toBe('clear');
  });
});
