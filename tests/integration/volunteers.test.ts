import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volunteerOfAccount, volunteerYearFigures } from '../../server/modules/volunteers/index.js';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, addResident, buildSmallCity, createTestApp, login as helperLogin, TEST_PASSWORD, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

let logins = 0;
/**
 * Signs in from a new address each time: this file signs in some seventy accounts, past the
 * sign-in route's limit per address (the test helper's login always comes from one).
 */
async function login(app: TestApp['app'], username: string): Promise<Session> {
  const n = ++logins;
  const remoteAddress = `10.9.${Math.floor(n / 250)}.${(n % 250) + 1}`;
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

/** 志愿吕梁: organisations, volunteers, activities, QR check-in/out, hours, stars and points, on both databases. */
describe('volunteers', () => {
  const clock = new ManualClock(new Date('2026-11-02T08:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretary: Session;
  let secretaryB: Session;
  let orgAdmin: Session;
  let resident: Session;
  let residentAccountId: number;
  let orgId: number;
  let otherOrgId: number;
  let projectId: number;
  let activityId: number;
  const at = (hm: string, day = '2026-11-02') => `${day}T${hm}:00+08:00`;

  const A = () => city.communities[0]!;

  async function residentSession(residentId: number, unit = A().unit) {
    const acc = await addAccount(t.db, 'resident', unit);
    await t.db.updateTable('account').set({ resident_id: residentId }).where('id', '=', acc.id).execute();
    return { id: acc.id, session: await login(t.app, acc.username) };
  }

  async function newActivity(s: Session, over: Record<string, unknown> = {}) {
    const res = await s.request('POST', '/api/volunteers/activities', {
      projectId, placeId: A().community.id, title: '重阳节助老送餐', address: '龙凤社区服务站', startsAt: at('09:00'), endsAt: at('11:00'), capacity: 10, ...over,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id as number;
  }

  const qr = async (id: number) => (await secretary.request('GET', `/api/volunteers/activities/${id}/qr`)).body as { token: string; path: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', A().community)).username);
    secretaryB = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[4]!.community)).username);
    const r = await residentSession(A().residentId);
    resident = r.session;
    residentAccountId = r.id;
  });
  afterAll(() => t?.close());

  it('should let a community register organisations and bind an org admin to its own', async () => {
    const res = await secretary.request('POST', '/api/volunteers/orgs', { orgId: A().community.id, name: '龙凤社区志愿服务队', kind: 'community_team', contactName: '王队长', phone: '13912345678' });
    expect(res.status).toBe(200);
    orgId = res.body.id;
    otherOrgId = (await secretary.request('POST', '/api/volunteers/orgs', { orgId: A().community.id, name: '夕阳红服务队', kind: 'social_org', contactName: '李' })).body.id;
    const acc = await addAccount(t.db, 'volunteer_org', A().community);
    await t.db.updateTable('account').set({ volunteer_org_id: orgId }).where('id', '=', acc.id).execute();
    orgAdmin = await login(t.app, acc.username);

    const mine = await orgAdmin.request('GET', '/api/volunteers/orgs');
    expect(mine.body.items.map((o: { id: number }) => o.id)).toEqual([orgId]);
    expect(mine.body.items[0].phone).toBe('139****5678');
    expect(JSON.stringify(mine.body)).not.toContain('13912345678');
    expect((await orgAdmin.request('GET', `/api/volunteers/orgs/${otherOrgId}/admins`)).status).toBe(404);
    expect((await secretary.request('GET', `/api/volunteers/orgs/${orgId}/admins`)).body.map((a: { id: number }) => a.id)).toEqual([acc.id]);
    // An organisation does not register organisations; a place outside the scope is not found.
    expect((await orgAdmin.request('POST', '/api/volunteers/orgs', { orgId: A().community.id, name: '另一队', kind: 'other', contactName: 'x' })).status).toBe(403);
    expect((await secretary.request('POST', '/api/volunteers/orgs', { orgId: city.communities[4]!.community.id, name: '越权队', kind: 'other', contactName: 'x' })).status).toBe(404);
    // An org admin whose account is linked to no organisation is refused, not shown everything.
    const loose = await login(t.app, (await addAccount(t.db, 'volunteer_org', A().community)).username);
    expect((await loose.request('GET', '/api/volunteers/orgs')).status).toBe(403);
  });

  it('should register a resident as a volunteer in one tap, once', async () => {
    const first = await resident.request('POST', '/api/volunteers/me');
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(true);
    const again = await resident.request('POST', '/api/volunteers/me');
    expect(again.body).toEqual({ id: first.body.id, created: false });
    const v = await volunteerOfAccount(t.db, residentAccountId);
    expect(v).toMatchObject({ id: first.body.id, resident_id: A().residentId, org_id: A().community.id, name: '张1' });
    expect(await volunteerOfAccount(t.db, 999999)).toBeUndefined();
    // An account linked to no resident is told to register with the community first.
    const bare = await login(t.app, (await addAccount(t.db, 'resident', A().unit)).username);
    const refused = await bare.request('POST', '/api/volunteers/me');
    expect(refused.status).toBe(404);
    expect(refused.body.message).toMatch(/关联住户/);
    // Staff do not have a volunteer's own routes.
    expect((await secretary.request('POST', '/api/volunteers/me')).status).toBe(403);
  });

  it('should register a volunteer by name and phone, sealed and masked, scoped to the community', async () => {
    const res = await orgAdmin.request('POST', '/api/volunteers/people', { orgId: A().community.id, name: '刘志愿', phone: '13700001111' });
    expect(res.status).toBe(200);
    const row = await t.db.selectFrom('volunteer').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13700001111');
    expect(t.cipher.decrypt(row.phone_enc!)).toBe('13700001111');
    expect((await orgAdmin.request('POST', '/api/volunteers/people', { orgId: A().community.id, name: '刘志愿', phone: '13700001111' })).status).toBe(409);
    expect((await orgAdmin.request('POST', '/api/volunteers/people', { orgId: A().community.id, name: '刘', phone: '1234' })).status).toBe(400);

    // The org admin registered it into its organisation: it sees it there, and only its members.
    const mine = await orgAdmin.request('GET', '/api/volunteers/people');
    expect(mine.body.items.map((v: { name: string }) => v.name)).toEqual(['刘志愿']);
    expect(mine.body.items[0]).toMatchObject({ phone: '137****1111', orgs: [{ id: orgId, name: '龙凤社区志愿服务队' }] });
    expect(JSON.stringify(mine.body)).not.toContain('13700001111');
    const all = await secretary.request('GET', '/api/volunteers/people');
    expect(all.body.total).toBe(2);
    expect((await secretaryB.request('GET', '/api/volunteers/people')).body.total).toBe(0);
    expect((await secretaryB.request('GET', `/api/volunteers/people?orgId=${A().community.id}`)).status).toBe(404);
  });

  it('should run projects and activities of the org, at a place in scope, with sane times', async () => {
    const p = await orgAdmin.request('POST', '/api/volunteers/projects', { volunteerOrgId: orgId, name: '助老送餐', description: '为独居老人送午餐' });
    expect(p.status).toBe(200);
    projectId = p.body.id;
    expect((await orgAdmin.request('POST', '/api/volunteers/projects', { volunteerOrgId: otherOrgId, name: '暑期托管' })).status).toBe(404);
    activityId = await newActivity(orgAdmin);
    expect((await orgAdmin.request('POST', '/api/volunteers/activities', {
      projectId, placeId: city.communities[4]!.community.id, title: 'x', startsAt: at('09:00'), endsAt: at('11:00'), capacity: 5,
    })).status).toBe(404);
    const backwards = await orgAdmin.request('POST', '/api/volunteers/activities', { projectId, placeId: A().community.id, title: 'x', startsAt: at('11:00'), endsAt: at('09:00'), capacity: 5 });
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('VALIDATION_FAILED');
    const street = await orgAdmin.request('POST', '/api/volunteers/activities', { projectId, placeId: city.streets[0]!.id, title: 'x', startsAt: at('09:00'), endsAt: at('11:00'), capacity: 5 });
    expect([400, 404]).toContain(street.status);
    // A community sees activities held in it; another county does not.
    expect((await secretary.request('GET', '/api/volunteers/activities')).body.items.map((a: { id: number }) => a.id)).toContain(activityId);
    expect((await secretaryB.request('GET', '/api/volunteers/activities')).body.total).toBe(0);
    expect((await secretaryB.request('GET', `/api/volunteers/activities/${activityId}`)).status).toBe(404);
  });

  it('should enforce capacity and refuse overlapping sign-ups', async () => {
    const small = await newActivity(orgAdmin, { title: '窗帘行动', capacity: 1, startsAt: at('14:00'), endsAt: at('16:00') });
    expect((await resident.request('POST', `/api/volunteers/activities/${small}/signup`)).status).toBe(200);
    const other = await residentSession(await addResident(t.db, t.cipher, A().household, '赵邻居', validIdNumber('19800202', 41)));
    await other.session.request('POST', '/api/volunteers/me');
    const full = await other.session.request('POST', `/api/volunteers/activities/${small}/signup`);
    expect(full.status).toBe(409);
    expect(full.body.message).toMatch(/名额已满/);
    const overlapping = await newActivity(orgAdmin, { title: '候鸟课堂', startsAt: at('15:00'), endsAt: at('17:00') });
    const clash = await resident.request('POST', `/api/volunteers/activities/${overlapping}/signup`);
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(/时间重叠/);
    // Cancelling frees the place.
    expect((await resident.request('POST', `/api/volunteers/activities/${small}/cancel`)).status).toBe(200);
    expect((await other.session.request('POST', `/api/volunteers/activities/${small}/signup`)).status).toBe(200);
    expect((await t.db.selectFrom('volunteer_activity').select('signed_up').where('id', '=', small).executeTakeFirstOrThrow()).signed_up).toBe(1);
  });

  it('should check in and out by a signed, fresh QR token inside the time window', async () => {
    clock.set(at('08:00'));
    let code = await qr(activityId);
    expect(code.path).toBe(`/m/volunteer/scan?t=${encodeURIComponent(code.token)}`);
    const early = await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'in' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/还没到签到时间/);
    const forged = code.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await resident.request('POST', '/api/volunteers/scan', { token: forged, action: 'in' })).status).toBe(400);
    expect((await resident.request('POST', '/api/volunteers/scan', { token: `${activityId + 1}${code.token.slice(String(activityId).length)}`, action: 'in' })).status).toBe(400);

    clock.set(at('08:50'));
    const stale = await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'in' });
    expect(stale.status).toBe(400);
    expect(stale.body.message).toMatch(/过期/);
    code = await qr(activityId);
    expect((await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'out' })).body.message).toMatch(/先签到/);
    const preview = await resident.request('GET', `/api/volunteers/scan?t=${encodeURIComponent(code.token)}`);
    expect(preview.body).toMatchObject({ next: 'in', signedUp: false, activity: { id: activityId, title: '重阳节助老送餐' } });
    const checkin = await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'in' });
    expect(checkin.status, JSON.stringify(checkin.body)).toBe(200);
    expect(checkin.body).toMatchObject({ action: 'in', at: new Date(at('08:50')).toISOString(), already: false });
    clock.set(at('08:51'));
    const twice = await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'in' });
    expect(twice.body).toMatchObject({ at: new Date(at('08:50')).toISOString(), already: true });

    clock.set(at('11:30'));
    code = await qr(activityId);
    const out = await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'out' });
    expect(out.body).toMatchObject({ action: 'out', at: new Date(at('11:30')).toISOString() });
    expect((await resident.request('GET', `/api/volunteers/scan?t=${encodeURIComponent(code.token)}`)).body.next).toBe('done');
    clock.set(at('12:01', '2026-11-03'));
    code = await qr(activityId);
    const late = await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'in' });
    expect(late.body.message).toMatch(/已结束/);
  });

  it('should confirm hours once from the pair, raise the total and turn them into points once', async () => {
    const before = await pointsOf(A().household.id);
    const res = await orgAdmin.request('POST', `/api/volunteers/activities/${activityId}/confirm`, { served: 12 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const me = await volunteerOfAccount(t.db, residentAccountId);
    // Checked in 08:50, out 11:30: counted inside 09:00–11:00, two hours; 2 points an hour by default.
    expect(res.body.confirmed).toEqual([{ volunteerId: me!.id, hours: 2, points: 4 }]);
    expect(await pointsOf(A().household.id)).toBe(before + 4);
    const again = await orgAdmin.request('POST', `/api/volunteers/activities/${activityId}/confirm`, { served: 12 });
    expect(again.body.confirmed).toEqual([]);
    expect(again.body.skipped.map((s: { volunteerId: number }) => s.volunteerId)).toContain(me!.id);
    expect(await pointsOf(A().household.id)).toBe(before + 4);
    const records = await t.db.selectFrom('points_record').select(sql<number>`count(*)`.as('n')).where('source', '=', 'volunteer').executeTakeFirstOrThrow();
    expect(Number(records.n)).toBe(1);

    const mine = await resident.request('GET', '/api/volunteers/me');
    expect(mine.body).toMatchObject({ hours: 2, points: 4, stars: 0, nextAt: 100, toNext: 98 });
    expect(mine.body.entries[0]).toMatchObject({ title: '重阳节助老送餐', hours: 2, kind: 'confirm', occurredOn: '2026-11-02' });
    const detail = await orgAdmin.request('GET', `/api/volunteers/activities/${activityId}`);
    expect(detail.body).toMatchObject({ status: 'confirmed', served: 12 });
    expect(detail.body.roster[0]).toMatchObject({ volunteerId: me!.id, hours: 2, points: 4, confirmed: true });
  });

  it('should take an organiser\'s word only with a reason, and refuse overlapping hours', async () => {
    const liu = (await t.db.selectFrom('volunteer').select('id').where('name', '=', '刘志愿').executeTakeFirstOrThrow()).id;
    clock.set(at('12:00', '2026-11-04'));
    const a1 = await newActivity(orgAdmin, { title: '清扫楼道', startsAt: at('09:00', '2026-11-04'), endsAt: at('11:00', '2026-11-04') });
    const a2 = await newActivity(orgAdmin, { title: '义务理发', startsAt: at('10:00', '2026-11-04'), endsAt: at('12:00', '2026-11-04') });
    const noReason = await orgAdmin.request('POST', `/api/volunteers/activities/${a1}/confirm`, { served: 3, entries: [{ volunteerId: liu, hours: 2, reason: '' }] });
    expect(noReason.status).toBe(400);
    const tooLong = await orgAdmin.request('POST', `/api/volunteers/activities/${a1}/confirm`, { served: 3, entries: [{ volunteerId: liu, hours: 3, reason: '忘带手机，组织者见证' }] });
    expect(tooLong.status).toBe(400);
    const ok = await orgAdmin.request('POST', `/api/volunteers/activities/${a1}/confirm`, { served: 3, entries: [{ volunteerId: liu, hours: 2, reason: '忘带手机，组织者见证' }] });
    expect(ok.body.confirmed).toEqual([{ volunteerId: liu, hours: 2, points: 0 }]); // not a resident: hours, no points
    const overlap = await orgAdmin.request('POST', `/api/volunteers/activities/${a2}/confirm`, { served: 1, entries: [{ volunteerId: liu, hours: 1, reason: '组织者见证' }] });
    expect(overlap.status).toBe(409);
    expect(overlap.body.message).toMatch(/同一时间/);
    const entry = await t.db.selectFrom('volunteer_hour_entry').selectAll().where('activity_id', '=', a1).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ basis: 'organiser', reason: '忘带手机，组织者见证' });
  });

  it('should correct hours only by a reversing entry, with a reason, audited', async () => {
    const me = (await volunteerOfAccount(t.db, residentAccountId))!;
    const noReason = await orgAdmin.request('POST', `/api/volunteers/activities/${activityId}/corrections`, { volunteerId: me.id, hours: 1.5 });
    expect(noReason.status).toBe(400);
    const res = await orgAdmin.request('POST', `/api/volunteers/activities/${activityId}/corrections`, { volunteerId: me.id, hours: 1.5, reason: '中途离开半小时' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const entries = await t.db.selectFrom('volunteer_hour_entry').select(['kind', 'hours', 'reason']).where('activity_id', '=', activityId).orderBy('id').execute();
    expect(entries.map((e) => [e.kind, Number(e.hours)])).toEqual([['confirm', 2], ['reversal', -2], ['correction', 1.5]]);
    expect(Number((await volunteerOfAccount(t.db, residentAccountId))!.total_hours)).toBe(1.5);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'volunteer.hours_correct').executeTakeFirstOrThrow();
    expect(audit.reason).toBe('中途离开半小时');
    // The ledger itself refuses edits.
    await expect(t.db.updateTable('volunteer_hour_entry').set({ reason: '改' }).where('activity_id', '=', activityId).execute()).rejects.toThrow(/append-only/);
    // Points stay as they were turned: once.
    expect((await resident.request('GET', '/api/volunteers/me')).body).toMatchObject({ hours: 1.5, points: 4 });
  });

  it('should record 50 volunteers checking in to one activity at once, each exactly once', async () => {
    clock.set(at('08:45', '2026-11-06'));
    const big = await newActivity(orgAdmin, { title: '环境整治', capacity: 60, startsAt: at('09:00', '2026-11-06'), endsAt: at('11:00', '2026-11-06') });
    const sessions: Session[] = [];
    for (let i = 0; i < 50; i++) {
      const acc = await addAccount(t.db, 'resident', A().unit);
      await t.db.insertInto('volunteer').values({
        account_id: acc.id, resident_id: null, org_id: A().community.id, org_path: A().community.path, county_code: A().community.county_code, name: `志愿者${i}`,
        phone_enc: null, phone_hash: null, phone_mask: null,
      }).execute();
      sessions.push(await login(t.app, acc.username));
    }
    const { token } = await qr(big);
    const answers = await Promise.all(sessions.map((s) => s.request('POST', '/api/volunteers/scan', { token, action: 'in' })));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    const rows = await t.db.selectFrom('volunteer_signup').select(['volunteer_id', 'checkin_at']).where('activity_id', '=', big).execute();
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.volunteer_id)).size).toBe(50);
    expect(rows.every((r) => r.checkin_at != null)).toBe(true);
    expect((await t.db.selectFrom('volunteer_activity').select('signed_up').where('id', '=', big).executeTakeFirstOrThrow()).signed_up).toBe(50);
  });

  it('should replay an offline check-in once, at the scan time, and refuse one scanned outside the window', async () => {
    clock.set(at('13:50', '2026-11-07'));
    const act = await newActivity(orgAdmin, { title: '候鸟课堂', startsAt: at('14:00', '2026-11-07'), endsAt: at('16:00', '2026-11-07') });
    const { token } = await qr(act);
    const scannedAt = new Date(at('13:51', '2026-11-07')).toISOString();
    // The phone had no signal; it sends the queued scan later, twice (a retry after a lost answer).
    clock.set(at('15:10', '2026-11-07'));
    const body = { token, action: 'in', clientId: 'offline-scan-0001', scannedAt };
    const [first, second] = await Promise.all([resident.request('POST', '/api/volunteers/scan', body), resident.request('POST', '/api/volunteers/scan', body)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.at).toBe(scannedAt);
    expect(second.body.at).toBe(scannedAt);
    const third = await resident.request('POST', '/api/volunteers/scan', body);
    expect(third.body).toMatchObject({ at: scannedAt, replayed: true });
    const rows = await t.db.selectFrom('volunteer_signup').selectAll().where('activity_id', '=', act).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.checkin_at!.toISOString()).toBe(scannedAt);
    // A scan claimed long after the token was shown proves nothing.
    const forgedTime = await resident.request('POST', '/api/volunteers/scan', { token, action: 'out', clientId: 'offline-scan-0002', scannedAt: new Date(at('15:00', '2026-11-07')).toISOString() });
    expect(forgedTime.status).toBe(400);
    // Another account cannot reuse the client id.
    const other = await residentSession(await addResident(t.db, t.cipher, A().household, '钱邻居', validIdNumber('19810303', 43)));
    await other.session.request('POST', '/api/volunteers/me');
    expect((await other.session.request('POST', '/api/volunteers/scan', body)).status).toBe(409);
  });

  it('should give year figures per resident and an overview per place', async () => {
    const figures = await volunteerYearFigures(t.db, [A().residentId, city.communities[1]!.residentId], 2026);
    expect(figures.get(A().residentId)).toEqual({ activities: 1, hours: 1.5 });
    expect(figures.has(city.communities[1]!.residentId)).toBe(false);
    expect((await volunteerYearFigures(t.db, [A().residentId], 2025)).size).toBe(0);

    const ov = await secretary.request('GET', '/api/volunteers/overview');
    expect(ov.status).toBe(200);
    expect(ov.body).toMatchObject({ orgs: 2, hours: 3.5, served: 15 });
    expect(ov.body.volunteers).toBeGreaterThanOrEqual(54);
    expect(ov.body.stars).toHaveLength(5);
    expect(ov.body.months).toEqual([{ month: '2026-11', hours: 3.5 }]);
    const street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    expect((await street.request('GET', '/api/volunteers/overview')).body).toMatchObject({ hours: 3.5, place: { id: city.streets[0]!.id } });
    expect((await secretaryB.request('GET', '/api/volunteers/overview')).body).toMatchObject({ orgs: 0, volunteers: 0, hours: 0 });
    expect((await orgAdmin.request('GET', '/api/volunteers/overview')).body).toMatchObject({ orgs: 1, volunteers: 1 });
    await t.db.updateTable('volunteer').set({ total_hours: 320 }).where('name', '=', '刘志愿').execute();
    expect((await secretary.request('GET', '/api/volunteers/overview')).body.stars[1]).toEqual({ stars: 2, volunteers: 1 });
    const list = await secretary.request('GET', '/api/volunteers/people?q=刘');
    expect(list.body.items[0]).toMatchObject({ name: '刘志愿', hours: 320, stars: 2 });
  });

  it('should take late arrivals after a first confirmation, confirm only them the second time, and keep a checked-in sign-up', async () => {
    clock.set(at('09:00', '2026-11-09'));
    const act = await newActivity(orgAdmin, { title: '楼道清理劝导', startsAt: at('09:00', '2026-11-09'), endsAt: at('12:00', '2026-11-09') });
    let code = await qr(act);
    expect((await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'in' })).status).toBe(200);
    const cancel = await resident.request('POST', `/api/volunteers/activities/${act}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body.message).toMatch(/已签到/);
    clock.set(at('10:00', '2026-11-09'));
    code = await qr(act);
    expect((await resident.request('POST', '/api/volunteers/scan', { token: code.token, action: 'out' })).status).toBe(200);
    const first = await orgAdmin.request('POST', `/api/volunteers/activities/${act}/confirm`, { served: 5 });
    expect(first.body.confirmed).toHaveLength(1);

    // Someone arrives after the first confirmation: still inside the window, so they check in.
    const late = await residentSession(await addResident(t.db, t.cipher, A().household, '孙邻居', validIdNumber('19820404', 45)));
    await late.session.request('POST', '/api/volunteers/me');
    clock.set(at('10:30', '2026-11-09'));
    code = await qr(act);
    expect((await late.session.request('POST', '/api/volunteers/scan', { token: code.token, action: 'in' })).status).toBe(200);
    clock.set(at('11:30', '2026-11-09'));
    code = await qr(act);
    expect((await late.session.request('POST', '/api/volunteers/scan', { token: code.token, action: 'out' })).status).toBe(200);
    const second = await orgAdmin.request('POST', `/api/volunteers/activities/${act}/confirm`, { served: 7 });
    const lateId = (await volunteerOfAccount(t.db, late.id))!.id;
    expect(second.body.confirmed).toEqual([{ volunteerId: lateId, hours: 1, points: 2 }]);
    expect((await orgAdmin.request('GET', `/api/volunteers/activities/${act}`)).body).toMatchObject({ served: 7, status: 'confirmed' });
  });

  async function pointsOf(householdId: number) {
    const r = await t.db.selectFrom('points_entry').select(sql<number>`coalesce(sum(amount), 0)`.as('n'))
      .where('holder_kind', '=', 'household').where('holder_id', '=', householdId).where('kind', '=', 'volunteer').executeTakeFirstOrThrow();
    return Number(r.n);
  }
});
