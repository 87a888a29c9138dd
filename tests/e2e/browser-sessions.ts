import fs from 'node:fs';
import path from 'node:path';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/**
 * Browser sessions for every browser test: signed in through the API (the login form has its own
 * test), every request leaving the test server refused and counted, a trace and a screenshot kept
 * under test-results/ when a flow fails.
 */

export const PASSWORD = 'Linli@2026';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };
const RESULTS_DIR = path.resolve(__dirname, '../../test-results');

export interface Session {
  name: string;
  context: BrowserContext;
  page: Page;
  outbound: string[];
}

export function browserSessions() {
  let base = '';
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  let contexts = 0;

  async function launch() {
    base = process.env.E2E_BASE_URL ?? inject('baseUrl');
    if (!base) throw new Error('E2E_BASE_URL is not set: run through the e2e project, whose global setup starts the server');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }

  /** A browser context, signed in as `username` unless it is null (the public pages). */
  async function open(username: string | null, viewport = DESKTOP, label = username ?? 'public'): Promise<Session> {
    if (!browser) throw new Error('launch() first');
    const phone = viewport.width < 768;
    // Reduced motion: the console then opens lists and dialogs without animation (as it does for
    // anyone who asks their system for less motion), so no click lands on a half-open list.
    contexts += 1;
    const context = await browser.newContext({
      // Users are in China: the phone's "today" (a deed's day, a month) is China's, whatever the machine's zone.
      baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport, isMobile: phone, hasTouch: phone, reducedMotion: 'reduce',
      // Each person at an address of their own, passed on by the trusted proxy at 127.0.0.1 (global-setup.ts).
      extraHTTPHeaders: { 'X-Forwarded-For': `10.${process.pid % 250}.${Math.floor(contexts / 250) % 250}.${contexts % 250 + 1}` },
    });
    const outbound: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      outbound.push(url);
      return route.abort();
    });
    await context.tracing.start({ screenshots: true, snapshots: true });
    if (username) {
      // Every browser here signs in from 127.0.0.1, and the server allows 20 sign-ins a minute from
      // one address: past that, wait as its Retry-After says, as a person would, and sign in again.
      let login = await context.request.post('/api/auth/login', { data: { username, password: PASSWORD } });
      for (let tries = 0; login.status() === 429 && tries < 2; tries++) {
        const wait = Number(login.headers()['retry-after'] ?? '30');
        await new Promise((r) => setTimeout(r, (Math.min(Number.isFinite(wait) ? wait : 30, 60) + 1) * 1000));
        login = await context.request.post('/api/auth/login', { data: { username, password: PASSWORD } });
      }
      expect(login.ok(), `${username} signs in`).toBe(true);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const s = { name: label, context, page, outbound };
    sessions.push(s);
    return s;
  }

  /** Runs a flow; on failure keeps a screenshot and a trace of every open session. */
  async function withArtifacts(name: string, body: () => Promise<void>) {
    try {
      await body();
      for (const s of sessions) expect(s.outbound, `unexpected outbound requests from ${s.name}`).toEqual([]);
      for (const s of sessions) await s.context.tracing.stop();
    } catch (e) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      for (const s of sessions) {
        const file = `${name}-${s.name}`.replace(/[^\w-]+/g, '-');
        await s.page.screenshot({ path: path.join(RESULTS_DIR, `${file}.png`), fullPage: true }).catch(() => undefined);
        await s.context.tracing.stop({ path: path.join(RESULTS_DIR, `${file}-trace.zip`) }).catch(() => undefined);
      }
      throw e;
    } finally {
      for (const s of sessions.splice(0)) await s.context.close();
    }
  }

  return { launch, open, withArtifacts, close: () => browser?.close() };
}

/**
 * Picks `title` in the open single-choice antd Select and waits for its list to close. Should a
 * click still be lost (the list re-rendering under the pointer), it clicks again while the list
 * stays open; a chosen option always closes it.
 */
export async function pickOption(page: Page, title: string | RegExp) {
  const dropdown = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    await dropdown.getByTitle(title, { exact: typeof title === 'string' }).first().click();
    try {
      await expect.poll(() => dropdown.count(), { timeout: 5_000 }).toBe(0);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** On /accounts after saving a new account: the temporary password, shown once, then its dialog closed. */
export async function takeTemporaryPassword(page: Page) {
  const temp = (await page.getByTestId('temporary-password').textContent())!.trim();
  expect(temp).toMatch(/^\w{4}-\w{4}-\w{4}$/);
  await page.getByRole('dialog').filter({ hasText: '临时密码' }).getByRole('button', { name: '关闭' }).last().click();
  return temp;
}

/** The row of `username` on /accounts, found with the keyword search. */
export async function findAccountRow(page: Page, username: string) {
  await page.getByLabel('关键字').fill(username);
  await page.getByRole('button', { name: '查询' }).click();
  return page.getByRole('row').filter({ hasText: username });
}

/** GET through a session's cookie; JSON or a failed expectation naming the path. */
export async function apiGet<T>(request: APIRequestContext, url: string): Promise<T> {
  const r = await request.get(url);
  expect(r.ok(), `GET ${url}: ${r.status()}`).toBe(true);
  return (await r.json()) as T;
}
