import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessPortfolio, type PortfolioReport } from '../../src/risk/portfolio.js';
import { renderAssessment, renderPortfolio } from '../../src/render/risk.js';
import { assessVendor, buildContext } from '../../src/risk/assess.js';
import { RuleLoadError } from '../../src/rules/load.js';
import { InputError } from '../../src/types.js';

const LISTS = ['lists/sample-csl.csv', 'lists/sample-csl.json'];
const OPTS = { lists: LISTS, allowlist: 'samples/portfolio/allowlist.yaml', asOf: '2025-07-01', playbook: 'ai-buyer' };
/** Worker threads started from the TypeScript source import this TypeScript loader first. */
const TS_LOADER = 'scripts/lib/ts-loader.mjs';

let inline: PortfolioReport;
let parallel: PortfolioReport;

beforeAll(async () => {
  inline = await assessPortfolio('samples/portfolio', { ...OPTS, jobs: 1 });
  parallel = await assessPortfolio('samples/portfolio', { ...OPTS, jobs: 2, workerPreload: TS_LOADER });
});

describe('portfolio of the samples', () => {
  it('has the eight sample vendors', () => {
    expect(inline.vendors.map((v) => v.folder).sort()).toEqual([
      'crimson-lattice', 'fernhill-translate', 'lumenfield', 'meadowbrook', 'orbital-notes', 'quartzline', 'saltmarsh-ocr', 'tesseract-dynamics',
    ]);
  });

  it('gives the same output byte for byte with and without worker threads', () => {
    expect(renderPortfolio(parallel, 'json')).toBe(renderPortfolio(inline, 'json'));
    expect(renderPortfolio(parallel, 'html')).toBe(renderPortfolio(inline, 'html'));
  });

  it('applies the floors the sample data was written for', () => {
    const by = (f: string) => inline.vendors.find((v) => v.folder === f)!;
    // on the list under its own name (and its Chinese name)
    expect(by('crimson-lattice')).toMatchObject({ tier: 'critical', screening: 'hit' });
    expect(by('crimson-lattice').floors).toContain('restricted-list-hit');
    // its parent is listed under the alias "Jiuhe Data Group"
    expect(by('quartzline')).toMatchObject({ tier: 'critical', screening: 'hit' });
    // a subprocessor is listed as "Harbour Nine Logistics"
    expect(by('fernhill-translate')).toMatchObject({ tier: 'critical', screening: 'hit' });
    // health data and training unless the customer opts out
    expect(by('meadowbrook').floors).toContain('special-category-training');
    expect(['high', 'critical']).toContain(by('meadowbrook').tier);
    // near-miss name cleared by a reviewer in the allowlist
    expect(by('tesseract-dynamics').screening).toBe('cleared');
    expect(by('tesseract-dynamics').floors).toEqual([]);
  });

  it('ranks by tier, then score', () => {
    const order = ['low', 'medium', 'high', 'critical'];
    for (let i = 1; i < inline.vendors.length; i++) {
      const a = inline.vendors[i - 1]!;
      const b = inline.vendors[i]!;
      const rank = order.indexOf(a.tier) - order.indexOf(b.tier);
      expect(rank > 0 || (rank === 0 && a.score >= b.score)).toBe(true);
      expect(b.rank).toBe(i + 1);
    }
    expect(Object.values(inline.tiers).reduce((s, n) => s + n, 0)).toBe(8);
  });

  it('--diff lists vendors whose tier changed, new and gone', () => {
    const old = JSON.parse(renderPortfolio(inline, 'json')) as PortfolioReport;
    const lum = old.vendors.find((v) => v.folder === 'lumenfield')!;
    const oldTier = lum.tier === 'critical' ? 'low' : 'critical';
    lum.tier = oldTier;
    old.vendors = old.vendors.filter((v) => v.folder !== 'saltmarsh-ocr');
    old.vendors.push({ ...lum, folder: 'retired-vendor', name: 'Retired Vendor Ltd' });
    const d = mkdtempSync(join(tmpdir(), 'cc-diff-'));
    writeFileSync(join(d, 'old.json'), JSON.stringify(old));
    return assessPortfolio('samples/portfolio', { ...OPTS, jobs: 1, diff: join(d, 'old.json') }).then((r) => {
      expect(r.diff!.changed).toHaveLength(1);
      expect(r.diff!.changed[0]).toMatchObject({ folder: 'lumenfield', from: oldTier, to: inline.vendors.find((v) => v.folder === 'lumenfield')!.tier });
      expect(r.diff!.added.map((a) => a.folder)).toEqual(['saltmarsh-ocr']);
      expect(r.diff!.removed.map((a) => a.folder)).toEqual(['retired-vendor']);
      expect(renderPortfolio(r, 'text')).toContain('Changes since');
    });
  });

  it('refuses a diff file that is not a portfolio report', async () => {
    await expect(assessPortfolio('samples/portfolio', { ...OPTS, jobs: 1, diff: 'samples/portfolio/allowlist.yaml' })).rejects.toThrow(/not a JSON file/);
  });

  it('stops with the vendor file named when a profile is bad, also from a worker', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cc-bad-'));
    cpSync('samples/portfolio/lumenfield', join(d, 'a-good'), { recursive: true });
    cpSync('samples/portfolio/saltmarsh-ocr', join(d, 'b-good'), { recursive: true });
    cpSync('samples/portfolio/lumenfield', join(d, 'c-bad'), { recursive: true });
    writeFileSync(join(d, 'c-bad', 'vendor.yaml'), 'name: Bad\ncountry: GB\ndeployment: on-the-moon\n');
    await expect(assessPortfolio(d, { jobs: 2, asOf: '2025-07-01', workerPreload: TS_LOADER })).rejects.toMatchObject({ file: `${join(d, 'c-bad', 'vendor.yaml')}:3:13` });
  });

  it('a rule pack error from a worker stays a rule error (file:line:col), not an internal error', async () => {
    const rules = mkdtempSync(join(tmpdir(), 'cc-rules-'));
    mkdirSync(join(rules, 'p'));
    writeFileSync(join(rules, 'p', 'r.yaml'), 'requirement: AD-OUTPUT-USE\nproves: met\ntitle: t\nscop: sentence\nmatch: { phrase: output }\ntests: { invalid: [a], valid: [b] }\n');
    const err = await assessPortfolio('samples/portfolio', { ...OPTS, jobs: 2, rulesDir: rules, workerPreload: TS_LOADER }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleLoadError);
    expect((err as RuleLoadError).problems.map((p) => [p.line, p.col, p.code])).toContainEqual([4, 1, 'E010']);
  });

  it('really starts worker threads from source when given a loader for them', async () => {
    // A preload that cannot load makes every worker fail: proof that jobs: 2 used workers here.
    await expect(assessPortfolio('samples/portfolio', { ...OPTS, jobs: 2, workerPreload: 'scripts/lib/no-such-loader.mjs' })).rejects.toThrow(/no-such-loader/);
  });

  it('a dangling link beside the vendor folders is skipped, not an internal error', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cc-link-'));
    cpSync('samples/portfolio/lumenfield', join(d, 'lumenfield'), { recursive: true });
    symlinkSync(join(d, 'gone'), join(d, 'zz-dangling'));
    const r = await assessPortfolio(d, { jobs: 1, asOf: '2025-07-01' });
    expect(r.vendors.map((v) => v.folder)).toEqual(['lumenfield']);
  });

  it('--as-of must be a real calendar date', async () => {
    const ctx = buildContext({ playbook: 'ai-buyer' });
    for (const asOf of ['2025-02-30', '2025-13-01', '2025-00-10', '2025-7-1']) {
      const err = await assessVendor('samples/portfolio/lumenfield/vendor.yaml', ctx, { asOf }).catch((e: unknown) => e);
      expect(err, asOf).toBeInstanceOf(InputError);
      expect((err as InputError).file).toBe('--as-of');
    }
    await expect(assessVendor('samples/portfolio/lumenfield/vendor.yaml', ctx, { asOf: '2024-02-29' })).resolves.toMatchObject({ asOf: '2024-02-29' });
  });
});

describe('portfolio HTML page in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the chart, the heat map and the ranking; hostile names stay text', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cc-html-'));
    cpSync('samples/portfolio', d, { recursive: true });
    const evil = 'Evil <img src=x onerror="document.title=1"> & Co';
    const f = join(d, 'saltmarsh-ocr', 'vendor.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('name: Saltmarsh OCR Oy', `name: '${evil}'`));
    const report = await assessPortfolio(d, { ...OPTS, allowlist: join(d, 'allowlist.yaml'), jobs: 1 });
    const html = renderPortfolio(report, 'html');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    const file = join(d, 'portfolio.html');
    writeFileSync(file, html);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request ${r.url()}`);
    });
    await page.goto(`file://${file}`);
    expect(await page.title()).toContain('Vendor portfolio');
    expect(await page.locator('#ranking tbody tr').count()).toBe(8);
    expect(await page.locator('#heat-map rect').count()).toBe(8 * 14);
    expect(await page.locator('#domain-chart rect').count()).toBe(8 * 4 + 4);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#ranking').innerText()).toContain(evil);
    const box = await page.locator('#heat-map').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    const tierCounts = await page.locator('#tier-counts li').allInnerTexts();
    expect(tierCounts).toHaveLength(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders one vendor report with its factor chart and screening table', async () => {
    const ctx = buildContext({ lists: LISTS, playbook: 'ai-buyer' });
    const a = await assessVendor('samples/portfolio/crimson-lattice/vendor.yaml', ctx, { asOf: '2025-07-01' });
    const d = mkdtempSync(join(tmpdir(), 'cc-html-'));
    const file = join(d, 'vendor.html');
    writeFileSync(file, renderAssessment(a, 'html'));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    await page.goto(`file://${file}`);
    expect(await page.locator('svg rect').count()).toBe(13);
    expect(await page.locator('h1').innerText()).toBe('Vendor risk: Crimson Lattice Computing Co., Ltd.');
    expect(await page.locator('body').innerText()).toContain('restricted-list-hit');
    expect(problems).toEqual([]);
    await page.close();
  });
});
