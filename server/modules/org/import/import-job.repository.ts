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
  /** The error report of a failed job: .xlsx, base64, sealed by PiiCipher (migration 0050), or null. */
  error_report_enc: string | null;
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
    .select([
      'id', 'kind', 'file_name', 'status', 'total', 'processed', 'imported', 'imported_by_kind', 'error_count', 'errors',
      'message', 'created_at', 'updated_at', 'finished_at',
      sql<boolean>`error_report_enc IS NOT NULL`.as('has_error_report'),
    ])
    .where('id', '=', id)
    .where((eb) => eb.or([eb('account_id', '=', accountId), eb('org_path', 'like', scope.path + '%')]))
    .executeTakeFirst();
}

/**
 * The sealed error report of a job, for its uploader only: it holds the rows as typed, ID numbers
 * and phones included, which nobody else typed in (see findJob for who may read the job itself).
 */
export async function findErrorReport(db: Q, scope: Scope, accountId: number, id: number) {
  const row = await db
    .selectFrom('org_import_job')
    .select(['kind', 'error_report_enc', 'org_path', 'county_code'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('org_path', 'like', scope.path + '%')
    .executeTakeFirst();
  return row?.error_report_enc ? { kind: row.kind, sealed: row.error_report_enc, orgPath: row.org_path, countyCode: row.county_code } : undefined;
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
    /** Already sealed (PiiCipher.encrypt of the base64). */
    errorReport?: string;
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
      ...(f.errorReport ? { error_report_enc: f.errorReport } : {}),
      updated_at: sql`now()`,
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', RUNNING)
    .execute();
}
