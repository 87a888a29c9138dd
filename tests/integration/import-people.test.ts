// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount, addHousehold, addResident, addUnit, createTestApp, login, validIdNumber,
  type Session, type TestApp, type Unit,
} from '../helpers/test-app.js';
import { csv, importFile as importOne, uploadImport } from '../helpers/upload.js';

const RESIDENT_HEADER = ['楼栋编码', '单元', '房号', '新建住户', '姓名', '身份证号', '与户主关系', '手机号'];
const MEMBER_HEADER = ['身份证号', '姓名', '所属党组织', '党员类别', '入党日期'];
const MERCHANT_HEADER = ['所属网格或社区编码', '商户名称', '经营范围', '地址', '联系人', '联系电话'];

describe('people import: residents, party members, merchants', () => {
  let t: TestApp;
  let county: Unit;
  let community: Unit;
  let grid: Unit;
  let building: Unit;
  let unit1: Unit;
  let otherBuilding: Unit; // another county
  let admin: Session;
  let otherAdmin: Session;
  let household101: { id: number; org_path: string; county_code: string };

  beforeAll(async () => {
    t = await createTestApp();
    const city = await addUnit(t.db, null, 'city', '吕梁市', { code: '141100' });
    county = await addUnit(t.db, city, 'county', '离石区', { code: '141102', countyCode: '141102' });
    const street = await addUnit(t.db, county, 'street', '滨河街道', { code: '141102001' });
    community = await addUnit(t.db, street, 'community', '龙凤社区', { code: '141102001001' });
    grid = await addUnit(t.db, community, 'grid', '龙凤网格', { code: '10000014110200100101' });
    building = await addUnit(t.db, grid, 'building', '1号楼', { code: '1000001411020010010101' });
    unit1 = await addUnit(t.db, building, 'unit', '1单元', { code: '100000141102001001010101' });
    await addUnit(t.db, building, 'unit', '2单元', { code: '100000141102001001010102' });
    household101 = await addHousehold(t.db, unit1, '101');
    const other = await addUnit(t.db, city, 'county', '孝义市', { code: '141181', countyCode: '141181' });
    const otherStreet = await addUnit(t.db, other, 'street', '新义街道', { code: '141181001' });
    const otherCommunity = await addUnit(t.db, otherStreet, 'community', '新义社区', { code: '141181001001' });
    const otherGrid = await addUnit(t.db, otherCommunity, 'grid', '新义网格', { code: '10000014118100100101' });
    otherBuilding = await addUnit(t.db, otherGrid, 'building', '9号楼', { code: '1000001411810010010109' });
    await addUnit(t.db, otherBuilding, 'unit', '1单元', { code: '100000141181001001010901' });
    admin = await login(t.app, (await addAccount(t.db, 'county_admin', county)).username);
    otherAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', other)).username);
  });
  afterAll(() => t?.close());

  const upload = (s: Session, kind: string, fileName: string, content: Buffer | string) => uploadImport(t.app, s, kind, fileName, content);
  const importFile = (s: Session, kind: string, fileName: string, content: Buffer | string) => importOne(t.app, s, kind, fileName, content);




  const count = async (table: 'resident' | 'household' | 'residence_history' | 'party_member' | 'merchant' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({
    residents: await count('resident'), households: await count('household'), history: await count('residence_history'),
    members: await count('party_member'), merchants: await count('merchant'), audit: await count('audit_log'),
  });

  async function download(s: Session, url: string) {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
    return res;
  }

  it('should serve the three new templates as xlsx and csv with Chinese headers', async () => {
    for (const [kind, header] of [['residents', RESIDENT_HEADER], ['party_members', MEMBER_HEADER], ['merchants', MERCHANT_HEADER]] as const) {
      const c = await download(admin, `/api/org/import/templates/${kind}.csv`);
      expect(c.statusCode).toBe(200);
      expect(c.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(header.join(','));
      const x = await download(admin, `/api/org/import/templates/${kind}.xlsx`);
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(header);
      expect(wb.getWorksheet('说明')).toBeTruthy();
    }
  });

  it('should report every bad row with row, column and reason, write nothing, and offer the rows back with an 错误 column', async () => {
    const taken = validIdNumber('19700101', 11);
    await addResident(t.db, t.cipher, household101, '已登记', taken);
    const good = validIdNumber('19900101', 21);
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await counts();
    const job = await importFile(admin, 'residents', 'bad.csv', csv([
      RESIDENT_HEADER,
      ['1000001411020010010101', '1', '101', '', '王一', good, '户主', '13800000001'], // row 2: fine
      ['1000001411020010010101', '1', '102', '', '王二', validIdNumber('19900101', 23), '', ''], // 3: no such room
      ['1000001411020010010101', '3', '101', '', '王三', validIdNumber('19900101', 25), '', ''], // 4: no unit 3
      ['1000001411810010010109', '1', '101', '是', '王四', validIdNumber('19900101', 27), '', ''], // 5: other county
      ['1000001411020010010101', '1', '101', '', '王五', badCheck, '', ''], // 6: check digit
      ['1000001411020010010101', '1', '101', '', '王六', good, '', ''], // 7: duplicate of row 2
      ['1000001411020010010101', '1', '101', '', '王七', taken, '', '12345'], // 8: registered; bad phone
    ]));
    expect(job.status).toBe('failed');
    expect(job.hasErrorReport).toBe(true);
    const byRow = (row: number) => job.errors.filter((e: { row: number }) => e.row === row);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual([expect.objectContaining({ column: '房号', message: expect.stringContaining('新建住户') })]);
    expect(byRow(4)).toEqual([expect.objectContaining({ column: '单元', message: expect.stringContaining('1单元、2单元') })]);
    expect(byRow(5)).toEqual([expect.objectContaining({ column: '楼栋编码', message: expect.stringContaining('不在您的管辖范围内') })]);
    expect(byRow(6)).toEqual([expect.objectContaining({ column: '身份证号', message: expect.stringContaining('校验位') })]);
    expect(byRow(7)).toEqual([expect.objectContaining({ column: '身份证号', message: '身份证号与第2行重复' })]);
    expect(byRow(8).map((e: { column: string }) => e.column).sort()).toEqual(['手机号', '身份证号']);
    expect(byRow(8).find((e: { column: string }) => e.column === '身份证号').message).toContain('已登记');
    expect(job.errorCount).toBe(7);
    expect(await counts()).toEqual(before);

    const report = await download(admin, `/api/org/import/jobs/${job.id}/error-report`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual([...RESIDENT_HEADER, '错误']);
    expect(ws.getRow(2).getCell(5).value).toBe('王一');
    expect(ws.getRow(2).getCell(9).value ?? '').toBe('');
    expect(ws.getRow(6).getCell(6).value).toBe(badCheck);
    expect(String(ws.getRow(6).getCell(9).value)).toContain('身份证号：');
    expect(String(ws.getRow(7).getCell(9).value)).toBe('身份证号：身份证号与第2行重复');

    // The report holds the rows as typed: sealed at rest, its download audited.
    const sealed = await t.db.selectFrom('org_import_job').select('error_report_enc').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(sealed.error_report_enc).toMatch(/^v1\./);
    expect(await t.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'org.import_error_report').execute())
      .toEqual([{ entity_id: String(job.id) }]);

    // Another county's admin can read neither the job nor its report.
    expect((await otherAdmin.request('GET', `/api/org/import/jobs/${job.id}`)).status).toBe(404);
    expect((await download(otherAdmin, `/api/org/import/jobs/${job.id}/error-report`)).statusCode).toBe(404);
  });

  it('should import residents into existing and new households, encrypted at rest, audited once', async () => {
    const a = validIdNumber('19850505', 31);
    const b = validIdNumber('20100101', 42);
    const before = await counts();
    const job = await importFile(admin, 'residents', 'ok.csv', csv([
      RESIDENT_HEADER,
      ['1000001411020010010101', '1', '101', '', '李一', a, '户主', '13900000001'],
      ['1000001411020010010101', '2单元', '201', '是', '李二', b.toLowerCase(), '子女', ''],
      ['1000001411020010010101', '2', '201', '', '李三', validIdNumber('19600101', 53), '父母', ''],
    ]));
    expect(job.status, JSON.stringify(job)).toBe('done');
    expect(job.imported).toBe(3);
    expect(job.importedByKind).toEqual({ household: 1, resident: 3 });
    expect(job.hasErrorReport).toBe(false);
    const after = await counts();
    expect(after.residents - before.residents).toBe(3);
    expect(after.households - before.households).toBe(1);
    expect(after.history - before.history).toBe(3);
    expect(after.audit - before.audit).toBe(1);

    const stored = await t.db.selectFrom('resident').selectAll().where('id_number_hash', '=', t.cipher.hash(a)).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(a);
    expect(JSON.stringify(stored)).not.toContain('13900000001');
    expect(t.cipher.decrypt(stored.id_number_enc)).toBe(a);
    expect(t.cipher.decrypt(stored.phone_enc!)).toBe('13900000001');
    expect(stored.id_number_mask).toBe(`141102${'*'.repeat(10)}${a.slice(-2)}`);
    expect(stored.phone_mask).toBe('139****0001');
    expect(stored).toMatchObject({ household_id: household101.id, org_path: unit1.path, county_code: '141102', gender: Number(a[16]) % 2 ? 'male' : 'female', relation: 'head' });
    const child = await t.db.selectFrom('resident').innerJoin('household', 'household.id', 'resident.household_id')
      .select(['resident.name', 'resident.relation', 'household.room', 'household.address', 'resident.org_path'])
      .where('id_number_hash', '=', t.cipher.hash(b)).executeTakeFirstOrThrow();
    expect(child).toMatchObject({ name: '李二', relation: 'child', room: '201', address: '1号楼2单元201' });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toContain(a);

    // The residents list shows them, masked.
    const list = await admin.request('GET', '/api/people/residents?q=李一&page=1&pageSize=20');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ name: '李一', idNumber: stored.id_number_mask })]);

    // A second upload of the same people is refused as already registered.
    const again = await importFile(admin, 'residents', 'again.csv', csv([
      RESIDENT_HEADER, ['1000001411020010010101', '1', '101', '', '李一', a, '', ''],
    ]));
    expect(again.status).toBe('failed');
    expect(again.errors[0]).toMatchObject({ row: 2, column: '身份证号', message: expect.stringContaining('已登记') });
  });

  it('should refuse a building outside the importer\'s scope', async () => {
    const before = await counts();
    const job = await importFile(otherAdmin, 'residents', 'x.csv', csv([
      RESIDENT_HEADER, ['1000001411020010010101', '1', '101', '', '赵一', validIdNumber('19800101', 61), '', ''],
    ]));
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([expect.objectContaining({ row: 2, column: '楼栋编码', message: expect.stringContaining('不在您的管辖范围内') })]);
    expect(await counts()).toEqual(before);
  });

  it('should import party members of registered residents into a party org named in scope', async () => {
    const { id: committee } = await t.db.insertInto('party_org').values({
      kind: 'committee', name: '龙凤社区大党委', org_id: community.id, org_path: community.path, county_code: community.county_code,
    }).returning('id').executeTakeFirstOrThrow();
    for (const name of ['第一支部', '第一支部']) {
      await t.db.insertInto('party_org').values({
        kind: 'branch', parent_id: committee, name, org_id: grid.id, org_path: grid.path, county_code: grid.county_code,
      }).execute();
    }
    const p1 = validIdNumber('19500101', 71);
    const p2 = validIdNumber('19990101', 72);
    await addResident(t.db, t.cipher, household101, '孙一', p1);
    await addResident(t.db, t.cipher, household101, '孙二', p2);

    const before = await counts();
    const bad = await importFile(admin, 'party_members', 'm.csv', csv([
      MEMBER_HEADER,
      [p1, '孙一', '第一支部', '退休党员', '1975-07-01'], // ambiguous org name
      [p2, '孙三', '龙凤社区大党委', '学生党员', '2020-06-01'], // name differs from the register
      [validIdNumber('19800101', 99), '无名', '龙凤社区大党委', '在职党员', '2001-07-01'], // not registered
      [p1, '孙一', '龙凤社区大党委', '退伍党员', '2999-01-01'], // duplicate; bad kind; future date
    ]));
    expect(bad.status).toBe('failed');
    const messages = bad.errors.map((e: { row: number; column: string }) => `${e.row}/${e.column}`);
    expect(messages).toEqual(['2/所属党组织', '3/姓名', '4/身份证号', '5/党员类别', '5/入党日期', '5/身份证号']);
    expect(await counts()).toEqual(before);

    const ok = await importFile(admin, 'party_members', 'm.csv', csv([
      MEMBER_HEADER,
      [p1, '孙一', String(committee), '退休党员', '1975/7/1'],
      [p2, '孙二', '龙凤社区大党委', '学生党员', '2020-06-01'],
    ]));
    expect(ok.status, JSON.stringify(ok)).toBe('done');
    expect(ok.importedByKind).toEqual({ party_member: 2 });
    const rows = await t.db.selectFrom('party_member').select(['member_kind', 'joined_on', 'party_org_id', 'org_path']).orderBy('id').execute();
    expect(rows.slice(-2).map((r) => [r.member_kind, r.party_org_id, r.org_path])).toEqual([
      ['retired', committee, unit1.path], ['student', committee, unit1.path],
    ]);

    const again = await importFile(admin, 'party_members', 'm.csv', csv([MEMBER_HEADER, [p1, '孙一', String(committee), '退休党员', '1975-07-01']]));
    expect(again.errors[0].message).toContain('已登记为党员');
    // Another county sees no such resident.
    const other = await importFile(otherAdmin, 'party_members', 'm.csv', csv([MEMBER_HEADER, [p2, '孙二', '龙凤社区大党委', '学生党员', '2020-06-01']]));
    expect(other.errors.map((e: { column: string }) => e.column)).toEqual(['身份证号', '所属党组织']);
  });

  it('should import merchants with encrypted phones and refuse duplicate names', async () => {
    const before = await counts();
    const bad = await importFile(admin, 'merchants', 's.xlsx', await xlsx([
      MERCHANT_HEADER,
      [grid.code, '龙凤超市', '日用百货', '龙凤小区底商1号', '周一', '13700000001'],
      [grid.code, '龙凤超市', '日用百货', '龙凤小区底商2号', '周二', ''],
      [building.code, '楼里小店', '杂货', '1号楼', '周三', ''],
      ['1000001411810010010109', '外县小店', '杂货', '外县', '周四', ''],
    ]));
    expect(bad.status).toBe('failed');
    expect(bad.errors.map((e: { row: number; column: string }) => `${e.row}/${e.column}`)).toEqual(['3/商户名称', '4/所属网格或社区编码', '5/所属网格或社区编码']);
    expect(await counts()).toEqual(before);

    const ok = await importFile(admin, 'merchants', 's.xlsx', await xlsx([
      MERCHANT_HEADER,
      [grid.code, '龙凤超市', '日用百货', '龙凤小区底商1号', '周一', '13700000001'],
      [community.code, '社区理发店', '理发', '龙凤社区活动中心旁', '周二', ''],
    ]));
    expect(ok.status, JSON.stringify(ok)).toBe('done');
    const m = await t.db.selectFrom('merchant').selectAll().where('name', '=', '龙凤超市').executeTakeFirstOrThrow();
    expect(m).toMatchObject({ org_id: grid.id, org_path: grid.path, county_code: '141102', phone_mask: '137****0001' });
    expect(JSON.stringify(m)).not.toContain('13700000001');
    expect(t.cipher.decrypt(m.phone_enc!)).toBe('13700000001');
    const again = await importFile(admin, 'merchants', 's.csv', csv([MERCHANT_HEADER, [grid.code, '龙凤超市', '百货', '底商', '周一', '']]));
    expect(again.errors[0].message).toBe('该网格或社区已有同名商户');
  });
});

async function xlsx(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
