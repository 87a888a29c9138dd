import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addMonths, chinaMonth } from '../../server/modules/property/meetings-months.js';
import { DEMO_PASSWORD, seed } from '../../server/seed/seed.js';
import { addAccount, addUnit, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** 三方协调月例会: agenda from open demands, proposals and carried tasks; attendance → company_present; tasks; the street's count. On both databases. */
describe('property three-party meetings', () => {
  // 1 December 07:00 in China is still 30 November in UTC: months are China's.
  const clock = new ManualClock(new Date('2026-12-01T07:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretary: Session;
  let grid: Session;
  let street: Session;
  let companySession: Session;
  let resident: Session;
  let companyId: number;
  let compound: { id: number; path: string; county_code: string };
  let octoberId: number;
  let novemberId: number;
  const A = () => city.communities[0]!;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    compound = A().grid;
    const county = city.county;
    companyId = (await t.db.insertInto('property_company').values({
      org_id: county.id, org_path: county.path, county_code: county.county_code, name: '龙凤物业服务有限公司', credit_code: '91141102MA0L8ABC1X', contact_name: '王经理',
    }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('property_contract').values({
      company_id: companyId, compound_id: compound.id, org_path: compound.path, county_code: compound.county_code, starts_on: '2026-01-01', ends_on: '2028-12-31',
      fee_per_m2: '1.20', service_level: '2',
    }).execute();
    // An open property demand in the compound, and a closed one that must not come back.
    for (const [state, description] of [['accepted', '地下车库漏水'], ['closed', '已修好的路灯']] as const) {
      await t.db.insertInto('demand').values({
        org_id: compound.id, org_path: A().unit.path, county_code: compound.county_code, channel: 'walk_in', category_code: 'property', state,
        description, due_at: new Date('2026-12-10T00:00:00Z'), created_at: new Date('2026-10-20T00:00:00Z'),
      }).execute();
    }
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', A().community)).username);
    grid = await login(t.app, (await addAccount(t.db, 'grid_worker', A().grid)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    const company = await addAccount(t.db, 'property_company', compound as never);
    await t.db.updateTable('account').set({ property_company_id: companyId }).where('id', '=', company.id).execute();
    companySession = await login(t.app, company.username);
    const res = await addAccount(t.db, 'resident', A().unit);
    await t.db.updateTable('account').set({ resident_id: A().residentId }).where('id', '=', res.id).execute();
    resident = await login(t.app, res.username);
  });
  afterAll(() => t?.close());

  const attend = (id: number, companyPresent: boolean) => secretary.request('PUT', `/api/property/meetings/${id}/attendance`, {
    attendees: [
      { party: 'community', name: '龙凤社区党委 王书记', present: true },
      { party: 'owners_committee', name: '业委会 郭主任', present: true },
      { party: 'company', name: '龙凤物业 项目经理', present: companyPresent },
      { party: 'resident_rep', name: '居民代表 李桂兰', present: true },
    ],
  });

  it('should build the agenda from open property demands and residents\' proposals', async () => {
    const p = await resident.request('POST', '/api/property/my-proposals', { content: '单元门禁经常失灵' });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const mine = await resident.request('GET', '/api/property/my-proposals');
    expect(mine.body.compound.id).toBe(compound.id);
    const s = await secretary.request('POST', '/api/property/meetings', { compoundId: compound.id, month: '2026-10', scheduledAt: '2026-10-15T15:00:00+08:00' });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    octoberId = s.body.id;
    const m = await secretary.request('GET', `/api/property/meetings/${octoberId}`);
    expect(m.status).toBe(200);
    expect(m.body.company.id).toBe(companyId);
    expect(m.body.agenda.map((a: { kind: string; title: string }) => `${a.kind}:${a.title}`)).toEqual(['demand:地下车库漏水', 'proposal:单元门禁经常失灵']);
  });

  it('should refuse a second meeting for the same compound and month, and another community\'s compound', async () => {
    const again = await secretary.request('POST', '/api/property/meetings', { compoundId: compound.id, month: '2026-10', scheduledAt: '2026-10-20T15:00:00+08:00' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_EXISTS');
    const other = await secretary.request('POST', '/api/property/meetings', { compoundId: city.communities[1]!.grid.id, month: '2026-11', scheduledAt: '2026-11-15T15:00:00+08:00' });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('NOT_FOUND');
    const byGrid = await grid.request('POST', '/api/property/meetings', { compoundId: compound.id, month: '2026-11', scheduledAt: '2026-11-15T15:00:00+08:00' });
    expect(byGrid.status).toBe(403);
  });

  it('should record attendance, set company_present from it and turn decisions into tasks', async () => {
    const early = await secretary.request('POST', `/api/property/meetings/${octoberId}/hold`, { heldAt: '2026-10-15T16:00:00+08:00', minutes: '研究车库漏水' });
    expect(early.status).toBe(400); // no attendance yet: the convenor must be there
    expect((await attend(octoberId, false)).status).toBe(200);
    const held = await grid.request('POST', `/api/property/meetings/${octoberId}/hold`, { heldAt: '2026-10-15T16:00:00+08:00', minutes: '研究车库漏水，物业承诺两周内修复' });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    let row = await t.db.selectFrom('property_meeting').select(['status', 'company_present', 'company_id']).where('id', '=', octoberId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'held', company_present: false, company_id: companyId });
    // A corrected attendance corrects what the credit score reads.
    expect((await attend(octoberId, true)).status).toBe(200);
    row = await t.db.selectFrom('property_meeting').select(['status', 'company_present', 'company_id']).where('id', '=', octoberId).executeTakeFirstOrThrow();
    expect(row.company_present).toBe(true);

    const demandId = (await secretary.request('GET', `/api/property/meetings/${octoberId}`)).body.agenda[0].demandId;
    const t1 = await secretary.request('POST', `/api/property/meetings/${octoberId}/tasks`, { title: '修复车库漏水', ownerKind: 'company', deadline: '2026-10-30', demandId });
    expect(t1.status, JSON.stringify(t1.body)).toBe(200);
    const t2 = await secretary.request('POST', `/api/property/meetings/${octoberId}/tasks`, { title: '清理楼道杂物', ownerKind: 'community', deadline: '2026-10-25' });
    expect(t2.status).toBe(200);
    const noName = await secretary.request('POST', `/api/property/meetings/${octoberId}/tasks`, { title: '联系维修', ownerKind: 'person', deadline: '2026-10-25' });
    expect(noName.status).toBe(400);
    const m = await secretary.request('GET', `/api/property/meetings/${octoberId}`);
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body.tasks.map((x: { ownerName: string }) => x.ownerName)).toEqual(['龙凤物业服务有限公司', A().community.name]);
    // The proposal on a held meeting's agenda has been discussed.
    expect((await resident.request('GET', '/api/property/my-proposals')).body.items[0].status).toBe('discussed');
  });

  it('should carry open tasks to the next meeting first, marked overdue, and let the company report them', async () => {
    const s = await secretary.request('POST', '/api/property/meetings', { compoundId: compound.id, month: '2026-11', scheduledAt: '2026-11-16T15:00:00+08:00' });
    expect(s.status).toBe(200);
    novemberId = s.body.id;
    const m = await secretary.request('GET', `/api/property/meetings/${novemberId}`);
    const kinds = m.body.agenda.map((a: { kind: string }) => a.kind);
    expect(kinds).toEqual(['carried', 'carried', 'demand']);
    const carried = m.body.agenda[0];
    expect(carried.task.meetingMonth).toBe('2026-10');
    expect(carried.task.overdue).toBe(true);

    const mine = await companySession.request('GET', '/api/property/company/meeting-tasks');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x: { title: string }) => x.title)).toEqual(['修复车库漏水']);
    const taskId = mine.body.items[0].id;
    const noNote = await companySession.request('POST', `/api/property/company/meeting-tasks/${taskId}/report`, {});
    expect(noNote.status).toBe(400);
    const rep = await companySession.request('POST', `/api/property/company/meeting-tasks/${taskId}/report`, { note: '已更换防水层' });
    expect(rep.status).toBe(200);
    const twice = await companySession.request('POST', `/api/property/company/meeting-tasks/${taskId}/report`, { note: '再报' });
    expect(twice.status).toBe(409);
    // The community's own task is not the company's to report.
    const communityTask = (await secretary.request('GET', `/api/property/meetings/${octoberId}`)).body.tasks[1].id;
    expect((await companySession.request('POST', `/api/property/company/meeting-tasks/${communityTask}/report`, { note: '完成' })).status).toBe(404);

    const confirm = await secretary.request('POST', `/api/property/meeting-tasks/${taskId}/confirm`, {});
    expect(confirm.status).toBe(200);
    const drop = await secretary.request('POST', `/api/property/meeting-tasks/${communityTask}/drop`, { note: ' ' });
    expect(drop.status).toBe(400);
    expect(drop.body.message).toContain('理由');
    expect((await grid.request('POST', `/api/property/meeting-tasks/${communityTask}/drop`, { note: '业主自行清理' })).status).toBe(403);
    const other = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[1]!.community)).username);
    expect((await other.request('POST', `/api/property/meeting-tasks/${communityTask}/confirm`, {})).status).toBe(404);
    expect((await other.request('GET', `/api/property/meetings/${octoberId}`)).status).toBe(404);
  });

  it('should show the street the compounds that did not meet and the problems solved, by China month', async () => {
    // A second compound in the same community never met in November.
    await addUnit(t.db, A().community, 'grid', '龙凤社区第2网格', { gridType: 'enclosed' });
    expect((await attend(novemberId, true)).status).toBe(200);
    expect((await secretary.request('POST', `/api/property/meetings/${novemberId}/hold`, { heldAt: '2026-11-16T16:00:00+08:00', minutes: '通报上月事项' })).status).toBe(200);
    const o = await street.request('GET', '/api/property/meetings/overview?month=2026-11');
    expect(o.status, JSON.stringify(o.body)).toBe(200);
    const row = o.body.communities.find((c: { id: number }) => c.id === A().community.id);
    expect(row.compounds).toBe(2);
    expect(row.held).toBe(1);
    expect(row.missed.map((g: { name: string }) => g.name)).toEqual(['龙凤社区第2网格']);
    expect(o.body.totals.tasksDone).toBe(0); // the task was confirmed today: December in China
    const dec = await street.request('GET', '/api/property/meetings/overview');
    expect(dec.body.month).toBe('2026-12');
    expect(dec.body.totals.tasksDone).toBe(1);
    expect(dec.body.series.find((s: { month: string }) => s.month === '2026-10').held).toBe(1);
    const board = await secretary.request('GET', '/api/property/meetings/board');
    expect(board.status).toBe(200);
    expect(board.body.currentMonth).toBe('2026-12');
    const cells = board.body.compounds.find((c: { id: number }) => c.id === compound.id).cells;
    expect(cells.filter((c: { status: string | null }) => c.status === 'held').map((c: { month: string }) => c.month)).toEqual(['2026-10', '2026-11']);
  });

  it('should refresh a planned agenda with new proposals, take free items, and cancel only with a reason', async () => {
    const s = await secretary.request('POST', '/api/property/meetings', { compoundId: compound.id, month: '2026-12', scheduledAt: '2026-12-15T15:00:00+08:00' });
    expect(s.status).toBe(200);
    const id = s.body.id;
    const rec = await grid.request('POST', '/api/property/meeting-proposals', { compoundId: compound.id, authorName: '刘大爷', content: '健身器材损坏' });
    expect(rec.status).toBe(200);
    expect((await grid.request('POST', `/api/property/meetings/${id}/agenda/refresh`)).status).toBe(200);
    expect((await grid.request('POST', `/api/property/meetings/${id}/agenda`, { title: '通报物业费收缴情况' })).status).toBe(200);
    const m = await secretary.request('GET', `/api/property/meetings/${id}`);
    expect(m.body.agenda.map((a: { kind: string }) => a.kind)).toEqual(['carried', 'demand', 'proposal', 'free']);
    expect(m.body.can).toEqual({ plan: true, record: true, closeTasks: true });
    expect((await secretary.request('POST', `/api/property/meetings/${id}/tasks`, { title: '未开会', ownerKind: 'community', deadline: '2026-12-30' })).status).toBe(409);
    expect((await secretary.request('POST', `/api/property/meetings/${id}/cancel`, { reason: '' })).status).toBe(400);
    expect((await grid.request('POST', `/api/property/meetings/${id}/cancel`, { reason: '停电' })).status).toBe(403);
    expect((await secretary.request('POST', `/api/property/meetings/${id}/cancel`, { reason: '小区停电，改期' })).status).toBe(200);
    const hold = await secretary.request('POST', `/api/property/meetings/${id}/hold`, { heldAt: '2026-12-01T06:00:00+08:00', minutes: '已取消' });
    expect(hold.status).toBe(409);
    expect(hold.body.message).toBe('该协调会已取消');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'property_meeting').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['property.agenda_add', 'property.meeting_cancel', 'property.meeting_schedule']);
  });
});

/** The demo (server/seed/property-meetings-demo.ts): 龙凤社区's last three months, one missed, the company away once, this month still to hold. */
describe('three-party meetings in the demo city', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seed(t.database, t.cipher, { scale: 'demo' });
  }, 240_000);
  afterAll(async () => t?.close());

  it('should show 龙凤社区\'s board, the carried tasks and the street\'s gap', async () => {
    const secretary = await login(t.app, 'secretary_binhe1', DEMO_PASSWORD);
    const board = (await secretary.request('GET', '/api/property/meetings/board')).body;
    const current = chinaMonth(new Date());
    expect(board.currentMonth).toBe(current);
    const [first, second] = board.compounds;
    const cell = (c: { cells: { month: string; status: string | null; companyPresent: boolean | null; meetingId: number | null }[] }, m: string) => c.cells.find((x) => x.month === m)!;
    expect(cell(first, addMonths(current, -3))).toMatchObject({ status: 'held', companyPresent: false });
    expect(cell(first, addMonths(current, -1))).toMatchObject({ status: 'held', companyPresent: true });
    expect(cell(second, addMonths(current, -2)).status).toBeNull();
    expect(cell(first, current).status).toBe('planned');
    const m = (await secretary.request('GET', `/api/property/meetings/${cell(first, current).meetingId}`)).body;
    expect(m.agenda.filter((a: { kind: string }) => a.kind === 'carried')).toHaveLength(3);
    expect(m.agenda.some((a: { kind: string }) => a.kind === 'proposal')).toBe(true);

    const company = await login(t.app, 'property_demo', DEMO_PASSWORD);
    const tasks = (await company.request('GET', '/api/property/company/meeting-tasks?status=open')).body;
    expect(tasks.total).toBeGreaterThan(0);

    const street = await login(t.app, 'street_binhe', DEMO_PASSWORD);
    const o = (await street.request('GET', `/api/property/meetings/overview?month=${addMonths(current, -2)}`)).body;
    const row = o.communities.find((c: { name: string }) => c.name.includes('龙凤'));
    // The first compound met; the second (self-run) did not, nor did the small compounds the ten-steps demo adds.
    const missed = row.missed.map((g: { id: number }) => g.id);
    expect(missed).toContain(second.id);
    expect(missed).not.toContain(first.id);
    expect(missed).toHaveLength(row.compounds - row.held);
    expect(o.series.reduce((n: number, x: { tasksDone: number }) => n + x.tasksDone, 0)).toBeGreaterThan(0);
  });
});
