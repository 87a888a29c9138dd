import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay, ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * 物业企业名录 (issue 14): the register, party branches and instructors, contracts with one live
 * contract per compound, sanctions and their steps, and the company's own view kept to its own
 * rows — on both databases.
 */
describe('property companies', () => {
  // Late evening in China: the China day is a day ahead of the UTC day, so a UTC slip shows.
  const clock = new ManualClock(new Date('2026-11-30T23:30:00+08:00'));
  const today = chinaDay(clock.now());
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let county: Session;
  let street: Session;
  let otherStreet: Session;
  let companyA: number;
  let companyB: number;
  let companyC: number;
  let contractA: number;
  let contractB: number;
  let managerA: Session;
  let managerB: Session;
  let managerAId: number;

  const grid = (i: number) => city.communities[i]!.grid;
  const code = (n: number) => `91141102MA${String(100000 + n).slice(-6)}XY`;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    otherStreet = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1]!)).username);
  });
  afterAll(() => t?.close());

  it('should let the county register companies with a sealed, masked phone and refuse bad or duplicate credit codes', async () => {
    const res = await county.request('POST', '/api/property/companies', { name: '龙凤物业服务有限公司', creditCode: code(1).toLowerCase(), qualification: '二级', contactName: '王经理', phone: '13912345678' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    companyA = res.body.id;
    companyB = (await county.request('POST', '/api/property/companies', { name: '凤山物业管理有限公司', creditCode: code(2), contactName: '李经理' })).body.id;
    companyC = (await county.request('POST', '/api/property/companies', { name: '华安物业服务有限公司', creditCode: code(3), contactName: '赵经理' })).body.id;
    const row = await t.db.selectFrom('property_company').selectAll().where('id', '=', companyA).executeTakeFirstOrThrow();
    expect(row.credit_code).toBe(code(1));
    expect(row.phone_enc).not.toContain('13912345678');
    expect(row.phone_mask).toBe('139****5678');

    const bad = await county.request('POST', '/api/property/companies', { name: '某物业', creditCode: '12345', contactName: '某' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const dup = await county.request('POST', '/api/property/companies', { name: '重复物业', creditCode: code(1), contactName: '某' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringContaining('统一社会信用代码') });

    // The street reads its county's register but does not keep it.
    const list = await street.request('GET', '/api/property/companies?q=龙凤');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: companyA, phone: '139****5678', status: 'active' })]);
    expect(JSON.stringify(list.body)).not.toContain('13912345678');
    expect((await street.request('POST', '/api/property/companies', { name: '街道物业', creditCode: code(9), contactName: '某' })).status).toBe(403);
    // Another county's admin does not see this register.
    const other = await login(t.app, (await addAccount(t.db, 'county_admin', city.otherCounty)).username);
    expect((await other.request('GET', '/api/property/companies')).body.total).toBe(0);
    expect((await other.request('GET', `/api/property/companies/${companyA}`)).status).toBe(404);
  });

  it('should record independent and joint branches, one per company, and instructors', async () => {
    const own = await county.request('POST', '/api/property/branches', { kind: 'independent', name: '龙凤物业党支部', secretaryName: '韩书记', memberCount: 5, companyIds: [companyA] });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const jointOfOne = await county.request('POST', '/api/property/branches', { kind: 'joint', name: '联合党支部', secretaryName: '冯', memberCount: 9, companyIds: [companyB] });
    expect(jointOfOne.status).toBe(400);
    const twice = await county.request('POST', '/api/property/branches', { kind: 'joint', name: '联合党支部', secretaryName: '冯', memberCount: 9, companyIds: [companyA, companyB] });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('一家企业只属于一个党组织');
    expect((await county.request('POST', '/api/property/branches', { kind: 'joint', name: '联合党支部', secretaryName: '冯', memberCount: 9, companyIds: [companyB, companyC] })).status).toBe(200);

    const ins = await county.request('POST', `/api/property/companies/${companyA}/instructors`, { name: '杨指导员', unit: '区住建局', post: '科长', phone: '13712345678', fromOn: '2026-01-01' });
    expect(ins.status, JSON.stringify(ins.body)).toBe(200);
    await county.request('POST', `/api/property/companies/${companyB}/instructors`, { name: '武指导员', unit: '区委组织部', fromOn: '2025-01-01', toOn: '2025-12-31' });
    const backwards = await county.request('POST', `/api/property/companies/${companyB}/instructors`, { name: '某', unit: '某', fromOn: '2026-05-01', toOn: '2026-04-01' });
    expect(backwards.status).toBe(400);
    const detail = await street.request('GET', `/api/property/companies/${companyA}`);
    expect(detail.body.branch).toMatchObject({ kind: 'independent', companies: [{ id: companyA, name: '龙凤物业服务有限公司' }] });
    expect(detail.body.instructors).toEqual([expect.objectContaining({ name: '杨指导员', phone: '137****5678', serving: true })]);
  });

  it('should keep one live contract per compound and say so in Chinese', async () => {
    const body = { companyId: companyA, compoundId: grid(0).id, startsOn: '2026-01-01', endsOn: '2028-12-31', feePerM2: 1.2, serviceLevel: '2', serviceStandard: '二级标准' };
    const res = await county.request('POST', '/api/property/contracts', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    contractA = res.body.id;
    const again = await street.request('POST', '/api/property/contracts', { ...body, companyId: companyB });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringContaining('已有在履行的物业服务合同') });
    // A street keeps contracts only for compounds in its scope.
    expect((await otherStreet.request('POST', '/api/property/contracts', { ...body, compoundId: grid(0).id })).status).toBe(404);
    // A community is not a compound.
    expect((await county.request('POST', '/api/property/contracts', { ...body, compoundId: city.communities[1]!.community.id })).status).toBe(400);
    expect((await county.request('POST', '/api/property/contracts', { ...body, compoundId: grid(1).id, endsOn: '2025-01-01' })).status).toBe(400);

    const b = await street.request('POST', '/api/property/contracts', { ...body, companyId: companyB, compoundId: grid(1).id, feePerM2: 0.9, serviceLevel: '3' });
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    contractB = b.body.id;

    const without = await county.request('GET', '/api/property/compounds?served=without');
    expect(without.body.items.map((g: { name: string }) => g.name)).toEqual([grid(2).name, grid(3).name]);
    expect(without.body.items[0].contract).toBeNull();
    const withCo = await street.request('GET', '/api/property/compounds?served=with');
    expect(withCo.body.items).toEqual([
      expect.objectContaining({ id: grid(0).id, contract: expect.objectContaining({ companyName: '龙凤物业服务有限公司', feePerM2: 1.2, serviceLevel: '2' }) }),
      expect.objectContaining({ id: grid(1).id, contract: expect.objectContaining({ companyId: companyB }) }),
    ]);

    // Ending is once, with a reason; then the compound takes a new contract.
    const tmp = await county.request('POST', '/api/property/contracts', { ...body, companyId: companyC, compoundId: grid(2).id });
    expect((await county.request('POST', `/api/property/contracts/${tmp.body.id}/end`, { status: 'terminated', reason: '' })).status).toBe(400);
    expect((await county.request('POST', `/api/property/contracts/${tmp.body.id}/end`, { status: 'terminated', reason: '业主大会解聘' })).status).toBe(200);
    expect((await county.request('POST', `/api/property/contracts/${tmp.body.id}/end`, { status: 'ended', reason: '期满' })).body.code).toBe('INVALID_TRANSITION');
    expect((await county.request('POST', '/api/property/contracts', { ...body, companyId: companyB, compoundId: grid(2).id })).status).toBe(200);
  });

  it('should let a county admin link a property company account to a company on its register, the place staying its compound', async () => {
    const acc = await addAccount(t.db, 'property_company', grid(0));
    managerAId = acc.id;
    const cand = await county.request('GET', `/api/accounts/link-candidates?kind=property_company&orgId=${grid(0).id}&q=龙凤`);
    expect(cand.status, JSON.stringify(cand.body)).toBe(200);
    expect(cand.body.items).toEqual([expect.objectContaining({ id: companyA, label: '龙凤物业服务有限公司' })]);
    const link = await county.request('POST', `/api/accounts/${acc.id}/link`, { kind: 'property_company', id: companyA });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    const row = await t.db.selectFrom('account').select(['property_company_id', 'scope_org_id']).where('id', '=', acc.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ property_company_id: companyA, scope_org_id: grid(0).id });
    managerA = await login(t.app, acc.username);
    const accB = await addAccount(t.db, 'property_company', grid(1));
    await county.request('POST', `/api/accounts/${accB.id}/link`, { kind: 'property_company', id: companyB });
    managerB = await login(t.app, accB.username);
    // A resident cannot stand for a company.
    const res = await addAccount(t.db, 'resident', city.communities[0]!.unit);
    expect((await county.request('POST', `/api/accounts/${res.id}/link`, { kind: 'property_company', id: companyA })).status).toBe(400);
  });

  it('should run a rectification through report, send back, report and verify, refusing steps out of turn', async () => {
    const pastDeadline = await street.request('POST', '/api/property/sanctions', { kind: 'rectify', companyId: companyA, reason: '楼道照明损坏', task: '更换灯具', deadline: '2026-01-01' });
    expect(pastDeadline.status).toBe(400);
    const res = await street.request('POST', '/api/property/sanctions', { kind: 'rectify', companyId: companyA, contractId: contractA, reason: '楼道照明损坏多日', task: '更换楼道灯具', deadline: today });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const id = res.body.id;
    const early = await street.request('POST', `/api/property/sanctions/${id}/verify`, { note: '核查' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('尚未报告完成') });
    // Another company cannot report it, nor see it.
    expect((await managerB.request('POST', `/api/property/mine/sanctions/${id}/report`, { note: '已整改完毕' })).status).toBe(404);
    expect((await managerB.request('GET', '/api/property/mine/sanctions')).body.items.map((s: { id: number }) => s.id)).not.toContain(id);

    expect((await managerA.request('POST', `/api/property/mine/sanctions/${id}/report`, { note: '已更换' })).status).toBe(200);
    expect((await managerA.request('POST', `/api/property/mine/sanctions/${id}/report`, { note: '再次报告' })).body.code).toBe('INVALID_TRANSITION');
    // Only the office in whose scope the sanction lies verifies it.
    expect((await otherStreet.request('POST', `/api/property/sanctions/${id}/verify`, { note: '核查' })).status).toBe(404);
    expect((await street.request('POST', `/api/property/sanctions/${id}/send-back`, { note: '仍有两处未更换' })).status).toBe(200);
    expect((await managerA.request('POST', `/api/property/mine/sanctions/${id}/report`, { note: '全部更换完毕' })).status).toBe(200);
    expect((await street.request('POST', `/api/property/sanctions/${id}/verify`, { note: '现场核查属实' })).status).toBe(200);
    expect((await street.request('POST', `/api/property/sanctions/${id}/verify`, { note: '重复' })).body.message).toContain('已验收通过');

    const mine = await managerA.request('GET', '/api/property/mine/sanctions');
    const s = mine.body.items.find((x: { id: number }) => x.id === id);
    expect(s).toMatchObject({ status: 'verified', reportNote: '全部更换完毕', compoundName: grid(0).name, overdue: false });
    expect(s.steps.map((x: { action: string }) => x.action)).toEqual(['decide', 'report', 'send_back', 'report', 'verify']);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'property_sanction').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['property.sanction_decide', 'property.sanction_report', 'property.sanction_report', 'property.sanction_send_back', 'property.sanction_verify'].sort());
  });

  it('should show a rectification overdue the China day after its deadline, and record an interview with its minutes', async () => {
    const res = await street.request('POST', '/api/property/sanctions', { kind: 'rectify', companyId: companyA, reason: '垃圾清运不及时', task: '日产日清', deadline: today });
    clock.advance(24 * 3600_000);
    const mine = await managerA.request('GET', '/api/property/mine');
    expect(mine.body).toMatchObject({ company: { id: companyA }, overdue: 1 });
    const items = (await street.request('GET', `/api/property/sanctions?companyId=${companyA}&status=open`)).body.items;
    expect(items.find((x: { id: number }) => x.id === res.body.id).overdue).toBe(true);
    clock.advance(-24 * 3600_000);
    const noMinutes = await county.request('POST', '/api/property/sanctions', { kind: 'interview', companyId: companyB, reason: '满意率低', interviewOn: today, interviewPeople: '住建局' });
    expect(noMinutes.status).toBe(400);
    const ok = await county.request('POST', '/api/property/sanctions', { kind: 'interview', companyId: companyB, reason: '满意率低', basis: '2026年第3季度黑榜', interviewOn: today, interviewPeople: '住建局、街道', minutes: '限一个月补齐人员' });
    expect(ok.status).toBe(200);
    const s = (await managerB.request('GET', '/api/property/mine/sanctions')).body.items[0];
    expect(s).toMatchObject({ kind: 'interview', status: 'recorded', basis: '2026年第3季度黑榜', minutes: '限一个月补齐人员' });
    expect((await managerB.request('POST', `/api/property/mine/sanctions/${ok.body.id}/report`, { note: '已整改' })).body.message).toContain('只有限期整改');
  });

  it('should downgrade a contract and record before and after in one step, refusing an upgrade in disguise', async () => {
    const up = await street.request('POST', '/api/property/sanctions', { kind: 'downgrade', companyId: companyA, contractId: contractA, reason: '服务不达标', serviceLevel: '1' });
    expect(up.status).toBe(400);
    const before = await t.db.selectFrom('property_contract').select(['service_level', 'fee_per_m2']).where('id', '=', contractA).executeTakeFirstOrThrow();
    expect(before).toEqual({ service_level: '2', fee_per_m2: 1.2 });
    const noTerms = await street.request('POST', '/api/property/sanctions', { kind: 'downgrade', companyId: companyA, contractId: contractA, reason: '服务不达标' });
    expect(noTerms.status).toBe(400);
    // A contract of another company is not this company's project.
    expect((await street.request('POST', '/api/property/sanctions', { kind: 'downgrade', companyId: companyA, contractId: contractB, reason: '服务不达标', serviceLevel: '4' })).status).toBe(404);
    const res = await street.request('POST', '/api/property/sanctions', { kind: 'downgrade', companyId: companyA, contractId: contractA, reason: '连续两季度评价不合格', serviceLevel: '3', feePerM2: 1.0 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await t.db.selectFrom('property_contract').select(['service_level', 'fee_per_m2', 'status']).where('id', '=', contractA).executeTakeFirstOrThrow();
    expect(after).toEqual({ service_level: '3', fee_per_m2: 1, status: 'active' });
    const s = (await county.request('GET', `/api/property/sanctions?kind=downgrade`)).body.items[0];
    expect(s).toMatchObject({ levelBefore: '2', levelAfter: '3', feeBefore: 1.2, feeAfter: 1, status: 'done' });
  });

  it('should re-select one compound: its contract terminates and it is marked for self-run', async () => {
    const res = await street.request('POST', '/api/property/sanctions', { kind: 'reselect', companyId: companyB, contractId: contractB, reason: '业主大会决定解聘', reselectTo: 'self_run' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const k = await t.db.selectFrom('property_contract').select(['status', sql<string>`ended_on::text`.as('ended_on'), 'end_reason']).where('id', '=', contractB).executeTakeFirstOrThrow();
    expect(k).toMatchObject({ status: 'terminated', ended_on: today });
    const g = (await street.request('GET', '/api/property/compounds?served=without')).body.items.find((x: { id: number }) => x.id === grid(1).id);
    expect(g).toMatchObject({ contract: null, reselectTo: 'self_run' });
  });

  it('should let only the county exit a company, terminating its live contracts in the same step', async () => {
    const live = await county.request('POST', '/api/property/contracts', { companyId: companyC, compoundId: grid(3).id, startsOn: '2026-01-01', endsOn: '2027-12-31', feePerM2: 0.8, serviceLevel: '4' });
    expect(live.status).toBe(200);
    expect((await street.request('POST', '/api/property/sanctions', { kind: 'exit', companyId: companyC, reason: '弃管小区' })).status).toBe(403);
    const res = await county.request('POST', '/api/property/sanctions', { kind: 'exit', companyId: companyC, reason: '弃管小区、拖欠工资', basis: '黑榜并发生严重事件' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = await t.db.selectFrom('property_company').select(['status', 'exited_at']).where('id', '=', companyC).executeTakeFirstOrThrow();
    expect(c.status).toBe('exited');
    const left = await t.db.selectFrom('property_contract').select('id').where('company_id', '=', companyC).where('status', '=', 'active').execute();
    expect(left).toEqual([]);
    const again = await county.request('POST', '/api/property/contracts', { companyId: companyC, compoundId: grid(3).id, startsOn: '2026-01-01', endsOn: '2027-12-31', feePerM2: 0.8, serviceLevel: '4' });
    expect(again).toMatchObject({ status: 409, body: { message: expect.stringContaining('已被清退') } });
    expect((await county.request('POST', '/api/property/sanctions', { kind: 'interview', companyId: companyC, reason: '再约谈', interviewOn: today, interviewPeople: '某', minutes: '某' })).status).toBe(409);
  });

  it('should take the company\'s photo with its report, readable by the office and the company but not by another company', async () => {
    const res = await street.request('POST', '/api/property/sanctions', { kind: 'rectify', companyId: companyA, reason: '绿化带杂草丛生', task: '清除杂草', deadline: today });
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(16)]);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="done.png"\r\nContent-Type: image/png\r\n\r\n`), png, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({ method: 'POST', url: '/api/files', payload, headers: { cookie: managerA.cookie, 'x-csrf-token': managerA.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode, up.body).toBe(200);
    const photoId = up.json().id as number;
    // Another company cannot attach this company's upload to anything, nor report for it.
    expect((await managerB.request('POST', `/api/property/mine/sanctions/${res.body.id}/report`, { note: '已清除', photoId })).status).toBe(400);
    expect((await managerA.request('POST', `/api/property/mine/sanctions/${res.body.id}/report`, { note: '杂草已全部清除', photoId })).status).toBe(200);
    const s = (await street.request('GET', `/api/property/sanctions?companyId=${companyA}&status=reported`)).body.items.find((x: { id: number }) => x.id === res.body.id);
    expect(s.reportPhotoUrl).toBe(`/api/files/${photoId}`);
    const get = (who: typeof street) => t.app.inject({ method: 'GET', url: `/api/files/${photoId}`, headers: { cookie: who.cookie } });
    expect((await get(street)).statusCode).toBe(200);
    expect((await get(managerA)).statusCode).toBe(200);
    expect((await get(managerB)).statusCode).not.toBe(200);
    expect((await get(otherStreet)).statusCode).not.toBe(200);
  });

  it('should count the overview from the rows', async () => {
    const o = (await county.request('GET', '/api/property/overview')).body;
    expect(o).toMatchObject({
      companies: 3, activeCompanies: 2, withBranch: 3, withIndependentBranch: 1, withJointBranch: 2, branches: 2, jointBranches: 1,
      instructors: 2, servingInstructors: 1, compounds: 4, servedCompounds: 2, downgradedCompanies: 1, downgradedProjects: 1, exited: 1, reselected: 1, interviews: 1,
    });
    const s = (await street.request('GET', '/api/property/overview')).body;
    expect(s.compounds).toBe(2);
  });

  it('should keep a company account to its own company: its compounds, its property demands, never another company or the register', async () => {
    const mk = (g: ReturnType<typeof grid>, category: string, text: string) => t.db.insertInto('demand').values({
      org_id: g.id, org_path: g.path, county_code: g.county_code, channel: 'walk_in', category_code: category, description: text,
      due_at: new Date(Date.now() + 86400_000), created_at: new Date(),
    }).execute();
    await mk(grid(0), 'property', '电梯停运');
    await mk(grid(0), 'other', '路面破损');
    await mk(grid(2), 'property', '楼顶漏水');
    const a = await managerA.request('GET', '/api/property/mine/demands');
    expect(a.status).toBe(200);
    expect(a.body.items.map((d: { description: string }) => d.description)).toEqual(['电梯停运']);
    const mine = (await managerA.request('GET', '/api/property/mine')).body;
    expect(mine.compounds).toEqual([expect.objectContaining({ id: grid(0).id, openDemands: 1, serviceLevel: '3' })]);
    // companyB lost grid(1) to re-selection and serves grid(2): only that compound's demand.
    const b = await managerB.request('GET', '/api/property/mine/demands');
    expect(b.body.items.map((d: { description: string }) => d.description)).toEqual(['楼顶漏水']);
    // The register and other companies are closed to a company account.
    for (const url of ['/api/property/companies', `/api/property/companies/${companyB}`, '/api/property/sanctions', '/api/property/overview', '/api/property/compounds']) {
      expect((await managerA.request('GET', url)).status, url).toBe(403);
    }
    expect((await managerA.request('POST', '/api/property/sanctions', { kind: 'exit', companyId: companyB, reason: '试图越权' })).status).toBe(403);
    // An account not linked to a company reads nothing.
    const loose = await login(t.app, (await addAccount(t.db, 'property_company', grid(0))).username);
    const r = await loose.request('GET', '/api/property/mine');
    expect(r).toMatchObject({ status: 403, body: { message: expect.stringContaining('还没有关联物业企业') } });
    expect(managerAId).toBeGreaterThan(0);
  });
});

/** The demo city's register (server/seed/property-demo.ts seedPropertyRegisterDemo): branches, instructors and sanctions in each state. */
describe('property companies in the demo city', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const { seed } = await import('../../server/seed/seed.js');
    await seed(t.database, t.cipher, { scale: 'demo' });
  }, 240_000);
  afterAll(() => t?.close());

  it('should count branches, instructors and each kind of sanction, and leave 龙凤社区\'s first compound its company with a task open', async () => {
    const { DEMO_PASSWORD } = await import('../../server/seed/seed.js');
    const county = await login(t.app, 'county_lishi', DEMO_PASSWORD);
    const o = (await county.request('GET', '/api/property/overview')).body;
    expect(o).toMatchObject({ withIndependentBranch: 1, withJointBranch: 2, jointBranches: 1, exited: 1, reselected: 1, downgradedProjects: 1, interviews: 1 });
    expect(o.withBranch / o.companies).toBeLessThan(0.35);
    expect(o.servingInstructors).toBe(3);
    expect(o.rectifyOverdue).toBeGreaterThanOrEqual(1);
    expect(o.compounds - o.servedCompounds).toBeGreaterThan(0);
    const statuses = (await county.request('GET', '/api/property/sanctions?kind=rectify&pageSize=50')).body.items.map((s: { status: string }) => s.status).sort();
    expect(new Set(statuses)).toEqual(new Set(['open', 'reported', 'verified']));

    const manager = await login(t.app, 'property_demo', DEMO_PASSWORD);
    const resident = await t.db.selectFrom('account').select('scope_path').where('username', '=', 'resident_demo').executeTakeFirstOrThrow();
    const mine = (await manager.request('GET', '/api/property/mine')).body;
    expect(mine.company.id).toBeGreaterThan(0);
    const demoCompound = await t.db.selectFrom('account as a').innerJoin('org_unit as g', 'g.id', 'a.scope_org_id').select(['g.id', 'g.path']).where('a.username', '=', 'property_demo').executeTakeFirstOrThrow();
    expect(resident.scope_path.startsWith(demoCompound.path)).toBe(true);
    expect(mine.compounds.map((c: { id: number }) => c.id)).toContain(demoCompound.id);
    const tasks = (await manager.request('GET', '/api/property/mine/sanctions')).body.items;
    expect(tasks.some((s: { kind: string; status: string }) => s.kind === 'rectify' && s.status === 'open')).toBe(true);
  });
});
