import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, GridTaskRefusalTable, GridTaskTable, GridTaskTypeTable } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Where a query may look: a subtree (`path`), or for a department a whole county and only what
 * it sent itself (`countyCode` + `accountId`). The service builds it from the caller.
 */
export type Reach = { path: string } | { countyCode: string; accountId: number };

const typeColumns = [
  't.id', 't.county_code', 't.org_path', 't.code', 't.name', 't.description', 't.source_department', 't.active',
] as const;

export type TaskTypeRow = NonNullable<Awaited<ReturnType<typeof findType>>>;

export function listTypes(db: Q, countyCode: string) {
  return db.selectFrom('grid_task_type as t').select(typeColumns)
    .where('t.county_code', '=', countyCode).orderBy('t.active', 'desc').orderBy('t.id').execute();
}

export function findType(db: Q, id: number) {
  return db.selectFrom('grid_task_type as t').select(typeColumns).where('t.id', '=', id).executeTakeFirst();
}

/** The list entry a request names: by code, or else by its exact name. */
export function findTypeFor(db: Q, countyCode: string, by: { code: string } | { name: string }) {
  return db.selectFrom('grid_task_type as t').select(typeColumns)
    .where('t.county_code', '=', countyCode)
    .$if('code' in by, (qb) => qb.where('t.code', '=', (by as { code: string }).code))
    .$if('name' in by, (qb) => qb.where('t.name', '=', (by as { name: string }).name))
    .executeTakeFirst();
}

export async function insertType(db: Q, row: Insertable<GridTaskTypeTable>) {
  return (await db.insertInto('grid_task_type').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateType(
  db: Q, id: number, set: Partial<Pick<GridTaskTypeTable, 'name' | 'source_department'>> & { description?: string; active?: boolean },
) {
  return db.updateTable('grid_task_type').set(set).where('id', '=', id).execute();
}

/** The department an account acts for, if any: refusals and tasks say who sent them. */
export async function departmentNameOf(db: Q, accountId: number) {
  const r = await db.selectFrom('account as a').innerJoin('department as d', 'd.id', 'a.department_id')
    .select('d.name').where('a.id', '=', accountId).executeTakeFirst();
  return r?.name ?? null;
}

export async function insertTask(db: Q, row: Insertable<GridTaskTable>) {
  return (await db.insertInto('grid_task').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function insertRefusal(db: Q, row: Insertable<GridTaskRefusalTable>) {
  return db.insertInto('grid_task_refusal').values(row).execute();
}

function reachFilter(reach: Reach, pathColumn: string, countyColumn: string, accountColumn: string) {
  return 'path' in reach
    ? sql<boolean>`${sql.ref(pathColumn)} LIKE ${reach.path + '%'}`
    : sql<boolean>`${sql.ref(countyColumn)} = ${reach.countyCode} AND ${sql.ref(accountColumn)} = ${reach.accountId}`;
}

function tasksQuery(db: Q) {
  return db.selectFrom('grid_task as k')
    .innerJoin('grid_task_type as t', 't.id', 'k.type_id')
    .innerJoin('org_unit as g', 'g.id', 'k.org_id')
    .innerJoin('account as a', 'a.id', 'k.assigned_by')
    .select([
      'k.id', 'k.type_code', 't.name as type_name', 'k.title', 'k.detail', 'k.org_id', 'g.name as grid_name',
      'k.org_path', 'k.county_code', 'k.from_department', 'a.display_name as assigned_by_name', 'k.status',
      'k.created_at', 'k.done_at', 'k.done_note',
    ])
    .select(sql<string | null>`k.due_on::text`.as('due_on'));
}

export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

export function findTask(db: Q, id: number) {
  return tasksQuery(db).where('k.id', '=', id).executeTakeFirst();
}

export async function listTasks(
  db: Q, reach: Reach, f: { gridPath?: string; status?: 'open' | 'done'; page: number; pageSize: number },
) {
  const filter = reachFilter(reach, 'k.org_path', 'k.county_code', 'k.assigned_by');
  const base = db.selectFrom('grid_task as k')
    .where(filter)
    .$if(!!f.gridPath, (qb) => qb.where(sql<boolean>`k.org_path LIKE ${f.gridPath + '%'}`))
    .$if(!!f.status, (qb) => qb.where('k.status', '=', f.status!));
  const [items, total] = await Promise.all([
    tasksQuery(db)
      .where('k.id', 'in', base.select('k.id').orderBy('k.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize))
      .orderBy('k.id', 'desc')
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function markDone(db: Q, id: number, accountId: number, note: string, at: Date) {
  const r = await db.updateTable('grid_task')
    .set({ status: 'done', done_at: at, done_by: accountId, done_note: note })
    .where('id', '=', id).where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function refusalStats(db: Q, reach: Reach, f: { from?: Date; to?: Date }) {
  const base = db.selectFrom('grid_task_refusal as r')
    .where(reachFilter(reach, 'r.org_path', 'r.county_code', 'r.account_id'))
    .$if(!!f.from, (qb) => qb.where('r.at', '>=', f.from!))
    .$if(!!f.to, (qb) => qb.where('r.at', '<', f.to!));
  const [total, byCaller, byTitle] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.select(['r.account_id', 'r.username', 'r.display_name', 'r.role', 'r.from_department'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['r.account_id', 'r.username', 'r.display_name', 'r.role', 'r.from_department'])
      .orderBy('n', 'desc').orderBy('r.account_id').limit(200).execute(),
    base.select('r.requested_title').select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('r.requested_title').orderBy('n', 'desc').orderBy('r.requested_title').limit(200).execute(),
  ]);
  return { total: Number(total.n), byCaller, byTitle };
}
