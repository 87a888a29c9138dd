import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentJobHandlers, SWEEP_UNATTACHED_AFTER_DAYS } from '../../server/platform/files/attachment.service.js';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** A few bytes that pass as PNG (magic bytes first) and differ on every call. */
const png = (extra = randomBytes(16)) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), extra]);

function multipart(bytes: Buffer, filename = 'photo.png', type = 'image/png', field = 'file') {
  const boundary = `----linli${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('files: photos stored in the database, read only by those who may', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let resident: Session, neighbour: Session, grid: Session, worker: Session, otherWorker: Session, street: Session, dept: Session, dept2: Session;
  let departmentId: number, gridAccountId: number, propertyAccountId: number, otherGridAccountId: number;

  const upload = async (s: Session, bytes: Buffer, filename?: string, type?: string, field?: string) => {
    const m = multipart(bytes, filename, type, field);
    const r = await t.app.inject({
      method: 'POST', url: '/api/files', payload: m.payload,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType },
    });
    return { status: r.statusCode, body: r.json() };
  };
  const fetchFile = (s: Session, id: number, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: { cookie: s.cookie, ...headers } });
  const report = (s: Session, body: Record<string, unknown>) =>
    s.request('POST', '/api/demands', { householdId: city.communities[0].household.id, categoryCode: 'facilities', description: '楼道灯坏了，晚上看不见', channel: 'resident', force: true, ...body });

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    const a = city.communities[0];
    departmentId = (await t.db.insertInto('department').values({ name: '离石区住建局', org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code }).returning('id').executeTakeFirstOrThrow()).id;
    const department2Id = (await t.db.insertInto('department').values({ name: '离石区城管局', org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code }).returning('id').executeTakeFirstOrThrow()).id;
    const r = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', r.id).execute();
    resident = await login(t.app, r.username);
    neighbour = await login(t.app, (await addAccount(t.db, 'resident', a.unit)).username);
    const g = await addAccount(t.db, 'grid_worker', a.grid);
    gridAccountId = g.id;
    grid = await login(t.app, g.username);
    propertyAccountId = (await addAccount(t.db, 'property_company', a.grid)).id;
    otherGridAccountId = (await addAccount(t.db, 'grid_worker', city.communities[1].grid)).id;
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    otherWorker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[1].community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    const d1 = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: departmentId }).where('id', '=', d1.id).execute();
    dept = await login(t.app, d1.username);
    const d2 = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: department2Id }).where('id', '=', d2.id).execute();
    dept2 = await login(t.app, d2.username);
  });
  afterAll(() => t?.close());

  it('should store an uploaded image and serve it back to the uploader with cache headers', async () => {
    const bytes = png();
    const up = await upload(resident, bytes, 'IMG_0001.png', 'application/octet-stream');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ contentType: 'image/png', size: bytes.length, url: `/api/files/${up.body.id}`, deduplicated: false });
    const row = await t.db.selectFrom('attachment').select(['org_path', 'county_code', 'uploader_account_id']).where('id', '=', up.body.id).executeTakeFirstOrThrow();
    expect(row.org_path).toBe(city.communities[0].unit.path);

    const got = await fetchFile(resident, up.body.id);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toContain('private');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(bytes)).toBe(true);
    const again = await fetchFile(resident, up.body.id, { 'if-none-match': got.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });

  it('should keep one copy when the same account uploads the same picture twice', async () => {
    const bytes = png();
    const first = await upload(resident, bytes);
    const second = await upload(resident, bytes);
    expect(second.body).toMatchObject({ id: first.body.id, deduplicated: true });
    // Another account's identical upload is its own file.
    const other = await upload(neighbour, bytes);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('should refuse files that are not JPEG, PNG or WebP by their bytes, whatever they claim', async () => {
    const gif = await upload(resident, Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 'x.png', 'image/png');
    expect(gif.status).toBe(415);
    expect(gif.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    const svg = await upload(resident, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.jpg', 'image/jpeg');
    expect(svg.status).toBe(415);
    expect(svg.body.message).toContain('JPEG');
  });

  it('should refuse an image over 5 MB, an empty form and a non-multipart request', async () => {
    const big = await upload(resident, png(Buffer.alloc(5 * 1024 * 1024)));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('5MB') });
    expect((await upload(resident, png(), 'a.png', 'image/png', 'photo')).status).toBe(400);
    const json = await resident.request('POST', '/api/files', { file: 'data:image/png;base64,AAAA' });
    expect(json.status).toBe(400);
  });

  it('should not serve a file to neighbours, other communities or departments, but to staff whose scope holds it', async () => {
    const up = await upload(resident, png());
    for (const s of [neighbour, otherWorker, dept]) {
      const r = await fetchFile(s, up.body.id);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('NOT_FOUND');
    }
    // Unknown ids look the same as refused ones.
    expect((await fetchFile(neighbour, 99_999_999)).statusCode).toBe(404);
    for (const s of [worker, grid, street]) expect((await fetchFile(s, up.body.id)).statusCode).toBe(200);
  });

  it('should take attachment ids with a report, show them as photos and let the demand’s readers see them', async () => {
    const a = await upload(resident, png());
    const b = await upload(resident, png());
    const created = await report(resident, { attachmentIds: [a.body.id, b.body.id, a.body.id], clientId: 'offline-files-0001' });
    expect(created.status).toBe(200);
    const d = created.body.demand;
    expect(d.photos).toEqual([`/api/files/${a.body.id}`, `/api/files/${b.body.id}`]);
    expect(d.timeline[0].attachments).toEqual(d.photos);
    // Replaying the offline record returns the same demand, not a second one.
    const replay = await report(resident, { attachmentIds: [a.body.id, b.body.id], clientId: 'offline-files-0001' });
    expect(replay.body).toMatchObject({ replayed: true, demand: { id: d.id } });

    // A department sees the photo once the demand is whistled to it, and not before; another department never.
    expect((await fetchFile(dept, a.body.id)).statusCode).toBe(404);
    expect((await grid.request('POST', `/api/demands/${d.id}/actions/accept`, {})).status).toBe(200);
    expect((await street.request('POST', `/api/demands/${d.id}/actions/escalate`, { note: '街道吹哨', departmentIds: [departmentId] })).status).toBe(200);
    expect((await fetchFile(dept, a.body.id)).statusCode).toBe(200);
    expect((await fetchFile(dept2, a.body.id)).statusCode).toBe(404);
    expect((await fetchFile(neighbour, a.body.id)).statusCode).toBe(404);

    // The department's proof of resolution, on the timeline; the reporter may see it.
    const view = await dept.request('GET', `/api/demands/${d.id}`);
    const dispatchId = view.body.dispatches[0].id;
    await dept.request('POST', `/api/demands/dispatches/${dispatchId}/accept`, {});
    const proof = await upload(dept, png());
    const done = await dept.request('POST', `/api/demands/dispatches/${dispatchId}/resolve`, { note: '已更换灯具', attachments: [proof.body.id] });
    expect(done.status).toBe(200);
    expect(done.body.timeline.find((e: { action: string }) => e.action === 'dispatch_resolve').attachments).toEqual([`/api/files/${proof.body.id}`]);
    expect((await fetchFile(resident, proof.body.id)).statusCode).toBe(200);
    expect((await fetchFile(worker, proof.body.id)).statusCode).toBe(200);
    expect((await fetchFile(otherWorker, proof.body.id)).statusCode).toBe(404);
  });

  it('should attach a handler’s photo to a lifecycle step as proof of resolution', async () => {
    const d = (await report(resident, {})).body.demand;
    await grid.request('POST', `/api/demands/${d.id}/actions/accept`, {});
    const proof = await upload(grid, png());
    const resolved = await grid.request('POST', `/api/demands/${d.id}/actions/resolve`, { note: '已修好', attachments: [proof.body.id] });
    expect(resolved.status).toBe(200);
    expect(resolved.body.timeline.at(-1)).toMatchObject({ action: 'resolve', attachments: [`/api/files/${proof.body.id}`] });
    // The reporter reaches the grid worker's photo through the demand.
    expect((await fetchFile(resident, proof.body.id)).statusCode).toBe(200);
    expect((await fetchFile(neighbour, proof.body.id)).statusCode).toBe(404);
  });

  it('should refuse attachment ids that do not exist or belong to someone else, and store nothing', async () => {
    const before = (await t.db.selectFrom('demand').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const unknown = await report(resident, { attachmentIds: [99_999_999] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.details.fields[0].field).toBe('body.attachmentIds');
    // A neighbour's upload in the same unit cannot be borrowed (it would become readable through the demand).
    const theirs = await upload(neighbour, png());
    expect((await report(resident, { attachmentIds: [theirs.body.id] })).status).toBe(400);
    expect((await report(resident, { attachmentIds: ['/api/files/1'] })).status).toBe(400);
    const after = (await t.db.selectFrom('demand').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(after).toBe(before);

    // A step refuses them too, and the demand stays as it was.
    const d = (await report(resident, {})).body.demand;
    const elsewhere = await upload(otherWorker, png());
    const bad = await grid.request('POST', `/api/demands/${d.id}/actions/accept`, { attachments: [elsewhere.body.id] });
    expect(bad.status).toBe(400);
    expect((await grid.request('GET', `/api/demands/${d.id}`)).body.state).toBe('submitted');
    // Staff may attach files from their own scope (a resident's photo sent in another way).
    const mine = await upload(resident, png());
    expect((await grid.request('POST', `/api/demands/${d.id}/actions/accept`, { attachments: [mine.body.id] })).status).toBe(200);
  });

  it('should list the handlers a community may assign a demand to', async () => {
    const d = (await report(resident, {})).body.demand;
    const r = await worker.request('GET', `/api/demands/${d.id}/handlers`);
    expect(r.status).toBe(200);
    const ids = r.body.items.map((h: { id: number }) => h.id);
    expect(ids).toEqual(expect.arrayContaining([gridAccountId, propertyAccountId]));
    expect(ids).not.toContain(otherGridAccountId);
    expect(r.body.items.every((h: { role: string }) => ['grid_worker', 'community_worker', 'community_secretary', 'property_company'].includes(h.role))).toBe(true);
    // Every name offered is accepted by the assign step.
    const assigned = await worker.request('POST', `/api/demands/${d.id}/actions/assign`, { handlerAccountId: propertyAccountId });
    expect(assigned.body.handlerAccountId).toBe(propertyAccountId);
    expect((await otherWorker.request('GET', `/api/demands/${d.id}/handlers`)).status).toBe(404);
    expect((await resident.request('GET', `/api/demands/${d.id}/handlers`)).status).toBe(403);
  });

  it('should name the department of a department account and the household of a resident in /me', async () => {
    expect((await dept.request('GET', '/api/auth/me')).body.account).toMatchObject({ departmentId, departmentName: '离石区住建局', residentId: null });
    expect((await resident.request('GET', '/api/auth/me')).body.account).toMatchObject({
      departmentId: null, residentId: city.communities[0].residentId, householdId: city.communities[0].household.id,
    });
  });

  it('should delete a photo never attached to anything a week after its upload, and keep attached ones', async () => {
    const loose = await upload(resident, png());
    const used = await upload(resident, png());
    expect((await report(resident, { attachmentIds: [used.body.id] })).status).toBe(200);
    const job = await t.db.selectFrom('job').select(['run_at', 'status']).where('dedupe_key', '=', `attachment:${loose.body.id}:sweep`).executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    const days = (job.run_at.getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(SWEEP_UNATTACHED_AFTER_DAYS - 0.01);
    expect(days).toBeLessThanOrEqual(SWEEP_UNATTACHED_AFTER_DAYS);

    const exists = async (id: number) => !!(await t.db.selectFrom('attachment').select('id').where('id', '=', id).executeTakeFirst());
    await runDueJobs(t.db, attachmentJobHandlers(), new ManualClock(new Date(Date.now() + (SWEEP_UNATTACHED_AFTER_DAYS - 1) * 86400_000)));
    expect(await exists(loose.body.id)).toBe(true);
    await runDueJobs(t.db, attachmentJobHandlers(), new ManualClock(new Date(Date.now() + (SWEEP_UNATTACHED_AFTER_DAYS + 1) * 86400_000)));
    expect(await exists(loose.body.id)).toBe(false);
    expect((await fetchFile(resident, loose.body.id)).statusCode).toBe(404);
    expect(await exists(used.body.id)).toBe(true);
    expect((await fetchFile(resident, used.body.id)).statusCode).toBe(200);
    const sweeps = await t.db.selectFrom('job').select('status').where('dedupe_key', 'in', [`attachment:${loose.body.id}:sweep`, `attachment:${used.body.id}:sweep`]).execute();
    expect(sweeps.map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('should slow down an account that uploads too fast', async () => {
    const s = await login(t.app, (await addAccount(t.db, 'grid_worker', city.communities[0].grid)).username);
    const bytes = png();
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await upload(s, bytes)).status);
    expect(statuses.slice(0, 60).every((x) => x === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
