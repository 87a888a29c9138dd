import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { idNumberCheckChar, maskPhone } from '../../server/platform/pii/id-number.js';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * Residents sign in by phone in a real browser against the demo city. The server runs with
 * LINLI_DEV_SMS_FILE (tests/e2e/global-setup.ts): the development SMS channel writes each text
 * there as well as to the notification log, and this test reads the code from it — the one way
 * a browser test can "receive" a text; no route hands codes out.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Me { id: number; residentId: number | null; householdId: number | null; scope: { orgId: number; name: string } }
interface Resident { id: number; name: string; phone: string | null }

/** Sign-in and registration codes texted to this phone so far. */
function codesTo(phone: string): string[] {
  const file = process.env.E2E_SMS_FILE ?? inject('smsFile');
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
  return lines.map((l) => JSON.parse(l) as { to: string; title: string; body: string })
    .filter((x) => x.to === maskPhone(phone) && x.title === '邻里验证码').map((x) => x.body.match(/\d{6}/)![0]);
}

/** The code of the text that follows the `before` already sent. */
async function nextCode(phone: string, before: number): Promise<string> {
  await expect.poll(() => codesTo(phone).length, { timeout: 10_000 }).toBeGreaterThan(before);
  return codesTo(phone)[before];
}

async function postJson(request: APIRequestContext, url: string, data: unknown) {
  const { csrfToken } = await apiGet<{ csrfToken: string }>(request, '/api/auth/me');
  const r = await request.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(r.ok(), `POST ${url}: ${r.status()} ${await r.text()}`).toBe(true);
  return r.json();
}

describe('phone sign-in in the browser', () => {
  it('should let a resident sign in with a texted code and see their household’s points', async () => {
    await b.withArtifacts('phone-login', async () => {
      // Someone of resident_demo's household with a phone on record; the worker reads the number (an audited reveal).
      const demo = await b.open('resident_demo', PHONE);
      const me = (await apiGet<{ account: Me }>(demo.context.request, '/api/auth/me')).account;
      const points = await apiGet<{ balance: number }>(demo.context.request, '/api/points/me');
      const worker = await b.open('worker_binhe1');
      const members = await apiGet<{ items: Resident[] }>(worker.context.request, `/api/people/residents?householdId=${me.householdId}`);
      const holder = members.items.find((r) => r.id === me.residentId && r.phone) ?? members.items.find((r) => r.phone);
      expect(holder, 'a member of the demo household has a phone').toBeTruthy();
      const { value: phone } = await postJson(worker.context.request, `/api/people/residents/${holder!.id}/reveal`, { field: 'phone', reasonCode: 'verify_identity' });

      const visitor = await b.open(null, PHONE, 'phone-visitor');
      const page = visitor.page;
      await page.goto('/login');
      await page.getByRole('link', { name: '居民请用手机号验证码登录' }).click();
      await page.waitForURL('**/m/login');
      await page.getByRole('textbox', { name: '手机号', exact: true }).fill(phone);
      const sent = codesTo(phone).length;
      await page.getByRole('button', { name: '获取验证码' }).click();
      await page.getByRole('status').filter({ hasText: '验证码已发送' }).waitFor();
      await page.getByRole('textbox', { name: '短信验证码', exact: true }).fill(await nextCode(phone, sent));
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL('**/m/points');
      await expect.poll(() => page.getByTestId('my-balance').textContent()).toBe(String(points.balance));
      const signedIn = (await apiGet<{ account: Me }>(visitor.context.request, '/api/auth/me')).account;
      expect(signedIn).toMatchObject({ residentId: holder!.id, householdId: me.householdId });
    });
  });

  it('should take a registration request from the phone, have the community confirm it, and then sign the new resident in', async () => {
    await b.withArtifacts('phone-registration', async () => {
      const worker = await b.open('worker_binhe1');
      const community = (await apiGet<{ account: Me }>(worker.context.request, '/api/auth/me')).account.scope;
      const phone = `199${String(Date.now()).slice(-8)}`;
      const first17 = `11010119910615${String(Date.now() % 1000).padStart(3, '0')}`;
      const idNumber = first17 + idNumberCheckChar(first17);
      const name = '测试申请人';

      const applicant = await b.open(null, PHONE, 'applicant');
      const page = applicant.page;
      await page.goto('/m/login');
      await page.getByRole('button', { name: '申请居民登记' }).click();
      await page.getByLabel('姓名').fill(name);
      await page.getByLabel('身份证号').fill(idNumber);
      await page.getByPlaceholder('输入社区名称查找').fill(community.name);
      await page.getByRole('list', { name: '所在社区' }).getByRole('button', { name: new RegExp(community.name) }).first().click();
      await page.getByLabel('住址').fill('1号楼1单元602室');
      await page.getByRole('textbox', { name: '手机号', exact: true }).fill(phone);
      await page.getByRole('button', { name: '获取验证码' }).click();
      await page.getByRole('textbox', { name: '短信验证码', exact: true }).fill(await nextCode(phone, 0));
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.getByText('申请已提交').waitFor();

      // The community worker puts the applicant into a household of the community.
      await worker.page.goto('/registrations');
      await worker.page.getByRole('button', { name: `确认 ${name} 入户` }).click();
      const dialog = worker.page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: '住户' }).click();
      await worker.page.locator('.ant-select-item-option').first().click();
      await dialog.getByRole('button', { name: '确认并开通账号' }).click();
      await worker.page.getByText(`${name} 已登记，账号已开通`).waitFor();

      // Told by text, the new resident signs in by phone.
      await page.getByRole('button', { name: '返回登录' }).click();
      await page.getByRole('textbox', { name: '手机号', exact: true }).fill(phone);
      await page.getByRole('button', { name: '获取验证码' }).click();
      await page.getByRole('textbox', { name: '短信验证码', exact: true }).fill(await nextCode(phone, 1));
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL('**/m/points');
      await page.getByTestId('my-balance').waitFor();
      const signedIn = (await apiGet<{ account: Me & { displayName: string } }>(applicant.context.request, '/api/auth/me')).account;
      expect(signedIn).toMatchObject({ displayName: name });
    });
  });
});
