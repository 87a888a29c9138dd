import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../database.js';
import type { Scope } from '../../../platform/scope.js';
import type { ImportKind } from './import-templates.js';
import type { RowError } from './validate-rows.js';

export type { ImportStatus, OrgImportJobTable } from './import.tables.js';
import type { ImportStatus } from './import.tables.js';
export const RUNNING: ImportStatus[] = ['validating', 'importing'];

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
      sql<boolean>`account_sheet_enc IS NOT NULL`.as('has_account_sheet'),
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

/**
 * Takes the sealed account sheet of a job for its uploader and erases it in the same statement:
 * the temporary passwords are shown once. Undefined when there is none (never was, or shown).
 */
export async function takeAccountSheet(trx: Transaction<DB>, scope: Scope, accountId: number, id: number) {
  const row = await trx
    .selectFrom('org_import_job')
    .select(['account_sheet_enc', 'org_path', 'county_code'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('org_path', 'like', scope.path + '%')
    .forUpdate()
    .executeTakeFirst();
  if (!row?.account_sheet_enc) return undefined;
  await trx.updateTable('org_import_job').set({ account_sheet_enc: null }).where('id', '=', id).execute();
  return { sealed: row.account_sheet_enc, orgPath: row.org_path, countyCode: row.county_code };
}

/** The retention sweep: a job's sealed report and account sheet are erased; its outcome stays. */
export async function eraseSealed(db: Q, id: number) {
  await db.updateTable('org_import_job').set({ error_report_enc: null, account_sheet_enc: null }).where('id', '=', id).execute();
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
    /** Already sealed (PiiCipher.encrypt of the JSON list of accounts opened). */
    accountSheet?: string;
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
      ...(f.accountSheet ? { account_sheet_enc: f.accountSheet } : {}),
      updated_at: sql`now()`,
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', RUNNING)
    .execute();
}
