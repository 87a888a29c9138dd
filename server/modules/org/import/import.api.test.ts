// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount, addUnit, createTestApp, login, type Session, type TestApp, type Unit,
} from '../../../../tests/helpers/test-app.js';
import { csv, importFile as importOne, uploadImport } from '../../../../tests/helpers/upload.js';

describe('org import: templates, validation of every row, one transaction', () => {
  let t: TestApp;
  let county: Unit;
  let binhe: Unit; // 滨河街道, in the county admin's scope
  let longfeng: Unit; // 龙凤社区 under 滨河街道
  let xinyi: Unit; // a street in another county
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    const city = await addUnit(t.db, null, 'city', '吕梁市', { code: '141100' });
    county = await addUnit(t.db, city, 'county', '离石区', { code: '141102', countyCode: '141102' });
    const other = await addUnit(t.db, city, 'county', '孝义市', { code: '141181', countyCode: '141181' });
    binhe = await addUnit(t.db, county, 'street', '滨河街道', { code: '141102001' });
    longfeng = await addUnit(t.db, binhe, 'community', '龙凤社区', { code: '141102001001' });
    xinyi = await addUnit(t.db, other, 'street', '新义街道', { code: '141181001' });
    admin = await login(t.app, (await addAccount(t.db, 'county_admin', county)).username);
  });
  afterAll(() => t?.close());

  const upload = (s: Session, kind: string, fileName: string, content: Buffer | string) => uploadImport(t.app, s, kind, fileName, content);
  const importFile = (s: Session, kind: string, fileName: string, content: Buffer | string) => importOne(t.app, s, kind, fileName, content);




  async function counts() {
    const n = async (table: 'org_unit' | 'org_event' | 'household' | 'audit_log') =>
      (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    return { units: await n('org_unit'), events: await n('org_event'), households: await n('household'), audit: await n('audit_log') };
  }

  const unitByCode = (code: string) => t.db.selectFrom('org_unit').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

  /** Every unit's path is its parent's path plus its id; households carry their unit's path. */
  async function expectConsistentTree() {
    const units = await t.db.selectFrom('org_unit').select(['id', 'parent_id', 'path', 'depth', 'county_code', 'kind']).execute();
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      const parent = u.parent_id ? byId.get(u.parent_id)! : null;
      expect(u.path).toBe(`${parent?.path ?? ''}${u.id}.`);
      expect(u.depth).toBe(parent ? parent.depth + 1 : 0);
      if (parent && u.kind !== 'county') expect(u.county_code).toBe(parent.county_code);
    }
    const households = await t.db.selectFrom('household').select(['unit_id', 'org_path', 'county_code']).execute();
    for (const h of households) {
      expect(h.org_path).toBe(byId.get(h.unit_id)!.path);
      expect(byId.get(h.unit_id)!.kind).toBe('unit');
    }
  }

  it('should import streets, communities, grids, buildings and households from CSV files', async () => {
    const before = await counts();
    const divisions = await importFile(admin, 'divisions', '街道社区.csv', csv([
      ['上级编码', '类型', '编码', '名称'],
      ['141102', '街道', '141102002', '凤山街道'],
      ['141102002', '社区', '141102002001', '凤山一社区'],
      ['141102001', '社区', '141102001002', '滨河二社区'],
    ]));
    expect(divisions).toMatchObject({
      status: 'done', kind: 'divisions', fileName: '街道社区.csv', total: 3, processed: 3, imported: 3,
      importedByKind: { street: 1, community: 2 }, errors: [], errorCount: 0, message: null,
    });
    const fengshan = await unitByCode('141102002');
    expect(fengshan).toMatchObject({ parent_id: county.id, kind: 'street', name: '凤山街道', path: `${county.path}${fengshan.id}.`, depth: 2, county_code: '141102' });
    const fs1 = await unitByCode('141102002001');
    expect(fs1).toMatchObject({ parent_id: fengshan.id, path: `${fengshan.path}${fs1.id}.`, depth: 3 });
    expect((await unitByCode('141102001002')).parent_id).toBe(binhe.id);

    const outline = '{"type":"Polygon","coordinates":[[[111.13,37.51],[111.14,37.51],[111.14,37.52],[111.13,37.51]]]}';
    const grids = await importFile(admin, 'grids', 'grids.csv', csv([
      ['所属社区编码', '网格编码', '网格名称', '网格类型', '轮廓GeoJSON'],
      ['141102002001', '10000014110200200101', '凤山小区网格', '封闭小区', outline],
      ['141102002001', '10000014110200200102', '凤山散居片区', '散居片区', ''],
    ]));
    expect(grids).toMatchObject({ status: 'done', imported: 2, importedByKind: { grid: 2 } });
    const g1 = await unitByCode('10000014110200200101');
    expect(g1).toMatchObject({ parent_id: fs1.id, grid_type: 'enclosed', path: `${fs1.path}${g1.id}.` });
    expect(g1.geometry).toEqual(JSON.parse(outline));
    expect((await unitByCode('10000014110200200102')).geometry).toBeNull();

    const buildings = await importFile(admin, 'buildings', 'buildings.csv', csv([
      ['所属网格编码', '楼栋编码', '楼栋名称', '单元数'],
      ['10000014110200200101', '1000001411020020010101', '1号楼', '2'],
      ['10000014110200200101', '1000001411020020010102', '2号楼', '3'],
    ]));
    expect(buildings).toMatchObject({ status: 'done', total: 2, imported: 7, importedByKind: { building: 2, unit: 5 } });
    const b2 = await unitByCode('1000001411020020010102');
    const b2units = await t.db.selectFrom('org_unit').select(['code', 'name', 'path']).where('parent_id', '=', b2.id).orderBy('code').execute();
    expect(b2units.map((u) => [u.code, u.name])).toEqual([
      ['100000141102002001010201', '1单元'], ['100000141102002001010202', '2单元'], ['100000141102002001010203', '3单元'],
    ]);

    const households = await importFile(admin, 'households', 'households.csv', csv([
      ['所属单元编码', '房号', '地址', '面积(㎡)', '类型'],
      ['100000141102002001010101', '101', '凤山小区1号楼1单元101', '89.5', '住宅'],
      ['100000141102002001010101', '102', '凤山小区1号楼1单元102', '', ''],
      ['100000141102002001010201', '101', '凤山小区2号楼1单元101', '120', '商铺'],
    ]));
    expect(households).toMatchObject({ status: 'done', imported: 3, importedByKind: { household: 3 } });
    const u = await unitByCode('100000141102002001010101');
    const hs = await t.db.selectFrom('household').select(['room', 'org_path', 'area_m2', 'kind']).where('unit_id', '=', u.id).orderBy('room').execute();
    expect(hs).toEqual([
      { room: '101', org_path: u.path, area_m2: 89.5, kind: 'residence' },
      { room: '102', org_path: u.path, area_m2: null, kind: 'residence' },
    ]);

    await expectConsistentTree();
    const after = await counts();
    expect(after.units - before.units).toBe(3 + 2 + 7);
    expect(after.events - before.events).toBe(3 + 2 + 7);
    expect(after.households - before.households).toBe(3);
    expect(after.audit - before.audit).toBe(4); // one audit record per import
    const event = await t.db.selectFrom('org_event').select(['kind', 'detail', 'org_path']).where('org_id', '=', b2.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ kind: 'create', org_path: b2.path, detail: { source: 'import', jobId: buildings.id } });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'after', 'org_path'])
      .where('action', '=', 'org.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity: 'import_job', entity_id: String(households.id), org_path: county.path, after: { importedByKind: { household: 3 } } });
  });

  it('should write nothing when a row is bad, and name each bad row and column', async () => {
    const before = await counts();
    const job = await importFile(admin, 'divisions', 'bad.csv', csv([
      ['上级编码', '类型', '编码', '名称'], // row 1
      ['141102', '街道', '141102003', '莲花池街道'], // row 2
      ['141102003', '社区', '141102003001', '莲花池一社区'], // row 3
      ['141102999', '社区', '141102999001', '无主社区'], // row 4: unknown parent
      ['141102003', '社区', '141102003002', '莲花池二社区'], // row 5
      ['141102003', '社区', '141102003001', '重复社区'], // row 6: duplicate of row 3
    ]));
    expect(job).toMatchObject({ status: 'failed', total: 5, errorCount: 2, imported: 0 });
    expect(job.message).toContain('未写入任何数据');
    expect(job.errors).toEqual([
      { row: 4, column: '上级编码', message: '上级编码141102999不存在或不在您的管辖范围内' },
      { row: 6, column: '编码', message: '编码141102003001与第3行重复' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('should refuse codes already in use and rooms already taken', async () => {
    const job = await importFile(admin, 'grids', 'again.csv', csv([
      ['所属社区编码', '网格编码', '网格名称', '网格类型'],
      ['141102002001', '10000014110200200101', '重复网格', '封闭小区'],
    ]));
    expect(job.errors).toEqual([{ row: 2, column: '网格编码', message: '编码10000014110200200101已被网格“凤山小区网格”使用' }]);
    const rooms = await importFile(admin, 'households', 'rooms.csv', csv([
      ['所属单元编码', '房号', '地址'],
      ['100000141102002001010101', '101', '重复'],
    ]));
    expect(rooms.errors).toEqual([{ row: 2, column: '房号', message: '该单元已有房号101的住户' }]);
  });

  it('should offer templates that can be filled in Excel and uploaded again', async () => {
    const csvTemplate = await t.app.inject({ method: 'GET', url: '/api/org/import/templates/households.csv', headers: { cookie: admin.cookie } });
    expect(csvTemplate.statusCode).toBe(200);
    expect(csvTemplate.headers['content-type']).toContain('text/csv');
    expect(csvTemplate.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csvTemplate.body).toContain('所属单元编码,房号,地址,面积(㎡),类型');

    const res = await t.app.inject({ method: 'GET', url: '/api/org/import/templates/buildings.xlsx', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('楼栋导入模板.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['楼栋', '说明']);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '所属网格编码', '楼栋编码', '楼栋名称', '单元数']);
    ws.getRow(2).values = ['10000014110200200102', '1000001411020020010201', '散居1号楼', 2];
    ws.getRow(3).values = ['10000014110200200102', '1000001411020020010202', '散居2号楼', 1];
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await importFile(admin, 'buildings', '楼栋（已填写）.xlsx', filled);
    expect(job).toMatchObject({ status: 'done', fileName: '楼栋（已填写）.xlsx', total: 2, imported: 5, importedByKind: { building: 2, unit: 3 } });
    await expectConsistentTree();

    expect((await admin.request('GET', '/api/org/import/templates/people.xlsx')).status).toBe(400);
  });

  it('should not let a community worker import under a parent outside its community', async () => {
    const worker = await login(t.app, (await addAccount(t.db, 'community_worker', longfeng)).username);
    const before = await counts();
    const job = await importFile(worker, 'grids', 'grids.csv', csv([
      ['所属社区编码', '网格编码', '网格名称', '网格类型'],
      ['141102001001', '10000014110200100101', '龙凤小区网格', '封闭小区'],
      ['141102002001', '10000014110200200109', '别人的网格', '封闭小区'],
    ]));
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([{ row: 3, column: '所属社区编码', message: '上级编码141102002001不存在或不在您的管辖范围内' }]);
    expect(await counts()).toEqual(before);

    // A street admin of another county sees the same answer for a street here.
    const stranger = await login(t.app, (await addAccount(t.db, 'street_admin', xinyi)).username);
    const other = await importFile(stranger, 'divisions', 'd.csv', csv([
      ['上级编码', '类型', '编码', '名称'],
      ['141102001', '社区', '141102001009', '越界社区'],
    ]));
    expect(other.errors).toEqual([{ row: 2, column: '上级编码', message: '上级编码141102001不存在或不在您的管辖范围内' }]);
    // Nor may it read the county admin's jobs; the county admin may read the worker's.
    expect((await stranger.request('GET', `/api/org/import/jobs/${job.id}`)).status).toBe(404);
    expect((await admin.request('GET', `/api/org/import/jobs/${job.id}`)).status).toBe(200);
    expect((await worker.request('GET', `/api/org/import/jobs/${other.id}`)).status).toBe(404);
  });

  it('should refuse unknown kinds, missing files, other file types and roles without org.write', async () => {
    const unknown = await upload(admin, 'people', 'x.csv', 'a,b\n1,2');
    expect(unknown).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const notMultipart = await admin.request('POST', '/api/org/import/grids', { file: 'x' });
    expect(notMultipart).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await upload(admin, 'grids', 'grids.xls', 'x')).toMatchObject({ status: 400, body: { message: expect.stringContaining('.xls') } });
    expect(await upload(admin, 'grids', 'grids.txt', 'x')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await upload(admin, 'grids', 'grids.csv', '')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const gridWorker = await login(t.app, (await addAccount(t.db, 'grid_worker', longfeng)).username);
    expect((await upload(gridWorker, 'grids', 'grids.csv', 'a')).status).toBe(403);
  });

  it('should fail unreadable files with a clear message', async () => {
    const gbk = Buffer.from([0xc9, 0xcf, 0xbc, 0xb6, 0xb1, 0xe0, 0xc2, 0xeb, 0x0d, 0x0a]); // 上级编码 in GBK
    const job = await importFile(admin, 'divisions', 'gbk.csv', gbk);
    expect(job).toMatchObject({ status: 'failed', errors: [] });
    expect(job.message).toContain('UTF-8');
    const broken = await importFile(admin, 'grids', 'broken.xlsx', Buffer.from('this is not a workbook'));
    expect(broken.message).toContain('.xlsx');
    const noHeader = await importFile(admin, 'grids', 'h.csv', csv([['网格编码', '网格名称'], ['1', '2']]));
    expect(noHeader.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[1, '所属社区编码'], [1, '网格类型']]);
  });

  it('should report a job left running by a process that is gone as failed', async () => {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO org_import_job (account_id, kind, file_name, status, org_path, county_code, updated_at)
      SELECT id, 'grids', 'lost.csv', 'importing', scope_path, county_code, now() - interval '10 minutes'
      FROM account WHERE scope_org_id = ${county.id} LIMIT 1 RETURNING id`.execute(t.db);
    const res = await admin.request('GET', `/api/org/import/jobs/${rows[0].id}`);
    expect(res.body).toMatchObject({ status: 'failed', message: '服务重启，导入未完成，未写入任何数据，请重新上传' });
    expect((await admin.request('GET', '/api/org/import/jobs/999999')).status).toBe(404);
  });

  it('should import a large file in batches and stream its progress while the write transaction runs', async () => {
    const rows = [['所属单元编码', '房号', '地址', '面积(㎡)', '类型']];
    const units = ['100000141102002001010201', '100000141102002001010202', '100000141102002001010203'];
    for (const unit of units) for (let i = 1; i <= 10_000; i++) rows.push([unit, `${10_000 + i}`, `凤山小区2号楼${i}室`, '75.3', '住宅']);
    const before = await counts();
    const res = await upload(admin, 'households', 'big.csv', csv(rows));
    expect(res.status).toBe(202);
    const stream = await t.app.inject({
      method: 'GET', url: `/api/org/import/jobs/${res.body.jobId}`, headers: { cookie: admin.cookie, accept: 'text/event-stream' },
    });
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const events = stream.body.split('\n\n').filter(Boolean).map((e) => {
      const [event, data] = e.split('\n');
      return { event: event.replace('event: ', ''), job: JSON.parse(data.replace('data: ', '')) };
    });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ event: 'end', job: { status: 'done', total: 30_000, processed: 30_000, imported: 30_000 } });
    const progress = events.slice(0, -1);
    expect(progress.every((e) => e.event === 'progress' && ['validating', 'importing'].includes(e.job.status))).toBe(true);
    const importing = progress.filter((e) => e.job.status === 'importing').map((e) => e.job.processed);
    expect(importing).toEqual([...importing].sort((a, b) => a - b));
    if (t.database.kind === 'pglite') {
      // The one connection belongs to the write transaction here: only the stream can see it move.
      expect(importing.some((n) => n > 0 && n < 30_000)).toBe(true);
    }
    expect((await counts()).households - before.households).toBe(30_000);
    expect((await admin.request('GET', `/api/org/import/jobs/${res.body.jobId}`)).body.status).toBe('done');
  });
});
