import type { ColumnType, Generated } from 'kysely';
import type { CompaniesTables } from './companies.tables.js';
import type { PropertyMeetingsTables } from './meetings.tables.js';
import type { PropertyCreditTables } from './credit-evaluation.tables.js';
import type { RepairsTables } from './repairs.tables.js';

/** 物业服务企业 on a county's register (migration 0078); exited = 清退. */
export interface PropertyCompanyTable {
  id: Generated<number>;
  /** The county that keeps the register: its scope. */
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  credit_code: string; // 统一社会信用代码
  qualification: string | null; // 资质
  contact_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  status: ColumnType<'active' | 'exited', 'active' | 'exited' | undefined, 'active' | 'exited'>;
  created_by: number | null;
  created_at: Generated<Date>;
  exited_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type ContractStatus = 'active' | 'ended' | 'terminated';
/** 服务等级 一级 (best) … 五级. */
export type ServiceLevel = '1' | '2' | '3' | '4' | '5';

/** 物业服务合同: a company serves a compound (a grid); one live contract per compound (migration 0078). */
export interface PropertyContractTable {
  id: Generated<number>;
  company_id: number;
  compound_id: number;
  /** The compound's path. */
  org_path: string;
  county_code: string;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  /** Yuan per m² per month; numeric comes back as a string. */
  fee_per_m2: ColumnType<string, string | number, string | number>;
  service_level: ServiceLevel;
  service_standard: ColumnType<string, string | undefined, string>;
  status: ColumnType<ContractStatus, ContractStatus | undefined, ContractStatus>;
  ended_on: ColumnType<string | null, string | null | undefined, string | null>;
  end_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export type MeetingStatus = 'planned' | 'held' | 'cancelled';

/** 三方协调月例会: one per compound per month (migration 0078); company_present feeds the credit score. */
export interface PropertyMeetingTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  month: string; // YYYY-MM
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  scheduled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  held_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  company_id: ColumnType<number | null, number | null | undefined, number | null>;
  company_present: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  /** 会议纪要 and why a planned meeting was called off (migration 0086). */
  minutes: ColumnType<string, string | undefined, string>;
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** The property module's tables; DB extends this. */
export interface PropertyTables extends PropertyMeetingsTables, CompaniesTables, PropertyCreditTables, RepairsTables {
  property_company: PropertyCompanyTable;
  property_contract: PropertyContractTable;
  property_meeting: PropertyMeetingTable;
}
