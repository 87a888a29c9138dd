import type { Generated } from 'kysely';

/** What a door-to-door visit found (migration 0062). */
export type VisitOutcome = 'no_demand' | 'demand' | 'solved';

/** 背包上门: one door-to-door visit, with or without a demand raised (migration 0062). */
export interface VisitTable {
  id: Generated<number>;
  visitor_account_id: number;
  visitor_name: string;
  org_id: number;
  household_id: number | null;
  org_path: string;
  county_code: string;
  visited_at: Date;
  note: Generated<string>;
  outcome: VisitOutcome;
  demand_id: number | null;
  client_id: string | null;
  created_at: Generated<Date>;
}

/** The demands module's tables added after its first migrations; DB extends this. */
export interface VisitsTables {
  visit: VisitTable;
}
