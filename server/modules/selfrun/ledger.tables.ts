import type { ColumnType, Generated } from 'kysely';

/** 公共账户 categories (migration 0097): income first, then expenses. */
export const INCOME_CATEGORIES = ['parking', 'parcel_locker', 'advert', 'property_fee', 'crowdfunding', 'other_income'] as const;
export const EXPENSE_CATEGORIES = ['wages', 'repair', 'material', 'other_expense'] as const;
export type LedgerCategory = (typeof INCOME_CATEGORIES)[number] | (typeof EXPENSE_CATEGORIES)[number];
export type LedgerKind = 'income' | 'expense';

type Day = ColumnType<string, string, string>;

export interface SelfrunLedgerEntryTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  seq: number;
  kind: LedgerKind;
  category: LedgerCategory;
  amount_fen: ColumnType<string, number | bigint, never>; // bigint: read as text
  day: Day;
  summary: string;
  counterparty: string | null;
  household_id: number | null;
  reverses_id: number | null;
  reason: string | null;
  created_by: number | null;
  created_by_name: string;
  created_as: 'staff' | 'committee';
  created_at: Generated<Date>;
}

export interface SelfrunStatementTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  month: string;
  opening_fen: ColumnType<string, number | bigint, never>;
  income_fen: ColumnType<string, number | bigint, never>;
  expense_fen: ColumnType<string, number | bigint, never>;
  closing_fen: ColumnType<string, number | bigint, never>;
  by_category: ColumnType<unknown, string, never>;
  entries: number;
  fee_households: number;
  households: number;
  status: Generated<'published'>;
  closed_by: number | null;
  closed_by_name: string;
  published_at: Generated<Date>;
}

export interface SelfrunServiceRatingTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  year: number;
  household_key: string;
  score: number;
  account_id: number | null;
  created_at: Generated<Date>;
}

export interface SelfrunServiceReviewTable {
  compound_id: number;
  year: number;
  org_path: string;
  county_code: string;
  ratings: Generated<number>;
  score_sum: Generated<number>;
  flagged_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SelfrunAccountTables {
  selfrun_ledger_entry: SelfrunLedgerEntryTable;
  selfrun_statement: SelfrunStatementTable;
  selfrun_service_rating: SelfrunServiceRatingTable;
  selfrun_service_review: SelfrunServiceReviewTable;
}
