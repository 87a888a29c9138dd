import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount, addHousehold, addResident, addUnit, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp,
} from '../helpers/test-app.js';

describe('party tree upkeep', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let c: Awaited<ReturnType<typeof buildSmallCity>>['communities'][number];
  let secretary: Session;
  let worker: Session;
  let grid2: Awaited<ReturnType<typeof addUnit>>;
  let building2: Awaited<ReturnType<typeof addUnit>>;
  let seq = 500;
  const newResident = async (name: string) => addResident(t.db, t.cipher, c.household, name, validIdNumber('19850101', ++seq));

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    c = city.communities[0];
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', c.community)).username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', c.community)).username);
    grid2 = await addUnit(t.db, c.community, 'grid', '第2网格');
    building2 = await addUnit(t.db, grid2, 'building', '2号楼');
  });
  afterAll(() => t?.close());

  const branchOf = async (name: string, orgId: number) => {
    const r = await secretary.request('POST', '/api/party/orgs', { parentId: c.partyOrgId, kind: 'branch', name, orgId });
    expect(r.status).toBe(200);
    return r.body.id as number;
  };

  it('should rename, move under a branch of another grid with a new unit, and refuse a wrong level', async () => {
    const b1 = await branchOf('一网格支部', c.grid.id);
    const b2 = await branchOf('二网格支部', grid2.id);
    const g = await worker.request('POST', '/api/party/orgs', { parentId: b1, kind: 'group', name: '1号楼小组', orgId: c.building.id });
    expect(g.status).toBe(200);

    const renamed = await worker.request('PATCH', `/api/party/orgs/${g.body.id}`, { name: '1号楼第一党小组' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('1号楼第一党小组');

    const wrongLevel = await worker.request('POST', `/api/party/orgs/${g.body.id}/move`, { parentId: c.partyOrgId });
    expect(wrongLevel.status).toBe(409);
    expect(wrongLevel.body.message).toContain('只能挂在党支部之下');

    const outside = await worker.request('POST', `/api/party/orgs/${g.body.id}/move`, { parentId: b2 });
    expect(outside.status).toBe(409);
    expect(outside.body.message).toContain('上级党组织的范围内');

    const moved = await worker.request('POST', `/api/party/orgs/${g.body.id}/move`, { parentId: b2, orgId: building2.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: b2, orgId: building2.id });
    const row = await t.db.selectFrom('party_org').select('org_path').where('id', '=', g.body.id).executeTakeFirstOrThrow();
    expect(row.org_path).toBe(building2.path);
    const under2 = await worker.request('GET', `/api/party/orgs/${b2}/children`);
    expect(under2.body.items.map((o: { id: number }) => o.id)).toEqual([g.body.id]);

    // A branch in another county is not there for this community's staff.
    const far = city.communities[4];
    const away = await worker.request('POST', `/api/party/orgs/${g.body.id}/move`, { parentId: far.partyOrgId });
    expect(away.status).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'party_org').where('entity_id', '=', String(g.body.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['party.org_rename', 'party.org_move']));
  });

  it('should leave the 大党委 and secretaries to the community secretary', async () => {
    const committee = await worker.request('POST', '/api/party/orgs', { parentId: null, kind: 'committee', name: '新大党委', orgId: c.community.id });
    expect(committee.status).toBe(403);
    const rename = await worker.request('PATCH', `/api/party/orgs/${c.partyOrgId}`, { name: '改名' });
    expect(rename.status).toBe(403);
    const appoint = await worker.request('POST', `/api/party/orgs/${c.partyOrgId}/secretary`, { memberId: c.memberId, secretaryKind: 'retired' });
    expect(appoint.status).toBe(403);
  });

  it('should refuse to dissolve while members or live children remain, then dissolve when empty', async () => {
    const b = await branchOf('待撤销支部', c.grid.id);
    const g = (await secretary.request('POST', '/api/party/orgs', { parentId: b, kind: 'group', name: '待撤销小组', orgId: c.building.id })).body.id;
    const rid = await newResident('撤销测试党员');
    const m = await secretary.request('POST', '/api/party/members', { residentId: rid, partyOrgId: g, memberKind: 'resident', joinedOn: '2010-07-01' });
    expect(m.status).toBe(200);

    const withChild = await secretary.request('POST', `/api/party/orgs/${b}/dissolve`);
    expect(withChild.status).toBe(409);
    expect(withChild.body.message).toContain('1 个下级党组织');
    const withMember = await secretary.request('POST', `/api/party/orgs/${g}/dissolve`);
    expect(withMember.status).toBe(409);
    expect(withMember.body.message).toContain('1 名党员');

    expect((await secretary.request('POST', `/api/party/members/${m.body.id}/transfer`, { toPartyOrgId: b, transferredOn: '2026-11-01' })).status).toBe(200);
    expect((await secretary.request('POST', `/api/party/orgs/${g}/dissolve`)).status).toBe(200);
    const children = await secretary.request('GET', `/api/party/orgs/${b}/children`);
    expect(children.body.items).toEqual([]);
    expect((await secretary.request('PATCH', `/api/party/orgs/${g}`, { name: '已撤销' })).status).toBe(404);
    expect((await secretary.request('POST', '/api/party/members', { residentId: await newResident('甲'), partyOrgId: g, memberKind: 'resident', joinedOn: '2010-07-01' })).status).toBe(404);
    const row = await t.db.selectFrom('party_org').select('dissolved_at').where('id', '=', g).executeTakeFirstOrThrow();
    expect(row.dissolved_at).not.toBeNull();
  });

  it('should register a member once, transfer between orgs and out of the system, and keep the history', async () => {
    const b = await branchOf('转接支部', c.grid.id);
    const rid = await newResident('转接党员');
    const m = await worker.request('POST', '/api/party/members', { residentId: rid, partyOrgId: c.partyOrgId, memberKind: 'in_service', joinedOn: '2015-07-01', fromPlace: '太原市某街道党工委' });
    expect(m.status).toBe(200);
    const again = await worker.request('POST', '/api/party/members', { residentId: rid, partyOrgId: b, memberKind: 'in_service', joinedOn: '2015-07-01' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_EXISTS');
    expect(again.body.message).toContain(`${c.community.name}党委`);

    const neither = await worker.request('POST', `/api/party/members/${m.body.id}/transfer`, { transferredOn: '2026-11-02' });
    expect(neither.status).toBe(400);
    expect((await worker.request('POST', `/api/party/members/${m.body.id}/transfer`, { toPartyOrgId: b, transferredOn: '2026-11-02' })).status).toBe(200);
    const inB = await worker.request('GET', `/api/party/members?partyOrgId=${b}`);
    expect(inB.body.items.map((x: { name: string }) => x.name)).toEqual(['转接党员']);

    expect((await worker.request('POST', `/api/party/members/${m.body.id}/transfer`, { destination: '北京市朝阳区某社区党委', transferredOn: '2026-11-03' })).status).toBe(200);
    const after = await worker.request('GET', `/api/party/members?partyOrgId=${c.partyOrgId}`);
    expect(after.body.items.map((x: { name: string }) => x.name)).not.toContain('转接党员');

    const history = await worker.request('GET', `/api/party/members/${m.body.id}/transfers`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((h: { kind: string }) => h.kind)).toEqual(['out', 'move', 'in']);
    expect(history.body.items[0]).toMatchObject({ fromName: '转接支部', toName: null, place: '北京市朝阳区某社区党委', transferredOn: '2026-11-03' });
    expect(history.body.items[2]).toMatchObject({ toName: `${c.community.name}党委`, place: '太原市某街道党工委' });

    // Coming back: the same record, active again.
    const back = await worker.request('POST', '/api/party/members', { residentId: rid, partyOrgId: b, memberKind: 'in_service', joinedOn: '2015-07-01', fromPlace: '北京市朝阳区某社区党委' });
    expect(back.status).toBe(200);
    expect(back.body.id).toBe(m.body.id);
    expect((await worker.request('POST', `/api/party/members/${m.body.id}/transfer`, { toPartyOrgId: city.communities[4].partyOrgId, transferredOn: '2026-11-04' })).status).toBe(404);
  });

  it('should appoint only a secretary whose kind fits the member, and keep the appointments', async () => {
    const b = await branchOf('书记支部', c.grid.id);
    const student = (await secretary.request('POST', '/api/party/members', { residentId: await newResident('学生党员'), partyOrgId: b, memberKind: 'student', joinedOn: '2024-07-01' })).body.id;
    const retired = (await secretary.request('POST', '/api/party/members', { residentId: await newResident('退休党员'), partyOrgId: b, memberKind: 'retired', joinedOn: '1980-07-01' })).body.id;

    const wrong = await secretary.request('POST', `/api/party/orgs/${b}/secretary`, { memberId: student, secretaryKind: 'retired' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.message).toBe('「耆老善治型」书记须为退休党员，该党员是学生党员');

    expect((await secretary.request('POST', `/api/party/orgs/${b}/secretary`, { memberId: student, secretaryKind: 'graduate' })).status).toBe(200);
    expect((await secretary.request('POST', `/api/party/orgs/${b}/secretary`, { memberId: retired, secretaryKind: 'retired' })).status).toBe(200);
    const history = await secretary.request('GET', `/api/party/orgs/${b}/secretaries`);
    expect(history.status).toBe(200);
    expect(history.body.items).toMatchObject([
      { name: '退休党员', secretaryKind: 'retired', endedAt: null },
      { name: '学生党员', secretaryKind: 'graduate' },
    ]);
    expect(history.body.items[1].endedAt).not.toBeNull();

    const out = await secretary.request('POST', `/api/party/members/${retired}/transfer`, { destination: '外地', transferredOn: '2026-11-05' });
    expect(out.status).toBe(409);
    expect(out.body.message).toContain('书记支部');
  });

  it('should count grids with a branch and buildings with a group per community, live', async () => {
    const first = async () => (await secretary.request('GET', `/api/party/coverage?orgId=${c.community.id}`)).body;
    const before = await first();
    expect(before.total).toBe(1);
    // Grids 1 and 2 have branches from the tests above; building 2 has the moved group, building 1 none left.
    expect(before.items[0]).toMatchObject({ communityId: c.community.id, grids: 2, gridsWithBranch: 2, buildings: 2, buildingsWithGroup: 1 });
    const grid3 = await addUnit(t.db, c.community, 'grid', '第3网格');
    const building3 = await addUnit(t.db, grid3, 'building', '3号楼');
    await addHousehold(t.db, await addUnit(t.db, building3, 'unit', '1单元'), '101');
    expect((await first()).items[0]).toMatchObject({ grids: 3, gridsWithBranch: 2, buildings: 3, buildingsWithGroup: 1 });
    const b3 = await branchOf('三网格支部', grid3.id);
    await secretary.request('POST', '/api/party/orgs', { parentId: b3, kind: 'group', name: '3号楼小组', orgId: building3.id });
    expect((await first()).items[0]).toMatchObject({ grids: 3, gridsWithBranch: 3, buildings: 3, buildingsWithGroup: 2 });

    // From a street, every community below it; the other county's never.
    const street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    const all = await street.request('GET', '/api/party/coverage');
    expect(all.body.items.map((r: { communityId: number }) => r.communityId)).toEqual([c.community.id, city.communities[1].community.id]);
    expect((await secretary.request('GET', `/api/party/coverage?orgId=${city.communities[4].community.id}`)).status).toBe(404);
  });
});
