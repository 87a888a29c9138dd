import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** The working-day calendar: 2026 as the State Council published it, kept by the city, read by every time limit. */
describe('working-day calendar (工作日历)', () => {
  const clock = new ManualClock(new Date('2026-11-06T16:00:00+08:00')); // a Friday
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session, misplacedCityAdmin: Session, countyAdmin: Session, worker: Session, gridWorker: Session;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    misplacedCityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.county)).username);
    countyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[0].community)).username);
    gridWorker = await login(t.app, (await addAccount(t.db, 'grid_worker', city.communities[0].grid)).username);
  });
  afterAll(() => t?.close());

  it('should hold the 2026 public holidays and make-up working days as data', async () => {
    const r = await gridWorker.request('GET', '/api/calendar?year=2026');
    expect(r.status).toBe(200);
    const days = r.body.days as { day: string; kind: string; note: string | null }[];
    const holidays = days.filter((d) => d.kind === 'holiday').map((d) => d.day);
    const makeUp = days.filter((d) => d.kind === 'workday').map((d) => d.day);
    expect(makeUp).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(holidays).toHaveLength(33);
    for (const d of ['2026-01-01', '2026-02-15', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07']) expect(holidays).toContain(d);
    expect(days.find((d) => d.day === '2026-10-01')?.note).toBe('国庆节');
    expect((await gridWorker.request('GET', '/api/calendar?year=2027')).body.days).toEqual([]);
    expect((await gridWorker.request('GET', '/api/calendar?year=abc')).status).toBe(400);
  });

  it('should let only the city edit days, not past ones, with make-up days on weekends only, and audit each edit', async () => {
    expect((await countyAdmin.request('PUT', '/api/calendar/days/2027-01-01', { kind: 'holiday', note: '元旦' })).status).toBe(403);
    expect((await worker.request('PUT', '/api/calendar/days/2027-01-01', { kind: 'holiday', note: '元旦' })).status).toBe(403);
    const misplaced = await misplacedCityAdmin.request('PUT', '/api/calendar/days/2027-01-01', { kind: 'holiday', note: '元旦' });
    expect(misplaced.status).toBe(403);
    expect(misplaced.body.message).toBe('工作日历由市级管理员维护');

    const past = await cityAdmin.request('PUT', '/api/calendar/days/2026-10-01', { kind: 'normal' });
    expect(past.status).toBe(400);
    expect(past.body.message).toBe('已经过去的日期不能修改');
    const weekday = await cityAdmin.request('PUT', '/api/calendar/days/2027-01-05', { kind: 'workday' });
    expect(weekday.status).toBe(400);
    expect(weekday.body.message).toBe('调休上班只能设在周六或周日');
    expect((await cityAdmin.request('PUT', '/api/calendar/days/2027-02-30', { kind: 'holiday' })).status).toBe(400);

    const set = await cityAdmin.request('PUT', '/api/calendar/days/2027-01-01', { kind: 'holiday', note: '元旦' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ day: '2027-01-01', kind: 'holiday', note: '元旦' });
    expect((await cityAdmin.request('PUT', '/api/calendar/days/2027-01-02', { kind: 'workday', note: '调休' })).body.kind).toBe('workday');
    expect((await cityAdmin.request('PUT', '/api/calendar/days/2027-01-02', { kind: 'normal' })).body).toEqual({ day: '2027-01-02', kind: 'normal', note: null });
    expect((await worker.request('GET', '/api/calendar?year=2027')).body.days).toEqual([{ day: '2027-01-01', kind: 'holiday', note: '元旦' }]);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id', 'before', 'after']).where('entity', '=', 'work_calendar').orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['calendar.day_set', '2027-01-01'], ['calendar.day_set', '2027-01-02'], ['calendar.day_set', '2027-01-02']]);
    expect(audit[2].before).toEqual({ day: '2027-01-02', kind: 'workday', note: '调休' });
  });

  it('should count a day the city marks off in the very next time limit', async () => {
    const post = () => worker.request('POST', '/api/demands', { orgId: city.communities[0].grid.id, categoryCode: 'facilities', description: '路灯不亮', channel: 'walk_in', force: true });
    // Friday 16:00 + 5 working days = the next Friday 16:00.
    const before = await post();
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.demand.dueAt).toBe(new Date('2026-11-13T16:00:00+08:00').toISOString());
    expect((await cityAdmin.request('PUT', '/api/calendar/days/2026-11-11', { kind: 'holiday', note: '临时放假' })).status).toBe(200);
    const after = await post();
    expect(after.body.demand.dueAt).toBe(new Date('2026-11-16T16:00:00+08:00').toISOString());
    expect((await cityAdmin.request('PUT', '/api/calendar/days/2026-11-11', { kind: 'normal' })).status).toBe(200);
    expect((await post()).body.demand.dueAt).toBe(new Date('2026-11-13T16:00:00+08:00').toISOString());
  });
});
