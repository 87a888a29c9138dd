import type { ColumnType, Generated } from 'kysely';

type DateOrNull = ColumnType<Date | null, Date | null | undefined, Date | null>;
type IdOrNull = ColumnType<number | null, number | null | undefined, number | null>;
type TextOrNull = ColumnType<string | null, string | null | undefined, string | null>;

export type GateOutcome = 'valid' | 'expired' | 'forged' | 'not_listed' | 'left';
export type ParttimeDuty = 'grid_member' | 'safety_officer'; // 兼职网格员 / 安全员
export type RoadReportKind = 'hazard' | 'demand'; // 隐患 / 诉求

/** 白名单: a worker on it, with who/when/why, and removal with its reason (migration 0107). */
export interface GigWhitelistTable {
  id: Generated<number>;
  worker_id: number;
  org_path: string;
  county_code: string;
  reason: string;
  added_by: number;
  added_at: Generated<Date>;
  removed_by: IdOrNull;
  removed_at: DateOrNull;
  removed_reason: TextOrNull;
}

/** A pass checked at a gate (migration 0107). */
export interface GigGateCheckTable {
  id: Generated<number>;
  gate_org_id: number;
  org_path: string;
  county_code: string;
  worker_id: number | null;
  outcome: GateOutcome;
  checked_by: number;
  checked_at: Generated<Date>;
}

/** 兼职网格员 / 安全员 enrolment (migration 0107). */
export interface GigParttimeTable {
  id: Generated<number>;
  worker_id: number;
  duty: ParttimeDuty;
  unit_id: number;
  org_path: string;
  county_code: string;
  start_day: ColumnType<string, string, string>;
  end_day: ColumnType<string | null, string | null | undefined, string | null>;
  reason: string;
  end_reason: TextOrNull;
  created_by: number;
  created_at: Generated<Date>;
  ended_by: IdOrNull;
}

/** A report from the road and the demand it became (migration 0107). */
export interface GigRoadReportTable {
  id: Generated<number>;
  demand_id: number;
  worker_id: number;
  station_id: number;
  community_id: number;
  kind: RoadReportKind;
  org_path: string;
  county_code: string;
  created_at: Generated<Date>;
}

/** Reward points for verified reports; append-only with reversing rows (migration 0107). */
export interface GigRoadRewardTable {
  id: Generated<number>;
  report_id: number;
  worker_id: number;
  points: number;
  note: string;
  reverses_id: IdOrNull;
  org_path: string;
  county_code: string;
  created_by: number;
  created_at: Generated<Date>;
}

/** The white-list, gate, part-time and road-report tables (this part's share of NewgroupsTables). */
export interface WhitelistTables {
  gig_whitelist: GigWhitelistTable;
  gig_gate_check: GigGateCheckTable;
  gig_parttime: GigParttimeTable;
  gig_road_report: GigRoadReportTable;
  gig_road_reward: GigRoadRewardTable;
}
