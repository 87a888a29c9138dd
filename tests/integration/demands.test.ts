import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { demandJobHandlers } from '../../server/modules/demands/index.js';
import { loadConfig } from '../../server/config.js';
import { addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

const HOUR = 3600_000;

describe('demands: tiers, whistles, ratings, time limits', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00')); // a Monday
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let resident: Session, grid: Session, worker: Session, street: Session, dept: Session, dept2: Session, neighbour: Session;
  let departmentId: number, department2Id: number, gridAccountId: number;
  const handlers = () => demandJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const a = city.communities[0];
    const mk = async (name: string) => (await t.db.insertInto('department').values({ name, org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code }).returning('id').executeTakeFirstOrThrow()).id;
    departmentId = await mk('离石区住建局');
    department2Id = await mk('离石区城管局');
    const residentAcc = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', residentAcc.id).execute();
    resident = await login(t.app, residentAcc.username);
    neighbour = await login(t.app, (await addAccount(t.db, 'resident', a.unit)).username);
    const g = await addAccount(t.db, 'grid_worker', a.grid);
    gridAccountId = g.id;
    grid = await login(t.app, g.username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    const d1 = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: departmentId }).where('id', '=', d1.id).execute();
    dept = await login(t.app, d1.username);
    const d2 = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: department2Id }).where('id', '=', d2.id).execute();
    dept2 = await login(t.app, d2.username);
  });
  afterAll(() => t?.close());

  const report = (s: Session, body: Record<string, unknown>) => s.request('POST', '/api/demands', { categoryCode: 'facilities', description: '楼道灯坏了，晚上看不见', channel: 'resident', ...body });
  const act = (s: Session, id: number, action: string, body: Record<string, unknown> = {}) => s.request('POST', `/api/demands/${id}/actions/${action}`, body);

  it('should carry a resident’s report through the community, a whistle and a department to a rating', async () => {
    const created = await report(resident, { householdId: city.communities[0].household.id, reporterPhone: '13912345678' });
    expect(created.status).toBe(200);
    const id = created.body.demand.id;
    expect(created.body.demand).toMatchObject({ state: 'submitted', stateName: '待受理', reporterPhone: '139****5678' });
    // The grid worker got it in the inbox.
    const inbox = await grid.request('GET', '/api/notifications');
    expect(inbox.body.items[0].title).toContain('新诉求');

    expect((await act(grid, id, 'accept')).body.state).toBe('accepted');
    expect((await act(worker, id, 'request_escalation', { note: '需住建部门维修公共照明' })).body.state).toBe('escalation_requested');
    const whistled = await act(street, id, 'escalate', { note: '街道吹哨', departmentIds: [departmentId] });
    expect(whistled.body).toMatchObject({ state: 'escalated', tier: 'street' });
    expect(whistled.body.dispatches[0]).toMatchObject({ departmentName: '离石区住建局', state: 'dispatched' });

    // Departments see only what was whistled to them, with the reporter's phone masked.
    const deptView = await dept.request('GET', `/api/demands/${id}`);
    expect(deptView.body.reporterPhone).toBe('139****5678');
    expect(JSON.stringify(deptView.body)).not.toContain('13912345678');
    expect((await dept2.request('GET', `/api/demands/${id}`)).status).toBe(404);

    const because = { reasonCode: 'contact_demand', reasonText: '确认维修时间' };
    const revealed = await dept.request('POST', `/api/demands/${id}/reveal-phone`, because);
    expect(revealed.body.value).toBe('13912345678');
    const audit = await t.db.selectFrom('audit_log').select(['reason', 'entity', 'after']).where('action', '=', 'pii.reveal').where('entity', '=', 'demand').executeTakeFirstOrThrow();
    expect(audit.reason).toBe('联系居民处理诉求：确认维修时间');
    expect(audit.after).toMatchObject({ field: 'reporterPhone', reasonCode: 'contact_demand', reasonText: '确认维修时间' });
    expect((await dept2.request('POST', `/api/demands/${id}/reveal-phone`, because)).status).toBe(404);

    const dispatchId = whistled.body.dispatches[0].id;
    expect((await dept.request('POST', `/api/demands/dispatches/${dispatchId}/accept`, {})).status).toBe(200);
    expect((await dept.request('POST', `/api/demands/dispatches/${dispatchId}/progress`, { note: '已派电工' })).status).toBe(200);
    const done = await dept.request('POST', `/api/demands/dispatches/${dispatchId}/resolve`, { note: '已更换灯具' });
    expect(done.body.state).toBe('resolved');

    const rated = await act(resident, id, 'rate_satisfied', {});
    expect(rated.body).toMatchObject({ state: 'closed', rating: 'satisfied' });
    expect(rated.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'create', 'accept', 'request_escalation', 'escalate', 'dispatch_accept', 'dispatch_progress', 'dispatch_resolve',
      'all_departments_resolved', 'rate_satisfied',
    ]);
  });

  it('should refuse an illegal step with 409 and the reason, and change nothing', async () => {
    const { body } = await report(resident, { householdId: city.communities[0].household.id, categoryCode: 'neighbors', description: '楼上噪音扰民' });
    const id = body.demand.id;
    const before = await t.db.selectFrom('demand_event').select((eb) => eb.fn.countAll<number>().as('n')).where('demand_id', '=', id).executeTakeFirstOrThrow();
    const byResident = await act(resident, id, 'accept');
    expect(byResident.status).toBe(409);
    expect(byResident.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '您的角色不能进行此操作' });
    const wrongState = await act(resident, id, 'rate_satisfied');
    expect(wrongState.status).toBe(409);
    expect(wrongState.body.message).toContain('诉求当前为“待受理”');
    const streetOnly = await act(worker, id, 'escalate', { note: 'x', departmentIds: [departmentId] });
    expect(streetOnly.status).toBe(409);
    const after = await t.db.selectFrom('demand_event').select((eb) => eb.fn.countAll<number>().as('n')).where('demand_id', '=', id).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const d = await t.db.selectFrom('demand').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    expect(d.state).toBe('submitted');
  });

  it('should reopen an unsatisfied demand to the same handler with the reason', async () => {
    const { body } = await report(resident, { householdId: city.communities[0].household.id, categoryCode: 'environment', description: '垃圾桶满溢无人清运' });
    const id = body.demand.id;
    await act(grid, id, 'accept');
    expect((await act(grid, id, 'resolve', {})).status).toBe(409); // needs a note
    await act(grid, id, 'resolve', { note: '已联系清运' });
    const reopened = await act(resident, id, 'rate_unsatisfied', { note: '第二天又满了' });
    expect(reopened.body).toMatchObject({ state: 'accepted', handlerAccountId: gridAccountId, reopenCount: 1, rating: 'unsatisfied' });
    const inbox = await grid.request('GET', '/api/notifications');
    expect(inbox.body.items[0].title).toContain('不满意');
  });

  it('should record a problem solved on the spot during a visit in one step', async () => {
    const res = await grid.request('POST', '/api/demands', {
      householdId: city.communities[0].household.id, categoryCode: 'facilities', description: '水龙头漏水', channel: 'visit', solvedOnSpotNote: '现场更换垫圈',
    });
    expect(res.body.demand).toMatchObject({ state: 'resolved', tier: 'spot' });
  });

  it('should accept a replayed offline record once', async () => {
    const body = { orgId: city.communities[0].grid.id, categoryCode: 'safety', description: '消防通道被占用', channel: 'visit', clientId: 'offline-7f3a9c21' };
    const first = await grid.request('POST', '/api/demands', body);
    const again = await grid.request('POST', '/api/demands', body);
    expect(first.body.replayed).toBe(false);
    expect(again.body).toMatchObject({ replayed: true, demand: { id: first.body.demand.id } });
    const n = await t.db.selectFrom('demand').select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', 'offline-7f3a9c21').executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });

  it('should spot a likely duplicate, offer "me too", and merge', async () => {
    const place = { orgId: city.communities[0].grid.id, categoryCode: 'street_order' };
    const first = await worker.request('POST', '/api/demands', { ...place, description: '小区门口乱停车', channel: 'walk_in' });
    const dup = await worker.request('POST', '/api/demands', { ...place, description: '门口车停满了', channel: 'hotline' });
    expect(dup.status).toBe(409);
    expect(dup.body.details.reason).toBe('LIKELY_DUPLICATE');
    expect(dup.body.details.duplicates[0].id).toBe(first.body.demand.id);
    const forced = await worker.request('POST', '/api/demands', { ...place, description: '门口车停满了', channel: 'hotline', force: true });
    const merged = await act(worker, forced.body.demand.id, 'merge', { intoId: first.body.demand.id });
    expect(merged.body).toMatchObject({ state: 'merged', mergedIntoId: first.body.demand.id });
    expect((await neighbour.request('POST', `/api/demands/${first.body.demand.id}/me-too`)).status).toBe(200);
    expect((await neighbour.request('POST', `/api/demands/${first.body.demand.id}/me-too`)).status).toBe(200);
    const target = await worker.request('GET', `/api/demands/${first.body.demand.id}`);
    expect(target.body.meTooCount).toBe(2); // one merged report + one neighbour, counted once
  });

  it('should let a department send a whistle back with a reason, and the street re-route it', async () => {
    const { body } = await report(resident, { householdId: city.communities[0].household.id, categoryCode: 'construction', description: '夜间施工噪音' });
    const id = body.demand.id;
    const w = await act(street, id, 'escalate', { note: '直接吹哨', departmentIds: [departmentId] });
    const back = await dept.request('POST', `/api/demands/dispatches/${w.body.dispatches[0].id}/return`, {});
    expect(back.status).toBe(409); // a reason is required
    const returned = await dept.request('POST', `/api/demands/dispatches/${w.body.dispatches[0].id}/return`, { note: '夜间施工噪音归城管执法' });
    expect(returned.body.dispatches[0]).toMatchObject({ state: 'returned', returnReason: '夜间施工噪音归城管执法' });
    const inbox = await street.request('GET', '/api/notifications');
    expect(inbox.body.items[0].title).toContain('退回');
    const rerouted = await street.request('POST', `/api/demands/${id}/rewhistle`, { departmentIds: [department2Id], note: '改派城管' });
    expect(rerouted.body.dispatches.map((x: { departmentName: string }) => x.departmentName)).toEqual(['离石区住建局', '离石区城管局']);
    expect((await dept2.request('GET', `/api/demands/${id}`)).status).toBe(200);
  });

  it('should warn before and flag after a deadline, each once, from timers in the database', async () => {
    clock.set('2026-11-03T10:00:00+08:00');
    const { body } = await report(resident, { householdId: city.communities[0].household.id, categoryCode: 'emergency', description: '燃气味很重' });
    const id = body.demand.id;
    expect(body.demand.dueAt).toBe(new Date('2026-11-03T12:00:00+08:00').toISOString());
    clock.advance(1.2 * HOUR);
    await runDueJobs(t.db, handlers(), clock);
    clock.advance(1 * HOUR);
    await Promise.all([runDueJobs(t.db, handlers(), clock), runDueJobs(t.db, handlers(), clock)]);
    await runDueJobs(t.db, handlers(), clock);
    const events = await t.db.selectFrom('demand_event').select('action').where('demand_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'warn', 'overdue']);
    const d = await worker.request('GET', `/api/demands/${id}`);
    expect(d.body.overdue).toBe(true);
    const overdueList = await street.request('GET', '/api/demands?overdue=true');
    expect(overdueList.body.items.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('should not fire the timers of a demand resolved in time', async () => {
    clock.set('2026-11-04T10:00:00+08:00');
    const { body } = await report(resident, { householdId: city.communities[0].household.id, categoryCode: 'utilities', description: '停水了' });
    const id = body.demand.id;
    await act(grid, id, 'accept');
    await act(grid, id, 'resolve', { note: '管网抢修完成' });
    clock.advance(30 * HOUR);
    await runDueJobs(t.db, handlers(), clock);
    const events = await t.db.selectFrom('demand_event').select('action').where('demand_id', '=', id).execute();
    expect(events.map((e) => e.action)).not.toContain('overdue');
  });

  it('should count the rates per community and per department', async () => {
    const rates = await street.request('GET', `/api/demands/rates?orgId=${city.streets[0].id}&from=2026-10-01`);
    expect(rates.status).toBe(200);
    const community = rates.body.children.find((c: { id: number }) => c.id === city.communities[0].community.id);
    expect(community.received).toBeGreaterThanOrEqual(8);
    expect(community.satisfactionRate).toBe(0.5); // one satisfied, one unsatisfied
    expect(community.onSpotRate).toBeGreaterThan(0);
    expect(rates.body.total.received).toBe(community.received);
    const housing = rates.body.departments.find((d: { name: string }) => d.name === '离石区住建局');
    expect(housing).toMatchObject({ dispatched: 2, resolved: 1, returned: 1 });
  });

  it('should build the 民情分析会 agenda from demands put on it and overdue ones, and record decisions', async () => {
    clock.set('2026-11-10T09:00:00+08:00');
    const c = city.communities[0];
    const onAgenda = (await report(resident, { householdId: c.household.id, categoryCode: 'complex', description: '老旧小区加装电梯意见不一' })).body.demand.id;
    await act(worker, onAgenda, 'put_on_agenda');
    const old = (await report(resident, { householdId: c.household.id, categoryCode: 'advertising', description: '小广告贴满单元门' })).body.demand.id;
    clock.advance(8 * 24 * HOUR); // past its 5 working days
    const meeting = await worker.request('POST', '/api/demands/meetings', { orgId: c.community.id, heldOn: '2026-11-18' });
    expect(meeting.status).toBe(200);
    const agendaIds = meeting.body.items.map((i: { demandId: number }) => i.demandId);
    expect(agendaIds).toEqual(expect.arrayContaining([onAgenda, old]));
    expect(meeting.body.items.find((i: { demandId: number }) => i.demandId === old).overdue).toBe(true);
    const d1 = await worker.request('POST', `/api/demands/meetings/${meeting.body.id}/decisions`, { demandId: onAgenda, decision: '先组织楼栋议事会征求意见', outcome: 'community' });
    expect(d1.status).toBe(200);
    const d2 = await worker.request('POST', `/api/demands/meetings/${meeting.body.id}/decisions`, { demandId: old, decision: '需城管联合清理', outcome: 'escalate' });
    expect(d2.body.items.filter((i: { decidedAt: string | null }) => i.decidedAt).length).toBe(2);
    expect((await worker.request('GET', `/api/demands/${onAgenda}`)).body.state).toBe('accepted');
    expect((await worker.request('GET', `/api/demands/${old}`)).body.state).toBe('escalation_requested');
    const again = await worker.request('POST', `/api/demands/meetings/${meeting.body.id}/decisions`, { demandId: old, decision: '重复', outcome: 'community' });
    expect(again.status).toBe(409);
    const notCommunity = await worker.request('POST', '/api/demands/meetings', { orgId: c.grid.id, heldOn: '2026-11-18' });
    expect(notCommunity.status).toBe(400);
  });

  it('should keep residents to their own reports', async () => {
    const mine = await neighbour.request('GET', '/api/demands');
    expect(mine.body.items).toEqual([]);
    const all = await resident.request('GET', '/api/demands');
    expect(all.body.items.length).toBeGreaterThan(3);
  });

  it('should not let a resident file a demand against a neighbour’s household in the same unit', async () => {
    const a = city.communities[0];
    const next = await addHousehold(t.db, a.unit, '102');
    await addResident(t.db, t.cipher, next, '李邻居', validIdNumber('19750101', 321));
    const own = await report(resident, { householdId: a.household.id, description: '我家水管漏水', force: true });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const theirs = await report(resident, { householdId: next.id, description: '隔壁家天天吵', force: true });
    expect(theirs.status).toBe(403);
    expect(theirs.body.details.fields).toEqual([{ field: 'body.householdId', problem: 'not your household' }]);
    // An account without a household of its own names none; the shared stairwell is filed by place.
    expect((await report(neighbour, { householdId: a.household.id, force: true })).status).toBe(403);
    const stairwell = await report(neighbour, { orgId: a.unit.id, description: '楼道堆满杂物', force: true });
    expect(stairwell.status, JSON.stringify(stairwell.body)).toBe(200);
    expect(stairwell.body.demand.householdId).toBeNull();
    // Staff still file for any household in their scope.
    expect((await report(grid, { householdId: next.id, channel: 'visit', force: true })).status).toBe(200);
    const stored = await t.db.selectFrom('demand').select('id').where('household_id', '=', next.id).execute();
    expect(stored).toHaveLength(1);
  });
});
