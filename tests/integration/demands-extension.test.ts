import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { loadConfig } from '../../server/config.js';
import { demandJobHandlers } from '../../server/modules/demands/index.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const cst = (s: string) => new Date(`${s}+08:00`).toISOString();

describe('demands: time-limit extensions and sending whistles back', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00')); // a Monday
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let grid: Session, worker: Session, street: Session, dept: Session, dept2: Session;
  let departmentId: number, department2Id: number, deptAccountId: number, gridAccountId: number;
  const handlers = () => demandJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const a = city.communities[0];
    const mk = async (name: string) => (await t.db.insertInto('department').values({ name, org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code }).returning('id').executeTakeFirstOrThrow()).id;
    departmentId = await mk('离石区住建局');
    department2Id = await mk('离石区城管局');
    const g = await addAccount(t.db, 'grid_worker', a.grid);
    gridAccountId = g.id;
    grid = await login(t.app, g.username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    const d1 = await addAccount(t.db, 'department', city.county);
    deptAccountId = d1.id;
    await t.db.updateTable('account').set({ department_id: departmentId }).where('id', '=', d1.id).execute();
    dept = await login(t.app, d1.username);
    const d2 = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: department2Id }).where('id', '=', d2.id).execute();
    dept2 = await login(t.app, d2.username);
  });
  afterAll(() => t?.close());

  const act = (s: Session, id: number, action: string, body: Record<string, unknown> = {}) => s.request('POST', `/api/demands/${id}/actions/${action}`, body);
  const dispatch = (s: Session, dispatchId: number, action: string, body: Record<string, unknown> = {}) => s.request('POST', `/api/demands/dispatches/${dispatchId}/${action}`, body);
  const report = async (body: Record<string, unknown> = {}) => {
    const r = await worker.request('POST', '/api/demands', { orgId: city.communities[0].grid.id, categoryCode: 'facilities', description: '单元门禁损坏', channel: 'walk_in', force: true, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.demand as { id: number; dueAt: string };
  };
  const timers = (id: number) => t.db.selectFrom('job').select(['kind', 'run_at']).where('dedupe_key', 'like', `demand:${id}:%`).where('status', '=', 'pending').orderBy('kind').execute();

  it('should move the due date by working days when the community approves, and restart the timers', async () => {
    clock.set('2026-11-02T09:00:00+08:00');
    const d = await report();
    expect(d.dueAt).toBe(cst('2026-11-09T09:00:00')); // Monday + 5 working days
    expect((await act(grid, d.id, 'accept')).status).toBe(200);

    const asked = await act(grid, d.id, 'request_extension', { days: 3, note: '需等待厂家配件' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ state: 'accepted', dueAt: d.dueAt, extension: { days: 3, state: 'requested', reason: '需等待厂家配件' } });
    const inbox = await worker.request('GET', '/api/notifications');
    expect(inbox.body.items[0].title).toBe('延期申请：3个工作日');

    // Nobody may approve their own kind of request: a grid worker is not the community.
    const byGrid = await act(grid, d.id, 'approve_extension');
    expect(byGrid.status).toBe(409);
    expect(byGrid.body.message).toBe('您的角色不能进行此操作');

    const approved = await act(worker, d.id, 'approve_extension');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // Monday 9th + 3 working days = Thursday 12th, same hour.
    expect(approved.body).toMatchObject({ state: 'accepted', dueAt: cst('2026-11-12T09:00:00'), extension: { state: 'approved', dueAfter: cst('2026-11-12T09:00:00') } });
    expect(approved.body.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'accept', 'request_extension', 'approve_extension']);
    expect(await timers(d.id)).toEqual([
      { kind: 'demand.overdue', run_at: new Date(cst('2026-11-12T09:00:00')) },
      { kind: 'demand.warn', run_at: new Date(cst('2026-11-11T09:00:00')) },
    ]);
    const gridInbox = await grid.request('GET', '/api/notifications');
    expect(gridInbox.body.items[0].title).toBe('延期已批准，新的办理期限 2026-11-12');

    // The old deadline passes quietly; the new one is flagged.
    clock.set('2026-11-09T10:00:00+08:00');
    await runDueJobs(t.db, handlers(), clock);
    let actions = (await t.db.selectFrom('demand_event').select('action').where('demand_id', '=', d.id).execute()).map((e) => e.action);
    expect(actions).not.toContain('overdue');
    clock.set('2026-11-12T10:00:00+08:00');
    await runDueJobs(t.db, handlers(), clock);
    actions = (await t.db.selectFrom('demand_event').select('action').where('demand_id', '=', d.id).execute()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['warn', 'overdue']));

    // One extension per demand.
    const again = await act(grid, d.id, 'request_extension', { days: 2, note: '还需两天' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '每件诉求只能延期一次，此诉求已延期' });
  });

  it('should refuse more than 10 working days, a missing reason or day count, and a second request while one is pending', async () => {
    clock.set('2026-11-16T09:00:00+08:00');
    const d = await report({ description: '楼顶漏水' });
    await act(grid, d.id, 'accept');
    const tooLong = await act(grid, d.id, 'request_extension', { days: 11, note: '工程量大' });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '延期不得超过10个工作日' });
    const noReason = await act(grid, d.id, 'request_extension', { days: 2 });
    expect(noReason.status).toBe(409);
    expect(noReason.body.message).toBe('请填写处理说明');
    const noDays = await act(grid, d.id, 'request_extension', { note: '工程量大' });
    expect(noDays.status).toBe(409);
    expect(noDays.body.message).toBe('请填写延期的工作日数');
    expect((await act(grid, d.id, 'request_extension', { days: 10, note: '工程量大' })).status).toBe(200);
    const pending = await act(grid, d.id, 'request_extension', { days: 1, note: '再加一天' });
    expect(pending.status).toBe(409);
    expect(pending.body.message).toBe('已有延期申请正在审批，请等待结果');
    const n = await t.db.selectFrom('demand_extension').select((eb) => eb.fn.countAll<number>().as('n')).where('demand_id', '=', d.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('should let the community refuse with a reason, keep the due date, and allow a new request', async () => {
    clock.set('2026-11-16T09:00:00+08:00');
    const d = await report({ description: '电梯异响' });
    await act(grid, d.id, 'accept');
    expect((await act(worker, d.id, 'approve_extension')).body.message).toBe('此诉求没有待审批的延期申请');
    await act(grid, d.id, 'request_extension', { days: 5, note: '等维保单位' });
    const noNote = await act(worker, d.id, 'reject_extension');
    expect(noNote.status).toBe(409);
    const rejected = await act(worker, d.id, 'reject_extension', { note: '维保合同规定48小时内到场' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ dueAt: d.dueAt, extension: { state: 'rejected', decisionNote: '维保合同规定48小时内到场', dueAfter: null } });
    expect((await grid.request('GET', '/api/notifications')).body.items[0].title).toBe('延期申请未获批准');
    expect((await act(grid, d.id, 'request_extension', { days: 1, note: '维保单位周末不上班' })).status).toBe(200);
  });

  it('should leave extensions of whistled demands to the street, asked for by the department', async () => {
    clock.set('2026-11-16T09:00:00+08:00'); // Monday
    const d = await report({ categoryCode: 'construction', description: '工地夜间施工' });
    const w = await act(street, d.id, 'escalate', { note: '直接吹哨', departmentIds: [departmentId] });
    expect(w.body.dueAt).toBe(cst('2026-11-23T09:00:00'));
    const dispatchId = w.body.dispatches[0].id;
    const beforeAccept = await dispatch(dept, dispatchId, 'request_extension', { days: 3, note: '需联合执法' });
    expect(beforeAccept.status).toBe(409); // report first (报到), then ask for time
    await dispatch(dept, dispatchId, 'accept');
    const asked = await dispatch(dept, dispatchId, 'request_extension', { days: 3, note: '需联合执法' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ state: 'escalated', extension: { state: 'requested', days: 3 } });
    expect((await street.request('GET', '/api/notifications')).body.items[0].title).toBe('延期申请：3个工作日');

    const byCommunity = await act(worker, d.id, 'approve_extension');
    expect(byCommunity.status).toBe(409);
    expect(byCommunity.body.message).toBe('街道吹哨办理的诉求，须由街道审批');
    const approved = await act(street, d.id, 'approve_extension', { note: '同意' });
    expect(approved.body).toMatchObject({ dueAt: cst('2026-11-26T09:00:00'), extension: { state: 'approved' } });
    const inbox = await t.db.selectFrom('notification').select('title').where('account_id', '=', deptAccountId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(inbox.title).toBe('延期已批准，新的办理期限 2026-11-26');
    const second = await dispatch(dept, dispatchId, 'request_extension', { days: 1, note: '再延一天' });
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('每件诉求只能延期一次，此诉求已延期');
  });

  it('should let a department send a whistle back within 2 working days, not after', async () => {
    clock.set('2026-11-20T10:00:00+08:00'); // Friday
    const d = await report({ categoryCode: 'street_order', description: '占道经营' });
    const w = await act(street, d.id, 'escalate', { note: '吹哨', departmentIds: [departmentId, department2Id] });
    const [x1, x2] = w.body.dispatches as { id: number; departmentId: number }[];
    const mine = x1.departmentId === departmentId ? x1 : x2;
    const theirs = x1.departmentId === departmentId ? x2 : x1;
    await dispatch(dept, mine.id, 'accept');
    await dispatch(dept2, theirs.id, 'accept');

    // Monday afternoon is still within 2 working days of Friday morning (the weekend does not count).
    clock.set('2026-11-23T15:00:00+08:00');
    const inTime = await dispatch(dept2, theirs.id, 'return', { note: '占道经营归城管，不归本局' });
    expect(inTime.status, JSON.stringify(inTime.body)).toBe(200);

    // Tuesday 10:00 is 2 working days after Friday 10:00: too late.
    clock.set('2026-11-24T10:00:00+08:00');
    const late = await dispatch(dept, mine.id, 'return', { note: '不归我们管' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'INVALID_TRANSITION', message: '收到派单已超过2个工作日，不能再退回；请继续办理，或申请街道改派',
      details: { reason: 'RETURN_WINDOW_PASSED', returnBy: cst('2026-11-24T10:00:00') },
    });
    const unchanged = await dept.request('GET', `/api/demands/${d.id}`);
    expect(unchanged.body.dispatches.find((x: { id: number }) => x.id === mine.id).state).toBe('accepted');

    // What is left: ask the street to re-route, with a reason; the street releases it and whistles again.
    expect((await dispatch(dept, mine.id, 'request_reroute', {})).status).toBe(409);
    const asked = await dispatch(dept, mine.id, 'request_reroute', { note: '涉及交通，应由交警处理' });
    expect(asked.status).toBe(200);
    expect(asked.body.timeline.at(-1)).toMatchObject({ action: 'dispatch_request_reroute', note: '涉及交通，应由交警处理' });
    expect((await street.request('GET', '/api/notifications')).body.items[0].title).toBe('部门申请改派');
    const rerouted = await street.request('POST', `/api/demands/${d.id}/rewhistle`, { departmentIds: [department2Id], note: '改派城管', releaseDispatchIds: [mine.id] });
    expect(rerouted.status, JSON.stringify(rerouted.body)).toBe(200);
    expect(rerouted.body.dispatches.find((x: { id: number }) => x.id === mine.id)).toMatchObject({ state: 'returned', returnReason: '改派城管' });
    const badRelease = await street.request('POST', `/api/demands/${d.id}/rewhistle`, { departmentIds: [department2Id], note: '再派', releaseDispatchIds: [mine.id] });
    expect(badRelease.status).toBe(400);
    expect(gridAccountId).toBeGreaterThan(0);
  });

  it('should not let a demand that is not being handled ask for more time', async () => {
    clock.advance(DAY);
    const d = await report({ description: '刚登记的诉求' });
    const r = await act(grid, d.id, 'request_extension', { days: 2, note: '太忙' });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('诉求当前为“待受理”');
  });
});
