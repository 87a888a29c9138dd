import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery, paged } from '../../platform/http/paging.js';

/** 三方协调月例会: requests and answers of the meeting routes (the web's types come from here). */
const id = z.number().int().positive();
const qid = z.coerce.number().int().positive();
const instant = z.string().datetime({ offset: true, message: '时间格式不正确' });
const text = (max: number) => z.string().trim().min(1, '请填写内容').max(max, `不能超过 ${max} 个字`);
export const Month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');

export const MeetingStatus = z.enum(['planned', 'held', 'cancelled']);
export const TaskOwnerKind = z.enum(['company', 'community', 'owners_committee', 'person']);
export const TaskStatus = z.enum(['open', 'reported', 'done', 'dropped']);
export const MeetingParty = z.enum(['community', 'owners_committee', 'management_committee', 'company', 'resident_rep']);
export const AgendaKind = z.enum(['carried', 'demand', 'proposal', 'free']);

export const Ok = z.object({ ok: z.boolean() });
export const Created = z.object({ id: z.number() });

export const BoardQuery = z.object({ communityId: qid.optional(), months: z.coerce.number().int().min(1).max(12).default(6) });
export const BoardCell = z.object({ month: z.string(), meetingId: z.number().nullable(), status: MeetingStatus.nullable(), companyPresent: z.boolean().nullable() });
export const Board = z.object({
  community: z.object({ id: z.number(), name: z.string() }),
  communities: z.array(z.object({ id: z.number(), name: z.string() })),
  months: z.array(z.string()),
  currentMonth: z.string(),
  compounds: z.array(z.object({ id: z.number(), name: z.string(), companyName: z.string().nullable(), cells: z.array(BoardCell) })),
});

export const ScheduleBody = z.object({ compoundId: id, month: Month, scheduledAt: instant });
export const AgendaItem = z.object({
  id: z.number(), kind: AgendaKind, title: z.string(), demandId: z.number().nullable(), proposalId: z.number().nullable(),
  task: z.object({
    id: z.number(), ownerKind: TaskOwnerKind, ownerName: z.string(), deadline: z.string(), status: TaskStatus, overdue: z.boolean(), meetingMonth: z.string(),
  }).nullable(),
});
export const Attendee = z.object({ party: MeetingParty, name: text(40), present: z.boolean() });
export const MeetingTask = z.object({
  id: z.number(), meetingId: z.number(), meetingMonth: z.string(), compoundId: z.number(), compoundName: z.string(), title: z.string(),
  ownerKind: TaskOwnerKind, ownerName: z.string(), deadline: z.string(), status: TaskStatus, overdue: z.boolean(), demandId: z.number().nullable(),
  reportNote: z.string().nullable(), closedNote: z.string().nullable(),
});
export const MeetingDetail = z.object({
  id: z.number(), compoundId: z.number(), compoundName: z.string(), communityName: z.string(), month: z.string(), status: MeetingStatus,
  scheduledAt: z.string().nullable(), heldAt: z.string().nullable(), company: z.object({ id: z.number(), name: z.string() }).nullable(),
  companyPresent: z.boolean().nullable(), minutes: z.string(), cancelReason: z.string().nullable(),
  agenda: z.array(AgendaItem), attendees: z.array(Attendee), tasks: z.array(MeetingTask),
  /** What the caller may do here, so the page shows only the buttons that will work. */
  can: z.object({ plan: z.boolean(), record: z.boolean(), closeTasks: z.boolean() }),
});
export const AgendaBody = z.object({ title: text(200) });
export const AttendanceBody = z.object({ attendees: z.array(Attendee).min(1, '请至少登记一个参会方').max(40) });
export const HoldBody = z.object({ heldAt: instant, minutes: text(5000) });
export const CancelBody = z.object({ reason: text(200) });
export const TaskBody = z.object({
  title: text(200), ownerKind: TaskOwnerKind, ownerName: z.string().trim().max(40).optional(), deadline: Day, demandId: id.optional(),
});
export const NoteBody = z.object({ note: z.string().trim().max(500).optional() });

export const TasksQuery = PageQuery.extend({ status: TaskStatus.optional() });
export const TasksPage = paged(MeetingTask);

export const ProposalBody = z.object({ content: text(500) });
export const StaffProposalBody = z.object({ compoundId: id, authorName: text(30), content: text(500) });
export const Proposal = z.object({
  id: z.number(), compoundId: z.number(), compoundName: z.string(), authorName: z.string(), content: z.string(), status: z.enum(['open', 'discussed']), createdAt: z.string(),
});
export const MyProposals = z.object({ compound: z.object({ id: z.number(), name: z.string() }).nullable(), items: z.array(Proposal) });

export const OverviewQuery = z.object({ streetId: qid.optional(), month: Month.optional() });
export const Overview = z.object({
  street: z.object({ id: z.number(), name: z.string() }),
  streets: z.array(z.object({ id: z.number(), name: z.string() })),
  month: z.string(),
  totals: z.object({ compounds: z.number(), held: z.number(), missed: z.number(), companyAbsent: z.number(), tasksDone: z.number(), tasksOpen: z.number() }),
  communities: z.array(z.object({
    id: z.number(), name: z.string(), compounds: z.number(), held: z.number(), tasksDone: z.number(),
    missed: z.array(z.object({ id: z.number(), name: z.string(), status: MeetingStatus.nullable() })),
  })),
  series: z.array(z.object({ month: z.string(), held: z.number(), missed: z.number(), tasksDone: z.number() })),
});
