import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type TestApp } from '../helpers/test-app.js';

/**
 * Issue 13's rows that name their community by id follow a merge (server/platform/org-paths.ts,
 * followCommunityIds): a merged community's wishes and needs are the surviving community's to
 * handle, and a pairing the survivor already has with the same unit stays as history instead of
 * failing the merge.
 */
describe('wishes, needs and pairings follow a community merge', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
  });
  afterAll(() => t?.close());

  it('should move a merged community\'s wish and need to the survivor and keep a doubled pairing where it was', async () => {
    const [a, b] = [city.communities[0]!, city.communities[1]!];
    const county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    const gridB = await login(t.app, (await addAccount(t.db, 'grid_worker', b.grid)).username);
    const workerB = await login(t.app, (await addAccount(t.db, 'community_worker', b.community)).username);

    const wish = await gridB.request('POST', '/api/wishes', {
      residentId: b.residentId, personKind: 'elderly_alone', title: '想要一台收音机', budgetYuan: 80, fulfilBy: chinaDay(new Date(Date.now() + 10 * 86400_000)),
    });
    expect(wish.status).toBe(200);
    const need = await workerB.request('POST', '/api/cobuild/needs', {
      placeId: b.community.id, category: 'education', title: '暑期托管志愿老师', size: 5, startsOn: '2026-07-01', endsOn: '2026-07-31',
    });
    expect(need.status).toBe(200);
    const unit = await county.request('POST', '/api/cobuild/units', {
      orgId: city.county.id, name: '离石区教育局', kind: 'organ', partyOrgName: '离石区教育局机关党支部', contactName: '王主任',
    });
    expect(unit.status).toBe(200);
    for (const c of [a, b]) expect((await county.request('POST', `/api/cobuild/units/${unit.body.id}/pairings`, { communityId: c.community.id })).status).toBe(200);

    const cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    expect((await cityAdmin.request('POST', `/api/org/units/${b.community.id}/merge`, { intoId: a.community.id })).status).toBe(200);

    const w = await t.db.selectFrom('wish').select(['community_id', 'org_path']).where('id', '=', wish.body.wish.id).executeTakeFirstOrThrow();
    expect(w.community_id).toBe(a.community.id);
    expect(w.org_path.startsWith(a.community.path)).toBe(true);
    const n = await t.db.selectFrom('cobuild_need').select('community_id').where('id', '=', need.body.id).executeTakeFirstOrThrow();
    expect(n.community_id).toBe(a.community.id);
    const pairings = await t.db.selectFrom('unit_pairing').select(['community_id', 'status']).where('work_unit_id', '=', unit.body.id).orderBy('id').execute();
    expect(pairings.map((p) => p.community_id)).toEqual([a.community.id, b.community.id]);

    // The survivor's secretary finds the wish on their own list.
    const secretaryA = await login(t.app, (await addAccount(t.db, 'community_secretary', a.community)).username);
    const list = await secretaryA.request('GET', `/api/wishes?communityId=${a.community.id}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: { id: number }) => x.id)).toContain(wish.body.wish.id);
  });
});
