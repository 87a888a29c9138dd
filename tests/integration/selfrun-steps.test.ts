import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, addHousehold, addResident, addUnit, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

/** 居民自办物业十步: start, the steps in order with their conditions and refusals, committee steps, to 'done'; on both databases. */
describe('selfrun steps', () => {
  // Late evening in China: the China day is a day ahead of the UTC day, so a UTC slip shows.
  const clock = new ManualClock(new Date('2026-11-02T23:30:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretary: Session, otherSecretary: Session, street: Session, member: Session, stranger: Session;
  let compoundId: number, companyCompoundId: number;
  const DAY = 86400_000;

  const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(16)]);
  async function upload(s: Session) {
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      png(), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({
      method: 'POST', url: '/api/files', payload,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode).toBe(200);
    return r.json().id as number;
  }
  const ok = (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const refused = (res: { status: number; body: any }, status: number, reason?: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.message ?? res.body.error?.message ?? JSON.stringify(res.body)).toMatch(/[\u4e00-\u9fa5]/);
    if (reason) expect(JSON.stringify(res.body)).toContain(reason);
    return res.body;
  };
  const step = (s: Session, name: string, body: Record<string, unknown> = {}, id = compoundId) =>
    s.request('POST', `/api/selfrun/compounds/${id}/steps/${name}`, { note: '已办理', ...body });
  const committeeStep = (s: Session, name: string, body: Record<string, unknown> = {}, id = compoundId) =>
    s.request('POST', `/api/selfrun/my-committee/${id}/steps/${name}`, { note: '业委会已办理', ...body });

  async function vote(status: string, passed: boolean, publishedAt: Date | null = null) {
    const c = city.communities[0]!;
    const v = await t.db.insertInto('owner_vote').values({
      compound_id: compoundId, org_path: c.grid.path, county_code: c.grid.county_code, title: `实行居民自办物业表决${status}${passed}`,
      status: status as never, opens_at: new Date(clock.now().getTime() - 10 * DAY), closes_at: new Date(clock.now().getTime() - DAY),
      closed_at: new Date(clock.now().getTime() - DAY), published_at: publishedAt,
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('owner_vote_matter').values({ vote_id: v.id, seq: 1, title: '实行居民自办物业', kind: 'ordinary', purpose: 'self_run', passed }).execute();
    return v.id;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const A = city.communities[0]!;
    compoundId = A.grid.id;
    // A second compound of the same community, under a live property contract.
    const second = await addUnit(t.db, A.community, 'grid', '龙凤小区二期', { gridType: 'enclosed' });
    companyCompoundId = second.id;
    const { id: companyId } = await t.db.insertInto('property_company').values({
      org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code, name: '滨河物业', credit_code: '911411020000000009', contact_name: '王经理',
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('property_contract').values({
      company_id: companyId, compound_id: second.id, org_path: second.path, county_code: second.county_code, starts_on: '2025-01-01', ends_on: '2027-12-31',
      fee_per_m2: 1.2, service_level: '2',
    }).execute();
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', A.community)).username);
    otherSecretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[1]!.community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    // A committee member of compound A (物管会 owner member), and a resident who is not one.
    const memberAcc = await addAccount(t.db, 'resident', A.unit);
    await t.db.updateTable('account').set({ resident_id: A.residentId }).where('id', '=', memberAcc.id).execute();
    await t.db.insertInto('committee_member').values({
      compound_id: compoundId, org_path: A.grid.path, county_code: A.grid.county_code, committee: 'management', member_kind: 'owner', role: 'chair',
      resident_id: A.residentId, name: '张1', term_from: '2026-01-01', term_to: '2028-12-31',
    }).execute();
    member = await login(t.app, memberAcc.username);
    const hh = await addHousehold(t.db, A.unit, '102');
    const otherResident = await addResident(t.db, t.cipher, hh, '李四', validIdNumber('19800101', 77));
    const strangerAcc = await addAccount(t.db, 'resident', A.unit);
    await t.db.updateTable('account').set({ resident_id: otherResident }).where('id', '=', strangerAcc.id).execute();
    stranger = await login(t.app, strangerAcc.username);
  });
  afterAll(async () => t?.close());

  it('refuses to start on a compound with a live company contract, or another community\'s compound', async () => {
    refused(await secretary.request('POST', `/api/selfrun/compounds/${companyCompoundId}/steps/start`), 409);
    const d = ok(await secretary.request('GET', `/api/selfrun/compounds/${companyCompoundId}/steps`));
    expect(d.compound.mode).toBe('company');
    expect(d.startRefusal).toMatch(/物业服务合同/);
    refused(await otherSecretary.request('POST', `/api/selfrun/compounds/${compoundId}/steps/start`), 404);
    refused(await otherSecretary.request('GET', `/api/selfrun/compounds/${compoundId}/steps`), 404);
  });

  it('starts, records the motion with its proposer, refuses a skipped, repeated or staff step', async () => {
    refused(await step(secretary, 'motion', { proposer: '3号楼业主代表' }), 409, 'NOT_STARTED');
    expect(ok(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/steps/start`)).step).toBe('motion');
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/steps/start`), 409);
    refused(await step(secretary, 'consultation', { dateFrom: '2026-11-01', dateTo: '2026-11-02' }), 409, 'STEP_SKIPPED');
    refused(await step(secretary, 'motion'), 400); // no proposer
    refused(await committeeStep(member, 'motion', { proposer: '业主' }), 403, 'STAFF_STEP');
    const photo = await upload(secretary);
    expect(ok(await step(secretary, 'motion', { proposer: '3号楼业主代表', note: '小区无人管理，业主提议自办', photoIds: [photo] })).step).toBe('consultation');
    refused(await step(secretary, 'motion', { proposer: '又一次' }), 409, 'STEP_REPEATED');
    const d = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/steps`));
    expect(d.step).toBe('consultation');
    expect(d.records[0]).toMatchObject({ step: 'motion', proposer: '3号楼业主代表', completedAs: 'staff', photos: [{ id: photo }] });
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'selfrun_process').where('entity_id', '=', String(compoundId)).execute();
    expect(audit.map((a) => a.action)).toEqual(['selfrun.process_start', 'selfrun.step_complete']);
  });

  it('lets a committee member complete a committee step; refuses a resident who is not a member', async () => {
    expect(ok(await stranger.request('GET', '/api/selfrun/my-committee')).member).toBe(false);
    refused(await committeeStep(stranger, 'consultation', { dateFrom: '2026-10-20', dateTo: '2026-11-01' }), 403, 'NOT_COMMITTEE_MEMBER');
    const mine = ok(await member.request('GET', '/api/selfrun/my-committee'));
    expect(mine.member).toBe(true);
    expect(mine.compounds[0]).toMatchObject({ compound: { id: compoundId }, step: 'consultation', mayAct: true, role: 'chair' });
    refused(await committeeStep(member, 'consultation', { dateFrom: '2026-11-02', dateTo: '2026-10-01' }), 400);
    const photo = await upload(member);
    expect(ok(await committeeStep(member, 'consultation', { dateFrom: '2026-10-20', dateTo: '2026-11-01', photoIds: [photo] })).step).toBe('vote');
    // The member reads the photo through the step's file reader; the stranger does not.
    expect((await member.request('GET', `/api/files/${photo}`)).status).toBe(200);
    expect((await stranger.request('GET', `/api/files/${photo}`)).status).toBe(404);
    expect(ok(await member.request('GET', '/api/selfrun/my-committee')).compounds[0].mayAct).toBe(false); // 投票表决 is the community's
  });

  it('needs a closed vote with the self-run matter passed, then published, then seven days of notice', async () => {
    const failed = await vote('closed', false);
    const open = await vote('open', true);
    refused(await step(secretary, 'vote', { voteId: failed }), 409, 'VOTE_NOT_PASSED');
    refused(await step(secretary, 'vote', { voteId: open }), 409, 'VOTE_NOT_CLOSED');
    const passed = await vote('closed', true);
    expect(ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/steps`)).votes.map((v: any) => v.id)).toEqual([passed]);
    expect(ok(await step(secretary, 'vote', { voteId: passed })).step).toBe('vote_notice');
    refused(await step(secretary, 'vote_notice'), 409, 'VOTE_NOT_PUBLISHED');
    await t.db.updateTable('owner_vote').set({ status: 'published', published_at: clock.now() }).where('id', '=', passed).execute();
    expect(ok(await step(secretary, 'vote_notice')).step).toBe('filing');
    const rec = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/steps`));
    // 23:30 in China on 11-02: the notice starts on the China day, not the UTC one.
    expect(rec.records.at(-1)).toMatchObject({ step: 'vote_notice', dateFrom: '2026-11-02' });
    expect(rec.blocked).toMatch(/2026-11-09/);
    refused(await step(secretary, 'open_account', { bank: '吕梁农商行', accountName: '龙凤小区物管会', accountLast4: '1234' }), 409, 'STEP_SKIPPED');
    clock.advance(6 * DAY);
    refused(await step(secretary, 'filing'), 409, 'NOTICE_TOO_SHORT');
    clock.advance(DAY);
    expect(ok(await step(secretary, 'filing', { note: '已报社区党委备案' })).step).toBe('open_account');
  });

  it('opens the account with the last four digits only, and needs a published statement for 收支公开', async () => {
    refused(await step(secretary, 'open_account', { bank: '吕梁农商行', accountName: '龙凤小区物管会', accountLast4: '6222021234' }), 400);
    refused(await step(secretary, 'open_account', { accountName: '龙凤小区物管会', accountLast4: '1234' }), 400);
    ok(await step(secretary, 'open_account', { bank: '吕梁农商行', accountName: '龙凤小区物管会', accountLast4: '1234' }));
    ok(await committeeStep(member, 'finance_rules', { note: '财务制度经业主大会通过' }));
    ok(await committeeStep(member, 'service_agreement', { dateFrom: '2026-11-10', dateTo: '2027-11-09' }));
    refused(await committeeStep(member, 'disclosure'), 409, 'NO_PUBLISHED_STATEMENT');
    // A published statement of the month, as the ledger's month close writes it.
    const A = city.communities[0]!;
    await t.db.insertInto('selfrun_statement').values({
      compound_id: compoundId, org_path: A.grid.path, county_code: A.grid.county_code, month: '2026-11', opening_fen: 0, income_fen: 120000, expense_fen: 20000,
      closing_fen: 100000, by_category: JSON.stringify([]), entries: 2, fee_households: 1, households: 1, closed_by_name: '物管会',
    }).execute();
    ok(await committeeStep(member, 'disclosure', { note: '11月收支已在公示栏公开' }));
    refused(await committeeStep(member, 'service_review'), 403, 'STAFF_STEP');
    expect(ok(await step(secretary, 'service_review', { note: '业主满意度92%，评定为良好' })).step).toBe('done');
    const p = await t.db.selectFrom('compound_profile').select(['mode']).where('compound_id', '=', compoundId).executeTakeFirstOrThrow();
    expect(p.mode).toBe('self_run');
    refused(await step(secretary, 'service_review'), 409, 'PROCESS_DONE');
    refused(await secretary.request('POST', `/api/selfrun/compounds/${compoundId}/steps/start`), 409);
    const d = ok(await secretary.request('GET', `/api/selfrun/compounds/${compoundId}/steps`));
    expect(d.records).toHaveLength(10);
    expect(d.records.find((r: any) => r.step === 'open_account')).toMatchObject({ bank: '吕梁农商行', accountLast4: '1234' });
  });

  it('shows the board and figures by step to the street', async () => {
    const b = ok(await street.request('GET', '/api/selfrun/steps/board?pageSize=50'));
    expect(b.items.find((r: any) => r.compoundId === compoundId)).toMatchObject({ step: 'done', mode: 'self_run' });
    expect(b.items.find((r: any) => r.compoundId === companyCompoundId)).toMatchObject({ step: null, mode: 'company' });
    const f = ok(await street.request('GET', '/api/selfrun/steps/figures'));
    expect(f.byStep.find((r: any) => r.step === 'done').compounds).toBeGreaterThanOrEqual(1);
    expect(f.byStreet[0]).toMatchObject({ street: city.streets[0]!.name, done: 1 });
    refused(await member.request('GET', '/api/selfrun/steps/board'), 403);
  });
});
