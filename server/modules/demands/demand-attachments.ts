import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { fileUrl, linkAttachments } from '../../platform/files/attachment.service.js';

export { assertAttachable } from '../../platform/files/attachment.service.js';

/**
 * A demand's photos and its steps' attachments are attachment ids (platform/files). Demands
 * posted through Open311 may carry an outside media URL instead; both are shown as URLs.
 */
export function photoUrls(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((p) => (typeof p === 'number' ? [fileUrl(p)] : typeof p === 'string' && /^https?:\/\//.test(p) ? [p] : []));
}

/** Whoever may read the demand may read the files attached to it and to its timeline. */
export async function attachToDemand(
  db: Kysely<DB> | Transaction<DB>, ids: readonly number[] | undefined, d: { id: number; org_path: string; county_code: string },
) {
  if (ids?.length) await linkAttachments(db, ids, { entity: 'demand', entityId: d.id, orgPath: d.org_path, countyCode: d.county_code });
}
