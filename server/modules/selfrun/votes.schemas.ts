import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';

const Choice = z.enum(['agree', 'disagree', 'abstain'], { message: '请选择同意、反对或弃权' });
const When = z.string().datetime({ offset: true, message: '时间格式不正确' });

export const MatterInput = z.object({
  title: z.string().trim().min(1, '请填写表决事项').max(200, '表决事项不超过200字'),
  // 民法典第278条: special = 筹集维修资金、改建重建、改变共有部分用途或利用其从事经营; ordinary = 其他（含使用维修资金）
  kind: z.enum(['special', 'ordinary'], { message: '请选择事项类别（特别事项或一般事项）' }),
  purpose: z.enum(['self_run', 'maintenance_fund', 'committee', 'other'], { message: '请选择事项用途' }).default('other'),
});
export const CreateVoteBody = z.object({
  compoundId: z.number().int().positive('请选择小区'),
  title: z.string().trim().min(1, '请填写表决标题').max(100, '表决标题不超过100字'),
  matters: z.array(MatterInput).min(1, '至少一项表决事项').max(20, '表决事项不超过20项'),
  opensAt: When,
  closesAt: When,
  announce: z.boolean().default(false), // create and announce together (the committee's phone)
});
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
/** 公告; with a paper notice already posted, the day it went up and its photo (the 15 days count from it). */
export const AnnounceBody = z.object({
  noticePostedOn: Day.optional(),
  noticePhotoId: z.number().int().positive('请上传纸质公告照片').optional(),
}).refine((b) => !b.noticePostedOn || b.noticePhotoId, { message: '请上传张贴的纸质公告照片', path: ['noticePhotoId'] }).nullish(); // no body: announced today
export const RevokeBody = z.object({ reason: z.string().trim().min(2, '请说明撤回原因').max(200, '原因不超过200字') });
export const ProxyParams = z.object({ id: z.coerce.number().int().positive(), proxyId: z.coerce.number().int().positive() });
export const ReasonBody = z.object({ reason: z.string().trim().min(2, '请说明取消理由').max(500, '理由不超过500字') });
export const VotesQuery = PageQuery.extend({
  compoundId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  status: z.enum(['draft', 'announced', 'open', 'closed', 'published', 'cancelled']).optional(),
});
export const ChoicesInput = z.array(z.object({ matterId: z.number().int().positive(), choice: Choice })).min(1, '请对每一项表决事项作出选择');
export const PhoneBallotBody = z.object({
  choices: ChoicesInput,
  // Without it: all the caller's own units in the compound; with it: one unit the caller holds a proxy for.
  proxyUnitId: z.number().int().positive().optional(),
});
export const PaperBody = z.object({ unitId: z.number().int().positive('请选择专有部分'), choices: ChoicesInput });
export const ConfirmPaperBody = z.object({ choices: ChoicesInput });
export const EntryParams = z.object({ id: z.coerce.number().int().positive(), entryId: z.coerce.number().int().positive() });
export const ProxyBody = z.object({
  unitId: z.number().int().positive('请选择专有部分'),
  proxyIdNumber: z.string().trim().regex(/^\d{17}[\dXx]$/, '受托人身份证号格式不正确'),
  photoId: z.number().int().positive('请上传书面委托书照片'),
});
export const UnitsQuery = PageQuery.extend({ q: z.string().trim().max(50).optional() });

const Figures = z.object({
  totalArea: z.number(), totalOwners: z.number(), participatingArea: z.number(), participatingOwners: z.number(),
  agreeingArea: z.number(), agreeingOwners: z.number(),
});
export const MatterView = z.object({
  id: z.number(), seq: z.number(), title: z.string(), kind: z.enum(['special', 'ordinary']), purpose: z.string(),
  passed: z.boolean().nullable(),
  result: z.object({ figures: Figures, rule: z.string(), failures: z.array(z.string()) }).nullable(),
});
export const VoteItem = z.object({
  id: z.number(), compoundId: z.number(), compoundName: z.string(), title: z.string(),
  status: z.enum(['draft', 'announced', 'open', 'closed', 'published', 'cancelled']),
  opensAt: z.string(), closesAt: z.string(), announcedAt: z.string().nullable(),
});
export const Turnout = z.object({ units: z.number(), totalUnits: z.number(), area: z.number(), totalArea: z.number(), owners: z.number(), totalOwners: z.number() });
export const VoteDetail = VoteItem.extend({
  matters: z.array(MatterView), turnout: Turnout, chainHead: z.string().nullable(), cancelReason: z.string().nullable(),
  closedAt: z.string().nullable(), publishedAt: z.string().nullable(), pendingPaper: z.number(),
  noticePostedOn: z.string().nullable(), noticePhotoUrl: z.string().nullable(),
  canManage: z.boolean(),
});
export const UnitRow = z.object({
  id: z.number(), label: z.string(), area: z.number(), developerUnsold: z.boolean(),
  channel: z.enum(['phone', 'proxy', 'paper']).nullable(), pendingEntryId: z.number().nullable(), proxy: z.boolean(),
});
export const PaperEntry = z.object({
  id: z.number(), unitId: z.number(), unitLabel: z.string(), enteredBy: z.string(), enteredAt: z.string(), mine: z.boolean(),
});
export const ProxyRow = z.object({ id: z.number(), unitId: z.number(), unitLabel: z.string(), proxyName: z.string(), photoUrl: z.string(), createdAt: z.string() });
export const MyVote = VoteItem.extend({
  matters: z.array(MatterView),
  units: z.array(z.object({ id: z.number(), label: z.string(), area: z.number(), asProxy: z.boolean(), choices: z.record(z.string(), Choice) })),
});
export const Ok = z.object({ ok: z.literal(true) });
export const StepResult = z.object({ id: z.number(), status: z.string() });
export const PublicVote = z.object({
  id: z.number(), title: z.string(), compoundName: z.string(), opensAt: z.string(), closesAt: z.string(), publishedAt: z.string().nullable(),
  chainHead: z.string().nullable(), matters: z.array(MatterView),
});
export const BallotExport = z.object({
  voteId: z.number(), chainHead: z.string().nullable(),
  matters: z.array(z.object({ seq: z.number(), kind: z.enum(['special', 'ordinary']) })),
  units: z.array(z.object({ u: z.string(), areaCents: z.number(), owners: z.array(z.string()) })),
  ballots: z.array(z.object({ seq: z.number(), u: z.string(), choice: Choice })),
  chain: z.array(z.object({ seq: z.number(), content: z.string(), prevHash: z.string(), hash: z.string() })),
});
export type CreateVoteBody = z.infer<typeof CreateVoteBody>;
