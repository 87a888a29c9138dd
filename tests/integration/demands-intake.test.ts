import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import type { Role } from '../../server/database.js';
import { scheduleDeadline } from '../../server/modules/demands/demand.jobs.js';
import { findCategory } from '../../server/modules/demands/demand-lookups.repository.js';
import { staffAbove } from '../../server/modules/demands/demand.repository.js';
import { writeAudit } from '../../server/platform/audit.js';
import { ManualClock } from '../../server/platform/clock.js';
import { notify } from '../../server/platform/notifications.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** Intake writes everything in one statement and answers from what it wrote: prove nothing is lost. */
describe('demand intake in one round trip', () => {
  const clock = new ManualClock(new Date('2026-11-06T16:00:00+08:00')); // a Friday
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let worker: Session, resident: Session;
  let gridAccountId: number;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const a = city.communities[0];
    gridAccountId = (await addAccount(t.db, 'grid_worker', a.grid)).id;
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    const r = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', r.id).execute();
    resident = await login(t.app, r.username);
  });
  afterAll(() => t?.close());

  it('should answer exactly what a later read returns', async () => {
    for (const [s, body] of [
      [worker, { orgId: city.communities[0].grid.id, categoryCode: 'environment', description: '楼道堆物', channel: 'walk_in', lat: 37.51, lng: 111.13, reporterName: '王五', reporterPhone: '13800001111' }],
      [resident, { householdId: city.communities[0].household.id, categoryCode: 'utilities', description: '停水了', channel: 'resident' }],
      [worker, { orgId: city.communities[0].grid.id, categoryCode: 'other', description: '离线记录', channel: 'visit', clientId: 'offline-intake-001', address: '1号楼前' }],
    ] as const) {
      const created = await s.request('POST', '/api/demands', body);
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const read = await s.request('GET', `/api/demands/${created.body.demand.id}`);
      expect(created.body.demand).toEqual(read.body);
    }
  });

  it('should write the timeline, the timers, the audit record and the inbox notices with the demand', async () => {
    const created = await worker.request('POST', '/api/demands', { orgId: city.communities[0].grid.id, categoryCode: 'facilities', description: '路灯不亮', channel: 'walk_in', force: true });
    const id = created.body.demand.id as number;
    // Friday 16:00 + 5 working days = the next Friday 16:00.
    expect(created.body.demand.dueAt).toBe(new Date('2026-11-13T16:00:00+08:00').toISOString());
    const jobs = await t.db.selectFrom('job').select(['kind', 'run_at', 'payload', 'dedupe_key', 'status']).where('dedupe_key', 'like', `demand:${id}:%`).orderBy('kind').execute();
    expect(jobs).toEqual([
      { kind: 'demand.overdue', run_at: new Date('2026-11-13T16:00:00+08:00'), payload: { demandId: id, dueAt: created.body.demand.dueAt }, dedupe_key: `demand:${id}:overdue`, status: 'pending' },
      { kind: 'demand.warn', run_at: new Date('2026-11-12T16:00:00+08:00'), payload: { demandId: id, dueAt: created.body.demand.dueAt }, dedupe_key: `demand:${id}:warn`, status: 'pending' },
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after', 'org_path']).where('entity', '=', 'demand').where('entity_id', '=', String(id)).execute();
    expect(audit).toEqual([{ action: 'demand.create', after: { category: 'facilities', channel: 'walk_in' }, org_path: city.communities[0].grid.path }]);
    const notices = await t.db.selectFrom('notification').select(['account_id', 'title', 'link']).where('link', '=', `/demands/${id}`).execute();
    expect(notices.map((n) => n.account_id)).toContain(gridAccountId);
    expect(notices[0].title).toBe('新诉求：公用设施');
    const stat = await t.db.selectFrom('demand_daily_stat').select(['received']).where('org_id', '=', city.communities[0].grid.id).where('day', '=', '2026-11-06').executeTakeFirstOrThrow();
    expect(stat.received).toBeGreaterThanOrEqual(2);
  });

  it('should still refuse a place outside the caller’s scope and an unknown category', async () => {
    const outside = await worker.request('POST', '/api/demands', { orgId: city.communities[3].grid.id, categoryCode: 'other', description: '越权', channel: 'walk_in', force: true });
    expect(outside.status).toBe(404);
    const unknown = await worker.request('POST', '/api/demands', { orgId: city.communities[0].grid.id, categoryCode: 'nope', description: '未知类别', channel: 'walk_in', force: true });
    expect(unknown.status).toBe(400);
  });

  /**
   * demand_intake() (migration 0017) writes in SQL what scheduleJob, writeAudit, staffAbove and
   * notify write everywhere else. Proof they agree: after an intake, the TypeScript path writes
   * the same timers, audit record and notices for the same demand inside a transaction that is
   * then rolled back, and both sets of rows must be equal field by field.
   */
  it('should write exactly what the TypeScript helpers would write for the same demand', async () => {
    const created = await worker.request('POST', '/api/demands', { orgId: city.communities[0].grid.id, categoryCode: 'environment', description: '垃圾桶满溢未清运', channel: 'walk_in', force: true });
    expect(created.status).toBe(200);
    const id = created.body.demand.id as number;
    const d = await t.db.selectFrom('demand').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const category = (await findCategory(t.db, d.category_code))!;
    const jobs = (q: typeof t.db) => q.selectFrom('job').select(['kind', 'run_at', 'payload', 'county_code', 'dedupe_key'])
      .where('dedupe_key', 'like', `demand:${id}:%`).where('status', '=', 'pending').orderBy('kind').execute();
    const audits = (q: typeof t.db) => q.selectFrom('audit_log').select(['account_id', 'username', 'role', 'action', 'entity', 'entity_id', 'org_path', 'county_code', 'after', 'ip'])
      .where('entity', '=', 'demand').where('entity_id', '=', String(id)).orderBy('id').execute();
    const notices = (q: typeof t.db) => q.selectFrom('notification').select(['account_id', 'channel', 'title', 'body', 'link', 'org_path', 'county_code'])
      .where('link', '=', `/demands/${id}`).orderBy('account_id').execute();
    const fromSql = { jobs: await jobs(t.db), audits: await audits(t.db), notices: await notices(t.db) };
    expect(fromSql.jobs).toHaveLength(2);
    expect(fromSql.audits).toHaveLength(1);
    expect(fromSql.notices.length).toBeGreaterThan(0);

    const ctx = { database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock };
    const rollback = new Error('rollback');
    let fromTs: typeof fromSql | undefined;
    await t.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('notification').where('link', '=', `/demands/${id}`).execute();
      await scheduleDeadline(trx, id, d.county_code, d.created_at, d.due_at, category);
      const a = fromSql.audits[0];
      await writeAudit(trx, { accountId: a.account_id!, username: a.username!, displayName: '', role: a.role as Role, ip: a.ip! }, {
        action: 'demand.create', entity: 'demand', entityId: id, orgPath: d.org_path, countyCode: d.county_code,
        after: { category: d.category_code, channel: d.channel },
      });
      const staff = await staffAbove(trx, d.org_path);
      await notify(trx, ctx, staff.map((s) => s.id), { title: `新诉求：${category.name}`, body: d.description.slice(0, 60), link: `/demands/${id}`, orgPath: d.org_path, countyCode: d.county_code });
      fromTs = { jobs: await jobs(trx), audits: (await audits(trx)).slice(1), notices: await notices(trx) };
      throw rollback;
    }).catch((e) => { if (e !== rollback) throw e; });
    expect(fromTs).toEqual(fromSql);
    // And the rollback left the intake's own rows as they were.
    expect({ jobs: await jobs(t.db), audits: await audits(t.db), notices: await notices(t.db) }).toEqual(fromSql);
  });
});
