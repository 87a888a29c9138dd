import { sql, type Insertable, type Selectable } from 'kysely';
import type { PointsRuleItemTable } from '../../database.js';
import type { CommunityRow, Q, Trx } from './points-common.js';

type Place = Pick<CommunityRow, 'id' | 'path' | 'county_code'>;

/** The SQL of a community's rules (积分规则): its rule row and the items it records with today. */

/** Base points (基础分) and the objection window until a community sets its own. */
export const DEFAULT_RULES = { baseHousehold: 100, baseMerchant: 100, objectionDays: 5, baseRedeemable: false } as const;

/** The item volunteer hours convert through (points per hour). */
export const VOLUNTEER_ITEM_CODE = 'volunteer_service';

export type RuleItemRow = Selectable<PointsRuleItemTable>;

export interface RuleSet {
  baseHousehold: number;
  baseMerchant: number;
  objectionDays: number;
  customized: boolean;
  /** Base points buy goods (points-spendable.ts); off by default. */
  baseRedeemable: boolean;
}

export async function ruleSetOf(db: Q, communityId: number, lock = false): Promise<RuleSet> {
  const r = await db.selectFrom('points_rule_set').selectAll().where('community_id', '=', communityId)
    .$if(lock, (q) => q.forUpdate()).executeTakeFirst();
  if (!r) return { ...DEFAULT_RULES, customized: false };
  return {
    baseHousehold: r.base_household, baseMerchant: r.base_merchant, objectionDays: r.objection_days, customized: r.customized,
    baseRedeemable: r.base_redeemable,
  };
}

/** The items a community records with today: its own copy, or the shipped ones. */
export function currentItemsQuery(db: Q, communityId: number, customized: boolean) {
  return db.selectFrom('points_rule_item').selectAll()
    .$if(customized, (q) => q.where('community_id', '=', communityId))
    .$if(!customized, (q) => q.where('community_id', 'is', null))
    .where('valid_to', 'is', null);
}

/** Is this version one the community may record with now? */
export function isCurrentFor(item: RuleItemRow, communityId: number, set: RuleSet) {
  return item.valid_to === null && (set.customized ? item.community_id === communityId : item.community_id === null);
}


/** The community's rule row on the defaults, unless it has one. */
export async function ensureRuleSet(trx: Trx, c: Place, by: number, now: Date) {
  await trx.insertInto('points_rule_set').values({
    community_id: c.id, org_path: c.path, county_code: c.county_code, base_household: DEFAULT_RULES.baseHousehold,
    base_merchant: DEFAULT_RULES.baseMerchant, objection_days: DEFAULT_RULES.objectionDays, updated_by: by, updated_at: now,
  }).onConflict((oc) => oc.column('community_id').doNothing()).execute();
}

/** Copies the shipped items into the community's own rows (same codes and versions) and marks its rules customized. */
export async function copyShippedItems(trx: Trx, c: Place, by: number, now: Date) {
  await sql`
    INSERT INTO points_rule_item (community_id, org_path, county_code, code, version, name, direction, category, points, unit,
                                  monthly_cap, evidence_required, recorder_roles, active, sort, valid_from, created_by)
    SELECT ${c.id}, ${c.path}, ${c.county_code}, code, version, name, direction, category, points, unit,
           monthly_cap, evidence_required, recorder_roles, active, sort, ${now}, ${by}
    FROM points_rule_item WHERE community_id IS NULL AND valid_to IS NULL`.execute(trx);
  await trx.updateTable('points_rule_set').set({ customized: true }).where('community_id', '=', c.id).execute();
}

/** How many items the community added itself (codes custom_N), and the highest sort key of its items. */
export async function ownItemCounts(db: Q, communityId: number) {
  const { n } = await db.selectFrom('points_rule_item').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId).where('code', 'like', 'custom_%').where('version', '=', 1).executeTakeFirstOrThrow();
  const { s } = await db.selectFrom('points_rule_item').select((eb) => eb.fn.max('sort').as('s'))
    .where('community_id', '=', communityId).executeTakeFirstOrThrow();
  return { customItems: Number(n), lastSort: Number(s ?? 0) };
}

export function insertItem(trx: Trx, v: Insertable<PointsRuleItemTable>) {
  return trx.insertInto('points_rule_item').values(v).returningAll().executeTakeFirstOrThrow();
}

/** Ends a version: it is never edited again, a new version replaces it. */
export async function endItemVersion(trx: Trx, id: number, now: Date) {
  await trx.updateTable('points_rule_item').set({ valid_to: now }).where('id', '=', id).execute();
}

/** Sets the base points and objection window, creating the rule row if needed. */
export async function saveBase(trx: Trx, c: Place, set: {
  base_household: number; base_merchant: number; objection_days: number; base_redeemable: boolean; updated_by: number; updated_at: Date;
}) {
  await trx.insertInto('points_rule_set').values({ community_id: c.id, org_path: c.path, county_code: c.county_code, ...set })
    .onConflict((oc) => oc.column('community_id').doUpdateSet(set)).execute();
}

/** Every version of one item, oldest first: the community's own, or the shipped ones while it has none. */
export function itemVersions(db: Q, communityId: number, customized: boolean, code: string) {
  return db.selectFrom('points_rule_item').selectAll().where('code', '=', code)
    .$if(customized, (q) => q.where('community_id', '=', communityId))
    .$if(!customized, (q) => q.where('community_id', 'is', null))
    .orderBy('version').orderBy('id').execute();
}
