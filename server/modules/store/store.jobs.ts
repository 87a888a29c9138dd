import type { JobHandler } from '../../platform/jobs.js';
import { closeOrder } from './store-orders.service.js';
import { EXPIRE_JOB } from './store-order-lifecycle.js';

/** The supermarket's database timers: an order nobody picked up expires, its points and stock go back, once. */
export function storeJobHandlers(): Record<string, JobHandler> {
  return {
    [EXPIRE_JOB]: async (trx, job, now) => {
      const { orderId } = job.payload as { orderId: number };
      await closeOrder(trx, orderId, 'expired', null, '过期未领', now);
    },
  };
}
