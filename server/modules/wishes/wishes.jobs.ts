import type { AppContext } from '../../app-context.js';
import { writeAudit } from '../../platform/audit.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { notify } from '../../platform/notifications.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { checkWishTransition } from './wish-lifecycle.js';
import * as repo from './wishes.repository.js';

const CLAIM_DUE = 'wish.claim_due';
const dueKey = (claimId: number) => `wish-claim:${claimId}:due`;

/** The claim's due-date timer, a database job (restart-safe): one per claim. */
export async function scheduleClaimDue(trx: Transaction<DB>, claimId: number, countyCode: string, dueAt: Date) {
  await scheduleJob(trx, { kind: CLAIM_DUE, runAt: dueAt, payload: { claimId }, countyCode, dedupeKey: dueKey(claimId) });
}

/** A claim fulfilled, released or withdrawn runs out of time no more. */
export async function cancelClaimDue(trx: Transaction<DB>, claimId: number) {
  await cancelJobs(trx, dueKey(claimId));
}

/**
 * A claim not fulfilled by its due date: the wish returns to the wall and the community's staff
 * (and the claimer) are told. It fires once, and only if the claim is still the wish's live one.
 */
export function wishJobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    [CLAIM_DUE]: async (trx, job, now) => {
      const { claimId } = job.payload as { claimId: number };
      const c = await repo.claimById(trx, claimId);
      if (!c || c.state !== 'active') return;
      const w = await repo.wishForUpdate(trx, c.wish_id);
      if (!w || w.claim_id !== c.id || !checkWishTransition(w.state, 'lapse', 'system').ok) return;
      await repo.setClaim(trx, c.id, { state: 'lapsed', ended_at: now, end_note: '到期未完成' });
      await repo.setWish(trx, w.id, 'claimed', { state: 'open', claim_id: null });
      const staff = [...await repo.communityStaff(trx, w.community_id), w.posted_by];
      await notify(trx, ctx, staff, {
        title: '心愿认领已到期', body: `“${w.title}”由${c.claimer_name}认领后未按期完成，已重新回到心愿墙`, link: `/wishes?id=${w.id}`,
        orgPath: w.org_path, countyCode: w.county_code,
      });
      await notify(trx, ctx, [c.account_id], {
        title: '您认领的心愿已到期', body: `“${w.title}”未在期限内完成，已回到心愿墙`, link: '/m/wishes', orgPath: w.org_path, countyCode: w.county_code,
      });
      await writeAudit(trx, null, {
        action: 'wish.lapse', entity: 'wish', entityId: w.id, orgPath: w.org_path, countyCode: w.county_code, after: { claimId: c.id },
      });
    },
  };
}
