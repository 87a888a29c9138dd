import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

type City = Awaited<ReturnType<typeof buildSmallCity>>;

describe('campaigns (专项行动)', () => {
  const clock = new ManualClock(new Date('2026-11-05T10:00:00+08:00'));
  let t: TestApp;
  let city: City;
  let street: Session, otherStreet: Session, county: Session, secretary: Session, farSecretary: Session;
  let campaignId: number;

  const launch = (s: Session, body: Record<string, unknown> = {}) => s.request('POST', '/api/campaigns', {
    kind: 'parking', title: '滨河街道停车秩序整治', description: '规范小区停车，清理僵尸车', startsOn: '2026-11-01', endsOn: '2026-11-30',
    targetIds: [city.communities[0].community.id, city.communities[1].grid.id], ...body,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    otherStreet = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1])).username);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[0].community)).username);
    farSecretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[2].community)).username);
  });
  afterAll(() => t?.close());

  it('should let only a street or county launch, with targets in its own scope and a sound period', async () => {
    expect((await launch(secretary)).status).toBe(403);
    const foreign = await launch(street, { targetIds: [city.communities[2].community.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toContain('本辖区');
    const building = await launch(street, { targetIds: [city.communities[0].building.id] });
    expect(building.status).toBe(400);
    const backwards = await launch(street, { startsOn: '2026-11-30', endsOn: '2026-11-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toBe('结束日期不能早于开始日期');
    expect((await launch(street, { endsOn: '2027-12-01' })).status).toBe(400);
    const r = await launch(street);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'parking', orgId: city.streets[0].id, progress: { demandsTotal: 0, targetsTotal: 2, targetsReached: 0 } });
    expect(r.body.targets.map((x: { id: number }) => x.id).sort()).toEqual([city.communities[0].community.id, city.communities[1].grid.id].sort());
    campaignId = r.body.id;
    expect((await launch(county, { title: '全区消防通道整治', kind: 'fire_lanes', targetIds: [city.communities[2].community.id] })).status).toBe(200);
  });

  it('should show a campaign to the communities it targets and not to others', async () => {
    const mine = await secretary.request('GET', '/api/campaigns');
    expect(mine.body.items.map((c: { id: number }) => c.id)).toContain(campaignId);
    expect((await secretary.request('GET', `/api/campaigns/${campaignId}`)).status).toBe(200);
    const gridWorker = await login(t.app, (await addAccount(t.db, 'grid_worker', city.communities[0].grid)).username);
    expect((await gridWorker.request('GET', '/api/campaigns')).body.items.map((c: { id: number }) => c.id)).toContain(campaignId);
    expect((await farSecretary.request('GET', '/api/campaigns')).body.items.map((c: { id: number }) => c.id)).not.toContain(campaignId);
    expect((await farSecretary.request('GET', `/api/campaigns/${campaignId}`)).status).toBe(404);
    expect((await otherStreet.request('GET', `/api/campaigns/${campaignId}`)).status).toBe(404);
  });

  it('should find demands to tag by id or words, only inside the campaign', async () => {
    const a = city.communities[0];
    const byId = await street.request('GET', `/api/campaigns/${campaignId}/candidates/demand?q=${a.demandId}`);
    expect(byId.body.items).toMatchObject([{ id: a.demandId, tagged: false }]);
    const byWords = await street.request('GET', `/api/campaigns/${campaignId}/candidates/demand?q=${encodeURIComponent('路灯')}`);
    const ids = byWords.body.items.map((d: { id: number }) => d.id);
    expect(ids).toContain(a.demandId);
    expect(ids).not.toContain(city.communities[2].demandId);
    expect((await otherStreet.request('GET', `/api/campaigns/${campaignId}/candidates/demand?q=1`)).status).toBe(404);
  });

  it('should tag a demand once, refuse one outside the campaign, and count it resolved when it is', async () => {
    const a = city.communities[0];
    const r = await street.request('POST', `/api/campaigns/${campaignId}/items`, { subjectKind: 'demand', subjectId: a.demandId });
    expect(r.status).toBe(200);
    expect(r.body.progress).toMatchObject({ demandsTotal: 1, demandsResolved: 0, targetsReached: 0 });
    expect(r.body.items[0]).toMatchObject({ subjectKind: 'demand', subjectId: a.demandId, done: false, title: expect.stringContaining('路灯') });
    const twice = await street.request('POST', `/api/campaigns/${campaignId}/items`, { subjectKind: 'demand', subjectId: a.demandId });
    expect(twice.status).toBe(409);
    const outside = await street.request('POST', `/api/campaigns/${campaignId}/items`, { subjectKind: 'demand', subjectId: city.communities[2].demandId });
    expect(outside.status).toBe(404);
    expect((await secretary.request('POST', `/api/campaigns/${campaignId}/items`, { subjectKind: 'demand', subjectId: a.demandId })).status).toBe(403);

    await t.db.updateTable('demand').set({ state: 'resolved', resolved_at: new Date('2026-11-03T15:00:00+08:00') }).where('id', '=', a.demandId).execute();
    const d = await secretary.request('GET', `/api/campaigns/${campaignId}`);
    expect(d.body.progress).toMatchObject({ demandsTotal: 1, demandsResolved: 1, targetsReached: 1 });
    // The neighbouring community targeted by the same campaign counts it but does not read it.
    const neighbour = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[1].community)).username);
    const seen = await neighbour.request('GET', `/api/campaigns/${campaignId}`);
    expect(seen.body.progress.demandsTotal).toBe(1);
    expect(seen.body.items).toEqual([]);
    expect(d.body.targets.find((x: { id: number }) => x.id === a.community.id).reached).toBe(true);
    expect(d.body.series.map((s: { day: string }) => s.day)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    expect(d.body.series.map((s: { demandsResolved: number }) => s.demandsResolved)).toEqual([0, 0, 1, 1, 1]);
    const list = await street.request('GET', '/api/campaigns?kind=parking');
    expect(list.body.items.find((c: { id: number }) => c.id === campaignId).progress.demandsResolved).toBe(1);
  });

  it('should tag a volunteer activity and count it held once its hours are confirmed', async () => {
    const a = city.communities[0];
    const place = { org_path: a.community.path, county_code: a.community.county_code };
    const { id: orgId } = await t.db.insertInto('volunteer_org').values({ org_id: a.community.id, ...place, name: '社区志愿服务队', kind: 'community_team', contact_name: '队长' })
      .returning('id').executeTakeFirstOrThrow();
    const { id: projectId } = await t.db.insertInto('volunteer_project').values({ volunteer_org_id: orgId, ...place, name: '文明劝导' }).returning('id').executeTakeFirstOrThrow();
    const { id: activityId } = await t.db.insertInto('volunteer_activity').values({
      project_id: projectId, volunteer_org_id: orgId, place_id: a.community.id, ...place, title: '小区停车文明劝导',
      starts_at: new Date('2026-11-04T09:00:00+08:00'), ends_at: new Date('2026-11-04T11:00:00+08:00'), capacity: 10,
    }).returning('id').executeTakeFirstOrThrow();
    const found = await street.request('GET', `/api/campaigns/${campaignId}/candidates/activity?q=${encodeURIComponent('停车')}`);
    expect(found.body.items.map((x: { id: number }) => x.id)).toEqual([activityId]);
    const r = await street.request('POST', `/api/campaigns/${campaignId}/items`, { subjectKind: 'activity', subjectId: activityId });
    expect(r.status).toBe(200);
    expect(r.body.progress).toMatchObject({ activitiesTotal: 1, activitiesHeld: 0 });
    await t.db.updateTable('volunteer_activity').set({ status: 'confirmed', confirmed_at: new Date('2026-11-04T12:00:00+08:00') }).where('id', '=', activityId).execute();
    const d = await street.request('GET', `/api/campaigns/${campaignId}`);
    expect(d.body.progress).toMatchObject({ activitiesTotal: 1, activitiesHeld: 1 });
    expect(d.body.series.find((s: { day: string }) => s.day === '2026-11-04').activitiesHeld).toBe(1);
    const item = d.body.items.find((i: { subjectKind: string }) => i.subjectKind === 'activity');
    expect((await street.request('DELETE', `/api/campaigns/${campaignId}/items/${item.id}`)).status).toBe(200);
  });

  it('should untag with an audit record and refuse tagging after the campaign ended', async () => {
    const a = city.communities[0];
    const detail = await street.request('GET', `/api/campaigns/${campaignId}`);
    const itemId = detail.body.items[0].id;
    const r = await street.request('DELETE', `/api/campaigns/${campaignId}/items/${itemId}`);
    expect(r.status).toBe(200);
    expect(r.body.progress.demandsTotal).toBe(0);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'campaign').where('entity_id', '=', String(campaignId)).execute();
    expect(audit.map((x) => x.action).sort()).toEqual(['campaign.launch', 'campaign.tag', 'campaign.tag', 'campaign.untag', 'campaign.untag']);
    clock.set('2026-12-01T08:00:00+08:00');
    const late = await street.request('POST', `/api/campaigns/${campaignId}/items`, { subjectKind: 'demand', subjectId: a.demandId });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已结束');
    clock.set('2026-11-05T10:00:00+08:00');
  });
});
