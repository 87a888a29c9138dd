import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * 双报到 and 双评价 through the API (issue 13): counties and streets register work units; a unit
 * reports to (pairs with) communities and the community confirms or declines with a reason; an
 * in-service party member reports from the phone to the community where they live, with posts;
 * the year record is counted from volunteer hours and wishes; the community evaluates members
 * and units; the unit admin sees and exports only its own.
 */
describe('双报到: work units, pairings, in-service members and 双评价', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let street: Session, otherStreet: Session, county: Session, otherCounty: Session;
  let secretaryA: Session, workerA: Session, gridA: Session, secretaryB: Session, secretaryFar: Session;
  let member: Session, memberId: number, memberResidentId: number;
  let unitAdmin: Session, unitAdmin2: Session;
  let unitId: number, unit2Id: number;
  let pairingA: number, pairingB: number;
  let reportId: number;

  const A = () => city.communities[0];
  const B = () => city.communities[1];
  const FAR = () => city.communities[4];
  const as = async (role: Parameters<typeof addAccount>[1], place: Parameters<typeof addAccount>[2], set: Record<string, number> = {}) => {
    const acc = await addAccount(t.db, role, place);
    if (Object.keys(set).length) await t.db.updateTable('account').set(set).where('id', '=', acc.id).execute();
    return login(t.app, acc.username);
  };
  const unitBody = (over: Record<string, unknown> = {}) => ({
    orgId: city.streets[0].id, name: '吕梁市税务局离石分局', kind: 'organ', creditCode: '11141100MB0123456X',
    partyOrgName: '吕梁市税务局离石分局机关党委', contactName: '刘主任', phone: '13912345678', ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    street = await as('street_admin', city.streets[0]);
    otherStreet = await as('street_admin', city.streets[1]);
    county = await as('county_admin', city.county);
    otherCounty = await as('county_admin', city.otherCounty);
    secretaryA = await as('community_secretary', A().community);
    workerA = await as('community_worker', A().community);
    gridA = await as('grid_worker', A().grid);
    secretaryB = await as('community_secretary', B().community);
    secretaryFar = await as('community_secretary', FAR().community);
    // member_demo's kind: an in-service party member living in community A.
    memberResidentId = A().residentId;
    memberId = A().memberId;
    await t.db.updateTable('party_member').set({ member_kind: 'in_service' }).where('id', '=', memberId).execute();
    member = await as('party_member', A().unit, { resident_id: memberResidentId });
  });
  afterAll(() => t?.close());

  it('should let a street register a unit with a sealed phone and a unique credit code, and nobody below it', async () => {
    const res = await street.request('POST', '/api/cobuild/units', unitBody());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    unitId = res.body.id;
    expect(res.body).toMatchObject({ name: '吕梁市税务局离石分局', phone: '139****5678', orgName: '滨河街道', creditCode: '11141100MB0123456X' });
    const row = await t.db.selectFrom('work_unit').select(['phone_enc', 'phone_mask']).where('id', '=', unitId).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13912345678');
    expect(row.phone_mask).toBe('139****5678');

    const dup = await county.request('POST', '/api/cobuild/units', unitBody({ orgId: city.county.id, name: '另一个单位' }));
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('吕梁市税务局离石分局');
    expect((await street.request('POST', '/api/cobuild/units', unitBody({ creditCode: '123' }))).status).toBe(400);
    // Registered at a county or street only; communities and grid workers do not register units.
    const atCommunity = await street.request('POST', '/api/cobuild/units', unitBody({ orgId: A().community.id, creditCode: null, name: '社区里的单位' }));
    expect(atCommunity.status).toBe(400);
    expect((await secretaryA.request('POST', '/api/cobuild/units', unitBody({ orgId: A().community.id, creditCode: null }))).status).toBe(403);
    expect((await gridA.request('POST', '/api/cobuild/units', unitBody({ creditCode: null }))).status).toBe(403);
    // Another county is out of reach.
    expect((await street.request('POST', '/api/cobuild/units', unitBody({ orgId: city.streets[2].id, creditCode: null }))).status).toBe(404);

    const second = await county.request('POST', '/api/cobuild/units', unitBody({ orgId: city.county.id, name: '离石区教育局', kind: 'organ', creditCode: null, phone: null }));
    expect(second.status).toBe(200);
    unit2Id = second.body.id;
  });

  it('should list units in scope, and let only the registering place change one', async () => {
    const mine = await street.request('GET', '/api/cobuild/units');
    expect(mine.body.items.map((u: { id: number }) => u.id)).toEqual([unitId]);
    const all = await county.request('GET', `/api/cobuild/units?q=${encodeURIComponent('离石')}`);
    expect(all.body.items.map((u: { id: number }) => u.id).sort()).toEqual([unitId, unit2Id].sort());
    expect((await otherCounty.request('GET', '/api/cobuild/units')).body.items).toEqual([]);
    // Nothing paired with community A yet: its secretary sees no unit.
    expect((await secretaryA.request('GET', '/api/cobuild/units')).body.total).toBe(0);

    const patched = await street.request('PATCH', `/api/cobuild/units/${unitId}`, { contactName: '王科长', phone: '13700001111' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ contactName: '王科长', phone: '137****1111' });
    expect((await otherStreet.request('PATCH', `/api/cobuild/units/${unitId}`, { name: '越权改名' })).status).toBe(404);
    expect((await street.request('PATCH', `/api/cobuild/units/${unit2Id}`, { name: '越权改名' })).status).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'work_unit').where('entity_id', '=', String(unitId)).execute();
    expect(audit.map((a) => a.action)).toEqual(['cobuild.unit.register', 'cobuild.unit.update']);
    expect(JSON.stringify(audit)).not.toContain('13700001111');
  });

  it('should let a unit admin report its unit to communities, once per community and year', async () => {
    const created = await street.request('POST', '/api/accounts', {
      username: 'tax_admin1', displayName: '税务分局联络员', role: 'work_unit', scopeOrgId: city.streets[0].id, link: { kind: 'work_unit', id: unitId }, password: 'Shuiwu-Ju-2026',
    });
    expect(created.status).toBe(200);
    await t.db.updateTable('account').set({ must_change_password: false }).where('id', '=', created.body.id).execute();
    unitAdmin = await login(t.app, 'tax_admin1', 'Shuiwu-Ju-2026');
    unitAdmin2 = await as('work_unit', city.county, { work_unit_id: unit2Id });

    const a = await unitAdmin.request('POST', '/api/cobuild/pairings', { communityId: A().community.id, note: '每月组织党员进社区服务' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ status: 'pending', year: 2026, workUnitId: unitId, communityName: A().community.name });
    pairingA = a.body.id;
    const b = await unitAdmin.request('POST', '/api/cobuild/pairings', { communityId: B().community.id });
    pairingB = b.body.id;
    const again = await unitAdmin.request('POST', '/api/cobuild/pairings', { communityId: A().community.id });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('等待确认');
    expect((await unitAdmin.request('POST', '/api/cobuild/pairings', { communityId: A().community.id, year: 2025 })).status).toBe(400);
    // A community id that is not a community.
    expect((await unitAdmin.request('POST', '/api/cobuild/pairings', { communityId: A().grid.id })).status).toBe(404);
    // A unit serves the communities of its own county.
    expect((await unitAdmin.request('POST', '/api/cobuild/pairings', { communityId: FAR().community.id })).status).toBe(404);
    // Other roles use their own routes: a secretary cannot report as a unit, a unit admin cannot act for another unit.
    expect((await secretaryA.request('POST', '/api/cobuild/pairings', { communityId: A().community.id })).status).toBe(403);
    expect((await unitAdmin.request('POST', `/api/cobuild/units/${unit2Id}/pairings`, { communityId: A().community.id })).status).toBe(403);
    // The county records a pairing for its unit with a community in its scope.
    const byCounty = await county.request('POST', `/api/cobuild/units/${unit2Id}/pairings`, { communityId: B().community.id });
    expect(byCounty.status).toBe(200);
    expect((await street.request('POST', `/api/cobuild/units/${unit2Id}/pairings`, { communityId: B().community.id })).status).toBe(404);
  });

  it('should let the community confirm or decline (with a reason) only its own pairings, and tell the unit', async () => {
    const seenByA = await secretaryA.request('GET', '/api/cobuild/pairings?status=pending');
    expect(seenByA.body.items.map((p: { id: number }) => p.id)).toEqual([pairingA]);
    expect((await gridA.request('POST', `/api/cobuild/pairings/${pairingA}/confirm`)).status).toBe(403);
    expect((await secretaryA.request('POST', `/api/cobuild/pairings/${pairingB}/confirm`)).status).toBe(404);
    expect((await secretaryFar.request('POST', `/api/cobuild/pairings/${pairingA}/confirm`)).status).toBe(404);
    const ok = await secretaryA.request('POST', `/api/cobuild/pairings/${pairingA}/confirm`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    expect((await secretaryA.request('POST', `/api/cobuild/pairings/${pairingA}/decline`, { reason: '改主意' })).status).toBe(409);

    expect((await secretaryB.request('POST', `/api/cobuild/pairings/${pairingB}/decline`, { reason: ' ' })).status).toBe(400);
    const declined = await street.request('POST', `/api/cobuild/pairings/${pairingB}/decline`, { reason: '本社区今年结对单位已满' });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: '本社区今年结对单位已满' });
    const inbox = await unitAdmin.request('GET', '/api/notifications');
    expect(JSON.stringify(inbox.body)).toContain('本社区今年结对单位已满');
    // A declined report frees the year: the unit may report again, and withdraw while it waits.
    const retry = await unitAdmin.request('POST', '/api/cobuild/pairings', { communityId: B().community.id });
    expect(retry.status).toBe(200);
    expect((await unitAdmin2.request('POST', `/api/cobuild/pairings/${retry.body.id}/withdraw`)).status).toBe(404);
    expect((await unitAdmin.request('POST', `/api/cobuild/pairings/${retry.body.id}/withdraw`)).body.status).toBe('withdrawn');

    // Now community A sees the unit it is paired with.
    const units = await secretaryA.request('GET', '/api/cobuild/units');
    expect(units.body.items).toEqual([expect.objectContaining({ id: unitId, pairedCount: 1 })]);
  });

  it('should show the member the community of their household, and refuse members who cannot report', async () => {
    const mine = await member.request('GET', '/api/cobuild/my-report');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ year: 2026, community: { id: A().community.id }, blocked: null, current: null });
    expect(mine.body.postsOffered).toEqual(['branch_secretary', 'building_head', 'member_household', 'volunteer']);
    const options = await member.request('GET', `/api/cobuild/my-report/units?q=${encodeURIComponent('税务')}`);
    expect(options.body.items).toEqual([{ id: unitId, name: '吕梁市税务局离石分局' }]);

    // A retired member, and a resident, cannot report.
    const retired = await as('party_member', B().unit, { resident_id: B().residentId });
    expect((await retired.request('GET', '/api/cobuild/my-report')).body.blocked).toContain('在职党员');
    expect((await retired.request('POST', '/api/cobuild/my-report', { workUnitId: unitId, posts: ['volunteer'] })).status).toBe(403);
    const resident = await as('resident', A().unit, { resident_id: memberResidentId });
    expect((await resident.request('GET', '/api/cobuild/my-report')).status).toBe(403);
    expect((await secretaryA.request('POST', '/api/cobuild/my-report', { workUnitId: unitId, posts: ['volunteer'] })).status).toBe(403);
  });

  it('should take a report with posts the community offers, once a year, to the community where the member lives', async () => {
    // The community limits its posts: a post it does not offer is refused.
    const offers = await secretaryA.request('PUT', '/api/cobuild/post-offers', { communityId: A().community.id, posts: ['building_head', 'member_household', 'volunteer'] });
    expect(offers.body).toEqual({ communityId: A().community.id, posts: ['building_head', 'member_household', 'volunteer'], limited: true });
    expect((await secretaryFar.request('PUT', '/api/cobuild/post-offers', { communityId: A().community.id, posts: ['volunteer'] })).status).toBe(404);
    const notOffered = await member.request('POST', '/api/cobuild/my-report', { workUnitId: unitId, posts: ['branch_secretary'] });
    expect(notOffered.status).toBe(400);
    expect(notOffered.body.message).toContain('支部书记');
    expect((await member.request('POST', '/api/cobuild/my-report', { posts: ['volunteer'] })).status).toBe(400);
    expect((await member.request('POST', '/api/cobuild/my-report', { workUnitId: 999999, posts: ['volunteer'] })).status).toBe(404);

    // The body cannot choose a community: it is not even a field.
    const res = await member.request('POST', '/api/cobuild/my-report', { workUnitId: unitId, posts: ['building_head', 'volunteer'], communityId: FAR().community.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ communityId: A().community.id, status: 'pending', posts: ['building_head', 'volunteer'], unitListed: true });
    reportId = res.body.id;
    const dup = await member.request('POST', '/api/cobuild/my-report', { workUnitName: '某公司', posts: ['volunteer'] });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('等待社区确认');
    expect((await member.request('GET', '/api/cobuild/my-report')).body.current).toMatchObject({ id: reportId, status: 'pending' });
  });

  it('should let only the member\'s community decide the report, a decline needing a reason', async () => {
    const pending = await secretaryA.request('GET', `/api/cobuild/member-reports?status=pending&communityId=${A().community.id}`);
    expect(pending.body.items.map((r: { id: number }) => r.id)).toEqual([reportId]);
    expect((await secretaryFar.request('GET', '/api/cobuild/member-reports')).body.total).toBe(0);
    expect((await secretaryFar.request('POST', `/api/cobuild/member-reports/${reportId}/confirm`)).status).toBe(404);
    expect((await secretaryB.request('POST', `/api/cobuild/member-reports/${reportId}/confirm`)).status).toBe(404);
    expect((await gridA.request('POST', `/api/cobuild/member-reports/${reportId}/confirm`)).status).toBe(403);
    expect((await county.request('POST', `/api/cobuild/member-reports/${reportId}/confirm`)).status).toBe(403);
    expect((await secretaryA.request('POST', `/api/cobuild/member-reports/${reportId}/decline`, {})).status).toBe(400);

    const ok = await workerA.request('POST', `/api/cobuild/member-reports/${reportId}/confirm`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    expect(JSON.stringify((await member.request('GET', '/api/notifications')).body)).toContain('已确认您的报到');
    expect((await member.request('POST', `/api/cobuild/my-report/${reportId}/withdraw`)).status).toBe(409);
    expect((await member.request('POST', '/api/cobuild/my-report', { workUnitId: unitId, posts: ['volunteer'] })).status).toBe(409);
  });

  it('should let a declined member report again with an unlisted unit', async () => {
    const n = 900;
    const household = await addHousehold(t.db, A().unit, '202');
    const rid = await addResident(t.db, t.cipher, household, '赵在职', validIdNumber('19850101', n), '13800009000');
    await t.db.insertInto('party_member').values({
      resident_id: rid, party_org_id: A().partyOrgId, org_path: household.org_path, county_code: household.county_code, member_kind: 'in_service', joined_on: '2010-07-01',
    }).execute();
    const zhao = await as('party_member', A().unit, { resident_id: rid });
    const first = await zhao.request('POST', '/api/cobuild/my-report', { workUnitName: '吕梁某建筑公司', posts: ['member_household'] });
    expect(first.body).toMatchObject({ unitListed: false, workUnitName: '吕梁某建筑公司' });
    const declined = await secretaryA.request('POST', `/api/cobuild/member-reports/${first.body.id}/decline`, { reason: '请填写单位全称' });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: '请填写单位全称' });
    const again = await zhao.request('POST', '/api/cobuild/my-report', { workUnitName: '吕梁市建筑工程有限公司', posts: ['member_household'] });
    expect(again.status).toBe(200);
    const mine = await zhao.request('GET', '/api/cobuild/my-report');
    expect(mine.body.current.id).toBe(again.body.id);
    expect(mine.body.history).toHaveLength(2);
    expect((await zhao.request('POST', `/api/cobuild/my-report/${again.body.id}/withdraw`)).body.current.status).toBe('withdrawn');
    expect((await member.request('POST', `/api/cobuild/my-report/${again.body.id}/withdraw`)).status).toBe(404);
  });

  it('should keep one live report per member and year when two arrive at once', async () => {
    const h = await addHousehold(t.db, B().unit, '404');
    const rid = await addResident(t.db, t.cipher, h, '钱双击', validIdNumber('19900101', 907), '13800009070');
    const { id: pmId } = await t.db.insertInto('party_member').values({
      resident_id: rid, party_org_id: B().partyOrgId, org_path: h.org_path, county_code: h.county_code, member_kind: 'in_service', joined_on: '2015-07-01',
    }).returning('id').executeTakeFirstOrThrow();
    const qian = await as('party_member', B().unit, { resident_id: rid });
    const both = await Promise.all([1, 2].map(() => qian.request('POST', '/api/cobuild/my-report', { workUnitId: unitId, posts: ['volunteer'] })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const live = await t.db.selectFrom('member_report').select('id').where('party_member_id', '=', pmId).where('status', 'in', ['pending', 'confirmed']).execute();
    expect(live).toHaveLength(1);
    await qian.request('POST', `/api/cobuild/my-report/${live[0]!.id}/withdraw`);
  });

  it('should count the year from the records and list members without service as not taking part', async () => {
    let rec = await secretaryA.request('GET', `/api/cobuild/member-records?communityId=${A().community.id}`);
    expect(rec.body.items).toEqual([expect.objectContaining({
      reportId, memberName: '张1', services: 0, hours: 0, wishesFulfilled: 0, participated: false, posts: ['building_head', 'volunteer'], grade: null,
    })]);
    expect((await secretaryA.request('GET', '/api/cobuild/member-records?participated=no')).body.total).toBe(1);

    // Two confirmed activities in 2026 (one from 2025 does not count).
    const c = A().community;
    const org = await t.db.insertInto('volunteer_org').values({ org_id: c.id, org_path: c.path, county_code: c.county_code, name: '龙凤志愿队', kind: 'community_team', contact_name: '队长' })
      .returning('id').executeTakeFirstOrThrow();
    const vol = await t.db.insertInto('volunteer').values({ resident_id: memberResidentId, org_id: c.id, org_path: c.path, county_code: c.county_code, name: '张1' })
      .returning('id').executeTakeFirstOrThrow();
    const project = await t.db.insertInto('volunteer_project').values({ volunteer_org_id: org.id, org_path: c.path, county_code: c.county_code, name: '助老送餐' })
      .returning('id').executeTakeFirstOrThrow();
    for (const [day, hours] of [['2026-03-05', 2.5], ['2026-06-01', 3], ['2025-12-30', 4]] as const) {
      const act = await t.db.insertInto('volunteer_activity').values({
        project_id: project.id, volunteer_org_id: org.id, place_id: c.id, org_path: c.path, county_code: c.county_code, title: '送餐',
        starts_at: new Date(`${day}T09:00:00+08:00`), ends_at: new Date(`${day}T12:00:00+08:00`), capacity: 10, status: 'confirmed',
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('volunteer_hour_entry').values({
        volunteer_id: vol.id, activity_id: act.id, kind: 'confirm', basis: 'scan', hours, occurred_on: day, org_path: c.path, county_code: c.county_code, created_at: new Date(),
      } as never).execute();
    }
    rec = await secretaryA.request('GET', `/api/cobuild/member-records?communityId=${A().community.id}&year=2026`);
    expect(rec.body.items[0]).toMatchObject({ services: 2, hours: 5.5, participated: true });
    expect((await secretaryA.request('GET', '/api/cobuild/member-records?participated=no')).body.total).toBe(0);
    expect((await secretaryA.request('GET', '/api/cobuild/member-records?year=2025')).body.total).toBe(0);
    expect((await secretaryFar.request('GET', '/api/cobuild/member-records')).body.total).toBe(0);
  });

  it('should let the community evaluate confirmed members and paired units, and nobody else', async () => {
    expect((await street.request('PUT', `/api/cobuild/member-reports/${reportId}/evaluation`, { grade: 'excellent' })).status).toBe(403);
    expect((await secretaryFar.request('PUT', `/api/cobuild/member-reports/${reportId}/evaluation`, { grade: 'excellent' })).status).toBe(404);
    expect((await secretaryA.request('PUT', `/api/cobuild/member-reports/${reportId}/evaluation`, { grade: 'great' })).status).toBe(400);
    const ok = await secretaryA.request('PUT', `/api/cobuild/member-reports/${reportId}/evaluation`, { grade: 'excellent', comment: '楼栋长工作认真，带头参加助老送餐' });
    expect(ok.status).toBe(200);
    // Only confirmed reports are evaluated.
    const pendingZhao = await t.db.selectFrom('member_report').select('id').where('status', '=', 'withdrawn').executeTakeFirstOrThrow();
    expect((await secretaryA.request('PUT', `/api/cobuild/member-reports/${pendingZhao.id}/evaluation`, { grade: 'competent' })).status).toBe(409);

    const unitEval = await secretaryA.request('PUT', `/api/cobuild/pairings/${pairingA}/evaluation`, { grade: 'competent', comment: '每月进社区一次' });
    expect(unitEval.body).toMatchObject({ grade: 'competent', gradeComment: '每月进社区一次' });
    expect((await secretaryB.request('PUT', `/api/cobuild/pairings/${pairingB}/evaluation`, { grade: 'competent' })).status).toBe(409);
    expect((await unitAdmin.request('PUT', `/api/cobuild/pairings/${pairingA}/evaluation`, { grade: 'excellent' })).status).toBe(403);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'in', ['cobuild.report.evaluate', 'cobuild.pairing.evaluate']).execute();
    expect(audit).toHaveLength(2);
  });

  it('should show a unit admin its own unit, members and evaluations only, and export them', async () => {
    // The member of another unit, reporting to community B, is not the tax bureau's.
    const h = await addHousehold(t.db, B().unit, '303');
    const rid = await addResident(t.db, t.cipher, h, '孙教师', validIdNumber('19880101', 905), '13800009050');
    await t.db.insertInto('party_member').values({ resident_id: rid, party_org_id: B().partyOrgId, org_path: h.org_path, county_code: h.county_code, member_kind: 'in_service', joined_on: '2012-07-01' }).execute();
    const sun = await as('party_member', B().unit, { resident_id: rid });
    const sunReport = await sun.request('POST', '/api/cobuild/my-report', { workUnitId: unit2Id, posts: ['volunteer'] });
    expect(sunReport.status).toBe(200);
    await secretaryB.request('POST', `/api/cobuild/member-reports/${sunReport.body.id}/confirm`);

    const units = await unitAdmin.request('GET', '/api/cobuild/units');
    expect(units.body.items.map((u: { id: number }) => u.id)).toEqual([unitId]);
    expect((await unitAdmin.request('GET', `/api/cobuild/units/${unit2Id}/record`)).status).toBe(404);
    const reports = await unitAdmin.request('GET', '/api/cobuild/member-reports');
    expect(reports.body.items.length).toBeGreaterThan(1);
    expect(reports.body.items.every((r: { workUnitId: number }) => r.workUnitId === unitId)).toBe(true);
    const confirmed = await unitAdmin.request('GET', '/api/cobuild/member-reports?status=confirmed');
    expect(confirmed.body.items.map((r: { id: number }) => r.id)).toEqual([reportId]);
    const records = await unitAdmin.request('GET', '/api/cobuild/member-records');
    expect(records.body.items).toEqual([expect.objectContaining({ reportId, grade: 'excellent', hours: 5.5 })]);
    const pairings = await unitAdmin.request('GET', '/api/cobuild/pairings');
    expect(pairings.body.items.every((p: { workUnitId: number }) => p.workUnitId === unitId)).toBe(true);
    expect((await unitAdmin.request('POST', `/api/cobuild/member-reports/${reportId}/confirm`)).status).toBe(403);

    const record = await unitAdmin.request('GET', `/api/cobuild/units/${unitId}/record?year=2026`);
    expect(record.body.totals).toEqual({ members: 1, participated: 1, services: 2, hours: 5.5, wishesFulfilled: 0 });
    expect(record.body.unit.phone).toBe('137****1111');

    const res = await t.app.inject({ method: 'GET', url: `/api/cobuild/units/${unitId}/export?year=2026`, headers: { cookie: unitAdmin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: string[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return out;
    };
    const members = rows('在职党员');
    expect(members[0]).toEqual(['姓名', '报到社区', '认领岗位', '服务次数', '服务时长（小时）', '完成微心愿', '参与情况', '社区评价', '评价意见']);
    expect(members.slice(1)).toEqual([['张1', A().community.name, '楼栋长、志愿服务队员', '2', '5.5', '0', '已参与', '优秀', '楼栋长工作认真，带头参加助老送餐']]);
    expect(rows('结对社区').slice(1)).toEqual(expect.arrayContaining([[A().community.name, '已确认', '称职', '每月进社区一次']]));
    expect(JSON.stringify(members)).not.toContain('孙教师');
    expect((await t.app.inject({ method: 'GET', url: `/api/cobuild/units/${unit2Id}/export`, headers: { cookie: unitAdmin.cookie } })).statusCode).toBe(404);

    // A unit admin without a unit sees nothing at all.
    const unlinked = await as('work_unit', city.streets[0]);
    expect((await unlinked.request('GET', '/api/cobuild/units')).status).toBe(403);
  });
});
