import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, addHousehold, addUnit, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

/** 小区管理: compounds and modes, units and owners, the register import, committees and 五有; on both databases. */
describe('selfrun compounds', () => {
  // Late evening in China: the China day is a day ahead of the UTC day, so a UTC slip shows.
  const clock = new ManualClock(new Date('2026-11-02T23:30:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretary: Session, otherSecretary: Session, street: Session;
  let compoundId: number, companyCompoundId: number;

  const ok = (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const refused = (res: { status: number; body: any }, status: number, text?: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(JSON.stringify(res.body)).toMatch(/[\u4e00-\u9fa5]/);
    if (text) expect(JSON.stringify(res.body)).toContain(text);
    return res.body;
  };

  async function xlsx(rows: (string | number)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('产权登记');
    ws.addRow(['楼栋', '单元', '房号', '面积', '业主姓名', '身份证号', '手机号']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  async function upload(s: Session, file: Buffer, apply: boolean, id = compoundId) {
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="register.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      file, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({
      method: 'POST', url: `/api/selfrun/compounds/${id}/register-import?apply=${apply}`, payload,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    return { status: r.statusCode, body: r.json() };
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const A = city.communities[0]!;
    compoundId = A.grid.id;
    // More rooms in compound A's 1号楼1单元 for the register.
    await addHousehold(t.db, A.unit, '102');
    await addHousehold(t.db, A.unit, '201');
    const second = await addUnit(t.db, A.community, 'grid', '龙凤小区二期', { gridType: 'enclosed' });
    companyCompoundId = second.id;
    const { id: companyId } = await t.db.insertInto('property_company').values({
      org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code, name: '滨河物业', credit_code: '911411020000000019', contact_name: '王经理',
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('property_contract').values({
      company_id: companyId, compound_id: second.id, org_path: second.path, county_code: second.county_code, starts_on: '2025-01-01', ends_on: '2027-12-31',
      fee_per_m2: 1.2, service_level: '2',
    }).execute();
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', A.community)).username);
    otherSecretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[1]!.community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists compounds with a derived company mode and refuses a stored mode there', async () => {
    const list = ok(await secretary.request('GET', '/api/selfrun/compounds?page=1&pageSize=50'));
    const company = list.items.find((c: any) => c.id === companyCompoundId);
    expect(company).toMatchObject({ mode: 'company', company: '滨河物业' });
    expect(list.items.find((c: any) => c.id === compoundId)).toMatchObject({ mode: 'none', households: 3 });
    refused(await secretary.request('POST', `/api/selfrun/compounds/${companyCompoundId}/mode`, { mode: 'self_run', since: '2026-11-01', reason: '业主决定' }), 409, '滨河物业');
    // The China day is 11-02 though UTC is still 11-02 15:30; tomorrow is refused.
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/mode`, { mode: 'self_run', since: '2026-11-03', reason: '业主决定' }), 400);
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/mode`, { mode: 'company', since: '2026-11-01', reason: '业主决定' }), 400);
    ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/mode`, { mode: 'self_run', since: '2026-11-02', reason: '业主大会表决通过' }));
    const selfRun = ok(await secretary.request('GET', '/api/selfrun/compounds?mode=self_run'));
    expect(selfRun.items.map((c: any) => c.id)).toEqual([compoundId]);
    expect(selfRun.items[0]).toMatchObject({ modeSince: '2026-11-02', fiveHavesMissing: true });
    const audit = await t.db.selectFrom('audit_log').select(['after']).where('action', '=', 'selfrun.mode_set').executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('业主大会表决通过');
    const figures = ok(await street.request('GET', '/api/selfrun/compounds/figures'));
    expect(figures.byMode.find((m: any) => m.mode === 'company').compounds).toBe(1);
    expect(figures.byStreet[0]).toMatchObject({ selfRun: 1, fiveHavesMissing: 1 });
  });

  it('refuses another community\'s compound', async () => {
    refused(await otherSecretary.request('GET', `/api/selfrun/compounds/${compoundId}`), 404);
    refused(await otherSecretary.request('GET', `/api/selfrun/compounds/${compoundId}/units`), 404);
    refused(await otherSecretary.request('POST', `/api/selfrun/compounds/${compoundId}/committee/members`, {
      committee: 'management', kind: 'owner', role: 'member', name: '李四', termFrom: '2026-11-01', termTo: '2029-10-31',
    }), 404);
    const list = ok(await otherSecretary.request('GET', '/api/selfrun/compounds'));
    expect(list.items.map((c: any) => c.id)).not.toContain(compoundId);
  });

  it('imports the property register: preview with reasons, refusal, then apply in one go', async () => {
    const bad = await xlsx([
      ['1号楼', '1单元', '101', 88.5, '张三', validIdNumber('19800101', 11), '13800001111'],
      ['1', '1', '999', 70, '李四', validIdNumber('19800101', 13), ''],
      ['1号楼', '1单元', '102', '八十', '王五', validIdNumber('19800101', 15), ''],
      ['1号楼', '1单元', '201', 90, '赵六', '141102198001010000', ''],
    ]);
    const preview = ok(await upload(secretary, bad, false));
    expect(preview).toMatchObject({ total: 4, errorCount: 3, applied: false });
    expect(preview.rows[0].idNumberMask).toMatch(/^141102\*{10}\d[\dX]$/);
    expect(JSON.stringify(preview)).not.toContain(validIdNumber('19800101', 11));
    expect(preview.rows[1].errors.join()).toContain('没有');
    expect(preview.rows[2].errors).toContain('面积不是数字');
    expect(preview.rows[3].errors.join()).toContain('校验位');
    refused(await upload(secretary, bad, true), 422, '3行错误');
    expect(ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/units`)).total).toBe(0);

    const good = await xlsx([
      ['1号楼', '1单元', '101', 88.5, '张三', validIdNumber('19800101', 11), '13800001111'],
      ['1号楼', '1单元', '101', 88.5, '张三妻', validIdNumber('19820101', 12), ''],
      ['1号楼', '1单元', '102', 70, '张三', validIdNumber('19800101', 11), ''],
      ['1号楼', '1单元', '201', 90, '赵六', validIdNumber('19800101', 17), ''],
    ]);
    expect(ok(await upload(secretary, good, true))).toMatchObject({ applied: true, errorCount: 0 });
    const units = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/units`));
    expect(units.total).toBe(3);
    const u101 = units.items.find((u: any) => u.label.endsWith('101'));
    expect(u101.areaM2).toBe(88.5);
    expect(u101.owners).toHaveLength(2);
    expect(u101.owners[0]).toMatchObject({ name: '张三', phoneMask: '138****1111' });
    expect(JSON.stringify(units)).not.toContain(validIdNumber('19800101', 11));
    // The full number only through the reveal rule: a reason, and an audit entry.
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/owners/${u101.owners[0].id}/reveal`, { field: 'idNumber' }), 400);
    expect(ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/owners/${u101.owners[0].id}/reveal`, { field: 'idNumber', reasonCode: 'verify_identity' })))
      .toEqual({ value: validIdNumber('19800101', 11) });
    refused(await otherSecretary.request('POST', `/api/selfrun/compounds/${compoundId}/owners/${u101.owners[0].id}/reveal`, { field: 'idNumber', reasonCode: 'verify_identity' }), 404);
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'pii.reveal').where('entity', '=', 'unit_owner').execute()).toHaveLength(1);
    // 张三 owns two units but counts once.
    const c = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}`));
    expect(c).toMatchObject({ units: 3, owners: 3, areaM2: 248.5 });
    // Bad files are refused with a reason.
    refused(await upload(secretary, Buffer.from('not a zip at all'), false), 422);
  });

  it('changes owners keeping history, and corrects an area', async () => {
    const units = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/units`));
    const u201 = units.items.find((u: any) => u.label.endsWith('201'));
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/units/${u201.id}/owners`, { name: '钱七', idNumber: '141102198001010000' }), 400, '校验位');
    ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/units/${u201.id}/owners`, { name: '钱七', idNumber: validIdNumber('19900101', 21), phone: '13900002222' }));
    ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/owners/${u201.owners[0].id}/end`));
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/owners/${u201.owners[0].id}/end`), 404);
    const after = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/units`)).items.find((u: any) => u.id === u201.id);
    expect(after.owners.map((o: any) => o.name)).toEqual(['钱七']);
    const rows = await t.db.selectFrom('unit_owner').select(['name', 'ended_at']).where('owned_unit_id', '=', u201.id).orderBy('id').execute();
    expect(rows.map((r) => [r.name, r.ended_at != null])).toEqual([['赵六', true], ['钱七', false]]);
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/units/${u201.id}/area`, { areaM2: -1 }), 400);
    ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/units/${u201.id}/area`, { areaM2: 91.25 }));
    ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/units`, { label: '底商1', areaM2: 40, developerUnsold: true }));
    const c = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}`));
    expect(c).toMatchObject({ units: 4, owners: 4, areaM2: 289.75 }); // 张三, 张三妻, 钱七 and the developer
  });

  it('builds a 物管会 member by member until it is valid', async () => {
    const add = (kind: string, role = 'member', name = `${kind}成员`) => secretary.request('POST', `/api/selfrun/compounds/${compoundId}/committee/members`, {
      committee: 'management', kind, role, name, termFrom: '2026-11-02', termTo: '2029-11-01',
    });
    let v = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/committee`));
    expect(v.valid).toBe(false);
    ok(await add('street', 'chair', '街道王主任'));
    refused(await add('owner', 'chair'), 409, '已有主任');
    for (let i = 0; i < 6; i++) ok(await add('owner', 'member', `业主${i}`));
    ok(await add('residents_committee'));
    v = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/committee`));
    expect(v.problems).toEqual(['物管会至少9人，现有8人', '物管会成员应为单数，现有8人', '物管会缺少房管部门代表']);
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/committee/members`, {
      committee: 'owners', kind: 'owner', role: 'member', name: '另一个', termFrom: '2026-11-02', termTo: '2029-11-01',
    }), 409, '已有物管会');
    const extra = ok(await add('housing_department'));
    v = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/committee`));
    expect(v).toMatchObject({ valid: true, problems: [], committee: 'management' });
    ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/committee/members/${extra.id}/leave`));
    v = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/committee`));
    expect(v.valid).toBe(false);
    expect(v.problems.join()).toContain('房管部门代表');
  });

  it('records 五有 items and flags a compound missing any', async () => {
    refused(await secretary.request('POST', `/api/selfrun/compounds/${companyCompoundId}/five-haves/venue`, { note: '有' }), 409);
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/five-haves/nothing`, { note: '有' }), 400);
    for (const item of ['party_org', 'venue', 'member_ledger', 'contact']) {
      ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/five-haves/${item}`, { note: `${item}已落实` }));
    }
    let v = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/five-haves`));
    expect(v.missing).toEqual(['emergency_plan']);
    expect(ok(await street.request('GET', '/api/selfrun/compounds/figures')).byStreet[0].fiveHavesMissing).toBe(1);
    ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/five-haves/emergency_plan`, { note: '应急预案已制定' }));
    v = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/five-haves`));
    expect(v.missing).toEqual([]);
    const c = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}`));
    expect(c).toMatchObject({ fiveHaves: 5, fiveHavesMissing: false });
    expect(ok(await street.request('GET', '/api/selfrun/compounds/figures')).byStreet[0].fiveHavesMissing).toBe(0);
  });
});
