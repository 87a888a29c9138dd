import type { ColumnType, Generated } from 'kysely';

export type HandoverCause = 'reselect' | 'exit';
export type HandoverDecision = 'motion' | 'contracted';

/** A compound left without a company by a sanction, waiting for the community's decision (migration 0102). */
export interface CompoundHandoverTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  cause: HandoverCause;
  company_name: string;
  reselect_to: 'new_company' | 'self_run' | null;
  reason: string;
  ended_on: ColumnType<string, string, string>;
  created_by: number | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  decided: ColumnType<HandoverDecision | null, HandoverDecision | null | undefined, HandoverDecision | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SelfrunHandoverTables {
  compound_handover: CompoundHandoverTable;
}
