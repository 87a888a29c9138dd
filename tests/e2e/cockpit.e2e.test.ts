import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, DESKTOP } from './browser-sessions.js';

/**
 * Issue 17: the city leader opens the cockpit, sees the city's figures with the 13 counties
 * coloured on the map, drills county → street → community → grid (each level the same figures,
 * counted from the records) and comes back up by the trail. A county sees only its own subtree.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Cockpit {
  unit: { id: number; name: string };
  children: { id: number; name: string; kind: string }[];
  figures: { key: string; value: number | null; previousSameSpan?: number | null; byChild: Record<string, number | null> }[];
}

interface Outlines {
  items: { id: number; name: string; outline: { type: 'MultiPolygon'; coordinates: number[][][][] } | null }[];
}

describe('the cockpit', () => {
  it('should show every module\'s figures by group, each with its records, and when the month was counted', async () => {
    await b.withArtifacts('cockpit-groups', async () => {
      const county = await b.open('county_lishi', DESKTOP);
      const me = (await apiGet<{ account: { scope: { orgId: number } } }>(county.context.request, '/api/auth/me')).account;
      const top = await apiGet<Cockpit & { asOf: string; live: boolean }>(county.context.request, `/api/stats/cockpit?orgId=${me.scope.orgId}`);
      expect(top.live).toBe(true);
      await county.page.goto('/cockpit');
      await county.page.getByTestId('cockpit-unit').filter({ hasText: '离石区' }).waitFor();
      await expect.poll(() => county.page.getByTestId('cockpit-as-of').textContent()).toContain('统计于');
      // The headline row, then the catalogue by group: the property companies on 离石区's register.
      await county.page.getByTestId('headline-people.residents').waitFor();
      // While the month is under way, demands received (a period figure) compare with the same
      // days of last month; residents (a standing figure) with last month's end.
      const received = top.figures.find((f) => f.key === 'demands.received')!;
      expect(received.previousSameSpan).not.toBeNull();
      await expect.poll(() => county.page.getByTestId('headline-demands.received').textContent()).toContain('上月同期');
      expect(await county.page.getByTestId('headline-people.residents').textContent()).not.toContain('同期');
      await county.page.getByRole('tab', { name: /^物业服务/ }).click();
      const companies = top.figures.find((f) => f.key === 'property.companies')!;
      expect(companies.value).toBeGreaterThan(0);
      const tile = county.page.getByTestId('figure-property.companies');
      await expect.poll(() => tile.locator('.ant-statistic-content').textContent()).toBe(companies.value!.toLocaleString('en-US'));
      // Picking it shows it by street (counted at the county: none below) and its trend.
      await tile.click();
      await county.page.getByText('该指标不在下一级统计').waitFor();
      await tile.getByRole('link', { name: '明细' }).click();
      await county.page.waitForURL(/\/property\/companies/);
    });
  });

  it('should let the city leader drill from the city map to a grid and back', async () => {
    await b.withArtifacts('cockpit-drill', async () => {
      const city = await b.open('city_admin', DESKTOP);
      const me = (await apiGet<{ account: { scope: { orgId: number } } }>(city.context.request, '/api/auth/me')).account;
      const top = await apiGet<Cockpit>(city.context.request, `/api/stats/cockpit?orgId=${me.scope.orgId}`);
      const residents = top.figures.find((f) => f.key === 'people.residents')!;

      await city.page.goto('/cockpit');
      await city.page.getByTestId('cockpit-unit').filter({ hasText: '吕梁市' }).waitFor();
      await expect.poll(() => city.page.getByTestId('figure-org.counties').locator('.ant-statistic-content').textContent()).toBe('13');
      await expect.poll(() => city.page.getByTestId('figure-people.residents').locator('.ant-statistic-content').textContent())
        .toBe(residents.value!.toLocaleString('en-US'));
      // The counties coloured by the figure picked.
      await city.page.getByTestId('figure-people.residents').click();
      await city.page.locator('[data-testid="cockpit-map"][data-rendered="true"]').waitFor();
      await city.page.getByTestId('cockpit-trend').waitFor();

      // Down: 离石区 → its first street → community → grid, each from the table of units below.
      const lishi = top.children.find((c) => c.name === '离石区')!;
      const path: string[] = [];
      let unitId = lishi.id;
      await city.page.locator('.ant-table-row').getByText('离石区', { exact: true }).click();
      for (let level = 0; level < 4; level++) {
        await city.page.waitForURL(new RegExp(`orgId=${unitId}`));
        const here = await apiGet<Cockpit>(city.context.request, `/api/stats/cockpit?orgId=${unitId}`);
        path.push(here.unit.name);
        await city.page.getByTestId('cockpit-unit').filter({ hasText: here.unit.name }).waitFor();
        // The same figure, counted for this unit.
        const v = here.figures.find((f) => f.key === 'people.residents')!.value!;
        await expect.poll(() => city.page.getByTestId('figure-people.residents').locator('.ant-statistic-content').textContent()).toBe(v.toLocaleString('en-US'));
        if (level === 3) {
          expect(here.children).toEqual([]); // a grid: the bottom
          break;
        }
        const next = here.children[0]!;
        unitId = next.id;
        await city.page.locator('.ant-table-row').getByText(next.name, { exact: true }).click();
      }
      expect(path).toHaveLength(4);

      // Back up by the trail to the city.
      await city.page.locator('.ant-breadcrumb').getByText('吕梁市', { exact: true }).click();
      await city.page.getByTestId('cockpit-unit').filter({ hasText: '吕梁市' }).waitFor();
      await city.page.locator('[data-testid="cockpit-map"][data-rendered="true"]').waitFor();
    });
  });

  it('should show a county its own subtree only', async () => {
    await b.withArtifacts('cockpit-county', async () => {
      const county = await b.open('county_lishi', DESKTOP);
      await county.page.goto('/cockpit');
      await county.page.getByTestId('cockpit-unit').filter({ hasText: '离石区' }).waitFor();
      expect(await county.page.locator('.ant-breadcrumb').getByText('吕梁市').count()).toBe(0);
      // Streets, not counties: the chart of units below, not the city map.
      await county.page.getByTestId('cockpit-bars').waitFor();
    });
  });

  it("should colour a county's streets on the map and drill into one by its outline", async () => {
    await b.withArtifacts('cockpit-outlines', async () => {
      const county = await b.open('county_lishi', DESKTOP);
      const me = (await apiGet<{ account: { scope: { orgId: number } } }>(county.context.request, '/api/auth/me')).account;
      const here = await apiGet<Cockpit>(county.context.request, `/api/stats/cockpit?orgId=${me.scope.orgId}`);
      const shapes = await apiGet<Outlines>(county.context.request, `/api/stats/outlines?orgId=${me.scope.orgId}`);
      const drawn = shapes.items.filter((i) => i.outline);
      expect(drawn.length).toBeGreaterThan(1);
      const residents = here.figures.find((f) => f.key === 'people.residents')!;

      await county.page.goto('/cockpit?key=people.residents');
      await county.page.getByTestId('cockpit-unit').filter({ hasText: '离石区' }).waitFor();
      const map = county.page.locator(`[data-testid="cockpit-map"][data-org="${here.unit.id}"][data-rendered="true"]`);
      await map.waitFor();
      expect(await map.getAttribute('data-shapes')).toBe(String(drawn.length));
      await county.page.getByTestId('cockpit-bars').waitFor(); // beside the map, not replaced by it
      // Streets with nothing to draw are named under the map, not dropped.
      const without = shapes.items.filter((i) => !i.outline).map((i) => i.name);
      if (without.length) expect(await county.page.getByTestId('cockpit-no-outline').textContent()).toContain(without[0]);
      else expect(await county.page.getByTestId('cockpit-no-outline').count()).toBe(0);

      // The outlines are filled from the figure's colour ramp (light to dark blue).
      await map.scrollIntoViewIfNeeded();
      const canvas = map.locator('canvas').first();
      const fill = await canvas.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        const isBlue = (i: number) => d[i + 3]! > 200 && d[i + 2]! > d[i]! + 40;
        const shades = new Set<number>();
        let blue = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (isBlue(i)) {
            blue++;
            shades.add((d[i]! >> 4 << 8) | (d[i + 1]! >> 4 << 4) | (d[i + 2]! >> 4));
          }
        }
        // Filled spots on a coarse lattice, in CSS pixels from the canvas's corner: where to point the mouse.
        const ratio = c.width / c.clientWidth;
        const spots: [number, number][] = [];
        for (let y = 3; y < c.height; y += 6) for (let x = 3; x < c.width; x += 6) if (isBlue((y * c.width + x) * 4)) spots.push([x / ratio, y / ratio]);
        return { blue, shades: shades.size, spots };
      });
      expect(fill.blue).toBeGreaterThan(5000);
      expect(fill.shades).toBeGreaterThan(2); // streets with different figures, different shades

      // Hover over the map as a reader would until the tooltip names a street; it shows that street's figure.
      const box = (await canvas.boundingBox())!;
      const tip = county.page.locator('.cockpit-map-tip');
      const tipAt = async (x: number, y: number) => {
        await county.page.mouse.move(x, y);
        await county.page.waitForTimeout(60);
        return (await tip.isVisible()) ? (await tip.textContent()) ?? '' : '';
      };
      let hit: { street: Outlines['items'][number]; x: number; y: number } | null = null;
      // Up to 60 of the filled spots, spread over all of them (the colour bar's spots name no street).
      const step = Math.max(1, Math.floor(fill.spots.length / 60));
      for (let k = 0; k < fill.spots.length && !hit; k += step) {
        const [x, y] = [box.x + fill.spots[k]![0], box.y + fill.spots[k]![1]];
        const text = await tipAt(x, y);
        const street = drawn.find((s) => text.startsWith(s.name));
        if (!street) continue;
        // Confirmed from a clean start: away to the corner until the tooltip hides, then back.
        await county.page.mouse.move(box.x + 2, box.y + 2);
        await expect.poll(() => tip.isVisible()).toBe(false);
        await county.page.mouse.move(x, y);
        await expect.poll(async () => ((await tip.isVisible()) ? await tip.textContent() : '')).toMatch(new RegExp(`^${street.name}`));
        hit = { street, x, y };
      }
      expect(hit, 'a street found under the mouse').not.toBeNull();
      const { street, x, y } = hit!;
      expect(await tip.textContent()).toBe(`${street.name}${residents.byChild[String(street.id)]!.toLocaleString('en-US')}`);

      // A click on the outline drills down to the street, whose communities are then drawn.
      await county.page.mouse.click(x, y);
      await county.page.waitForURL(new RegExp(`orgId=${street.id}`));
      await county.page.getByTestId('cockpit-unit').filter({ hasText: street.name }).waitFor();
      const below = await apiGet<Cockpit>(county.context.request, `/api/stats/cockpit?orgId=${street.id}`);
      const communities = await apiGet<Outlines>(county.context.request, `/api/stats/outlines?orgId=${street.id}`);
      expect(communities.items.map((c) => c.id)).toEqual(below.children.map((c) => c.id));
      expect(below.children.every((c) => c.kind === 'community')).toBe(true);
      const streetMap = county.page.locator(`[data-testid="cockpit-map"][data-org="${street.id}"][data-rendered="true"]`);
      await streetMap.waitFor();
      expect(await streetMap.getAttribute('data-shapes')).toBe(String(communities.items.filter((c) => c.outline).length));
      await county.page.locator('.ant-table-row').getByText(below.children[0]!.name, { exact: true }).waitFor();
    });
  });

  it('should let a community export its monthly report', async () => {
    await b.withArtifacts('cockpit-report', async () => {
      const sec = await b.open('secretary_binhe1', DESKTOP);
      await sec.page.goto('/cockpit');
      await sec.page.getByTestId('cockpit-unit').filter({ hasText: '龙凤社区' }).waitFor();
      await sec.page.getByRole('link', { name: /月报/ }).click();
      await sec.page.getByTestId('report-title').filter({ hasText: '龙凤社区' }).waitFor();
      // This month's report says what its "last month" figures are.
      expect(await sec.page.getByTestId('report-same-span').textContent()).toContain('上月同期');
      expect(await sec.page.getByTestId('report-summary').first().textContent()).toContain('龙凤社区');
      const [download] = await Promise.all([sec.page.waitForEvent('download'), sec.page.getByRole('link', { name: /导出Excel/ }).click()]);
      expect(download.suggestedFilename()).toMatch(/^龙凤社区.*基层治理月报\.xlsx$/);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((await download.path())!);
      expect(wb.worksheets.map((w) => w.name)).toContain('指标');
      const names = (wb.getWorksheet('指标')!.getColumn(2).values as unknown[]).filter(Boolean);
      expect(names).toContain('登记居民数');
      expect(wb.getWorksheet('指标')!.getRow(1).values).toContain('上月同期');
    });
  });

  it('should let a county publish open data that anyone reads from the public portal', async () => {
    await b.withArtifacts('cockpit-open-data', async () => {
      const county = await b.open('county_lishi', DESKTOP);
      await county.page.goto('/cockpit/open-data');
      await county.page.getByRole('checkbox', { name: /登记居民数/ }).check();
      await county.page.getByRole('checkbox', { name: /^社区数/ }).check();
      await county.page.getByRole('button', { name: '保存发布' }).click();
      await county.page.getByText(/已保存：新增\d+项/).waitFor();

      const anyone = await b.open(null, DESKTOP);
      await anyone.page.goto('/public');
      const row = anyone.page.getByTestId('open-data-141102');
      await row.waitFor();
      expect(await row.textContent()).toContain('离石区');
      const csv = await anyone.context.request.get(await row.getByRole('link', { name: 'CSV' }).getAttribute('href') as string);
      expect(csv.ok()).toBe(true);
      expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('month,unit_code,unit_name,unit_level,indicator,value');
      const dict = await (await anyone.context.request.get('/api/public/open-data/141102/dictionary.json')).json();
      expect(dict.indicators.map((x: { key: string }) => x.key)).toEqual(expect.arrayContaining(['people.residents', 'org.communities']));
      await anyone.page.getByRole('link', { name: /积分月度公示/ }).click();
      await anyone.page.waitForURL('**/public/points');
    });
  });
});
