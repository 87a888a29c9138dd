import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Demands still waiting for someone (not resolved, closed or merged). */
const OPEN_STATES = ['submitted', 'accepted', 'on_agenda', 'escalation_requested', 'escalated'];

export interface DemandsUnderQuery {
  /** Only this category (e.g. 'property' = 物业服务). */
  categoryCode: string;
  /** Only the open ones. */
  open?: boolean;
  page: number;
  pageSize: number;
}

/**
 * A page of demands of one category under any of the given paths (a property company reads its
 * compounds' 物业服务 demands this way), newest first: no reporter, no phone, no photos. The
 * caller decides which paths it may reach; nothing outside them is returned, and no paths
 * means nothing.
 */
export async function demandsUnder(db: Q, paths: readonly string[], q: DemandsUnderQuery) {
  if (!paths.length) return { rows: [], total: 0 };
  const base = db.selectFrom('demand as d')
    .where('d.category_code', '=', q.categoryCode).where('d.state', '<>', 'merged')
    .where((eb) => eb.or(paths.map((p) => eb('d.org_path', 'like', `${p}%`))))
    .$if(!!q.open, (b) => b.where('d.state', 'in', OPEN_STATES));
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as o', 'o.id', 'd.org_id')
      .select(['d.id', 'd.description', 'd.state', 'd.org_path', 'd.rating', 'd.created_at', 'd.due_at', 'o.name as place_name'])
      .orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Open demands of one category per path, for counts beside each compound. */
export async function openDemandsPerPath(db: Q, paths: readonly string[], categoryCode: string) {
  if (!paths.length) return new Map<string, number>();
  const { rows } = await sql<{ p: string; n: string | number }>`
    SELECT x.p, (SELECT count(*) FROM demand d
                 WHERE d.category_code = ${categoryCode} AND d.state IN (${sql.join(OPEN_STATES)}) AND d.org_path LIKE x.p || '%') AS n
    FROM unnest(${sql.val([...paths])}::text[]) AS x(p)`.execute(db);
  return new Map(rows.map((r) => [r.p, Number(r.n)]));
}
