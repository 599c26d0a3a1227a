// Portfolio page (issue 12): no chart or heat-map label is clipped. Each SVG <text> box, as Chromium
// lays it out, lies inside its <svg>; a vendor name in the heat map ends before the first cell; long
// names end in an ellipsis with the full name in a <title>.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitLabel, labelWidth, renderPortfolioHtml } from '../../src/render/risk-html.js';
import { assessPortfolio, type PortfolioReport } from '../../src/risk/portfolio.js';

const OPTS = { lists: ['lists/sample-csl.csv'], allowlist: 'samples/portfolio/allowlist.yaml', asOf: '2025-07-01', playbook: 'ai-buyer', jobs: 1 };

interface Box {
  svg: string;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  svgLeft: number;
  svgRight: number;
  svgTop: number;
  svgBottom: number;
}

// Runs in the page (a string, so the test needs no DOM types).
const MEASURE = `(() => [...document.querySelectorAll('svg')].flatMap((svg) => {
  const s = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].map((t) => {
    const r = t.getBoundingClientRect();
    return { svg: svg.id, text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, svgLeft: s.left, svgRight: s.right, svgTop: s.top, svgBottom: s.bottom };
  });
}))()`;

describe('portfolio page labels', () => {
  let browser: Browser;
  let report: PortfolioReport;
  beforeAll(async () => {
    report = await assessPortfolio('samples/portfolio', OPTS);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function boxes(html: string): Promise<Box[]> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return (await page.evaluate(MEASURE)) as Box[];
    } finally {
      await page.close();
    }
  }

  function clipped(list: Box[]): string[] {
    return list.filter((b) => b.text && (b.left < b.svgLeft - 0.5 || b.right > b.svgRight + 0.5 || b.top < b.svgTop - 0.5 || b.bottom > b.svgBottom + 0.5)).map((b) => `${b.svg}: ${b.text}`);
  }

  it('fits every label of the sample portfolio inside its chart', async () => {
    const list = await boxes(renderPortfolioHtml(report));
    expect(list.length).toBeGreaterThan(20);
    expect(clipped(list)).toEqual([]);
  }, 120_000);

  it('fits very long and wide vendor names too, cut with an ellipsis and kept whole in a title', async () => {
    const long = structuredClone(report);
    long.vendors[0]!.name = 'Crimson Lattice Computing Corporation International Holdings (Europe) GmbH & Co. KG';
    long.vendors[1]!.name = 'ＷＩＤＥ　ＶＥＮＤＯＲ　ＭＭＭＭ　ＷＷＷＷ　ＭＭＭＭ　ＷＷＷＷ';
    const html = renderPortfolioHtml(long);
    const list = await boxes(html);
    expect(clipped(list)).toEqual([]);
    // Heat-map names end before the first cell (x = 220 in the SVG).
    const heat = list.filter((b) => b.svg === 'heat-map' && b.left - b.svgLeft < 10);
    expect(heat.length).toBe(long.vendors.length);
    for (const b of heat) expect(b.right - b.svgLeft, b.text).toBeLessThanOrEqual(220);
    expect(html).toContain('<title>Crimson Lattice Computing Corporation International Holdings (Europe) GmbH &amp; Co. KG</title>');
    expect(html).toMatch(/Crimson Lattice Computing[^<]*…<\/text>/);
  }, 120_000);

  it('cuts a label only when it is too wide, never below the room it has', () => {
    expect(fitLabel('Lumenfield AI Ltd', 170)).toBe('Lumenfield AI Ltd');
    const cut = fitLabel('A'.repeat(80), 100);
    expect(cut.endsWith('…')).toBe(true);
    expect(labelWidth(cut)).toBeLessThanOrEqual(100);
  });
});
