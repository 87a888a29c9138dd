import type { ColumnType, Generated } from 'kysely';

/** A report's life: pending until the community confirms or declines it; the reporter may withdraw it while pending. */
export type ReportStatus = 'pending' | 'confirmed' | 'declined' | 'withdrawn';
/** 支部书记 / 楼栋长 / 党员中心户 / 志愿服务队员. */
export type MemberPost = 'branch_secretary' | 'building_head' | 'member_household' | 'volunteer';
/** 双评价: 优秀 / 称职 / 基本称职 / 不称职. */
export type EvaluationGrade = 'excellent' | 'competent' | 'basic' | 'incompetent';

/** 单位报到 / 结对: a work unit reports to a community for a year (migrations 0072, 0073). */
export interface UnitPairingTable {
  id: Generated<number>;
  work_unit_id: number;
  community_id: number;
  org_path: string;
  county_code: string;
  year: number;
  status: Generated<ReportStatus>;
  note: string | null;
  decline_reason: ColumnType<string | null, string | null | undefined, string | null>;
  requested_by: number | null;
  requested_at: Generated<Date>;
  decided_by: ColumnType<number | null, number | null | undefined, number | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  grade: ColumnType<EvaluationGrade | null, EvaluationGrade | null | undefined, EvaluationGrade | null>;
  grade_comment: ColumnType<string | null, string | null | undefined, string | null>;
  graded_by: ColumnType<number | null, number | null | undefined, number | null>;
  graded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** 在职党员报到: a party member reports to the community where they live (migrations 0072, 0073). */
export interface MemberReportTable {
  id: Generated<number>;
  party_member_id: number;
  resident_id: number;
  account_id: number | null;
  community_id: number;
  org_path: string;
  county_code: string;
  year: number;
  work_unit_id: number | null;
  work_unit_name: string;
  status: Generated<ReportStatus>;
  decline_reason: ColumnType<string | null, string | null | undefined, string | null>;
  submitted_at: Generated<Date>;
  decided_by: ColumnType<number | null, number | null | undefined, number | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  grade: ColumnType<EvaluationGrade | null, EvaluationGrade | null | undefined, EvaluationGrade | null>;
  grade_comment: ColumnType<string | null, string | null | undefined, string | null>;
  graded_by: ColumnType<number | null, number | null | undefined, number | null>;
  graded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface MemberReportPostTable {
  report_id: number;
  post: MemberPost;
}

/** The posts a community offers (no rows: the whole catalogue). */
export interface MemberPostOfferTable {
  community_id: number;
  org_path: string;
  county_code: string;
  post: MemberPost;
}

/** 双报到's tables; CobuildTables extends this. */
export interface DualReportTables {
  unit_pairing: UnitPairingTable;
  member_report: MemberReportTable;
  member_report_post: MemberReportPostTable;
  member_post_offer: MemberPostOfferTable;
}
