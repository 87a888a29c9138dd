import type { Kysely } from 'kysely';
import type { DB } from '../database.js';

const DAY = 86_400_000;

/**
 * Demands for 龙凤社区's 民情分析会 in the demo: reported at the community's counter twelve days
 * ago and still not handled, so they are overdue and the next meeting's agenda picks them up.
 */
const OVERDUE = [
  { category: 'safety', description: '小区北门路灯损坏两周未修，夜间出行存在安全隐患' },
  { category: 'environment', description: '3号楼后侧建筑垃圾堆放，长期无人清运' },
];

export async function seedMeetingsDemo(db: Kysely<DB>, now = new Date()) {
  const worker = await db.selectFrom('account').select(['id', 'display_name', 'role', 'scope_path'])
    .where('username', '=', 'worker_binhe1').executeTakeFirst();
  if (!worker) return;
  const grid = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name'])
    .where('kind', '=', 'grid').where('path', 'like', `${worker.scope_path}%`).orderBy('path').executeTakeFirst();
  if (!grid) return;
  const created = new Date(now.getTime() - 12 * DAY);
  const due = new Date(now.getTime() - 4 * DAY);
  for (const d of OVERDUE) {
    const { id } = await db.insertInto('demand').values({
      org_id: grid.id, org_path: grid.path, county_code: grid.county_code, channel: 'walk_in', category_code: d.category,
      description: d.description, address: grid.name, reporter_account_id: worker.id, reporter_name: worker.display_name,
      due_at: due, overdue_at: due, created_at: created,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('demand_event').values({
      demand_id: id, at: created, account_id: worker.id, actor_name: worker.display_name, actor_role: worker.role, action: 'create',
      to_state: 'submitted', note: d.description, detail: JSON.stringify({ channel: 'walk_in', category: d.category, dueAt: due.toISOString() }),
      org_path: grid.path, county_code: grid.county_code,
    }).execute();
  }
}
