import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * Issue 12, console rough edges, at 1366 px against the demo city: demands say their community
 * and compound, escalation is hinted before 受理 and the street's 我的待办 holds requests to
 * whistle, the department 报到s, the grid map frames its grids and names their workers, audit
 * rows read as words, wide tables keep their action column in view, county points pages open on
 * an overview, resident totals say "10000+", the demo has demands, and a resident places a
 * problem at another building of their community.
 */
const DESKTOP_1366 = { width: 1366, height: 768 };
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());
const signIn = (username: string, viewport = DESKTOP_1366) => b.open(username, viewport);

interface DemandView { id: number; state: string; communityName: string | null; compoundName: string | null; placeName: string; orgId: number }

async function post<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  // Writes carry the CSRF token the session was given.
  const me = await apiGet<{ csrfToken?: string }>(request, '/api/auth/me');
  const r = await request.post(url, { data, headers: me.csrfToken ? { 'x-csrf-token': me.csrfToken } : {} });
  expect(r.ok(), `POST ${url}: ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

/** The right edge of the table's column fixed on the right (its header cell), against the viewport. */
async function fixedRightEdge(page: Page) {
  const cell = page.locator('.ant-table-thead th.ant-table-cell-fix-end').last();
  await cell.waitFor();
  const box = (await cell.boundingBox())!;
  return box.x + box.width;
}

describe('console rough edges at 1366 px', () => {
  it('should place demands in their community and compound, hint the whistle before 受理, and bring a request to the street’s 我的待办', async () => {
    await b.withArtifacts('console-ux-demands', async () => {
      const worker = await signIn('worker_binhe1');
      const me = (await apiGet<{ account: { scope: { orgId: number; name: string } } }>(worker.context.request, '/api/auth/me')).account;
      const map = await apiGet<{ features: { id: number; properties: { name: string } }[] }>(worker.context.request, `/api/org/units/${me.scope.orgId}/map`);
      const grid = map.features[0]!;
      const created = await post<{ demand: DemandView }>(worker.context.request, '/api/demands', {
        orgId: grid.id, categoryCode: 'greenery', description: '楼前行道树倒伏挡住消防通道', channel: 'walk_in', force: true,
      });
      const id = created.demand.id;
      expect(created.demand).toMatchObject({ communityName: me.scope.name, compoundName: grid.properties.name });

      // The list: a community column, the compound in the place.
      await worker.page.goto('/demands');
      const row = worker.page.getByRole('row').filter({ hasText: `#${id}` });
      await row.waitFor();
      await row.getByRole('cell', { name: me.scope.name, exact: true }).waitFor();
      await row.getByText(grid.properties.name).first().waitFor();
      await row.getByText('园林绿化').waitFor();

      // The detail, before 受理: where it is, and that 提请街道吹哨 comes after accepting.
      await worker.page.goto(`/demands/${id}`);
      await expect.poll(() => worker.page.getByTestId('demand-place').textContent()).toContain(`${me.scope.name} · ${grid.properties.name}`);
      const actions = worker.page.getByRole('region', { name: '办理' });
      await actions.getByText('受理后，如需职能部门协同，可“提请街道吹哨”').waitFor();
      await actions.getByRole('button', { name: '受理' }).click();
      await actions.getByRole('button', { name: '提请街道吹哨' }).waitFor();
      expect(await actions.getByText('受理后，如需职能部门协同').count()).toBe(0);
      await actions.getByRole('button', { name: '提请街道吹哨' }).click();
      const dialog = worker.page.getByRole('dialog');
      await dialog.getByRole('textbox').first().fill('倒伏树木需园林部门清理');
      await dialog.getByRole('button', { name: /确\s*定|提请街道吹哨/ }).last().click();
      await worker.page.getByTestId('demand-state').filter({ hasText: '提请吹哨' }).waitFor();

      // The street's 我的待办: the request, with its community.
      const street = await signIn('street_binhe');
      await street.page.goto('/demands?mine=1');
      const mine = street.page.getByRole('row').filter({ hasText: `#${id}` });
      await mine.waitFor();
      await mine.getByText('提请吹哨').waitFor();
      await mine.getByRole('cell', { name: me.scope.name, exact: true }).waitFor();

      // Whistled to 住建局: the department's inbox says where, and its button says 报到 like the status.
      const departments = await apiGet<{ items: { id: number; name: string }[] }>(street.context.request, '/api/departments');
      const housing = departments.items.find((d) => d.name === '离石区住建局')!;
      await post(street.context.request, `/api/demands/${id}/actions/escalate`, { note: '请住建局报到处理', departmentIds: [housing.id] });
      const dept = await signIn('dept_housing');
      await dept.page.goto('/demands/inbox');
      const card = dept.page.getByRole('article', { name: `#${id} 园林绿化` });
      await card.waitFor();
      expect(await card.getByTestId('demand-place').textContent()).toContain(me.scope.name);
      await card.getByText('待报到').waitFor();
      await card.getByRole('button', { name: `报到 离石区住建局 #${id}` }).click();
      await card.getByText('已报到').waitFor();
      expect(await dept.page.getByText('接单').count()).toBe(0);
    });
  });

  it('should frame the grid map on its grids, name them, and show the grid worker with a masked phone', async () => {
    await b.withArtifacts('console-ux-map', async () => {
      const worker = await signIn('worker_binhe1');
      const me = (await apiGet<{ account: { scope: { orgId: number } } }>(worker.context.request, '/api/auth/me')).account;
      const fc = await apiGet<{ features: { properties: { name: string; gridWorkers: { name: string; phone: string | null }[] }; geometry: { coordinates: number[][][] } }[] }>(
        worker.context.request, `/api/org/units/${me.scope.orgId}/map`);
      const xs = fc.features.flatMap((f) => f.geometry.coordinates.flat().map((p) => p[0]!));
      const ys = fc.features.flatMap((f) => f.geometry.coordinates.flat().map((p) => p[1]!));
      await worker.page.goto('/map');
      const canvas = worker.page.locator('.map-canvas[data-rendered="true"]');
      await canvas.waitFor();
      const [w, s, e, n] = (await canvas.getAttribute('data-bounds'))!.split(',').map(Number);
      // The frame holds every grid, with a small margin and no more.
      const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      expect(w).toBeLessThan(minX);
      expect(e).toBeGreaterThan(maxX);
      expect(s).toBeLessThan(minY);
      expect(n).toBeGreaterThan(maxY);
      expect(e - w).toBeLessThan((maxX - minX) * 1.2 + 0.002);
      expect(n - s).toBeLessThan((maxY - minY) * 1.2 + 0.002);

      // A grid with a worker on the side table's first page (the table lists grids as the map answer does).
      const staffed = fc.features.slice(0, 10).find((f) => f.properties.gridWorkers.length)!;
      await worker.page.locator('.map-side .ant-table-tbody tr.ant-table-row').filter({ hasText: staffed.properties.name }).first().click();
      const workers = worker.page.getByRole('dialog').getByTestId('grid-workers');
      await workers.waitFor();
      const gw = staffed.properties.gridWorkers[0]!;
      expect(await workers.textContent()).toContain(gw.name);
      if (gw.phone) {
        expect(gw.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
        expect(await workers.textContent()).toContain(gw.phone);
      }
    });
  });

  it('should label audit actions and targets as words, and keep action columns of wide tables on screen', async () => {
    await b.withArtifacts('console-ux-tables', async () => {
      const county = await signIn('county_lishi');
      await county.page.goto('/audit');
      await county.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      // The action and target columns (after the expand toggle, time and who).
      const rows = county.page.locator('.ant-table-tbody tr.ant-table-row');
      const cells = [...await rows.locator('td:nth-child(4)').allTextContents(), ...await rows.locator('td:nth-child(5)').allTextContents()];
      expect(cells.length).toBeGreaterThan(1);
      // No raw catalogue key (points.month.close) and no raw table name (points_month) is shown.
      for (const c of cells) {
        expect(c).not.toMatch(/\b[a-z]+(\.[a-z_]+)+\b/);
        expect(c).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      }

      // Points review at 1366 px: the status column stays in view while the table scrolls.
      await county.page.goto('/points/records');
      expect(await fixedRightEdge(county.page)).toBeLessThanOrEqual(DESKTOP_1366.width);
      const worker = await signIn('worker_binhe1');
      await worker.page.goto('/store');
      expect(await fixedRightEdge(worker.page)).toBeLessThanOrEqual(DESKTOP_1366.width);
      // No page-wide horizontal scrollbar.
      expect(await worker.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP_1366.width);
    });
  });

  it('should open county points pages on an overview of communities to pick from, and say when residents pass 10,000', async () => {
    await b.withArtifacts('console-ux-points', async () => {
      const county = await signIn('county_lishi');
      await county.page.goto('/points/months');
      const overview = county.page.getByRole('table').filter({ has: county.page.getByText('近六个月月结情况') });
      await overview.locator('tr.ant-table-row').first().waitFor();
      const first = overview.locator('tr.ant-table-row').first();
      expect(await first.textContent()).toMatch(/\d+\/6/);
      expect(await first.textContent()).toMatch(/%（\d+\/\d+）|-（0\/\d+）/);
      const name = (await first.locator('td').first().textContent())!.trim();
      await first.click();
      await county.page.waitForURL(/communityId=\d+/);
      await county.page.getByText('已月结').or(county.page.getByText('公示中')).first().waitFor();
      // The picker names the community it opened (its name is fetched, never its bare id shown).
      await county.page.locator('.ant-select').filter({ hasText: name }).first().waitFor();

      // Resident totals: the count the server gives, or "10000+" when it stopped counting there.
      const r = await apiGet<{ total: number; totalExact: boolean }>(county.context.request, '/api/people/residents?pageSize=20');
      await county.page.goto('/residents');
      const total = county.page.locator('.ant-pagination-total-text');
      await total.waitFor();
      expect((await total.textContent())!.trim()).toBe(r.totalExact ? `共 ${r.total} 条` : `共 ${r.total}+ 条`);
    });
  });

  it('should let a resident place a problem at another building of the community from the phone', async () => {
    await b.withArtifacts('console-ux-phone-place', async () => {
      const resident = await signIn('resident_demo', PHONE);
      const places = await apiGet<{ community: { name: string }; places: { id: number; kind: string; name: string }[] }>(resident.context.request, '/api/demands/places');
      const building = places.places.filter((p) => p.kind === 'building').at(-1)!;
      await resident.page.goto('/m/report');
      await resident.page.getByRole('radio', { name: '园林绿化' }).click();
      await resident.page.getByLabel('2. 说说具体情况').fill('楼前的树枝快压到电线了');
      await resident.page.getByLabel('问题在哪里？（不选就是您家所在单元）').selectOption(String(building.id));
      await resident.page.getByRole('button', { name: '提交' }).click();
      await resident.page.waitForURL(/\/m\/demands\/\d+/);
      const id = Number(/\/m\/demands\/(\d+)/.exec(resident.page.url())![1]);
      const d = await apiGet<DemandView>(resident.context.request, `/api/demands/${id}`);
      expect(d).toMatchObject({ orgId: building.id, placeName: building.name, communityName: places.community.name });
    });
  });

  it('should seed the demo city with months of demands in every state', async () => {
    await b.withArtifacts('console-ux-seed', async () => {
      const county = await signIn('county_lishi');
      for (const state of ['submitted', 'accepted', 'escalated', 'closed']) {
        const r = await apiGet<{ total: number }>(county.context.request, `/api/demands?state=${state}&pageSize=1`);
        expect(r.total, state).toBeGreaterThan(0);
      }
      await county.page.goto('/demands?state=closed');
      await county.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      expect(await county.page.locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(5);
    });
  });
});
