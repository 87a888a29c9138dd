import type { ColumnType, Generated } from 'kysely';

export type FiveHaveItem = 'party_org' | 'venue' | 'member_ledger' | 'contact' | 'emergency_plan';

/** 五有 of a compound, one record per item (migration 0091). */
export interface CompoundFiveHaveTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  item: FiveHaveItem;
  note: string;
  recorded_by: number | null;
  recorded_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SelfrunCompoundsTables {
  compound_five_have: CompoundFiveHaveTable;
}
