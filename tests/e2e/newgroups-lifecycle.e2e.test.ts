import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { apiGet, browserSessions, pickOption } from './browser-sessions.js';

/**
 * Closing from the screens, with a reason: county_lishi closes a service point (it leaves the live
 * list and shows, with its reason, under the history filter), reopens it (closed by mistake) and ends an instructor's posting on
 * the register page; the server keeps both rows with who and why.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Me { csrfToken: string; account: { scope: { orgId: number } } }
interface Page<T> { total: number; items: T[] }
interface Point { id: number; name: string; closeReason: string | null }
interface Instructor { id: number; name: string; endedOn: string | null; endReason: string | null }

async function apiPost<T>(request: APIRequestContext, csrf: string, url: string, data: unknown): Promise<T> {
  const r = await request.post(url, { data, headers: { 'x-csrf-token': csrf } });
  expect(r.ok(), `POST ${url}: ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

describe('newgroups lifecycle in the browser', () => {
  it('should close a service point and end an instructor\'s posting from the screens, each with a reason', async () => {
    const n = Date.now() % 100000;
    const POINT = `测试工会驿站${n}`;
    const INSTRUCTOR = `测试指导员${n}`;
    await b.withArtifacts('newgroups-lifecycle', async () => {
      const county = await b.open('county_lishi');
      const req = county.context.request;
      const me = await apiGet<Me>(req, '/api/auth/me');
      await apiPost(req, me.csrfToken, '/api/newgroups/service-points', {
        name: POINT, kind: 'union_station', unitId: me.account.scope.orgId, lat: 37.52, lng: 111.14, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '20:00' })),
      });
      // A station of its own in the county's first street, its own organisation, and the instructor sent there.
      const street = (await apiGet<{ rows: { unitId: number }[] }>(req, '/api/newgroups/coverage')).rows[0]!.unitId;
      const platform = (await apiGet<Page<{ id: number }>>(req, '/api/newgroups/platforms?pageSize=1')).items[0]!.id;
      const station = await apiPost<{ id: number }>(req, me.csrfToken, '/api/newgroups/stations', { platformId: platform, unitId: street, name: `测试撤站${n}` });
      const org = await apiPost<{ id: number }>(req, me.csrfToken, '/api/newgroups/party-orgs', { name: `测试党支部${n}`, kind: 'independent', unitId: street, foundedOn: '2026-01-02', stationIds: [station.id] });
      await apiPost(req, me.csrfToken, '/api/newgroups/instructors', { partyOrgId: org.id, name: INSTRUCTOR, sentBy: '离石区委组织部', sentOn: '2026-01-05' });

      // The service point: the reason is asked for, then the point leaves the live list.
      const page = county.page;
      await page.goto('/newgroups/service-points');
      const row = page.getByRole('row', { name: new RegExp(POINT) });
      await row.getByRole('button', { name: /^撤 ?销$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(`撤销服务站点：${POINT}`).waitFor();
      await dialog.getByRole('button', { name: /^确 ?认$/ }).click();
      await dialog.getByText('请填写原因').waitFor();
      await dialog.getByLabel('原因').fill('场地收回');
      await dialog.getByRole('button', { name: /^确 ?认$/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.waitFor({ state: 'detached' });
      await expect.poll(async () => (await apiGet<Page<Point>>(req, '/api/newgroups/service-points?status=closed&pageSize=100')).items.find((p) => p.name === POINT)?.closeReason)
        .toBe('场地收回');
      await page.getByLabel('状态').click();
      await pickOption(page, '已撤销（历史）');
      await expect.poll(() => page.getByRole('row', { name: new RegExp(POINT) }).textContent()).toContain('场地收回');
      // Closed by mistake: reopened with a reason, it leaves the history and is live again.
      const closedRow = page.getByRole('row', { name: new RegExp(POINT) });
      await closedRow.getByRole('button', { name: /^恢 ?复$/ }).click();
      const rdialog = page.getByRole('dialog');
      await rdialog.getByText(`恢复服务站点：${POINT}`).waitFor();
      await rdialog.getByLabel('原因').fill('撤销有误');
      await rdialog.getByRole('button', { name: /^确 ?认$/ }).click();
      await rdialog.waitFor({ state: 'detached' });
      await closedRow.waitFor({ state: 'detached' });
      expect((await apiGet<Page<Point>>(req, '/api/newgroups/service-points?status=closed&pageSize=100')).items.some((p) => p.name === POINT)).toBe(false);

      // The instructor, on the register page's tab.
      await page.goto('/newgroups/register');
      await page.getByRole('tab', { name: '党建指导员' }).click();
      const irow = page.getByRole('row', { name: new RegExp(INSTRUCTOR) });
      await irow.getByRole('button', { name: '结束选派' }).click();
      const idialog = page.getByRole('dialog');
      await idialog.getByLabel('原因').fill('任期届满');
      await idialog.getByRole('button', { name: /^确 ?认$/ }).click();
      await idialog.waitFor({ state: 'detached' });
      await irow.waitFor({ state: 'detached' });
      const ended = await apiGet<Page<Instructor>>(req, '/api/newgroups/instructors?status=closed&pageSize=100');
      expect(ended.items.find((i) => i.name === INSTRUCTOR)).toMatchObject({ endReason: '任期届满', endedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    });
  });
});
