import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import { dayText } from './cobuild-lists.repository.js';
import type {
  CobuildMilestoneTable, CobuildProjectOrigin, CobuildProjectStatus, CobuildProjectStepTable, CobuildProjectTable,
} from './cobuild-lists.tables.js';
import type { CobuildCategoryCode } from './cobuild-lists.schemas.js';

type Q = Kysely<DB> | Transaction<DB>;

function selectProjects(db: Q) {
  return db.selectFrom('cobuild_project as p')
    .innerJoin('org_unit as c', 'c.id', 'p.community_id')
    .leftJoin('work_unit as u', 'u.id', 'p.work_unit_id')
    .select(['p.id', 'p.community_id', 'p.org_path', 'p.county_code', 'p.category', 'p.title', 'p.detail', 'p.size', 'p.origin', 'p.status',
      'p.work_unit_id', 'p.need_id', 'p.resource_id', 'p.plan', 'p.return_reason', 'p.taken_at', 'p.submitted_at', 'p.accepted_at',
      'p.created_at', 'c.name as community_name', 'u.name as work_unit_name'])
    .select([dayText('p.starts_on').as('starts_on'), dayText('p.ends_on').as('ends_on')])
    .select([
      sql<number>`(SELECT count(*) FROM cobuild_milestone m WHERE m.project_id = p.id)`.as('milestones'),
      sql<number>`(SELECT count(*) FROM cobuild_milestone m WHERE m.project_id = p.id AND m.done_on IS NOT NULL)`.as('milestones_done'),
    ]);
}
export type ProjectRow = Awaited<ReturnType<ReturnType<typeof selectProjects>['executeTakeFirstOrThrow']>>;

export interface ProjectFilter {
  /** Staff: the caller's scope. */
  scope?: Scope;
  /** A subtree inside it (a street, a community). */
  path?: string;
  /** A unit's admin: its own projects. */
  unitId?: number;
  status?: CobuildProjectStatus;
  category?: CobuildCategoryCode;
  origin?: CobuildProjectOrigin;
  page: number;
  pageSize: number;
}

export async function listProjects(db: Q, f: ProjectFilter) {
  const base = db.selectFrom('cobuild_project as p')
    .$if(!!f.scope, (q) => q.where(inScope(f.scope!, 'p.org_path')))
    .$if(!!f.path, (q) => q.where('p.org_path', 'like', `${f.path}%`))
    .$if(f.unitId != null, (q) => q.where('p.work_unit_id', '=', f.unitId!))
    .$if(!!f.status, (q) => q.where('p.status', '=', f.status!))
    .$if(!!f.category, (q) => q.where('p.category', '=', f.category!))
    .$if(!!f.origin, (q) => q.where('p.origin', '=', f.origin!));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await base.select('p.id').orderBy('p.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const rows = ids.length ? await selectProjects(db).where('p.id', 'in', ids.map((r) => r.id)).orderBy('p.id', 'desc').execute() : [];
  return { rows, total: Number(total) };
}

export function projectById(db: Q, id: number) {
  return selectProjects(db).where('p.id', '=', id).executeTakeFirst();
}

export function lockProject(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('cobuild_project').select(['id', 'status', 'work_unit_id', 'community_id', 'org_path', 'county_code', 'need_id', 'plan'])
    .where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertProject(trx: Transaction<DB>, v: Insertable<CobuildProjectTable>) {
  return trx.insertInto('cobuild_project').values(v).returning('id').executeTakeFirstOrThrow();
}

/**
 * 揭榜领办 and 指派 in one statement: the project gets its unit only while it is still on the
 * board, so of two units taking it up at once exactly one wins.
 */
export async function takeProject(trx: Transaction<DB>, id: number, unitId: number, at: Date) {
  const r = await trx.updateTable('cobuild_project')
    .set({ status: 'in_progress', work_unit_id: unitId, taken_at: at, updated_at: at })
    .where('id', '=', id).where('status', '=', 'published').where('work_unit_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a project on from the state the caller saw; false when another step came first. */
export async function updateProject(trx: Transaction<DB>, id: number, from: CobuildProjectStatus, v: Updateable<CobuildProjectTable>) {
  const r = await trx.updateTable('cobuild_project').set(v).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertStep(trx: Transaction<DB>, v: Insertable<CobuildProjectStepTable>) {
  await trx.insertInto('cobuild_project_step').values(v).execute();
}

export function stepsOf(db: Q, projectId: number) {
  return db.selectFrom('cobuild_project_step as s').leftJoin('account as a', 'a.id', 's.account_id').leftJoin('work_unit as u', 'u.id', 's.work_unit_id')
    .select(['s.action', 's.from_status', 's.to_status', 's.reason', 's.at', 'a.display_name', 'u.name as unit_name'])
    .where('s.project_id', '=', projectId).orderBy('s.id').execute();
}

function selectMilestones(db: Q) {
  return db.selectFrom('cobuild_milestone as m')
    .select(['m.id', 'm.project_id', 'm.org_path', 'm.title', 'm.note', 'm.photo_ids'])
    .select([dayText('m.due_on').as('due_on'), sql<string | null>`to_char(m.done_on, 'YYYY-MM-DD')`.as('done_on')]);
}

export function milestonesOf(db: Q, projectId: number) {
  return selectMilestones(db).where('m.project_id', '=', projectId).orderBy('m.due_on').orderBy('m.id').execute();
}

export function milestoneById(db: Q, id: number) {
  return selectMilestones(db).where('m.id', '=', id).executeTakeFirst();
}

export function insertMilestone(trx: Transaction<DB>, v: Insertable<CobuildMilestoneTable>) {
  return trx.insertInto('cobuild_milestone').values(v).returning('id').executeTakeFirstOrThrow();
}

/** Marks a milestone done once; false when it already was. */
export async function completeMilestone(trx: Transaction<DB>, id: number, v: { done_on: string; note: string; photo_ids: number[] }) {
  const r = await trx.updateTable('cobuild_milestone').set(v).where('id', '=', id).where('done_on', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countDoneMilestones(db: Q, projectId: number) {
  const r = await db.selectFrom('cobuild_milestone').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId).where('done_on', 'is not', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Milestones whose photos a caller may read: in the staff scope, or of the caller's unit's projects. */
export function milestonesReadable(db: Q, ids: readonly number[], by: { scope?: Scope; unitId?: number }) {
  return db.selectFrom('cobuild_milestone as m').innerJoin('cobuild_project as p', 'p.id', 'm.project_id').select('m.id')
    .where('m.id', 'in', [...ids])
    .where((eb) => eb.or([
      ...(by.scope ? [inScope(by.scope, 'm.org_path')] : []),
      ...(by.unitId != null ? [eb('p.work_unit_id', '=', by.unitId)] : []),
      sql<boolean>`false`,
    ]))
    .limit(1).execute();
}

/** Who hears of a project's steps: the community's staff (secretary, workers) … */
export async function communityStaffAccounts(db: Q, communityId: number) {
  const rows = await db.selectFrom('account').select('id').where('scope_org_id', '=', communityId)
    .where('role', 'in', ['community_secretary', 'community_worker']).where('disabled', '=', false).execute();
  return rows.map((r) => r.id);
}

/** … and the admins of the unit that runs it. */
export async function unitAdminAccounts(db: Q, unitId: number) {
  const rows = await db.selectFrom('account').select('id').where('work_unit_id', '=', unitId).where('disabled', '=', false).execute();
  return rows.map((r) => r.id);
}
