import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendForHolder, GENESIS_HASH, verifyLedger } from '../../server/modules/points/points-ledger.repository.js';
import { buildSmallCity, createTestApp, type TestApp } from '../helpers/test-app.js';

/** The ledger core: hash chain, balances, reversals, overdraft refusal, tamper detection. */
describe('points ledger', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  const at = new Date('2026-11-10T02:00:00Z');

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
  });
  afterAll(async () => t?.close());

  const hh = (i: number) => ({ kind: 'household' as const, id: city.communities[i]!.household.id });

  it('chains entries per community and keeps balance and score', async () => {
    const out = await t.db.transaction().execute((trx) => appendForHolder(trx, hh(0), [
      { amount: 100, kind: 'base', note: '新住户基础分' },
      { amount: 5, kind: 'deed', note: '垃圾分类' },
      { amount: -3, kind: 'penalty', note: '楼道堆物' },
    ], at));
    expect(out.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(out[2]!.balanceAfter).toBe(102);
    const first = await t.db.selectFrom('points_entry').selectAll().where('id', '=', out[0]!.id).executeTakeFirstOrThrow();
    expect(first.prev_hash).toBe(GENESIS_HASH);
    expect(first.month).toBe('2026-11');
    const second = await t.db.selectFrom('points_entry').selectAll().where('id', '=', out[1]!.id).executeTakeFirstOrThrow();
    expect(second.prev_hash).toBe(first.hash);

    // Another community starts its own chain.
    const other = await t.db.transaction().execute((trx) => appendForHolder(trx, hh(1), [{ amount: 100, kind: 'base' }], at));
    expect(other[0]!.seq).toBe(1);

    const spend = await t.db.transaction().execute((trx) => appendForHolder(trx, hh(0), [{ amount: -20, kind: 'redeem', requireBalance: true }], at));
    expect(spend[0]!.balanceAfter).toBe(82);
    const bal = await t.db.selectFrom('points_balance').selectAll().where('holder_id', '=', hh(0).id).executeTakeFirstOrThrow();
    expect({ balance: bal.balance, score: bal.score }).toEqual({ balance: 82, score: 102 });
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('refuses a spend beyond the balance and writes nothing', async () => {
    const before = await t.db.selectFrom('points_entry').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    await expect(t.db.transaction().execute((trx) => appendForHolder(trx, hh(0), [{ amount: -1000, kind: 'redeem', requireBalance: true }], at)))
      .rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    const after = await t.db.selectFrom('points_entry').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('reverses an entry once, exactly, and the score follows', async () => {
    const [deed] = await t.db.transaction().execute((trx) => appendForHolder(trx, hh(0), [{ amount: 10, kind: 'deed' }], at));
    await expect(t.db.transaction().execute((trx) => appendForHolder(trx, hh(0), [{ amount: -9, kind: 'reversal', reversesId: deed!.id }], at)))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await t.db.transaction().execute((trx) => appendForHolder(trx, hh(0), [{ amount: -10, kind: 'reversal', reversesId: deed!.id, note: '异议成立' }], at));
    await expect(t.db.transaction().execute((trx) => appendForHolder(trx, hh(0), [{ amount: -10, kind: 'reversal', reversesId: deed!.id }], at)))
      .rejects.toMatchObject({ code: 'CONFLICT' });
    const bal = await t.db.selectFrom('points_balance').selectAll().where('holder_id', '=', hh(0).id).executeTakeFirstOrThrow();
    expect({ balance: bal.balance, score: bal.score }).toEqual({ balance: 82, score: 102 });
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('the database refuses updates and deletes of entries', async () => {
    await expect(sql`UPDATE points_entry SET amount = 500 WHERE seq = 2`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM points_entry WHERE seq = 2`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('names the first entry altered behind the application', async () => {
    const c0 = city.communities[0]!.community.id;
    const target = await t.db.selectFrom('points_entry').select(['id', 'seq']).where('community_id', '=', c0).where('seq', '=', 2).executeTakeFirstOrThrow();
    await t.database.rawTransaction(async (tx) => {
      await tx.exec('ALTER TABLE points_entry DISABLE TRIGGER points_entry_append_only');
      await tx.exec(`UPDATE points_entry SET amount = 500 WHERE id = ${target.id}`);
      await tx.exec('ALTER TABLE points_entry ENABLE TRIGGER points_entry_append_only');
    });
    const report = await verifyLedger(t.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ communityId: c0, entryId: target.id, seq: 2, reason: 'hash_mismatch' });
    expect(report.balanceMismatches.some((m) => m.holderId === hh(0).id)).toBe(true);
    // The other community's chain is still whole.
    expect((await verifyLedger(t.db, { communityId: city.communities[1]!.community.id })).ok).toBe(true);
  });
});
