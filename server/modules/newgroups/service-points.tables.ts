import type { ColumnType, Generated } from 'kysely';

export type ServicePointKind = 'driver_home' | 'warm_station' | 'party_centre' | 'union_station' | 'caring_merchant'; // 司机之家 / 暖"新"驿站 / 党群服务中心 / 工会驿站 / 爱心商户

/** A service point open to the groups (migration 0104). */
export interface GigServicePointTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  kind: ServicePointKind;
  address: Generated<string>;
  lat: number;
  lng: number;
  services: ColumnType<string[], string[] | undefined, string[]>;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  closed_by: ColumnType<number | null, number | null | undefined, number | null>; // who closed it and why (migration 0136)
  close_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Opening hours per China weekday, minutes after midnight, [open_min, close_min) (migration 0104). */
export interface GigServicePointHoursTable {
  point_id: number;
  weekday: number;
  open_min: number;
  close_min: number;
}

export interface ServicePointsTables {
  gig_service_point: GigServicePointTable;
  gig_service_point_hours: GigServicePointHoursTable;
}
