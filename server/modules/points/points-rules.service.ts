import type { z } from 'zod';
import type { RuleItem as RuleItemSchema } from './points.schemas.js';
import type { Role } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { requireHolder } from './points-holder.repository.js';
import { communityInScope, type CommunityRow, type PointsDeps, type Q, type Trx } from './points-common.js';
import { communityForRead } from './points.repository.js';
import * as repo from './points-rules.repository.js';
import { currentItemsQuery, ruleSetOf, type RuleItemRow, type RuleSet } from './points-rules.repository.js';

/**
 * Rules (积分规则) per community. Every community starts on the shipped items (rows with
 * community_id NULL, migration 0032) and the default base points below; its first change copies
 * the items into its own rows, and every later change adds a version instead of editing one, so
 * each record keeps pointing at the exact rule it was scored under.
 */

export type RuleItem = z.infer<typeof RuleItemSchema>;

export const toRuleItem = (r: RuleItemRow): RuleItem => ({
  id: r.id, code: r.code, name: r.name, direction: r.direction, category: r.category, points: r.points, unit: r.unit,
  monthlyCap: r.monthly_cap, evidenceRequired: r.evidence_required, recorderRoles: r.recorder_roles, active: r.active,
  version: r.version, validFrom: new Date(r.valid_from).toISOString(), validTo: r.valid_to ? new Date(r.valid_to).toISOString() : null,
});

export async function getRules(deps: PointsDeps, scope: Scope, communityId: number) {
  const c = await communityForRead(deps.db, scope, communityId);
  return rulesView(deps.db, c.id);
}

/** A holder reads the rules of the community their household or shop belongs to (积分规则公开). */
export async function myRules(deps: PointsDeps, actor: Actor) {
  const home = await requireHolder(deps.db, actor, '查看积分规则');
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
  await repo.ensureRuleSet(trx, c, actor.accountId, now);
  const set = await ruleSetOf(trx, c.id, true);
  if (set.customized) return set;
  await repo.copyShippedItems(trx, c, actor.accountId, now);
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
    const { customItems, lastSort } = await repo.ownItemCounts(trx, c.id);
    const row = await repo.insertItem(trx, {
      community_id: c.id, org_path: c.path, county_code: c.county_code, code: `custom_${customItems + 1}`, version: 1,
      name: input.name, direction: input.direction, category: input.category, points: input.points, unit: input.unit,
      monthly_cap: input.monthlyCap, evidence_required: input.evidenceRequired, recorder_roles: JSON.stringify(input.recorderRoles),
      sort: lastSort + 10, valid_from: now, created_by: actor.accountId,
    });
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
    await repo.endItemVersion(trx, cur.id, now);
    const row = await repo.insertItem(trx, {
      community_id: c.id, org_path: c.path, county_code: c.county_code, code, version: cur.version + 1,
      name: patch.name ?? cur.name, direction: cur.direction, category: cur.category, points: patch.points ?? cur.points, unit: cur.unit,
      monthly_cap: patch.monthlyCap !== undefined ? patch.monthlyCap : cur.monthly_cap,
      evidence_required: patch.evidenceRequired ?? cur.evidence_required,
      recorder_roles: JSON.stringify(patch.recorderRoles ?? cur.recorder_roles), active: patch.active ?? cur.active,
      sort: cur.sort, valid_from: now, created_by: actor.accountId,
    });
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
    await repo.saveBase(trx, c, {
      base_household: input.household, base_merchant: input.merchant, objection_days: input.objectionDays ?? before.objectionDays,
      base_redeemable: input.baseRedeemable ?? before.baseRedeemable, updated_by: actor.accountId, updated_at: now,
    });
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
  const rows = await repo.itemVersions(deps.db, c.id, set.customized, code);
  if (!rows.length) throw notFound('积分项目');
  return { items: rows.map(toRuleItem) };
}

/** Adopts the shipped rules as the community's own copy (the demo seed and new pilots). */
export async function adoptDefaults(trx: Trx, c: CommunityRow, actor: Actor, now: Date) {
  await ownRules(trx, c, actor, now);
}
