// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { MAX_FAILED_LOGINS } from '../../server/platform/auth/sessions.js';
import { addAccount, buildSmallCity, createTestApp, login, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';

/** Issue 9: lockout races, forwarded headers, user name enumeration, weak passwords, headers, cookies, health. */
const PROXY = '127.0.0.10';

describe('security: sign-in, proxies, headers', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  beforeAll(async () => {
    t = await createTestApp({ env: { LINLI_TRUSTED_PROXIES: `${PROXY}, 10.9.0.0/16` } });
    city = await buildSmallCity(t);
  });
  afterAll(() => t?.close());

  let ipSeq = 0;
  /** A fresh client address for each test, so per-IP limits of one test don't touch another. */
  const nextIp = () => `127.0.${Math.floor(++ipSeq / 250) + 1}.${(ipSeq % 250) + 1}`;

  const signIn = (username: string, password: string, remoteAddress = nextIp(), headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });

  const auditOf = (accountId: number) =>
    t.db.selectFrom('audit_log').select(['action', 'ip']).where('entity', '=', 'account').where('entity_id', '=', String(accountId)).orderBy('id').execute();

  describe('lockout', () => {
    it('should check at most MAX_FAILED_LOGINS passwords of thirty sent at once, and then refuse the right one', async () => {
      const acc = await addAccount(t.db, 'grid_worker', city.communities[0].grid);
      // From thirty addresses, as a spread-out guesser would: no per-IP limit helps here.
      const answers = await Promise.all(Array.from({ length: 30 }, () => signIn(acc.username, 'Wrong-Guess-2026')));
      const codes = answers.map((a) => a.json().code);
      expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(MAX_FAILED_LOGINS - 1);
      expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(30 - (MAX_FAILED_LOGINS - 1));
      // One audit row per password actually checked.
      const audit = await auditOf(acc.id);
      expect(audit).toHaveLength(MAX_FAILED_LOGINS);
      expect(audit.filter((a) => a.action === 'auth.locked')).toHaveLength(1);
      const right = await signIn(acc.username, TEST_PASSWORD);
      expect(right.statusCode).toBe(423);
      expect(right.json().code).toBe('ACCOUNT_LOCKED');
      expect(await auditOf(acc.id)).toHaveLength(MAX_FAILED_LOGINS);
    });

    it('should still sign in with the right password after fewer wrong ones, and start counting afresh', async () => {
      const acc = await addAccount(t.db, 'grid_worker', city.communities[0].grid);
      for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) expect((await signIn(acc.username, 'Wrong-Guess-2026')).statusCode).toBe(401);
      expect((await signIn(acc.username, TEST_PASSWORD)).statusCode).toBe(200);
      const row = await t.db.selectFrom('account').select(['failed_logins', 'locked_until']).where('id', '=', acc.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ failed_logins: 0, locked_until: null });
    });

    it('should sign in again once the lock has run out', async () => {
      const acc = await addAccount(t.db, 'grid_worker', city.communities[0].grid);
      await t.db.updateTable('account').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', acc.id).execute();
      expect((await signIn(acc.username, TEST_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('user names cannot be told apart', () => {
    it('should answer an unknown name, a known name with a wrong password and a disabled account byte for byte alike', async () => {
      const known = await addAccount(t.db, 'community_worker', city.communities[0].community);
      const disabled = await addAccount(t.db, 'community_worker', city.communities[0].community);
      await t.db.updateTable('account').set({ disabled: true }).where('id', '=', disabled.id).execute();
      const a = await signIn(known.username, 'Wrong-Guess-2026');
      const b = await signIn('no_such_user_x', 'Wrong-Guess-2026');
      const c = await signIn(disabled.username, TEST_PASSWORD);
      for (const r of [a, b, c]) {
        expect(r.statusCode).toBe(401);
        expect(r.body).toBe(a.body);
        expect(r.headers['content-length']).toBe(a.headers['content-length']);
      }
      expect(a.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误', details: {} });
    });

    it('should never lock a name that does not exist', async () => {
      for (let i = 0; i < MAX_FAILED_LOGINS + 2; i++) {
        expect((await signIn('no_such_user_y', 'Wrong-Guess-2026')).json().code).toBe('INVALID_CREDENTIALS');
      }
    });
  });

  describe('forwarded headers', () => {
    it('should ignore X-Forwarded-For from a client that is not a configured proxy', async () => {
      const acc = await addAccount(t.db, 'grid_worker', city.communities[0].grid);
      const client = nextIp();
      const res = await signIn(acc.username, 'Wrong-Guess-2026', client, { 'x-forwarded-for': '203.0.113.7' });
      expect(res.statusCode).toBe(401);
      expect((await auditOf(acc.id)).map((a) => a.ip)).toEqual([client]);
    });

    it('should keep the per-IP login limit however the forged header changes', async () => {
      const client = nextIp();
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        statuses.push((await signIn('no_such_user_z', 'Wrong-Guess-2026', client, { 'x-forwarded-for': `198.51.100.${i + 1}` })).statusCode);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
    });

    it('should believe X-Forwarded-For from a configured proxy, by address and by CIDR', async () => {
      const acc = await addAccount(t.db, 'grid_worker', city.communities[0].grid);
      await signIn(acc.username, 'Wrong-Guess-2026', PROXY, { 'x-forwarded-for': '203.0.113.8' });
      await signIn(acc.username, 'Wrong-Guess-2026', '10.9.3.4', { 'x-forwarded-for': '203.0.113.9' });
      expect((await auditOf(acc.id)).map((a) => a.ip)).toEqual(['203.0.113.8', '203.0.113.9']);
    });

    it('should refuse to start with a trusted proxy that is not an address, and trust none by default', () => {
      expect(() => loadConfig({ LINLI_TRUSTED_PROXIES: 'proxy.example' } as NodeJS.ProcessEnv)).toThrow(/LINLI_TRUSTED_PROXIES/);
      expect(() => loadConfig({ LINLI_TRUSTED_PROXIES: '10.0.0.0/33' } as NodeJS.ProcessEnv)).toThrow(/LINLI_TRUSTED_PROXIES/);
      expect(loadConfig({ LINLI_TRUSTED_PROXIES: ' 10.0.0.2 , ::1, loopback,192.168.0.0/255.255.0.0' } as NodeJS.ProcessEnv).trustedProxies)
        .toEqual(['10.0.0.2', '::1', 'loopback', '192.168.0.0/255.255.0.0']);
      expect(loadConfig({} as NodeJS.ProcessEnv).trustedProxies).toEqual([]);
    });
  });

  describe('cookies', () => {
    it('should mark the session cookie Secure when a trusted proxy says the browser came over HTTPS', async () => {
      const acc = await addAccount(t.db, 'community_worker', city.communities[0].community);
      const viaProxy = await signIn(acc.username, TEST_PASSWORD, PROXY, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.10' });
      expect(viaProxy.cookies.find((c) => c.name === 'linli_session')!.secure).toBe(true);
      const forged = await signIn(acc.username, TEST_PASSWORD, nextIp(), { 'x-forwarded-proto': 'https' });
      expect(forged.cookies.find((c) => c.name === 'linli_session')!.secure).toBeFalsy();
    });
  });

  describe('passwords', () => {
    it('should refuse weak new passwords and name the field', async () => {
      const admin = await addAccount(t.db, 'street_admin', city.streets[0]);
      const s = await login(t.app, admin.username);
      const community = city.communities[0].community;
      const make = (username: string, password: string) =>
        s.request('POST', '/api/accounts', { username, displayName: '新账号', role: 'community_worker', scopeOrgId: community.id, password });
      for (const weak of ['password1', '1qaz2wsx', 'Password1', 'P@ssw0rd2026', '1qaz@WSX', 'Woaini1314', 'Qwerty123!', 'Aa123456', 'abcdefgh1234', 'Abcdefgh']) {
        const res = await make('weak_pw_user', weak);
        expect(res.status, weak).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details.fields[0].field).toBe('body.password');
      }
      const own = await make('zhao_xiaoyu', 'Zhao_Xiaoyu-2026');
      expect(own.status).toBe(400);
      expect(own.body.message).toMatch(/用户名/);
      expect((await make('zhao_xiaoyu', 'Lanhua-Qiao-7')).status).toBe(200);

      const change = await s.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Qwerty@2026' });
      expect(change.status).toBe(400);
      expect(change.body.details.fields[0].field).toBe('body.newPassword');
      const mine = await s.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: `${admin.username.toUpperCase()}-9x` });
      expect(mine.status).toBe(400);
      expect(mine.body.message).toMatch(/用户名/);
    });
  });

  describe('headers', () => {
    it('should send the security headers on the API, errors included, and no-store on API answers', async () => {
      const s = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[0].community)).username);
      for (const res of [
        await t.app.inject({ method: 'GET', url: '/api/health' }),
        await t.app.inject({ method: 'GET', url: '/api/people/residents' }),
        await t.app.inject({ method: 'GET', url: '/api/nope' }),
        await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } }),
        await t.app.inject({ method: 'GET', url: '/api/public/points/notices' }),
      ]) {
        expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('should keep the caching a route chose for itself', async () => {
      const s = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[0].community)).username);
      const template = await t.app.inject({ method: 'GET', url: '/api/org/import/templates/grids.csv', headers: { cookie: s.cookie } });
      expect(template.statusCode).toBe(200);
      expect(template.headers['cache-control']).toBe('no-cache');
    });

    it('should send the policy with the console and the API docs', async () => {
      for (const url of ['/', '/login', '/api/docs/']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.headers['content-security-policy'], url).toMatch(/script-src 'self'; style-src 'self' 'unsafe-inline'/);
        expect(res.headers['x-frame-options'], url).toBe('DENY');
      }
    });
  });

  describe('health', () => {
    it('should hide the database from anonymous callers and from roles below county admin', async () => {
      const anon = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(anon.json()).toEqual({ status: 'ok' });
      expect((await t.app.inject({ method: 'GET', url: '/api/health/detail' })).statusCode).toBe(401);
      const street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
      expect((await street.request('GET', '/api/health/detail')).status).toBe(403);
      const cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
      const detail = await cityAdmin.request('GET', '/api/health/detail');
      expect(detail.status).toBe(200);
      expect(detail.body.database.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    });
  });
});
