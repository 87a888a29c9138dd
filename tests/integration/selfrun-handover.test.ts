import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, addUnit, buildSmallCity, createTestApp, login, type Session, type TestApp, type Unit } from '../helpers/test-app.js';

/**
 * 重新选聘 / 清退 hand a compound to the community: the contract ends in the sanction's transaction,
 * the compound becomes 无人管理 (mode 'none'), waits on the ten-steps board as awaiting a decision,
 * and the community's staff are told; it leaves the list when 动议 starts or a new contract is signed.
 */
describe('selfrun handover after a re-selection or exit', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let county: Session, street: Session, secretary: Session, otherWorker: Session;
  let north: Unit, south: Unit, east: Unit;
  let companyA: number, companyB: number;

  const ok = (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const A = () => city.communities[0]!;
  async function company(name: string, code: string) {
    return ok(await county.request('POST', '/api/property/companies', { name, creditCode: code, contactName: '张经理' })).id as number;
  }
  async function contract(companyId: number, compoundId: number) {
    return ok(await street.request('POST', '/api/property/contracts', {
      companyId, compoundId, startsOn: '2025-01-01', endsOn: '2027-12-31', feePerM2: 1.1, serviceLevel: '2',
    })).id as number;
  }
  const awaiting = async (s: Session) => ok(await s.request('GET', '/api/selfrun/steps/board?awaiting=1&pageSize=200')).items as any[];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', A().community)).username);
    otherWorker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[2]!.community)).username);
    north = await addUnit(t.db, A().community, 'grid', '北苑小区', { gridType: 'enclosed' });
    south = await addUnit(t.db, A().community, 'grid', '南苑小区', { gridType: 'enclosed' });
    east = await addUnit(t.db, A().community, 'grid', '东苑小区', { gridType: 'enclosed' });
    companyA = await company('北苑物业', '911411020000000101');
    companyB = await company('南苑物业', '911411020000000102');
  });
  afterAll(() => t?.close());

  it('should hand a re-selected compound to its community, notify the staff, and leave the list when 动议 starts', async () => {
    const k = await contract(companyA, north.id);
    expect((await awaiting(secretary)).map((r) => r.compoundId)).not.toContain(north.id);
    ok(await county.request('POST', '/api/property/sanctions', {
      kind: 'reselect', companyId: companyA, contractId: k, reason: '连续两季度黑榜，业主大会决定解聘', reselectTo: 'self_run',
    }));

    const row = (await awaiting(secretary)).find((r) => r.compoundId === north.id);
    expect(row).toMatchObject({ mode: 'none', step: null, handover: { cause: 'reselect', companyName: '北苑物业', reselectTo: 'self_run' } });
    const profile = await t.db.selectFrom('compound_profile').select('mode').where('compound_id', '=', north.id).executeTakeFirstOrThrow();
    expect(profile.mode).toBe('none');
    const inbox = ok(await secretary.request('GET', '/api/notifications')).items as any[];
    expect(inbox[0]).toMatchObject({ title: '北苑小区物业服务合同已因重新选聘终止', link: '/selfrun/steps?awaiting=1' });
    expect(inbox[0].body).toContain('重新选聘决定转为居民自办');
    // Another community's staff neither see it nor were told.
    expect((await awaiting(otherWorker)).map((r) => r.compoundId)).not.toContain(north.id);
    expect((ok(await otherWorker.request('GET', '/api/notifications')).items as any[]).some((n) => n.title.startsWith('北苑小区'))).toBe(false);

    // The compound's page says why it waits and offers 动议.
    const detail = ok(await secretary.request('GET', `/api/selfrun/compounds/${north.id}/steps`));
    expect(detail).toMatchObject({ started: false, startRefusal: null, handover: { cause: 'reselect', companyName: '北苑物业', reselectTo: 'self_run' } });

    // 动议: the community's decision; the compound leaves the list and shows its process.
    ok(await secretary.request('POST', `/api/selfrun/compounds/${north.id}/steps/start`));
    expect((await awaiting(secretary)).map((r) => r.compoundId)).not.toContain(north.id);
    const board = ok(await secretary.request('GET', '/api/selfrun/steps/board?pageSize=200')).items as any[];
    expect(board.find((r) => r.compoundId === north.id)).toMatchObject({ step: 'motion', handover: null });
    expect(ok(await secretary.request('GET', `/api/selfrun/compounds/${north.id}/steps`)).handover).toBeNull();
    const h = await t.db.selectFrom('compound_handover').select(['decided', 'cause']).where('compound_id', '=', north.id).executeTakeFirstOrThrow();
    expect(h).toEqual({ decided: 'motion', cause: 'reselect' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'compound_handover').execute();
    expect(audit.map((a) => a.action)).toEqual(['selfrun.handover']);
  });

  it('should hand every compound of an exited company over, and take one off the list when a new company is contracted', async () => {
    await contract(companyB, south.id);
    await contract(companyB, east.id);
    // A street may not exit a company (the county decides): nothing is handed over.
    expect((await street.request('POST', '/api/property/sanctions', { kind: 'exit', companyId: companyB, reason: '严重失信' })).status).toBe(403);
    expect((await awaiting(secretary)).map((r) => r.compoundId)).not.toContain(south.id);

    ok(await county.request('POST', '/api/property/sanctions', { kind: 'exit', companyId: companyB, reason: '严重失信，退出本县市场' }));
    const rows = await awaiting(secretary);
    expect(rows.filter((r) => [south.id, east.id].includes(r.compoundId)).map((r) => r.handover)).toEqual([
      expect.objectContaining({ cause: 'exit', companyName: '南苑物业', reselectTo: null }),
      expect.objectContaining({ cause: 'exit', companyName: '南苑物业', reselectTo: null }),
    ]);
    // Awaiting compounds come first on the board.
    const board = ok(await secretary.request('GET', '/api/selfrun/steps/board?pageSize=2')).items as any[];
    expect(board.every((r) => r.handover != null)).toBe(true);

    // A new company contracted for 南苑: it leaves the list; 东苑 still waits.
    await contract(companyA, south.id);
    const after = (await awaiting(secretary)).map((r) => r.compoundId);
    expect(after).not.toContain(south.id);
    expect(after).toContain(east.id);
    const h = await t.db.selectFrom('compound_handover').select('decided').where('compound_id', '=', south.id).executeTakeFirstOrThrow();
    expect(h.decided).toBe('contracted');
    expect((await secretary.request('GET', '/api/selfrun/steps/board?awaiting=2')).status).toBe(400);
  });
});
