import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

describe('party tree', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretary: Session;
  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[0].community)).username);
  });
  afterAll(() => t?.close());

  it('should build committee → branch → group and list members of the whole subtree', async () => {
    const c = city.communities[0];
    const branch = await secretary.request('POST', '/api/party/orgs', { parentId: c.partyOrgId, kind: 'branch', name: '第一网格党支部', orgId: c.grid.id });
    expect(branch.status).toBe(200);
    const group = await secretary.request('POST', '/api/party/orgs', { parentId: branch.body.id, kind: 'group', name: '1号楼党小组', orgId: c.building.id });
    expect(group.status).toBe(200);
    const wrongLevel = await secretary.request('POST', '/api/party/orgs', { parentId: c.partyOrgId, kind: 'group', name: 'x', orgId: c.building.id });
    expect(wrongLevel.status).toBe(409);
    const resident = await t.db.insertInto('resident').values({
      household_id: c.household.id, org_path: c.household.org_path, county_code: c.household.county_code, name: '党员乙', gender: 'male',
      birth_date: '1960-01-01', id_number_enc: 'x', id_number_hash: `h${Date.now()}`, id_number_mask: 'm',
    }).returning('id').executeTakeFirstOrThrow();
    const member = await secretary.request('POST', '/api/party/members', { residentId: resident.id, partyOrgId: group.body.id, memberKind: 'retired', joinedOn: '1985-07-01' });
    expect(member.status).toBe(200);
    const all = await secretary.request('GET', `/api/party/members?partyOrgId=${c.partyOrgId}`);
    expect(all.body.items.map((m: { name: string }) => m.name).sort()).toEqual(['党员乙', '张1'].sort());
    const onlyGroup = await secretary.request('GET', `/api/party/members?partyOrgId=${group.body.id}`);
    expect(onlyGroup.body.items.map((m: { name: string }) => m.name)).toEqual(['党员乙']);
    const sec = await secretary.request('POST', `/api/party/orgs/${branch.body.id}/secretary`, { memberId: member.body.id, secretaryKind: 'retired' });
    expect(sec.status).toBe(200);
    const children = await secretary.request('GET', `/api/party/orgs/${c.partyOrgId}/children`);
    expect(children.body.items[0]).toMatchObject({ name: '第一网格党支部', secretaryName: '党员乙', secretaryKind: 'retired', childCount: 1 });
  });

  it('should show the top of the party tree in scope', async () => {
    const res = await secretary.request('GET', '/api/party/orgs');
    expect(res.body.items.map((p: { id: number }) => p.id)).toEqual([city.communities[0].partyOrgId]);
  });
});
