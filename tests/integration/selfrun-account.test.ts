import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

/** 公共账户, 收支公开 and 服务评定 of a self-run compound, on both databases. */
describe('selfrun account', () => {
  // Late evening in China on 2 November: the UTC day is still 2 November but hours behind; October has ended in China.
  const clock = new ManualClock(new Date('2026-11-02T23:30:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretary: Session, otherSecretary: Session, member: Session, stranger: Session, owner: Session, coOwner: Session;
  let compoundId: number, ownerAccountId: number, secretaryAccountId: number;
  const hh: number[] = [];

  const ok = (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const refused = (res: { status: number; body: any }, status: number, text?: RegExp) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(JSON.stringify(res.body)).toMatch(/[\u4e00-\u9fa5]/);
    if (text) expect(JSON.stringify(res.body)).toMatch(text);
    return res.body;
  };
  async function upload(s: Session) {
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(16)]);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.png"\r\nContent-Type: image/png\r\n\r\n`),
      png, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({
      method: 'POST', url: '/api/files', payload,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode).toBe(200);
    return r.json().id as number;
  }
  const entry = (s: Session, body: Record<string, unknown>, base = `/api/selfrun/compounds/${compoundId}`) =>
    s.request('POST', `${base}/ledger`, { summary: '收支', ...body });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const A = city.communities[0]!;
    compoundId = A.grid.id;
    await t.db.insertInto('compound_profile').values({ compound_id: compoundId, org_path: A.grid.path, county_code: A.grid.county_code, mode: 'self_run', mode_since: '2026-01-01' }).execute();
    // Three households own units; the first is the committee member's, the second an owner's.
    const owners: number[] = [];
    for (const room of ['201', '202', '203']) {
      const h = await addHousehold(t.db, A.unit, room);
      hh.push(h.id);
      const rid = await addResident(t.db, t.cipher, h, `业主${room}`, validIdNumber('19750101', Number(room)));
      owners.push(rid);
      const u = await t.db.insertInto('owned_unit').values({ compound_id: compoundId, household_id: h.id, org_path: h.org_path, county_code: h.county_code, label: `1号楼${room}`, area_m2: 90 })
        .returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('unit_owner').values({ owned_unit_id: u.id, compound_id: compoundId, org_path: h.org_path, county_code: h.county_code, owner_key: `k${room}`, resident_id: rid, name: `业主${room}` }).execute();
    }
    // A co-owner of flat 202 (same household): one rating per household.
    const co = await addResident(t.db, t.cipher, { id: hh[1]!, org_path: A.unit.path, county_code: A.unit.county_code }, '业主202配偶', validIdNumber('19760101', 9));
    const unit202 = await t.db.selectFrom('owned_unit').select('id').where('household_id', '=', hh[1]!).executeTakeFirstOrThrow();
    await t.db.insertInto('unit_owner').values({ owned_unit_id: unit202.id, compound_id: compoundId, org_path: A.unit.path, county_code: A.unit.county_code, owner_key: 'k202b', resident_id: co, name: '业主202配偶' }).execute();
    await t.db.insertInto('committee_member').values({
      compound_id: compoundId, org_path: A.grid.path, county_code: A.grid.county_code, committee: 'management', member_kind: 'owner', role: 'member',
      resident_id: owners[0]!, name: '业主201', term_from: '2026-01-01', term_to: '2028-12-31',
    }).execute();
    const acc = async (resident: number) => {
      const a = await addAccount(t.db, 'resident', A.unit);
      await t.db.updateTable('account').set({ resident_id: resident }).where('id', '=', a.id).execute();
      return a;
    };
    member = await login(t.app, (await acc(owners[0]!)).username);
    const o = await acc(owners[1]!);
    ownerAccountId = o.id;
    owner = await login(t.app, o.username);
    coOwner = await login(t.app, (await acc(co)).username);
    const h9 = await addHousehold(t.db, A.unit, '909');
    stranger = await login(t.app, (await acc(await addResident(t.db, t.cipher, h9, '路人', validIdNumber('19800101', 77)))).username);
    const sec = await addAccount(t.db, 'community_secretary', A.community);
    secretaryAccountId = sec.id;
    secretary = await login(t.app, sec.username);
    otherSecretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[1]!.community)).username);
  });
  afterAll(async () => t?.close());

  it('records income and expense in fen from staff and a committee member; refuses strangers, floats, future days', async () => {
    ok(await entry(secretary, { category: 'crowdfunding', amountFen: 10000, day: '2026-09-10', summary: '楼道灯众筹' }));
    const mine = `/api/selfrun/my-account/${compoundId}`;
    ok(await entry(member, { category: 'parking', amountFen: 50000, day: '2026-10-03', summary: '10月停车费', counterparty: '张三' }, mine));
    ok(await entry(member, { category: 'property_fee', amountFen: 120000, day: '2026-10-05', summary: '201物业费', householdId: hh[0] }, mine));
    ok(await entry(secretary, { category: 'property_fee', amountFen: 120000, day: '2026-10-06', summary: '202物业费', householdId: hh[1] }));
    const receipt = await upload(member);
    ok(await entry(member, { category: 'wages', amountFen: 80000, day: '2026-10-20', summary: '保洁工资', counterparty: '李保洁', photoIds: [receipt] }, mine));
    ok(await entry(secretary, { category: 'repair', amountFen: 30000, day: '2026-10-25', summary: '修水泵' }));
    refused(await entry(stranger, { category: 'parking', amountFen: 100, day: '2026-10-03' }, mine), 403, /不是该小区/);
    refused(await entry(otherSecretary, { category: 'parking', amountFen: 100, day: '2026-10-03' }), 404);
    refused(await entry(secretary, { category: 'parking', amountFen: 12.5, day: '2026-10-03' }), 400, /整数/);
    refused(await entry(secretary, { category: 'parking', amountFen: 100, day: '2026-11-03' }), 409, /未来/);
    refused(await entry(secretary, { category: 'parking', amountFen: 100, day: '2026-10-03', householdId: hh[0] }), 400);
    const l = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/ledger?pageSize=50`));
    expect(l.balanceFen).toBe(10000 + 50000 + 120000 + 120000 - 80000 - 30000);
    expect(l.items.map((e: any) => e.balanceFen)).toEqual([190000, 220000, 300000, 180000, 60000, 10000]); // newest first
    expect(l.items.map((e: any) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    const filtered = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/ledger?month=2026-10&kind=expense`));
    expect(filtered.total).toBe(2);
    expect(filtered.items[0].balanceFen).toBe(190000); // running balance of the whole ledger
    // The receipt hangs on its entry: the compound's staff and committee read it, a stranger does not.
    const wages = l.items.find((e: any) => e.summary === '保洁工资');
    expect(wages.photos.map((p: any) => p.id)).toEqual([receipt]);
    expect((await secretary.request('GET', `/api/files/${receipt}`)).status).toBe(200);
    expect((await stranger.request('GET', `/api/files/${receipt}`)).status).toBe(404);
    refused(await entry(stranger, { category: 'parking', amountFen: 100, day: '2026-10-03', photoIds: [receipt] }, mine), 403);
    refused(await entry(secretary, { category: 'parking', amountFen: 100, day: '2026-10-03', photoIds: [999999] }), 400);
  });

  it('is append-only in the database: UPDATE and DELETE are refused, only the org path may move', async () => {
    await expect(sql`UPDATE selfrun_ledger_entry SET amount_fen = 1 WHERE compound_id = ${compoundId}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM selfrun_ledger_entry WHERE compound_id = ${compoundId}`.execute(t.db)).rejects.toThrow(/append-only/);
    await sql`UPDATE selfrun_ledger_entry SET org_path = org_path WHERE compound_id = ${compoundId}`.execute(t.db);
  });

  it('corrects only by a reversing entry with a reason; a second reversal and reversing a reversal are refused', async () => {
    const l = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/ledger?pageSize=50`));
    const fee202 = l.items.find((e: any) => e.summary === '202物业费');
    const url = `/api/selfrun/compounds/${compoundId}/ledger/${fee202.id}/reverse`;
    refused(await secretary.request('POST', url, { reason: '' }), 400);
    const r = ok(await secretary.request('POST', url, { reason: '重复记账' }));
    refused(await secretary.request('POST', url, { reason: '再冲一次' }), 409, /已冲销/);
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/ledger/${r.id}/reverse`, { reason: '冲冲销' }), 409, /冲销记录/);
    const after = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/ledger?pageSize=50`));
    expect(after.balanceFen).toBe(190000 - 120000);
    const rev = after.items.find((e: any) => e.id === r.id);
    expect(rev).toMatchObject({ amountFen: -120000, day: '2026-11-02', reversesId: fee202.id, reason: '重复记账', kind: 'income', category: 'property_fee' });
    expect(after.items.find((e: any) => e.id === fee202.id).reversedBy).toBe(r.id);
  });

  it('closes a month once, with hand-worked figures and collection rate; refuses entries in it and an unended month', async () => {
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/statements`, { month: '2026-11' }), 409, /尚未结束/);
    const mine = `/api/selfrun/my-account/${compoundId}`;
    ok(await member.request('POST', `${mine}/statements`, { month: '2026-10' }));
    refused(await member.request('POST', `${mine}/statements`, { month: '2026-10' }), 409, /只能结账一次/);
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/statements`, { month: '2026-09' }), 409);
    refused(await entry(secretary, { category: 'parking', amountFen: 100, day: '2026-10-31' }), 409, /已结账/);
    refused(await entry(secretary, { category: 'parking', amountFen: 100, day: '2026-09-30' }), 409, /已结账/);
    const s = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/statements`)).items[0];
    // Opening: September's 100 元; October: 500 + 1,200 + 1,200 in, 800 + 300 out (the reversal is dated November).
    expect(s).toMatchObject({ month: '2026-10', openingFen: 10000, incomeFen: 290000, expenseFen: 110000, closingFen: 190000, entries: 5 });
    expect(s.byCategory).toEqual(expect.arrayContaining([
      { category: 'parking', kind: 'income', amountFen: 50000 }, { category: 'property_fee', kind: 'income', amountFen: 240000 },
      { category: 'wages', kind: 'expense', amountFen: 80000 }, { category: 'repair', kind: 'expense', amountFen: 30000 },
    ]));
    // 物业费收缴率: 2 of the 3 households paid in October.
    expect(s).toMatchObject({ feeHouseholds: 2, households: 3 });
    expect(s.collectionRate).toBeCloseTo(0.6667, 4);
    // The public page, without signing in, shows the figures and no counterparties or names.
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/compounds/${compoundId}/statements` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items[0].closingFen).toBe(190000);
    expect(pub.body).not.toMatch(/张三|李保洁|业主/);
    // Pushed to the owners' accounts.
    const n = await t.db.selectFrom('notification').select('title').where('account_id', '=', ownerAccountId).execute();
    expect(n.map((x) => x.title)).toContainEqual(expect.stringContaining('2026-10 收支公开'));
  });

  it('exports the ledger as xlsx with entry numbers and balances', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/selfrun/compounds/${compoundId}/ledger/export`, headers: { cookie: secretary.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, '日期', '凭证号', '摘要', '科目', '收入（元）', '支出（元）', '余额（元）']);
    expect(ws.getRow(3).values).toEqual([undefined, '2026-09-10', 1, '楼道灯众筹', '众筹', 100, undefined, 100]);
    expect(ws.rowCount).toBe(2 + 7);
  });

  it('takes one service rating per household a year, flags a low average to the community', async () => {
    refused(await stranger.request('POST', `/api/selfrun/my-compound-account/${compoundId}/review`, { score: 5 }), 403, /不是该小区的业主/);
    refused(await owner.request('POST', `/api/selfrun/my-compound-account/${compoundId}/review`, { score: 6 }), 400);
    ok(await owner.request('POST', `/api/selfrun/my-compound-account/${compoundId}/review`, { score: 2 }));
    refused(await coOwner.request('POST', `/api/selfrun/my-compound-account/${compoundId}/review`, { score: 5 }), 409, /每户每年一次/);
    ok(await member.request('POST', `/api/selfrun/my-compound-account/${compoundId}/review`, { score: 3 }));
    const my = ok(await owner.request('GET', '/api/selfrun/my-compound-account'));
    expect(my.items[0]).toMatchObject({ compoundId, balanceFen: 70000, myScore: 2, owner: true, member: false });
    expect(my.items[0].review).toMatchObject({ year: 2026, ratings: 2, average: 2.5, flagged: true });
    expect(my.items[0].statements[0].month).toBe('2026-10');
    const n = await t.db.selectFrom('notification').select('title').where('account_id', '=', secretaryAccountId).execute();
    expect(n.filter((x) => x.title.includes('服务评定偏低'))).toHaveLength(1);
    const f = ok(await secretary.request('GET', '/api/selfrun/account/figures'));
    expect(f.reviews[0]).toMatchObject({ compoundId, ratings: 2, average: 2.5, flagged: true });
    const street = ok(await secretary.request('GET', '/api/selfrun/account/figures?year=2026'));
    expect(street.byStreet[0]).toMatchObject({ compounds: 1, incomeFen: 10000 + 290000 - 120000, expenseFen: 110000 });
  });
});
