import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * The sign-in-free monthly notice shows only fields made for the public. Staff write names,
 * phones and ID numbers into notes (a record's note, an objection decision, a correction); none
 * of it reaches /api/public.
 */
describe('public points notice', () => {
  const clock = new ManualClock(new Date('2026-10-10T10:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let worker: Session, secretary: Session, resident: Session;
  const NAME = '王小明';
  const PHONE = '13912345678';
  const ID = validIdNumber('19800527', 564);
  const HEAD = '张建华';
  const note = `${NAME}（电话 ${PHONE}，身份证 ${ID}）当面说明`;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const a = city.communities[0]!;
    await t.db.updateTable('resident').set({ name: HEAD }).where('id', '=', a.residentId).execute();
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', a.community)).username);
    const r = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', r.id).execute();
    resident = await login(t.app, r.username);
  });
  afterAll(() => t?.close());

  it('should publish a correction without the staff note’s name, phone or ID number', async () => {
    const a = city.communities[0]!;
    const items = (await worker.request('GET', `/api/points/rules?communityId=${a.community.id}`)).body.items as { id: number; code: string; name: string }[];
    const item = items.find((i) => i.code === 'waste_sorting')!;
    const rec = await worker.request('POST', '/api/points/records', {
      holderKind: 'household', holderId: a.household.id, itemId: item.id, occurredOn: '2026-10-09', note,
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect((await secretary.request('POST', '/api/points/records/review', { ids: [rec.body.id], decision: 'approve', note })).status).toBe(200);
    clock.set('2026-11-02T09:00:00+08:00');
    expect((await secretary.request('POST', '/api/points/months/close', { communityId: a.community.id, month: '2026-10' })).status).toBe(200);
    clock.advance(3600_000);
    const objection = await resident.request('POST', '/api/points/objections', { communityId: a.community.id, month: '2026-10', recordId: rec.body.id, reason: `${NAME} ${PHONE} 不是我家做的` });
    expect(objection.status, JSON.stringify(objection.body)).toBe(200);
    const decided = await secretary.request('POST', `/api/points/objections/${objection.body.id}/decide`, {
      decision: 'uphold', note, reverseRecordIds: [rec.body.id],
      adjust: { holderKind: 'household', holderId: a.household.id, points: 2, note },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);

    const res = await t.app.inject({ method: 'GET', url: `/api/public/points/notices/${a.community.id}/2026-10` });
    expect(res.statusCode).toBe(200);
    const text = res.body;
    for (const secret of [NAME, PHONE, ID, ID.slice(0, 17), HEAD, '当面说明']) expect(text, secret).not.toContain(secret);
    const notice = res.json();
    // Each correction says what it is and which rule item it concerns: nothing typed by a person.
    expect(notice.corrections).toEqual([
      { label: '张*华 1号楼1单元', points: -rec.body.points, reason: 'objection_reversal', item: item.name, at: expect.any(String) },
      { label: '张*华 1号楼1单元', points: 2, reason: 'objection_adjustment', item: null, at: expect.any(String) },
    ]);
    expect(Object.keys(notice.corrections[0]).sort()).toEqual(['at', 'item', 'label', 'points', 'reason']);

    const list = await t.app.inject({ method: 'GET', url: `/api/public/points/notices?orgId=${a.community.id}` });
    expect(list.statusCode).toBe(200);
    for (const secret of [NAME, PHONE, ID, HEAD]) expect(list.body, secret).not.toContain(secret);
    // Staff still read their own notes in the console.
    const staff = await secretary.request('GET', `/api/points/objections?communityId=${a.community.id}`);
    expect(staff.body.items[0].decisionNote).toBe(note);
  });

  it('should mask phone and ID numbers typed into names shown on the notice', async () => {
    const c = city.communities[1]!;
    const w = await login(t.app, (await addAccount(t.db, 'community_worker', c.community)).username);
    const s = await login(t.app, (await addAccount(t.db, 'community_secretary', c.community)).username);
    await t.db.updateTable('merchant').set({ name: `便利店店主${PHONE}` }).where('org_path', 'like', `${c.community.path}%`).execute();
    const merchant = await t.db.selectFrom('merchant').select('id').where('org_path', 'like', `${c.community.path}%`).executeTakeFirstOrThrow();
    const custom = await s.request('POST', '/api/points/rules/items', {
      communityId: c.community.id, name: `帮扶${ID}`, direction: 'positive', category: '邻里互助', points: 3, unit: 'times', monthlyCap: null,
      evidenceRequired: false, recorderRoles: ['community_worker'],
    });
    expect(custom.status, JSON.stringify(custom.body)).toBe(200);
    clock.set('2026-11-20T09:00:00+08:00');
    const rec = await w.request('POST', '/api/points/records', { holderKind: 'merchant', holderId: merchant.id, itemId: custom.body.id, occurredOn: '2026-11-19', note: '' });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect((await s.request('POST', '/api/points/records/review', { ids: [rec.body.id], decision: 'approve' })).status).toBe(200);
    clock.set('2026-12-01T09:00:00+08:00');
    expect((await s.request('POST', '/api/points/months/close', { communityId: c.community.id, month: '2026-11' })).status).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/points/notices/${c.community.id}/2026-11` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain(ID.slice(0, 17));
    expect(res.json().rows).toContainEqual(expect.objectContaining({ label: '便利店店主***********', items: expect.arrayContaining([{ name: '帮扶******************', points: 3 }]) }));
  });
});
