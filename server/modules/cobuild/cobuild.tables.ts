import type { ColumnType, Generated } from 'kysely';
import type { CobuildListsTables } from './cobuild-lists.tables.js';
import type { DualReportTables } from './dual-report.tables.js';

/** 机关 / 事业单位 / 企业 / 其他. */
export type WorkUnitKind = 'organ' | 'institution' | 'enterprise' | 'other';

/** 共建单位: a work unit that reports to communities and pairs with them (migration 0066). */
export interface WorkUnitTable {
  id: Generated<number>;
  /** The county or street that registered it: its scope. */
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  kind: WorkUnitKind;
  credit_code: string | null; // 统一社会信用代码
  party_org_name: string;
  contact_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  created_at: Generated<Date>;
  dissolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The cobuild module's tables (双报到, 结对共建); DB extends this. */
export interface CobuildTables extends CobuildListsTables, DualReportTables {
  work_unit: WorkUnitTable;
}
