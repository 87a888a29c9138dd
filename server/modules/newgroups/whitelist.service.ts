import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import type { Scope } from '../../platform/scope.js';
import { mayKeepWhitelist, WHITELIST_KEEPER } from './whitelist.policy.js';
import * as repo from './whitelist.repository.js';
import type * as s from './whitelist.schemas.js';

/**
 * 白名单: the county or street vouches for registered workers (they may pass compound gates with
 * their phone pass and be enrolled as part-time grid workers). Each entry says who put the worker
 * on, when and why; removal keeps the entry with who/when/why.
 */
export interface RoadDeps {
  db: Kysely<DB>;
  clock: Clock;
  cipher: PiiCipher;
  ctx: AppContext;
}
export const roadDeps = (ctx: AppContext): RoadDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, cipher: ctx.cipher, ctx });

export async function list(deps: RoadDeps, scope: Scope, q: z.infer<typeof s.WhitelistQuery>): Promise<z.infer<typeof s.WhitelistPage>> {
  const [{ rows, total }, listedTotal] = await Promise.all([repo.listWorkers(deps.db, scope, q), repo.listedCount(deps.db, scope)]);
  return {
    total, listedTotal,
    items: rows.map((r) => ({
      workerId: r.id, name: r.name, kind: r.kind, phoneMask: r.phone_mask, platformName: r.platform_name, stationName: r.station_name,
      left: r.left_at !== null,
      entry: r.entry_id ? { id: r.entry_id, reason: r.reason!, addedAt: new Date(r.added_at!).toISOString(), addedBy: r.added_by_name ?? null } : null,
    })),
  };
}

export async function add(deps: RoadDeps, actor: Actor, scope: Scope, body: z.infer<typeof s.AddBody>) {
  if (!mayKeepWhitelist(actor.role)) throw new AppError('FORBIDDEN', WHITELIST_KEEPER);
  return deps.db.transaction().execute(async (trx) => {
    const w = await repo.workerInScope(trx, scope, body.workerId);
    if (!w) throw notFound('从业人员');
    if (w.left_at) throw new AppError('CONFLICT', '该从业人员已离职，不能列入白名单');
    if (await repo.liveEntry(trx, w.id)) throw new AppError('ALREADY_EXISTS', '该从业人员已在白名单中');
    // The live-entry unique index answers a race between two keepers (ALREADY_EXISTS from the database).
    const row = await trx.insertInto('gig_whitelist').values({
      worker_id: w.id, org_path: w.org_path, county_code: w.county_code, reason: body.reason, added_by: actor.accountId, added_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'newgroups.whitelist_add', entity: 'gig_whitelist', entityId: row.id, orgPath: w.org_path, countyCode: w.county_code, after: { workerId: w.id }, reason: body.reason });
    return { id: row.id };
  });
}

export async function remove(deps: RoadDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.RemoveBody>) {
  if (!mayKeepWhitelist(actor.role)) throw new AppError('FORBIDDEN', WHITELIST_KEEPER);
  return deps.db.transaction().execute(async (trx) => {
    const e = await repo.entryInScope(trx, scope, id);
    if (!e) throw notFound('白名单记录');
    const done = await trx.updateTable('gig_whitelist')
      .set({ removed_at: deps.clock.now(), removed_by: actor.accountId, removed_reason: body.reason })
      .where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new AppError('INVALID_TRANSITION', '该记录已移出白名单');
    await writeAudit(trx, actor, { action: 'newgroups.whitelist_remove', entity: 'gig_whitelist', entityId: id, orgPath: e.org_path, countyCode: e.county_code, before: { workerId: e.worker_id }, reason: body.reason });
    return { ok: true };
  });
}

export async function gateSummary(deps: RoadDeps, scope: Scope, q: z.infer<typeof s.GateSummaryQuery>): Promise<z.infer<typeof s.GateSummary>> {
  const since = new Date(deps.clock.now().getTime() - q.days * 86_400_000);
  const { rows, total } = await repo.gateSummary(deps.db, scope, since, q.page, q.pageSize);
  return { total, items: rows.map((r) => ({ unitId: r.id, unitName: r.name, valid: r.valid, refused: r.refused, total: r.total })) };
}
