import { sql, type ColumnType, type Generated, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../database.js';
import type { Scope } from '../../../platform/scope.js';
import type { ImportKind } from './import-templates.js';
import type { RowError } from './validate-rows.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type ImportStatus = 'validating' | 'importing' | 'done' | 'failed';
export const RUNNING: ImportStatus[] = ['validating', 'importing'];

/** Row type of org_import_job (migration 0005-org-import-job.sql). */
export interface OrgImportJobTable {
  id: Generated<number>;
  account_id: number;
  kind: ImportKind;
  file_name: string;
  status: Generated<ImportStatus>;
  total: Generated<number>;
  processed: Generated<number>;
  imported: Generated<number>;
  imported_by_kind: Json<Record<string, number>>;
  error_count: Generated<number>;
  errors: Json<RowError[]>;
  message: string | null;
  org_path: string;
  county_code: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Date | null;
}

type Q = Kysely<DB> | Transaction<DB>;

export async function insertJob(
  db: Q, j: { accountId: number; kind: ImportKind; fileName: string; orgPath: string; countyCode: string },
) {
  const { id } = await db
    .insertInto('org_import_job')
    .values({ account_id: j.accountId, kind: j.kind, file_name: j.fileName, org_path: j.orgPath, county_code: j.countyCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

/** A job its creator may read, or anyone whose scope holds the creator's scope. */
export function findJob(db: Q, scope: Scope, accountId: number, id: number) {
  return db
    .selectFrom('org_import_job')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('account_id', '=', accountId), eb('org_path', 'like', scope.path + '%')]))
    .executeTakeFirst();
}

/** Progress of a running job; also the heartbeat that says its process is alive. */
export async function updateProgress(
  db: Q, id: number, p: { status?: ImportStatus; total?: number; processed?: number },
) {
  await db
    .updateTable('org_import_job')
    .set({ ...p, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', 'in', RUNNING)
    .execute();
}

export async function heartbeat(db: Q, ids: number[]) {
  if (!ids.length) return;
  await db
    .updateTable('org_import_job')
    .set({ updated_at: sql`now()` })
    .where('id', 'in', ids)
    .where('status', 'in', RUNNING)
    .execute();
}

export async function finishJob(
  db: Q, id: number,
  f: {
    status: 'done' | 'failed';
    total?: number;
    processed?: number;
    imported?: number;
    importedByKind?: Record<string, number>;
    errorCount?: number;
    errors?: RowError[];
    message: string | null;
  },
) {
  await db
    .updateTable('org_import_job')
    .set({
      status: f.status,
      message: f.message,
      ...(f.total !== undefined ? { total: f.total } : {}),
      ...(f.processed !== undefined ? { processed: f.processed } : {}),
      ...(f.imported !== undefined ? { imported: f.imported } : {}),
      ...(f.importedByKind ? { imported_by_kind: JSON.stringify(f.importedByKind) } : {}),
      ...(f.errorCount !== undefined ? { error_count: f.errorCount } : {}),
      ...(f.errors ? { errors: JSON.stringify(f.errors) } : {}),
      updated_at: sql`now()`,
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', RUNNING)
    .execute();
}
