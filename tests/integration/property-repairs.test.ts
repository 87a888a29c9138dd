import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castIn, closeVoteNow } from '../../server/modules/selfrun/votes.service.js';
import { chinaDay, ManualClock } from '../../server/platform/clock.js';
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
  let B: City['communities'][number];
  let workerId: number, unitsA: number[], unitsB: number[];
  const DAY = 86_400_000;

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
  /**
   * An owners' vote of the compound (selfrun) with paper ballots from the first `voters` units
   * (each agreeing to a matter while its index is below the matter's `agree`), closed and counted
   * by the votes' own close unless `close` is false.
   */
  async function countedVote(grid: Unit, units: number[], title: string, matters: { title: string; kind: 'special' | 'ordinary'; purpose: 'maintenance_fund' | 'other'; agree: number }[], o: { close?: boolean } = {}) {
    const now = clock.now().getTime();
    const { id } = await t.db.insertInto('owner_vote').values({
      compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, title, status: 'open', announced_at: new Date(now - 20 * DAY),
      opens_at: new Date(now - 5 * DAY), closes_at: new Date(now + (o.close === false ? DAY : -3600_000)), created_at: new Date(now - 21 * DAY),
    }).returning('id').executeTakeFirstOrThrow();
    const ms = await t.db.insertInto('owner_vote_matter').values(matters.map((m, i) => ({ vote_id: id, seq: i + 1, title: m.title, kind: m.kind, purpose: m.purpose })))
      .returning('id').execute();
    await t.db.transaction().execute(async (trx) => {
      const v = await trx.selectFrom('owner_vote').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      for (const [i, u] of units.entries()) {
        await castIn(trx, v, [u], new Map(ms.map((m, j) => [m.id, i < matters[j]!.agree ? 'agree' : 'disagree'] as const)), 'paper', workerId, new Date(now - DAY));
      }
    });
    if (o.close !== false) await closeVoteNow({ db: t.db, clock }, id);
    return ms.map((m) => m.id);
  }
  async function ownedUnits(grid: Unit, n: number) {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const { id } = await t.db.insertInto('owned_unit').values({ compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, label: `${i + 1}室`, area_m2: 100 })
        .returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('unit_owner').values({ owned_unit_id: id, compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, owner_key: `${grid.id}-${i}`, name: `业主${i}` }).execute();
      ids.push(id);
    }
    return ids;
  }
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

    const w = await addAccount(t.db, 'community_worker', A.community);
    worker = await login(t.app, w.username);
    workerId = w.id;
    B = city.communities[1]!;
    // The owners' register of compounds A (six units of 100 m², one owner each) and B (one unit): what votes count.
    unitsA = await ownedUnits(A.grid, 6);
    unitsB = await ownedUnits(B.grid, 1);
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
    expect((await worker.request('POST', `/api/property/repairs/${id}/vote`, { matterId: 1 })).body.message).toBe('应急维修由社区和街道审批，无需业主表决');
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

  it('should approve by a counted, passed owners vote of the compound on using the fund, its figures taken from the vote', async () => {
    const { id } = ok(await apply(worker, { kind: 'wall_leak', urgent: false, quantity: 120.5, placeIds: [building2.id] }));
    const [useFund, raiseFund, other] = await countedVote(A.grid, unitsA, '2026年外墙维修业主表决', [
      { title: '使用专项维修资金维修2号楼外墙', kind: 'ordinary', purpose: 'maintenance_fund', agree: 5 },
      { title: '续筹专项维修资金', kind: 'special', purpose: 'maintenance_fund', agree: 5 },
      { title: '更换门禁系统', kind: 'ordinary', purpose: 'other', agree: 6 },
    ]);
    const [failed] = await countedVote(A.grid, unitsA, '楼顶防水表决', [{ title: '使用维修资金做楼顶防水', kind: 'ordinary', purpose: 'maintenance_fund', agree: 2 }]);
    const [open] = await countedVote(A.grid, unitsA, '尚在投票', [{ title: '使用维修资金更换水泵', kind: 'ordinary', purpose: 'maintenance_fund', agree: 6 }], { close: false });
    const [elsewhere] = await countedVote(B.grid, unitsB, '别的小区', [{ title: '使用维修资金', kind: 'ordinary', purpose: 'maintenance_fund', agree: 1 }]);

    // The page's list: the compound's counted matters, the one that may decide it first, the others with their reason.
    const list = ok(await worker.request('GET', `/api/property/repairs/${id}/vote-matters`));
    expect(list.map((m: any) => [m.matterId, m.refusal])).toEqual([
      [useFund, null],
      [failed, '该事项表决未通过：同意的面积未过参与表决面积的半数；同意的业主未过参与表决人数的半数'],
      [raiseFund, '该事项是特别事项（筹集维修资金），使用维修资金须由一般事项表决决定'],
      [other, '该事项不是使用专项维修资金的表决事项'],
    ]);
    expect(list[0].counts).toEqual({ totalArea: 600, totalOwners: 6, participatingArea: 600, participatingOwners: 6, agreeingArea: 500, agreeingOwners: 5 });
    expect((await otherWorker.request('GET', `/api/property/repairs/${id}/vote-matters`)).status).toBe(404);

    // Each refusal with its reason; nothing is typed.
    const vote = (matterId: number) => worker.request('POST', `/api/property/repairs/${id}/vote`, { matterId });
    expect((await vote(elsewhere)).body).toMatchObject({ code: 'VALIDATION_FAILED', message: '该表决事项属于其他小区，不能作为本小区维修的依据' });
    expect((await vote(open)).body).toMatchObject({ code: 'INVALID_TRANSITION', message: '该表决尚未结束计票，请在表决结束、计票完成后再登记' });
    expect((await vote(raiseFund)).body.message).toBe('该事项是特别事项（筹集维修资金），使用维修资金须由一般事项表决决定');
    expect((await vote(other)).body.message).toBe('该事项不是使用专项维修资金的表决事项');
    expect((await vote(failed)).body.message).toMatch(/^该事项表决未通过：同意的面积未过参与表决面积的半数/);
    expect((await vote(999999)).status).toBe(404);
    expect((await worker.request('POST', `/api/property/repairs/${id}/vote`, { votedOn: '2026-11-02', participatingArea: 600 })).status).toBe(400);
    expect((await street.request('POST', `/api/property/repairs/${id}/approve-street`, {})).body.message).toBe('该项目不属于应急维修，须由业主表决决定');
    expect((await company.request('POST', `/api/property/repairs/${id}/vote`, { matterId: useFund })).status).toBe(403);

    expect(ok(await vote(useFund)).status).toBe('approved');
    const d = ok(await worker.request('GET', `/api/property/repairs/${id}`));
    expect(d.vote).toEqual({
      totalArea: 600, totalOwners: 6, participatingArea: 600, participatingOwners: 6, agreeingArea: 500, agreeingOwners: 5, votedOn: chinaDay(clock.now()),
      from: { voteId: expect.any(Number), voteTitle: '2026年外墙维修业主表决', matterTitle: '使用专项维修资金维修2号楼外墙' },
    });
    expect(d.steps.at(-1).note).toContain('业主表决「2026年外墙维修业主表决」事项「使用专项维修资金维修2号楼外墙」通过');

    // One matter decides one repair.
    const second = ok(await apply(worker, { kind: 'wall_leak', urgent: false, quantity: 10, placeIds: [building2.id] }));
    const again = await worker.request('POST', `/api/property/repairs/${second.id}/vote`, { matterId: useFund });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_EXISTS', message: '该表决事项已用于维修项目「1号楼电梯更换曳引机」' });
    const secondList = ok(await worker.request('GET', `/api/property/repairs/${second.id}/vote-matters`));
    expect(secondList.find((m: any) => m.matterId === useFund).refusal).toBe('该表决事项已用于维修项目「1号楼电梯更换曳引机」');
    ok(await street.request('POST', `/api/property/repairs/${second.id}/reject`, { reason: '与已批准项目重复' }));

    for (const [s, step, body] of [[worker, 'start', {}], [worker, 'finish', {}], [secretary, 'accept', { note: '不再渗漏' }]] as const) {
      ok(await s.request('POST', `/api/property/repairs/${id}/${step}`, body));
    }
    // A rejected one is final.
    const other2 = ok(await apply(worker, { kind: 'other', urgent: false }));
    expect(ok(await street.request('POST', `/api/property/repairs/${other2.id}/reject`, { reason: '不属于维修资金使用范围' })).status).toBe('rejected');
    expect((await worker.request('POST', `/api/property/repairs/${other2.id}/vote`, { matterId: useFund })).status).toBe(409);
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
    expect(all.total).toBe(6);
    expect(all.items.length).toBe(2);
    expect(ok(await county.request('GET', '/api/property/repairs?status=published')).items.map((r: any) => r.kind)).toEqual(['lift']);
    expect(ok(await county.request('GET', '/api/property/repairs?kind=charging')).total).toBe(1);
    expect(ok(await county.request('GET', `/api/property/repairs?compoundId=${A.grid.id}`)).total).toBe(6);
    expect(ok(await otherStreet.request('GET', '/api/property/repairs')).total).toBe(0);
    // The company follows the repairs of the compounds it serves, whoever applied.
    expect(ok(await company.request('GET', '/api/property/repairs')).total).toBe(6);
    expect((await county.request('GET', '/api/property/repairs?status=nope')).status).toBe(400);
  });

  it('should keep showing the counts of a repair approved before votes were linked, as they were typed', async () => {
    const { id } = ok(await apply(worker, { kind: 'ebike_shed', urgent: false, quantity: 1, placeIds: [building2.id] }));
    // A row as issue 14 left it: the owners' figures typed by hand, no vote matter.
    await t.db.updateTable('property_repair').set({
      status: 'approved', approved_at: clock.now(), vote_total_area: 600, vote_total_owners: 6, vote_part_area: 450, vote_part_owners: 5,
      vote_agree_area: 400, vote_agree_owners: 4, voted_on: '2026-10-20',
    }).where('id', '=', id).execute();
    const d = ok(await worker.request('GET', `/api/property/repairs/${id}`));
    expect(d.vote).toEqual({ totalArea: 600, totalOwners: 6, participatingArea: 450, participatingOwners: 5, agreeingArea: 400, agreeingOwners: 4, votedOn: '2026-10-20', from: null });
    expect(d.actions).toEqual(['start']);
  });
});
