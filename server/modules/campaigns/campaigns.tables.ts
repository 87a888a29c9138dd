import type { Generated } from 'kysely';

export type CampaignKind = 'parking' | 'flying_wires' | 'fire_lanes' | 'other';
export type CampaignSubjectKind = 'demand' | 'activity';

/** A campaign (专项行动) launched by a street or county (migration 0075). */
export interface CampaignTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  kind: CampaignKind;
  title: string;
  description: Generated<string>;
  starts_on: string;
  ends_on: string;
  created_by: number;
  created_at: Date;
}

/** A community or compound the campaign targets. */
export interface CampaignTargetTable {
  campaign_id: number;
  org_id: number;
  org_path: string;
  county_code: string;
}

/** A demand or a volunteer activity tagged to a campaign. */
export interface CampaignItemTable {
  id: Generated<number>;
  campaign_id: number;
  subject_kind: CampaignSubjectKind;
  subject_id: number;
  org_path: string;
  county_code: string;
  tagged_by: number;
  tagged_at: Date;
}

/** The campaigns module's tables; DB extends this. */
export interface CampaignsTables {
  campaign: CampaignTable;
  campaign_target: CampaignTargetTable;
  campaign_item: CampaignItemTable;
}
