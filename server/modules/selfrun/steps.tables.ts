import type { ColumnType, Generated } from 'kysely';
import type { SelfrunStep } from './selfrun.tables.js';

type DayOrNull = ColumnType<string | null, string | null | undefined, string | null>;

/** The record of one completed step of the ten (migration 0093). */
export interface SelfrunStepRecordTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  step: Exclude<SelfrunStep, 'done'>;
  note: string;
  proposer: string | null;
  date_from: DayOrNull;
  date_to: DayOrNull;
  vote_id: number | null;
  bank: string | null;
  account_name: string | null;
  account_last4: string | null;
  completed_by: number;
  completed_by_name: string;
  completed_as: 'staff' | 'committee';
  completed_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SelfrunStepsTables {
  selfrun_step_record: SelfrunStepRecordTable;
}
