import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionJobHandlers } from '../../server/modules/supervision/supervision.service.js';
import { loadConfig } from '../../server/config.js';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

type City = Awaited<ReturnType<typeof buildSmallCity>>;

/** 督导: working groups, inspections, problems handed over, rectified, verified or sent back, escalated when overdue; on both databases. */
describe('supervision', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: City;
  let cityAdmin: Session, county: Session, otherCounty: Session, dept: Session, otherDept: Session, street: Session;
  let deptId: number, groupId: number, inspectionId: number;
  const DAY = 86_400_000;

  async function upload(s: Session) {
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(16)]);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      png, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({ method: 'POST', url: '/api/files', payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(r.statusCode).toBe(200);
    return r.json().id as number;
  }
  const record = (s: Session, over: Record<string, unknown> = {}) => s.request('POST', '/api/supervision/problems', {
    inspectionId, placeId: city.communities[0]!.community.id, category: 'service_position', description: '党群服务中心挂牌过多，开放时间未公示', ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    deptId = city.communities[0]!.departmentId;
    const a = await addAccount(t.db, 'city_admin', city.city);
    const c = await addAccount(t.db, 'county_admin', city.county);
    const oc = await addAccount(t.db, 'county_admin', city.otherCounty);
    const d = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: deptId }).where('id', '=', d.id).execute();
    const od = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: city.communities[1]!.departmentId }).where('id', '=', od.id).execute();
    const st = await addAccount(t.db, 'street_admin', city.streets[0]!);
    [cityAdmin, county, otherCounty, dept, otherDept, street] = await Promise.all([a, c, oc, d, od, st].map((x) => login(t.app, x.username)));
  });
  afterAll(async () => t?.close());

  it('sets up a working group and plans an inspection; refuses wrong steps with reasons', async () => {
    const refused = await county.request('POST', '/api/supervision/groups', { name: '专班', leadDepartmentId: city.communities[4]!.departmentId });
    expect(refused.status).toBe(400); // a department of another county
    const g = await county.request('POST', '/api/supervision/groups', { name: '阵地建设专班', leadDepartmentId: deptId, memberIds: [city.communities[1]!.departmentId] });
    expect(g.status).toBe(200);
    groupId = g.body.id;
    expect((await county.request('POST', '/api/supervision/groups', { name: '阵地建设专班', leadDepartmentId: deptId })).status).toBe(409);
    const groups = await cityAdmin.request('GET', '/api/supervision/groups');
    expect(groups.body.items.find((x: { id: number }) => x.id === groupId).members).toHaveLength(2);
    expect((await dept.request('POST', '/api/supervision/groups', { name: 'x', leadDepartmentId: deptId })).status).toBe(403);

    const bad = await county.request('POST', '/api/supervision/inspections', { kind: 'joint_survey', title: '阵地督查', groupId, startsOn: '2026-11-02', endsOn: '2026-11-01', placeIds: [city.streets[0]!.id] });
    expect(bad.status).toBe(400);
    const out = await county.request('POST', '/api/supervision/inspections', { kind: 'joint_survey', title: '阵地督查', groupId, startsOn: '2026-11-02', endsOn: '2026-11-06', placeIds: [city.streets[2]!.id] });
    expect(out.status).toBe(404); // a street of another county
    const i = await county.request('POST', '/api/supervision/inspections', { kind: 'unannounced', title: '滨河街道暗访', groupId, startsOn: '2026-11-02', endsOn: '2026-11-06', placeIds: [city.streets[0]!.id] });
    expect(i.status).toBe(200);
    inspectionId = i.body.id;
    expect((await record(dept)).body.code).toBe('INVALID_TRANSITION'); // not under way yet
    const finish = await county.request('POST', `/api/supervision/inspections/${inspectionId}/finish`, {});
    expect(finish.status).toBe(409);
    expect(finish.body.message).toMatch(/计划中/);
    expect((await otherCounty.request('POST', `/api/supervision/inspections/${inspectionId}/start`, {})).status).toBe(404);
    expect((await county.request('POST', `/api/supervision/inspections/${inspectionId}/start`, {})).body.status).toBe('under_way');
    // the department is a member of the group, so it sees the inspection
    expect((await dept.request('GET', '/api/supervision/inspections?status=under_way')).body.items.map((x: { id: number }) => x.id)).toContain(inspectionId);
  });

  it('records, hands over, rectifies and verifies, with every refused step named', async () => {
    const photo = await upload(dept);
    const wrongPlace = await record(dept, { placeId: city.communities[2]!.community.id });
    expect(wrongPlace.status).toBe(404); // not a place of the inspection
    const past = await record(dept, { photoIds: [photo], handOver: { to: 'county', deadline: '2026-11-01' } });
    expect(past.status).toBe(400);
    const p = await record(dept, { photoIds: [photo], handOver: { to: 'county', deadline: '2026-11-09' } });
    expect(p.status).toBe(200);
    expect(p.body.status).toBe('handed_over');
    const id = p.body.id;

    // scope: the other county does not see it, the receiving county does
    expect((await otherCounty.request('GET', `/api/supervision/problems/${id}`)).status).toBe(404);
    expect((await otherCounty.request('GET', '/api/supervision/problems')).body.items).toHaveLength(0);
    expect((await otherDept.request('GET', `/api/supervision/problems/${id}`)).status).toBe(404);
    const seen = await county.request('GET', `/api/supervision/problems/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.receiver).toBe('离石区');
    expect(seen.body.actions).toEqual(['start', 'report']);
    expect(seen.body.photos).toHaveLength(1);
    expect((await county.request('GET', seen.body.photos[0])).status).toBe(200);

    expect((await dept.request('POST', `/api/supervision/problems/${id}/report`, { note: '已整改' })).status).toBe(403); // the inspector cannot rectify
    expect((await county.request('POST', `/api/supervision/problems/${id}/verify`, {})).body.code).toBe('INVALID_TRANSITION');
    expect((await county.request('POST', `/api/supervision/problems/${id}/report`, {})).status).toBe(400); // no text
    const evidence = await upload(county);
    expect((await county.request('POST', `/api/supervision/problems/${id}/report`, { note: '已摘除多余牌子，公示开放时间', photoIds: [evidence] })).body.status).toBe('reported');
    expect((await county.request('POST', `/api/supervision/problems/${id}/verify`, {})).status).toBe(403); // the receiver cannot verify
    expect((await dept.request('POST', `/api/supervision/problems/${id}/send-back`, {})).status).toBe(400); // reason required
    expect((await dept.request('POST', `/api/supervision/problems/${id}/send-back`, { note: '开放时间仍未公示' })).body.status).toBe('sent_back');
    expect((await street.request('POST', `/api/supervision/problems/${id}/report`, { note: '开放时间已上墙' })).body.status).toBe('reported');
    expect((await dept.request('POST', `/api/supervision/problems/${id}/verify`, {})).body.status).toBe('verified');
    const again = await county.request('POST', `/api/supervision/problems/${id}/report`, { note: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('该问题已验收销号，不能再办理');
    const d = await cityAdmin.request('GET', `/api/supervision/problems/${id}`);
    expect(d.body.steps.map((s: { action: string }) => s.action)).toEqual(['record', 'hand_over', 'report', 'send_back', 'report', 'verify']);
    expect(d.body.evidence).toHaveLength(1);
    const audits = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'supervision_problem').where('entity_id', '=', String(id)).execute();
    expect(audits).toHaveLength(6);
  });

  it('hands to a department only for its area; the department receives it', async () => {
    const p = await record(cityAdmin);
    const id = p.body.id;
    const far = await cityAdmin.request('POST', `/api/supervision/problems/${id}/hand-over`, { handOver: { to: 'department', departmentId: city.communities[4]!.departmentId, deadline: '2026-11-10' } });
    expect(far.status).toBe(400);
    expect((await cityAdmin.request('POST', `/api/supervision/problems/${id}/hand-over`, { handOver: { to: 'department', departmentId: city.communities[1]!.departmentId, deadline: '2026-11-10' } })).body.status).toBe('handed_over');
    expect((await otherDept.request('POST', `/api/supervision/problems/${id}/start`, {})).body.status).toBe('rectifying');
    expect((await dept.request('GET', `/api/supervision/problems/${id}`)).status).toBe(404);
  });

  it('escalates an overdue problem once, by its timer, surviving a restart', async () => {
    const p = await record(dept, { handOver: { to: 'county', deadline: '2026-11-03' } });
    const id = p.body.id;
    const handlers = supervisionJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock });
    clock.set(new Date('2026-11-03T23:00:00+08:00'));
    await runDueJobs(t.db, handlers, clock);
    expect((await t.db.selectFrom('supervision_problem').select('escalated_at').where('id', '=', id).executeTakeFirstOrThrow()).escalated_at).toBeNull();
    clock.set(new Date('2026-11-04T00:00:01+08:00'));
    // a "restart": fresh handlers, the timer is a row
    await runDueJobs(t.db, supervisionJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock }), clock);
    await runDueJobs(t.db, supervisionJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock }), clock);
    const row = await t.db.selectFrom('supervision_problem').select(['escalated_at', 'escalated_to_org_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.escalated_at).not.toBeNull();
    expect(row.escalated_to_org_id).toBe(city.city.id);
    const steps = await t.db.selectFrom('supervision_problem_step').select('action').where('problem_id', '=', id).where('action', '=', 'escalate').execute();
    expect(steps).toHaveLength(1);
    // The county was told when it was handed the problem, and the city when it escalated.
    const told = await t.db.selectFrom('notification as n').innerJoin('account as a', 'a.id', 'n.account_id')
      .select(['a.role', 'a.scope_org_id', 'n.title', 'n.link']).where('n.link', '=', `/supervision/problems/${id}`).execute();
    expect(told.filter((n) => n.title === '督导问题移交' && n.scope_org_id === city.county.id).length).toBeGreaterThan(0);
    expect(told.filter((n) => n.title === '督导问题逾期提级' && n.scope_org_id === city.city.id).length).toBeGreaterThan(0);
    const list = await county.request('GET', '/api/supervision/problems?overdue=true');
    expect(list.body.items.find((x: { id: number }) => x.id === id)).toMatchObject({ overdue: true, escalatedTo: '吕梁市' });
    // a problem reported in time does not escalate
    const q = await record(dept, { handOver: { to: 'county', deadline: '2026-11-05' } });
    await county.request('POST', `/api/supervision/problems/${q.body.id}/report`, { note: '已整改' });
    clock.advance(3 * DAY);
    await runDueJobs(t.db, supervisionJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock }), clock);
    expect((await t.db.selectFrom('supervision_problem').select('escalated_at').where('id', '=', q.body.id).executeTakeFirstOrThrow()).escalated_at).toBeNull();
    // sent back after the deadline: escalates at once
    await dept.request('POST', `/api/supervision/problems/${q.body.id}/send-back`, { note: '未整改到位' });
    await runDueJobs(t.db, supervisionJobHandlers({ database: t.database, cipher: t.cipher, config: loadConfig({} as NodeJS.ProcessEnv), clock }), clock);
    expect((await t.db.selectFrom('supervision_problem').select('escalated_at').where('id', '=', q.body.id).executeTakeFirstOrThrow()).escalated_at).not.toBeNull();
  });

  it('counts per county and department', async () => {
    const f = await cityAdmin.request('GET', '/api/supervision/figures?from=2026-01&to=2026-11');
    expect(f.status).toBe(200);
    const lishi = f.body.receivers.find((r: { name: string }) => r.name === '离石区');
    expect(lishi).toMatchObject({ kind: 'county', found: 3, rectified: 1, overdue: 2 });
    expect(lishi.averageDays).toBeGreaterThanOrEqual(0);
    expect(f.body.months.find((m: { month: string }) => m.month === '2026-11').found).toBe(4);
    expect((await otherCounty.request('GET', '/api/supervision/figures')).body.receivers).toHaveLength(0);
    expect((await cityAdmin.request('GET', '/api/supervision/figures?from=2026-12&to=2026-01')).status).toBe(400);
  });
});
