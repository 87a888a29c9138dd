import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('API basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('should report the database in use and the migration version on /api/health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(body.migration).toMatch(/^\d{4}-/);
    expect(body.database.target).not.toMatch(/password|@/);
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
