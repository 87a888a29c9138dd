import type { ColumnType, Generated } from 'kysely';

/** 党组织 of property companies: an independent branch (独立党支部) or a joint one (联合党支部), migration 0080. */
export type BranchKind = 'independent' | 'joint';

export interface PropertyBranchTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  kind: BranchKind;
  name: string;
  secretary_name: string;
  member_count: number;
  founded_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface PropertyBranchCompanyTable {
  branch_id: number;
  company_id: number;
}

/** 党建指导员 sent to a company for a period. */
export interface PropertyInstructorTable {
  id: Generated<number>;
  company_id: number;
  org_path: string;
  county_code: string;
  name: string;
  unit: string;
  post: ColumnType<string, string | undefined, string>;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  from_on: ColumnType<string, string, string>;
  to_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** 约谈, 限期整改, 降级/降费, 清退, 重新选聘 (migration 0081). */
export type SanctionKind = 'interview' | 'rectify' | 'downgrade' | 'exit' | 'reselect';
export type SanctionStatus = 'recorded' | 'open' | 'reported' | 'verified' | 'done';
export type ReselectTo = 'new_company' | 'self_run';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface PropertySanctionTable {
  id: Generated<number>;
  company_id: number;
  contract_id: Nullable<number>;
  compound_id: Nullable<number>;
  org_path: string;
  county_code: string;
  kind: SanctionKind;
  status: SanctionStatus;
  reason: string;
  basis: Nullable<string>;
  interview_on: Nullable<string>;
  interview_people: Nullable<string>;
  minutes: Nullable<string>;
  task: Nullable<string>;
  deadline: Nullable<string>;
  report_note: Nullable<string>;
  report_photo_id: Nullable<number>;
  reported_at: Nullable<Date>;
  level_before: Nullable<string>;
  level_after: Nullable<string>;
  fee_before: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  fee_after: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  reselect_to: Nullable<ReselectTo>;
  decided_by: number;
  decided_at: Date;
  closed_at: Nullable<Date>;
}

export interface PropertySanctionStepTable {
  id: Generated<number>;
  sanction_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string;
  account_id: number | null;
  actor_name: string | null;
  at: Date;
}

/** The register's party organisation, instructors and sanctions; PropertyTables extends this. */
export interface CompaniesTables {
  property_branch: PropertyBranchTable;
  property_branch_company: PropertyBranchCompanyTable;
  property_instructor: PropertyInstructorTable;
  property_sanction: PropertySanctionTable;
  property_sanction_step: PropertySanctionStepTable;
}
