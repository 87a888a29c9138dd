import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Role } from '../../database.js';
import { AppError, notFound } from '../errors.js';
import type { Actor } from '../http/request-context.js';
import type { Scope } from '../scope.js';
import * as repo from './attachment.repository.js';
import { sniffImageType } from './image-type.js';
import { scheduleJob, type JobHandler } from '../jobs.js';

type Q = Kysely<DB> | Transaction<DB>;

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** Roles that see every record of their subtree (as the demands module's staff do). */
const SUBTREE_ROLES: readonly Role[] = [
  'city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker', 'property_company',
];

/**
 * Answers "may this caller read the record `entityId` of this kind?" — the owning module's own
 * read rule, so a file is never more visible than the record it hangs on.
 */
export type AttachmentReader = (actor: Actor, scope: Scope, entityIds: number[]) => Promise<boolean>;
export type AttachmentReaders = Readonly<Record<string, AttachmentReader>>;

/**
 * Who may read a file, and who may attach it to a record:
 * - the account that uploaded it;
 * - staff roles (city … grid worker, property company) whose scope contains the file's org path
 *   (the uploader's scope when it was uploaded). Departments, residents and party members do not
 *   get files by scope: a department's county-wide scope or a neighbour's shared unit would
 *   otherwise reach other people's photos;
 * - for reading only: whoever may read a record the file is attached to (a demand's reporter,
 *   its handlers, the departments it was whistled to), as that record's module decides.
 * Anything else is answered as "not found", without telling whether the file exists.
 */
function ownOrInScope(actor: Actor, scope: Scope, f: repo.AttachmentMeta) {
  return f.uploader_account_id === actor.accountId || (SUBTREE_ROLES.includes(actor.role) && scope.contains(f.org_path));
}

export interface UploadedFile {
  id: number;
  contentType: string;
  size: number;
  sha256: string;
  url: string;
  /** The same bytes were uploaded by this account before: that file is returned. */
  deduplicated: boolean;
}

export const fileUrl = (id: number) => `/api/files/${id}`;

/**
 * A photo is uploaded before the record it belongs to is sent (a phone may hold that record in
 * its offline queue for days). One never attached to anything within this many days is deleted.
 */
export const SWEEP_UNATTACHED_AFTER_DAYS = 7;
const SWEEP_JOB = 'attachment.sweep';

/**
 * Stores an uploaded image after checking what it really is; identical re-uploads return the
 * first. Either way the file's sweep timer is (re)set: deleted unless attached by then.
 */
export async function storeUpload(db: Kysely<DB>, actor: Actor, scope: Scope, bytes: Buffer): Promise<UploadedFile> {
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '请选择要上传的图片', { fields: [{ field: 'body.file', problem: 'empty' }] });
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw tooLarge();
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new AppError('UNSUPPORTED_FILE_TYPE', '只能上传 JPEG、PNG 或 WebP 格式的图片');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { row, created } = await db.transaction().execute(async (trx) => {
    const stored = await repo.insertUnlessKnown(trx, {
      county_code: scope.countyCode, org_path: scope.path, uploader_account_id: actor.accountId,
      content_type: contentType, size_bytes: bytes.length, sha256, data: bytes,
    });
    await scheduleJob(trx, {
      kind: SWEEP_JOB, runAt: new Date(Date.now() + SWEEP_UNATTACHED_AFTER_DAYS * 86400_000), payload: { attachmentId: stored.row.id },
      countyCode: scope.countyCode, dedupeKey: `attachment:${stored.row.id}:sweep`,
    });
    return stored;
  });
  return { id: row.id, contentType: row.content_type, size: row.size_bytes, sha256: row.sha256, url: fileUrl(row.id), deduplicated: !created };
}

export const tooLarge = () => new AppError('FILE_TOO_LARGE', `图片不能超过${MAX_ATTACHMENT_BYTES / 1024 / 1024}MB，请压缩后再上传`, { maxBytes: MAX_ATTACHMENT_BYTES });

/** The file and its bytes, when the caller may read it (see the rule above). */
export async function readAttachment(db: Q, readers: AttachmentReaders, actor: Actor, scope: Scope, id: number) {
  const meta = await repo.findMeta(db, id);
  if (!meta || !(await mayRead(db, readers, actor, scope, meta))) throw notFound('文件');
  const { data } = (await repo.findData(db, id))!;
  return { meta, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
}

async function mayRead(db: Q, readers: AttachmentReaders, actor: Actor, scope: Scope, f: repo.AttachmentMeta) {
  if (ownOrInScope(actor, scope, f)) return true;
  const byEntity = new Map<string, number[]>();
  for (const l of await repo.linksOf(db, f.id)) byEntity.set(l.entity, [...(byEntity.get(l.entity) ?? []), l.entity_id]);
  for (const [entity, ids] of byEntity) {
    if (await readers[entity]?.(actor, scope, ids)) return true;
  }
  return false;
}

/**
 * Checks the files a caller wants to attach to a record: each must exist and be the caller's
 * own upload or inside a staff caller's scope. Returns the ids once each, in the given order.
 */
export async function assertAttachable(db: Q, actor: Actor, scope: Scope, ids: readonly number[], field: string): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const usable = new Set((await repo.findMetas(db, unique)).filter((f) => ownOrInScope(actor, scope, f)).map((f) => f.id));
  const refused = unique.filter((id) => !usable.has(id));
  if (refused.length) {
    throw new AppError('VALIDATION_FAILED', '照片不存在或无权使用，请重新上传', { fields: [{ field, problem: 'unknown attachment' }], ids: refused });
  }
  return unique;
}

/** Records that files now belong to a record; its readers may read them from then on. */
export async function linkAttachments(db: Q, ids: readonly number[], to: { entity: string; entityId: number; orgPath: string; countyCode: string }) {
  await repo.insertLinks(db, ids.map((id) => ({
    attachment_id: id, entity: to.entity, entity_id: to.entityId, org_path: to.orgPath, county_code: to.countyCode,
  })));
}

/**
 * The sweep: deletes the file if nothing links to it. A link being written at the same moment
 * holds a key-share lock on the file row, so this waits for it and then, seeing the link, fails
 * on the foreign key and retries later: a file in use is never deleted.
 */
export function attachmentJobHandlers(): Record<string, JobHandler> {
  return {
    [SWEEP_JOB]: async (trx, job) => {
      const { attachmentId } = job.payload as { attachmentId: number };
      await repo.deleteUnlinked(trx, attachmentId);
    },
  };
}
