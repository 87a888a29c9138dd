import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE } from '../../server/platform/http/web-app.js';
import { describeBundle, phoneBundle, PHONE_JS_BUDGET_BYTES } from '../helpers/phone-bundle-size.js';
import { browserSessions, PHONE } from './browser-sessions.js';

/**
 * Issue 12, phone pages on a weak signal: a /m/ page loads its own bundle (no Ant Design) within
 * the budget, hashed files are kept for good by the browser and sent in brotli, pages are
 * revalidated. The budget reads the build the browser tests run against (npm test builds it).
 */

const dist = path.resolve(process.env.LINLI_WEB_DIST ?? path.join(__dirname, '../../web/dist'));
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

describe('the phone bundle', () => {
  it(`should keep the JS a /m/ page loads up front within ${PHONE_JS_BUDGET_BYTES / 1024} KB of brotli`, () => {
    const bundle = phoneBundle(dist);
    console.log(`JS loaded up front by mobile.html (${dist}):\n${describeBundle(bundle)}`);
    expect(bundle.files.some((f) => /(^|\/)antd-/.test(f.file)), 'the phone page imports the Ant Design chunk').toBe(false);
    expect(bundle.brotli, 'JS for /m/* over the budget: see the table above').toBeLessThanOrEqual(PHONE_JS_BUDGET_BYTES);
  });

  it('should load a phone page without Ant Design, with immutable hashed assets sent in brotli', async () => {
    await b.withArtifacts('phone-bundle', async () => {
      const antdChunks = fs.readdirSync(path.join(dist, 'assets')).filter((f) => /^antd-.*\.js$/.test(f));
      expect(antdChunks.length, 'the console still has its Ant Design chunk').toBeGreaterThan(0);

      for (const [username, url, tab] of [['resident_demo', '/m/report', '我要反映'], ['grid_binhe1', '/m/visit', '背包上门']] as const) {
        const s = await b.open(username, PHONE);
        const responses: Response[] = [];
        s.page.on('response', (r) => responses.push(r));
        const page = await s.page.goto(url);
        expect(page!.headers()['cache-control'], `${url} is revalidated`).toBe('no-cache');
        await s.page.getByRole('navigation').getByText(tab).waitFor();

        const assets = responses.filter((r) => new URL(r.url()).pathname.startsWith('/assets/'));
        const scripts = assets.filter((r) => r.url().endsWith('.js'));
        expect(scripts.length, `${url} loads scripts`).toBeGreaterThan(0);
        const loaded = scripts.map((r) => path.basename(new URL(r.url()).pathname));
        expect(loaded.filter((f) => antdChunks.includes(f) || f.startsWith('antd-')), `${url} loads no Ant Design chunk`).toEqual([]);
        // Ant Design names its elements .ant-* and writes their CSS into <style> tags; the phone page has neither
        // (the icons' own small .anticon style is not Ant Design).
        expect(await s.page.locator('[class^="ant-"], [class*=" ant-"], style[data-css-hash], style[data-token-hash]').count()).toBe(0);
        expect(await s.page.evaluate(() => [...document.querySelectorAll('style')].filter((x) => x.textContent?.includes('.ant-')).length)).toBe(0);
        for (const r of assets) expect(r.headers()['cache-control'], r.url()).toBe(IMMUTABLE);

        // A browser that accepts brotli gets it; one that accepts only gzip gets gzip.
        const entry = scripts.find((r) => /\/assets\/mobile-[\w-]+\.js$/.test(r.url()));
        expect(entry, 'the phone entry script').toBeDefined();
        const br = await s.context.request.get(entry!.url(), { headers: { 'accept-encoding': 'br' } });
        expect(br.headers()['content-encoding']).toBe('br');
        expect(br.headers()['cache-control']).toBe(IMMUTABLE);
        const gz = await s.context.request.get(entry!.url(), { headers: { 'accept-encoding': 'gzip' } });
        expect(gz.headers()['content-encoding']).toBe('gzip');
        expect(await gz.text()).toBe(await br.text());
      }
    });
  });
  it('should bring English only to those who choose it, and keep it for the next page', async () => {
    await b.withArtifacts('phone-english', async () => {
      const { page } = await b.open(null, PHONE, 'phone-english');
      const scripts: string[] = [];
      page.on('response', (r) => r.url().endsWith('.js') && scripts.push(new URL(r.url()).pathname));
      await page.goto('/m/login');
      await page.getByRole('heading', { name: '手机号登录' }).waitFor();
      const upFront = scripts.length;
      await page.getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in by phone' }).waitFor();
      expect(scripts.length, 'English arrives as a script of its own').toBeGreaterThan(upFront);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in by phone' }).waitFor();
      expect(await page.getByRole('heading', { name: '手机号登录' }).count()).toBe(0);
    });
  });

  it('should open a phone page and its last-seen list without signal after one online visit', async () => {
    await b.withArtifacts('phone-offline', async () => {
      const s = await b.open('resident_demo', PHONE);
      const me = await (await s.context.request.get('/api/auth/me')).json() as { csrfToken: string };
      const description = `楼道灯不亮，离线也要看得到 ${Date.now()}`;
      const made = await s.context.request.post('/api/demands', {
        data: { categoryCode: 'environment', description, force: true }, headers: { 'x-csrf-token': me.csrfToken },
      });
      expect(made.ok(), `report: ${made.status()}`).toBe(true);
      const { demand } = await made.json() as { demand: { id: number; categoryName: string } };

      // An installable app: a manifest scoped to the phone pages, with PNG icons.
      const manifest = await (await s.context.request.get('/manifest.webmanifest')).json() as { scope: string; start_url: string; icons: { src: string; type: string }[] };
      expect(manifest).toMatchObject({ scope: '/m/', start_url: '/m/' });
      for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
        const r = await s.context.request.get(icon.src);
        expect(r.headers()['content-type'], icon.src).toBe('image/png');
        expect((await r.body()).subarray(1, 4).toString(), icon.src).toBe('PNG');
      }

      const page = s.page;
      const tabs = page.getByRole('navigation');
      await page.goto('/m/demands');
      await page.getByRole('article', { name: `${demand.categoryName} #${demand.id}` }).waitFor();
      // The worker installs (the page and its files cached) and takes the page over.
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), { timeout: 30_000 }).toMatch(/\/sw\.js$/);
      // Lists seen while it runs keep their last answer.
      await tabs.getByText('消息').click();
      await tabs.getByText('我的诉求').click();
      await page.getByRole('article', { name: `${demand.categoryName} #${demand.id}` }).waitFor();

      await s.context.setOffline(true);
      try {
        // Really offline, the worker's own requests included.
        expect(await page.evaluate(() => fetch(`/api/health?t=${Date.now()}`).then(() => 'online', () => 'offline'))).toBe('offline');
        await page.reload();
        await tabs.getByText('我的诉求').waitFor();
        await page.getByRole('article', { name: `${demand.categoryName} #${demand.id}` }).waitFor();
        expect(page.url()).toMatch(/\/m\/demands$/);
      } finally {
        await s.context.setOffline(false);
      }
    });
  });
});
