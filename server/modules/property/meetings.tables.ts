import type { ColumnType, Generated } from 'kysely';

/** 三方协调月例会 (migration 0086): proposals, agenda, attendance and the tasks decisions become. */

export type ProposalStatus = 'open' | 'discussed';

/** 居民议题: a resident's proposal for their compound's next meeting. */
export interface PropertyProposalTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  resident_id: number | null;
  author_name: string;
  content: string;
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  discussed_meeting_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export type TaskOwnerKind = 'company' | 'community' | 'owners_committee' | 'person';
export type MeetingTaskStatus = 'open' | 'reported' | 'done' | 'dropped';

/** 决议事项: a meeting's decision as a task with an owner and a deadline. */
export interface PropertyMeetingTaskTable {
  id: Generated<number>;
  meeting_id: number;
  compound_id: number;
  org_path: string;
  county_code: string;
  title: string;
  owner_kind: TaskOwnerKind;
  owner_name: string;
  company_id: number | null;
  deadline: ColumnType<string, string, string>;
  demand_id: number | null;
  status: ColumnType<MeetingTaskStatus, MeetingTaskStatus | undefined, MeetingTaskStatus>;
  report_note: ColumnType<string | null, string | null | undefined, string | null>;
  reported_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  closed_note: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  closed_by: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export type AgendaKind = 'carried' | 'demand' | 'proposal' | 'free';

/** 议程 item: a carried task, an open demand, a proposal or a free item. */
export interface PropertyMeetingAgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  org_path: string;
  county_code: string;
  kind: AgendaKind;
  task_id: number | null;
  demand_id: number | null;
  proposal_id: number | null;
  title: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export type MeetingParty = 'community' | 'owners_committee' | 'management_committee' | 'company' | 'resident_rep';

/** 参会方: a party at the meeting by name, present or absent. */
export interface PropertyMeetingAttendeeTable {
  id: Generated<number>;
  meeting_id: number;
  org_path: string;
  county_code: string;
  party: MeetingParty;
  name: string;
  present: boolean;
}

export interface PropertyMeetingsTables {
  property_proposal: PropertyProposalTable;
  property_meeting_task: PropertyMeetingTaskTable;
  property_meeting_agenda_item: PropertyMeetingAgendaItemTable;
  property_meeting_attendee: PropertyMeetingAttendeeTable;
}
