import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

const dayIn = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));
const today = () => dayIn(0);

describe('leaders: 领导干部包联 and 进社区办实事', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session;
  let countyAdmin: Session;
  let otherCountyAdmin: Session;
  let secretary: Session;
  let gridWorker: Session;
  let countyLeaderId: number;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    countyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    otherCountyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.otherCounty)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[0].community)).username);
    gridWorker = await login(t.app, (await addAccount(t.db, 'grid_worker', city.communities[0].grid)).username);
  });
  afterAll(() => t?.close());

  const leader = async (s: Session, body: Record<string, unknown>) => {
    const res = await s.request('POST', '/api/leaders', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id as number;
  };
  const link = async (s: Session, leaderId: number, orgId: number) => {
    const res = await s.request('POST', `/api/leaders/${leaderId}/links`, { orgId });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id as number;
  };

  it('should keep link history: ending a link sets its end day and never deletes it', async () => {
    const [c0, c1] = city.communities;
    const wrongLevel = await countyAdmin.request('POST', '/api/leaders', { name: '错挂', level: 'county', title: '副县长', orgId: city.streets[0].id });
    expect(wrongLevel.status).toBe(400);
    countyLeaderId = await leader(countyAdmin, { name: '王建国', level: 'county', title: '副区长', workUnit: '离石区政府', orgId: city.county.id });
    const first = await link(countyAdmin, countyLeaderId, c0.community.id);
    await link(countyAdmin, countyLeaderId, c1.grid.id);
    expect((await countyAdmin.request('POST', `/api/leaders/${countyLeaderId}/links`, { orgId: c0.community.id })).status).toBe(409);
    expect((await countyAdmin.request('POST', `/api/leaders/${countyLeaderId}/links`, { orgId: city.streets[0].id })).status).toBe(400);

    const ended = await countyAdmin.request('DELETE', `/api/leaders/${countyLeaderId}/links/${first}`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: first, orgId: c0.community.id, until: today() });
    expect((await countyAdmin.request('DELETE', `/api/leaders/${countyLeaderId}/links/${first}`)).status).toBe(409);

    let detail = (await countyAdmin.request('GET', `/api/leaders/${countyLeaderId}`)).body;
    expect(detail.links.map((k: { orgId: number }) => k.orgId)).toEqual([c1.grid.id]);
    expect(detail.pastLinks.map((k: { id: number }) => k.id)).toEqual([first]);

    // Linked again later: a new period, the old one stays.
    await link(countyAdmin, countyLeaderId, c0.community.id);
    detail = (await countyAdmin.request('GET', `/api/leaders/${countyLeaderId}`)).body;
    expect(detail.links).toHaveLength(2);
    expect(detail.pastLinks).toHaveLength(1);
    expect(await t.db.selectFrom('leader_link').select('id').where('leader_id', '=', countyLeaderId).execute()).toHaveLength(3);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', 'in', ['leader', 'leader_link']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['leader.create', 'leader.link', 'leader.link', 'leader.link', 'leader.unlink']);
  });

  it('should count leaders, linked units, visits and problems per level from the records', async () => {
    const [, , c2, c3] = city.communities;
    const street = city.streets[1];
    const mayor = await leader(cityAdmin, { name: '李市长', level: 'city', title: '副市长', orgId: city.city.id });
    await link(cityAdmin, mayor, c2.community.id);
    await link(cityAdmin, mayor, c3.community.id);
    const v1 = await cityAdmin.request('POST', `/api/leaders/${mayor}/visits`, {
      orgId: c2.community.id, visitedOn: dayIn(-30), summary: '走访老旧小区改造',
      problems: [{ description: '楼道照明损坏', categoryCode: 'facilities' }, { description: '雨污管网堵塞' }],
    });
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    // Each problem found is a demand at the visited community, handled like any other.
    expect(v1.body).toMatchObject({ problemsFound: 2, problemsSolved: 0, visitedOn: dayIn(-30) });
    const [lights, drains] = v1.body.problems as { demandId: number; description: string; categoryName: string; state: string }[];
    expect(lights).toMatchObject({ description: '楼道照明损坏', categoryName: '公用设施', state: 'submitted', solved: false });
    const raised = await t.db.selectFrom('demand').select(['channel', 'org_id']).where('id', 'in', [lights.demandId, drains.demandId]).execute();
    expect(raised).toEqual([{ channel: 'leader_visit', org_id: c2.community.id }, { channel: 'leader_visit', org_id: c2.community.id }]);
    expect((await cityAdmin.request('POST', `/api/leaders/${mayor}/visits`, {
      orgId: c3.community.id, visitedOn: dayIn(-20), summary: '座谈', problems: [{ description: '小区停车难' }],
    })).status).toBe(200);
    // Solved is what the community resolved, never a typed number.
    const worker2 = await login(t.app, (await addAccount(t.db, 'community_worker', c2.community)).username);
    expect((await worker2.request('POST', `/api/demands/${lights.demandId}/actions/accept`, {})).status).toBe(200);
    expect((await worker2.request('POST', `/api/demands/${lights.demandId}/actions/resolve`, { note: '已更换灯具' })).status).toBe(200);
    // A problem that cannot become a demand (unknown category) leaves nothing behind.
    const before = await t.db.selectFrom('leader_visit').select('id').execute();
    expect((await cityAdmin.request('POST', `/api/leaders/${mayor}/visits`, {
      orgId: c3.community.id, visitedOn: dayIn(-19), summary: 'x', problems: [{ description: '某问题', categoryCode: 'no_such' }],
    })).status).toBe(400);
    expect(await t.db.selectFrom('leader_visit').select('id').execute()).toHaveLength(before.length);

    const cadreA = await leader(countyAdmin, { name: '赵书记', level: 'township', title: '街道党工委书记', orgId: street.id });
    const cadreB = await leader(countyAdmin, { name: '钱主任', level: 'township', title: '街道办主任', orgId: street.id });
    await link(countyAdmin, cadreA, c2.community.id);
    await link(countyAdmin, cadreA, c2.grid.id);
    await link(countyAdmin, cadreB, c2.community.id);
    expect((await countyAdmin.request('POST', `/api/leaders/${cadreA}/visits`, { orgId: c2.grid.id, visitedOn: dayIn(-25), summary: '巡查' })).status).toBe(200);
    // A township cadre answers only for their own street.
    expect((await countyAdmin.request('POST', `/api/leaders/${cadreA}/links`, { orgId: city.communities[0].community.id })).status).toBe(409);

    const local = await leader(countyAdmin, { name: '孙委员', level: 'community', title: '社区两委委员', orgId: c3.community.id });
    const gone = await link(countyAdmin, local, c3.grid.id);
    expect((await countyAdmin.request('DELETE', `/api/leaders/${local}/links/${gone}`)).status).toBe(200);

    const stats = await countyAdmin.request('GET', `/api/leaders/stats?orgId=${street.id}`);
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      orgId: street.id,
      items: [
        { level: 'city', leaders: 1, linkedCommunities: 2, linkedCompounds: 0, visits: 2, problemsFound: 3, problemsSolved: 1 },
        { level: 'county', leaders: 0, linkedCommunities: 0, linkedCompounds: 0, visits: 0, problemsFound: 0, problemsSolved: 0 },
        { level: 'township', leaders: 2, linkedCommunities: 1, linkedCompounds: 1, visits: 1, problemsFound: 0, problemsSolved: 0 },
        { level: 'community', leaders: 1, linkedCommunities: 0, linkedCompounds: 0, visits: 0, problemsFound: 0, problemsSolved: 0 },
      ],
    });
    const cityWide = (await cityAdmin.request('GET', '/api/leaders/stats')).body.items;
    expect(cityWide.find((s: { level: string }) => s.level === 'county')).toMatchObject({ leaders: 1, linkedCommunities: 1, linkedCompounds: 1 });

    const listed = await countyAdmin.request('GET', `/api/leaders?orgId=${street.id}`);
    expect(listed.body.total).toBe(4);
    expect(listed.body.items.find((l: { id: number }) => l.id === mayor)).toMatchObject({ level: 'city', linkCount: 2, visitCount: 2, problemsFound: 3, problemsSolved: 1 });
    const detail = (await countyAdmin.request('GET', `/api/leaders/${mayor}`)).body;
    expect(detail.visits.map((v: { problemsFound: number; problemsSolved: number }) => [v.problemsFound, v.problemsSolved])).toEqual([[1, 0], [2, 1]]);
    const townships = await countyAdmin.request('GET', `/api/leaders?orgId=${street.id}&level=township`);
    expect(townships.body.items.map((l: { name: string }) => l.name)).toEqual(['赵书记', '钱主任']);
    // None of it shows in another street.
    const elsewhere = await countyAdmin.request('GET', `/api/leaders/stats?orgId=${city.streets[0].id}`);
    expect(elsewhere.body.items.find((s: { level: string }) => s.level === 'city').leaders).toBe(0);
  });

  it('should refuse writes outside the caller’s scope and show only what is inside it', async () => {
    const [c0, , c2] = city.communities;
    expect((await secretary.request('POST', '/api/leaders', { name: 'x', level: 'community', title: 'y', orgId: c2.community.id })).status).toBe(404);
    expect((await secretary.request('POST', `/api/leaders/${countyLeaderId}/links`, { orgId: c2.community.id })).status).toBe(404);
    expect((await otherCountyAdmin.request('GET', `/api/leaders/${countyLeaderId}`)).status).toBe(404);
    expect((await otherCountyAdmin.request('GET', `/api/leaders/stats?orgId=${city.county.id}`)).status).toBe(404);
    expect((await otherCountyAdmin.request('POST', `/api/leaders/${countyLeaderId}/visits`, { orgId: c0.community.id, visitedOn: dayIn(-40), summary: 'x' })).status).toBe(404);
    const links = (await countyAdmin.request('GET', `/api/leaders/${countyLeaderId}`)).body.links as { id: number; orgId: number }[];
    expect((await otherCountyAdmin.request('DELETE', `/api/leaders/${countyLeaderId}/links/${links[0].id}`)).status).toBe(404);
    expect((await gridWorker.request('POST', '/api/leaders', { name: 'x', level: 'community', title: 'y', orgId: c0.community.id })).status).toBe(403);

    // The secretary sees the county leader through the link to its community, and only that link.
    const seen = await secretary.request('GET', `/api/leaders/${countyLeaderId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.links.map((k: { orgId: number }) => k.orgId)).toEqual([c0.community.id]);
    const visit = await secretary.request('POST', `/api/leaders/${countyLeaderId}/visits`, {
      orgId: c0.community.id, visitedOn: dayIn(-35), summary: '进社区办实事', problems: [{ description: '路灯不亮' }],
    });
    expect(visit.status).toBe(200);
    const list = await secretary.request('GET', '/api/leaders');
    expect(list.body.items.map((l: { id: number }) => l.id)).toEqual([countyLeaderId]);
    expect(await t.db.selectFrom('leader').select('id').where('name', '=', 'x').execute()).toEqual([]);
  });
});
