import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';
import type { DispatchState } from './dispatch-lifecycle.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Departments by id, for a whistle (each must cover the demand's place). */
export function departmentsByIds(db: Q, ids: number[]) {
  return db.selectFrom('department').select(['id', 'name', 'org_path']).where('id', 'in', ids).execute();
}

export function insertDispatch(db: Q, v: { demand_id: number; department_id: number; org_path: string; county_code: string; created_at: Date; report_due_at: Date }) {
  return db.insertInto('demand_dispatch').values(v).returning('id').executeTakeFirstOrThrow();
}

export function departmentAccounts(db: Q, departmentId: number) {
  return db.selectFrom('account').select('id').where('department_id', '=', departmentId).execute();
}

export function dispatchForUpdate(db: Transaction<DB>, id: number) {
  return db.selectFrom('demand_dispatch').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function dispatchById(db: Q, id: number) {
  return db.selectFrom('demand_dispatch').selectAll().where('id', '=', id).executeTakeFirst();
}

export function setDispatch(db: Q, id: number, set: { state: DispatchState; accepted_at?: Date; resolved_at?: Date; returned_at?: Date; return_reason?: string }) {
  return db.updateTable('demand_dispatch').set(set).where('id', '=', id).execute();
}

/** Sends back the street's chosen open dispatches of a demand; the ids actually released. */
export function releaseDispatches(db: Q, demandId: number, ids: number[], at: Date, reason: string) {
  return db.updateTable('demand_dispatch')
    .set({ state: 'returned', returned_at: at, return_reason: reason })
    .where('demand_id', '=', demandId).where('id', 'in', ids).where('state', 'in', ['dispatched', 'accepted'])
    .returning('id').execute();
}

export function openDispatchesOf(db: Q, demandId: number) {
  return db.selectFrom('demand_dispatch').select('id').where('demand_id', '=', demandId).where('state', 'in', ['dispatched', 'accepted']).execute();
}
