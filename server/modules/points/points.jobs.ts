import type { JobHandler } from '../../platform/jobs.js';
import { SETTLE_JOB } from './points-month-lifecycle.js';
import { settleIfDue } from './points-months.service.js';

/** The points module's database timers: a closed month settles when its objection window ends. */
export function pointsJobHandlers(): Record<string, JobHandler> {
  return {
    [SETTLE_JOB]: async (trx, job, now) => {
      const { communityId, month } = job.payload as { communityId: number; month: string };
      await settleIfDue(trx, communityId, month, now);
    },
  };
}
