import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, PointsEntryKind, PointsEntryTable, PointsHolderKind } from '../../database.js';
import { AppError } from '../../platform/errors.js';
import { placeAbove } from '../../platform/org-units.js';
import type { Scope } from '../../platform/scope.js';

/**
 * The points ledger (积分台账). Entries are only ever appended; a correction is a new entry that
 * reverses an old one. Each community's entries form a hash chain: an entry's hash covers its
 * own fields and the previous entry's hash, so changing, deleting or reordering any row breaks
 * every hash after it, and `verifyLedger` names the first entry that no longer matches.
 *
 * Every write to points goes through `appendEntries`, inside the caller's transaction: the
 * chain head is locked (one writer per community at a time), the balance cache moves in the
 * same transaction, and a spend that would take a balance below zero is refused.
 */

type Trx = Transaction<DB>;

export const GENESIS_HASH = '0'.repeat(64);

/** Kinds that count towards the governance score; redemptions only move the spendable balance. */
export const SCORE_KINDS: ReadonlySet<PointsEntryKind> = new Set(['base', 'deed', 'penalty', 'volunteer']);

export interface NewEntry {
  holderKind: PointsHolderKind;
  holderId: number;
  /** Positive adds points, negative takes them away; never zero. */
  amount: number;
  kind: PointsEntryKind;
  /** Accounting month 'YYYY-MM' (Asia/Shanghai). Defaults to the month of `at`. */
  month?: string;
  ruleItemId?: number | null;
  recordId?: number | null;
  orderId?: number | null;
  /** For kind 'reversal': the entry being undone; amount must be its exact opposite. */
  reversesId?: number | null;
  note?: string;
  createdBy?: number | null;
  /**
   * Spends (redeem, penalty when asked) refuse to take the balance below zero when set.
   * Redemptions always set it; see points_balance for why penalties may not.
   */
  requireBalance?: boolean;
  /**
   * With requireBalance: points that must stay on the balance after the spend — the base points
   * granted, when the community's rules say base points do not buy goods (points-spendable.ts).
   */
  keepBalance?: number;
}

export interface AppendedEntry {
  id: number;
  communityId: number;
  seq: number;
  hash: string;
  holderKind: PointsHolderKind;
  holderId: number;
  amount: number;
  kind: PointsEntryKind;
  month: string;
  balanceAfter: number;
}

/** The fields the hash covers (entryHash fixes their order). org_path is left out: org moves rewrite it. */
export type HashedFields = Omit<Selectable<PointsEntryTable>, 'id' | 'org_path' | 'prev_hash' | 'hash'>;

export function entryHash(prevHash: string, e: HashedFields): string {
  const canonical = JSON.stringify([
    prevHash, e.community_id, e.seq, e.holder_kind, e.holder_id, e.amount, e.kind, e.month,
    e.rule_item_id, e.record_id, e.order_id, e.reverses_id, e.note, e.created_by,
    e.created_at.toISOString(), e.county_code,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const monthFmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });
/** 'YYYY-MM' of an instant in Lüliang's time zone. */
export const monthOf = (at: Date) => monthFmt.format(at).slice(0, 7);

/**
 * A holder's place: its community (the ledger's chain), org path and county. Households hang
 * under units/buildings/grids of one community; merchants sit on a grid or community.
 */
export async function holderPlace(db: Kysely<DB> | Trx, kind: PointsHolderKind, id: number) {
  const row = kind === 'household'
    ? await db.selectFrom('household').select(['org_path', 'county_code']).where('id', '=', id).executeTakeFirst()
    : await db.selectFrom('merchant').select(['org_path', 'county_code']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', kind === 'household' ? '住户不存在' : '商户不存在');
  const community = await communityOfPath(db, row.org_path);
  return { communityId: community, orgPath: row.org_path, countyCode: row.county_code };
}

/** A holder's place when it lies in the caller's scope; otherwise 404, without telling whether it exists. */
export async function holderInScope(db: Kysely<DB> | Trx, scope: Scope, kind: PointsHolderKind, id: number) {
  const place = await holderPlace(db, kind, id).catch(() => undefined);
  scope.assert(place?.orgPath, kind === 'household' ? '住户' : '商户');
  return place!;
}

/** The community on a materialised path ('1.2.15.40.…'): the ancestor whose kind is community. */
export async function communityOfPath(db: Kysely<DB> | Trx, orgPath: string): Promise<number> {
  const c = await placeAbove(db, orgPath, 'community');
  if (!c) throw new AppError('BAD_REQUEST', '该住户或商户不在任何社区内，无法记分');
  return c.id;
}

/**
 * Appends entries for holders of one community, in order, inside `trx`. Returns them with
 * their sequence numbers, hashes and the holder's balance after each.
 */
export async function appendEntries(
  trx: Trx,
  place: { communityId: number; countyCode: string },
  entries: readonly (NewEntry & { orgPath: string })[],
  at: Date,
): Promise<AppendedEntry[]> {
  if (entries.length === 0) return [];
  const { communityId, countyCode } = place;
  // Lock the head; create it on the community's first entry (the insert races are settled by
  // the primary key, then everyone takes the row lock).
  await trx.insertInto('points_chain')
    .values({ community_id: communityId, county_code: countyCode, last_seq: 0, last_hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('community_id').doNothing()).execute();
  const head = await trx.selectFrom('points_chain').select(['last_seq', 'last_hash'])
    .where('community_id', '=', communityId).forUpdate().executeTakeFirstOrThrow();

  // Reversals: the original must exist, belong to the same holder, not be reversed already,
  // and be undone exactly. It may sit in another chain: the holder's old community, before an
  // org merge or move (ADR 0006); the reversal goes into the holder's chain of today.
  const reversed = new Map<number, { amount: number; kind: PointsEntryKind; holder_kind: string; holder_id: number }>();
  const reverseIds = entries.map((e) => e.reversesId).filter((x): x is number => x != null);
  if (reverseIds.length) {
    const rows = await trx.selectFrom('points_entry as e')
      .select(['e.id', 'e.amount', 'e.kind', 'e.holder_kind', 'e.holder_id', 'e.community_id'])
      .select((eb) => eb.exists(eb.selectFrom('points_entry as r').select('r.id').whereRef('r.reverses_id', '=', 'e.id')).as('already'))
      .where('e.id', 'in', reverseIds).execute();
    for (const r of rows) {
      if (r.already) throw new AppError('CONFLICT', `第 ${r.id} 号积分记录已冲正过，不能重复冲正`);
      reversed.set(r.id, r);
    }
  }

  let seq = head.last_seq;
  let prev = head.last_hash;
  const out: AppendedEntry[] = [];
  for (const e of entries) {
    if (!Number.isInteger(e.amount) || e.amount === 0) throw new AppError('BAD_REQUEST', '积分变动必须是非零整数');
    let scoreDelta = SCORE_KINDS.has(e.kind) ? e.amount : 0;
    if (e.kind === 'reversal') {
      const orig = e.reversesId != null ? reversed.get(e.reversesId) : undefined;
      if (!orig) throw new AppError('NOT_FOUND', '要冲正的积分记录不存在');
      if (orig.holder_kind !== e.holderKind || orig.holder_id !== e.holderId || orig.amount !== -e.amount) {
        throw new AppError('BAD_REQUEST', '冲正记录必须与原记录同一户、分值相反');
      }
      if (orig.kind === 'reversal') throw new AppError('BAD_REQUEST', '不能冲正一条冲正记录');
      scoreDelta = SCORE_KINDS.has(orig.kind) ? e.amount : 0;
      reversed.delete(e.reversesId!); // a batch may not reverse the same entry twice either
    } else if (e.reversesId != null) {
      throw new AppError('BAD_REQUEST', '只有冲正记录可以指向原记录');
    }

    // Move the balance first: a spend that would overdraw stops here, before anything is written.
    const bal = e.requireBalance
      ? await trx.updateTable('points_balance')
          .set({ balance: sql`balance + ${e.amount}`, score: sql`score + ${scoreDelta}`, updated_at: at })
          .where('holder_kind', '=', e.holderKind).where('holder_id', '=', e.holderId)
          .where(sql<boolean>`balance + ${e.amount} >= ${e.keepBalance ?? 0}`)
          .returning('balance').executeTakeFirst()
      : await trx.insertInto('points_balance')
          .values({
            holder_kind: e.holderKind, holder_id: e.holderId, community_id: communityId, org_path: e.orgPath,
            county_code: countyCode, balance: e.amount, score: scoreDelta, updated_at: at,
          })
          .onConflict((oc) => oc.columns(['holder_kind', 'holder_id']).doUpdateSet({
            balance: sql`points_balance.balance + ${e.amount}`,
            score: sql`points_balance.score + ${scoreDelta}`,
            // The cache follows the holder's place of today (ADR 0006).
            community_id: communityId, org_path: e.orgPath, county_code: countyCode,
            updated_at: at,
          }))
          .returning('balance').executeTakeFirst();
    if (!bal) {
      // Say how far short: an elderly resident at the counter should not have to ask.
      const have = await trx.selectFrom('points_balance').select('balance')
        .where('holder_kind', '=', e.holderKind).where('holder_id', '=', e.holderId).executeTakeFirst();
      const balance = have?.balance ?? 0;
      const keep = e.keepBalance ?? 0;
      if (keep > 0) {
        const spendable = Math.max(0, balance - keep);
        throw new AppError('INSUFFICIENT_POINTS',
          `可兑换积分不足：需要 ${-e.amount} 分，可兑换 ${spendable} 分（余额 ${balance} 分，其中基础分 ${keep} 分不能兑换商品）`,
          { needed: -e.amount, balance, spendable, baseLocked: keep });
      }
      throw new AppError('INSUFFICIENT_POINTS', `积分余额不足：需要 ${-e.amount} 分，当前余额 ${balance} 分`, { needed: -e.amount, balance });
    }

    seq += 1;
    const fields: HashedFields = {
      community_id: communityId, seq, holder_kind: e.holderKind, holder_id: e.holderId, amount: e.amount,
      kind: e.kind, month: e.month ?? monthOf(at), rule_item_id: e.ruleItemId ?? null, record_id: e.recordId ?? null,
      order_id: e.orderId ?? null, reverses_id: e.reversesId ?? null, note: e.note ?? '',
      created_by: e.createdBy ?? null, created_at: at, county_code: countyCode,
    };
    const hash = entryHash(prev, fields);
    const inserted = await trx.insertInto('points_entry')
      .values({ ...fields, org_path: e.orgPath, prev_hash: prev, hash })
      .returning('id').executeTakeFirstOrThrow();
    out.push({
      id: inserted.id, communityId, seq, hash, holderKind: e.holderKind, holderId: e.holderId, amount: e.amount,
      kind: e.kind, month: fields.month, balanceAfter: bal.balance,
    });
    prev = hash;
  }
  await trx.updateTable('points_chain').set({ last_seq: seq, last_hash: prev })
    .where('community_id', '=', communityId).execute();
  return out;
}

/** Appends for one holder, looking up its community and place. */
export async function appendForHolder(trx: Trx, holder: { kind: PointsHolderKind; id: number }, entries: readonly Omit<NewEntry, 'holderKind' | 'holderId'>[], at: Date) {
  const place = await holderPlace(trx, holder.kind, holder.id);
  return appendEntries(trx, place, entries.map((e) => ({ ...e, holderKind: holder.kind, holderId: holder.id, orgPath: place.orgPath })), at);
}

export interface LedgerProblem {
  communityId: number;
  /** The first entry that no longer matches, or null when the chain's head is what is wrong. */
  entryId: number | null;
  seq: number | null;
  reason: 'hash_mismatch' | 'broken_link' | 'missing_entry' | 'head_mismatch';
  message: string;
}

export interface LedgerReport {
  communities: number;
  entries: number;
  ok: boolean;
  problems: LedgerProblem[];
  /** Holders whose cached balance or score differs from the sum of their entries. */
  balanceMismatches: { holderKind: string; holderId: number; cached: number; counted: number; what: 'balance' | 'score' }[];
}

/**
 * Recomputes every chain (or one community's) from the entries, page by page, so memory stays
 * flat at any size. Reports the first bad entry of each broken chain.
 */
export async function verifyLedger(
  db: Kysely<DB>,
  opts: {
    communityId?: number;
    /** Only communities under this org path (a caller's scope). */
    orgPath?: string;
    pageSize?: number;
    onProgress?: (done: number) => void;
    /** After each community's chain: how many chains are done of how many. */
    onCommunity?: (done: number, of: number, communityId: number) => void;
  } = {},
): Promise<LedgerReport> {
  const pageSize = opts.pageSize ?? 5000;
  const heads = await db.selectFrom('points_chain').select(['community_id', 'last_seq', 'last_hash'])
    .$if(opts.communityId != null, (q) => q.where('community_id', '=', opts.communityId!))
    .$if(opts.orgPath != null, (q) => q.where('community_id', 'in', (eb) => eb.selectFrom('org_unit').select('id')
      .where('kind', '=', 'community').where('path', 'like', `${opts.orgPath}%`)))
    .orderBy('community_id').execute();
  let chainsDone = 0;
  const problems: LedgerProblem[] = [];
  let entries = 0;
  for (const head of heads) {
    let prev = GENESIS_HASH;
    let expectSeq = 1;
    let after = 0;
    let broken = false;
    for (;;) {
      const page = await db.selectFrom('points_entry')
        .select([
          'id', 'community_id', 'seq', 'holder_kind', 'holder_id', 'amount', 'kind', 'month', 'rule_item_id',
          'record_id', 'order_id', 'reverses_id', 'note', 'created_by', 'created_at', 'county_code', 'prev_hash', 'hash',
        ])
        .where('community_id', '=', head.community_id).where('seq', '>', after)
        .orderBy('seq').limit(pageSize).execute();
      if (page.length === 0) break;
      for (const e of page) {
        entries += 1;
        if (broken) continue;
        const fail = (reason: LedgerProblem['reason'], message: string) => {
          problems.push({ communityId: head.community_id, entryId: e.id, seq: e.seq, reason, message });
          broken = true;
        };
        if (e.seq !== expectSeq) fail('missing_entry', `第 ${expectSeq} 条记录缺失（下一条是第 ${e.seq} 条，编号 ${e.id}）`);
        else if (e.prev_hash !== prev) fail('broken_link', `记录 ${e.id}（第 ${e.seq} 条）与前一条的链接不符`);
        else if (entryHash(prev, { ...e, amount: Number(e.amount), created_at: new Date(e.created_at) }) !== e.hash) {
          fail('hash_mismatch', `记录 ${e.id}（第 ${e.seq} 条）的内容已被改动`);
        }
        prev = e.hash;
        expectSeq = e.seq + 1;
      }
      after = page[page.length - 1]!.seq;
      opts.onProgress?.(entries);
    }
    if (!broken && (head.last_seq !== expectSeq - 1 || head.last_hash !== prev)) {
      problems.push({
        communityId: head.community_id, entryId: null, seq: null, reason: 'head_mismatch',
        message: `链头记录第 ${head.last_seq} 条，实际最后一条是第 ${expectSeq - 1} 条（末尾记录被删除或链头被改动）`,
      });
    }
    opts.onCommunity?.(++chainsDone, heads.length, head.community_id);
  }

  const mismatches = await sql<{ holder_kind: string; holder_id: number; cached_balance: number; counted_balance: number; cached_score: number; counted_score: number }>`
    SELECT b.holder_kind, b.holder_id, b.balance AS cached_balance, coalesce(s.balance, 0)::int AS counted_balance,
           b.score AS cached_score, coalesce(s.score, 0)::int AS counted_score
    FROM points_balance b
    LEFT JOIN (
      SELECT e.holder_kind, e.holder_id, sum(e.amount) AS balance,
             sum(e.amount) FILTER (WHERE e.kind IN ('base','deed','penalty','volunteer')
                                      OR (e.kind = 'reversal' AND o.kind IN ('base','deed','penalty','volunteer'))) AS score
      FROM points_entry e LEFT JOIN points_entry o ON o.id = e.reverses_id
      WHERE true
      ${opts.communityId != null ? sql`AND (e.holder_kind, e.holder_id) IN (SELECT holder_kind, holder_id FROM points_balance WHERE community_id = ${opts.communityId})` : sql``}
      ${opts.orgPath != null ? sql`AND e.org_path LIKE ${`${opts.orgPath}%`}` : sql``}
      GROUP BY e.holder_kind, e.holder_id
    ) s ON s.holder_kind = b.holder_kind AND s.holder_id = b.holder_id
    WHERE (b.balance <> coalesce(s.balance, 0) OR b.score <> coalesce(s.score, 0))
      ${opts.communityId != null ? sql`AND b.community_id = ${opts.communityId}` : sql``}
      ${opts.orgPath != null ? sql`AND b.org_path LIKE ${`${opts.orgPath}%`}` : sql``}
    LIMIT 100
  `.execute(db);
  const balanceMismatches: LedgerReport['balanceMismatches'] = [];
  for (const m of mismatches.rows) {
    if (m.cached_balance !== m.counted_balance) balanceMismatches.push({ holderKind: m.holder_kind, holderId: m.holder_id, cached: m.cached_balance, counted: m.counted_balance, what: 'balance' });
    if (m.cached_score !== m.counted_score) balanceMismatches.push({ holderKind: m.holder_kind, holderId: m.holder_id, cached: m.cached_score, counted: m.counted_score, what: 'score' });
  }
  return { communities: heads.length, entries, ok: problems.length === 0 && balanceMismatches.length === 0, problems, balanceMismatches };
}
