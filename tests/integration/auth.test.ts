import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, buildSmallCity, createTestApp, login, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';

describe('accounts and sessions', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers });

  it('should sign in with an HttpOnly SameSite session cookie and describe the account', async () => {
    const acc = await addAccount(t.db, 'community_worker', city.communities[0].community);
    const res = await post('/api/auth/login', { username: acc.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'linli_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.account.scope.orgId).toBe(city.communities[0].community.id);
    expect(body.account.permissions).toContain('pii.reveal');
    expect(body.csrfToken).toMatch(/.{20,}/);
  });

  it('should say "wrong user name or password" the same way for unknown users and wrong passwords', async () => {
    const acc = await addAccount(t.db, 'grid_worker', city.communities[0].grid);
    const a = await post('/api/auth/login', { username: acc.username, password: 'wrong-pass-1' });
    const b = await post('/api/auth/login', { username: 'nobody_here', password: 'wrong-pass-1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().message).toBe(b.json().message);
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('should lock an account after five wrong passwords, even for the right one', async () => {
    const acc = await addAccount(t.db, 'grid_worker', city.communities[0].grid);
    for (let i = 0; i < 4; i++) expect((await post('/api/auth/login', { username: acc.username, password: 'nope-nope-1' })).statusCode).toBe(401);
    const fifth = await post('/api/auth/login', { username: acc.username, password: 'nope-nope-1' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const right = await post('/api/auth/login', { username: acc.username, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.json().message).toMatch(/锁定/);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(acc.id)).execute();
    expect(audit.map((a) => a.action)).toContain('auth.locked');
  });

  it('should refuse writes without the CSRF token and reads without a session', async () => {
    const acc = await addAccount(t.db, 'community_secretary', city.communities[0].community);
    const s = await login(t.app, acc.username);
    const noCsrf = await t.app.inject({
      method: 'PATCH', url: `/api/org/units/${city.communities[0].grid.id}`, payload: { name: '新名' }, headers: { cookie: s.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_FAILED');
    const anon = await t.app.inject({ method: 'GET', url: '/api/people/residents' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('should end the session on logout', async () => {
    const acc = await addAccount(t.db, 'community_worker', city.communities[0].community);
    const s = await login(t.app, acc.username);
    expect((await s.request('POST', '/api/auth/logout')).status).toBe(200);
    expect((await s.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('should change the password, keep this session and end the others', async () => {
    const acc = await addAccount(t.db, 'community_worker', city.communities[0].community);
    const here = await login(t.app, acc.username);
    const elsewhere = await login(t.app, acc.username);
    const weak = await here.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/三类/);
    expect(weak.body.details.fields[0].field).toBe('body.newPassword');
    const ok = await here.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Better2026pass' });
    expect(ok.status).toBe(200);
    expect((await here.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await elsewhere.request('GET', '/api/auth/me')).status).toBe(401);
    await login(t.app, acc.username, 'Better2026pass');
  });

  it('should name the field in validation errors', async () => {
    const res = await post('/api/auth/login', { username: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.fields[0].field).toBe('body.username');
  });

  it('should refuse a role its missing permission with a Chinese message', async () => {
    const acc = await addAccount(t.db, 'resident', city.communities[0].unit);
    const s = await login(t.app, acc.username);
    const res = await s.request('GET', '/api/people/residents');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: '您的角色无权进行此操作' });
  });

  it('should let an admin create accounts only below its own rank and inside its scope', async () => {
    const admin = await addAccount(t.db, 'street_admin', city.streets[0]);
    const s = await login(t.app, admin.username);
    const community = city.communities[0].community;
    const ok = await s.request('POST', '/api/accounts', { username: 'new_worker1', displayName: '新社工', role: 'community_worker', scopeOrgId: community.id, password: 'Grid-Work-2026' });
    expect(ok.status).toBe(200);
    const peer = await s.request('POST', '/api/accounts', { username: 'new_admin1', displayName: 'x', role: 'street_admin', scopeOrgId: community.id, password: 'Grid-Work-2026' });
    expect(peer.status).toBe(403);
    const dup = await s.request('POST', '/api/accounts', { username: 'new_worker1', displayName: 'x', role: 'grid_worker', scopeOrgId: community.id, password: 'Grid-Work-2026' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ALREADY_EXISTS');
  });
});
