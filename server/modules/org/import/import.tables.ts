import type { ColumnType, Generated } from 'kysely';
import type { ImportKind } from './import-templates.js';
import type { RowError } from './validate-rows.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type ImportStatus = 'validating' | 'importing' | 'done' | 'failed';

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
  /** Usernames and temporary passwords of the accounts a staff import opened, JSON sealed by PiiCipher, until shown once (migration 0060). */
  account_sheet_enc: ColumnType<string | null, string | null | undefined, string | null>;
}

