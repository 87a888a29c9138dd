import type { ColumnType, Generated } from 'kysely';

export type WishPersonKind = 'elderly_alone' | 'child_in_need' | 'disabled' | 'other';
export type WishState = 'open' | 'claimed' | 'fulfilled' | 'confirmed' | 'withdrawn';
export type WishClaimState = 'active' | 'fulfilled' | 'confirmed' | 'released' | 'lapsed' | 'withdrawn';

/** A micro-wish (微心愿) posted for a resident in need (migration 0074). */
export interface WishTable {
  id: Generated<number>;
  community_id: number;
  org_path: string;
  county_code: string;
  resident_id: number;
  person_kind: WishPersonKind;
  /** Masked name for the wall (王**), made at posting. */
  person_mask: string;
  /** Compound and building, never unit or room. */
  place_label: string;
  title: string;
  description: string;
  budget_yuan: number;
  fulfil_by: ColumnType<string, string, string>;
  state: ColumnType<WishState, WishState | undefined, WishState>;
  claim_id: number | null;
  posted_by: number;
  posted_at: Date;
  confirmed_at: Date | null;
  confirmed_by: number | null;
  withdrawn_at: Date | null;
  withdrawn_by: number | null;
  withdraw_reason: string | null;
  client_id: string | null;
}

/** One claim (认领) of a wish: one live at a time per wish (migration 0074). */
export interface WishClaimTable {
  id: Generated<number>;
  wish_id: number;
  org_path: string;
  county_code: string;
  account_id: number;
  claimer_name: string;
  claimer_resident_id: number | null;
  claimer_kind: 'party_member' | 'volunteer';
  state: ColumnType<WishClaimState, WishClaimState | undefined, WishClaimState>;
  claimed_at: Date;
  due_at: Date;
  fulfilled_at: Date | null;
  fulfil_note: string | null;
  photo_ids: ColumnType<number[], string | undefined, string>;
  ended_at: Date | null;
  end_note: string | null;
}

/** The wishes module's tables; DB extends this. */
export interface WishesTables {
  wish: WishTable;
  wish_claim: WishClaimTable;
}
