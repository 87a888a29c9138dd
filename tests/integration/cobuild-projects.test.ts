import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp, type Unit } from '../helpers/test-app.js';

/** 结对共建 through the API: needs, resources, matching, projects from the board to acceptance, and the figures. */
describe('co-building lists and projects', () => {
  const clock = new ManualClock(new Date('2026-06-15T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretaryA: Session, workerA2: Session, street: Session, county: Session, otherSecretary: Session, grid: Session;
  let unitX: Session, unitY: Session, unitZ: Session, unlinked: Session;
  let ids: { x: number; y: number; z: number };

  const A = () => city.communities[0]!;
  const A2 = () => city.communities[1]!;

  async function addWorkUnit(registrar: Unit, name: string) {
    const { id } = await t.db.insertInto('work_unit').values({
      org_id: registrar.id, org_path: registrar.path, county_code: registrar.county_code, name, kind: 'organ', party_org_name: `${name}机关党支部`, contact_name: '联络员',
    }).returning('id').executeTakeFirstOrThrow();
    return id;
  }
  async function unitAdmin(registrar: Unit, unitId: number | null) {
    const acc = await addAccount(t.db, 'work_unit', registrar);
    await t.db.updateTable('account').set({ work_unit_id: unitId }).where('id', '=', acc.id).execute();
    return login(t.app, acc.username);
  }
  async function upload(s: Session) {
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(16)]);
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({
      method: 'POST', url: '/api/files', payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode).toBe(200);
    return r.json().id as number;
  }
  const need = (s: Session, body: Record<string, unknown>) => s.request('POST', '/api/cobuild/needs', {
    category: 'education', title: '暑期儿童托管', size: 30, startsOn: '2026-07-01', endsOn: '2026-08-31', ...body,
  });
  const resource = (s: Session, body: Record<string, unknown>) => s.request('POST', body.workUnitId ? '/api/cobuild/resources' : '/api/cobuild/unit/resources', {
    category: 'education', title: '大学生志愿支教', capacity: 40, availableFrom: '2026-06-01', availableTo: '2026-07-15', ...body,
  });
  const publish = (s: Session, body: Record<string, unknown> = {}) => s.request('POST', '/api/cobuild/projects', {
    communityId: A().community.id, category: 'livelihood', title: '楼道照明改造', startsOn: '2026-07-01', endsOn: '2026-09-30', ...body,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const acc = async (role: Parameters<typeof addAccount>[1], u: Unit) => login(t.app, (await addAccount(t.db, role, u)).username);
    secretaryA = await acc('community_secretary', A().community);
    workerA2 = await acc('community_worker', A2().community);
    grid = await acc('grid_worker', A().grid);
    street = await acc('street_admin', city.streets[0]!);
    county = await acc('county_admin', city.county);
    otherSecretary = await acc('community_secretary', city.communities[4]!.community);
    ids = {
      x: await addWorkUnit(city.county, '离石区教育局'),
      y: await addWorkUnit(city.streets[0]!, '滨河供电所'),
      z: await addWorkUnit(city.otherCounty, '孝义市税务局'),
    };
    unitX = await unitAdmin(city.county, ids.x);
    unitY = await unitAdmin(city.streets[0]!, ids.y);
    unitZ = await unitAdmin(city.otherCounty, ids.z);
    unlinked = await unitAdmin(city.county, null);
  });
  afterAll(() => t?.close());

  describe('needs', () => {
    it('should let the community list needs for itself and its compounds, and refuse other places', async () => {
      const n = await need(secretaryA, { placeId: A().community.id });
      expect(n.status, JSON.stringify(n.body)).toBe(200);
      expect(n.body).toMatchObject({ communityId: A().community.id, status: 'open', place: { kind: 'community' } });
      const c = await need(secretaryA, { placeId: A().grid.id, category: 'special_groups', title: '独居老人助餐', size: 12 });
      expect(c.body).toMatchObject({ communityId: A().community.id, place: { id: A().grid.id, kind: 'grid' } });
      expect((await need(secretaryA, { placeId: A2().community.id })).status).toBe(404);
      expect((await need(secretaryA, { placeId: A().building.id })).status).toBe(400);
      const backwards = await need(secretaryA, { placeId: A().community.id, startsOn: '2026-09-01', endsOn: '2026-08-01' });
      expect(backwards.status).toBe(400);
      expect((await need(grid, { placeId: A().community.id })).status).toBe(403);
    });

    it('should show a community its own needs only, a street all of its communities', async () => {
      await need(workerA2, { placeId: A2().community.id, title: '二社区书法班' });
      const mine = await secretaryA.request('GET', '/api/cobuild/needs');
      expect(mine.body.items.every((n: { communityId: number }) => n.communityId === A().community.id)).toBe(true);
      const all = await street.request('GET', '/api/cobuild/needs?pageSize=100');
      expect(new Set(all.body.items.map((n: { communityId: number }) => n.communityId))).toEqual(new Set([A().community.id, A2().community.id]));
      expect((await otherSecretary.request('GET', '/api/cobuild/needs')).body.total).toBe(0);
      expect((await otherSecretary.request('GET', `/api/cobuild/needs?orgId=${A().community.id}`)).status).toBe(404);
    });
  });

  describe('resources', () => {
    it('should let a unit admin offer its own unit for places in its area only', async () => {
      const r = await resource(unitX, { placeIds: [city.streets[0]!.id] });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ workUnitId: ids.x, places: [{ id: city.streets[0]!.id, kind: 'street' }] });
      expect((await resource(unitX, { placeIds: [city.communities[4]!.community.id] })).status).toBe(404);
      expect((await resource(unitX, { placeIds: [A().grid.id] })).status).toBe(400);
      expect((await unlinked.request('GET', '/api/cobuild/unit/me')).status).toBe(403);
    });

    it('should let the community enter a resource for a unit it may work with, not for another county\'s', async () => {
      const r = await resource(secretaryA, { workUnitId: ids.y, placeIds: [A().community.id], title: '电力安全讲座' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect((await resource(secretaryA, { workUnitId: ids.z, placeIds: [A().community.id] })).status).toBe(404);
      expect((await resource(secretaryA, { workUnitId: ids.y, placeIds: [city.streets[0]!.id] })).status).toBe(404);
      expect((await resource(grid, { workUnitId: ids.y, placeIds: [A().community.id] })).status).toBe(403);
    });

    it('should let staff withdraw only resources wholly in their scope', async () => {
      const wide = await resource(unitX, { placeIds: [city.streets[0]!.id], title: '街道范围的讲座' });
      expect((await secretaryA.request('POST', `/api/cobuild/resources/${wide.body.id}/withdraw`)).status).toBe(404);
      expect((await street.request('POST', `/api/cobuild/resources/${wide.body.id}/withdraw`)).body.withdrawn).toBe(true);
      expect((await street.request('POST', `/api/cobuild/resources/${wide.body.id}/withdraw`)).status).toBe(409);
    });

    it('should show a unit admin only its own unit\'s resources', async () => {
      const x = await unitX.request('GET', '/api/cobuild/resources');
      expect(x.body.total).toBeGreaterThan(0);
      expect(x.body.items.every((r: { workUnitId: number }) => r.workUnitId === ids.x)).toBe(true);
      const a = await secretaryA.request('GET', '/api/cobuild/resources?pageSize=100');
      // The street-wide offer reaches the community, as does its own.
      expect(new Set(a.body.items.map((r: { workUnitId: number }) => r.workUnitId))).toEqual(new Set([ids.x, ids.y]));
      expect((await otherSecretary.request('GET', '/api/cobuild/resources')).body.total).toBe(0);
    });
  });

  describe('matching', () => {
    let needId: number;
    const rid: Record<string, number> = {};

    beforeAll(async () => {
      needId = (await need(secretaryA, { placeId: A().community.id, category: 'culture_sports', title: '社区广场舞培训', size: 30 })).body.id;
      const make = async (key: string, s: Session, body: Record<string, unknown>) => {
        const r = await resource(s, { category: 'culture_sports', title: key, ...body });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        rid[key] = r.body.id;
      };
      await make('street-wide', unitX, { placeIds: [city.streets[0]!.id], capacity: 40, availableFrom: '2026-06-01', availableTo: '2026-07-15' });
      await make('wrong-category', unitX, { category: 'policy', placeIds: [A().community.id], capacity: 40 });
      await make('wrong-place', unitY, { placeIds: [A2().community.id], capacity: 50 });
      await make('too-small', unitY, { placeIds: [A().community.id], capacity: 20 });
      await make('wrong-time', unitY, { placeIds: [A().community.id], capacity: 100, availableFrom: '2026-01-01', availableTo: '2026-02-28' });
      await make('withdrawn', unitY, { placeIds: [A().community.id], capacity: 30 });
      expect((await unitY.request('POST', `/api/cobuild/unit/resources/${rid.withdrawn}/withdraw`)).status).toBe(200);
      expect((await unitX.request('POST', `/api/cobuild/unit/resources/${rid.withdrawn}/withdraw`)).status).toBe(404);
      await make('best', unitY, { placeIds: [A().community.id], capacity: 30, availableFrom: '2026-08-01', availableTo: '2026-08-20' });
    });

    it('should propose only resources meeting every criterion, nearest and tightest first, with the reason', async () => {
      const m = await secretaryA.request('GET', `/api/cobuild/matches?needId=${needId}`);
      expect(m.status, JSON.stringify(m.body)).toBe(200);
      expect(m.body.total).toBe(2);
      expect(m.body.items.map((x: { resourceId: number }) => x.resourceId)).toEqual([rid.best, rid['street-wide']]);
      expect(m.body.items[0]).toMatchObject({ reason: '同类别 · 覆盖本社区 · 服务能力足够 · 时间重叠', overlapDays: 20, workUnitName: '滨河供电所' });
      expect(m.body.items[1].reasons).toContain('covers_street');
      const paged = await secretaryA.request('GET', `/api/cobuild/matches?needId=${needId}&pageSize=1&page=2`);
      expect(paged.body).toMatchObject({ total: 2, items: [{ resourceId: rid['street-wide'] }] });
      expect((await otherSecretary.request('GET', `/api/cobuild/matches?needId=${needId}`)).body.total).toBe(0);
    });

    it('should put a unit paired with the community first and say so', async () => {
      const { id: pairing } = await t.db.insertInto('unit_pairing').values({
        work_unit_id: ids.x, community_id: A().community.id, org_path: A().community.path, county_code: A().community.county_code, year: 2026, status: 'confirmed',
      }).returning('id').executeTakeFirstOrThrow();
      const m = await secretaryA.request('GET', `/api/cobuild/matches?needId=${needId}`);
      expect(m.body.items.map((x: { resourceId: number }) => x.resourceId)).toEqual([rid['street-wide'], rid.best]);
      expect(m.body.items[0]).toMatchObject({ reason: '同类别 · 覆盖本街道 · 服务能力足够 · 时间重叠 · 已结对' });
      expect(m.body.items[1].reasons).not.toContain('paired');
      const o = await secretaryA.request('GET', '/api/cobuild/overview');
      expect(o.body.totals.paired).toBe(1);
      await t.db.deleteFrom('unit_pairing').where('id', '=', pairing).execute();
    });

    it('should refuse a hand-picked pair that misses a criterion, saying which', async () => {
      const accept = (resourceId: number) => secretaryA.request('POST', '/api/cobuild/matches/accept', { needId, resourceId });
      expect((await accept(rid['too-small']!)).body.message ?? JSON.stringify((await accept(rid['too-small']!)).body)).toMatch(/服务能力/);
      for (const [k, why] of [['wrong-category', /类别/], ['wrong-time', /时间/], ['withdrawn', /撤回/]] as const) {
        const r = await accept(rid[k]!);
        expect(r.status, k).toBe(400);
        expect(JSON.stringify(r.body), k).toMatch(why);
      }
      // A resource serving only the neighbour is none of the community's business; the street is told why it does not fit.
      expect((await accept(rid['wrong-place']!)).status).toBe(404);
      const street2 = await street.request('POST', '/api/cobuild/matches/accept', { needId, resourceId: rid['wrong-place'] });
      expect(street2.status).toBe(400);
      expect(JSON.stringify(street2.body)).toMatch(/服务范围/);
    });

    it('should turn an accepted match into a project of the unit, once', async () => {
      expect((await otherSecretary.request('POST', '/api/cobuild/matches/accept', { needId, resourceId: rid.best })).status).toBe(404);
      const p = await secretaryA.request('POST', '/api/cobuild/matches/accept', { needId, resourceId: rid.best });
      expect(p.status, JSON.stringify(p.body)).toBe(200);
      expect(p.body).toMatchObject({ origin: 'matched', status: 'in_progress', workUnitId: ids.y, needId, resourceId: rid.best, category: 'culture_sports' });
      expect((await secretaryA.request('POST', '/api/cobuild/matches/accept', { needId, resourceId: rid['street-wide'] })).status).toBe(409);
      expect((await secretaryA.request('GET', `/api/cobuild/matches?needId=${needId}`)).body.total).toBe(0);
      const n = await secretaryA.request('GET', '/api/cobuild/needs?status=matched');
      expect(n.body.items.find((x: { id: number }) => x.id === needId)).toMatchObject({ projectId: p.body.id });
    });
  });

  describe('projects', () => {
    it('should let the community publish, the street assign, and refuse the community assigning', async () => {
      const p = await publish(secretaryA);
      expect(p.status, JSON.stringify(p.body)).toBe(200);
      expect(p.body).toMatchObject({ status: 'published', origin: 'published', workUnitId: null });
      expect((await publish(secretaryA, { workUnitId: ids.x })).status).toBe(403);
      const a = await publish(street, { workUnitId: ids.x, title: '街道指派：老旧小区议事厅' });
      expect(a.body).toMatchObject({ status: 'in_progress', origin: 'assigned', workUnitId: ids.x });
      expect((await publish(street, { workUnitId: ids.z })).status).toBe(404);
      expect((await publish(otherSecretary)).status).toBe(404);
      const later = await publish(secretaryA, { title: '街道再指派' });
      expect((await secretaryA.request('POST', `/api/cobuild/projects/${later.body.id}/assign`, { workUnitId: ids.y })).status).toBe(403);
      const assigned = await street.request('POST', `/api/cobuild/projects/${later.body.id}/assign`, { workUnitId: ids.y });
      expect(assigned.body).toMatchObject({ status: 'in_progress', workUnitId: ids.y });
      expect((await street.request('POST', `/api/cobuild/projects/${later.body.id}/assign`, { workUnitId: ids.x })).status).toBe(409);
    });

    it('should let exactly one of two units taking up the same project at once win', async () => {
      const p = await publish(secretaryA, { title: '揭榜：社区图书角' });
      const board = await unitX.request('GET', '/api/cobuild/unit/board?pageSize=100');
      expect(board.body.items.map((x: { id: number }) => x.id)).toContain(p.body.id);
      expect((await unitZ.request('GET', '/api/cobuild/unit/board?pageSize=100')).body.items.map((x: { id: number }) => x.id)).not.toContain(p.body.id);
      expect((await unitZ.request('POST', `/api/cobuild/unit/projects/${p.body.id}/take-up`)).status).toBe(404);
      const [x, y] = await Promise.all([
        unitX.request('POST', `/api/cobuild/unit/projects/${p.body.id}/take-up`),
        unitY.request('POST', `/api/cobuild/unit/projects/${p.body.id}/take-up`),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      const winner = x.status === 200 ? ids.x : ids.y;
      const row = await t.db.selectFrom('cobuild_project').select(['status', 'work_unit_id']).where('id', '=', p.body.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'in_progress', work_unit_id: winner });
      const steps = await t.db.selectFrom('cobuild_project_step').select('action').where('project_id', '=', p.body.id).execute();
      expect(steps.map((s) => s.action)).toEqual(['publish', 'take_up']);
      const loser = winner === ids.x ? unitY : unitX;
      expect((await loser.request('PUT', `/api/cobuild/unit/projects/${p.body.id}/plan`, { plan: '抢着做' })).status).toBe(404);
      expect((await loser.request('GET', `/api/cobuild/projects/${p.body.id}`)).status).toBe(404);
    });

    it('should walk a project through plan, milestones with photos, send-back and acceptance, refusing each wrong step', async () => {
      const p = (await publish(secretaryA, { title: '揭榜：助老食堂' })).body;
      const url = (s: string) => `/api/cobuild/unit/projects/${p.id}/${s}`;
      expect((await unitX.request('POST', url('submit'))).status).toBe(404); // not its project yet
      expect((await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/accept`)).status).toBe(409);
      expect((await unitX.request('POST', url('take-up'))).status).toBe(200);
      const noPlan = await unitX.request('POST', url('submit'));
      expect(noPlan.status).toBe(400);
      expect(JSON.stringify(noPlan.body)).toMatch(/实施方案/);
      const early = await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/accept`);
      expect(early.status).toBe(409);
      expect(JSON.stringify(early.body)).toMatch(/尚未提交验收/);
      expect((await unitX.request('PUT', url('plan'), { plan: '每周二、四为辖区老人提供午餐，单位食堂配送。' })).status).toBe(200);
      expect((await unitX.request('POST', url('submit'))).status).toBe(400); // no milestone done
      const photo = await upload(unitX);
      const strangerPhoto = await upload(unitZ);
      expect((await unitX.request('POST', url('milestones'), { title: '首次配送', dueOn: '2026-07-05', doneOn: '2026-07-05', photoIds: [strangerPhoto] })).status).toBe(400);
      expect((await unitX.request('POST', url('milestones'), { title: '首次配送', dueOn: '2026-07-05', doneOn: '2026-07-05' })).status).toBe(400);
      const m = await unitX.request('POST', url('milestones'), { title: '场地改造', dueOn: '2026-07-10' });
      expect(m.status, JSON.stringify(m.body)).toBe(200);
      const milestoneId = m.body.milestoneList[0].id;
      const done = await unitX.request('POST', `/api/cobuild/unit/milestones/${milestoneId}/done`, { doneOn: '2026-07-08', photoIds: [photo], note: '已完工' });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.milestoneList[0]).toMatchObject({ doneOn: '2026-07-08', photos: [{ id: photo }] });
      expect((await unitX.request('POST', `/api/cobuild/unit/milestones/${milestoneId}/done`, { doneOn: '2026-07-09', photoIds: [photo] })).status).toBe(409);
      // The photo is as visible as the project.
      expect((await secretaryA.request('GET', `/api/files/${photo}`)).status).toBe(200);
      expect((await unitZ.request('GET', `/api/files/${photo}`)).status).toBe(404);
      expect((await otherSecretary.request('GET', `/api/files/${photo}`)).status).toBe(404);

      expect((await unitX.request('POST', url('submit'))).body.status).toBe('submitted');
      const inbox = (s: Session) => s.request('GET', '/api/notifications?pageSize=50').then((r) => r.body.items as { title: string; link: string }[]);
      expect(await inbox(secretaryA)).toContainEqual(expect.objectContaining({ title: '结对共建项目提交验收', link: `/cobuild/projects/${p.id}` }));
      expect((await inbox(otherSecretary)).some((n) => n.link === `/cobuild/projects/${p.id}`)).toBe(false);
      const late = await unitX.request('PUT', url('plan'), { plan: '改一下' });
      expect(late.status).toBe(409);
      expect(JSON.stringify(late.body)).toMatch(/已提交验收/);
      expect((await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/return`, {})).status).toBe(400);
      expect((await street.request('POST', `/api/cobuild/projects/${p.id}/accept`)).status).toBe(403);
      expect((await workerA2.request('POST', `/api/cobuild/projects/${p.id}/accept`)).status).toBe(404);
      expect((await unitX.request('POST', `/api/cobuild/projects/${p.id}/accept`)).status).toBe(403);
      const back = await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/return`, { reason: '缺少用餐老人签到照片' });
      expect(back.body).toMatchObject({ status: 'returned', returnReason: '缺少用餐老人签到照片' });
      expect(await inbox(unitX)).toContainEqual(expect.objectContaining({ title: '结对共建项目被退回整改', body: '缺少用餐老人签到照片' }));
      expect((await unitX.request('POST', url('milestones'), { title: '补签到照片', dueOn: '2026-07-12', doneOn: '2026-07-12', photoIds: [await upload(unitX)] })).status).toBe(200);
      expect((await unitX.request('POST', url('submit'))).body.status).toBe('submitted');
      const ok = await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/accept`);
      expect(ok.body).toMatchObject({ status: 'accepted' });
      expect(ok.body.steps.map((s: { action: string }) => s.action)).toEqual(['publish', 'take_up', 'submit', 'send_back', 'submit', 'accept']);
      const again = await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/accept`);
      expect(again.status).toBe(409);
      expect(JSON.stringify(again.body)).toMatch(/已验收通过/);
      const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'cobuild_project').where('entity_id', '=', String(p.id)).execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['cobuild.project.take_up', 'cobuild.project.accept', 'cobuild.project.send_back']));
    });

    it('should mark the need met when its project is accepted', async () => {
      const n = (await need(secretaryA, { placeId: A().community.id, category: 'policy', title: '政策宣讲进社区', size: 50 })).body;
      const r = (await resource(unitY, { category: 'policy', placeIds: [A().community.id], capacity: 60, availableFrom: '2026-07-01', availableTo: '2026-07-31' })).body;
      const p = (await secretaryA.request('POST', '/api/cobuild/matches/accept', { needId: n.id, resourceId: r.id })).body;
      const u = (s: string) => `/api/cobuild/unit/projects/${p.id}/${s}`;
      await unitY.request('PUT', u('plan'), { plan: '七月每周一次政策宣讲' });
      await unitY.request('POST', u('milestones'), { title: '第一次宣讲', dueOn: '2026-07-06', doneOn: '2026-07-06', photoIds: [await upload(unitY)] });
      expect((await unitY.request('POST', u('submit'))).status).toBe(200);
      expect((await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/accept`)).status).toBe(200);
      const met = await secretaryA.request('GET', '/api/cobuild/needs?status=met');
      expect(met.body.items.map((x: { id: number }) => x.id)).toContain(n.id);
    });

    it('should withdraw a published project once and free its need; a withdrawn project cannot be taken up', async () => {
      const n = (await need(secretaryA, { placeId: A().community.id, category: 'other', title: '社区议事厅布置' })).body;
      const p = (await publish(secretaryA, { needId: n.id, category: 'other', title: '社区议事厅布置' })).body;
      expect((await publish(secretaryA, { needId: n.id })).status).toBe(409);
      expect((await grid.request('POST', `/api/cobuild/projects/${p.id}/withdraw`)).status).toBe(403);
      expect((await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/withdraw`)).body.status).toBe('withdrawn');
      expect((await secretaryA.request('POST', `/api/cobuild/projects/${p.id}/withdraw`)).status).toBe(409);
      expect((await unitX.request('POST', `/api/cobuild/unit/projects/${p.id}/take-up`)).status).toBe(409);
      const needs = await secretaryA.request('GET', '/api/cobuild/needs?status=open&pageSize=100');
      expect(needs.body.items.map((x: { id: number }) => x.id)).toContain(n.id);
    });

    it('should show a unit admin only its own projects and staff only those in scope', async () => {
      const mine = await unitX.request('GET', '/api/cobuild/projects?pageSize=100');
      expect(mine.body.total).toBeGreaterThan(0);
      expect(mine.body.items.every((p: { workUnitId: number }) => p.workUnitId === ids.x)).toBe(true);
      const other = await otherSecretary.request('GET', '/api/cobuild/projects');
      expect(other.body.total).toBe(0);
      const any = (await secretaryA.request('GET', '/api/cobuild/projects')).body.items[0];
      expect((await otherSecretary.request('GET', `/api/cobuild/projects/${any.id}`)).status).toBe(404);
      expect((await workerA2.request('GET', `/api/cobuild/projects/${any.id}`)).status).toBe(404);
      expect((await street.request('GET', `/api/cobuild/projects/${any.id}`)).status).toBe(200);
    });
  });

  describe('overview', () => {
    it('should count projects per category for a street and per street for the county, withdrawn ones nowhere', async () => {
      const rows = await t.db.selectFrom('cobuild_project').select(['category', 'status']).execute();
      const live = rows.filter((r) => r.status !== 'withdrawn');
      const s = await street.request('GET', '/api/cobuild/overview');
      expect(s.status, JSON.stringify(s.body)).toBe(200);
      expect(s.body.totals.projects).toBe(live.length);
      expect(s.body.totals.accepted).toBe(live.filter((r) => r.status === 'accepted').length);
      expect(s.body.totals.units).toBe(2);
      expect(s.body.totals.needsMet).toBe(1);
      const livelihood = live.filter((r) => r.category === 'livelihood').length;
      expect(s.body.byCategory.find((c: { category: string }) => c.category === 'livelihood').count).toBe(livelihood);
      expect(s.body.children.find((c: { id: number }) => c.id === A().community.id).total).toBe(live.length);
      const c = await county.request('GET', `/api/cobuild/overview?orgId=${city.county.id}`);
      expect(c.body.children.map((x: { id: number; total: number }) => [x.id, x.total])).toEqual(expect.arrayContaining([
        [city.streets[0]!.id, live.length], [city.streets[1]!.id, 0],
      ]));
      expect((await otherSecretary.request('GET', `/api/cobuild/overview?orgId=${city.streets[0]!.id}`)).status).toBe(404);
      expect((await otherSecretary.request('GET', '/api/cobuild/overview')).body.totals.projects).toBe(0);
    });
  });
});
