import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, addHousehold, addUnit, buildSmallCity, createTestApp, login, type Session, type TestApp, type Unit } from '../helpers/test-app.js';

type City = Awaited<ReturnType<typeof buildSmallCity>>;

/** 专项维修资金: apply → approve (应急程序 or 业主表决) → carry out → accept → publish; figures; residents' view; on both databases. */
describe('property repairs', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: City;
  let A: City['communities'][number];
  let worker: Session, secretary: Session, street: Session, otherStreet: Session, company: Session, county: Session, resident: Session, otherWorker: Session;
  let building2: Unit, unit21: Unit, unit22: Unit;
  let companyId: number;

  const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(16)]);
  async function upload(s: Session) {
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      png(), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({
      method: 'POST', url: '/api/files', payload,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode).toBe(200);
    return r.json().id as number;
  }
  const apply = (s: Session, over: Record<string, unknown> = {}) => s.request('POST', '/api/property/repairs', {
    compoundId: A.grid.id, kind: 'lift', urgent: true, title: '1号楼电梯更换曳引机', description: '电梯困人，曳引机老化', quantity: 1,
    placeIds: [A.building.id], quotes: [{ supplier: '吕梁电梯维保公司', amount: 86000 }], ...over,
  });
  const ok = (res: { status: number; body: unknown }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as any;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    A = city.communities[0]!;
    // A second building with two units and five homes (one a shop) of known areas: the vote's totals.
    building2 = await addUnit(t.db, A.grid, 'building', '2号楼');
    unit21 = await addUnit(t.db, building2, 'unit', '1单元');
    unit22 = await addUnit(t.db, building2, 'unit', '2单元');
    for (const [u, room] of [[unit21, '101'], [unit21, '102'], [unit22, '101'], [unit22, '102']] as const) await addHousehold(t.db, u, room);
    const shop = await addHousehold(t.db, unit22, '商铺1');
    await t.db.updateTable('household').set({ kind: 'merchant' }).where('id', '=', shop.id).execute();
    await t.db.updateTable('household').set({ area_m2: 100 }).where('org_path', 'like', `${A.grid.path}%`).execute();

    worker = await login(t.app, (await addAccount(t.db, 'community_worker', A.community)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', A.community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    otherStreet = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1]!)).username);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    otherWorker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[2]!.community)).username);
    const res = await addAccount(t.db, 'resident', A.unit);
    await t.db.updateTable('account').set({ resident_id: A.residentId }).where('id', '=', res.id).execute();
    resident = await login(t.app, res.username);

    // A company serving compound A (not compound B) under a live contract; its account's place is compound A.
    companyId = (await t.db.insertInto('property_company').values({
      org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code, name: '滨河物业', credit_code: '911411020000000001',
      contact_name: '王经理',
    }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('property_contract').values({
      company_id: companyId, compound_id: A.grid.id, org_path: A.grid.path, county_code: A.grid.county_code, starts_on: '2025-01-01', ends_on: '2027-12-31',
      fee_per_m2: 1.2, service_level: '2',
    }).execute();
    const acc = await addAccount(t.db, 'property_company', A.grid);
    await t.db.updateTable('account').set({ property_company_id: companyId }).where('id', '=', acc.id).execute();
    company = await login(t.app, acc.username);
  });
  afterAll(() => t?.close());

  it('should list the compound buildings with households counted, and count the chosen ones', async () => {
    const places = ok(await worker.request('GET', `/api/property/repairs/compounds/${A.grid.id}/places`));
    expect(places.totals).toEqual({ households: 5, area: 600 });
    expect(places.buildings.map((b: any) => [b.name, b.households, b.units.map((u: any) => u.households)])).toEqual([['1号楼', 1, [1]], ['2号楼', 4, [2, 2]]]);
    expect(ok(await worker.request('GET', '/api/property/repairs/compounds')).map((c: any) => c.id)).toEqual([A.grid.id]);
    expect(ok(await company.request('GET', '/api/property/repairs/compounds')).map((c: any) => c.id)).toEqual([A.grid.id]);

    // A building and one of its units are counted once; a unit of another compound is refused.
    const r = ok(await apply(worker, { placeIds: [building2.id, unit21.id], submit: false, kind: 'ebike_shed', urgent: false, quantity: 2 }));
    expect(r.households).toBe(4);
    const outside = await apply(worker, { placeIds: [city.communities[1]!.unit.id] });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toBe('所选楼栋或单元不属于该小区');
    expect((await apply(worker, { quotes: [] })).body.code).toBe('VALIDATION_FAILED');
    expect((await apply(worker, { quotes: [{ supplier: '甲', amount: -1 }] })).status).toBe(400);
    // Another community's worker cannot apply for compound A.
    expect((await apply(otherWorker)).status).toBe(404);
  });

  it('should refuse a company applying for a compound it does not serve', async () => {
    const res = await apply(company, { compoundId: city.communities[1]!.grid.id, placeIds: [city.communities[1]!.building.id] });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/没有在管的物业服务合同/);
    const mine = ok(await apply(company, { kind: 'charging', urgent: false, quantity: 20, placeIds: [unit22.id], quotes: [{ supplier: '甲', amount: 30000 }, { supplier: '乙', amount: 28000 }] }));
    expect(mine.households).toBe(2);
    const detail = ok(await company.request('GET', `/api/property/repairs/${mine.id}`));
    expect(detail.budget).toBe(28000);
    expect(detail.byCompany).toBe('滨河物业');
    expect(detail.approval).toBe('vote');
  });

  it('should take an urgent lift repair through the emergency procedure to publication, step by step', async () => {
    const photo = await upload(worker);
    const { id } = ok(await apply(worker, { quotes: [{ supplier: '吕梁电梯维保公司', amount: 86000, photoIds: [photo] }] }));
    let d = ok(await worker.request('GET', `/api/property/repairs/${id}`));
    expect(d).toMatchObject({ status: 'applied', approval: 'emergency', households: 1 });
    expect(d.quotes[0].photos).toEqual([{ id: photo, url: `/api/files/${photo}` }]);
    expect(d.actions).toEqual(['approve_community', 'reject']);

    // Skipping steps is refused with the reason.
    const early = await worker.request('POST', `/api/property/repairs/${id}/start`, {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '该维修项目正在审批中' });
    expect((await worker.request('POST', `/api/property/repairs/${id}/vote`, { votedOn: '2026-11-01', participatingArea: 600, participatingOwners: 6, agreeingArea: 600, agreeingOwners: 6 })).body.message)
      .toBe('应急维修由社区和街道审批，无需业主表决');
    // The community cannot approve for the street, and another street does not see it.
    expect((await worker.request('POST', `/api/property/repairs/${id}/approve-street`, {})).status).toBe(403);
    expect((await otherStreet.request('POST', `/api/property/repairs/${id}/approve-street`, {})).status).toBe(404);

    expect(ok(await street.request('POST', `/api/property/repairs/${id}/approve-street`, { note: '同意按应急程序' })).status).toBe('applied');
    expect((await street.request('POST', `/api/property/repairs/${id}/approve-street`, {})).body.message).toBe('街道已审批同意');
    expect(ok(await worker.request('POST', `/api/property/repairs/${id}/approve-community`, {})).status).toBe('approved');
    clock.advance(86400_000);
    // The serving company carries it out.
    expect(ok(await company.request('POST', `/api/property/repairs/${id}/start`, {})).status).toBe('in_progress');
    const done = await upload(company);
    expect(ok(await company.request('POST', `/api/property/repairs/${id}/finish`, { photoIds: [done] })).status).toBe('done');
    expect((await company.request('POST', `/api/property/repairs/${id}/accept`, { note: '合格' })).status).toBe(403);
    expect(ok(await secretary.request('POST', `/api/property/repairs/${id}/send-back`, { reason: '轿厢照明未恢复' })).status).toBe('in_progress');
    expect(ok(await company.request('POST', `/api/property/repairs/${id}/finish`, {})).status).toBe('done');
    expect((await secretary.request('POST', `/api/property/repairs/${id}/accept`, {})).status).toBe(400);
    expect(ok(await secretary.request('POST', `/api/property/repairs/${id}/accept`, { note: '运行正常，验收合格' })).status).toBe('accepted');
    expect((await secretary.request('POST', `/api/property/repairs/${id}/publish`, {})).status).toBe(400);
    expect(ok(await street.request('POST', `/api/property/repairs/${id}/publish`, { finalAmount: 84500 })).status).toBe('published');
    expect((await street.request('POST', `/api/property/repairs/${id}/publish`, { finalAmount: 84500 })).body.message).toBe('该维修项目已公示，不能再更改');

    d = ok(await county.request('GET', `/api/property/repairs/${id}`));
    expect(d).toMatchObject({ status: 'published', finalAmount: 84500, acceptNote: '运行正常，验收合格', actions: [] });
    expect(d.streetApproval.at).toBeTruthy();
    expect(d.communityApproval.at).toBeTruthy();
    expect(d.steps.map((s: any) => s.action)).toEqual(['apply', 'approve_street', 'approve_community', 'start', 'finish', 'send_back', 'finish', 'accept', 'publish']);
    expect(d.steps[5].note).toBe('轿厢照明未恢复');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'property_repair').where('entity_id', '=', String(id)).execute();
    expect(audit.length).toBe(9);

    // The resident of the compound sees it with residents' fields and the finished work's photo; another compound's staff do not.
    const mine = ok(await resident.request('GET', '/api/property/my-repairs'));
    expect(mine.compoundName).toBe(A.grid.name);
    const seen = mine.items.find((r: any) => r.id === id);
    expect(seen).toMatchObject({ status: 'published', finalAmount: 84500, households: 1, photos: [{ id: done, url: `/api/files/${done}` }] });
    expect(Object.keys(seen)).not.toContain('quotes');
    expect(JSON.stringify(mine)).not.toContain('吕梁电梯维保公司');
    expect((await resident.request('GET', `/api/files/${done}`)).status).toBe(200);
    expect((await resident.request('GET', `/api/files/${photo}`)).status).toBe(404);
    expect((await resident.request('GET', '/api/property/repairs')).status).toBe(403);
    expect((await otherWorker.request('GET', `/api/property/repairs/${id}`)).status).toBe(404);
  });

  it('should approve by the owners vote only when article 278 is met', async () => {
    const { id } = ok(await apply(worker, { kind: 'wall_leak', urgent: false, quantity: 120.5, placeIds: [building2.id] }));
    // 6 owners and 600 m²: 3 taking part is not two thirds.
    const short = await worker.request('POST', `/api/property/repairs/${id}/vote`, { votedOn: '2026-11-02', participatingArea: 300, participatingOwners: 3, agreeingArea: 300, agreeingOwners: 3 });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/^表决未达到民法典第二百七十八条的要求：参与表决的专有部分面积不足总面积的三分之二/);
    expect((await street.request('POST', `/api/property/repairs/${id}/approve-street`, {})).body.message).toBe('该项目不属于应急维修，须由业主表决决定');
    expect((await worker.request('POST', `/api/property/repairs/${id}/vote`, { votedOn: '2026-12-30', participatingArea: 400, participatingOwners: 4, agreeingArea: 300, agreeingOwners: 3 })).status).toBe(400);
    expect(ok(await worker.request('POST', `/api/property/repairs/${id}/vote`, { votedOn: '2026-11-02', participatingArea: 400, participatingOwners: 4, agreeingArea: 300, agreeingOwners: 3 })).status).toBe('approved');
    const d = ok(await worker.request('GET', `/api/property/repairs/${id}`));
    expect(d.vote).toMatchObject({ totalArea: 600, totalOwners: 6, participatingOwners: 4, agreeingOwners: 3 });
    for (const [s, step, body] of [[worker, 'start', {}], [worker, 'finish', {}], [secretary, 'accept', { note: '不再渗漏' }]] as const) {
      ok(await s.request('POST', `/api/property/repairs/${id}/${step}`, body));
    }
    // A rejected one is final.
    const other = ok(await apply(worker, { kind: 'other', urgent: false }));
    expect(ok(await street.request('POST', `/api/property/repairs/${other.id}/reject`, { reason: '不属于维修资金使用范围' })).status).toBe('rejected');
    expect((await worker.request('POST', `/api/property/repairs/${other.id}/vote`, { votedOn: '2026-11-02', participatingArea: 600, participatingOwners: 6, agreeingArea: 600, agreeingOwners: 6 })).status).toBe(409);
  });

  it('should count the figures of accepted repairs by place and China month, and list with filters', async () => {
    const f = ok(await county.request('GET', '/api/property/repairs/figures'));
    expect(f.totals).toEqual({ repairs: 2, lifts: 1, sheds: 0, chargingPorts: 0, wallM2: 120.5, households: 5, amount: 84500 + 86000 });
    expect(f.byPlace).toEqual([expect.objectContaining({ orgId: city.streets[0]!.id, repairs: 2, lifts: 1 })]);
    expect(f.byMonth.map((m: any) => m.month)).toEqual(['2026-11']);
    expect(ok(await otherStreet.request('GET', '/api/property/repairs/figures')).totals.repairs).toBe(0);
    expect(ok(await county.request('GET', '/api/property/repairs/figures?from=2026-12')).totals.repairs).toBe(0);
    expect((await county.request('GET', '/api/property/repairs/figures?from=2026-13')).status).toBe(400);
    expect((await company.request('GET', '/api/property/repairs/figures')).status).toBe(403);

    const all = ok(await county.request('GET', '/api/property/repairs?pageSize=2'));
    expect(all.total).toBe(5);
    expect(all.items.length).toBe(2);
    expect(ok(await county.request('GET', '/api/property/repairs?status=published')).items.map((r: any) => r.kind)).toEqual(['lift']);
    expect(ok(await county.request('GET', '/api/property/repairs?kind=charging')).total).toBe(1);
    expect(ok(await county.request('GET', `/api/property/repairs?compoundId=${A.grid.id}`)).total).toBe(5);
    expect(ok(await otherStreet.request('GET', '/api/property/repairs')).total).toBe(0);
    // The company follows the repairs of the compounds it serves, whoever applied.
    expect(ok(await company.request('GET', '/api/property/repairs')).total).toBe(5);
    expect((await county.request('GET', '/api/property/repairs?status=nope')).status).toBe(400);
  });
});
