import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { wishesFulfilledByResidents } from '../../server/modules/wishes/index.js';
import { wishJobHandlers } from '../../server/modules/wishes/wishes.jobs.js';
import {
  addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp,
} from '../helpers/test-app.js';

type City = Awaited<ReturnType<typeof buildSmallCity>>;

describe('micro-wishes (微心愿)', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: City;
  let A: City['communities'][number];
  let grid: Session, worker: Session, otherWorker: Session, member: Session, member2: Session, farMember: Session;
  let plainResident: Session, volunteer: Session, beneficiary: Session;
  let elderId: number, memberResidentId: number;
  const handlers = () => wishJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock });

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

  const post = (s: Session, body: Record<string, unknown> = {}) => s.request('POST', '/api/wishes', {
    residentId: elderId, personKind: 'elderly_alone', title: '想要一台收音机', description: '老人独居，联系电话13912345678，想听戏',
    budgetYuan: 120, fulfilBy: '2026-11-30', ...body,
  });

  async function linkedAccount(role: 'party_member' | 'resident', unit: City['communities'][number]['unit'], residentId: number | null) {
    const acc = await addAccount(t.db, role, unit);
    if (residentId) await t.db.updateTable('account').set({ resident_id: residentId }).where('id', '=', acc.id).execute();
    return { ...acc, session: await login(t.app, acc.username) };
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    A = city.communities[0];
    const home = await addHousehold(t.db, A.unit, '102');
    elderId = await addResident(t.db, t.cipher, home, '王秀英', validIdNumber('19400101', 402), '13900001234');
    memberResidentId = A.residentId;
    grid = await login(t.app, (await addAccount(t.db, 'grid_worker', A.grid)).username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', A.community)).username);
    otherWorker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[2].community)).username);
    member = (await linkedAccount('party_member', A.unit, memberResidentId)).session;
    // A member of the neighbouring community in the same street, and one in another street.
    member2 = (await linkedAccount('party_member', city.communities[1].unit, city.communities[1].residentId)).session;
    farMember = (await linkedAccount('party_member', city.communities[2].unit, city.communities[2].residentId)).session;
    plainResident = (await linkedAccount('resident', A.unit, null)).session;
    const v = await linkedAccount('resident', A.unit, null);
    await t.db.insertInto('volunteer').values({
      account_id: v.id, org_id: A.community.id, org_path: A.community.path, county_code: A.community.county_code, name: '志愿者小李',
    }).execute();
    volunteer = v.session;
    beneficiary = (await linkedAccount('resident', A.unit, elderId)).session;
  });
  afterAll(() => t?.close());

  it('should refuse a budget over 500 yuan, a past date and a resident outside the scope, each with a Chinese reason', async () => {
    const over = await post(grid, { budgetYuan: 501 });
    expect(over.status).toBe(400);
    expect(over.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.budgetYuan']);
    const past = await post(grid, { fulfilBy: '2026-11-01' });
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('今天');
    const elsewhere = await post(grid, { residentId: city.communities[1].residentId });
    expect(elsewhere.status).toBe(404);
    const byMember = await post(member);
    expect(byMember.status).toBe(403);
  });

  it('should post a wish and show it on the wall of the street with the person masked', async () => {
    const r = await post(grid);
    expect(r.status).toBe(200);
    expect(r.body.wish).toMatchObject({ state: 'open', personMask: '王**', residentName: '王秀英', budgetYuan: 120 });
    expect(r.body.wish.placeLabel).toContain('1号楼');
    expect(r.body.wish.placeLabel).not.toContain('101');
    const wall = await member.request('GET', '/api/wishes/wall');
    expect(wall.status).toBe(200);
    const item = wall.body.items.find((w: { id: number }) => w.id === r.body.wish.id);
    expect(item).toMatchObject({ personMask: '王**', personKind: 'elderly_alone', communityName: A.community.name });
    const text = JSON.stringify(wall.body);
    for (const secret of ['王秀英', '13912345678', '13900001234', '102', 'residentId']) expect(text).not.toContain(secret);
    // The neighbouring community of the same street sees it; another street does not.
    expect((await member2.request('GET', '/api/wishes/wall')).body.items.map((w: { id: number }) => w.id)).toContain(r.body.wish.id);
    expect((await farMember.request('GET', '/api/wishes/wall')).body.items.map((w: { id: number }) => w.id)).not.toContain(r.body.wish.id);
  });

  it('should show the public wall without signing in, masked the same way', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/public/wishes/${A.community.id}` });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.communityName).toBe(A.community.name);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0].personMask).toBe('王**');
    const text = r.body;
    for (const secret of ['王秀英', '13912345678', '13900001234', 'residentId', 'postedByName']) expect(text).not.toContain(secret);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/wishes/${A.grid.id}` })).statusCode).toBe(404);
  });

  it('should let only party members and registered volunteers use the wall', async () => {
    const plain = await plainResident.request('GET', '/api/wishes/wall');
    expect(plain.status).toBe(403);
    expect(plain.body.message).toContain('志愿者');
    expect((await volunteer.request('GET', '/api/wishes/wall')).status).toBe(200);
    expect((await worker.request('GET', '/api/wishes/wall')).status).toBe(403);
  });

  it('should let exactly one of two claimers win a race for the same wish', async () => {
    const { body } = await post(grid, { title: '想要一副老花镜' });
    const id = body.wish.id;
    const [x, y] = await Promise.all([member.request('POST', `/api/wishes/${id}/claim`), member2.request('POST', `/api/wishes/${id}/claim`)]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const loser = x.status === 409 ? x : y;
    expect(loser.body.message).toBe('这个心愿已被他人认领');
    const claims = await t.db.selectFrom('wish_claim').selectAll().where('wish_id', '=', id).execute();
    expect(claims).toHaveLength(1);
    const winner = x.status === 200 ? x : y;
    expect(winner.body).toMatchObject({ claimState: 'active', state: 'claimed' });
    // The claim is due in 7 days at most.
    expect(new Date(winner.body.dueAt).getTime()).toBe(clock.now().getTime() + 7 * 86400_000);
    // Off the wall once claimed.
    expect((await volunteer.request('GET', '/api/wishes/wall')).body.items.map((w: { id: number }) => w.id)).not.toContain(id);
    const again = await volunteer.request('POST', `/api/wishes/${id}/claim`);
    expect(again.status).toBe(409);
  });

  it('should refuse a claim from another street as not found', async () => {
    const { body } = await post(grid, { title: '想要一个暖水袋' });
    expect((await farMember.request('POST', `/api/wishes/${body.wish.id}/claim`)).status).toBe(404);
  });

  it('should walk claim → fulfil with a photo → the resident confirms, refusing steps out of order', async () => {
    const { body } = await post(grid, { title: '想要一床棉被', budgetYuan: 300 });
    const id = body.wish.id;
    expect((await worker.request('POST', `/api/wishes/${id}/confirm`)).status).toBe(409);
    expect((await volunteer.request('POST', `/api/wishes/${id}/claim`)).status).toBe(200);
    // Only the claimer fulfils, and only with a photo and a note.
    const photo = await upload(volunteer);
    const notMine = await member.request('POST', `/api/wishes/${id}/fulfil`, { note: '已送到', photoIds: [await upload(member)] });
    expect(notMine.status).toBe(409);
    expect(notMine.body.message).toBe('这个心愿不是您认领的');
    expect((await volunteer.request('POST', `/api/wishes/${id}/fulfil`, { note: '已送到', photoIds: [] })).status).toBe(400);
    const done = await volunteer.request('POST', `/api/wishes/${id}/fulfil`, { note: '棉被已送到老人家中', photoIds: [photo] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ claimState: 'fulfilled', state: 'fulfilled', photoIds: [photo] });
    // Staff in scope may see the photo; a worker of another community may not.
    const staffView = await worker.request('GET', `/api/wishes/${id}`);
    expect(staffView.body.claim).toMatchObject({ claimerName: expect.any(String), fulfilNote: '棉被已送到老人家中' });
    expect((await grid.request('GET', `/api/files/${photo}`)).status).toBe(200);
    expect((await otherWorker.request('GET', `/api/files/${photo}`)).status).toBe(404);
    expect((await otherWorker.request('GET', `/api/wishes/${id}`)).status).toBe(404);
    // The resident it was for sees it and confirms; the claimer cannot confirm their own work.
    expect((await volunteer.request('POST', `/api/wishes/${id}/confirm-received`)).status).toBe(404);
    const mine = await beneficiary.request('GET', '/api/wishes/for-me');
    expect(mine.body.items.map((w: { id: number }) => w.id)).toContain(id);
    const confirmed = await beneficiary.request('POST', `/api/wishes/${id}/confirm-received`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'confirmed', claim: { state: 'confirmed' } });
    expect((await worker.request('POST', `/api/wishes/${id}/confirm`)).status).toBe(409);
    expect((await worker.request('POST', `/api/wishes/${id}/withdraw`, { reason: '重复发布' })).status).toBe(409);
  });

  it('should let the grid worker confirm and count the wish for the member in its China-time year', async () => {
    const { body } = await post(grid, { title: '想要一个电饭煲' });
    const id = body.wish.id;
    expect((await member.request('POST', `/api/wishes/${id}/claim`)).status).toBe(200);
    expect((await member.request('POST', `/api/wishes/${id}/fulfil`, { note: '已买好送去', photoIds: [await upload(member)] })).status).toBe(200);
    const before = await wishesFulfilledByResidents(t.db, [memberResidentId], 2026);
    const r = await grid.request('POST', `/api/wishes/${id}/confirm`);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('confirmed');
    const after = await wishesFulfilledByResidents(t.db, [memberResidentId, elderId], 2026);
    expect(after.get(memberResidentId)).toBe((before.get(memberResidentId) ?? 0) + 1);
    expect(after.has(elderId)).toBe(false);
    expect((await wishesFulfilledByResidents(t.db, [memberResidentId], 2025)).size).toBe(0);
    const mine = await member.request('GET', '/api/wishes/mine');
    expect(mine.body.items.find((c: { id: number }) => c.id === id)).toMatchObject({ claimState: 'confirmed' });
  });

  it('should return a claim not fulfilled by its due date to the wall and notify the community once', async () => {
    const { body } = await post(grid, { title: '想要一个助行器', fulfilBy: '2026-11-05' });
    const id = body.wish.id;
    const claimed = await member2.request('POST', `/api/wishes/${id}/claim`);
    expect(claimed.status).toBe(200);
    // Due by the end of the wish's own date, sooner than seven days.
    expect(claimed.body.dueAt).toBe(new Date('2026-11-05T23:59:59.999+08:00').toISOString());
    const notes = () => t.db.selectFrom('notification').select('account_id').where('title', '=', '心愿认领已到期').where('body', 'like', '%助行器%').execute();
    await runDueJobs(t.db, handlers(), clock);
    expect((await worker.request('GET', `/api/wishes/${id}`)).body.state).toBe('claimed');
    clock.set('2026-11-06T00:00:01+08:00');
    await Promise.all([runDueJobs(t.db, handlers(), clock), runDueJobs(t.db, handlers(), clock)]);
    await runDueJobs(t.db, handlers(), clock);
    const w = (await worker.request('GET', `/api/wishes/${id}`)).body;
    expect(w).toMatchObject({ state: 'open', claim: null });
    const sent = await notes();
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((n) => n.account_id)).size).toBe(sent.length);
    const audits = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'wish.lapse').where('entity_id', '=', String(id)).execute();
    expect(audits).toHaveLength(1);
    const lapsed = await t.db.selectFrom('wish_claim').select('state').where('wish_id', '=', id).executeTakeFirstOrThrow();
    expect(lapsed.state).toBe('lapsed');
    clock.set('2026-11-02T09:00:00+08:00');
  });

  it('should not lapse a claim fulfilled in time', async () => {
    const { body } = await post(grid, { title: '想要一盏台灯', fulfilBy: '2026-11-03' });
    const id = body.wish.id;
    expect((await member2.request('POST', `/api/wishes/${id}/claim`)).status).toBe(200);
    expect((await member2.request('POST', `/api/wishes/${id}/fulfil`, { note: '已送达', photoIds: [await upload(member2)] })).status).toBe(200);
    clock.set('2026-11-04T09:00:00+08:00');
    await runDueJobs(t.db, handlers(), clock);
    expect((await worker.request('GET', `/api/wishes/${id}`)).body.state).toBe('fulfilled');
    clock.set('2026-11-02T09:00:00+08:00');
  });

  it('should withdraw only with a reason, tell the claimer, and never withdraw outside the scope', async () => {
    const { body } = await post(grid, { title: '想要一把轮椅', personKind: 'disabled' });
    const id = body.wish.id;
    expect((await volunteer.request('POST', `/api/wishes/${id}/claim`)).status).toBe(200);
    expect((await worker.request('POST', `/api/wishes/${id}/withdraw`, { reason: '' })).status).toBe(400);
    expect((await otherWorker.request('POST', `/api/wishes/${id}/withdraw`, { reason: '越权撤回' })).status).toBe(404);
    const r = await worker.request('POST', `/api/wishes/${id}/withdraw`, { reason: '老人家属已解决' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'withdrawn', withdrawReason: '老人家属已解决' });
    const told = await t.db.selectFrom('notification').select('id').where('title', '=', '您认领的心愿已撤回').execute();
    expect(told.length).toBe(1);
    expect((await volunteer.request('POST', `/api/wishes/${id}/fulfil`, { note: '已经送到了', photoIds: [await upload(volunteer)] })).status).toBe(409);
  });

  it('should let a claimer give a wish back and hold at most three at a time', async () => {
    const ids: number[] = [];
    for (const title of ['想要一袋大米', '想要一桶油', '想要一箱牛奶', '想要一件棉衣']) ids.push((await post(grid, { title })).body.wish.id);
    const fresh = (await linkedAccount('party_member', A.unit, null)).session;
    for (const id of ids.slice(0, 3)) expect((await fresh.request('POST', `/api/wishes/${id}/claim`)).status).toBe(200);
    const fourth = await fresh.request('POST', `/api/wishes/${ids[3]}/claim`);
    expect(fourth.status).toBe(409);
    expect(fourth.body.message).toContain('3个');
    expect((await fresh.request('POST', `/api/wishes/${ids[0]}/release`, { reason: '临时出差' })).status).toBe(200);
    expect((await fresh.request('POST', `/api/wishes/${ids[3]}/claim`)).status).toBe(200);
    expect((await worker.request('GET', `/api/wishes/${ids[0]}`)).body.state).toBe('open');
  });

  it('should list with filters and count by community within the scope', async () => {
    const list = await worker.request('GET', `/api/wishes?state=open&communityId=${A.community.id}`);
    expect(list.status).toBe(200);
    expect(list.body.items.every((w: { state: string }) => w.state === 'open')).toBe(true);
    expect(list.body.total).toBeGreaterThan(0);
    const counts = await worker.request('GET', '/api/wishes/counts');
    expect(counts.body.items).toHaveLength(1);
    expect(counts.body.items[0]).toMatchObject({ communityId: A.community.id, confirmed: 2, withdrawn: 1 });
    expect((await otherWorker.request('GET', '/api/wishes')).body.total).toBe(0);
    expect((await worker.request('GET', `/api/wishes?communityId=${city.communities[2].community.id}`)).status).toBe(404);
  });

  it('should replay a post with the same client id once', async () => {
    const first = await post(grid, { title: '想要一副手套', clientId: 'wish-client-0001' });
    const again = await post(grid, { title: '想要一副手套', clientId: 'wish-client-0001' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, wish: { id: first.body.wish.id } });
  });
});
