import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, buildSmallCity, createTestApp, login, type TestApp } from '../helpers/test-app.js';

describe('API basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('should tell anyone only that it is up, and the database and migration version only to county and city admins', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    const city = await buildSmallCity(t);
    const admin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    const detail = await admin.request('GET', '/api/health/detail');
    expect(detail.status).toBe(200);
    expect(detail.body.database.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(detail.body.migration).toMatch(/^\d{4}-/);
    expect(detail.body.database.target).not.toMatch(/password|@/);
    const worker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[0].community)).username);
    expect((await worker.request('GET', '/api/health/detail')).status).toBe(403);
  });

  it('should serve OpenAPI generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/api/people/residents/{id}/reveal'].post.requestBody).toBeDefined();
    expect(Object.keys(spec.paths).length).toBeGreaterThan(20);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
  });

  it('should answer unknown API paths with the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', details: {} });
  });

  it('should name the field of a bad path parameter', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().details.fields.map((f: { field: string }) => f.field)).toContain('body.password');
  });

  it('should refuse to start a server with a route that declares no permission', async () => {
    const Fastify = (await import('fastify')).default;
    const { installAuthHook } = await import('../../server/platform/http/auth-hook.js');
    const app = Fastify();
    installAuthHook(app, t.db);
    expect(() => app.get('/api/forgotten', async () => 'oops')).toThrow(/declares neither/);
    await app.close();
  });
});
