import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../database.js';
import { remaskIdNumbers } from '../../platform/pii/id-number.js';
import type { Scope } from '../../platform/scope.js';
import { auditPage } from './audit.repository.js';
import type { AuditQuery } from './audit.schemas.js';

/**
 * The audit log as the console reads it: a day given as `to` counts whole (up to its end), and
 * ID numbers written into before/after are masked again before they leave the server.
 */
export async function listAudit(db: Kysely<DB>, scope: Scope, q: z.infer<typeof AuditQuery>) {
  const to = q.to ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(q.to) ? Date.parse(q.to) + 86400_000 : q.to) : undefined;
  const { rows, total } = await auditPage(db, scope, {
    action: q.action, entity: q.entity, from: q.from ? new Date(q.from) : undefined, to, page: q.page, pageSize: q.pageSize,
  });
  return {
    items: rows.map((a) => ({
      id: a.id, at: a.at.toISOString(), username: a.username, role: a.role, action: a.action, entity: a.entity,
      entityId: a.entity_id, reason: a.reason, before: remaskIdNumbers(a.before), after: remaskIdNumbers(a.after),
    })),
    total,
  };
}
