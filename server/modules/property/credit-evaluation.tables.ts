import type { ColumnType, Generated } from 'kysely';
import type { CreditSource } from './credit-formulas.js';

type Num = ColumnType<string, string | number, string | number>;
type NullableNum = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type Json = ColumnType<unknown, string, string>;
export type RaterKind = 'street' | 'community' | 'compound';
export type ListKind = 'red' | 'black';

/** 信用评价方案 of a county, versioned (migration 0083). */
export interface PropertyCreditSchemeTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  version: number;
  name: string;
  red_top_n: number | null;
  red_threshold: NullableNum;
  black_threshold: Num;
  status: ColumnType<'active' | 'superseded', 'active' | 'superseded' | undefined, 'active' | 'superseded'>;
  created_by: number | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  superseded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PropertyCreditIndicatorTable {
  id: Generated<number>;
  scheme_id: number;
  position: number;
  name: string;
  source: CreditSource;
  weight: Num;
}

/** A party organisation's quarterly rating of a compound's company; corrections supersede. */
export interface PropertyRatingTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  quarter: string;
  rater_kind: RaterKind;
  company_id: number;
  score: number;
  comment: ColumnType<string, string | undefined, string>;
  branch_secretary: string | null;
  rated_by: number;
  rated_at: Date;
  superseded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  superseded_by: ColumnType<number | null, number | null | undefined, number | null>;
}

/** 居民满意度测评: one vote per household per quarter. */
export interface PropertySurveyVoteTable {
  id: Generated<number>;
  household_id: number;
  compound_id: number;
  org_path: string;
  county_code: string;
  quarter: string;
  company_id: number;
  stars: number;
  comment: ColumnType<string, string | undefined, string>;
  account_id: number | null;
  created_at: Date;
}

export interface PropertyIncidentTable {
  id: Generated<number>;
  company_id: number;
  org_path: string;
  county_code: string;
  quarter: string;
  reason: string;
  recorded_by: number;
  recorded_at: Date;
}

export interface PropertyCreditQuarterTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  quarter: string;
  scheme_id: number;
  status: ColumnType<'scored' | 'published', 'scored' | 'published' | undefined, 'scored' | 'published'>;
  compounds: ColumnType<number, number | undefined, number>;
  companies: ColumnType<number, number | undefined, number>;
  scored_at: Date;
  scored_by: number | null;
  scoring_ms: number | null;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  published_by: ColumnType<number | null, number | null | undefined, number | null>;
  objection_until: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PropertyCompoundScoreTable {
  quarter_id: number;
  compound_id: number;
  company_id: number;
  org_path: string;
  households: number;
  score: Num;
  breakdown: Json;
}

export interface PropertyCompanyScoreTable {
  quarter_id: number;
  company_id: number;
  compounds: number;
  households: number;
  score: Num;
  rank: number;
  list: ListKind | null;
  list_reason: string | null;
}

export type ObjectionStatus = 'pending' | 'upheld' | 'rejected';

export interface PropertyListObjectionTable {
  id: Generated<number>;
  quarter_id: number;
  company_id: number;
  org_path: string;
  county_code: string;
  reason: string;
  filed_by: number;
  filed_at: Date;
  status: ColumnType<ObjectionStatus, ObjectionStatus | undefined, ObjectionStatus>;
  decided_by: ColumnType<number | null, number | null | undefined, number | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decision_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PropertyListCorrectionTable {
  id: Generated<number>;
  quarter_id: number;
  company_id: number;
  objection_id: number;
  list_before: ListKind | null;
  list_after: ListKind | null;
  reason: string;
  corrected_by: number;
  corrected_at: Date;
}

/** Credit evaluation's tables (migration 0083); PropertyTables extends this. */
export interface PropertyCreditTables {
  property_credit_scheme: PropertyCreditSchemeTable;
  property_credit_indicator: PropertyCreditIndicatorTable;
  property_rating: PropertyRatingTable;
  property_survey_vote: PropertySurveyVoteTable;
  property_incident: PropertyIncidentTable;
  property_credit_quarter: PropertyCreditQuarterTable;
  property_compound_score: PropertyCompoundScoreTable;
  property_company_score: PropertyCompanyScoreTable;
  property_list_objection: PropertyListObjectionTable;
  property_list_correction: PropertyListCorrectionTable;
}
