import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { render } from '../../src/render/index.js';
import { HOSTILE_IMG, HOSTILE_SCRIPT, makeReport } from './fixtures.js';

/** What the page callbacks below touch of the browser window. */
interface PageGlobals {
  document: { querySelectorAll(selector: string): { forEach(fn: (el: { open: boolean }) => void): void } };
  __pwned?: unknown;
}

const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/;

describe('html renderer (static)', () => {
  const html = render(makeReport(), 'html');

  it('escapes contract text: the planted script and img appear only as text', () => {
    expect(html).not.toContain(HOSTILE_SCRIPT);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;window.__pwned &#x3D; 1&lt;/script&gt;');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;&quot;document.title&#x3D;&#x27;pwned&#x27;&quot;&gt;');
    expect(html).toContain('1 page had no text layer &amp; was skipped &lt;b&gt;');
  });

  it('carries a CSP that forbids everything but inline styles', () => {
    const meta = CSP_META.exec(html)?.[0] ?? '';
    expect(meta).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html.indexOf(meta)).toBeLessThan(html.indexOf('<title>'));
  });

  it('references no external asset', () => {
    expect(html).not.toMatch(/\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<(?:link|script|iframe|object|embed|img|form)\b/i);
    expect(html).not.toMatch(/@import|url\s*\(/i);
  });

  it('has one collapsible <details> per requirement, with evidence and suggestion', () => {
    // 56 requirements, the one the playbook ignores (EC-CLASSIFICATION of the DOCX) listed apart.
    expect(html.match(/<details class="req" id="doc-\d-[A-Z-]+">/g)).toHaveLength(56);
    expect(html).toContain('Ignored by the playbook (not counted as gaps)</h2>\n<details class="req" id="doc-2-EC-CLASSIFICATION">');
    expect(html).toContain('<pre class="suggestion">Inputs and Outputs are Customer&#x27;s Confidential Information &amp; Provider shall not disclose them.</pre>');
    expect(html).not.toContain('must not be printed');
  });

  it('shows evidence that several rules found once, naming both rules', () => {
    expect(html.split('<blockquote>Provider may retain logs indefinitely.</blockquote>')).toHaveLength(2);
    expect(html).toContain('rules <code>data-retention/retention-indefinite, data-retention/retention-unbounded</code>');
  });

  it('is byte-identical on re-run', () => {
    expect(render(makeReport(), 'html')).toBe(html);
  });
});

describe('html renderer in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Load HTML, open every <details>, and report what any script could have done. */
  async function load(html: string): Promise<{ pwned: unknown; title: string; dialogs: string[]; consoleMessages: string[]; text: string }> {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const consoleMessages: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => consoleMessages.push(m.text()));
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // 'load' fires after every <img> has loaded or failed, so onerror has run by now.
      // These callbacks run in the page: its globalThis is the window (typed here without the DOM lib).
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const pwned = await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned);
      return { pwned, title: await page.title(), dialogs, consoleMessages, text: await page.locator('body').innerText() };
    } finally {
      await page.close();
    }
  }

  it('runs no planted script, with the CSP in place', async () => {
    const r = await load(render(makeReport(), 'html'));
    expect(r.pwned).toBeUndefined();
    expect(r.title).toBe('clausecheck report · ai-buyer');
    expect(r.dialogs).toEqual([]);
    expect(r.consoleMessages).toEqual([]);
    expect(r.text).toContain(HOSTILE_SCRIPT);
    expect(r.text).toContain(HOSTILE_IMG);
  }, 30_000);

  it('runs no planted script even without the CSP (escaping alone holds)', async () => {
    const html = render(makeReport(), 'html').replace(CSP_META, '');
    expect(html).not.toContain('Content-Security-Policy');
    const r = await load(html);
    expect(r.pwned).toBeUndefined();
    expect(r.title).toBe('clausecheck report · ai-buyer');
    expect(r.dialogs).toEqual([]);
    expect(r.text).toContain(HOSTILE_SCRIPT);
  }, 30_000);

  it('control: the detector does see a script that was not escaped', async () => {
    const planted = `${HOSTILE_SCRIPT}${HOSTILE_IMG}<script>alert('x')</script>`;
    const unsafe = render(makeReport(), 'html').replace(CSP_META, '').replace('<main>', `<main>${planted}`);
    const r = await load(unsafe);
    expect(r.pwned).toBe(1);
    expect(r.title).toBe('pwned');
    expect(r.dialogs).toEqual(['x']);
    // And the CSP alone would have stopped it.
    const blocked = await load(render(makeReport(), 'html').replace('<main>', `<main>${planted}`));
    expect(blocked.pwned).toBeUndefined();
    expect(blocked.title).toBe('clausecheck report · ai-buyer');
    expect(blocked.consoleMessages.some((m) => m.includes('Content Security Policy'))).toBe(true);
  }, 30_000);
});
