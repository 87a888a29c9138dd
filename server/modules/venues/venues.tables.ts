/** Tables of the venues module (党群服务阵地, "党群阵地@你"); each migration's rows are declared here. */
import type { ColumnType, Generated } from 'kysely';

export type VenueKind = 'centre' | 'station';
export type BookingStatus = 'requested' | 'confirmed' | 'declined' | 'cancelled';
type Num = ColumnType<string, string | number, string | number>;
type DateOrNull = ColumnType<Date | null, Date | null | undefined, Date | null>;
type IdOrNull = ColumnType<number | null, number | null | undefined, number | null>;
type TextOrNull = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;
type Stamp = ColumnType<Date, Date | undefined, Date>;

export interface OpeningHours { weekday: number; opens: string; closes: string }
export interface FundingTier { name: string; minUses: number; requireStandard: boolean; amount: number }

/** A centre or compound station (migration 0110). */
export interface VenueTable {
  id: Generated<number>;
  kind: VenueKind;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  address: string;
  area_m2: Num;
  hours: Json<OpeningHours[]>;
  checkin_code: string;
  created_by: number;
  created_at: Stamp;
}

export interface VenueStandardItemTable {
  id: Generated<number>;
  venue_id: number;
  item: string;
  note: ColumnType<string, string | undefined, string>;
  org_path: string;
  county_code: string;
  recorded_by: number;
  recorded_at: Stamp;
}

export interface VenueRoomTable {
  id: Generated<number>;
  venue_id: number;
  name: string;
  capacity: number;
  org_path: string;
  county_code: string;
}

export interface VenueBookingTable {
  id: Generated<number>;
  room_id: number;
  venue_id: number;
  org_path: string;
  county_code: string;
  account_id: number;
  group_name: TextOrNull;
  purpose: string;
  attendees: number;
  starts_at: Date;
  ends_at: Date;
  status: ColumnType<BookingStatus, BookingStatus | undefined, BookingStatus>;
  decided_by: IdOrNull;
  decided_at: DateOrNull;
  decline_reason: TextOrNull;
  cancelled_at: DateOrNull;
  checked_in_at: DateOrNull;
  checked_in_by: IdOrNull;
  created_at: Stamp;
}

export interface VenueFundingRuleTable {
  id: Generated<number>;
  county_code: string;
  org_path: string;
  version: number;
  tiers: Json<FundingTier[]>;
  note: ColumnType<string, string | undefined, string>;
  created_by: number;
  created_at: Stamp;
}

export interface VenueAwardTable {
  id: Generated<number>;
  venue_id: number;
  year: number;
  rule_id: number;
  org_path: string;
  county_code: string;
  uses: number;
  visitors: number;
  standard_met: boolean;
  tier: TextOrNull;
  amount: number;
  breakdown: Json<unknown>;
  computed_by: number;
  computed_at: Date;
}

export interface VenuePaymentTable {
  id: Generated<number>;
  venue_id: number;
  year: number;
  amount: number;
  reverses_id: IdOrNull;
  note: ColumnType<string, string | undefined, string>;
  org_path: string;
  county_code: string;
  recorded_by: number;
  recorded_at: Stamp;
}

export interface VenueCalendarTable {
  id: Generated<number>;
  venue_id: number;
  month: string;
  version: number;
  org_path: string;
  county_code: string;
  published_by: number;
  published_at: Date;
}

export interface VenueCalendarItemTable {
  id: Generated<number>;
  calendar_id: number;
  day: ColumnType<string, string, string>;
  starts: string;
  ends: string;
  title: string;
  place: string;
  activity_id: IdOrNull;
}

export interface VenueFollowTable {
  account_id: number;
  venue_id: number;
  org_path: string;
  county_code: string;
  followed_at: Stamp;
}

export interface VenuesTables {
  venue: VenueTable;
  venue_standard_item: VenueStandardItemTable;
  venue_room: VenueRoomTable;
  venue_booking: VenueBookingTable;
  venue_funding_rule: VenueFundingRuleTable;
  venue_award: VenueAwardTable;
  venue_payment: VenuePaymentTable;
  venue_calendar: VenueCalendarTable;
  venue_calendar_item: VenueCalendarItemTable;
  venue_follow: VenueFollowTable;
}
