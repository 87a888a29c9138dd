import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login as helperLogin, TEST_PASSWORD, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

let logins = 0;
/** Signs in from a new address each time, clear of the sign-in limit per address. */
async function login(app: TestApp['app'], username: string): Promise<Session> {
  const n = ++logins;
  const remoteAddress = `10.14.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD }, remoteAddress });
  if (res.statusCode !== 200) return helperLogin(app, username);
  const cookie = `linli_session=${res.cookies.find((c) => c.name === 'linli_session')!.value}`;
  const csrf = res.json().csrfToken as string;
  return {
    cookie, csrf,
    async request(method, url, payload) {
      const r = await app.inject({ method: method as 'GET', url, payload: payload as object | undefined, headers: { cookie, 'x-csrf-token': csrf }, remoteAddress });
      let body: unknown = r.body;
      try { body = r.json(); } catch { /* not JSON */ }
      return { status: r.statusCode, body };
    },
  };
}

/**
 * 物业信用评价 on both databases: the 50 % rule, ratings and their corrections, one survey vote per
 * household, a quarter scored against hand-worked figures, the red and black lists, publication
 * freezing the quarter, the public list without sign-in and the objection window.
 */
describe('property credit evaluation', () => {
  // 2 November 2026 in China: the fourth quarter runs.
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let county: Session;
  let otherCounty: Session;
  let street1: Session;
  let street2: Session;
  let secretary: Session;
  let resident: Session;
  let resident2: Session;
  let companyX: Session;
  const company: Record<'X' | 'Y' | 'Z', number> = { X: 0, Y: 0, Z: 0 };
  const Q = '2026-Q4';

  const scheme = {
    name: '离石区物业服务企业信用评价办法', redTopN: 2, redThreshold: 80, blackThreshold: 65.5,
    indicators: [
      { name: '街道党工委评价', source: 'street_rating', weight: 30 }, { name: '社区党组织评价', source: 'community_rating', weight: 20 },
      { name: '小区党支部评价', source: 'compound_rating', weight: 10 }, { name: '居民满意度测评', source: 'satisfaction_survey', weight: 10 },
      { name: '千户物业诉求量', source: 'property_demands_per_1000', weight: 10 }, { name: '诉求办结率', source: 'resolution_rate', weight: 10 },
      { name: '三方例会出席', source: 'meeting_attendance', weight: 10 },
    ],
  };

  async function newCompany(name: string, code: string) {
    const { id } = await t.db.insertInto('property_company').values({
      org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code, name, credit_code: code, contact_name: '经理',
    }).returning('id').executeTakeFirstOrThrow();
    return id;
  }
  async function contract(companyId: number, grid: { id: number; path: string; county_code: string }) {
    await t.db.insertInto('property_contract').values({
      company_id: companyId, compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, starts_on: '2026-01-01', ends_on: '2028-12-31',
      fee_per_m2: 1.2, service_level: '2',
    }).execute();
  }
  async function demand(c: (typeof city.communities)[number], over: Record<string, unknown> = {}) {
    await t.db.insertInto('demand').values({
      org_id: c.unit.id, org_path: c.unit.path, county_code: c.unit.county_code, channel: 'resident', category_code: 'property',
      description: '电梯故障', due_at: new Date('2026-10-20T18:00:00+08:00'), created_at: new Date('2026-10-15T10:00:00+08:00'), ...over,
    }).execute();
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const C = city.communities;
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    otherCounty = await login(t.app, (await addAccount(t.db, 'county_admin', city.otherCounty)).username);
    street1 = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    street2 = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1]!)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', C[0]!.community)).username);
    company.X = await newCompany('龙凤物业服务有限公司', '91141102MA0L000001');
    company.Y = await newCompany('凤山物业服务有限公司', '91141102MA0L000002');
    company.Z = await newCompany('滨河物业服务有限公司', '91141102MA0L000003');
    await contract(company.X, C[0]!.grid);
    await contract(company.X, C[1]!.grid);
    await contract(company.Y, C[2]!.grid);
    await contract(company.Z, C[3]!.grid);
    // Compound A: four households (the one buildSmallCity made and three more), a resident account with a housemate.
    for (const room of ['102', '201', '202']) await addHousehold(t.db, C[0]!.unit, room);
    const r1 = await addAccount(t.db, 'resident', C[0]!.unit);
    await t.db.updateTable('account').set({ resident_id: C[0]!.residentId }).where('id', '=', r1.id).execute();
    resident = await login(t.app, r1.username);
    const mate = await addResident(t.db, t.cipher, C[0]!.household, '张妻', validIdNumber('19720101', 402));
    const r2 = await addAccount(t.db, 'party_member', C[0]!.unit);
    await t.db.updateTable('account').set({ resident_id: mate }).where('id', '=', r2.id).execute();
    resident2 = await login(t.app, r2.username);
    const cx = await addAccount(t.db, 'property_company', C[0]!.grid);
    await t.db.updateTable('account').set({ property_company_id: company.X }).where('id', '=', cx.id).execute();
    companyX = await login(t.app, cx.username);
    // Compound A's quarter: one property demand resolved and rated, one overdue; others that must not count.
    await demand(C[0]!, { state: 'closed', resolved_at: new Date('2026-10-16T10:00:00+08:00'), rating: 'satisfied' });
    await demand(C[0]!, { overdue_at: new Date('2026-10-20T18:00:00+08:00') });
    await demand(C[0]!, { category_code: 'other' });
    await demand(C[0]!, { created_at: new Date('2026-09-30T23:00:00+08:00') }); // late on 30 September in China: the third quarter
    await demand(C[0]!, { created_at: new Date('2026-10-01T01:00:00+08:00') }); // 1 October in China (still 30 September in UTC): the fourth
    // Three-party meetings: October held with the company, November held without it.
    for (const [month, present] of [['2026-10', true], ['2026-11', false]] as const) {
      await t.db.insertInto('property_meeting').values({
        compound_id: C[0]!.grid.id, org_path: C[0]!.grid.path, county_code: C[0]!.grid.county_code, month, status: 'held',
        held_at: new Date(`${month}-10T15:00:00+08:00`), company_id: company.X, company_present: present,
      }).execute();
    }
  });
  afterAll(() => t?.close());

  it('should refuse a scheme whose party organisations carry under half the weight', async () => {
    const bad = { ...scheme, indicators: [
      { name: '街道', source: 'street_rating', weight: 25 }, { name: '社区', source: 'community_rating', weight: 24 },
      { name: '办结率', source: 'resolution_rate', weight: 51 },
    ] };
    const res = await county.request('POST', '/api/property/credit/schemes', bad);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(/不低于50%，现在是49%/);
    const sum = await county.request('POST', '/api/property/credit/schemes', { ...scheme, indicators: scheme.indicators.slice(1) });
    expect(sum.body.message).toMatch(/合计应为100，现在是70/);
    expect((await street1.request('POST', '/api/property/credit/schemes', scheme)).status).toBe(403);
  });

  it('should version schemes: a new one supersedes the live one', async () => {
    expect((await county.request('POST', '/api/property/credit/schemes', { ...scheme, name: '试行办法' })).status).toBe(200);
    const res = await county.request('POST', '/api/property/credit/schemes', scheme);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const list = (await street1.request('GET', '/api/property/credit/schemes')).body;
    expect(list.map((x: { version: number; status: string }) => [x.version, x.status])).toEqual([[2, 'active'], [1, 'superseded']]);
    expect(list[0].partyShare).toBe(60);
  });

  it('should take each party organisation\'s rating from its own staff and keep corrections as history', async () => {
    const A = city.communities[0]!.grid.id;
    expect((await street1.request('POST', '/api/property/credit/ratings', { compoundId: A, quarter: Q, raterKind: 'street', score: 70, comment: '一般' })).status).toBe(200);
    expect((await street1.request('POST', '/api/property/credit/ratings', { compoundId: A, quarter: Q, raterKind: 'street', score: 80, comment: '整改后较好' })).status).toBe(200);
    const forbidden = await secretary.request('POST', '/api/property/credit/ratings', { compoundId: A, quarter: Q, raterKind: 'street', score: 90 });
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'FORBIDDEN']);
    const noSecretary = await secretary.request('POST', '/api/property/credit/ratings', { compoundId: A, quarter: Q, raterKind: 'compound', score: 70 });
    expect(noSecretary.body.message).toMatch(/支部书记/);
    expect((await secretary.request('POST', '/api/property/credit/ratings', { compoundId: A, quarter: Q, raterKind: 'compound', score: 70, branchSecretary: '刘书记' })).status).toBe(200);
    expect((await secretary.request('POST', '/api/property/credit/ratings', { compoundId: A, quarter: Q, raterKind: 'community', score: 90 })).status).toBe(200);
    const outOfScope = await street1.request('POST', '/api/property/credit/ratings', { compoundId: city.communities[3]!.grid.id, quarter: Q, raterKind: 'street', score: 90 });
    expect(outOfScope.status).toBe(404);
    const tooOld = await street1.request('POST', '/api/property/credit/ratings', { compoundId: A, quarter: '2026-Q2', raterKind: 'street', score: 90 });
    expect(tooOld.body.message).toMatch(/本季度或上一季度/);
    expect((await street2.request('POST', '/api/property/credit/ratings', { compoundId: city.communities[3]!.grid.id, quarter: Q, raterKind: 'street', score: 100 })).status).toBe(200);
    const rows = (await street1.request('GET', `/api/property/credit/ratings?quarter=${Q}`)).body;
    expect(rows.total).toBe(2);
    const a = rows.items.find((r: { compoundId: number }) => r.compoundId === A);
    expect(a.street).toMatchObject({ score: 80, corrections: 1 });
    expect(a.compound).toMatchObject({ score: 70, branchSecretary: '刘书记' });
    expect(await t.db.selectFrom('property_rating').select('score').where('compound_id', '=', A).where('rater_kind', '=', 'street').orderBy('id').execute()).toEqual([{ score: 70 }, { score: 80 }]);
  });

  it('should take one survey vote per household per quarter for the household\'s own compound', async () => {
    const before = (await resident.request('GET', '/api/property/credit/survey')).body;
    expect(before).toMatchObject({ quarter: Q, companyName: '龙凤物业服务有限公司', vote: null });
    const zero = await resident.request('POST', '/api/property/credit/survey', { stars: 0 });
    expect([zero.status, zero.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await resident.request('POST', '/api/property/credit/survey', { stars: 4, comment: '保洁及时' })).status).toBe(200);
    const again = await resident2.request('POST', '/api/property/credit/survey', { stars: 1 });
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_EXISTS']);
    expect((await resident2.request('GET', '/api/property/credit/survey')).body.vote).toMatchObject({ stars: 4, mine: false });
    expect((await resident.request('GET', '/api/property/credit/survey')).body.vote).toMatchObject({ stars: 4, mine: true });
  });

  it('should score compounds and companies as worked by hand', async () => {
    await county.request('POST', '/api/property/credit/incidents', { companyId: company.Z, quarter: Q, reason: '消防通道长期堵塞致火灾扑救延误' });
    const res = await county.request('POST', `/api/property/credit/quarters/${Q}/score`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ compounds: 4, companies: 3 });
    const compounds = (await county.request('GET', `/api/property/credit/quarters/${Q}/compounds?pageSize=50`)).body;
    const byId = (id: number) => compounds.items.find((c: { compoundId: number }) => c.compoundId === id);
    const A = byId(city.communities[0]!.grid.id);
    // A: 4 households; street 80, community 90, branch 70; one vote of 4 stars → 75; 3 demands per 4 households = 750 per 1,000 → 0;
    // 1 of 3 resolved → 33.33; 1 of 3 months attended → 33.33. (30·80 + 20·90 + 10·70 + 10·75 + 10·0 + 10·33.33 + 10·33.33) / 100 = 63.17
    expect(A.households).toBe(4);
    expect(A.score).toBe(63.17);
    expect(A.parts.find((p: { source: string }) => p.source === 'property_demands_per_1000')).toEqual({ source: 'property_demands_per_1000', weight: 10, value: 750, score: 0 });
    // B: nothing rated, no demands: (10·100 + 10·100 + 10·0) / 30 = 66.67
    expect(byId(city.communities[1]!.grid.id).score).toBe(66.67);
    // D: street 100 → (30·100 + 10·100 + 10·100 + 10·0) / 60 = 83.33
    expect(byId(city.communities[3]!.grid.id).score).toBe(83.33);
    const companies = (await county.request('GET', `/api/property/credit/quarters/${Q}/companies`)).body.items;
    const by = (id: number) => companies.find((c: { companyId: number }) => c.companyId === id);
    // X: (63.17·4 + 66.67·1) / 5 = 63.87, below the black line 65.5; Z: first but with an incident → black; Y: second → red.
    expect(by(company.X)).toMatchObject({ score: 63.87, rank: 3, list: 'black', households: 5, compounds: 2 });
    expect(by(company.Z)).toMatchObject({ score: 83.33, rank: 1, list: 'black', listReason: '本季度有严重事件' });
    expect(by(company.Y)).toMatchObject({ score: 66.67, rank: 2, list: 'red' });
    const detail = (await street1.request('GET', `/api/property/credit/quarters/${Q}`)).body;
    expect(detail).toMatchObject({ status: 'scored', schemeVersion: 2, red: 1, black: 2 });
    expect(detail.histogram.reduce((s: number, b: { compounds: number }) => s + b.compounds, 0)).toBe(2); // the street's own compounds
    // The street sees only its compounds' breakdowns.
    expect((await street1.request('GET', `/api/property/credit/quarters/${Q}/compounds`)).body.total).toBe(2);
  });

  it('should replace an unpublished quarter when rescored and freeze it once published', async () => {
    await street2.request('POST', '/api/property/credit/ratings', { compoundId: city.communities[2]!.grid.id, quarter: Q, raterKind: 'street', score: 90 });
    await county.request('POST', `/api/property/credit/quarters/${Q}/score`);
    // C now: (30·90 + 10·100 + 10·100 + 10·0) / 60 = 78.33
    const C = (await county.request('GET', `/api/property/credit/quarters/${Q}/compounds?companyId=${company.Y}`)).body.items;
    expect(C).toMatchObject([{ compoundId: city.communities[2]!.grid.id, score: 78.33 }]);
    expect(Number((await t.db.selectFrom('property_compound_score').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(4);
    expect((await county.request('POST', `/api/property/credit/quarters/${Q}/publish`)).status).toBe(200);
    const again = await county.request('POST', `/api/property/credit/quarters/${Q}/score`);
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    const late = await street1.request('POST', '/api/property/credit/ratings', { compoundId: city.communities[0]!.grid.id, quarter: Q, raterKind: 'street', score: 10 });
    expect(late.body.message).toMatch(/已发布/);
  });

  it('should show the published list without sign-in: names, ranks, scores and lists only', async () => {
    const lists = await t.app.inject({ method: 'GET', url: '/api/public/property-lists' });
    expect(lists.statusCode).toBe(200);
    const mine = lists.json().find((l: { quarter: string; countyName: string }) => l.quarter === Q && l.countyName === '离石区');
    const res = await t.app.inject({ method: 'GET', url: `/api/public/property-lists/${mine.id}` });
    const body = res.json();
    expect(body.entries.map((e: { companyName: string; list: string }) => [e.companyName, e.list])).toEqual([
      ['滨河物业服务有限公司', 'black'], ['凤山物业服务有限公司', 'red'], ['龙凤物业服务有限公司', 'black'],
    ]);
    expect(Object.keys(body.entries[0]).sort()).toEqual(['companyName', 'corrected', 'correctionNote', 'list', 'rank', 'score']);
  });

  it('should let a company object within the window and the county correct the entry by a recorded correction', async () => {
    const mine = (await companyX.request('GET', '/api/property/credit/mine')).body;
    expect(mine.quarters[0]).toMatchObject({ quarter: Q, list: 'black', mayObject: true, objectionUntil: '2026-11-11' });
    const filed = await companyX.request('POST', '/api/property/credit/objections', { quarter: Q, reason: '两次诉求系同一部电梯，已合并处理' });
    expect(filed.status).toBe(200);
    expect((await companyX.request('POST', '/api/property/credit/objections', { quarter: Q, reason: '再次提出' })).body.code).toBe('ALREADY_EXISTS');
    expect((await otherCounty.request('POST', `/api/property/credit/objections/${filed.body.id}/decide`, { decision: 'rejected', reason: '越权处理' })).status).toBe(404);
    const noList = await county.request('POST', `/api/property/credit/objections/${filed.body.id}/decide`, { decision: 'upheld', reason: '核实属实' });
    expect(noList.body.message).toMatch(/更正后的榜单/);
    expect((await county.request('POST', `/api/property/credit/objections/${filed.body.id}/decide`, { decision: 'upheld', reason: '核实属实，移出黑榜', listAfter: 'none' })).status).toBe(200);
    expect((await county.request('POST', `/api/property/credit/objections/${filed.body.id}/decide`, { decision: 'rejected', reason: '重复处理' })).body.code).toBe('INVALID_TRANSITION');
    // The published entry stays; the correction sits beside it.
    expect(await t.db.selectFrom('property_company_score').select('list').where('company_id', '=', company.X).executeTakeFirst()).toEqual({ list: 'black' });
    const after = (await companyX.request('GET', '/api/property/credit/mine')).body;
    expect(after.objections[0]).toMatchObject({ status: 'upheld', decisionReason: '核实属实，移出黑榜', correction: { listAfter: null } });
    const id = (await t.app.inject({ method: 'GET', url: '/api/public/property-lists' })).json()[0].id;
    const entry = (await t.app.inject({ method: 'GET', url: `/api/public/property-lists/${id}` })).json().entries.find((e: { companyName: string }) => e.companyName === '龙凤物业服务有限公司');
    expect(entry).toMatchObject({ corrected: true, correctionNote: expect.stringMatching(/移出榜单/) });
    const objections = (await county.request('GET', '/api/property/credit/objections')).body;
    expect(objections.items[0]).toMatchObject({ status: 'upheld', companyName: '龙凤物业服务有限公司' });
    expect((await otherCounty.request('GET', '/api/property/credit/objections')).body.total).toBe(0);
  });

  it('should close the objection window after ten China days', async () => {
    clock.set('2026-11-11T23:59:00+08:00');
    const last = await companyX.request('POST', '/api/property/credit/objections', { quarter: Q, reason: '补充异议材料' });
    expect(last.status, JSON.stringify(last.body)).toBe(200);
    await county.request('POST', `/api/property/credit/objections/${last.body.id}/decide`, { decision: 'rejected', reason: '材料不足' });
    clock.set('2026-11-12T00:01:00+08:00');
    const late = await companyX.request('POST', '/api/property/credit/objections', { quarter: Q, reason: '逾期异议' });
    expect([late.status, late.body.message]).toEqual([409, '异议期已过（截至2026-11-11）']);
  });

  it('should let the city read a county it names, and ask for one otherwise', async () => {
    const city1 = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    const none = await city1.request('GET', '/api/property/credit/quarters');
    expect([none.status, none.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const lishi = await city1.request('GET', `/api/property/credit/quarters?countyId=${city.county.id}`);
    expect(lishi.body).toMatchObject({ countyName: '离石区', items: [{ quarter: Q, status: 'published' }] });
    expect((await city1.request('GET', `/api/property/credit/quarters/${Q}/companies?countyId=${city.county.id}`)).body.total).toBe(3);
    // A company's page asks for its own line only, in the county that keeps its register.
    const own = (await city1.request('GET', `/api/property/credit/quarters/${Q}/companies?countyId=${city.county.id}&companyId=${company.Y}`)).body;
    expect(own).toMatchObject({ total: 1, items: [{ companyId: company.Y, rank: 2 }] });
    expect((await city1.request('GET', `/api/property/credit/schemes?countyId=${city.streets[0]!.id}`)).status).toBe(404);
  });

  it('should keep counties apart', async () => {
    expect((await otherCounty.request('GET', '/api/property/credit/quarters')).body.items).toEqual([]);
    expect((await otherCounty.request('POST', `/api/property/credit/quarters/${Q}/publish`)).body.code).toBe('INVALID_TRANSITION');
  });
});
