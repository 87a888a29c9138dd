import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

describe('民情分析会: the street sees which communities have not met this month', () => {
  const clock = new ManualClock(new Date('2026-12-07T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let street: Session, otherStreet: Session, secretary: Session;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t); // every community met on 2026-11-01
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    otherStreet = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1])).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[0].community)).username);
  });
  afterAll(() => t?.close());

  it('should list the communities of the street with no meeting in the month, with their last meeting', async () => {
    const [c0, c1] = city.communities;
    let unmet = await street.request('GET', '/api/demands/meetings/unmet');
    expect(unmet.status, JSON.stringify(unmet.body)).toBe(200);
    expect(unmet.body).toEqual({
      month: '2026-12', total: 2,
      items: [
        { orgId: c0.community.id, orgName: c0.community.name, parentName: '滨河街道', lastHeldOn: '2026-11-01' },
        { orgId: c1.community.id, orgName: c1.community.name, parentName: '滨河街道', lastHeldOn: '2026-11-01' },
      ],
    });

    const held = await secretary.request('POST', '/api/demands/meetings', { orgId: c0.community.id, heldOn: '2026-12-03' });
    expect(held.status).toBe(200);
    unmet = await street.request('GET', '/api/demands/meetings/unmet');
    expect(unmet.body.items.map((i: { orgId: number }) => i.orgId)).toEqual([c1.community.id]);
    expect(unmet.body.total).toBe(1);

    // November: everyone met; paging is honoured.
    expect((await street.request('GET', '/api/demands/meetings/unmet?month=2026-11')).body).toEqual({ month: '2026-11', total: 0, items: [] });
    const page2 = await street.request('GET', '/api/demands/meetings/unmet?month=2027-01&pageSize=1&page=2');
    expect(page2.body).toMatchObject({ total: 2, items: [{ orgId: c1.community.id, lastHeldOn: '2026-11-01' }] });
  });

  it('should keep each street to its own communities and refuse bad months', async () => {
    const mine = await otherStreet.request('GET', '/api/demands/meetings/unmet');
    expect(mine.body.items.map((i: { parentName: string }) => i.parentName)).toEqual(['凤山街道', '凤山街道']);
    expect((await otherStreet.request('GET', `/api/demands/meetings/unmet?orgId=${city.streets[0].id}`)).status).toBe(404);
    expect((await street.request('GET', `/api/demands/meetings/unmet?orgId=${city.communities[1].community.id}`)).body.total).toBe(1);
    expect((await street.request('GET', '/api/demands/meetings/unmet?month=2026-13')).status).toBe(400);
    const resident = await login(t.app, (await addAccount(t.db, 'resident', city.communities[0].unit)).username);
    expect((await resident.request('GET', '/api/demands/meetings/unmet')).status).toBe(403);
  });
});
