import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * Issue 13, 双报到: member_demo, an in-service party member, reports on the phone to the community
 * where they live (shown, not chosen), picking their work unit and a post; 龙凤社区's secretary
 * confirms the report on the console's 报到审核 page; the phone then shows it confirmed, and the
 * member claims a neighbour's micro-wish from 我要服务.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface MyReport {
  community: { id: number; name: string } | null;
  current: { id: number; status: string; memberName: string; workUnitName: string; posts: string[] } | null;
}

describe('双报到 in the browser', () => {
  it('should let an in-service member report to their community on the phone and the secretary confirm it', async () => {
    await b.withArtifacts('cobuild-report', async () => {
      const secretary = await b.open('secretary_binhe1');
      const me = await apiGet<{ account: { scope: { orgId: number; name: string } } }>(secretary.context.request, '/api/auth/me');
      const community = me.account.scope;

      const phone = await b.open('member_demo', PHONE);
      const before = await apiGet<MyReport>(phone.context.request, '/api/cobuild/my-report');
      expect(before.current, 'member_demo has not reported this year').toBeNull();

      await phone.page.goto('/m/cobuild-report');
      await expect.poll(() => phone.page.getByTestId('report-community').textContent()).toBe(community.name);
      await phone.page.getByLabel('输入单位名称查找').fill('税务');
      await phone.page.getByRole('radio', { name: '吕梁市税务局离石分局' }).click();
      // 龙凤社区 does not offer 支部书记: only the posts it offers are there to pick.
      expect(await phone.page.getByRole('checkbox', { name: '支部书记' }).count()).toBe(0);
      await phone.page.getByRole('checkbox', { name: '楼栋长' }).click();
      await phone.page.getByRole('button', { name: '向社区报到' }).click();
      await phone.page.getByTestId('report-status').filter({ hasText: '待确认' }).waitFor();

      const mine = await apiGet<MyReport>(phone.context.request, '/api/cobuild/my-report');
      expect(mine.current).toMatchObject({ status: 'pending', workUnitName: '吕梁市税务局离石分局', posts: ['building_head'] });
      expect(mine.community?.id).toBe(community.orgId);

      // The secretary sees it waiting on 报到审核 and confirms it.
      await secretary.page.goto('/cobuild/review');
      const row = secretary.page.getByRole('row').filter({ hasText: mine.current!.memberName }).filter({ hasText: '吕梁市税务局离石分局' });
      await row.getByRole('button', { name: '确认' }).click();
      await secretary.page.getByText(`已确认 ${mine.current!.memberName} 的报到`).waitFor();

      await expect.poll(async () => (await apiGet<MyReport>(phone.context.request, '/api/cobuild/my-report')).current?.status).toBe('confirmed');
      await phone.page.reload();
      await phone.page.getByTestId('report-status').filter({ hasText: '已确认' }).waitFor();

      // Reported and confirmed, the member serves: 我要服务 in the tab bar → 微心愿 → claims a neighbour's wish.
      await phone.page.getByRole('navigation', { name: '主菜单' }).getByText('我要服务', { exact: true }).click();
      await phone.page.getByRole('button', { name: /微心愿/ }).click();
      await phone.page.waitForURL('**/m/wishes');
      const card = phone.page.getByRole('article', { name: '心愿：想要一副老花镜' });
      await card.getByRole('button', { name: '我来认领' }).click();
      await phone.page.getByRole('dialog').getByRole('button', { name: '认领' }).click();
      await expect.poll(async () => {
        const mine = await apiGet<{ items: { title: string; state: string; claimState: string }[] }>(phone.context.request, '/api/wishes/mine');
        const w = mine.items.find((x) => x.title === '想要一副老花镜');
        return w && `${w.state}/${w.claimState}`;
      }).toBe('claimed/active');
    });
  });
});
