import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../server/database.js';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { Scope } from '../../server/platform/scope.js';
import { loadConfig } from '../../server/config.js';
import { demandRates, ratesPeriod, rebuildDemandRollup } from '../../server/modules/demands/demand-rates.repository.js';
import { demandJobHandlers } from '../../server/modules/demands/index.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The rates before the rollup: counted straight from the demand table. Kept here as the
 * reference the rollup-based rates must match to the last digit.
 */
async function directRates(db: Kysely<DB>, unitPath: string, from: Date, to: Date, now: Date) {
  const rows = await sql<{
    child_id: number | null; is_total: number; received: number; responded: number; on_spot: number; resolved: number;
    rated: number; satisfied: number; overdue: number; close_hours: number | null;
  }>`
    SELECT child_id, GROUPING(child_id) AS is_total,
      count(*)::int AS received,
      count(responded_at)::int AS responded,
      count(*) FILTER (WHERE tier = 'spot')::int AS on_spot,
      count(*) FILTER (WHERE resolved_at IS NOT NULL OR closed_at IS NOT NULL)::int AS resolved,
      count(rating)::int AS rated,
      count(*) FILTER (WHERE rating IN ('satisfied', 'basic'))::int AS satisfied,
      count(*) FILTER (WHERE closed_at IS NULL AND resolved_at IS NULL AND due_at < ${now})::int AS overdue,
      avg(EXTRACT(EPOCH FROM (closed_at - created_at)) / 3600) FILTER (WHERE closed_at IS NOT NULL) AS close_hours
    FROM (
      SELECT d.*, NULLIF(split_part(substr(d.org_path, ${unitPath.length + 1}), '.', 1), '')::int AS child_id
      FROM demand d
      WHERE d.org_path LIKE ${unitPath + '%'} AND d.created_at >= ${from} AND d.created_at < ${to}
        AND d.merged_into_id IS NULL
    ) d
    GROUP BY ROLLUP (child_id)
  `.execute(db);
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
  const shape = (r: (typeof rows.rows)[number]) => ({
    received: r.received,
    responseRate: ratio(r.responded, r.received),
    onSpotRate: ratio(r.on_spot, r.received),
    resolutionRate: ratio(r.resolved, r.received),
    satisfactionRate: ratio(r.satisfied, r.rated),
    overdue: r.overdue,
    avgHoursToClose: r.close_hours === null ? null : Math.round(Number(r.close_hours) * 10) / 10,
  });
  const total = rows.rows.find((r) => Number(r.is_total) === 1);
  return {
    total: total ? shape(total) : shape({ child_id: null, is_total: 1, received: 0, responded: 0, on_spot: 0, resolved: 0, rated: 0, satisfied: 0, overdue: 0, close_hours: null }),
    children: rows.rows.filter((r) => Number(r.is_total) === 0 && r.child_id !== null)
      .map((r) => ({ id: r.child_id!, ...shape(r) }))
      .sort((a, b) => b.received - a.received || a.id - b.id),
  };
}

describe('demand rates from the daily rollup', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00')); // a Monday
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let resident: Session, grid: Session, worker: Session, street: Session, dept: Session, grid2: Session, worker2: Session;
  let departmentId: number;
  const handlers = () => demandJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const [a, b] = city.communities;
    departmentId = (await t.db.insertInto('department').values({ name: '离石区住建局', org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code }).returning('id').executeTakeFirstOrThrow()).id;
    const r = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', r.id).execute();
    resident = await login(t.app, r.username);
    grid = await login(t.app, (await addAccount(t.db, 'grid_worker', a.grid)).username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    grid2 = await login(t.app, (await addAccount(t.db, 'grid_worker', b.grid)).username);
    worker2 = await login(t.app, (await addAccount(t.db, 'community_worker', b.community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    const d = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: departmentId }).where('id', '=', d.id).execute();
    dept = await login(t.app, d.username);
  });
  afterAll(() => t?.close());

  const act = async (s: Session, id: number, action: string, body: Record<string, unknown> = {}) => {
    const r = await s.request('POST', `/api/demands/${id}/actions/${action}`, body);
    expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  };
  const create = async (s: Session, body: Record<string, unknown>) => {
    const r = await s.request('POST', '/api/demands', { categoryCode: 'facilities', description: '楼道灯坏了', channel: 'walk_in', force: true, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.demand.id as number;
  };

  async function expectRollupMatches() {
    const now = clock.now();
    const periods = [ratesPeriod(now, {}), ratesPeriod(now, { from: '2026-11-03', to: '2026-11-05' }), ratesPeriod(now, { from: '2026-11-04', to: '2026-11-04' })];
    const units = [city.city, city.county, city.streets[0], city.communities[0].community, city.communities[1].community, city.communities[0].grid];
    for (const u of units) {
      for (const p of periods) {
        const scope = new Scope(city.city.id, city.city.path, city.city.county_code);
        const fromRollup = await demandRates(t.db, scope, u.id, p.from, p.to, now);
        const direct = await directRates(t.db, u.path, p.from, p.to, now);
        expect({ total: fromRollup.total, children: fromRollup.children.map(({ name: _n, kind: _k, ...c }) => c).sort((a, b) => b.received - a.received || a.id - b.id) })
          .toEqual(direct);
      }
    }
    // The trigger's running totals equal a recount from scratch.
    const kept = await t.db.selectFrom('demand_daily_stat').selectAll().where('received', '>', 0).orderBy('org_id').orderBy('day').execute();
    const keptOpen = await t.db.selectFrom('demand_open_stat').selectAll().where('open', '>', 0).orderBy('org_id').orderBy('day').orderBy('due_day').execute();
    await rebuildDemandRollup(t.db);
    expect(keptOpen).toEqual(await t.db.selectFrom('demand_open_stat').selectAll().orderBy('org_id').orderBy('day').orderBy('due_day').execute());
    const rebuilt = await t.db.selectFrom('demand_daily_stat').selectAll().orderBy('org_id').orderBy('day').execute();
    expect(kept.map((r) => ({ ...r, close_seconds: Number(r.close_seconds) }))).toEqual(rebuilt.map((r) => ({ ...r, close_seconds: Number(r.close_seconds) })));
  }

  it('should equal a direct count over the demands through every lifecycle path', async () => {
    const a = city.communities[0];
    const b = city.communities[1];
    // Day 1 (Tue): a report closed satisfied, one closed "basic", one reopened, one solved on the spot.
    clock.set('2026-11-03T09:00:00+08:00');
    const satisfied = await create(resident, { householdId: a.household.id, channel: 'resident' });
    const basic = await create(resident, { householdId: a.household.id, channel: 'resident', categoryCode: 'environment' });
    const reopened = await create(resident, { householdId: a.household.id, channel: 'resident', categoryCode: 'neighbors' });
    await create(grid, { orgId: a.grid.id, channel: 'visit', solvedOnSpotNote: '现场修好' });
    clock.advance(2 * HOUR);
    await act(grid, satisfied, 'accept');
    await act(grid, basic, 'accept');
    await act(grid, reopened, 'accept');
    clock.advance(5 * HOUR);
    await act(grid, satisfied, 'resolve', { note: '已修' });
    await act(grid, basic, 'resolve', { note: '已清理' });
    await act(grid, reopened, 'resolve', { note: '已调解' });
    clock.advance(20 * HOUR);
    await act(resident, satisfied, 'rate_satisfied');
    await act(resident, basic, 'rate_satisfied', { note: 'basic' });
    await act(resident, reopened, 'rate_unsatisfied', { note: '还是吵' });
    await expectRollupMatches();

    // Day 2 (Wed): a merge, an assignment, a whistle resolved by a department, a declined escalation.
    clock.set('2026-11-04T10:00:00+08:00');
    const first = await create(worker, { orgId: a.grid.id, categoryCode: 'street_order', description: '门口乱停车' });
    const dup = await create(worker, { orgId: a.grid.id, categoryCode: 'street_order', description: '门口车停满了' });
    await act(worker, first, 'accept');
    await act(worker, dup, 'accept');
    await act(worker, dup, 'merge', { intoId: first });
    const assigned = await create(worker, { orgId: a.grid.id, categoryCode: 'property' });
    const gridAccount = await t.db.selectFrom('account').select('id').where('role', '=', 'grid_worker').where('scope_org_id', '=', a.grid.id).executeTakeFirstOrThrow();
    await act(worker, assigned, 'assign', { handlerAccountId: gridAccount.id });
    const whistled = await create(resident, { householdId: a.household.id, channel: 'resident', categoryCode: 'construction' });
    const w = await act(street, whistled, 'escalate', { note: '直接吹哨', departmentIds: [departmentId] });
    clock.advance(HOUR);
    await dept.request('POST', `/api/demands/dispatches/${w.dispatches[0].id}/accept`, {});
    await dept.request('POST', `/api/demands/dispatches/${w.dispatches[0].id}/resolve`, { note: '已处理' });
    const declined = await create(worker, { orgId: a.grid.id, categoryCode: 'advertising' });
    await act(worker, declined, 'accept');
    await act(worker, declined, 'request_escalation', { note: '需城管' });
    await act(street, declined, 'decline_escalation', { note: '社区可自行处理' });
    // Community B: a demand left untouched to go overdue, one on the meeting agenda.
    const untouched = await create(grid2, { orgId: b.grid.id, categoryCode: 'emergency', description: '燃气味' });
    const agenda = await create(worker2, { orgId: b.grid.id, categoryCode: 'complex' });
    await act(worker2, agenda, 'put_on_agenda');
    await act(worker2, agenda, 'decide_at_meeting', { note: '社区办理' });
    clock.advance(3 * HOUR);
    await runDueJobs(t.db, handlers(), clock);
    expect((await t.db.selectFrom('demand').select('overdue_at').where('id', '=', untouched).executeTakeFirstOrThrow()).overdue_at).not.toBeNull();
    await expectRollupMatches();

    // Day 3 (Thu): the reopened one closed after all; a rating by community staff; a community-level demand.
    clock.set('2026-11-05T23:30:00+08:00'); // late evening: the CST day, not the UTC one
    await act(grid, reopened, 'resolve', { note: '再次调解' });
    await act(worker, reopened, 'rate_satisfied');
    await act(resident, whistled, 'rate_satisfied');
    await create(worker, { orgId: a.community.id, categoryCode: 'other', description: '社区级诉求' });
    await create(worker2, { orgId: b.grid.id, categoryCode: 'safety', description: '消防通道堵塞' });
    clock.advance(10 * DAY);
    await expectRollupMatches();

    const county = await demandRates(t.db, new Scope(city.county.id, city.county.path, city.county.county_code), city.county.id, ...Object.values(ratesPeriod(clock.now(), {})) as [Date, Date], clock.now());
    expect(county.total).toMatchObject({ received: 12 });
    expect(county.total.overdue).toBeGreaterThan(1);
    expect(county.total.avgHoursToClose).toBeGreaterThan(0);
    expect(county.total.satisfactionRate).toBe(1);

    // An org move rewrites the rollup's paths with everything else: B's grid moves under community A.
    const moved = await t.db.transaction().execute(async (trx) => {
      const { rewritePaths } = await import('../../server/modules/org/org.repository.js');
      const newPath = `${a.community.path}${b.grid.id}.`;
      await rewritePaths(trx, b.grid.path, newPath, 0, null);
      await trx.updateTable('org_unit').set({ parent_id: a.community.id }).where('id', '=', b.grid.id).execute();
      return newPath;
    });
    b.grid.path = moved;
    await expectRollupMatches();
  });
});
