import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Clock } from '../../platform/clock.js';
import { type Scope, unitInScope } from '../../platform/scope.js';
import * as repo from './api-keys.repository.js';

/**
 * Open311 api_keys: issued in the console for a place, shown once, stored only as a hash, scoped
 * like an account of that place, revocable. The GeoReport routes find a key by its hash.
 */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export interface ApiKeyView {
  id: number; name: string; prefix: string; orgId: number; orgName: string; createdAt: string; revoked: boolean;
}

export async function listApiKeys(db: Kysely<DB>, scope: Scope): Promise<ApiKeyView[]> {
  const rows = await repo.keysInScope(db, scope);
  return rows.map((k) => ({
    id: k.id, name: k.name, prefix: k.key_prefix, orgId: k.org_id, orgName: k.org_name,
    createdAt: k.created_at.toISOString(), revoked: !!k.revoked_at,
  }));
}

/** Issues a key for a place in scope; the clear key is in this answer only. */
export async function issueApiKey(db: Kysely<DB>, actor: Actor, scope: Scope, input: { name: string; orgId: number }): Promise<ApiKeyView & { key: string }> {
  const unit = await unitInScope(db, scope, input.orgId);
  const key = `ll311_${randomBytes(24).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    const k = await repo.insertKey(trx, {
      name: input.name, key_hash: hashApiKey(key), key_prefix: key.slice(0, 10), account_id: actor.accountId,
      org_id: unit.id, org_path: unit.path, county_code: unit.county_code,
    });
    await writeAudit(trx, actor, { action: 'open311.key_issue', entity: 'api_key', entityId: k.id, orgPath: unit.path, countyCode: unit.county_code, after: { name: k.name, prefix: k.key_prefix } });
    return { id: k.id, name: k.name, prefix: k.key_prefix, orgId: k.org_id, orgName: unit.name, createdAt: k.created_at.toISOString(), revoked: false, key };
  });
}

export async function revokeApiKey(db: Kysely<DB>, clock: Clock, actor: Actor, scope: Scope, id: number): Promise<void> {
  const k = await repo.keyInScope(db, scope, id);
  if (!k) throw notFound('密钥');
  await db.transaction().execute(async (trx) => {
    await repo.markRevoked(trx, k.id, clock.now());
    await writeAudit(trx, actor, { action: 'open311.key_revoke', entity: 'api_key', entityId: k.id, orgPath: k.org_path, countyCode: k.county_code });
  });
}
