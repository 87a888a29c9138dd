// @module-tag slow — seeds the whole demo city
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seed } from '../../server/seed/seed.js';
import { createTestApp, login, type TestApp } from '../helpers/test-app.js';

/**
 * 双报到 in the demo city (server/seed/dual-report-demo.ts): 龙凤社区 has member and unit reports
 * to decide and last year's evaluations; unit_demo sees its own unit; member_demo is an
 * in-service member who has not reported this year (the browser test reports it).
 */
describe('双报到 in the demo city', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seed(t.database, t.cipher, { scale: 'demo' });
  }, 180_000);
  afterAll(async () => t?.close());

  it('should give 龙凤社区 reports to decide, members with their year, and last year\'s evaluations', async () => {
    const secretary = await login(t.app, 'secretary_binhe1', DEMO_PASSWORD);
    const pending = await secretary.request('GET', '/api/cobuild/member-reports?status=pending');
    expect(pending.body.total).toBeGreaterThan(0);
    expect((await secretary.request('GET', '/api/cobuild/pairings?status=pending')).body.total).toBeGreaterThan(0);
    const records = await secretary.request('GET', '/api/cobuild/member-records');
    expect(records.body.total).toBeGreaterThanOrEqual(8);
    expect(records.body.items.some((r: { participated: boolean }) => !r.participated)).toBe(true);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const last = await secretary.request('GET', `/api/cobuild/member-records?year=${year - 1}&graded=yes`);
    expect(last.body.total).toBeGreaterThan(0);
    const street = await login(t.app, 'street_binhe', DEMO_PASSWORD);
    expect((await street.request('GET', '/api/cobuild/member-reports?status=confirmed')).body.total).toBeGreaterThanOrEqual(24);
  });

  it('should link unit_demo to its unit only, and leave member_demo free to report', async () => {
    const unit = await login(t.app, 'unit_demo', DEMO_PASSWORD);
    const me = (await unit.request('GET', '/api/auth/me')).body.account;
    const units = await unit.request('GET', '/api/cobuild/units');
    expect(units.body.items).toEqual([expect.objectContaining({ id: me.workUnitId, name: '吕梁市税务局离石分局' })]);
    const record = await unit.request('GET', `/api/cobuild/units/${me.workUnitId}/record`);
    expect(record.body.pairings.length).toBeGreaterThan(0);

    const member = await login(t.app, 'member_demo', DEMO_PASSWORD);
    const mine = await member.request('GET', '/api/cobuild/my-report');
    expect(mine.body).toMatchObject({ blocked: null, current: null });
    expect(mine.body.community.name).toBeTruthy();
    expect(mine.body.postsOffered).not.toContain('branch_secretary');
  });
});
