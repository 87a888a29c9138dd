import type { Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import type { HandoverCause, HandoverDecision } from './handover.tables.js';

/**
 * 重新选聘 / 清退 hand a compound to the community (brief §6). When a sanction of the property
 * module ends a compound's contract, the compound has no company: it is recorded here as 'none'
 * (无人管理), waits on the ten-steps board as awaiting a decision, and its community's staff are
 * told. It leaves the list when the community starts 动议 (the ten steps) or when a new contract is
 * signed.
 *
 * Direction: property calls these through selfrun's index.ts, inside its own transaction (the
 * sanction, the new contract), so a contract never ends without its compound being handed over.
 * Selfrun never imports property: its board already reads whether a compound has a live contract
 * from the contract table in SQL, and the art. 278 rule lives with the votes here. One way only,
 * property → selfrun, so there is no import cycle between the two.
 */

export interface HandoverInput {
  compound: { id: number; path: string; countyCode: string };
  cause: HandoverCause;
  companyName: string;
  reselectTo?: 'new_company' | 'self_run' | null;
  reason: string;
}

const CAUSE: Record<HandoverCause, string> = { reselect: '重新选聘', exit: '清退' };

/** Records the compound as without a company and waiting for the community; in the caller's transaction. */
export async function handCompoundToCommunity(trx: Transaction<DB>, ctx: AppContext, actor: Actor, input: HandoverInput, now: Date) {
  const { compound: g } = input;
  const day = chinaDay(now);
  const grid = await trx.selectFrom('org_unit').select(['name', 'parent_id']).where('id', '=', g.id).executeTakeFirstOrThrow();
  await trx.insertInto('compound_profile').values({
    compound_id: g.id, org_path: g.path, county_code: g.countyCode, mode: 'none', mode_since: day, updated_by: actor.accountId, updated_at: now,
  }).onConflict((oc) => oc.column('compound_id').doUpdateSet({ mode: 'none', mode_since: day, updated_by: actor.accountId, updated_at: now })).execute();
  // A ten-steps process already under way is the community's decision taken: recorded as decided.
  const process = await trx.selectFrom('selfrun_process').select('step').where('compound_id', '=', g.id).executeTakeFirst();
  const underway = !!process && process.step !== 'done';
  const open = await trx.selectFrom('compound_handover').select('id').where('compound_id', '=', g.id).where('decided', 'is', null).executeTakeFirst();
  if (open) return; // already waiting (one open handover per compound)
  const { id } = await trx.insertInto('compound_handover').values({
    compound_id: g.id, org_path: g.path, county_code: g.countyCode, cause: input.cause, company_name: input.companyName,
    reselect_to: input.reselectTo ?? null, reason: input.reason, ended_on: day, created_by: actor.accountId, created_at: now,
    decided: underway ? 'motion' : null, decided_at: underway ? now : null,
  }).returning('id').executeTakeFirstOrThrow();
  await writeAudit(trx, actor, {
    action: 'selfrun.handover', entity: 'compound_handover', entityId: id, orgPath: g.path, countyCode: g.countyCode,
    after: { cause: input.cause, company: input.companyName, reselectTo: input.reselectTo ?? null, mode: 'none' }, reason: input.reason,
  });
  if (underway || grid.parent_id == null) return;
  const staff = await trx.selectFrom('account').select('id').where('scope_org_id', '=', grid.parent_id)
    .where('role', 'in', ['community_secretary', 'community_worker']).where('disabled', '=', false).execute();
  const next = input.reselectTo === 'self_run' ? '重新选聘决定转为居民自办，请启动动议' : '请决定启动居民自办十步或选聘新的物业企业';
  await notify(trx, ctx, staff.map((s) => s.id), {
    title: `${grid.name}物业服务合同已因${CAUSE[input.cause]}终止`,
    body: `原物业企业：${input.companyName}。该小区现无物业管理，${next}。`,
    link: `/selfrun/steps?awaiting=1`, orgPath: g.path, countyCode: g.countyCode,
  });
}

/** The compound's open handover is decided (动议 started, or a new contract signed); in the caller's transaction. */
export async function decideHandover(trx: Transaction<DB>, compoundId: number, decided: HandoverDecision, now: Date) {
  await trx.updateTable('compound_handover').set({ decided, decided_at: now }).where('compound_id', '=', compoundId).where('decided', 'is', null).execute();
}

/** A new contract was signed for the compound: it leaves the list of compounds awaiting a decision. */
export const compoundContracted = (trx: Transaction<DB>, compoundId: number, now: Date) => decideHandover(trx, compoundId, 'contracted', now);
