import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One code request: a sent code (code_hash) or, for a phone that matched no one, only the count. */
export interface PhoneCodeTable {
  id: Generated<string>;
  phone_hash: string;
  purpose: 'login' | 'register';
  code_hash: string | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Date | null;
  ip: string | null;
  org_path: string | null;
  county_code: string | null;
}

export type RegistrationStatus = 'pending' | 'confirmed' | 'rejected';

export interface RegistrationRequestTable {
  id: Generated<number>;
  community_id: number;
  org_path: string;
  county_code: string;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_mask: string;
  phone_enc: string;
  phone_hash: string;
  phone_mask: string;
  address: string;
  status: Generated<RegistrationStatus>;
  created_at: Timestamp;
  decided_at: Date | null;
  decided_by: number | null;
  reject_reason: string | null;
  resident_id: number | null;
}

/** Tables of resident phone sign-in and registration requests; DB extends this. */
export interface PhoneLoginTables {
  phone_code: PhoneCodeTable;
  registration_request: RegistrationRequestTable;
}
