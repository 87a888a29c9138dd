import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { CampaignItemTable, CampaignKind, CampaignSubjectKind, CampaignTable, CampaignTargetTable } from './campaigns.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function insertCampaign(db: Q, row: Insertable<CampaignTable>) {
  return db.insertInto('campaign').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertTargets(db: Q, rows: Insertable<CampaignTargetTable>[]) {
  if (rows.length) await db.insertInto('campaign_target').values(rows).execute();
}

function selectCampaigns(db: Q) {
  return db.selectFrom('campaign as c').innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.org_id', 'o.name as org_name', 'c.org_path', 'c.county_code', 'c.kind', 'c.title', 'c.description',
      sql<string>`c.starts_on::text`.as('starts_on'), sql<string>`c.ends_on::text`.as('ends_on'), 'c.created_at']);
}
export type CampaignRow = Awaited<ReturnType<ReturnType<typeof selectCampaigns>['executeTakeFirstOrThrow']>>;

/**
 * A campaign the caller may see: launched inside their scope, or launched above them with a
 * target that overlaps it (a community, or a grid of it, sees its street's campaign aimed at it).
 */
function visible(scope: Scope) {
  return (eb: ExpressionBuilder<DB & { c: DB['campaign'] }, 'c'>) => eb.or([
    inScope(scope, 'c.org_path'),
    // A target inside the scope (a street sees its compounds), or the scope inside a target (a grid worker sees its community's).
    eb.exists(eb.selectFrom('campaign_target as t').select('t.org_id').whereRef('t.campaign_id', '=', 'c.id')
      .where((e) => e.or([inScope(scope, 't.org_path'), sql<boolean>`${scope.path} LIKE t.org_path || '%'`]))),
  ]);
}

export function campaignVisible(db: Q, scope: Scope, id: number) {
  return selectCampaigns(db).where('c.id', '=', id).where(visible(scope)).executeTakeFirst();
}

export async function campaignsPage(db: Q, scope: Scope, q: { kind?: CampaignKind; page: number; pageSize: number }) {
  const base = selectCampaigns(db).where(visible(scope)).$if(!!q.kind, (qb) => qb.where('c.kind', '=', q.kind!));
  const [rows, total] = await Promise.all([
    base.orderBy('c.starts_on', 'desc').orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function targetsOf(db: Q, campaignIds: readonly number[]) {
  if (!campaignIds.length) return Promise.resolve([]);
  return db.selectFrom('campaign_target as t').innerJoin('org_unit as o', 'o.id', 't.org_id')
    .select(['t.campaign_id', 't.org_id', 't.org_path', 'o.name', 'o.kind']).where('t.campaign_id', 'in', [...campaignIds])
    .orderBy('o.code').execute();
}

export function itemsOf(db: Q, campaignIds: readonly number[]) {
  if (!campaignIds.length) return Promise.resolve([]);
  return db.selectFrom('campaign_item').selectAll().where('campaign_id', 'in', [...campaignIds]).orderBy('id').execute();
}

export function itemById(db: Q, campaignId: number, itemId: number) {
  return db.selectFrom('campaign_item').selectAll().where('campaign_id', '=', campaignId).where('id', '=', itemId).executeTakeFirst();
}

export function campaignForUpdate(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('campaign').select(['id', 'org_path', 'county_code', sql<string>`ends_on::text`.as('ends_on')])
    .where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertItem(db: Q, row: Insertable<CampaignItemTable>) {
  return db.insertInto('campaign_item').values(row).onConflict((oc) => oc.columns(['campaign_id', 'subject_kind', 'subject_id']).doNothing())
    .returning('id').executeTakeFirst();
}

export async function deleteItem(db: Q, id: number) {
  await db.deleteFrom('campaign_item').where('id', '=', id).execute();
}

export async function taggedIds(db: Q, campaignId: number, kind: CampaignSubjectKind) {
  return new Set((await db.selectFrom('campaign_item').select('subject_id').where('campaign_id', '=', campaignId)
    .where('subject_kind', '=', kind).execute()).map((r) => r.subject_id));
}
