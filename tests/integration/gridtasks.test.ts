import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TASK_TYPES } from '../../server/modules/gridtasks/default-task-types.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

describe('grid task admission list (网格事项准入清单)', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let countyAdmin: Session;
  let otherCountyAdmin: Session;
  let streetAdmin: Session;
  let secretary: Session;
  let gridWorker: Session;
  let otherGridWorker: Session;
  let department: Session;
  let ids: Record<'street' | 'secretary' | 'department', number>;

  const count = async (table: 'grid_task' | 'grid_task_refusal') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    const [c0, c1] = city.communities;
    countyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    otherCountyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.otherCounty)).username);
    const street = await addAccount(t.db, 'street_admin', city.streets[0]);
    streetAdmin = await login(t.app, street.username);
    const sec = await addAccount(t.db, 'community_secretary', c0.community);
    secretary = await login(t.app, sec.username);
    gridWorker = await login(t.app, (await addAccount(t.db, 'grid_worker', c0.grid)).username);
    otherGridWorker = await login(t.app, (await addAccount(t.db, 'grid_worker', c1.grid)).username);
    // A department account scoped narrowly on purpose: its reach is its county, not its scope node.
    const dept = await addAccount(t.db, 'department', city.streets[0]);
    const { id: departmentId } = await t.db.insertInto('department')
      .values({ name: '县住建局', org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code })
      .returning('id').executeTakeFirstOrThrow();
    await t.db.updateTable('account').set({ department_id: departmentId }).where('id', '=', dept.id).execute();
    department = await login(t.app, dept.username);
    ids = { street: street.id, secretary: sec.id, department: dept.id };
  });
  afterAll(() => t?.close());

  it('should let only the county admin adopt the default list, once, for their own county', async () => {
    expect((await streetAdmin.request('POST', '/api/gridtasks/types/adopt-defaults', { countyId: city.county.id })).status).toBe(403);
    expect((await otherCountyAdmin.request('POST', '/api/gridtasks/types/adopt-defaults', { countyId: city.county.id })).status).toBe(404);
    const first = await countyAdmin.request('POST', '/api/gridtasks/types/adopt-defaults', { countyId: city.county.id });
    expect(first.status).toBe(200);
    expect(first.body.added).toBe(DEFAULT_TASK_TYPES.length);
    const again = await countyAdmin.request('POST', '/api/gridtasks/types/adopt-defaults', { countyId: city.county.id });
    expect(again.body.added).toBe(0);
    const seen = await gridWorker.request('GET', '/api/gridtasks/types');
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((x: { name: string }) => x.name)).toContain('入户走访');
    expect((await otherCountyAdmin.request('GET', '/api/gridtasks/types')).body.items).toEqual([]);
    const own = await countyAdmin.request('POST', '/api/gridtasks/types', { countyId: city.county.id, code: 'flood_watch', name: '汛期巡查', sourceDepartment: '水利局' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ code: 'flood_watch', active: true, countyCode: city.county.county_code });
    const dup = await countyAdmin.request('POST', '/api/gridtasks/types', { countyId: city.county.id, code: 'flood_watch', name: '汛期巡查2' });
    expect(dup.status).toBe(409);
  });

  it('should refuse an unlisted task with a clear message, store no task and record the refusal', async () => {
    const c0 = city.communities[0];
    const res = await secretary.request('POST', '/api/gridtasks', { gridId: c0.grid.id, title: '填报创卫迎检台账', detail: '每户一表' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect(res.body.message).toBe('“填报创卫迎检台账”不在本县网格事项准入清单内，不能派给网格员');
    expect(res.body.details.reason).toBe('NOT_ON_LIST');
    expect(await count('grid_task')).toBe(0);
    const refusals = await t.db.selectFrom('grid_task_refusal').selectAll().execute();
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({
      account_id: ids.secretary, role: 'community_secretary', org_id: c0.grid.id, org_path: c0.grid.path,
      county_code: c0.grid.county_code, requested_title: '填报创卫迎检台账', reason: 'NOT_ON_LIST',
    });
    // A code that is not on the list is refused the same way.
    for (let i = 0; i < 2; i++) {
      const s = await streetAdmin.request('POST', '/api/gridtasks', { gridId: city.communities[1].grid.id, typeCode: 'ledger_fill', title: '填报创卫迎检台账' });
      expect(s.status).toBe(409);
    }
    expect(await count('grid_task')).toBe(0);
  });

  it('should refuse a deactivated type', async () => {
    const types = (await countyAdmin.request('GET', '/api/gridtasks/types')).body.items as { id: number; code: string }[];
    const patrol = types.find((x) => x.code === 'sanitation_patrol')!;
    expect((await secretary.request('PATCH', `/api/gridtasks/types/${patrol.id}`, { active: false })).status).toBe(403);
    const off = await countyAdmin.request('PATCH', `/api/gridtasks/types/${patrol.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const res = await secretary.request('POST', '/api/gridtasks', { gridId: city.communities[0].grid.id, typeCode: 'sanitation_patrol', title: '楼道卫生检查' });
    expect(res.status).toBe(409);
    expect(res.body.details.reason).toBe('TYPE_INACTIVE');
    expect(res.body.message).toBe('“环境卫生巡查”已被本县网格事项准入清单停用，不能派给网格员');
    expect(await count('grid_task')).toBe(0);
    expect((await t.db.selectFrom('grid_task_refusal').select('reason').orderBy('id', 'desc').executeTakeFirstOrThrow()).reason).toBe('TYPE_INACTIVE');
  });

  it('should accept a listed type; the grid worker sees it and marks it done', async () => {
    const c0 = city.communities[0];
    const pushed = await secretary.request('POST', '/api/gridtasks', {
      gridId: c0.grid.id, typeCode: 'household_visit', title: '走访1号楼住户', detail: '了解供暖情况', dueOn: '2026-12-31',
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ typeCode: 'household_visit', typeName: '入户走访', gridId: c0.grid.id, status: 'open', dueOn: '2026-12-31' });
    // Without a code, the title is matched against the list's names.
    const byName = await secretary.request('POST', '/api/gridtasks', { gridId: c0.grid.id, title: '独居老人探访' });
    expect(byName.status).toBe(200);
    expect(byName.body.typeCode).toBe('elderly_alone_visit');

    const mine = await gridWorker.request('GET', '/api/gridtasks?status=open');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x: { id: number }) => x.id).sort()).toEqual([pushed.body.id, byName.body.id].sort());
    expect((await otherGridWorker.request('GET', '/api/gridtasks')).body.items).toEqual([]);
    expect((await otherGridWorker.request('POST', `/api/gridtasks/${pushed.body.id}/done`, { note: 'x' })).status).toBe(404);
    expect((await gridWorker.request('POST', '/api/gridtasks', { gridId: c0.grid.id, typeCode: 'household_visit', title: '自派' })).status).toBe(403);

    const done = await gridWorker.request('POST', `/api/gridtasks/${pushed.body.id}/done`, { note: '已走访12户，供暖正常' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneNote: '已走访12户，供暖正常' });
    expect(done.body.doneAt).toBeTruthy();
    expect((await gridWorker.request('POST', `/api/gridtasks/${pushed.body.id}/done`, { note: '再次' })).status).toBe(409);
    const open = await gridWorker.request('GET', `/api/gridtasks?gridId=${c0.grid.id}&status=open`);
    expect(open.body.items.map((x: { id: number }) => x.id)).toEqual([byName.body.id]);
    expect(open.body.total).toBe(1);
  });

  it('should let a county department push a listed type to any grid of its county but not of another county', async () => {
    const elsewhereInCounty = city.communities[2].grid; // another street than the account's scope node
    const ok = await department.request('POST', '/api/gridtasks', { gridId: elsewhereInCounty.id, typeCode: 'safety_patrol', title: '燃气安全巡查' });
    expect(ok.status).toBe(200);
    expect(ok.body.fromDepartment).toBe('县住建局');
    const refusalsBefore = await count('grid_task_refusal');
    const otherCounty = await department.request('POST', '/api/gridtasks', { gridId: city.communities[4].grid.id, typeCode: 'safety_patrol', title: '燃气安全巡查' });
    expect(otherCounty.status).toBe(404);
    const otherCountyUnlisted = await department.request('POST', '/api/gridtasks', { gridId: city.communities[4].grid.id, title: '统计报表' });
    expect(otherCountyUnlisted.status).toBe(404);
    // Out of reach leaves no trace, not even a refusal.
    expect(await count('grid_task_refusal')).toBe(refusalsBefore);
    const unlisted = await department.request('POST', '/api/gridtasks', { gridId: elsewhereInCounty.id, title: '统计报表' });
    expect(unlisted.status).toBe(409);
    // The department sees what it sent, not every task of the county.
    const sent = await department.request('GET', '/api/gridtasks');
    expect(sent.body.items.map((x: { id: number }) => x.id)).toEqual([ok.body.id]);
  });

  it('should count refused attempts per caller and per title within the caller’s scope', async () => {
    const stats = await countyAdmin.request('GET', '/api/gridtasks/refusals/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.total).toBe(5);
    const byCaller = Object.fromEntries(stats.body.byCaller.map((r: { accountId: number; count: number }) => [r.accountId, r]));
    expect(byCaller[ids.street].count).toBe(2);
    expect(byCaller[ids.secretary].count).toBe(2);
    expect(byCaller[ids.department]).toMatchObject({ count: 1, fromDepartment: '县住建局', role: 'department' });
    expect(stats.body.byTitle).toEqual([
      { title: '填报创卫迎检台账', count: 3 },
      { title: '楼道卫生检查', count: 1 },
      { title: '统计报表', count: 1 },
    ]);
    // The secretary sees only refusals aimed at grids of its own community.
    const own = await secretary.request('GET', '/api/gridtasks/refusals/stats');
    expect(own.body.total).toBe(2);
    expect(own.body.byCaller.map((r: { accountId: number }) => r.accountId)).toEqual([ids.secretary]);
    expect((await otherCountyAdmin.request('GET', '/api/gridtasks/refusals/stats')).body.total).toBe(0);
    const dayAfterTomorrow = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    expect((await countyAdmin.request('GET', `/api/gridtasks/refusals/stats?from=${dayAfterTomorrow}`)).body.total).toBe(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await countyAdmin.request('GET', `/api/gridtasks/refusals/stats?from=${today}&to=${today}`)).body.total).toBe(5);
  });

  it('should audit pushes and completions', async () => {
    const actions = (await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'gridtask.%').execute()).map((a) => a.action);
    expect(actions.filter((a) => a === 'gridtask.push')).toHaveLength(3);
    expect(actions).toContain('gridtask.done');
    expect(actions).toContain('gridtask.type_update');
  });
});
