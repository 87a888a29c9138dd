import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../server/platform/clock.js';
import { ageOn } from '../../server/platform/pii/id-number.js';
import { addAccount, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

describe('people: residents with protected personal data', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let worker: Session;
  let county: Session;
  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[0].community)).username);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
  });
  afterAll(() => t?.close());

  it('should register a resident, store the ID number encrypted and answer masked', async () => {
    const idNumber = validIdNumber('19850315', 246);
    const res = await worker.request('POST', '/api/people/residents', {
      householdId: city.communities[0].household.id, name: '王小梅', idNumber, phone: '13912345678', relation: 'spouse',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '王小梅', idNumber: '141102**********' + idNumber.slice(-2), phone: '139****5678', gender: 'female', age: ageOn('1985-03-15', chinaDay(new Date())),
    });
    expect(res.body).not.toHaveProperty('birthDate');
    const row = await t.db.selectFrom('resident').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(idNumber.slice(6, 14));
    expect(row.phone_enc).not.toContain('12345678');
    expect(t.cipher.decrypt(row.id_number_enc)).toBe(idNumber);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'resident.create').where('entity_id', '=', String(res.body.id)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain(idNumber);
  });

  it('should reject a wrong check digit with a clear message naming the field, and store nothing', async () => {
    const good = validIdNumber('19850316', 248);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await t.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await worker.request('POST', '/api/people/residents', { householdId: city.communities[0].household.id, name: '错号', idNumber: bad });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '身份证号校验位不正确，请核对后重新输入' });
    expect(res.body.details.fields[0].field).toBe('body.idNumber');
    const after = await t.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('should reject a bad mobile number and a duplicate ID number', async () => {
    const bad = await worker.request('POST', '/api/people/residents', { householdId: city.communities[0].household.id, name: '甲', idNumber: validIdNumber('19700101', 555), phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('body.phone');
    const id = validIdNumber('19700101', 557);
    expect((await worker.request('POST', '/api/people/residents', { householdId: city.communities[0].household.id, name: '乙', idNumber: id })).status).toBe(200);
    const dup = await worker.request('POST', '/api/people/residents', { householdId: city.communities[0].household.id, name: '乙', idNumber: id });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ALREADY_EXISTS');
  });

  it('should find a resident by the full ID number or phone without exposing either', async () => {
    const idNumber = validIdNumber('19700101', 3);
    const byId = await worker.request('GET', `/api/people/residents?q=${idNumber}`);
    expect(byId.body.items).toHaveLength(1);
    expect(byId.body.items[0].idNumber).toBe('141102**********' + idNumber.slice(-2));
    expect(JSON.stringify(byId.body)).not.toContain(idNumber);
    const byPhone = await worker.request('GET', '/api/people/residents?q=13800000001');
    expect(byPhone.body.items.map((r: { name: string }) => r.name)).toEqual(['张1']);
  });

  it('should reveal the full ID number only with a listed reason, and audit it where the county can read it', async () => {
    const rid = city.communities[0].residentId;
    const noReason = await worker.request('POST', `/api/people/residents/${rid}/reveal`, { field: 'idNumber' });
    expect(noReason.status).toBe(400);
    const res = await worker.request('POST', `/api/people/residents/${rid}/reveal`, { field: 'idNumber', reasonCode: 'verify_identity', reasonText: '办理高龄补贴' });
    expect(res.status).toBe(200);
    expect(res.body.value).toBe(validIdNumber('19700101', 3));
    const phone = await worker.request('POST', `/api/people/residents/${rid}/reveal`, { field: 'phone', reasonCode: 'home_visit' });
    expect(phone.body.value).toBe('13800000001');
    const audit = await county.request('GET', '/api/audit?action=pii.reveal');
    expect(audit.status).toBe(200);
    const reasons = audit.body.items.map((a: { reason: string }) => a.reason);
    expect(reasons).toContain('核实身份办理业务：办理高龄补贴');
    expect(reasons).toContain('上门走访核实');
  });

  it('should not let a city admin (no reveal right) see full numbers', async () => {
    const admin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    const res = await admin.request('POST', `/api/people/residents/${city.communities[0].residentId}/reveal`, { field: 'idNumber', reasonCode: 'other', reasonText: '随便看看而已' });
    expect(res.status).toBe(403);
  });

  it('should keep residence history when a resident moves house', async () => {
    const from = city.communities[0];
    const to = city.communities[1];
    const street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    const res = await street.request('POST', `/api/people/residents/${from.residentId}/move`, { householdId: to.household.id });
    expect(res.status).toBe(200);
    const hist = await t.db.selectFrom('residence_history').selectAll().where('resident_id', '=', from.residentId).orderBy('id').execute();
    expect(hist.at(-1)).toMatchObject({ household_id: to.household.id, to_at: null });
    // The worker of the old community no longer sees the person.
    const gone = await worker.request('GET', `/api/people/residents/${from.residentId}`);
    expect(gone.status).toBe(404);
  });

  it('should page household lists and count residents', async () => {
    const res = await county.request('GET', `/api/people/households?orgId=${city.county.id}&page=1&pageSize=2`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items).toHaveLength(2);
  });

  it('should list the merchants in the caller’s scope', async () => {
    const merchants = await county.request('GET', '/api/people/merchants?pageSize=50');
    expect(merchants.body.total).toBe(4);
  });
});
