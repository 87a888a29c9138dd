import type { ColumnType, Generated } from 'kysely';
import type { RegisterTables } from './register.tables.js';
import type { ServicePointsTables } from './service-points.tables.js';
import type { WhitelistTables } from './whitelist.tables.js';

type DateOrNull = ColumnType<Date | null, Date | null | undefined, Date | null>;
type IdOrNull = ColumnType<number | null, number | null | undefined, number | null>;

export type GigPlatformKind = 'delivery' | 'express' | 'ride_hailing' | 'freight'; // 外卖 / 快递 / 网约车 / 货运
export type GigWorkerKind = 'courier' | 'rider' | 'driver'; // 快递员 / 外卖骑手 / 司机
export type GigPartyStatus = 'none' | 'applicant' | 'member'; // — / 入党申请人 / 党员

/** 平台企业 on a city's or county's register (migration 0098). */
export interface GigPlatformTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  kind: GigPlatformKind;
  credit_code: string | null;
  created_by: IdOrNull;
  created_at: Generated<Date>;
}

/** A platform's station at a place (migration 0098). */
export interface GigStationTable {
  id: Generated<number>;
  platform_id: number;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  address: Generated<string>;
  lat: number | null;
  lng: number | null;
  manager_name: string | null;
  created_by: IdOrNull;
  created_at: Generated<Date>;
  closed_at: DateOrNull;
  closed_by: IdOrNull; // who closed it and why (migration 0136)
  close_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A courier, rider or driver, registered with consent and minimal personal data (migration 0098). */
export interface GigWorkerTable {
  id: Generated<number>;
  station_id: number;
  platform_id: number;
  org_path: string;
  county_code: string;
  name: string;
  kind: GigWorkerKind;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  party_status: ColumnType<GigPartyStatus, GigPartyStatus | undefined, GigPartyStatus>;
  consent_at: ColumnType<Date, Date | string, Date | string>;
  consent_version: string;
  created_by: IdOrNull;
  created_at: Generated<Date>;
  left_at: DateOrNull;
}

/** Tables of the newgroups module; each part adds its own interface here. */
export interface NewgroupsTables extends WhitelistTables, RegisterTables, ServicePointsTables {
  gig_platform: GigPlatformTable;
  gig_station: GigStationTable;
  gig_worker: GigWorkerTable;
}
