import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_PROJECT_COUNTS } from '../../server/modules/cobuild/cobuild-categories.js';
import { DEMO_PASSWORD, seed } from '../../server/seed/seed.js';
import { createTestApp, login, type TestApp } from '../helpers/test-app.js';

/**
 * 结对共建 in the demo city (server/seed/cobuild-projects-demo.ts): the article's table of 1,956
 * projects over all thirteen counties, and 龙凤社区's lists ready for the demo accounts.
 */
describe('co-building in the demo city', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seed(t.database, t.cipher, { scale: 'demo' });
  }, 180_000);
  afterAll(async () => t?.close());

  it('should show the city the article\'s projects per category, spread over every county', async () => {
    const s = await login(t.app, 'city_admin', DEMO_PASSWORD);
    const o = await s.request('GET', '/api/cobuild/overview');
    expect(o.status, JSON.stringify(o.body)).toBe(200);
    expect(Object.fromEntries(o.body.byCategory.map((c: { category: string; count: number }) => [c.category, c.count]))).toEqual(ARTICLE_PROJECT_COUNTS);
    expect(o.body.totals.projects).toBe(1956);
    expect(o.body.children).toHaveLength(13);
    expect(o.body.children.every((c: { total: number }) => c.total > 0)).toBe(true);
    expect(o.body.totals.needsMet).toBeGreaterThan(0);
  });

  it('should give 龙凤社区 open needs with matching resources, and unit_demo projects to take up there', async () => {
    const secretary = await login(t.app, 'secretary_binhe1', DEMO_PASSWORD);
    const m = await secretary.request('GET', '/api/cobuild/matches');
    expect(m.body.total).toBeGreaterThanOrEqual(3);
    const unit = await login(t.app, 'unit_demo', DEMO_PASSWORD);
    expect((await unit.request('GET', '/api/cobuild/unit/me')).status).toBe(200);
    const board = await unit.request('GET', '/api/cobuild/unit/board?pageSize=200');
    expect(board.body.items.map((p: { title: string }) => p.title)).toContain('龙凤社区楼道照明改造');
    const submitted = await secretary.request('GET', '/api/cobuild/projects?status=submitted');
    expect(submitted.body.total).toBeGreaterThan(0);
  });
});
