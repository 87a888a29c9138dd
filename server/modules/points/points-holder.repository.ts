import type { Kysely, Transaction } from 'kysely';
import type { DB, PointsHolderKind } from '../../database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { maskName } from '../../platform/pii/name.js';
import { communityOfPath } from './points-ledger.repository.js';

/**
 * The points holder an account stands for (积分户): the household of the resident a resident or
 * party member account is linked to, or the merchant a merchant account is linked to. Every
 * "my points", "my rules", "my objections" and "my redemptions" route asks this one function,
 * so a new kind of holder joins here and nowhere else.
 *
 * Kept apart from the other points files: the supermarket imports it, and it must not pull in
 * the points services' import cycle (objections → months → rules).
 */
export interface AccountHolder {
  kind: PointsHolderKind;
  id: number;
  orgPath: string;
  countyCode: string;
  communityId: number;
  /** For the holder's own screens: '3号楼2单元101 张*华' (the signed-in resident, masked) or the shop's name. */
  label: string;
}

type Q = Kysely<DB> | Transaction<DB>;

/** The holder of an account, or null when the account is linked to none (or its resident moved out). */
export async function holderOfAccount(db: Q, accountId: number): Promise<AccountHolder | null> {
  // An account has at most one link, so at most one side of the joins answers.
  const row = await db.selectFrom('account as a')
    .leftJoin('resident as r', (j) => j.onRef('r.id', '=', 'a.resident_id').on('r.moved_out_at', 'is', null))
    .leftJoin('household as h', 'h.id', 'r.household_id')
    .leftJoin('merchant as m', 'm.id', 'a.merchant_id')
    .select([
      'h.id as household_id', 'h.org_path as household_path', 'h.county_code as household_county', 'h.address', 'r.name as resident_name',
      'm.id as merchant_id', 'm.org_path as merchant_path', 'm.county_code as merchant_county', 'm.name as merchant_name',
    ])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
  if (row?.merchant_id != null) {
    return {
      kind: 'merchant', id: row.merchant_id, orgPath: row.merchant_path!, countyCode: row.merchant_county!,
      communityId: await communityOfPath(db, row.merchant_path!), label: row.merchant_name!,
    };
  }
  if (row?.household_id != null) {
    return {
      kind: 'household', id: row.household_id, orgPath: row.household_path!, countyCode: row.household_county!,
      communityId: await communityOfPath(db, row.household_path!), label: `${row.address ?? ''} ${maskName(row.resident_name ?? '')}`.trim(),
    };
  }
  return null;
}

/**
 * The holder of the signed-in account, or 404 saying what is missing: a merchant account asks
 * the community to link its shop, a resident to register (`doing`: 查看积分, 兑换 …).
 */
export async function requireHolder(db: Q, actor: Actor, doing: string): Promise<AccountHolder> {
  const holder = await holderOfAccount(db, actor.accountId);
  if (holder) return holder;
  if (actor.role === 'merchant') throw new AppError('NOT_FOUND', `您的账号还没有关联商户，请联系社区关联后再${doing}`);
  throw new AppError('NOT_FOUND', `您的账号还没有关联住户，请到社区登记后再${doing}`);
}
