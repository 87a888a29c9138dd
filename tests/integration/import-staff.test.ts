import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_RETENTION_DAYS, importJobHandlers } from '../../server/modules/org/import/run-import.service.js';
import { verifyPassword } from '../../server/platform/auth/password.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import {
  addAccount, addHousehold, addResident, addUnit, createTestApp, login, validIdNumber,
  type Session, type TestApp, type Unit,
} from '../helpers/test-app.js';
import { csv, importFile as importOne, uploadImport } from '../helpers/upload.js';

/**
 * Issue 10, "bulk imports … staff" and "bulk accounts come from the staff import": a staff file
 * is checked row by row with the staff page's own rules (post ↔ place, the 三岗十八级 scale), ID
 * numbers by GB 11643 and against staff in post, and may open accounts linked to the new records,
 * whose temporary passwords the uploader sees once.
 */

const HEADER = ['所在社区或网格编码', '姓名', '身份证号', '手机号', '岗位类别', '岗位', '等级', '创建账号', '账号角色'];
const MEMBER_HEADER = ['身份证号', '姓名', '所属党组织', '党员类别', '入党日期'];

describe('staff import, with accounts', () => {
  let t: TestApp;
  let county: Unit;
  let community: Unit;
  let grid: Unit;
  let otherCommunity: Unit;
  let household: { id: number; org_path: string; county_code: string };
  let admin: Session;
  let worker: Session; // a community worker: may register staff, may not open accounts
  let secretary: Session; // a community secretary: may open accounts below their own rank only
  let otherAdmin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    const city = await addUnit(t.db, null, 'city', '吕梁市', { code: '141100' });
    county = await addUnit(t.db, city, 'county', '离石区', { code: '141102', countyCode: '141102' });
    const street = await addUnit(t.db, county, 'street', '滨河街道', { code: '141102001' });
    community = await addUnit(t.db, street, 'community', '龙凤社区', { code: '141102001001' });
    grid = await addUnit(t.db, community, 'grid', '龙凤网格', { code: '10000014110200100101' });
    const building = await addUnit(t.db, grid, 'building', '1号楼', { code: '1000001411020010010101' });
    const unit = await addUnit(t.db, building, 'unit', '1单元', { code: '100000141102001001010101' });
    household = await addHousehold(t.db, unit, '101');
    const other = await addUnit(t.db, city, 'county', '孝义市', { code: '141181', countyCode: '141181' });
    const otherStreet = await addUnit(t.db, other, 'street', '新义街道', { code: '141181001' });
    otherCommunity = await addUnit(t.db, otherStreet, 'community', '新义社区', { code: '141181001001' });
    admin = await login(t.app, (await addAccount(t.db, 'county_admin', county)).username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', community)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', community)).username);
    otherAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', other)).username);
  });
  afterAll(() => t?.close());

  const upload = (s: Session, kind: string, fileName: string, content: Buffer | string) => uploadImport(t.app, s, kind, fileName, content);
  const importFile = (s: Session, kind: string, fileName: string, content: Buffer | string) => importOne(t.app, s, kind, fileName, content);



  const count = async (table: 'staff' | 'account' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({ staff: await count('staff'), accounts: await count('account'), audit: await count('audit_log') });
  const columnsOf = (job: { errors: { row: number; column: string | null }[] }) => job.errors.map((e) => `${e.row}/${e.column}`);

  it('should serve the staff template as xlsx and csv with Chinese headers and a notes sheet', async () => {
    const c = await t.app.inject({ method: 'GET', url: '/api/org/import/templates/staff.csv', headers: { cookie: admin.cookie } });
    expect(c.statusCode).toBe(200);
    expect(c.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER.join(','));
    const x = await t.app.inject({ method: 'GET', url: '/api/org/import/templates/staff.xlsx', headers: { cookie: admin.cookie } });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(HEADER);
    expect(wb.getWorksheet('说明')).toBeTruthy();
  });

  it('should refuse every bad row with its column and reason, write nothing, and offer the error report', async () => {
    const inPost = validIdNumber('19850101', 11);
    await t.db.insertInto('staff').values({
      name: '在岗者', post: 'community_worker', post_type: 'worker', grade: 3, org_id: community.id, org_path: community.path,
      county_code: community.county_code, id_number_enc: t.cipher.encrypt(inPost), id_number_hash: t.cipher.hash(inPost), id_number_mask: 'x',
    }).execute();
    // In post through a linked resident, registered one by one without an ID number.
    const linkedId = validIdNumber('19860101', 13);
    const residentId = await addResident(t.db, t.cipher, household, '老网格员', linkedId);
    await t.db.insertInto('staff').values({
      name: '老网格员', post: 'grid_worker', post_type: 'worker', grade: 1, org_id: grid.id, org_path: grid.path,
      county_code: grid.county_code, resident_id: residentId,
    }).execute();
    const good = validIdNumber('19900101', 21);
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await counts();
    const job = await importFile(admin, 'staff', 'bad.csv', csv([
      HEADER,
      [community.code, '张一', good, '13800000001', '社区工作者', '其他工作人员', '3', '是', ''], // 2: fine
      [community.code, '张二', badCheck, '', '社区工作者', '副职', '5', '', ''], // 3: check digit
      [community.code, '张三', good, '', '社区工作者', '副职', '5', '', ''], // 4: duplicate of row 2
      [community.code, '在岗者', inPost, '', '社区工作者', '正职', '9', '', ''], // 5: in post already
      [community.code, '老网格员', linkedId, '', '社区工作者', '正职', '9', '', ''], // 6: in post (by resident)
      [otherCommunity.code, '张六', validIdNumber('19900101', 27), '', '社区工作者', '副职', '2', '', ''], // 7: other county
      [community.code, '张七', validIdNumber('19900101', 29), '', '专职网格员', '其他工作人员', '1', '', ''], // 8: grid worker on a community
      [grid.code, '张八', validIdNumber('19900101', 31), '', '高校毕业生助理', '其他工作人员', '', '', ''], // 9: assistant on a grid, with a post type
      [community.code, '张九', validIdNumber('19900101', 33), '', '社区工作者', '', '19', '', ''], // 10: no post type; grade 19
      [community.code, '张十', validIdNumber('19900101', 35), '123', '社工', '其他工作人员', '2', '', ''], // 11: bad phone; bad post
      [community.code, '张十一', validIdNumber('19900101', 37), '', '社区工作者', '正职', '4', '', '社区工作者'], // 12: role without 是
      [community.code, '张十二', validIdNumber('19900101', 39), '', '社区工作者', '正职', '4', '是', '县管理员'], // 13: no such role
    ]));
    expect(job.status).toBe('failed');
    expect(columnsOf(job)).toEqual([
      '3/身份证号', '4/身份证号', '5/身份证号', '6/身份证号', '7/所在社区或网格编码', '8/所在社区或网格编码', '9/所在社区或网格编码',
      '10/等级', '11/手机号', '11/岗位类别', '12/账号角色', '13/账号角色',
    ]);
    const message = (row: number) => job.errors.find((e: { row: number }) => e.row === row).message;
    expect(message(3)).toContain('校验位');
    expect(message(4)).toBe('身份证号与第2行重复');
    expect(message(5)).toContain('已登记为在岗工作人员');
    expect(message(6)).toContain('已登记为在岗工作人员');
    expect(message(7)).toContain('不在您的管辖范围内');
    expect(message(8)).toBe('编码141102001001是“龙凤社区”，专职网格员应安排在网格一级');
    expect(message(9)).toBe('编码10000014110200100101是“龙凤网格”，高校毕业生助理应安排在社区一级');
    expect(message(10)).toContain('1–18');
    expect(job.hasErrorReport).toBe(true);
    expect(await counts()).toEqual(before);

    const report = await t.app.inject({ method: 'GET', url: `/api/org/import/jobs/${job.id}/error-report`, headers: { cookie: admin.cookie } });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual([...HEADER, '错误']);
    expect(String(wb.worksheets[0].getRow(4).getCell(10).value)).toBe('身份证号：身份证号与第2行重复');
    // The report's retention timer is set: erased 30 days after the job.
    const timer = await t.db.selectFrom('job').select(['kind', 'run_at']).where('dedupe_key', '=', `org_import_job:${job.id}:sweep`).executeTakeFirstOrThrow();
    expect(timer.kind).toBe('org.import.sweep');
    expect(new Date(timer.run_at).getTime() - Date.now()).toBeGreaterThan((REPORT_RETENTION_DAYS - 1) * 86400_000);
  });

  it('should refuse the place and the accounts by the importer\'s rights', async () => {
    const id = validIdNumber('19910101', 41);
    // Another county's admin: the community is out of their scope.
    const other = await importFile(otherAdmin, 'staff', 'x.csv', csv([HEADER, [community.code, '王一', id, '', '社区工作者', '副职', '2', '', '']]));
    expect(columnsOf(other)).toEqual(['2/所在社区或网格编码']);
    // A community worker registers staff but opens no accounts.
    const byWorker = await importFile(worker, 'staff', 'x.csv', csv([HEADER, [community.code, '王一', id, '', '社区工作者', '副职', '2', '是', '网格员']]));
    expect(byWorker.errors).toEqual([expect.objectContaining({ row: 2, column: '创建账号', message: expect.stringContaining('没有管理账号的权限') })]);
    // A community secretary opens accounts below their own rank only (the default role of a secretary's post is theirs).
    const bySecretary = await importFile(secretary, 'staff', 'x.csv', csv([
      HEADER,
      [community.code, '王一', id, '', '社区工作者', '副职', '2', '是', '社区书记'],
      [community.code, '王二', validIdNumber('19910101', 43), '', '社区党组织书记', '正职', '10', '是', ''],
    ]));
    expect(bySecretary.errors).toEqual([
      expect.objectContaining({ row: 2, column: '账号角色', message: expect.stringContaining('“社区书记”') }),
      expect.objectContaining({ row: 3, column: '创建账号', message: expect.stringContaining('“社区书记”') }),
    ]);
    // A grid worker may not import at all; a role without 登记工作人员 may not import staff.
    const gridWorker = await login(t.app, (await addAccount(t.db, 'grid_worker', grid)).username);
    expect((await upload(gridWorker, 'staff', 'x.csv', csv([HEADER]))).status).toBe(403);
  });

  it('should import staff, link a registered resident, and open linked accounts whose passwords are shown once', async () => {
    const a = validIdNumber('19880808', 51);
    const b = validIdNumber('19920202', 53);
    const c = validIdNumber('19990909', 55);
    const residentId = await addResident(t.db, t.cipher, household, '赵网格', b);
    // Someone took the user name the next staff id would get: the import picks staff<id>_2.
    const next = Number((await t.db.selectFrom('staff').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);
    const before = await counts();
    const job = await importFile(admin, 'staff', 'ok.xlsx', await xlsx([
      HEADER,
      [community.code, '钱社工', a, '13900000001', '社区工作者', '其他工作人员', '3级', '是', ''],
      [grid.code, '赵网格', b, '', '专职网格员', '其他工作人员', '1', '是', '网格员'],
      [community.code, '孙助理', c, '', '高校毕业生助理', '', '', '否', ''],
    ]));
    expect(job.status, JSON.stringify(job)).toBe('done');
    expect(job.imported).toBe(3);
    expect(job.importedByKind).toEqual({ staff: 3, account: 2 });
    expect(job.hasAccountSheet).toBe(true);
    const after = await counts();
    expect(after.staff - before.staff).toBe(3);
    expect(after.accounts - before.accounts).toBe(2);
    // One summary, one row per record, one per account.
    expect(after.audit - before.audit).toBe(1 + 3 + 2);

    const staff = await t.db.selectFrom('staff').selectAll().where('id_number_hash', 'in', [a, b, c].map((v) => t.cipher.hash(v))).orderBy('id').execute();
    expect(staff.map((s) => [s.name, s.post, s.post_type, s.grade, s.org_id, s.resident_id])).toEqual([
      ['钱社工', 'community_worker', 'worker', 3, community.id, null],
      ['赵网格', 'grid_worker', 'worker', 1, grid.id, residentId],
      ['孙助理', 'graduate_assistant', null, null, community.id, null],
    ]);
    expect(JSON.stringify(staff)).not.toContain(a);
    expect(JSON.stringify(staff)).not.toContain('13900000001');
    expect(t.cipher.decrypt(staff[0].id_number_enc!)).toBe(a);
    expect(staff[0].phone_mask).toBe('139****0001');
    expect(staff[0].id_number_mask).toBe(`141102${'*'.repeat(10)}${a.slice(-2)}`);
    expect(staff[0].id).toBeGreaterThan(next);

    const accounts = await t.db.selectFrom('account').selectAll().where('staff_id', 'in', staff.map((s) => s.id)).orderBy('staff_id').execute();
    expect(accounts.map((x) => [x.username, x.role, x.scope_org_id, x.staff_id, x.must_change_password, x.display_name])).toEqual([
      [`staff${staff[0].id}`, 'community_worker', community.id, staff[0].id, true, '钱社工'],
      [`staff${staff[1].id}`, 'grid_worker', grid.id, staff[1].id, true, '赵网格'],
    ]);
    // The sheet waits sealed, never in clear.
    const sealed = await t.db.selectFrom('org_import_job').select('account_sheet_enc').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(sealed.account_sheet_enc).toMatch(/^v1\./);

    // Nobody but the uploader takes the sheet; the uploader takes it once.
    expect((await otherAdmin.request('POST', `/api/org/import/jobs/${job.id}/accounts`)).status).toBe(404);
    const sheet = await admin.request('POST', `/api/org/import/jobs/${job.id}/accounts`);
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
    expect(sheet.body.items).toEqual([
      { row: 2, name: '钱社工', orgName: '龙凤社区', role: 'community_worker', username: `staff${staff[0].id}`, temporaryPassword: expect.stringMatching(/^\w{4}-\w{4}-\w{4}$/) },
      { row: 3, name: '赵网格', orgName: '龙凤网格', role: 'grid_worker', username: `staff${staff[1].id}`, temporaryPassword: expect.stringMatching(/^\w{4}-\w{4}-\w{4}$/) },
    ]);
    const again = await admin.request('POST', `/api/org/import/jobs/${job.id}/accounts`);
    expect(again.status).toBe(404);
    expect(again.body.message).toContain('只显示一次');
    expect((await admin.request('GET', `/api/org/import/jobs/${job.id}`)).body.hasAccountSheet).toBe(false);
    expect((await t.db.selectFrom('org_import_job').select('account_sheet_enc').where('id', '=', job.id).executeTakeFirstOrThrow()).account_sheet_enc).toBeNull();
    expect(await t.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'org.import_accounts').execute()).toEqual([{ entity_id: String(job.id) }]);
    // Only hashes are stored; the account audits say a temporary password was given, not which.
    const [first] = sheet.body.items;
    expect(await verifyPassword(first.temporaryPassword, accounts[0].password_hash)).toBe(true);
    const audits = await t.db.selectFrom('audit_log').select(['after']).where('action', '=', 'account.create').execute();
    expect(JSON.stringify(audits)).not.toContain(first.temporaryPassword);

    // The new account signs in and must choose its own password before anything else answers.
    const newcomer = await login(t.app, first.username, first.temporaryPassword);
    const me = await newcomer.request('GET', '/api/auth/me');
    expect(me.body.account.mustChangePassword).toBe(true);
    expect((await newcomer.request('GET', '/api/workforce/staff')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await newcomer.request('POST', '/api/auth/password', { oldPassword: first.temporaryPassword, newPassword: 'Qian-Shegong-2026' });
    expect(changed.status, JSON.stringify(changed.body)).toBeLessThan(300);
    expect((await newcomer.request('GET', '/api/workforce/staff')).status).toBe(200);

    // The accounts page shows them linked to their records.
    const list = await admin.request('GET', `/api/accounts?q=staff${staff[1].id}&page=1&pageSize=20`);
    expect(list.body.items[0].link).toEqual({ kind: 'staff', id: staff[1].id, label: '赵网格' });

    // The same people again: in post now.
    const dup = await importFile(admin, 'staff', 'again.csv', csv([HEADER, [community.code, '钱社工', a, '', '社区工作者', '其他工作人员', '3', '', '']]));
    expect(dup.errors[0]).toMatchObject({ row: 2, column: '身份证号', message: expect.stringContaining('在岗') });
  });

  it('should give staff<id>_2 when staff<id> was chosen by hand', async () => {
    const next = Number((await t.db.selectFrom('staff').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0) + 1;
    await addAccount(t.db, 'resident', community, `staff${next}`);
    const job = await importFile(admin, 'staff', 'one.csv', csv([
      HEADER, [community.code, '周社工', validIdNumber('19930303', 61), '', '社区工作者', '副职', '6', '是', '社区工作者'],
    ]));
    expect(job.status, JSON.stringify(job)).toBe('done');
    const sheet = await admin.request('POST', `/api/org/import/jobs/${job.id}/accounts`);
    expect(sheet.body.items[0].username).toBe(`staff${next}_2`);
  });

  it('should erase error reports and unshown account sheets when their retention ends', async () => {
    const failed = await importFile(admin, 'staff', 'bad.csv', csv([HEADER, [community.code, '吴', 'not-an-id', '', '社区工作者', '副职', '2', '', '']]));
    const done = await importFile(admin, 'staff', 'ok.csv', csv([
      HEADER, [community.code, '郑社工', validIdNumber('19940404', 71), '', '社区工作者', '副职', '2', '是', ''],
    ]));
    expect(failed.hasErrorReport).toBe(true);
    expect(done.hasAccountSheet).toBe(true);
    const sealed = () => t.db.selectFrom('org_import_job').select(['id', 'error_report_enc', 'account_sheet_enc'])
      .where('id', 'in', [failed.id, done.id]).orderBy('id').execute();

    // A day before the end nothing is due; after it both are erased, the jobs' outcomes kept.
    const day = 86400_000;
    await runDueJobs(t.db, importJobHandlers(), { now: () => new Date(Date.now() + (REPORT_RETENTION_DAYS - 1) * day) });
    expect((await sealed()).map((r) => [!!r.error_report_enc, !!r.account_sheet_enc])).toEqual([[true, false], [false, true]]);
    await runDueJobs(t.db, importJobHandlers(), { now: () => new Date(Date.now() + (REPORT_RETENTION_DAYS + 1) * day) });
    expect((await sealed()).map((r) => [r.error_report_enc, r.account_sheet_enc])).toEqual([[null, null], [null, null]]);
    expect((await admin.request('GET', `/api/org/import/jobs/${failed.id}`)).body).toMatchObject({ status: 'failed', hasErrorReport: false, errorCount: 1 });
    const report = await t.app.inject({ method: 'GET', url: `/api/org/import/jobs/${failed.id}/error-report`, headers: { cookie: admin.cookie } });
    expect(report.statusCode).toBe(404);
    expect((await admin.request('POST', `/api/org/import/jobs/${done.id}/accounts`)).status).toBe(404);
  });

  it('should accept community workers (社区工作者党员) in the party-member import', async () => {
    const p = validIdNumber('19800808', 81);
    await addResident(t.db, t.cipher, household, '党员社工', p);
    const { id: committee } = await t.db.insertInto('party_org').values({
      kind: 'committee', name: '龙凤社区大党委', org_id: community.id, org_path: community.path, county_code: community.county_code,
    }).returning('id').executeTakeFirstOrThrow();
    const job = await importFile(admin, 'party_members', 'm.csv', csv([MEMBER_HEADER, [p, '党员社工', String(committee), '社区工作者党员', '2010-07-01']]));
    expect(job.status, JSON.stringify(job)).toBe('done');
    const m = await t.db.selectFrom('party_member').select('member_kind').where('party_org_id', '=', committee).executeTakeFirstOrThrow();
    expect(m.member_kind).toBe('community_worker');
  });
});

async function xlsx(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
