import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';

const id = z.number().int().positive();
const qid = z.coerce.number().int().positive();
const yuan = z.number({ message: '请填写金额' }).positive('金额须大于0').max(99_999_999, '金额过大').multipleOf(0.01, '金额最多两位小数');
const note = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}字`);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM');

export const RepairKind = z.enum(['lift', 'roof_leak', 'wall_leak', 'fire', 'pipes', 'ebike_shed', 'charging', 'other']);
export const RepairStatus = z.enum(['draft', 'applied', 'approved', 'rejected', 'in_progress', 'done', 'accepted', 'published']);
export const RepairAction = z.enum(['submit', 'approve_community', 'approve_street', 'record_vote', 'reject', 'start', 'finish', 'accept', 'send_back', 'publish']);
/** A step in the record: the actions and 'apply' (the application itself). */
export const RepairStepAction = z.enum(['apply', ...RepairAction.options]);

export const QuoteInput = z.object({
  supplier: note(60, '报价单位'),
  amount: yuan,
  /** Photos of the quote, uploaded through /api/files first. */
  photoIds: z.array(id).max(9, '每份报价最多9张照片').default([]),
  chosen: z.boolean().default(false),
});
export const ApplyBody = z.object({
  compoundId: id,
  kind: RepairKind,
  urgent: z.boolean().default(false),
  title: note(60, '项目名称'),
  description: note(1000, '维修内容'),
  quantity: z.number({ message: '请填写数量' }).positive('数量须大于0').max(100_000, '数量过大'),
  /** Buildings or units of the compound that benefit; households are counted from them. */
  placeIds: z.array(id).min(1, '请选择受益的楼栋或单元').max(200),
  quotes: z.array(QuoteInput).min(1, '至少提供一份报价').max(10, '最多10份报价'),
  /** false keeps it a draft (草稿) to submit later. */
  submit: z.boolean().default(true),
});
export type ApplyBody = z.infer<typeof ApplyBody>;

export const RepairsQuery = PageQuery.extend({
  status: RepairStatus.optional(), kind: RepairKind.optional(), compoundId: qid.optional(), orgId: qid.optional(),
});
export const RepairItem = z.object({
  id: z.number(), compoundId: z.number(), compoundName: z.string(), communityName: z.string(), kind: RepairKind, urgent: z.boolean(),
  title: z.string(), quantity: z.number(), households: z.number(), budget: z.number(), finalAmount: z.number().nullable(),
  status: RepairStatus, approval: z.enum(['emergency', 'vote']).nullable(), byCompany: z.string().nullable(), appliedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RepairItem = z.infer<typeof RepairItem>;

const Photo = z.object({ id: z.number(), url: z.string() });
export const RepairDetail = RepairItem.extend({
  description: z.string(),
  places: z.array(z.object({ id: z.number(), name: z.string() })),
  quotes: z.array(z.object({ id: z.number(), supplier: z.string(), amount: z.number(), chosen: z.boolean(), photos: z.array(Photo) })),
  photos: z.array(Photo),
  communityApproval: z.object({ by: z.string(), at: z.string() }).nullable(),
  streetApproval: z.object({ by: z.string(), at: z.string() }).nullable(),
  vote: z.object({
    totalArea: z.number(), totalOwners: z.number(), participatingArea: z.number(), participatingOwners: z.number(),
    agreeingArea: z.number(), agreeingOwners: z.number(), votedOn: z.string(),
    /** The owners' vote it came from; null on repairs whose counts were typed by hand before votes were linked. */
    from: z.object({ voteId: z.number(), voteTitle: z.string(), matterTitle: z.string() }).nullable(),
  }).nullable(),
  rejectReason: z.string().nullable(),
  acceptNote: z.string().nullable(),
  steps: z.array(z.object({ action: RepairStepAction, from: RepairStatus.nullable(), to: RepairStatus, by: z.string(), role: z.string(), note: z.string().nullable(), at: z.string() })),
  /** The steps the caller may take now (the page shows only these buttons). */
  actions: z.array(RepairAction),
});
export type RepairDetail = z.infer<typeof RepairDetail>;

export const NoteBody = z.object({ note: z.string().trim().max(500, '说明不能超过500字').optional() });
export const ReasonBody = z.object({ reason: note(500, '理由') });
export const FinishBody = z.object({ note: z.string().trim().max(500).optional(), photoIds: z.array(id).max(9, '最多9张照片').default([]) });
export const AcceptBody = z.object({ note: note(500, '验收意见') });
export const PublishBody = z.object({ finalAmount: yuan });
/** 业主表决: the counted matter of the compound's owners' vote (selfrun) that decided the repair; its figures are that vote's. */
export const VoteBody = z.object({ matterId: z.number({ message: '请选择业主表决事项' }).int().positive('请选择业主表决事项') });
export type VoteBody = z.infer<typeof VoteBody>;
/** A counted matter of the compound's owners' votes, with whether it may decide this repair and why not. */
export const VoteMatterOption = z.object({
  matterId: z.number(), voteId: z.number(), voteTitle: z.string(), matterTitle: z.string(), kind: z.enum(['special', 'ordinary']),
  purpose: z.string(), voteStatus: z.string(), passed: z.boolean().nullable(), closedOn: z.string().nullable(),
  counts: z.object({
    totalArea: z.number(), totalOwners: z.number(), participatingArea: z.number(), participatingOwners: z.number(), agreeingArea: z.number(), agreeingOwners: z.number(),
  }).nullable(),
  /** Why this matter cannot decide the repair (null: it can). */
  refusal: z.string().nullable(),
});
export type VoteMatterOption = z.infer<typeof VoteMatterOption>;
export const StepResult = z.object({ status: RepairStatus });

export const CompoundsQuery = z.object({ q: z.string().trim().max(30).optional() });
export const CompoundOption = z.object({ id: z.number(), name: z.string(), communityName: z.string() });
export const CompoundTotals = z.object({ households: z.number(), area: z.number() });
export const CompoundPlaces = z.object({ compoundId: z.number(), name: z.string(), totals: CompoundTotals, buildings: z.array(z.object({
  id: z.number(), name: z.string(), households: z.number(), units: z.array(z.object({ id: z.number(), name: z.string(), households: z.number() })),
})) });
export type CompoundPlaces = z.infer<typeof CompoundPlaces>;

export const FiguresQuery = z.object({ orgId: qid.optional(), from: month.optional(), to: month.optional() });
const Counted = z.object({
  repairs: z.number(), lifts: z.number(), sheds: z.number(), chargingPorts: z.number(), wallM2: z.number(), households: z.number(), amount: z.number(),
});
export const Figures = z.object({
  orgName: z.string(),
  totals: Counted,
  byPlace: z.array(Counted.extend({ orgId: z.number(), name: z.string() })),
  byMonth: z.array(Counted.extend({ month: z.string() })),
});
export type Figures = z.infer<typeof Figures>;

/** What residents see of their compound's repairs: no people, no quotes' suppliers. */
export const ResidentRepair = z.object({
  id: z.number(), kind: RepairKind, title: z.string(), description: z.string(), status: RepairStatus, urgent: z.boolean(),
  budget: z.number(), finalAmount: z.number().nullable(), households: z.number(), appliedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(), publishedAt: z.string().nullable(), photos: z.array(Photo),
});
export const ResidentRepairs = z.object({ compoundName: z.string().nullable(), items: z.array(ResidentRepair) });
export type ResidentRepairs = z.infer<typeof ResidentRepairs>;
export const ApplyResult = z.object({ id: z.number(), households: z.number() });
