import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
/** numeric columns come back as strings from PostgreSQL; written as numbers. */
type Numeric = ColumnType<string, number | string, number | string>;

export type PostType = 'leader' | 'deputy' | 'worker';

export interface WorkforcePayRateTable {
  id: Generated<number>;
  county_id: number;
  org_path: string;
  county_code: string;
  year: number;
  post_type: PostType;
  grade: number;
  monthly_yuan: number;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface WorkforceStarRuleTable {
  id: Generated<number>;
  county_id: number;
  org_path: string;
  county_code: string;
  year: number;
  stars: number;
  min_score: Numeric;
  subsidy_yuan: number;
}

export interface SecretaryRatingTable {
  id: Generated<number>;
  staff_id: number;
  community_id: number;
  org_path: string;
  county_code: string;
  year: number;
  figures: Json;
  counted_score: Numeric;
  assessment_score: Numeric | null;
  total_score: Numeric;
  stars: number;
  subsidy_yuan: Generated<number>;
  computed_at: Timestamp;
  computed_by: number | null;
}

/** Tables owned by the workforce module (三岗十八级 pay tables, secretary stars); DB extends this. */
export interface WorkforceTables {
  workforce_pay_rate: WorkforcePayRateTable;
  workforce_star_rule: WorkforceStarRuleTable;
  secretary_rating: SecretaryRatingTable;
}
