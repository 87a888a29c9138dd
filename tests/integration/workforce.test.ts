import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../server/platform/clock.js';
import { addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

const YEAR = Number(chinaDay(new Date()).slice(0, 4));
const POST_TYPES = ['leader', 'deputy', 'worker'] as const;
const table = (year: number, countyId: number, bump = 0, stars = [60, 70, 80, 90, 95]) => ({
  countyId, year,
  rates: POST_TYPES.flatMap((postType, p) => Array.from({ length: 18 }, (_, i) => ({ postType, grade: i + 1, monthlyYuan: 3000 + p * 500 + i * 100 + bump }))),
  stars: stars.map((minScore, i) => ({ stars: i + 1, minScore, subsidyYuan: (i + 1) * 1000 })),
});

describe('workforce: staff on the 三岗十八级 scale, pay tables, workers per 10,000 residents, secretary stars', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let countyAdmin: Session;
  let otherCountyAdmin: Session;
  let worker: Session;
  let gridWorker: Session;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    countyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    otherCountyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.otherCounty)).username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[0].community)).username);
    gridWorker = await login(t.app, (await addAccount(t.db, 'grid_worker', city.communities[0].grid)).username);
  });
  afterAll(() => t?.close());

  it('should let community staff add a grid worker with an encrypted, masked phone, and audit it', async () => {
    const a = city.communities[0];
    const res = await worker.request('POST', '/api/workforce/staff', {
      name: '王网格', post: 'grid_worker', postType: 'worker', grade: 3, orgId: a.grid.id, phone: '13912345678',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: '王网格', post: 'grid_worker', postType: 'worker', grade: 3, orgId: a.grid.id, phone: '139****5678', leftOn: null });
    const row = await t.db.selectFrom('staff').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13912345678');
    expect(t.cipher.decrypt(row.phone_enc!)).toBe('13912345678');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'staff').where('entity_id', '=', String(res.body.id)).execute();
    expect(audit.map((x) => x.action)).toEqual(['staff.create']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('13912345678');
    const list = await worker.request('GET', `/api/workforce/staff?orgId=${a.community.id}&post=grid_worker`);
    expect(list.body.items.map((s: { name: string }) => s.name)).toContain('王网格');
  });

  it('should refuse a post in the wrong place, an assistant with a grade, a worker without one, another county, and a grid worker', async () => {
    const a = city.communities[0];
    const b = city.communities[4];
    const bad = [
      [{ name: '甲', post: 'grid_worker', postType: 'worker', grade: 2, orgId: a.community.id }, 400],
      [{ name: '乙', post: 'graduate_assistant', postType: 'worker', grade: 2, orgId: a.community.id }, 400],
      [{ name: '丙', post: 'community_worker', postType: 'worker', orgId: a.community.id }, 400],
      [{ name: '丁', post: 'community_worker', postType: 'worker', grade: 19, orgId: a.community.id }, 400],
      [{ name: '戊', post: 'community_worker', postType: 'worker', grade: 2, orgId: b.community.id }, 404],
    ] as const;
    for (const [body, status] of bad) {
      const res = await worker.request('POST', '/api/workforce/staff', body);
      expect(res.status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(status);
    }
    const res = await gridWorker.request('POST', '/api/workforce/staff', { name: '己', post: 'graduate_assistant', orgId: a.community.id });
    expect(res.status).toBe(403);
    const ok = await worker.request('POST', '/api/workforce/staff', { name: '庚助理', post: 'graduate_assistant', orgId: a.community.id });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ postType: null, grade: null });
  });

  it('should edit a post and grade, show the pay of the grade, and keep a person who left', async () => {
    const a = city.communities[0];
    const created = await worker.request('POST', '/api/workforce/staff', { name: '李社工', post: 'community_worker', postType: 'worker', grade: 1, orgId: a.community.id });
    const id = created.body.id as number;
    expect(created.body.monthlyPay).toBeNull(); // no pay table for this year yet
    expect((await countyAdmin.request('PUT', '/api/workforce/pay-table', table(YEAR, city.county.id))).status).toBe(200);
    const edited = await worker.request('PATCH', `/api/workforce/staff/${id}`, { postType: 'deputy', grade: 5, phone: '13700001111' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ postType: 'deputy', grade: 5, monthlyPay: 3500 + 400, phone: '137****1111' });
    const left = await worker.request('POST', `/api/workforce/staff/${id}/leave`, { leftOn: chinaDay(new Date()) });
    expect(left.status).toBe(200);
    expect(left.body.leftOn).toBe(chinaDay(new Date()));
    expect((await worker.request('POST', `/api/workforce/staff/${id}/leave`, { leftOn: chinaDay(new Date()) })).status).toBe(409);
    expect((await worker.request('PATCH', `/api/workforce/staff/${id}`, { grade: 6 })).status).toBe(409);
    expect((await worker.request('POST', `/api/workforce/staff/${id}/leave`, { leftOn: '2999-01-01' })).status).toBe(400);
    const current = await worker.request('GET', `/api/workforce/staff?orgId=${a.community.id}&pageSize=200`);
    expect(current.body.items.map((s: { id: number }) => s.id)).not.toContain(id);
    const all = await worker.request('GET', `/api/workforce/staff?orgId=${a.community.id}&includeLeft=true&pageSize=200`);
    expect(all.body.items.map((s: { id: number }) => s.id)).toContain(id);
    // Another county's staff is neither listed nor editable.
    const [b] = await t.db.selectFrom('staff').select('id').where('org_path', 'like', `${city.communities[4].community.path}%`).execute();
    expect((await worker.request('PATCH', `/api/workforce/staff/${b!.id}`, { grade: 2 })).status).toBe(404);
  });

  it('should version the pay table by year: a new year starts as a copy of the last, earlier years stay', async () => {
    const next = YEAR + 1;
    const draft = await countyAdmin.request('GET', `/api/workforce/pay-table?countyId=${city.county.id}&year=${next}`);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ year: next, saved: false, copiedFrom: YEAR, years: [YEAR] });
    expect(draft.body.rates).toHaveLength(54);
    expect(draft.body.rates.find((r: { postType: string; grade: number }) => r.postType === 'leader' && r.grade === 18).monthlyYuan).toBe(3000 + 1700);
    const saved = await countyAdmin.request('PUT', '/api/workforce/pay-table', table(next, city.county.id, 200));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ saved: true, copiedFrom: null, years: [next, YEAR] });
    const old = await countyAdmin.request('GET', `/api/workforce/pay-table?countyId=${city.county.id}&year=${YEAR}`);
    expect(old.body.rates[0]).toEqual({ postType: 'leader', grade: 1, monthlyYuan: 3000 }); // not the next year's +200
    // Community staff read their own county's table without naming it.
    const mine = await worker.request('GET', `/api/workforce/pay-table?year=${YEAR}`);
    expect(mine.status).toBe(200);
    expect(mine.body.countyId).toBe(city.county.id);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'workforce.pay_table.save').execute();
    expect(audit.length).toBe(2);
  });

  it('should refuse pay tables from the wrong people and with stars that do not climb', async () => {
    expect((await worker.request('PUT', '/api/workforce/pay-table', table(YEAR, city.county.id))).status).toBe(403);
    expect((await otherCountyAdmin.request('PUT', '/api/workforce/pay-table', table(YEAR, city.county.id))).status).toBe(404);
    expect((await otherCountyAdmin.request('GET', `/api/workforce/pay-table?countyId=${city.county.id}&year=${YEAR}`)).status).toBe(404);
    const bad = await countyAdmin.request('PUT', '/api/workforce/pay-table', table(YEAR, city.county.id, 0, [60, 70, 65, 90, 95]));
    expect(bad.status).toBe(400);
    const dup = table(YEAR, city.county.id);
    dup.rates[1] = { ...dup.rates[0]! };
    expect((await countyAdmin.request('PUT', '/api/workforce/pay-table', dup)).status).toBe(400);
    expect((await countyAdmin.request('PUT', '/api/workforce/pay-table', table(YEAR + 5, city.county.id))).status).toBe(400);
  });

  it('should count community workers per 10,000 residents from the register, per street and community', async () => {
    const before = await countyAdmin.request('GET', `/api/workforce/overview?orgId=${city.county.id}`);
    expect(before.status).toBe(200);
    const residents = await t.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_path', 'like', `${city.county.path}%`).where('moved_out_at', 'is', null).executeTakeFirstOrThrow();
    const workers = await t.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_path', 'like', `${city.county.path}%`).where('left_on', 'is', null).where('post', 'in', ['community_worker', 'community_secretary']).executeTakeFirstOrThrow();
    expect(before.body.unit.residents).toBe(Number(residents.n));
    expect(before.body.unit.communityWorkers).toBe(Number(workers.n));
    expect(before.body.unit.per10k).toBe(Math.round((Number(workers.n) / Number(residents.n)) * 100_000) / 10);
    expect(before.body.children.map((c: { name: string }) => c.name)).toEqual(['滨河街道', '凤山街道']);
    // A new resident changes the ratio: nothing is typed in.
    const a = city.communities[0];
    const h = await addHousehold(t.db, a.unit, '202');
    await addResident(t.db, t.cipher, h, '新居民', validIdNumber('19950101', 901));
    const after = await countyAdmin.request('GET', `/api/workforce/overview?orgId=${a.community.id}`);
    expect(after.body.unit.residents).toBe(2);
    expect(after.body.children[0].gridWorkers).toBe(1);
    expect((await countyAdmin.request('GET', `/api/workforce/overview?orgId=${city.communities[4].community.id}`)).status).toBe(404);
  });

  it('should rate secretaries from counted figures plus the assessment, keep each year, and show the distribution', async () => {
    const a = city.communities[0];
    const sec = await worker.request('POST', '/api/workforce/staff', { name: '赵书记', post: 'community_secretary', postType: 'leader', grade: 12, orgId: a.community.id });
    expect(sec.status).toBe(200);
    // No star rules for two years ago: refused with a reason.
    const none = await countyAdmin.request('POST', '/api/workforce/ratings/compute', { orgId: city.county.id, year: YEAR - 2 });
    expect(none.status).toBe(409);
    expect((await countyAdmin.request('POST', '/api/workforce/ratings/compute', { orgId: city.county.id, year: YEAR + 1 })).status).toBe(400);
    expect((await worker.request('POST', '/api/workforce/ratings/compute', { orgId: a.community.id, year: YEAR })).status).toBe(403);
    expect((await otherCountyAdmin.request('POST', '/api/workforce/ratings/compute', { orgId: a.community.id, year: YEAR })).status).toBe(404);

    // The community's one demand resolved and rated satisfied: resolution and satisfaction 100%.
    await t.db.updateTable('demand').set({ state: 'closed', resolved_at: new Date(), closed_at: new Date(), rating: 'satisfied' }).where('id', '=', a.demandId).execute();
    const run = await countyAdmin.request('POST', '/api/workforce/ratings/compute', { orgId: city.county.id, year: YEAR });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toEqual({ rated: 1, withoutSecretary: 3 });
    const list = await countyAdmin.request('GET', `/api/workforce/ratings?orgId=${city.county.id}&year=${YEAR}`);
    expect(list.body.total).toBe(1);
    const r = list.body.items[0];
    expect(r).toMatchObject({ staffId: sec.body.id, name: '赵书记', communityId: a.community.id, assessmentScore: null, previousStars: null });
    expect(r.figures.received).toBe(1);
    expect(r.figures.resolutionScore).toBe(25);
    expect(r.countedScore).toBe(r.figures.resolutionScore + r.figures.satisfactionScore + r.figures.participationScore);

    const assessed = await countyAdmin.request('PUT', `/api/workforce/ratings/${r.id}/assessment`, { score: 30 });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    expect(assessed.body.totalScore).toBe(Math.round((r.countedScore + 30) * 10) / 10);
    const expectedStars = [60, 70, 80, 90, 95].filter((m) => assessed.body.totalScore >= m).length;
    expect(assessed.body.stars).toBe(expectedStars);
    expect(assessed.body.subsidyYuan).toBe(expectedStars * 1000);
    expect((await countyAdmin.request('PUT', `/api/workforce/ratings/${r.id}/assessment`, { score: 31 })).status).toBe(400);
    expect((await otherCountyAdmin.request('PUT', `/api/workforce/ratings/${r.id}/assessment`, { score: 10 })).status).toBe(404);

    // Computing again (动态调整) keeps the assessment; the year before stays as its own row.
    await countyAdmin.request('POST', '/api/workforce/ratings/compute', { orgId: a.community.id, year: YEAR });
    const again = await countyAdmin.request('GET', `/api/workforce/ratings?orgId=${a.community.id}&year=${YEAR}`);
    expect(again.body.items[0]).toMatchObject({ assessmentScore: 30, stars: expectedStars });
    await countyAdmin.request('PUT', '/api/workforce/pay-table', table(YEAR - 1, city.county.id));
    expect((await countyAdmin.request('POST', '/api/workforce/ratings/compute', { orgId: a.community.id, year: YEAR - 1 })).status).toBe(200);
    const history = await worker.request('GET', `/api/workforce/staff/${sec.body.id}/ratings`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((x: { year: number }) => x.year)).toEqual([YEAR, YEAR - 1]);
    expect(history.body.items[0].previousStars).toBe(history.body.items[1].stars);

    const overview = await countyAdmin.request('GET', `/api/workforce/overview?orgId=${city.county.id}&year=${YEAR}`);
    expect(overview.body.rated).toBe(1);
    expect(overview.body.stars.find((s: { stars: number }) => s.stars === expectedStars).count).toBe(1);
    expect(overview.body.subsidyYuan).toBe(expectedStars * 1000);
    const audits = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'secretary_rating').execute();
    expect(audits.map((x) => x.action)).toContain('workforce.rating.assess');
  });
});
