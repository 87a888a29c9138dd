import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { maskPhone } from '../../server/platform/pii/id-number.js';
import {
  addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp,
} from '../helpers/test-app.js';

/** Issue 10: residents sign in by phone and SMS code; residents not yet registered apply, and the community decides. */
describe('phone sign-in and registration requests', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let ipSeq = 0;
  /** A fresh client address per request, so the per-address limit only bites where a test means it to. */
  const nextIp = () => `10.20.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;
  let worker: Session;
  let otherWorker: Session;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[0].community)).username);
    otherWorker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[1].community)).username);
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: unknown, remoteAddress = nextIp()) => t.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress });
  const askCode = (phone: string, purpose: 'login' | 'register' = 'login', communityId?: number, ip?: string) =>
    post('/api/auth/phone/code', { phone, purpose, communityId }, ip);
  const signIn = (phone: string, code: string) => post('/api/auth/phone/login', { phone, code });
  /** The text the development channel logged for this phone: the newest one. */
  const lastText = async (phone: string) =>
    (await t.db.selectFrom('notification').select(['body', 'account_id']).where('channel', '=', 'sms').where('recipient', '=', maskPhone(phone))
      .orderBy('id', 'desc').executeTakeFirst());
  const lastCode = async (phone: string) => (await lastText(phone))?.body.match(/\d{6}/)?.[0];
  const texts = async (phone: string) =>
    Number((await t.db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n')).where('recipient', '=', maskPhone(phone)).executeTakeFirstOrThrow()).n);
  const minute = () => clock.advance(61_000);

  it('should sign a registered resident in with the code sent to their phone, as a resident account of their own', async () => {
    const a = city.communities[0];
    const phone = '13800000001';
    const res = await askCode(phone);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, resendAfterSeconds: 60, expiresInSeconds: 300 });
    const code = await lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    // Only a keyed hash of the code is stored.
    const row = await t.db.selectFrom('phone_code').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code!);
    expect(JSON.stringify(row)).not.toContain(phone);
    expect(row.org_path).toBe(a.household.org_path);

    const signedIn = await signIn(phone, code!);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().account).toMatchObject({ role: 'resident', residentId: a.residentId, householdId: a.household.id, displayName: '张1' });
    const cookie = signedIn.cookies.find((c) => c.name === 'linli_session')!;
    expect(cookie.httpOnly).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/points/me', headers: { cookie: `linli_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    const acc = await t.db.selectFrom('account').selectAll().where('resident_id', '=', a.residentId).executeTakeFirstOrThrow();
    expect(acc).toMatchObject({ role: 'resident', scope_org_id: a.unit.id, scope_path: a.unit.path });
    expect(acc.username).toMatch(/^p[0-9a-f]{8}_\d+$/);
    // No password opens it.
    expect((await post('/api/auth/login', { username: acc.username, password: 'none$phone-code-only' })).statusCode).toBe(401);

    // Single use: the same code again is refused.
    const again = await signIn(phone, code!);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('INVALID_CREDENTIALS');

    // The next sign-in uses the same account.
    minute();
    await askCode(phone);
    const second = await signIn(phone, (await lastCode(phone))!);
    expect(second.json().account.id).toBe(acc.id);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'account').where('entity_id', '=', String(acc.id)).execute();
    // The password try above counts as a failed sign-in; the account never opened to it.
    expect(audit.map((x) => x.action).sort()).toEqual(['account.create', 'auth.login_failed', 'auth.phone_login', 'auth.phone_login']);
  });

  it('should give an unknown phone the same answer and limits as a known one, and send it nothing', async () => {
    const known = '13800000002';
    const unknown = '13912340000';
    const [k, u] = [await askCode(known), await askCode(unknown)];
    expect(u.statusCode).toBe(k.statusCode);
    expect(u.json()).toEqual(k.json());
    expect(await texts(known)).toBe(1);
    expect(await texts(unknown)).toBe(0);
    // A second request within the minute: refused alike.
    const [k2, u2] = [await askCode(known), await askCode(unknown)];
    expect(k2.statusCode).toBe(429);
    expect(u2.statusCode).toBe(429);
    expect(u2.json()).toEqual(k2.json());
    // Any code for the unknown phone fails like a wrong one.
    const wrong = await signIn(unknown, '123456');
    const wrongKnown = await signIn(known, (await lastCode(known)) === '000000' ? '000001' : '000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(wrongKnown.json());
  });

  it('should refuse a code after five minutes', async () => {
    const phone = '13800000003';
    minute();
    await askCode(phone);
    const code = (await lastCode(phone))!;
    clock.advance(300_001);
    expect((await signIn(phone, code)).statusCode).toBe(401);
  });

  it('should refuse even the right code after five wrong tries', async () => {
    const phone = '13800000004';
    minute();
    await askCode(phone);
    const code = (await lastCode(phone))!;
    const wrong = code === '999999' ? '999998' : '999999';
    const tries = await Promise.all(Array.from({ length: 8 }, () => signIn(phone, wrong)));
    expect(tries.every((r) => r.statusCode === 401)).toBe(true);
    const row = await t.db.selectFrom('phone_code').select('attempts').orderBy('id', 'desc').where('code_hash', 'is not', null).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    expect((await signIn(phone, code)).statusCode).toBe(401);
  });

  it('should let a right code through after a few wrong tries', async () => {
    const phone = '13800000005';
    minute();
    await askCode(phone);
    const code = (await lastCode(phone))!;
    for (let i = 0; i < 4; i++) expect((await signIn(phone, code === '111111' ? '111112' : '111111')).statusCode).toBe(401);
    expect((await signIn(phone, code)).statusCode).toBe(200);
  });

  it('should send at most one code a minute and five an hour to one phone', async () => {
    const phone = '13800000006';
    for (let i = 0; i < 5; i++) {
      minute();
      expect((await askCode(phone)).statusCode).toBe(200);
      expect((await askCode(phone)).statusCode).toBe(429);
    }
    minute();
    const sixth = await askCode(phone);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().message).toContain('一小时');
    expect(await texts(phone)).toBe(5);
    clock.advance(3600_000);
    expect((await askCode(phone)).statusCode).toBe(200);
  });

  it('should limit code requests per address', async () => {
    const ip = '10.99.0.1';
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await askCode(`1370000000${i}`, 'login', undefined, ip)).statusCode);
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('should sign in as the household head when several residents share one phone', async () => {
    const a = city.communities[0];
    const h = await addHousehold(t.db, a.unit, '202');
    const phone = '13655550000';
    const child = await addResident(t.db, t.cipher, h, '王小', validIdNumber('20050102', 11), phone);
    const head = await addResident(t.db, t.cipher, h, '王大', validIdNumber('19750101', 13), phone);
    await t.db.updateTable('resident').set({ relation: 'child' }).where('id', '=', child).execute();
    await t.db.updateTable('resident').set({ relation: 'head' }).where('id', '=', head).execute();
    minute();
    await askCode(phone);
    const res = await signIn(phone, (await lastCode(phone))!);
    expect(res.json().account.residentId).toBe(head);
  });

  it('should not sign in a staff account linked to a resident by text message', async () => {
    const a = city.communities[1];
    const staff = await addAccount(t.db, 'community_worker', a.community);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', staff.id).execute();
    minute();
    await askCode('13800000002');
    const res = await signIn('13800000002', (await lastCode('13800000002'))!);
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'linli_session')).toBeUndefined();
  });

  describe('registration requests', () => {
    const phone = '15011112222';
    const idNumber = validIdNumber('19880808', 456);
    const apply = async (p: string, id: string, communityId = city.communities[0].community.id) => {
      minute();
      expect((await askCode(p, 'register', communityId)).statusCode).toBe(200);
      return post('/api/auth/phone/registrations', {
        phone: p, code: await lastCode(p), name: '刘芳', idNumber: id, communityId, address: '1号楼1单元303',
      });
    };

    it('should find communities by name without signing in', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/communities?q=${encodeURIComponent('滨河街道一')}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([{ id: city.communities[0].community.id, name: '滨河街道一社区', streetName: '滨河街道', countyName: '离石区' }]);
    });

    it('should refuse a wrong ID number before using the code, and a wrong code', async () => {
      minute();
      await askCode(phone, 'register', city.communities[0].community.id);
      const code = await lastCode(phone);
      const bad = await post('/api/auth/phone/registrations', {
        phone, code, name: '刘芳', idNumber: `${idNumber.slice(0, 17)}${idNumber[17] === '1' ? '2' : '1'}`, communityId: city.communities[0].community.id, address: '1号楼',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details.fields[0].field).toBe('body.idNumber');
      const wrongCode = await post('/api/auth/phone/registrations', {
        phone, code: code === '000000' ? '000001' : '000000', name: '刘芳', idNumber, communityId: city.communities[0].community.id, address: '1号楼',
      });
      expect(wrongCode.statusCode).toBe(401);
      expect(await t.db.selectFrom('registration_request').select('id').execute()).toEqual([]);
    });

    let requestId: number;
    it('should take a request from a proven phone, shown masked to the community and to no other', async () => {
      const res = await apply(phone, idNumber);
      expect(res.statusCode).toBe(200);
      const list = await worker.request('GET', '/api/registrations');
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      const item = list.body.items[0];
      requestId = item.id;
      expect(item).toMatchObject({
        applicant: { name: '刘芳', phone: '150****2222', idNumber: `${idNumber.slice(0, 6)}**********${idNumber.slice(-2)}` }, status: 'pending', knownResidentId: null,
      });
      expect(JSON.stringify(list.body)).not.toContain(idNumber);
      expect((await otherWorker.request('GET', '/api/registrations')).body.items).toEqual([]);
      expect((await otherWorker.request('POST', `/api/registrations/${requestId}/reject`, { reason: '不在本社区' })).status).toBe(404);
      // One open request per phone.
      expect((await apply(phone, idNumber)).statusCode).toBe(409);
    });

    it('should confirm into a new household of a unit, make the resident and their account, and text them', async () => {
      const a = city.communities[0];
      const res = await worker.request('POST', `/api/registrations/${requestId}/confirm`, { unitId: a.unit.id, room: '303', relation: 'head' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'confirmed', decidedBy: expect.any(String) });
      const resident = await t.db.selectFrom('resident').selectAll().where('id', '=', res.body.residentId).executeTakeFirstOrThrow();
      expect(resident).toMatchObject({ name: '刘芳', phone_hash: t.cipher.hash(phone), id_number_hash: t.cipher.hash(idNumber), relation: 'head', org_path: a.unit.path });
      expect(t.cipher.decrypt(resident.id_number_enc)).toBe(idNumber);
      const acc = await t.db.selectFrom('account').select(['role', 'id']).where('resident_id', '=', resident.id).executeTakeFirstOrThrow();
      expect(acc.role).toBe('resident');
      expect((await lastText(phone))).toMatchObject({ account_id: acc.id, body: expect.stringContaining('已通过') });
      // Decided once.
      expect((await worker.request('POST', `/api/registrations/${requestId}/reject`, { reason: '重复处理' })).status).toBe(409);
      // And now the phone signs in, at once: the minute between codes is counted per kind.
      expect((await askCode(phone)).statusCode).toBe(200);
      const signedIn = await signIn(phone, (await lastCode(phone))!);
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().account.residentId).toBe(resident.id);
      const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'registration_request').where('entity_id', '=', String(requestId)).execute();
      expect(audit.map((x) => x.action)).toEqual(['registration.submit', 'registration.confirm']);
    });

    it('should add the phone to a resident already in the register instead of a second record', async () => {
      const a = city.communities[0];
      const p = '15011113333';
      const res = await apply(p, validIdNumber('19700101', 3)); // 张1's number
      expect(res.statusCode).toBe(200);
      const item = (await worker.request('GET', '/api/registrations')).body.items.find((x: { applicant: { phone: string } }) => x.applicant.phone === '150****3333');
      expect(item.knownResidentId).toBe(a.residentId);
      const ok = await worker.request('POST', `/api/registrations/${item.id}/confirm`, {});
      expect(ok.status).toBe(200);
      expect(ok.body.residentId).toBe(a.residentId);
      const r = await t.db.selectFrom('resident').select('phone_hash').where('id', '=', a.residentId).executeTakeFirstOrThrow();
      expect(r.phone_hash).toBe(t.cipher.hash(p));
    });

    it('should reject with a reason and tell the applicant', async () => {
      const p = '15011114444';
      expect((await apply(p, validIdNumber('19920202', 222))).statusCode).toBe(200);
      const item = (await worker.request('GET', '/api/registrations')).body.items.find((x: { applicant: { phone: string } }) => x.applicant.phone === '150****4444');
      expect((await worker.request('POST', `/api/registrations/${item.id}/reject`, { reason: '' })).status).toBe(400);
      const res = await worker.request('POST', `/api/registrations/${item.id}/reject`, { reason: '查无此房号，请到社区核实' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'rejected', rejectReason: '查无此房号，请到社区核实' });
      expect((await lastText(p))?.body).toContain('查无此房号');
      const rejected = await worker.request('GET', '/api/registrations?status=rejected');
      expect(rejected.body.items.map((x: { id: number }) => x.id)).toEqual([item.id]);
    });

    it('should not confirm into a household of another community', async () => {
      const p = '15011115555';
      expect((await apply(p, validIdNumber('19930303', 333))).statusCode).toBe(200);
      const item = (await worker.request('GET', '/api/registrations')).body.items.find((x: { applicant: { phone: string } }) => x.applicant.phone === '150****5555');
      const res = await worker.request('POST', `/api/registrations/${item.id}/confirm`, { householdId: city.communities[1].household.id });
      expect(res.status).toBe(404);
      expect((await worker.request('POST', `/api/registrations/${item.id}/confirm`, {})).status).toBe(400);
      const into = await worker.request('POST', `/api/registrations/${item.id}/confirm`, { householdId: city.communities[0].household.id, relation: 'tenant' });
      expect(into.status).toBe(200);
    });

    it('should tell a registered phone to sign in instead, once it has proven the phone', async () => {
      const res = await apply('13800000003', validIdNumber('19940404', 444));
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toContain('直接用手机号验证码登录');
    });
  });
});
