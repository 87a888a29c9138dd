import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The console in a real browser against the real server with the demo city: one county admin
 * walks through tree → map → residents → reveal, and a community worker sees only their
 * community. The server's own state (the audit log) is checked through the API.
 */

const PASSWORD = 'Linli@2026';
const RESULTS_DIR = path.resolve(__dirname, '../../test-results');

let base: string;
let browser: Browser;

beforeAll(async () => {
  base = process.env.E2E_BASE_URL ?? inject('baseUrl');
  if (!base) throw new Error('E2E_BASE_URL is not set: run through the e2e project, whose global setup starts the server');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

interface Session {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to make to anywhere but the server under test. */
  outbound: string[];
}

/** A fresh browser context that refuses (and records) every request leaving the test server. */
async function openSession(): Promise<Session> {
  const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const outbound: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outbound.push(url);
    return route.abort();
  });
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page, outbound };
}

/** Runs the body; on failure keeps a screenshot and a trace under test-results/. */
async function withArtifacts(name: string, body: (s: Session) => Promise<void>) {
  const s = await openSession();
  try {
    await body(s);
    expect(s.outbound, 'unexpected outbound requests').toEqual([]);
    await s.context.tracing.stop();
  } catch (e) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = name.replace(/[^\w-]+/g, '-');
    await s.page.screenshot({ path: path.join(RESULTS_DIR, `${file}.png`), fullPage: true }).catch(() => undefined);
    await s.context.tracing.stop({ path: path.join(RESULTS_DIR, `${file}-trace.zip`) }).catch(() => undefined);
    throw e;
  } finally {
    await s.context.close();
  }
}

describe('web console', () => {
  it('should let a county admin browse the tree and map, and reveal an ID number with an audited reason', async () => {
    await withArtifacts('county-admin-walkthrough', async ({ page }) => {
      // The one test that signs in through the login form.
      await page.goto('/login');
      await page.getByLabel('用户名').fill('county_lishi');
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/org');
      await expect.poll(() => page.getByRole('button', { name: /账号菜单/ }).textContent()).toContain('县（市、区）管理员');

      // Org tree: county → street → community, then the community's details.
      const tree = page.getByRole('tree');
      await tree.getByRole('treeitem', { name: /离石区/ }).first().waitFor();
      await tree.getByRole('treeitem', { name: /滨河街道/ }).click();
      await tree.getByRole('treeitem', { name: /龙凤社区/ }).click();
      const detail = page.getByRole('region', { name: '组织详情' });
      await detail.getByRole('heading', { name: '龙凤社区' }).waitFor();
      await expect.poll(() => detail.textContent()).toMatch(/住户[\d,]+/);
      expect(await detail.textContent()).toContain('社区');
      await page.getByText('沿革记录').waitFor();

      // Grid map: the canvas is drawn with the community's grids, with a legend of grid types.
      await page.getByRole('menuitem', { name: '网格地图' }).click();
      await page.waitForURL('**/map');
      const chart = page.getByRole('img', { name: /网格地图，共 \d+ 个网格/ });
      await chart.waitFor();
      await chart.locator('canvas').first().waitFor();
      const mapBox = page.locator('.map-canvas[data-rendered="true"]');
      await mapBox.waitFor();
      expect(Number(await mapBox.getAttribute('data-grid-count'))).toBeGreaterThan(0);
      const legend = page.getByRole('group', { name: '网格类型图例' });
      for (const type of ['封闭小区', '散居片区', '商圈园区']) await legend.getByText(type).waitFor();

      // Residents: ages, never birth dates; reveal the first ID number for a listed reason.
      await page.getByRole('menuitem', { name: /(^|\s)居民$/ }).click();
      await page.waitForURL('**/residents');
      const revealButton = page.getByRole('button', { name: /的完整身份证号$/ }).first();
      await revealButton.waitFor();
      const row = page.getByRole('row').filter({ has: revealButton }).first();
      const masked = (await row.textContent())!.match(/(\d{6})\*{10}(\d[\dX])/);
      expect(masked, 'the table shows a masked ID number').not.toBeNull();
      expect(await row.textContent(), 'no birth date beside the mask').not.toMatch(/(19|20)\d{2}-?\d{2}-?\d{2}/);
      await revealButton.click();

      const dialog = page.getByRole('dialog');
      const words = `端到端测试核对户籍 ${Date.now()}`;
      const reason = `核实身份办理业务：${words}`;
      // "Other" without words is refused in the dialog, before anything is sent.
      await dialog.getByLabel('查看原因').click();
      await page.getByTitle('其他（需填写说明）').click();
      await dialog.getByLabel('补充说明').fill('....');
      await dialog.getByRole('button', { name: '查看' }).click();
      await dialog.getByText(/选择“其他”时请写明原因/).waitFor();
      await dialog.getByLabel('查看原因').click();
      await page.getByTitle('核实身份办理业务').click();
      await dialog.getByLabel('补充说明').fill(words);
      await dialog.getByRole('button', { name: '查看' }).click();
      const revealed = dialog.getByTestId('revealed-value');
      await revealed.waitFor();
      const full = (await revealed.textContent())!.trim();
      expect(full).toMatch(/^\d{17}[\dX]$/);
      expect(full.slice(0, 6)).toBe(masked![1]);
      expect(full.slice(-2)).toBe(masked![2]);
      await dialog.getByRole('button', { name: '关闭' }).last().click();
      await dialog.waitFor({ state: 'hidden' });
      // The full number is not left behind in the page.
      expect(await page.locator('body').textContent()).not.toContain(full);

      // The server recorded the reveal with the reason.
      await expect
        .poll(async () => {
          const res = await page.request.get('/api/audit?action=pii.reveal&pageSize=50');
          const body = (await res.json()) as { items: { action: string; reason: string | null; username: string | null }[] };
          return body.items.find((a) => a.reason === reason);
        })
        .toMatchObject({ action: 'pii.reveal', username: 'county_lishi', reason });
    });
  });

  it('should show a community worker only their own community at the tree root', async () => {
    await withArtifacts('community-worker-scope', async ({ context, page }) => {
      // Signed in through the API: the login form has its own test above.
      const login = await context.request.post('/api/auth/login', { data: { username: 'worker_binhe1', password: PASSWORD } });
      expect(login.ok()).toBe(true);

      await page.goto('/org');
      const tree = page.getByRole('tree');
      const items = tree.getByRole('treeitem');
      await items.first().waitFor();
      expect(await items.first().textContent()).toContain('龙凤社区');
      expect(await tree.getByRole('treeitem', { name: /离石区|滨河街道/ }).count()).toBe(0);
      expect(await tree.getByRole('treeitem', { name: /^滨河社区/ }).count()).toBe(0);
      await expect.poll(() => page.getByTitle('管辖范围').textContent()).toContain('龙凤社区');
      // Audit and import are not in this role's menu.
      expect(await page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
    });
  });
});
