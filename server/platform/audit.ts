import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../database.js';
import type { AuditAction, AuditEntity } from './audit-actions.js';
import type { Actor } from './http/request-context.js';

export interface AuditEntry {
  /** Only actions in the catalogue (audit-actions.ts), so the console can name each one. */
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | number | null;
  orgPath: string;
  countyCode: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** The caller's address when there is no signed-in actor (failed sign-ins). */
  ip?: string | null;
}

/**
 * Appends to the audit log. Call it with the same transaction as the change it records, so a
 * change and its record land together or not at all.
 */
export async function writeAudit(db: Kysely<DB> | Transaction<DB>, actor: Actor | null, e: AuditEntry) {
  await db
    .insertInto('audit_log')
    .values({
      account_id: actor?.accountId ?? null,
      username: actor?.username ?? null,
      role: actor?.role ?? null,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId == null ? null : String(e.entityId),
      org_path: e.orgPath,
      county_code: e.countyCode,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
      ip: actor?.ip ?? e.ip ?? null,
    })
    .execute();
}
