import { sql, type Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

export interface AuditFilter {
  action?: string;
  entity?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  page: number;
  pageSize: number;
}

/** A page of the audit log inside the scope, newest first, and how many rows match. */
export async function auditPage(db: Kysely<DB>, scope: Scope, q: AuditFilter) {
  const base = db
    .selectFrom('audit_log')
    .where(inScope(scope, 'org_path'))
    .$if(!!q.action, (b) => b.where(sql<boolean>`action LIKE ${q.action + '%'}`))
    .$if(!!q.entity, (b) => b.where('entity', '=', q.entity!))
    .$if(!!q.from, (b) => b.where('at', '>=', q.from!))
    .$if(!!q.to, (b) => b.where('at', '<', q.to!));
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
