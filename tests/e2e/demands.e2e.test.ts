import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * A resident's demand in real browsers against the demo city: reported on the phone page,
 * accepted by the grid worker, whistled by the street to 离石区住建局, accepted and resolved in
 * the department's inbox, rated 满意 on the phone — and the street's rates page counts it.
 */

const PASSWORD = 'Linli@2026';
const RESULTS_DIR = path.resolve(__dirname, '../../test-results');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

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
  name: string;
  context: BrowserContext;
  page: Page;
  outbound: string[];
}

const sessions: Session[] = [];

/** A signed-in browser context (through the API: the login form has its own test) that refuses every request leaving the test server. */
async function signIn(username: string, viewport = DESKTOP): Promise<Session> {
  const phone = viewport.width < 768;
  const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport, isMobile: phone, hasTouch: phone });
  const outbound: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outbound.push(url);
    return route.abort();
  });
  await context.tracing.start({ screenshots: true, snapshots: true });
  const login = await context.request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.ok(), `${username} signs in`).toBe(true);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const s = { name: username, context, page, outbound };
  sessions.push(s);
  return s;
}

/** Runs the flow; on failure keeps a screenshot and a trace of every open session under test-results/. */
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

interface RateRow {
  id: number;
  name: string;
  received: number;
  satisfactionRate: number | null;
}

/** The community's row on the street's rates page: [received, satisfaction cell text]. */
async function communityRow(page: Page, community: string): Promise<[number, string]> {
  await page.getByTestId('kpi-received').waitFor();
  await page.locator('.ant-table-tbody').first().waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: community, exact: true }) });
  if ((await row.count()) === 0) return [0, '-'];
  const cells = await row.first().getByRole('cell').allTextContents();
  // name, received, response, on-spot, resolution, satisfaction, overdue, hours
  return [Number(cells[1]), cells[5].trim()];
}

describe('demands in the browser', () => {
  it('should carry a resident’s phone report through the grid worker, a whistle and a department to a rating the rates page counts', async () => {
    await withArtifacts('demand-lifecycle', async () => {
      const street = await signIn('street_binhe');
      const community = '龙凤社区';

      // The rates page before: the community's received count and satisfaction.
      await street.page.goto('/demands/rates');
      await street.page.getByRole('img', { name: /下级单位各项比率/ }).or(street.page.getByText('该期间下级单位没有诉求')).first().waitFor();
      const [receivedBefore] = await communityRow(street.page, community);
      const ratesBefore = await (await street.context.request.get('/api/demands/rates')).json() as { children: RateRow[] };
      const apiBefore = ratesBefore.children.find((c) => c.name === community);

      // The resident lands on their phone pages and reports a problem.
      const resident = await signIn('resident_demo', PHONE);
      await resident.page.goto('/');
      await resident.page.waitForURL('**/m/demands');
      await resident.page.getByRole('link', { name: '我要反映' }).or(resident.page.getByText('我要反映').last()).first().click();
      await resident.page.waitForURL('**/m/report');
      await resident.page.getByRole('radio', { name: '公用设施' }).click();
      const description = `楼道灯坏了，晚上看不见 ${Date.now()}`;
      await resident.page.getByRole('textbox', { name: '2. 说说具体情况' }).fill(description);
      await resident.page.getByRole('button', { name: '提交' }).click();
      // A neighbour's open report of the same kind may exist (a rerun): this one is new.
      const force = resident.page.getByRole('button', { name: '不是同一问题，继续提交' });
      await Promise.race([resident.page.waitForURL(/\/m\/demands\/\d+$/), force.waitFor()]);
      if (await force.isVisible()) await force.click();
      await resident.page.waitForURL(/\/m\/demands\/\d+$/);
      const id = Number(resident.page.url().match(/\/m\/demands\/(\d+)$/)![1]);
      await resident.page.getByText('待受理').first().waitFor();
      await resident.page.getByText('提交诉求').waitFor();

      // The grid worker of the resident's grid accepts it in the console.
      const grid = await signIn('grid_binhe1');
      await grid.page.goto(`/demands/${id}`);
      await grid.page.getByText(description).first().waitFor();
      await grid.page.getByRole('region', { name: '办理' }).getByRole('button', { name: '受理' }).click();
      await expect.poll(() => grid.page.getByTestId('demand-state').textContent()).toBe('办理中');

      // The street whistles it to 离石区住建局.
      await street.page.goto(`/demands/${id}`);
      await street.page.getByRole('region', { name: '办理' }).getByRole('button', { name: '街道吹哨派单' }).click();
      const whistle = street.page.getByRole('dialog');
      await whistle.getByLabel('职能部门').click();
      await street.page.getByTitle('离石区住建局').click();
      await whistle.getByLabel('处理说明').fill('公共照明归住建部门维修');
      await whistle.getByRole('button', { name: '街道吹哨派单' }).click();
      await whistle.waitFor({ state: 'hidden' });
      await expect.poll(() => street.page.getByTestId('demand-state').textContent()).toBe('已吹哨');

      // The department lands in its inbox, accepts (报到) and resolves.
      const dept = await signIn('dept_housing');
      await dept.page.goto('/');
      await dept.page.waitForURL('**/demands/inbox');
      const card = dept.page.getByRole('article', { name: `#${id} 公用设施` });
      await card.getByRole('button', { name: `接单 离石区住建局 #${id}` }).click();
      await card.getByText('已报到').waitFor();
      await card.getByRole('button', { name: `办结 离石区住建局 #${id}` }).click();
      const resolve = dept.page.getByRole('dialog');
      await resolve.getByLabel('办结情况').fill('已更换楼道灯具');
      await resolve.getByRole('button', { name: '办结' }).click();
      await resolve.waitFor({ state: 'hidden' });
      await card.getByText('已办结').first().waitFor();

      // The resident sees it resolved on the phone and rates it 满意.
      await resident.page.goto(`/m/demands/${id}`);
      const rate = resident.page.getByRole('region', { name: '问题解决了吗？请您评价' });
      await rate.getByRole('button', { name: '满意', exact: true }).click();
      await resident.page.getByText('您的评价：满意').waitFor();
      for (const step of ['提交诉求', '受理', '街道吹哨派单', '部门接单', '部门办结', '各部门均已办结', '评价：满意']) {
        await resident.page.getByText(step, { exact: true }).first().waitFor();
      }

      // The server counts it: one more received in the community, and a satisfaction rate.
      await expect
        .poll(async () => {
          const r = await (await street.context.request.get('/api/demands/rates')).json() as { children: RateRow[] };
          return r.children.find((c) => c.name === community);
        })
        .toMatchObject({ received: (apiBefore?.received ?? 0) + 1, satisfactionRate: expect.any(Number) });

      // And the rates page shows it.
      await street.page.goto('/demands/rates');
      await expect.poll(async () => (await communityRow(street.page, community))[0]).toBe(receivedBefore + 1);
      const [, satisfaction] = await communityRow(street.page, community);
      expect(satisfaction).toMatch(/^\d+(\.\d)?%$/);
    });
  });
});
