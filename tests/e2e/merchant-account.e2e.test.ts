import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, findAccountRow, PHONE, pickOption, takeTemporaryPassword } from './browser-sessions.js';

/**
 * Issue 10, "link each account to what it stands for: … a merchant": 龙凤社区's secretary gives one
 * of the community's shops an account on the accounts page, linked to the shop, with a temporary
 * password; the shopkeeper signs in on the phone, chooses a new password, and sees the shop's
 * own points (balance, entries) and the community's points supermarket.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Candidate { id: number; label: string; orgName: string; linkedAccountId: number | null }

describe('merchant accounts in the browser', () => {
  it('should let a community admin create a merchant account that then sees its shop\'s points on the phone', async () => {
    await b.withArtifacts('merchant-account', async () => {
      const n = Date.now() % 100000;
      const username = `shop${n}`;
      const secretary = await b.open('secretary_binhe1');
      const page = secretary.page;

      // A shop of the community that has no account yet (merchant_demo has the first one).
      const me = await apiGet<{ account: { scope: { orgId: number; name: string } } }>(secretary.context.request, '/api/auth/me');
      const community = me.account.scope;
      const candidates = await apiGet<{ items: Candidate[] }>(secretary.context.request, `/api/accounts/link-candidates?kind=merchant&orgId=${community.orgId}`);
      const shop = candidates.items.find((c) => c.linkedAccountId === null);
      expect(shop, `${community.name} has a shop without an account`).toBeDefined();
      const shopName = shop!.label.replace(/（.*）$/, '');

      await page.goto('/accounts');
      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill(username);
      await dialog.getByLabel('姓名/名称').fill(`店主${n}`);
      await dialog.getByLabel('角色').click();
      await pickOption(page, '商户');
      await dialog.getByLabel('所属组织').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: community.name }).first().click();
      await dialog.getByLabel('关联商户').click();
      await dialog.getByLabel('关联商户').fill(shopName);
      await pickOption(page, `${shop!.label} · ${shop!.orgName}`);
      await dialog.getByRole('button', { name: '保存' }).click();
      const temp = await takeTemporaryPassword(page);
      const row = await findAccountRow(page, username);
      await row.getByText('商户', { exact: true }).first().waitFor();
      await row.getByText(shopName, { exact: true }).waitFor();
      await row.getByText('待改密码').waitFor();

      // What the shop holds, as the community's staff see it.
      const holders = await apiGet<{ items: { kind: string; id: number; balance: number }[] }>(
        secretary.context.request, `/api/points/holders?communityId=${community.orgId}&kind=merchant&pageSize=200`);
      const held = holders.items.find((h) => h.id === shop!.id)?.balance ?? 0;

      // The shopkeeper signs in on the phone with the temporary password and must choose a new one first.
      const phone = await b.open(null, PHONE, username);
      const login = await phone.context.request.post('/api/auth/login', { data: { username, password: temp } });
      expect(login.ok()).toBe(true);
      await phone.page.goto('/m/points');
      await phone.page.getByRole('heading', { name: '请设置新密码' }).waitFor();
      await phone.page.getByLabel('当前密码（临时密码）').fill(temp);
      await phone.page.getByLabel('新密码', { exact: true }).fill('Dianpu-Jifen-2026');
      await phone.page.getByLabel('确认新密码').fill('Dianpu-Jifen-2026');
      await phone.page.getByRole('button', { name: '修改密码并继续' }).click();

      // Its own points: the shop's name, balance and entries; a merchant's tab bar, no demands.
      await phone.page.waitForURL('**/m/points');
      const card = phone.page.getByRole('region', { name: '我的积分' });
      await card.getByText(shopName).waitFor();
      await expect.poll(() => phone.page.getByTestId('my-balance').textContent()).toBe(String(held));
      await phone.page.getByText(/社区商户第 \d+ 名/).waitFor();
      if (held > 0) await phone.page.getByRole('list', { name: '明细' }).getByRole('listitem').first().waitFor();
      const tabs = phone.page.getByRole('navigation');
      await tabs.getByText('积分超市').waitFor();
      expect(await tabs.getByText('我的诉求').count()).toBe(0);

      // The community's supermarket, with the same balance.
      await tabs.getByText('积分超市').click();
      await phone.page.waitForURL('**/m/store');
      await expect.poll(() => phone.page.getByTestId('store-balance').textContent()).toBe(String(held));
      const mine = await apiGet<{ holder: { kind: string; id: number } }>(phone.context.request, '/api/store/my');
      expect(mine.holder).toEqual(expect.objectContaining({ kind: 'merchant', id: shop!.id }));
      // Staff lists stay closed to it.
      expect((await phone.context.request.get(`/api/points/holders?communityId=${community.orgId}`)).status()).toBe(403);
    });
  }, 300_000);
});
