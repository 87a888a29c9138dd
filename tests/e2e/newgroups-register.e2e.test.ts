import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, pickOption, PHONE } from './browser-sessions.js';

/**
 * 新就业群体 register in real browsers on the demo city: county_lishi registers a station in
 * 滨河街道 and a rider there (refused until the consent box is ticked), and the coverage counted
 * for the county grows by one station and one worker. rider_demo opens the phone page without
 * sharing a location and is shown the nearest open service points from the station's point.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Coverage { total: { stations: number; workers: number; coveredStations: number } }
interface Nearest { from: { source: string } | null; items: { name: string; distanceM: number }[] }

describe('newgroups register in the browser', () => {
  it('should register a station and a consenting worker, count them, and show a rider the nearest open points', async () => {
    const n = Date.now() % 100000;
    const STATION = `测试驿路站${n}`;
    const WORKER = `测试骑手${n}`;
    await b.withArtifacts('newgroups-register', async () => {
      const county = await b.open('county_lishi');
      const before = await apiGet<Coverage>(county.context.request, '/api/newgroups/coverage');
      const page = county.page;
      await page.goto('/newgroups/register');
      await page.getByRole('button', { name: '登记站点' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('平台').click();
      await pickOption(page, '美团');
      // The tree loads level by level: open 离石区, then pick its street.
      await dialog.getByLabel('所属单位').click();
      await page.locator('.ant-select-tree-switcher:visible').first().click();
      await page.locator('.ant-select-tree-node-content-wrapper:visible').filter({ hasText: '滨河街道' }).first().click();
      await dialog.getByLabel('名称').fill(STATION);
      await dialog.getByLabel('纬度').fill('37.52');
      await dialog.getByLabel('经度').fill('111.14');
      await dialog.getByRole('button', { name: /^保 ?存$/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('link', { name: STATION }).waitFor();

      await page.getByRole('tab', { name: '从业人员' }).click();
      await page.getByRole('button', { name: '登记从业人员' }).click();
      const wd = page.getByRole('dialog');
      await wd.getByLabel('站点').click();
      await wd.getByLabel('站点').fill(STATION);
      await pickOption(page, `${STATION}（滨河街道）`);
      await wd.getByLabel('姓名').fill(WORKER);
      await wd.getByLabel('类别').click();
      await pickOption(page, '外卖骑手');
      await wd.getByLabel('手机号').fill(`177${String(n).padStart(8, '0')}`);
      // Without the tick the server refuses and says why.
      await wd.getByRole('button', { name: /^保 ?存$/ }).click();
      await page.getByText('须经本人同意后方可登记').waitFor();
      await wd.getByText('本人已阅读告知书并同意登记').click();
      await wd.getByRole('button', { name: /^保 ?存$/ }).click();
      await wd.waitFor({ state: 'detached' });
      await page.getByRole('cell', { name: WORKER }).waitFor();
      expect(await page.getByRole('row', { name: new RegExp(WORKER) }).textContent()).toContain(`177****${String(n).padStart(8, '0').slice(-4)}`);

      const after = await apiGet<Coverage>(county.context.request, '/api/newgroups/coverage');
      expect(after.total.stations).toBe(before.total.stations + 1);
      expect(after.total.workers).toBe(before.total.workers + 1);
      await page.goto('/newgroups/coverage');
      await page.getByText(`${after.total.coveredStations} / ${after.total.stations}`).first().waitFor();

      // The rider, without sharing a location: sorted from the station's point, nearest first.
      const rider = await b.open('rider_demo', PHONE);
      const nearest = await apiGet<Nearest>(rider.context.request, '/api/newgroups/rider/points?limit=10');
      expect(nearest.from?.source).toBe('station');
      expect(nearest.items.length).toBeGreaterThan(0);
      const d = nearest.items.map((p) => p.distanceM);
      expect(d).toEqual([...d].sort((x, y) => x - y));
      await rider.page.goto('/m/rider/points');
      await rider.page.getByText('未获取到定位，按您所在站点位置排序').waitFor();
      await expect.poll(() => rider.page.getByTestId('rider-point').first().textContent()).toContain(nearest.items[0]!.name);
    });
  });
});
