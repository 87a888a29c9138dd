import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Calendar days: read them through `to_char` (the repositories' dayText), never as Date. */
type Day = ColumnType<string, string, string>;

/** The seven categories of the city's co-building table (结对共建项目分类). */
export type CobuildCategory = 'party_building' | 'policy' | 'education' | 'culture_sports' | 'livelihood' | 'special_groups' | 'other';
export type CobuildNeedStatus = 'open' | 'matched' | 'met' | 'closed';
export type CobuildProjectStatus = 'published' | 'in_progress' | 'submitted' | 'returned' | 'accepted' | 'withdrawn';
export type CobuildProjectOrigin = 'published' | 'assigned' | 'matched';

/** 需求清单: what a community (or one of its compounds) needs (migration 0077). */
export interface CobuildNeedTable {
  id: Generated<number>;
  community_id: number;
  place_id: number;
  org_path: string;
  county_code: string;
  category: CobuildCategory;
  title: string;
  detail: Generated<string>;
  size: number;
  starts_on: Day;
  ends_on: Day;
  status: Generated<CobuildNeedStatus>;
  created_by: number | null;
  created_at: Timestamp;
}

/** 资源清单: what a work unit offers, and for which places (migration 0077). */
export interface CobuildResourceTable {
  id: Generated<number>;
  work_unit_id: number;
  org_path: string;
  county_code: string;
  category: CobuildCategory;
  title: string;
  detail: Generated<string>;
  capacity: number;
  available_from: Day;
  available_to: Day;
  created_by: number | null;
  created_at: Timestamp;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CobuildResourcePlaceTable {
  resource_id: number;
  place_id: number;
  org_path: string;
  county_code: string;
}

/** 项目清单: a co-building project, from the board (揭榜), the street or a match (migration 0077). */
export interface CobuildProjectTable {
  id: Generated<number>;
  community_id: number;
  org_path: string;
  county_code: string;
  category: CobuildCategory;
  title: string;
  detail: Generated<string>;
  size: number | null;
  starts_on: Day;
  ends_on: Day;
  origin: CobuildProjectOrigin;
  status: CobuildProjectStatus;
  work_unit_id: number | null;
  need_id: number | null;
  resource_id: number | null;
  plan: Generated<string>;
  return_reason: string | null;
  taken_at: Date | null;
  submitted_at: Date | null;
  accepted_at: Date | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CobuildMilestoneTable {
  id: Generated<number>;
  project_id: number;
  org_path: string;
  county_code: string;
  title: string;
  due_on: Day;
  done_on: ColumnType<string | null, string | null | undefined, string | null>;
  note: Generated<string>;
  photo_ids: ColumnType<number[], number[] | undefined, number[]>;
  created_by: number | null;
  created_at: Timestamp;
}

/** A project's steps, append-only. */
export interface CobuildProjectStepTable {
  id: Generated<number>;
  project_id: number;
  org_path: string;
  county_code: string;
  action: string;
  from_status: CobuildProjectStatus | null;
  to_status: CobuildProjectStatus;
  account_id: number | null;
  work_unit_id: number | null;
  reason: string | null;
  at: Timestamp;
}

/** The co-building lists' tables (需求、资源、项目清单); CobuildTables extends this. */
export interface CobuildListsTables {
  cobuild_need: CobuildNeedTable;
  cobuild_resource: CobuildResourceTable;
  cobuild_resource_place: CobuildResourcePlaceTable;
  cobuild_project: CobuildProjectTable;
  cobuild_milestone: CobuildMilestoneTable;
  cobuild_project_step: CobuildProjectStepTable;
}
