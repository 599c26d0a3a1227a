// The review page in a real browser (Debian's chromium through playwright-core), against the CLI's
// `review` command running as a user would start it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { DRAFT_TRAINS, writeDoc } from '../register/helpers.js';

// A long contract: the training clause sits far below the first screen.
const FILLER = Array.from({ length: 80 }, (_, i) => `4.${i + 1} The parties shall hold review meeting number ${i + 1} at a time they agree in writing.`).join('\n');
const CONTRACT = DRAFT_TRAINS.replace('1. Data Use', `4. Meetings\n${FILLER}\n\n1. Data Use`);

let browser: Browser;
let server: ChildProcess;
let url = '';
let dir = '';
let file = '';
let db = '';

function startReview(): Promise<string> {
  server = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), 'review', file, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  server.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    server.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`review exited ${code}: ${err}`)));
  });
}

describe('review page', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    // Its own folder for the whole file (the register helpers' folders go after each test).
    dir = mkdtempSync(join(tmpdir(), 'cc-review-'));
    file = writeDoc(dir, 'msa.txt', CONTRACT);
    db = join(dir, 'register.db');
    [url, browser] = await Promise.all([
      startReview(),
      chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and refuses a request without the right token', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const base = url.replace(/\?.*/, '');
    expect((await fetch(base)).status).toBe(403);
    expect((await fetch(`${base}api/state`)).status).toBe(403);
    expect((await fetch(`${base}?token=wrong`)).status).toBe(403);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('highlights a requirement, overrides it with a reason, keeps it after a reload; check shows it', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(url.replace(/\/\?.*/, ''))) problems.push(`outside request: ${r.url()}`);
    });
    await page.goto(url);
    await page.waitForSelector('li.req');
    expect(await page.locator('li.req').count()).toBe(28);

    const marks = page.locator('mark.ev[data-reqs~="DR-NO-TRAINING"]');
    expect(await marks.count()).toBeGreaterThan(0);
    const inView = async () => {
      const box = (await page.locator('#text').boundingBox())!;
      const r = (await marks.first().boundingBox())!;
      return r.y >= box.y && r.y + r.height <= box.y + box.height;
    };
    expect(await inView()).toBe(false);

    const item = page.locator('li.req[data-id="DR-NO-TRAINING"]');
    await item.locator('button.pick').click();
    await expect.poll(() => marks.first().getAttribute('class')).toContain('active');
    await expect.poll(inView).toBe(true);
    // Only this requirement's spans are active.
    expect(await page.locator('mark.ev.active:not([data-reqs~="DR-NO-TRAINING"])').count()).toBe(0);

    await item.locator('select[name=status]').selectOption('met');
    await item.locator('input[name=reason]').fill('A signed side letter forbids any training on our data');
    await item.locator('input[name=by]').fill('A. Reviewer');
    await item.locator('button[data-action=override]').click();
    await expect.poll(() => page.locator('li.req[data-id="DR-NO-TRAINING"] .decision').textContent()).toContain('overridden to met by A. Reviewer');

    await page.reload();
    await page.waitForSelector('li.req');
    const after = page.locator('li.req[data-id="DR-NO-TRAINING"]');
    expect(await after.locator('.decision').textContent()).toMatch(/^overridden to met by A\. Reviewer on \d{4}-\d\d-\d\d: A signed side letter/);
    expect(await after.locator('.status').textContent()).toBe('met');

    expect(problems).toEqual([]);

    // A reason is required: the page shows the register's refusal.
    const other = page.locator('li.req[data-id="DR-RETENTION-PERIOD"]');
    await other.locator('button.pick').click();
    await other.locator('input[name=by]').fill('A. Reviewer');
    await other.locator('button[data-action=accept]').click();
    await expect.poll(() => other.locator('.error').textContent()).toMatch(/needs a reason/);
    await page.close();

    server.kill('SIGINT');
    expect(await new Promise((r) => server.on('exit', (code) => r(code)))).toBe(0);

    const check = cli(['check', file, '--db', db, '--fail-on', 'none']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/✓ met\s+DR-NO-TRAINING/);
    expect(check.stdout).toContain('decision: overridden to met by A. Reviewer on ');
  });
});
