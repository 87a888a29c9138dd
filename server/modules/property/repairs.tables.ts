import type { ColumnType, Generated } from 'kysely';

/** 专项维修资金 repair kinds: 电梯, 屋面漏水, 外墙渗漏, 消防设施, 供排水管道, 电动车棚, 充电桩, 其他. */
export type RepairKind = 'lift' | 'roof_leak' | 'wall_leak' | 'fire' | 'pipes' | 'ebike_shed' | 'charging' | 'other';
export type RepairStatus = 'draft' | 'applied' | 'approved' | 'rejected' | 'in_progress' | 'done' | 'accepted' | 'published';
/** 应急程序 (community + street) or 业主表决 (民法典第278条). */
export type RepairApproval = 'emergency' | 'vote';

type Num = ColumnType<string, string | number, string | number>;
type NumOrNull = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type DateOrNull = ColumnType<Date | null, Date | null | undefined, Date | null>;
type IdOrNull = ColumnType<number | null, number | null | undefined, number | null>;

/** A maintenance-fund repair of a compound (migration 0088). */
export interface PropertyRepairTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  company_id: IdOrNull;
  kind: RepairKind;
  urgent: boolean;
  title: string;
  description: string;
  quantity: Num;
  households: number;
  budget: Num;
  final_amount: NumOrNull;
  status: RepairStatus;
  approval: ColumnType<RepairApproval | null, RepairApproval | null | undefined, RepairApproval | null>;
  community_approved_by: IdOrNull;
  community_approved_at: DateOrNull;
  street_approved_by: IdOrNull;
  street_approved_at: DateOrNull;
  vote_total_area: NumOrNull;
  vote_total_owners: IdOrNull;
  vote_part_area: NumOrNull;
  vote_part_owners: IdOrNull;
  vote_agree_area: NumOrNull;
  vote_agree_owners: IdOrNull;
  /** The owners' vote matter (selfrun) that decided it (migration 0101); NULL on rows typed by hand before. */
  vote_matter_id: IdOrNull;
  voted_on: ColumnType<string | null, string | null | undefined, string | null>;
  reject_reason: ColumnType<string | null, string | null | undefined, string | null>;
  accept_note: ColumnType<string | null, string | null | undefined, string | null>;
  applied_by: IdOrNull;
  applied_at: DateOrNull;
  approved_at: DateOrNull;
  started_at: DateOrNull;
  done_at: DateOrNull;
  accepted_by: IdOrNull;
  accepted_at: DateOrNull;
  published_at: DateOrNull;
  created_by: number;
  created_at: ColumnType<Date, Date | undefined, Date>;
}

/** A building or unit chosen as benefiting. */
export interface PropertyRepairPlaceTable {
  repair_id: number;
  org_id: number;
}

/** 报价. */
export interface PropertyRepairQuoteTable {
  id: Generated<number>;
  repair_id: number;
  supplier: string;
  amount: Num;
  chosen: ColumnType<boolean, boolean | undefined, boolean>;
}

/** One step of a repair: who, when, why. */
export interface PropertyRepairStepTable {
  id: Generated<number>;
  repair_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  account_id: number | null;
  actor_name: string;
  actor_role: string;
  note: string | null;
  at: Date;
}

export interface RepairsTables {
  property_repair: PropertyRepairTable;
  property_repair_place: PropertyRepairPlaceTable;
  property_repair_quote: PropertyRepairQuoteTable;
  property_repair_step: PropertyRepairStepTable;
}
