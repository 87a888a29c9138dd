import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, buildSmallCity, createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * Issue 10, accounts for real people: admins create, change, disable, unlock and reset accounts
 * below their own rank inside their scope, and link each to the resident, department or staff
 * record it stands for; a new or reset account must choose its own password first.
 */
describe('account administration', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let county: Session;
  let street: Session;
  let staffA: number;
  let staffOther: number;
  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    county = await login((await addAccount(t.db, 'county_admin', city.county)).username);
    street = await login((await addAccount(t.db, 'street_admin', city.streets[0])).username);
    const staffOf = async (orgId: number) =>
      (await t.db.selectFrom('staff').select('id').where('org_id', '=', orgId).executeTakeFirstOrThrow()).id;
    staffA = await staffOf(city.communities[0].community.id);
    staffOther = await staffOf(city.communities[4].community.id);
  });
  afterAll(() => t?.close());

  const A = () => city.communities[0];
  // Each sign-in from its own address: the per-IP limit on /auth/login is not what this file tests.
  let ipSeq = 0;
  const signIn = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `127.0.9.${++ipSeq % 250 + 1}` });
  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await signIn(username, password);
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = `linli_session=${res.cookies.find((c) => c.name === 'linli_session')!.value}`;
    const csrf = res.json().csrfToken as string;
    return {
      cookie, csrf,
      async request(method, url, payload) {
        const r = await t.app.inject({ method: method as 'GET', url, payload: payload as object | undefined, headers: { cookie, 'x-csrf-token': csrf } });
        return { status: r.statusCode, body: r.json() };
      },
    };
  };

  it('should create a linked account with a temporary password that must be changed before anything else', async () => {
    const res = await street.request('POST', '/api/accounts', {
      username: 'worker_linked1', displayName: '王社工', role: 'community_worker', scopeOrgId: A().community.id,
      link: { kind: 'staff', id: staffA },
    });
    expect(res.status).toBe(200);
    const temp = res.body.temporaryPassword as string;
    expect(temp).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}$/);

    const s = await login('worker_linked1', temp);
    const me = await s.request('GET', '/api/auth/me');
    expect(me.body.account).toMatchObject({ mustChangePassword: true, staffId: staffA, role: 'community_worker' });
    const blocked = await s.request('GET', '/api/people/residents');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await s.request('POST', '/api/auth/password', { oldPassword: temp, newPassword: temp })).status).toBe(400);
    expect((await s.request('POST', '/api/auth/password', { oldPassword: temp, newPassword: 'password1' })).status).toBe(400);
    const changed = await s.request('POST', '/api/auth/password', { oldPassword: temp, newPassword: 'Binhe-Shegong-8' });
    expect(changed.status).toBe(200);
    expect((await s.request('GET', '/api/auth/me')).body.account.mustChangePassword).toBe(false);
    expect((await s.request('GET', '/api/people/residents')).status).toBe(200);

    const list = await street.request('GET', `/api/accounts?q=worker_linked1`);
    expect(list.body.items[0]).toMatchObject({ username: 'worker_linked1', link: { kind: 'staff', id: staffA }, mustChangePassword: false });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'account')
      .where('action', '=', 'account.create').where('entity_id', '=', String(list.body.items[0].id)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain(temp);
  });

  it('should take a password the admin types only if it passes the rule', async () => {
    const weak = await street.request('POST', '/api/accounts', {
      username: 'typed_pw1', displayName: '李', role: 'grid_worker', scopeOrgId: A().grid.id, password: 'Password1',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.details.fields[0].field).toBe('body.password');
    const ok = await street.request('POST', '/api/accounts', {
      username: 'typed_pw1', displayName: '李', role: 'grid_worker', scopeOrgId: A().grid.id, password: 'Liu-Wangge-2026',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.temporaryPassword).toBeNull();
    const s = await login('typed_pw1', 'Liu-Wangge-2026');
    expect((await s.request('GET', '/api/org/search?q=x')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('should keep admins inside their scope and below their own rank', async () => {
    const otherStreet = city.communities[2].community;
    const outside = await street.request('POST', '/api/accounts', {
      username: 'outside_1', displayName: 'x', role: 'grid_worker', scopeOrgId: otherStreet.id,
    });
    expect(outside.status).toBe(404);
    const peer = await street.request('POST', '/api/accounts', { username: 'peer_1', displayName: 'x', role: 'street_admin', scopeOrgId: A().community.id });
    expect(peer.status).toBe(403);

    const peerAcc = await addAccount(t.db, 'street_admin', city.streets[0]);
    expect((await street.request('POST', `/api/accounts/${peerAcc.id}/disable`)).status).toBe(403);
    const far = await addAccount(t.db, 'grid_worker', city.communities[2].grid);
    for (const action of ['disable', 'enable', 'unlock', 'reset-password', 'unlink']) {
      expect((await street.request('POST', `/api/accounts/${far.id}/${action}`, {})).status, action).toBe(404);
    }
    expect((await street.request('PATCH', `/api/accounts/${far.id}`, { displayName: 'y' })).status).toBe(404);

    const mine = await addAccount(t.db, 'grid_worker', A().grid);
    const up = await street.request('PATCH', `/api/accounts/${mine.id}`, { role: 'street_admin' });
    expect(up.status).toBe(403);
    const moveOut = await street.request('PATCH', `/api/accounts/${mine.id}`, { scopeOrgId: otherStreet.id });
    expect(moveOut.status).toBe(404);
    const ok = await street.request('PATCH', `/api/accounts/${mine.id}`, { displayName: '改名网格员', role: 'community_worker', scopeOrgId: A().community.id });
    expect(ok.status).toBe(200);
    const row = await t.db.selectFrom('account').selectAll().where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: '改名网格员', role: 'community_worker', scope_org_id: A().community.id, scope_path: A().community.path });

    const listed = await street.request('GET', '/api/accounts?pageSize=200');
    expect(listed.body.items.every((a: { id: number }) => a.id !== far.id)).toBe(true);
    expect(listed.body.items.some((a: { id: number }) => a.id === mine.id)).toBe(true);
  });

  it('should filter the list by role, place and status', async () => {
    const g = await addAccount(t.db, 'grid_worker', city.communities[1].grid);
    await t.db.updateTable('account').set({ disabled: true }).where('id', '=', g.id).execute();
    const byPlace = await county.request('GET', `/api/accounts?orgId=${city.communities[1].community.id}&role=grid_worker&status=disabled`);
    expect(byPlace.status).toBe(200);
    expect(byPlace.body.items.map((a: { id: number }) => a.id)).toEqual([g.id]);
    expect(byPlace.body.total).toBe(1);
    const active = await county.request('GET', `/api/accounts?orgId=${city.communities[1].community.id}&status=active`);
    expect(active.body.items.some((a: { id: number }) => a.id === g.id)).toBe(false);
    expect((await county.request('GET', `/api/accounts?orgId=${city.communities[4].community.id}`)).status).toBe(404);
  });

  it('should link only records in scope, on the account\'s branch, that fit its role, one account per person', async () => {
    const res = await addAccount(t.db, 'resident', A().community);
    const wrongKind = await street.request('POST', `/api/accounts/${res.id}/link`, { kind: 'staff', id: staffA });
    expect(wrongKind.status).toBe(400);
    const farResident = await street.request('POST', `/api/accounts/${res.id}/link`, { kind: 'resident', id: city.communities[4].residentId });
    expect(farResident.status).toBe(404);
    const otherCommunity = await street.request('POST', `/api/accounts/${res.id}/link`, { kind: 'resident', id: city.communities[1].residentId });
    expect(otherCommunity.status).toBe(404);
    const ok = await street.request('POST', `/api/accounts/${res.id}/link`, { kind: 'resident', id: A().residentId });
    expect(ok.status).toBe(200);
    const s = await login(res.username);
    expect((await s.request('GET', '/api/auth/me')).body.account).toMatchObject({ residentId: A().residentId, householdId: A().household.id });

    const twin = await addAccount(t.db, 'party_member', A().community);
    const dup = await street.request('POST', `/api/accounts/${twin.id}/link`, { kind: 'resident', id: A().residentId });
    expect(dup.status).toBe(409);

    const roleChange = await street.request('PATCH', `/api/accounts/${res.id}`, { role: 'grid_worker' });
    expect(roleChange.status).toBe(409);
    expect(roleChange.body.code).toBe('CONFLICT');
    expect((await street.request('POST', `/api/accounts/${res.id}/unlink`)).status).toBe(200);
    expect((await t.db.selectFrom('account').select('resident_id').where('id', '=', res.id).executeTakeFirstOrThrow()).resident_id).toBeNull();
    expect((await street.request('POST', `/api/accounts/${twin.id}/link`, { kind: 'resident', id: A().residentId })).status).toBe(200);

    const staffFar = await street.request('POST', '/api/accounts', {
      username: 'staff_far1', displayName: 'x', role: 'community_worker', scopeOrgId: A().community.id, link: { kind: 'staff', id: staffOther },
    });
    expect(staffFar.status).toBe(404);
    expect((await t.db.selectFrom('account').select('id').where('username', '=', 'staff_far1').executeTakeFirst())).toBeUndefined();

    const actions = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'account')
      .where('entity_id', '=', String(res.id)).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['account.link', 'account.unlink']));
  });

  it('should link a department account to a department of its county and open its inbox', async () => {
    const created = await county.request('POST', '/api/accounts', {
      username: 'dept_new1', displayName: '住建局值班', role: 'department', scopeOrgId: city.county.id,
      link: { kind: 'department', id: A().departmentId }, password: 'Zhujian-Ju-2026',
    });
    expect(created.status).toBe(200);
    const s = await login('dept_new1', 'Zhujian-Ju-2026');
    expect((await s.request('POST', '/api/auth/password', { oldPassword: 'Zhujian-Ju-2026', newPassword: 'Zhujian-Ju-2027' })).status).toBe(200);
    const me = (await s.request('GET', '/api/auth/me')).body.account;
    expect(me).toMatchObject({ departmentId: A().departmentId, role: 'department' });
    const cands = await county.request('GET', `/api/accounts/link-candidates?kind=department&orgId=${city.county.id}`);
    expect(cands.body.items.map((c: { id: number }) => c.id)).toContain(A().departmentId);
    expect(cands.body.items.map((c: { id: number }) => c.id)).not.toContain(city.communities[4].departmentId);
    // A community secretary cannot make a department account: the department sits above its place.
    const sec = await login((await addAccount(t.db, 'community_secretary', A().community)).username);
    const bySecretary = await sec.request('POST', '/api/accounts', {
      username: 'dept_new2', displayName: 'x', role: 'department', scopeOrgId: A().community.id, link: { kind: 'department', id: A().departmentId },
    });
    expect(bySecretary.status).toBe(404);
  });

  it('should link several admin accounts to one work unit or volunteer organisation of their branch, and to nothing else', async () => {
    const unitOf = async (org: typeof city.county, name: string) => (await t.db.insertInto('work_unit').values({
      org_id: org.id, org_path: org.path, county_code: org.county_code, name, kind: 'organ', party_org_name: `${name}党支部`, contact_name: '办公室',
    }).returning('id').executeTakeFirstOrThrow()).id;
    const unit = await unitOf(city.streets[0], '离石区教育局');
    const farUnit = await unitOf(city.streets[1], '凤山供电所');
    const team = (await t.db.insertInto('volunteer_org').values({
      org_id: A().community.id, org_path: A().community.path, county_code: A().community.county_code, name: '龙凤志愿服务队', kind: 'community_team', contact_name: '队长',
    }).returning('id').executeTakeFirstOrThrow()).id;

    const cands = await street.request('GET', `/api/accounts/link-candidates?kind=work_unit&orgId=${city.streets[0].id}`);
    expect(cands.status).toBe(200);
    expect(cands.body.items).toEqual([expect.objectContaining({ id: unit, label: '离石区教育局', linkedAccountId: null })]);

    for (const username of ['unit_admin1', 'unit_admin2']) {
      const res = await street.request('POST', '/api/accounts', {
        username, displayName: '教育局联络员', role: 'work_unit', scopeOrgId: city.streets[0].id, link: { kind: 'work_unit', id: unit }, password: 'Jiaoyu-Ju-2026',
      });
      expect(res.status).toBe(200);
    }
    const s = await login('unit_admin2', 'Jiaoyu-Ju-2026');
    expect((await s.request('POST', '/api/auth/password', { oldPassword: 'Jiaoyu-Ju-2026', newPassword: 'Jiaoyu-Ju-2027' })).status).toBe(200);
    expect((await s.request('GET', '/api/auth/me')).body.account).toMatchObject({ role: 'work_unit', workUnitId: unit, volunteerOrgId: null });
    const listed = await street.request('GET', '/api/accounts?role=work_unit');
    expect(listed.body.items.map((a: { link: unknown }) => a.link)).toEqual([
      { kind: 'work_unit', id: unit, label: '离石区教育局' }, { kind: 'work_unit', id: unit, label: '离石区教育局' },
    ]);

    // Another street's unit is out of the street admin's scope; a unit cannot stand for another role.
    const far = await street.request('POST', '/api/accounts', {
      username: 'unit_far1', displayName: 'x', role: 'work_unit', scopeOrgId: city.streets[0].id, link: { kind: 'work_unit', id: farUnit },
    });
    expect(far.status).toBe(404);
    const wrongRole = await street.request('POST', '/api/accounts', {
      username: 'unit_wrong1', displayName: 'x', role: 'community_worker', scopeOrgId: A().community.id, link: { kind: 'work_unit', id: unit },
    });
    expect(wrongRole.status).toBe(400);

    const orgAdmin = await street.request('POST', '/api/accounts', {
      username: 'team_admin1', displayName: '志愿队长', role: 'volunteer_org', scopeOrgId: A().community.id, link: { kind: 'volunteer_org', id: team }, password: 'Zhiyuan-Dui-2026',
    });
    expect(orgAdmin.status).toBe(200);
    const row = await t.db.selectFrom('account').select(['volunteer_org_id', 'work_unit_id']).where('id', '=', orgAdmin.body.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ volunteer_org_id: team, work_unit_id: null });
    expect((await street.request('POST', `/api/accounts/${orgAdmin.body.id}/unlink`)).status).toBe(200);
    expect(await t.db.selectFrom('account').select('volunteer_org_id').where('id', '=', orgAdmin.body.id).executeTakeFirstOrThrow()).toEqual({ volunteer_org_id: null });
  });

  it('should find link candidates by name in scope, without ID numbers or phones', async () => {
    const r = await street.request('GET', `/api/accounts/link-candidates?kind=resident&orgId=${A().community.id}&q=${encodeURIComponent('张')}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((c: { id: number }) => c.id)).toEqual([A().residentId]);
    expect(JSON.stringify(r.body)).not.toMatch(/\d{11}/);
    const staff = await street.request('GET', `/api/accounts/link-candidates?kind=staff&orgId=${A().grid.id}`);
    expect(staff.body.items.map((c: { id: number }) => c.id)).toEqual([staffA]);
    expect((await street.request('GET', `/api/accounts/link-candidates?kind=resident&orgId=${city.communities[4].community.id}`)).status).toBe(404);
  });

  it('should end every session of a disabled account at once, and let it back in when enabled', async () => {
    const w = await addAccount(t.db, 'grid_worker', A().grid);
    const s = await login(w.username);
    expect((await s.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await street.request('POST', `/api/accounts/${w.id}/disable`)).status).toBe(200);
    expect((await s.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await t.db.selectFrom('session').select('id').where('account_id', '=', w.id).execute())).toHaveLength(0);
    expect((await signIn(w.username, TEST_PASSWORD)).statusCode).toBe(401);
    const list = await street.request('GET', `/api/accounts?q=${w.username}`);
    expect(list.body.items[0].disabled).toBe(true);
    expect((await street.request('POST', `/api/accounts/${w.id}/enable`)).status).toBe(200);
    expect((await signIn(w.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('should unlock an account locked by wrong passwords', async () => {
    const w = await addAccount(t.db, 'grid_worker', A().grid);
    for (let i = 0; i < 5; i++) await signIn(w.username, 'wrong-Pass-1');
    expect((await signIn(w.username, TEST_PASSWORD)).statusCode).toBe(423);
    const locked = await street.request('GET', `/api/accounts?status=locked&q=${w.username}`);
    expect(locked.body.items).toHaveLength(1);
    expect(locked.body.items[0].lockedUntil).not.toBeNull();
    expect((await street.request('POST', `/api/accounts/${w.id}/unlock`)).status).toBe(200);
    expect((await signIn(w.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('should reset a password to a temporary one shown once, end sessions and force a change', async () => {
    const w = await addAccount(t.db, 'community_worker', A().community);
    const s = await login(w.username);
    const weak = await street.request('POST', `/api/accounts/${w.id}/reset-password`, { password: 'abc12345' });
    expect(weak.status).toBe(400);
    const reset = await street.request('POST', `/api/accounts/${w.id}/reset-password`, {});
    expect(reset.status).toBe(200);
    const temp = reset.body.temporaryPassword as string;
    expect(temp).toBeTruthy();
    expect((await s.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await signIn(w.username, TEST_PASSWORD)).statusCode).toBe(401);
    const again = await login(w.username, temp);
    expect((await again.request('GET', '/api/people/residents')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await again.request('POST', '/api/auth/logout')).status).toBe(200);

    const typed = await street.request('POST', `/api/accounts/${w.id}/reset-password`, { password: 'Typed-Reset-2026' });
    expect(typed.body.temporaryPassword).toBeNull();
    expect((await signIn(w.username, 'Typed-Reset-2026')).statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_log').select('after').where('action', '=', 'account.reset_password')
      .where('entity_id', '=', String(w.id)).execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(temp);
  });

  it('should leave accounts made before this change free of the forced change', async () => {
    const old = await addAccount(t.db, 'community_worker', A().community);
    const s = await login(old.username);
    expect((await s.request('GET', '/api/people/residents')).status).toBe(200);
  });
});
