import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, pickOption, PHONE } from './browser-sessions.js';

/**
 * 白名单, the phone pass and reports from the road in real browsers against the demo city:
 * street_binhe puts rider_demo (美团龙凤站) on the white-list if he is not yet, secretary_binhe1
 * enrols him as a part-time grid worker if he is not yet; rider_demo shows his pass and
 * property_demo checks it at /m/gate; rider_demo reports a hazard from the road and
 * worker_binhe1 finds it among the community's demands, and the secretary rewards it.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const STATION = '美团龙凤站';

describe('newgroups road in the browser', () => {
  it('should white-list and enrol the rider, pass the gate with his code and bring his report to the community', async () => {
    await b.withArtifacts('newgroups-road', async () => {
      const rider = await b.open('rider_demo', PHONE);
      const me = await apiGet<{ account: { displayName: string } }>(rider.context.request, '/api/auth/me');
      const name = me.account.displayName;

      // 1. The street white-lists him (unless an earlier run did).
      const street = await b.open('street_binhe');
      await street.page.goto('/newgroups/whitelist');
      await street.page.getByLabel('按姓名查找').fill(name);
      await street.page.getByLabel('按姓名查找').press('Enter');
      const row = street.page.getByRole('row').filter({ hasText: name }).filter({ hasText: STATION });
      await row.waitFor();
      if (await row.getByRole('button', { name: '列入白名单' }).count()) {
        await row.getByRole('button', { name: '列入白名单' }).click();
        const dialog = street.page.getByRole('dialog');
        await dialog.getByLabel('理由').fill('注册满一年，站点推荐，无投诉');
        await dialog.getByRole('button', { name: '确定' }).click();
        await dialog.waitFor({ state: 'detached' });
      }
      await row.getByText('已列入').waitFor();

      // 2. The community enrols him as a part-time grid worker (unless he already is one).
      const secretary = await b.open('secretary_binhe1');
      const sec = (await apiGet<{ account: { scope: { name: string } } }>(secretary.context.request, '/api/auth/me')).account;
      const enrolled = await apiGet<{ items: { workerName: string; stationName: string; duty: string }[] }>(secretary.context.request, '/api/newgroups/parttime?active=active&pageSize=200');
      await secretary.page.goto('/newgroups/parttime');
      if (!enrolled.items.some((r) => r.workerName === name && r.stationName === STATION)) {
        await secretary.page.getByRole('button', { name: '聘任', exact: true }).click();
        const dialog = secretary.page.getByRole('dialog');
        await dialog.getByLabel('从业人员').click();
        await dialog.getByLabel('从业人员').fill(name);
        await pickOption(secretary.page, `${name}（美团 · ${STATION}）`);
        await dialog.getByLabel('网格/社区').click();
        await pickOption(secretary.page, sec.scope.name);
        await dialog.getByLabel('理由').fill('熟悉片区，愿意参与网格服务');
        await dialog.getByRole('button', { name: '确定' }).click();
        await dialog.waitFor({ state: 'detached' });
      }
      await secretary.page.getByRole('row').filter({ hasText: name }).filter({ hasText: '兼职网格员' }).first().waitFor();

      // 3. The rider shows his pass; the compound's guard types its text code at /m/gate.
      await rider.page.goto('/m/rider/pass');
      const code = (await rider.page.getByTestId('pass-code').textContent())!.trim();
      expect(code).toMatch(/^LP-\d+-[0-9A-Z]+-[0-9A-F]{10}$/);
      await rider.page.getByRole('img', { name: '通行码二维码' }).waitFor();
      const guard = await b.open('property_demo', PHONE);
      await guard.page.goto('/m/gate');
      await guard.page.getByRole('textbox', { name: '输入文字码' }).fill(code);
      await guard.page.getByRole('button', { name: '核验', exact: true }).click();
      const result = guard.page.getByTestId('gate-result');
      await result.getByText('有效', { exact: true }).waitFor();
      await result.getByText(new RegExp(`^${name[0]}\\*.* · 美团 · ${STATION}$`)).waitFor();
      expect(await result.textContent()).not.toContain(name);
      // A tampered code is refused with its reason.
      await guard.page.getByRole('textbox', { name: '输入文字码' }).fill(code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'));
      await guard.page.getByRole('button', { name: '核验', exact: true }).click();
      await result.getByText('不予放行').waitFor();
      await result.getByText(/通行码无效/).waitFor();

      // 4. He reports a hazard from the road: it becomes a demand of his community.
      const text = `路口井盖松动，电动车经过有危险${Date.now() % 100000}`;
      const places = await apiGet<{ categories: { name: string }[]; communities: { name: string }[] }>(rider.context.request, '/api/newgroups/road-reports/places');
      await rider.page.goto('/m/rider/report');
      await rider.page.getByText('路面隐患', { exact: true }).first().click();
      await rider.page.getByText(places.categories[0]!.name, { exact: true }).first().click();
      await rider.page.getByLabel('情况说明').fill(text);
      await rider.page.getByText(sec.scope.name, { exact: true }).click();
      await rider.page.getByRole('button', { name: '提交上报' }).click();
      await rider.page.getByText(`已上报到${sec.scope.name}`, { exact: false }).first().waitFor();
      await rider.page.getByText(text).waitFor(); // in 我的上报
      const mine = await apiGet<{ items: { demandId: number; description: string; id: number }[] }>(rider.context.request, '/api/newgroups/road-reports/mine');
      const report = mine.items.find((r) => r.description.includes(text))!;
      expect(report).toBeDefined();

      const worker = await b.open('worker_binhe1');
      await worker.page.goto(`/demands/${report.demandId}`);
      await worker.page.getByText(text, { exact: false }).first().waitFor();
      await worker.page.getByText('骑手路面上报').first().waitFor();

      // 5. The secretary verifies it and rewards points, once.
      await secretary.page.reload();
      const reportRow = secretary.page.getByRole('row').filter({ hasText: text });
      await reportRow.getByRole('button', { name: '核实奖励' }).click();
      const dialog = secretary.page.getByRole('dialog');
      await dialog.getByLabel('理由').fill('现场核实属实');
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'detached' });
      await reportRow.getByText('已奖励 +5').waitFor();
      await rider.page.reload();
      await rider.page.getByText(text).waitFor();
      const after = await apiGet<{ items: { id: number; reward: string }[] }>(rider.context.request, '/api/newgroups/road-reports/mine');
      expect(after.items.find((r) => r.id === report.id)!.reward).toBe('awarded');
    });
  }, 120_000);
});
