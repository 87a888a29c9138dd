import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { AttachmentLinkTable, AttachmentTable, DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Everything but the bytes: access checks never load the image. */
const metaColumns = ['id', 'county_code', 'org_path', 'uploader_account_id', 'content_type', 'size_bytes', 'sha256', 'created_at'] as const;

export function findMeta(db: Q, id: number) {
  return db.selectFrom('attachment').select(metaColumns).where('id', '=', id).executeTakeFirst();
}
export type AttachmentMeta = NonNullable<Awaited<ReturnType<typeof findMeta>>>;

export function findMetas(db: Q, ids: number[]) {
  return ids.length ? db.selectFrom('attachment').select(metaColumns).where('id', 'in', ids).execute() : Promise.resolve([]);
}

export function findData(db: Q, id: number) {
  return db.selectFrom('attachment').select('data').where('id', '=', id).executeTakeFirst();
}

/** Inserts the file, or finds the identical one this uploader sent before (null = it existed). */
export async function insertUnlessKnown(db: Q, v: Insertable<AttachmentTable>) {
  const inserted = await db.insertInto('attachment').values(v)
    .onConflict((oc) => oc.constraint('attachment_uploader_sha256_key').doNothing())
    .returning(metaColumns).executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const row = await db.selectFrom('attachment').select(metaColumns)
    .where('uploader_account_id', '=', v.uploader_account_id).where('sha256', '=', v.sha256).executeTakeFirstOrThrow();
  return { row, created: false };
}

export function linksOf(db: Q, attachmentId: number) {
  return db.selectFrom('attachment_link').select(['entity', 'entity_id']).where('attachment_id', '=', attachmentId).execute();
}

export async function insertLinks(db: Q, rows: Insertable<AttachmentLinkTable>[]) {
  if (!rows.length) return;
  await db.insertInto('attachment_link').values(rows).onConflict((oc) => oc.constraint('attachment_link_pkey').doNothing()).execute();
}

/** Deletes the file unless something links to it. */
export async function deleteUnlinked(db: Q, attachmentId: number) {
  await db.deleteFrom('attachment').where('id', '=', attachmentId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('attachment_link').select(sql`1`.as('one')).whereRef('attachment_link.attachment_id', '=', 'attachment.id'))))
    .execute();
}
