import type { z } from 'zod';
import type { RuleItem as RuleItemSchema } from './points.schemas.js';
import { sql, type Selectable } from 'kysely';
import type { PointsRuleItemTable, Role } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { ownHousehold } from './points-objections.js';
import { communityForRead, communityInScope, type CommunityRow, type PointsDeps, type Q, type Trx } from './points-common.js';

/**
 * Rules (积分规则) per community. Every community starts on the shipped items (rows with
 * community_id NULL, migration 0032) and the default base points below; its first change copies
 * the items into its own rows, and every later change adds a version instead of editing one, so
 * each record keeps pointing at the exact rule it was scored under.
 */

/** Base points (基础分) and the objection window until a community sets its own. */
export const DEFAULT_RULES = { baseHousehold: 100, baseMerchant: 100, objectionDays: 5, baseRedeemable: false } as const;

/** Who records (一事一记) by default: the community's own staff, who also organise its activities. */
export const DEFAULT_RECORDER_ROLES: readonly Role[] = ['community_secretary', 'community_worker', 'grid_worker'];

/** The item volunteer hours convert through (points per hour). */
export const VOLUNTEER_ITEM_CODE = 'volunteer_service';

export type RuleItemRow = Selectable<PointsRuleItemTable>;

export type RuleItem = z.infer<typeof RuleItemSchema>;

export const toRuleItem = (r: RuleItemRow): RuleItem => ({
  id: r.id, code: r.code, name: r.name, direction: r.direction, category: r.category, points: r.points, unit: r.unit,
  monthlyCap: r.monthly_cap, evidenceRequired: r.evidence_required, recorderRoles: r.recorder_roles, active: r.active,
  version: r.version, validFrom: new Date(r.valid_from).toISOString(), validTo: r.valid_to ? new Date(r.valid_to).toISOString() : null,
});

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

export async function getRules(deps: PointsDeps, scope: Scope, communityId: number) {
  const c = await communityForRead(deps.db, scope, communityId);
  return rulesView(deps.db, c.id);
}

/** A resident reads the rules of the community their household belongs to (积分规则公开). */
export async function myRules(deps: PointsDeps, actor: Actor) {
  const home = await ownHousehold(deps.db, actor.accountId);
  if (!home) throw new AppError('NOT_FOUND', '您的账号还没有关联住户，请到社区登记后再查看积分规则');
  return rulesView(deps.db, home.communityId);
}

async function rulesView(db: Q, communityId: number) {
  const set = await ruleSetOf(db, communityId);
  const items = await currentItemsQuery(db, communityId, set.customized).orderBy('sort').orderBy('id').execute();
  return {
    communityId, baseHousehold: set.baseHousehold, baseMerchant: set.baseMerchant, objectionDays: set.objectionDays,
    customized: set.customized, baseRedeemable: set.baseRedeemable, items: items.map(toRuleItem),
  };
}

/**
 * The community's own rule row, locked; on its first change the shipped items are copied in
 * (same codes and versions, new ids), so later versions are the community's alone.
 */
async function ownRules(trx: Trx, c: CommunityRow, actor: Actor, now: Date): Promise<RuleSet> {
  await trx.insertInto('points_rule_set').values({
    community_id: c.id, org_path: c.path, county_code: c.county_code, base_household: DEFAULT_RULES.baseHousehold,
    base_merchant: DEFAULT_RULES.baseMerchant, objection_days: DEFAULT_RULES.objectionDays, updated_by: actor.accountId, updated_at: now,
  }).onConflict((oc) => oc.column('community_id').doNothing()).execute();
  const set = await ruleSetOf(trx, c.id, true);
  if (set.customized) return set;
  await sql`
    INSERT INTO points_rule_item (community_id, org_path, county_code, code, version, name, direction, category, points, unit,
                                  monthly_cap, evidence_required, recorder_roles, active, sort, valid_from, created_by)
    SELECT ${c.id}, ${c.path}, ${c.county_code}, code, version, name, direction, category, points, unit,
           monthly_cap, evidence_required, recorder_roles, active, sort, ${now}, ${actor.accountId}
    FROM points_rule_item WHERE community_id IS NULL AND valid_to IS NULL`.execute(trx);
  await trx.updateTable('points_rule_set').set({ customized: true }).where('community_id', '=', c.id).execute();
  return { ...set, customized: true };
}

export interface NewItemInput {
  communityId: number;
  name: string;
  direction: 'positive' | 'negative';
  category: string;
  points: number;
  unit: 'times' | 'hours';
  monthlyCap: number | null;
  evidenceRequired: boolean;
  recorderRoles: Role[];
}

export async function createItem(deps: PointsDeps, actor: Actor, scope: Scope, input: NewItemInput): Promise<RuleItem> {
  const c = await communityInScope(deps.db, scope, input.communityId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await ownRules(trx, c, actor, now);
    const same = await currentItemsQuery(trx, c.id, true).select('id').where('name', '=', input.name).executeTakeFirst();
    if (same) throw new AppError('ALREADY_EXISTS', `本社区已有“${input.name}”这一项，请修改原项目`);
    const { n } = await trx.selectFrom('points_rule_item').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('community_id', '=', c.id).where('code', 'like', 'custom_%').where('version', '=', 1).executeTakeFirstOrThrow();
    const { s } = await trx.selectFrom('points_rule_item').select((eb) => eb.fn.max('sort').as('s'))
      .where('community_id', '=', c.id).executeTakeFirstOrThrow();
    const row = await trx.insertInto('points_rule_item').values({
      community_id: c.id, org_path: c.path, county_code: c.county_code, code: `custom_${Number(n) + 1}`, version: 1,
      name: input.name, direction: input.direction, category: input.category, points: input.points, unit: input.unit,
      monthly_cap: input.monthlyCap, evidence_required: input.evidenceRequired, recorder_roles: JSON.stringify(input.recorderRoles),
      sort: Number(s ?? 0) + 10, valid_from: now, created_by: actor.accountId,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'points.rule.create', entity: 'points_rule_item', entityId: row.id, orgPath: c.path, countyCode: c.county_code, after: input });
    return toRuleItem(row);
  });
}

export interface ItemPatch {
  communityId: number;
  name?: string;
  points?: number;
  monthlyCap?: number | null;
  evidenceRequired?: boolean;
  recorderRoles?: Role[];
  active?: boolean;
}

/** A change is a new version; the one it replaces gets its end date and is never edited again. */
export async function updateItem(deps: PointsDeps, actor: Actor, scope: Scope, code: string, patch: ItemPatch): Promise<RuleItem> {
  const c = await communityInScope(deps.db, scope, patch.communityId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await ownRules(trx, c, actor, now);
    const cur = await currentItemsQuery(trx, c.id, true).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!cur) throw notFound('积分项目');
    await trx.updateTable('points_rule_item').set({ valid_to: now }).where('id', '=', cur.id).execute();
    const row = await trx.insertInto('points_rule_item').values({
      community_id: c.id, org_path: c.path, county_code: c.county_code, code, version: cur.version + 1,
      name: patch.name ?? cur.name, direction: cur.direction, category: cur.category, points: patch.points ?? cur.points, unit: cur.unit,
      monthly_cap: patch.monthlyCap !== undefined ? patch.monthlyCap : cur.monthly_cap,
      evidence_required: patch.evidenceRequired ?? cur.evidence_required,
      recorder_roles: JSON.stringify(patch.recorderRoles ?? cur.recorder_roles), active: patch.active ?? cur.active,
      sort: cur.sort, valid_from: now, created_by: actor.accountId,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'points.rule.update', entity: 'points_rule_item', entityId: row.id, orgPath: c.path, countyCode: c.county_code,
      before: toRuleItem(cur), after: patch,
    });
    return toRuleItem(row);
  });
}

export async function setBase(
  deps: PointsDeps, actor: Actor, scope: Scope,
  input: { communityId: number; household: number; merchant: number; objectionDays?: number; baseRedeemable?: boolean },
) {
  const c = await communityInScope(deps.db, scope, input.communityId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await ruleSetOf(trx, c.id);
    await trx.insertInto('points_rule_set').values({
      community_id: c.id, org_path: c.path, county_code: c.county_code, base_household: input.household, base_merchant: input.merchant,
      objection_days: input.objectionDays ?? before.objectionDays, base_redeemable: input.baseRedeemable ?? before.baseRedeemable,
      updated_by: actor.accountId, updated_at: now,
    }).onConflict((oc) => oc.column('community_id').doUpdateSet({
      base_household: input.household, base_merchant: input.merchant, objection_days: input.objectionDays ?? before.objectionDays,
      base_redeemable: input.baseRedeemable ?? before.baseRedeemable, updated_by: actor.accountId, updated_at: now,
    })).execute();
    await writeAudit(trx, actor, { action: 'points.rule.base', entity: 'points_rule_set', entityId: c.id, orgPath: c.path, countyCode: c.county_code, before, after: input });
    return rulesView(trx, c.id);
  });
}

/**
 * Every version of one item, oldest first: the community's own (its version 1 is the copy of the
 * shipped item), or the shipped ones while it has none.
 */
export async function itemVersions(deps: PointsDeps, scope: Scope, communityId: number, code: string) {
  const c = await communityForRead(deps.db, scope, communityId);
  const set = await ruleSetOf(deps.db, c.id);
  const rows = await deps.db.selectFrom('points_rule_item').selectAll().where('code', '=', code)
    .$if(set.customized, (q) => q.where('community_id', '=', c.id))
    .$if(!set.customized, (q) => q.where('community_id', 'is', null))
    .orderBy('version').orderBy('id').execute();
  if (!rows.length) throw notFound('积分项目');
  return { items: rows.map(toRuleItem) };
}

/** Adopts the shipped rules as the community's own copy (the demo seed and new pilots). */
export async function adoptDefaults(trx: Trx, c: CommunityRow, actor: Actor, now: Date) {
  await ownRules(trx, c, actor, now);
}
