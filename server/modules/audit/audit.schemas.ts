import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

export const AuditQuery = PageQuery.extend({
  action: z.string().trim().max(60).optional(),
  entity: z.string().trim().max(60).optional(),
  from: z.iso.datetime({ offset: true }).or(Day).optional(),
  to: z.iso.datetime({ offset: true }).or(Day).optional(),
});

export const AuditView = z.object({
  id: z.number(),
  at: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
