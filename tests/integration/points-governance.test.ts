import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { pointsJobHandlers } from '../../server/modules/points/points.jobs.js';
import { recordVolunteerHours } from '../../server/modules/points/points-records.service.js';
import { maskName } from '../../server/modules/points/points-common.js';
import { addAccount, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * Points governance through the API: rules with versions, 一事一记 and its refusals, review,
 * the month close and its settle job, objections corrected by reversing entries, the public
 * notice, honours, the ledger check and scope.
 */
describe('points governance', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  const clock = new ManualClock(new Date('2026-10-10T10:00:00+08:00'));
  let worker: Session, secretary: Session, grid: Session, resident: Session, county: Session, otherWorker: Session;
  let A: Awaited<ReturnType<typeof buildSmallCity>>['communities'][number];
  let B: Awaited<ReturnType<typeof buildSmallCity>>['communities'][number];
  let items: Record<string, { id: number; points: number }>;
  let photoId: number;
  let merchantId: number;

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
  const record = (s: Session, body: Record<string, unknown>) => s.request('POST', '/api/points/records', {
    holderKind: 'household', holderId: A.household.id, occurredOn: '2026-10-09', note: '', ...body,
  });
  const loadItems = async () => {
    const r = await worker.request('GET', `/api/points/rules?communityId=${A.community.id}`);
    expect(r.status).toBe(200);
    items = Object.fromEntries(r.body.items.map((i: { code: string; id: number; points: number }) => [i.code, i]));
    return r.body;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    A = city.communities[0]!;
    B = city.communities[4]!;
    await t.db.updateTable('resident').set({ name: '张建华' }).where('id', '=', A.residentId).execute();
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', A.community)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', A.community)).username);
    grid = await login(t.app, (await addAccount(t.db, 'grid_worker', A.grid)).username);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    otherWorker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[1]!.community)).username);
    const r = await addAccount(t.db, 'resident', A.unit);
    await t.db.updateTable('account').set({ resident_id: A.residentId }).where('id', '=', r.id).execute();
    resident = await login(t.app, r.username);
    photoId = await upload(worker);
    merchantId = (await t.db.selectFrom('merchant').select('id').where('org_path', 'like', `${A.community.path}%`).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  it('should serve the shipped rules to a community that never changed them', async () => {
    const rules = await loadItems();
    expect(rules).toMatchObject({ baseHousehold: 100, baseMerchant: 100, objectionDays: 5, customized: false });
    expect(rules.items).toHaveLength(15);
    expect(rules.items.filter((i: { direction: string }) => i.direction === 'negative')).toHaveLength(5);
    expect(items.volunteer_service).toMatchObject({ unit: 'hours', points: 2 });
    expect(rules.items.find((i: { code: string }) => i.code === 'public_space').name).toBe('占用公共空间（消防通道、楼道堆物、乱停车）');
  });

  it('should grant base points once per holder, in batches', async () => {
    const first = await worker.request('POST', '/api/points/base/grant', { communityId: A.community.id });
    expect(first.body).toEqual({ granted: 2, households: 1, merchants: 1 });
    const again = await worker.request('POST', '/api/points/base/grant', { communityId: A.community.id });
    expect(again.body).toEqual({ granted: 0, households: 0, merchants: 0 });
    const bal = await t.db.selectFrom('points_balance').selectAll().where('holder_kind', '=', 'household').where('holder_id', '=', A.household.id).executeTakeFirstOrThrow();
    expect({ balance: bal.balance, score: bal.score }).toEqual({ balance: 100, score: 100 });
  });

  let oldRecordId: number;
  it('should keep old records on the version they were scored under when a rule changes', async () => {
    const before = await record(worker, { itemId: items.waste_sorting!.id, quantity: 1 });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ points: 1, status: 'pending', itemName: '垃圾分类', month: '2026-10' });
    oldRecordId = before.body.id;

    const patched = await worker.request('PATCH', '/api/points/rules/items/waste_sorting', { communityId: A.community.id, points: 2 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ code: 'waste_sorting', points: 2, version: 2 });
    const versions = await worker.request('GET', `/api/points/rules/items/waste_sorting/versions?communityId=${A.community.id}`);
    expect(versions.body.items.map((v: { version: number; points: number }) => [v.version, v.points])).toEqual([[1, 1], [2, 2]]);
    expect(versions.body.items[0].validTo).not.toBeNull();

    const stale = await record(worker, { itemId: items.waste_sorting!.id });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('规则已修改');
    await loadItems();
    const after = await record(worker, { itemId: items.waste_sorting!.id });
    expect(after.body).toMatchObject({ points: 2 });
    const old = await worker.request('GET', `/api/points/records?communityId=${A.community.id}&month=2026-10`);
    const oldOne = old.body.items.find((r: { id: number }) => r.id === oldRecordId);
    expect(oldOne).toMatchObject({ points: 1 });
    expect(oldOne.itemId).not.toBe(items.waste_sorting!.id);
  });

  it('should refuse records with a plain reason: role, evidence, cap, inactive item', async () => {
    await worker.request('PATCH', '/api/points/rules/items/suggestion', { communityId: A.community.id, recorderRoles: ['community_secretary'] });
    await loadItems();
    const role = await record(grid, { itemId: items.suggestion!.id });
    expect(role.status).toBe(403);
    expect(role.body.message).toContain('建言献策');

    const evidence = await record(worker, { itemId: items.neighbour_help!.id });
    expect(evidence.status).toBe(400);
    expect(evidence.body.message).toContain('照片');
    const withPhoto = await record(worker, { itemId: items.neighbour_help!.id, photoIds: [photoId] });
    expect(withPhoto.status).toBe(200);
    expect(withPhoto.body.photoIds).toEqual([photoId]);
    const badPhoto = await record(worker, { itemId: items.neighbour_help!.id, photoIds: [999999] });
    expect(badPhoto.status).toBe(400);

    const five = await record(grid, { itemId: items.community_activity!.id, quantity: 4, photoIds: [await upload(grid)] });
    expect(five.body.points).toBe(8);
    const over = await record(grid, { itemId: items.community_activity!.id, quantity: 2, photoIds: [await upload(grid)] });
    expect(over.status).toBe(409);
    expect(over.body.message).toContain('还可记 2 分');
    // Other holders are not affected by this household's cap.
    const shop = await record(grid, { holderKind: 'merchant', holderId: merchantId, itemId: items.community_activity!.id, quantity: 2, photoIds: [await upload(grid)] });
    expect(shop.status).toBe(200);

    await worker.request('PATCH', '/api/points/rules/items/civility', { communityId: A.community.id, active: false });
    await loadItems();
    const inactive = await record(worker, { itemId: items.civility!.id, photoIds: [photoId] });
    expect(inactive.status).toBe(409);
    expect(inactive.body.message).toContain('已停用');

    const future = await record(worker, { itemId: items.waste_sorting!.id, occurredOn: '2026-10-20' });
    expect(future.status).toBe(400);
  });

  it('should return the same record when an offline phone replays it', async () => {
    const clientId = randomUUID();
    const a = await record(grid, { itemId: items.waste_sorting!.id, clientId });
    const b = await record(grid, { itemId: items.waste_sorting!.id, clientId });
    expect(a.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    const stolen = await record(worker, { itemId: items.waste_sorting!.id, clientId });
    expect(stolen.status).toBe(409);
  });

  it('should record a penalty and volunteer hours by the hour', async () => {
    const p = await record(grid, { itemId: items.public_space!.id, photoIds: [await upload(grid)], note: '楼道堆放纸箱' });
    expect(p.body).toMatchObject({ points: -3, direction: 'negative' });
    const half = await record(worker, { itemId: items.volunteer_service!.id, quantity: 1.25 });
    expect(half.status).toBe(400);
    const v = await t.db.transaction().execute((trx) => recordVolunteerHours(trx, {
      holder: { kind: 'household', id: A.household.id }, hours: 3, occurredOn: '2026-10-08', note: '敬老院助老', createdBy: null, at: clock.now(),
    }));
    expect(v).toMatchObject({ points: 6 });
    const capped = await t.db.transaction().execute((trx) => recordVolunteerHours(trx, {
      holder: { kind: 'household', id: A.household.id }, hours: 10, occurredOn: '2026-10-08', note: '', createdBy: null, at: clock.now(),
    }));
    expect(capped).toMatchObject({ points: 14 }); // cap 20 per month
    const none = await t.db.transaction().execute((trx) => recordVolunteerHours(trx, {
      holder: { kind: 'household', id: A.household.id }, hours: 1, occurredOn: '2026-10-08', note: '', createdBy: null, at: clock.now(),
    }));
    expect(none).toBeNull();
  });

  it('should let the points group review, never their own records, and book approvals in the ledger', async () => {
    const pending = await secretary.request('GET', `/api/points/records?communityId=${A.community.id}&status=pending&pageSize=100`);
    const ids = pending.body.items.map((r: { id: number }) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    const rejectNoNote = await secretary.request('POST', '/api/points/records/review', { ids: [ids[0]], decision: 'reject' });
    expect(rejectNoNote.status).toBe(400);
    const own = await worker.request('POST', '/api/points/records/review', { ids: [oldRecordId], decision: 'approve' });
    expect(own.body.skipped).toEqual([{ id: oldRecordId, reason: expect.stringContaining('自己登记') }]);
    const gridTries = await grid.request('POST', '/api/points/records/review', { ids, decision: 'approve' });
    expect(gridTries.status).toBe(403);

    const ok = await secretary.request('POST', '/api/points/records/review', { ids, decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ approved: ids.length, rejected: 0, skipped: [] });
    const again = await secretary.request('POST', '/api/points/records/review', { ids: [ids[0]], decision: 'approve' });
    expect(again.body.skipped[0].reason).toBe('已审核通过');
    const approved = await secretary.request('GET', `/api/points/records?communityId=${A.community.id}&status=approved&pageSize=100`);
    expect(approved.body.items.every((r: { entryId: number | null }) => r.entryId !== null)).toBe(true);
    const bal = await t.db.selectFrom('points_balance').selectAll().where('holder_kind', '=', 'household').where('holder_id', '=', A.household.id).executeTakeFirstOrThrow();
    const sum = await t.db.selectFrom('points_entry').select(sql<number>`sum(amount)::int`.as('s')).where('holder_kind', '=', 'household').where('holder_id', '=', A.household.id).executeTakeFirstOrThrow();
    expect(bal.balance).toBe(sum.s);
  });

  it('should refuse to close a month that has not ended or still has pending records, and close once', async () => {
    const early = await secretary.request('POST', '/api/points/months/close', { communityId: A.community.id, month: '2026-10' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('尚未结束');

    await record(worker, { itemId: items.waste_sorting!.id, occurredOn: '2026-10-10' });
    clock.set('2026-11-02T09:00:00+08:00');
    const pending = await secretary.request('POST', '/api/points/months/close', { communityId: A.community.id, month: '2026-10' });
    expect(pending.status).toBe(409);
    expect(pending.body).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('1 条记录待审核') });
    const list = await secretary.request('GET', `/api/points/records?communityId=${A.community.id}&status=pending`);
    await secretary.request('POST', '/api/points/records/review', { ids: list.body.items.map((r: { id: number }) => r.id), decision: 'reject', note: '重复登记' });

    const closed = await secretary.request('POST', '/api/points/months/close', { communityId: A.community.id, month: '2026-10' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ month: '2026-10', status: 'closed', pending: 0, noticeUrl: `/public/points/${A.community.id}/2026-10` });
    expect(new Date(closed.body.objectionUntil).getTime() - clock.now().getTime()).toBe(5 * 86400_000);
    const twice = await secretary.request('POST', '/api/points/months/close', { communityId: A.community.id, month: '2026-10' });
    expect(twice.body).toEqual(closed.body);
    const months = await secretary.request('GET', `/api/points/months?communityId=${A.community.id}`);
    expect(months.body.items.find((m: { month: string }) => m.month === '2026-10').status).toBe('closed');
    expect(months.body.items.find((m: { month: string }) => m.month === '2026-11').status).toBe('open');

    const late = await record(worker, { itemId: items.waste_sorting!.id, occurredOn: '2026-10-30' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已结账公示');
  });

  it('should publish a notice anyone can read, with names masked and no ID numbers or phones', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/points/notices/${A.community.id}/2026-10` });
    expect(res.statusCode).toBe(200);
    const n = res.json();
    expect(n).toMatchObject({ communityName: A.community.name, month: '2026-10', households: 1 });
    const hh = n.rows.find((r: { kind: string }) => r.kind === 'household');
    expect(hh.label).toBe('张*华 1号楼1单元');
    // Base points were granted in October too, so the month's change is the whole score.
    expect(hh.monthChange).toBe(hh.score);
    expect(hh.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['基础分', '志愿服务', '占用公共空间（消防通道、楼道堆物、乱停车）']));
    const text = res.body;
    expect(text).not.toContain('张建华');
    const r = await t.db.selectFrom('resident').select(['id_number_mask', 'phone_mask']).where('id', '=', A.residentId).executeTakeFirstOrThrow();
    expect(text).not.toContain(r.phone_mask!.slice(-4) + '"');
    expect(text).not.toContain(r.id_number_mask.slice(0, 6));
    expect(maskName('欧阳修文')).toBe('欧*文');

    const list = await t.app.inject({ method: 'GET', url: `/api/public/points/notices?orgId=${city.county.id}` });
    expect(list.json().items).toEqual([expect.objectContaining({ communityId: A.community.id, month: '2026-10' })]);
    const open = await t.app.inject({ method: 'GET', url: `/api/public/points/notices/${A.community.id}/2026-11` });
    expect(open.statusCode).toBe(404);
  });

  let objectionId: number;
  it('should take objections inside the window and correct upheld ones by reversing entries only', async () => {
    const recs = await secretary.request('GET', `/api/points/records?communityId=${A.community.id}&status=approved&month=2026-10&pageSize=100`);
    const penalty = recs.body.items.find((r: { points: number }) => r.points === -3);
    const filed = await resident.request('POST', '/api/points/objections', { communityId: A.community.id, month: '2026-10', recordId: penalty.id, reason: '纸箱是邻居放的，不是我家' });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'open', holderId: A.household.id, recordId: penalty.id });
    objectionId = filed.body.id;
    const notMine = await resident.request('POST', '/api/points/objections', { communityId: B.community.id, month: '2026-10', reason: '不是本社区的' });
    expect(notMine.status).toBe(404);

    const before = await t.db.selectFrom('points_balance').selectAll().where('holder_kind', '=', 'household').where('holder_id', '=', A.household.id).executeTakeFirstOrThrow();
    const entriesBefore = await t.db.selectFrom('points_entry').selectAll().orderBy('id').execute();

    // The window ends with the objection still open: the settle job leaves the month closed.
    clock.advance(5 * 86400_000 + 1000);
    await runDueJobs(t.db, pointsJobHandlers(), clock);
    const m1 = await secretary.request('GET', `/api/points/months?communityId=${A.community.id}`);
    expect(m1.body.items.find((m: { month: string }) => m.month === '2026-10').status).toBe('closed');
    const late = await resident.request('POST', '/api/points/objections', { communityId: A.community.id, month: '2026-10', reason: '异议期已过还想提' });
    expect(late.status).toBe(409);

    const noFix = await secretary.request('POST', `/api/points/objections/${objectionId}/decide`, { decision: 'uphold', note: '核实属实' });
    expect(noFix.status).toBe(400);
    const upheld = await secretary.request('POST', `/api/points/objections/${objectionId}/decide`, { decision: 'uphold', note: '核实属实', reverseRecordIds: [penalty.id] });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', reversalEntryIds: [expect.any(Number)] });
    const twice = await secretary.request('POST', `/api/points/objections/${objectionId}/decide`, { decision: 'dismiss', note: '再处理' });
    expect(twice.status).toBe(409);
    // The resident sees the answer to their own objection, and only their own.
    const mine = await resident.request('GET', '/api/points/me/objections');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: objectionId, status: 'upheld', decisionNote: '核实属实' })]);
    const stranger = await login(t.app, (await addAccount(t.db, 'resident', A.unit)).username);
    expect((await stranger.request('GET', '/api/points/me/objections')).body.items).toEqual([]);

    // Nothing edited: every earlier entry is as it was; one reversing entry was added.
    const entriesAfter = await t.db.selectFrom('points_entry').selectAll().orderBy('id').execute();
    expect(entriesAfter.slice(0, entriesBefore.length)).toEqual(entriesBefore);
    expect(entriesAfter.slice(entriesBefore.length)).toEqual([expect.objectContaining({ kind: 'reversal', amount: 3, month: '2026-10', reverses_id: penalty.entryId })]);
    const after = await t.db.selectFrom('points_balance').selectAll().where('holder_kind', '=', 'household').where('holder_id', '=', A.household.id).executeTakeFirstOrThrow();
    expect(after.score).toBe(before.score + 3);
    const rec = await secretary.request('GET', `/api/points/records?communityId=${A.community.id}&month=2026-10&status=approved&pageSize=100`);
    expect(rec.body.items.find((r: { id: number }) => r.id === penalty.id).reversed).toBe(true);

    // Deciding the last open objection after the window settles the month.
    const m2 = await secretary.request('GET', `/api/points/months?communityId=${A.community.id}`);
    expect(m2.body.items.find((m: { month: string }) => m.month === '2026-10').status).toBe('settled');
    const notice = await t.app.inject({ method: 'GET', url: `/api/public/points/notices/${A.community.id}/2026-10` });
    expect(notice.json().corrections).toEqual([expect.objectContaining({ label: '张*华 1号楼1单元', points: 3 })]);
    const objections = await secretary.request('GET', `/api/points/objections?communityId=${A.community.id}`);
    expect(objections.body.total).toBe(1);
  });

  it('should settle a closed month by the DB job when its window ends without objections', async () => {
    const c2 = city.communities[1]!;
    clock.set('2026-11-03T09:00:00+08:00');
    const closed = await otherWorker.request('POST', '/api/points/months/close', { communityId: c2.community.id, month: '2026-10' });
    expect(closed.body.status).toBe('closed');
    clock.advance(4 * 86400_000);
    await runDueJobs(t.db, pointsJobHandlers(), clock);
    let m = await otherWorker.request('GET', `/api/points/months?communityId=${c2.community.id}`);
    expect(m.body.items.find((x: { month: string }) => x.month === '2026-10').status).toBe('closed');
    clock.advance(86400_000);
    expect(await runDueJobs(t.db, pointsJobHandlers(), clock)).toBe(1);
    m = await otherWorker.request('GET', `/api/points/months?communityId=${c2.community.id}`);
    expect(m.body.items.find((x: { month: string }) => x.month === '2026-10').status).toBe('settled');
  });

  it('should show a resident their own points and entries', async () => {
    const me = await resident.request('GET', '/api/points/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ holder: { kind: 'household', id: A.household.id }, rankInCommunity: 1, communityHouseholds: 1 });
    expect(me.body.holder.label).toBe('1号楼1单元101 张*华');
    const entries = await resident.request('GET', '/api/points/me/entries?pageSize=50');
    expect(entries.body.total).toBeGreaterThan(3);
    expect(entries.body.items[0].balanceAfter).toBe(me.body.balance);
    expect(entries.body.items.map((e: { itemName: string }) => e.itemName)).toContain('基础分');
    const rules = await resident.request('GET', '/api/points/me/rules');
    expect(rules.status).toBe(200);
    expect(rules.body.communityId).toBe(A.community.id);
    expect(rules.body.items.some((i: { code: string }) => i.code === 'volunteer_service')).toBe(true);
    expect((await resident.request('GET', `/api/points/rules?communityId=${A.community.id}`)).status).toBe(403);
    const nobody = await login(t.app, (await addAccount(t.db, 'resident', A.unit)).username);
    const none = await nobody.request('GET', '/api/points/me');
    expect(none.status).toBe(404);
    expect(none.body.message).toContain('没有关联住户');
    expect((await nobody.request('GET', '/api/points/me/rules')).status).toBe(404);
  });

  it('should count issued, deducted and records per month and per child', async () => {
    const s = await county.request('GET', `/api/points/stats?orgId=${city.streets[0]!.id}&from=2026-09&to=2026-11`);
    expect(s.status).toBe(200);
    const oct = s.body.months.find((m: { month: string }) => m.month === '2026-10');
    expect(oct.issued).toBeGreaterThan(100);
    expect(oct.deducted).toBe(0); // the one penalty was reversed
    expect(oct.records).toBeGreaterThan(5);
    expect(s.body.months.map((m: { month: string }) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(s.body.children.find((c: { id: number }) => c.id === A.community.id).issued).toBe(oct.issued);
  });

  it('should list honour candidates with their deeds and export them', async () => {
    const h = await secretary.request('GET', `/api/points/honours/households?communityId=${A.community.id}&year=2026`);
    expect(h.status).toBe(200);
    expect(h.body.items[0]).toMatchObject({ rank: 1, holderId: A.household.id, label: '1号楼1单元101 张*华' });
    expect(h.body.items[0].deeds.map((d: { name: string }) => d.name)).toContain('志愿服务');
    const x = await t.app.inject({ method: 'GET', url: `/api/points/honours/households?communityId=${A.community.id}&year=2026&format=xlsx`, headers: { cookie: secretary.cookie } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const head = await secretary.request('PUT', '/api/points/heads', { orgId: A.unit.id, residentId: A.residentId });
    expect(head.body).toEqual({ orgId: A.unit.id, post: 'unit_head', residentId: A.residentId });
    const stranger = await addResident(t.db, t.cipher, city.communities[1]!.household, '李四', validIdNumber('19800101', 901));
    const wrong = await secretary.request('PUT', '/api/points/heads', { orgId: A.building.id, residentId: stranger });
    expect(wrong.status).toBe(400);
    const reserve = await secretary.request('GET', `/api/points/honours/reserve-secretaries?communityId=${A.community.id}`);
    expect(reserve.body.items).toEqual([expect.objectContaining({ residentId: A.residentId, name: '张建华', post: 'unit_head', place: '1号楼1单元', partyMember: true })]);
    await secretary.request('PUT', '/api/points/heads', { orgId: A.unit.id, residentId: null });
    const cleared = await secretary.request('GET', `/api/points/honours/reserve-secretaries?communityId=${A.community.id}`);
    expect(cleared.body.items).toEqual([]);
  });

  it('should let a grid worker read its community rules and months but list only its own grid', async () => {
    const rules = await grid.request('GET', `/api/points/rules?communityId=${A.community.id}`);
    expect(rules.status).toBe(200);
    expect((await grid.request('GET', `/api/points/months?communityId=${A.community.id}`)).status).toBe(200);
    const holders = await grid.request('GET', `/api/points/holders?communityId=${A.community.id}`);
    expect(holders.body.items.map((h: { kind: string; id: number }) => `${h.kind}:${h.id}`)).toEqual([`household:${A.household.id}`, `merchant:${merchantId}`]);
    expect((await grid.request('GET', `/api/points/records?communityId=${A.community.id}`)).status).toBe(200);
    expect((await grid.request('GET', `/api/points/rules?communityId=${city.communities[1]!.community.id}`)).status).toBe(404);
  });

  it('should keep every community to its own scope', async () => {
    expect((await worker.request('GET', `/api/points/rules?communityId=${B.community.id}`)).status).toBe(404);
    expect((await worker.request('GET', `/api/points/holders?communityId=${B.community.id}`)).status).toBe(404);
    expect((await record(worker, { holderId: B.household.id, itemId: items.waste_sorting!.id })).status).toBe(404);
    expect((await worker.request('POST', '/api/points/months/close', { communityId: B.community.id, month: '2026-10' })).status).toBe(404);
    expect((await worker.request('PATCH', '/api/points/rules/items/waste_sorting', { communityId: B.community.id, points: 9 })).status).toBe(404);
    const mine = await otherWorker.request('GET', `/api/points/records?communityId=${A.community.id}`);
    expect(mine.status).toBe(404);
    const all = await otherWorker.request('GET', '/api/points/records');
    expect(all.body.items.every((r: { communityId: number }) => r.communityId !== A.community.id)).toBe(true);
  });

  it('should verify the ledger through the API and name an entry altered behind it', async () => {
    expect((await worker.request('POST', '/api/points/ledger/verify', {})).status).toBe(403);
    const ok = await county.request('POST', '/api/points/ledger/verify', {});
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, problems: [], balanceMismatches: [] });
    expect(ok.body.entries).toBeGreaterThan(5);
    const target = await t.db.selectFrom('points_entry').select(['id', 'seq']).where('community_id', '=', A.community.id).where('seq', '=', 3).executeTakeFirstOrThrow();
    await t.database.rawTransaction(async (tx) => {
      await tx.exec('ALTER TABLE points_entry DISABLE TRIGGER points_entry_append_only');
      await tx.exec(`UPDATE points_entry SET note = '改过的备注' WHERE id = ${target.id}`);
      await tx.exec('ALTER TABLE points_entry ENABLE TRIGGER points_entry_append_only');
    });
    const bad = await county.request('POST', '/api/points/ledger/verify', { communityId: A.community.id });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.problems).toEqual([expect.objectContaining({ communityId: A.community.id, communityName: A.community.name, entryId: target.id, seq: 3, reason: 'hash_mismatch' })]);
    const other = await county.request('POST', '/api/points/ledger/verify', { communityId: city.communities[1]!.community.id });
    expect(other.body.ok).toBe(true);
  });
});
