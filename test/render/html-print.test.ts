// The HTML report in Chromium on screen and on paper: sections fold on screen, every one opens in
// print (issue 12). Screenshots of both go to <tmpdir>/clausecheck-shots for a person to look at.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/render/index.js';
import { makeReport } from './fixtures.js';

export const SHOTS = join(tmpdir(), 'clausecheck-shots');

describe('html report on screen and in print (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('folds each requirement on screen and expands every one (suggestions included) in print', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.setContent(render(makeReport(), 'html'), { waitUntil: 'load' });
      const all = await page.locator('pre.suggestion').count();
      expect(all).toBeGreaterThan(10);
      await page.emulateMedia({ media: 'screen' });
      expect(await page.locator('pre.suggestion >> visible=true').count()).toBe(0);
      expect(await page.locator('table.matrix').isVisible()).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'report-screen.png'), fullPage: true });

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('pre.suggestion >> visible=true').count()).toBe(all);
      expect(await page.locator('blockquote >> visible=true').count()).toBe(await page.locator('blockquote').count());
      await page.screenshot({ path: join(SHOTS, 'report-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.close();
    }
  }, 120_000);
});
