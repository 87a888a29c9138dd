import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PASSWORD, PHONE } from './browser-sessions.js';
import { monthsAgo } from './points-helpers.js';

/**
 * Issue 12, phone pages: what a phone records without signal (demands, door-to-door visits,
 * points deeds) waits in one queue that the phone app sends whichever /m page is open, once,
 * even with two tabs open, with a badge of what waits on every page.
 */

interface Household { id: number; address: string }
interface Holder { kind: 'household' | 'merchant'; id: number; label: string }
interface RecordRow { note: string }
interface DemandRow { description: string }
interface Visit { note: string }
interface Me { account: { id: number; scope: { orgId: number } } }

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const shortAddress = (a: string) => a.replace(/^.*?社区\s*/, '') || a;
const SENDS = new Set(['/api/demands', '/api/points/records', '/api/visits']);

/** Every record a page posts, by clientId: the server keeps a replay once, so count the posts themselves. */
function countPosts(pages: Page[]) {
  const posts = new Map<string, number>();
  for (const page of pages) {
    page.on('request', (r) => {
      if (r.method() !== 'POST' || !SENDS.has(new URL(r.url()).pathname)) return;
      const clientId = (r.postDataJSON() as { clientId?: string } | null)?.clientId ?? 'none';
      posts.set(clientId, (posts.get(clientId) ?? 0) + 1);
    });
  }
  return posts;
}

describe('the phone queue', () => {
  it('should send a demand and a points deed queued offline on their pages once from another page, and empty the badge', async () => {
    await b.withArtifacts('phone-queue-one-sender', async () => {
      const worker = await b.open('worker_binhe1', PHONE);
      const page = worker.page;
      const tabs = page.getByRole('navigation');
      const badge = page.getByTestId('queue-badge');
      const posts = countPosts([page]);
      const me = await apiGet<Me>(worker.context.request, '/api/auth/me');
      const communityId = me.account.scope.orgId;
      const holder = (await apiGet<{ items: Holder[] }>(worker.context.request, `/api/points/holders?communityId=${communityId}&q=201&kind=household&pageSize=5`)).items[0];
      const door = shortAddress((await apiGet<{ items: Household[] }>(worker.context.request, '/api/people/households?page=1&pageSize=3')).items[0].address);
      const stamp = Date.now();
      const description = `离线登记的楼道漏水 e2e-${stamp}`;
      const note = `离线记积分 e2e-${stamp}`;

      // Online first: the household is picked once, so it is among the recent ones offline.
      await page.goto('/m/points/record');
      await page.getByPlaceholder('门牌号、楼号或户主姓名').fill(holder.label.split(' ').at(-2)!);
      await page.getByRole('button', { name: holder.label, exact: true }).click();
      await page.getByRole('radio', { name: '垃圾分类', exact: true }).waitFor();

      // The door-to-door page: the door picked with signal, the problem recorded without.
      await tabs.getByText('背包上门').click();
      await page.getByPlaceholder('输入门牌号或地址').fill(door);
      await page.getByRole('button', { name: door, exact: true }).click();
      await worker.context.setOffline(true);
      await page.getByRole('radio', { name: '公用设施' }).click();
      await page.getByLabel('3. 简单说明').fill(description);
      await page.getByRole('button', { name: '登记待办' }).click();
      await page.getByText('1 条记录等待上传').waitFor();
      await expect.poll(() => badge.textContent()).toBe('待发 1');

      // Still offline, the points page: the deed waits beside the demand.
      await tabs.getByText('记积分').click();
      await page.getByRole('button', { name: holder.label, exact: true }).click();
      await page.getByRole('radio', { name: '垃圾分类', exact: true }).click();
      await page.getByLabel('说明（可不填）').fill(note);
      await page.getByRole('button', { name: /^记一笔/ }).click();
      await page.getByText('1 条记录等待联网提交').waitFor();
      await expect.poll(() => badge.textContent()).toBe('待发 2');
      expect(await badge.getAttribute('aria-label')).toBe('等待发送：诉求 1 条，积分记录 1 条，点按立即发送');

      // A third page, where neither record was written, sends both when the signal is back.
      await tabs.getByText('我的任务').click();
      await page.waitForURL('**/m/tasks');
      await expect.poll(() => badge.textContent()).toBe('待发 2');
      await worker.context.setOffline(false);
      await badge.waitFor({ state: 'hidden', timeout: 30_000 });

      const demands = async () => (await apiGet<{ items: DemandRow[] }>(worker.context.request, '/api/demands?page=1&pageSize=50')).items.filter((d) => d.description === description);
      const deeds = async () => (await apiGet<{ items: RecordRow[] }>(worker.context.request, `/api/points/records?communityId=${communityId}&month=${monthsAgo(0)}&holderId=${holder.id}&pageSize=100`))
        .items.filter((r) => r.note === note);
      await expect.poll(async () => (await demands()).length).toBe(1);
      await expect.poll(async () => (await deeds()).length).toBe(1);
      // Each went out once, under its own clientId.
      expect([...posts.entries()].filter(([id]) => id !== 'none')).toEqual([[expect.any(String), 1], [expect.any(String), 1]]);

      // Nothing waits: back on the record pages, no bar and no badge, and a reload sends nothing again.
      await page.reload();
      await tabs.getByText('我的任务').waitFor();
      expect(await badge.count()).toBe(0);
      expect(await demands()).toHaveLength(1);
      expect(await deeds()).toHaveLength(1);
    });
  });

  it('should send each record once when two tabs of the phone pages come back online together', async () => {
    await b.withArtifacts('phone-queue-two-tabs', async () => {
      const worker = await b.open('worker_binhe1', PHONE);
      const first = worker.page;
      const second = await worker.context.newPage();
      second.setDefaultTimeout(20_000);
      const posts = countPosts([first, second]);
      const door = shortAddress((await apiGet<{ items: Household[] }>(worker.context.request, '/api/people/households?page=1&pageSize=3')).items[0].address);
      const stamp = Date.now();
      const notes = [1, 2, 3].map((n) => `两个标签页 第${n}户 e2e-${stamp}`);

      await second.goto('/m/messages');
      await second.getByRole('navigation').getByText('消息').waitFor();
      await first.goto('/m/visit');
      await first.getByPlaceholder('输入门牌号或地址').fill(door);
      await first.getByRole('button', { name: door, exact: true }).click();
      await first.getByRole('radio', { name: '无诉求' }).click();

      await worker.context.setOffline(true);
      for (const [i, n] of notes.entries()) {
        await first.getByLabel('走访情况（可不填）').fill(n);
        await first.getByRole('button', { name: '登记走访' }).click();
        await first.getByText(`${i + 1} 条记录等待上传`).waitFor();
      }
      // The other tab sees what waits too.
      await expect.poll(() => second.getByTestId('queue-badge').getAttribute('aria-label')).toBe('等待发送：走访 3 条，点按立即发送');

      // Both tabs hear the signal come back at once; one sends.
      await worker.context.setOffline(false);
      for (const p of [first, second]) await p.getByTestId('queue-badge').waitFor({ state: 'hidden', timeout: 30_000 });
      await expect
        .poll(async () => (await apiGet<{ items: Visit[] }>(worker.context.request, '/api/visits/mine?page=1&pageSize=20')).items.filter((v) => notes.includes(v.note)).length)
        .toBe(3);
      expect(posts.size).toBe(3);
      expect([...posts.values()]).toEqual([1, 1, 1]);
    });
  });

  it('should bring a signed-out phone user back to the phone page they asked for after signing in', async () => {
    await b.withArtifacts('phone-return-after-login', async () => {
      const { page } = await b.open(null, PHONE, 'phone-return');
      await page.goto('/m/points/record');
      await page.waitForURL(/\/login\?next=%2Fm%2Fpoints%2Frecord$/);
      await page.getByLabel('用户名').fill('worker_binhe1');
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/m/points/record');
      await page.getByRole('radio', { name: '垃圾分类', exact: true }).waitFor();
      await page.getByRole('navigation').getByText('记积分').waitFor();
    });
  });
});
