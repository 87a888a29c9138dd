import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

type City = Awaited<ReturnType<typeof buildSmallCity>>;

/** 减负: the certificate list, certificates issued with numbers or refused with a pointer and counted, removed signs and duties. */
describe('relief', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: City;
  let county: Session, street: Session, worker: Session, otherWorker: Session, otherCounty: Session;
  let listed: number, referred: number;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const accs = [
      await addAccount(t.db, 'county_admin', city.county), await addAccount(t.db, 'street_admin', city.streets[0]!),
      await addAccount(t.db, 'community_worker', city.communities[0]!.community), await addAccount(t.db, 'community_worker', city.communities[4]!.community),
      await addAccount(t.db, 'county_admin', city.otherCounty),
    ];
    [county, street, worker, otherWorker, otherCounty] = await Promise.all(accs.map((a) => login(t.app, a.username)));
  });
  afterAll(async () => t?.close());

  it('keeps the list at the county; a street may not', async () => {
    expect((await street.request('POST', '/api/relief/certificate-items', { name: '居住证明', issuable: true })).status).toBe(403);
    expect((await county.request('POST', '/api/relief/certificate-items', { name: '无犯罪记录证明', issuable: false })).status).toBe(400);
    listed = (await county.request('POST', '/api/relief/certificate-items', { name: '居住证明', issuable: true, basis: '社区证明事项清单第1项' })).body.id;
    referred = (await county.request('POST', '/api/relief/certificate-items', { name: '无犯罪记录证明', issuable: false, referTo: '请到户籍所在地公安派出所办理' })).body.id;
    expect((await county.request('POST', '/api/relief/certificate-items', { name: '居住证明', issuable: true })).status).toBe(409);
    expect((await worker.request('GET', '/api/relief/certificate-items')).body.total).toBe(2);
    expect((await otherWorker.request('GET', '/api/relief/certificate-items')).body.total).toBe(0);
  });

  it('issues a listed certificate with a number, refuses the rest with the pointer, and counts refusals', async () => {
    const a = await worker.request('POST', '/api/relief/certificate-requests', { itemId: listed, applicantName: '张三丰', purpose: '子女入学' });
    expect(a.status).toBe(200);
    expect(a.body.outcome).toBe('issued');
    expect(a.body.certificate.number).toMatch(/-2026-0001$/);
    expect(a.body.certificate.applicantName).toBe('张三丰');
    const b = await worker.request('POST', '/api/relief/certificate-requests', { itemId: listed, applicantName: '李四' });
    expect(b.body.certificate.number).toMatch(/-2026-0002$/);
    const r1 = await worker.request('POST', '/api/relief/certificate-requests', { itemId: referred, applicantName: '王五' });
    expect(r1.body).toMatchObject({ outcome: 'refused', referTo: '请到户籍所在地公安派出所办理', certificate: null });
    const r2 = await worker.request('POST', '/api/relief/certificate-requests', { askedFor: '亲属关系证明', applicantName: '赵六' });
    expect(r2.body.outcome).toBe('refused');
    expect(r2.body.referTo).toMatch(/谁主管、谁证明/);
    expect((await worker.request('POST', '/api/relief/certificate-requests', { applicantName: '赵六' })).status).toBe(400);
    expect((await otherWorker.request('POST', '/api/relief/certificate-requests', { itemId: listed, applicantName: '钱七' })).status).toBe(404);
    expect((await county.request('POST', '/api/relief/certificate-requests', { itemId: listed, applicantName: '钱七' })).status).toBe(403);

    const list = await street.request('GET', '/api/relief/certificate-requests?outcome=refused');
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((x: { applicantName: string }) => x.applicantName)).not.toContain('王五');
    const f = await county.request('GET', '/api/relief/figures');
    expect(f.body).toMatchObject({ issued: 2, refused: 2 });
    expect(f.body.refusedTop).toHaveLength(2);
    expect((await otherCounty.request('GET', '/api/relief/figures')).body).toMatchObject({ issued: 0, refused: 0 });
    const stored = await t.db.selectFrom('relief_certificate_request').select('applicant_name_enc').execute();
    expect(stored.every((s) => !s.applicant_name_enc.includes('张三丰'))).toBe(true);
  });

  it('registers removed signs and duties with counts', async () => {
    const c = city.communities[0]!.community.id;
    expect((await street.request('POST', '/api/relief/removals', { placeId: c, kind: 'sign', what: '创建文明城市工作站', removedOn: '2026-12-01', removedBy: '滨河街道' })).status).toBe(400);
    expect((await street.request('POST', '/api/relief/removals', { placeId: city.communities[4]!.community.id, kind: 'sign', what: 'x', removedOn: '2026-10-01', removedBy: 'y' })).status).toBe(404);
    expect((await street.request('POST', '/api/relief/removals', { placeId: c, kind: 'sign', what: '创建文明城市工作站', removedOn: '2026-10-20', removedBy: '滨河街道' })).status).toBe(200);
    expect((await street.request('POST', '/api/relief/removals', { placeId: c, kind: 'duty', what: '代收有线电视费', removedOn: '2026-10-21', removedBy: '滨河街道' })).status).toBe(200);
    expect((await worker.request('GET', '/api/relief/removals?kind=duty')).body.items[0]).toMatchObject({ what: '代收有线电视费', removedOn: '2026-10-21' });
    expect((await county.request('GET', '/api/relief/figures')).body).toMatchObject({ signs: 1, duties: 1 });
  });
});
