/** Tables of the supervision module (督导: inspections, problems, rectification; 减负); each migration's rows are declared here. */
import type { ColumnType, Generated } from 'kysely';
import type { ProblemStatus } from './problems-lifecycle.js';

type Day = ColumnType<string, string, string>;
type At = ColumnType<Date, Date | string | undefined, Date | string>;
type AtOrNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type IdOrNull = ColumnType<number | null, number | null | undefined, number | null>;
type TextOrNull = ColumnType<string | null, string | null | undefined, string | null>;
type NumOrNull = ColumnType<number | null, number | null | undefined, number | null>;

export type InspectionKind = 'joint_survey' | 'unannounced';
export type InspectionStatus = 'planned' | 'under_way' | 'done' | 'cancelled';
export type ProblemCategory = 'service_position' | 'grid' | 'property' | 'environment' | 'burden' | 'safety' | 'other';

/** A working group (工作专班) of the city's or a county's member departments (migration 0115). */
export interface SupervisionGroupTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  lead_department_id: number;
  created_by: IdOrNull;
  created_at: At;
}
export interface SupervisionGroupMemberTable {
  group_id: number;
  department_id: number;
}
export interface SupervisionInspectionTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  kind: InspectionKind;
  title: string;
  group_id: number;
  starts_on: Day;
  ends_on: Day;
  status: ColumnType<InspectionStatus, InspectionStatus | undefined, InspectionStatus>;
  cancel_reason: TextOrNull;
  created_by: IdOrNull;
  created_at: At;
}
export interface SupervisionInspectionPlaceTable {
  inspection_id: number;
  place_id: number;
  org_path: string;
  county_code: string;
}
export interface SupervisionProblemTable {
  id: Generated<number>;
  inspection_id: number;
  place_id: number;
  org_path: string;
  county_code: string;
  category: ProblemCategory;
  description: string;
  lat: NumOrNull;
  lng: NumOrNull;
  found_by: number;
  found_at: At;
  status: ColumnType<ProblemStatus, ProblemStatus | undefined, ProblemStatus>;
  receiver_org_id: IdOrNull;
  receiver_department_id: IdOrNull;
  deadline: ColumnType<string | null, string | null | undefined, string | null>;
  handed_over_at: AtOrNull;
  reported_at: AtOrNull;
  rectification: TextOrNull;
  verified_at: AtOrNull;
  escalated_at: AtOrNull;
  escalated_to_org_id: IdOrNull;
}
export interface SupervisionProblemStepTable {
  id: Generated<number>;
  problem_id: number;
  org_path: string;
  county_code: string;
  action: string;
  from_status: TextOrNull;
  to_status: string;
  note: TextOrNull;
  account_id: IdOrNull;
  at: At;
}

/** 社区证明事项清单 (migration 0116). */
export interface ReliefCertificateItemTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  issuable: boolean;
  basis: TextOrNull;
  refer_to: TextOrNull;
  created_by: IdOrNull;
  created_at: At;
}
export interface ReliefCertificateRequestTable {
  id: Generated<number>;
  community_id: number;
  org_path: string;
  county_code: string;
  item_id: IdOrNull;
  asked_for: string;
  outcome: 'issued' | 'refused';
  refer_to: TextOrNull;
  number: TextOrNull;
  applicant_name_enc: string;
  purpose: TextOrNull;
  recorded_by: number;
  created_at: At;
}
export interface ReliefCertificateCounterTable {
  community_id: number;
  year: number;
  last: number;
  org_path: string;
  county_code: string;
}
export interface ReliefRemovalTable {
  id: Generated<number>;
  place_id: number;
  org_path: string;
  county_code: string;
  kind: 'sign' | 'duty';
  what: string;
  removed_on: Day;
  removed_by: string;
  recorded_by: IdOrNull;
  created_at: At;
}

export interface SupervisionTables {
  supervision_group: SupervisionGroupTable;
  supervision_group_member: SupervisionGroupMemberTable;
  supervision_inspection: SupervisionInspectionTable;
  supervision_inspection_place: SupervisionInspectionPlaceTable;
  supervision_problem: SupervisionProblemTable;
  supervision_problem_step: SupervisionProblemStepTable;
  relief_certificate_item: ReliefCertificateItemTable;
  relief_certificate_request: ReliefCertificateRequestTable;
  relief_certificate_counter: ReliefCertificateCounterTable;
  relief_removal: ReliefRemovalTable;
}
