import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';
import { DEFAULT_RECORDER_ROLES } from './points.policy.js';
import type { Role } from '../../database.js';
import { ROLE_RANK } from '../../platform/auth/permissions.js';

const Id = z.coerce.number().int().positive();
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM');
const RoleEnum = z.enum(Object.keys(ROLE_RANK) as [Role, ...Role[]]);
const HolderKind = z.enum(['household', 'merchant']);

export const CommunityQuery = z.object({ communityId: Id });

export const RuleItem = z.object({
  id: z.number(), code: z.string(), name: z.string(), direction: z.enum(['positive', 'negative']), category: z.string(),
  points: z.number(), unit: z.enum(['times', 'hours']), monthlyCap: z.number().nullable(), evidenceRequired: z.boolean(),
  recorderRoles: z.array(RoleEnum), active: z.boolean(), version: z.number(), validFrom: z.string(), validTo: z.string().nullable(),
});

export const Rules = z.object({
  communityId: z.number(), baseHousehold: z.number(), baseMerchant: z.number(), objectionDays: z.number(), customized: z.boolean(),
  /** Base points buy goods in the points supermarket (off by default). */
  baseRedeemable: z.boolean(),
  items: z.array(RuleItem),
});

export const CreateItemBody = z.object({
  communityId: z.number().int().positive(),
  name: z.string().trim().min(2).max(40),
  direction: z.enum(['positive', 'negative']),
  category: z.string().trim().min(1).max(40),
  points: z.number().int().min(1).max(1000),
  unit: z.enum(['times', 'hours']).default('times'),
  monthlyCap: z.number().int().min(1).max(10000).nullable().default(null),
  evidenceRequired: z.boolean().default(true),
  recorderRoles: z.array(RoleEnum).min(1).default(() => [...DEFAULT_RECORDER_ROLES]),
});

export const ItemCodeParams = z.object({ code: z.string().regex(/^[a-z0-9_]{2,40}$/) });

export const PatchItemBody = z.object({
  communityId: z.number().int().positive(),
  name: z.string().trim().min(2).max(40).optional(),
  points: z.number().int().min(1).max(1000).optional(),
  monthlyCap: z.number().int().min(1).max(10000).nullable().optional(),
  evidenceRequired: z.boolean().optional(),
  recorderRoles: z.array(RoleEnum).min(1).optional(),
  active: z.boolean().optional(),
}).refine((b) => Object.entries(b).some(([k, v]) => k !== 'communityId' && v !== undefined), { message: '没有要修改的内容' });

export const BaseBody = z.object({
  communityId: z.number().int().positive(),
  household: z.number().int().min(0).max(10000),
  merchant: z.number().int().min(0).max(10000),
  objectionDays: z.number().int().min(1).max(30).optional(),
  /** Whether base points buy goods; unchanged when left out. */
  baseRedeemable: z.boolean().optional(),
});

export const GrantBaseBody = z.object({ communityId: z.number().int().positive() });
export const GrantBaseResult = z.object({ granted: z.number(), households: z.number(), merchants: z.number() });

export const HoldersQuery = PageQuery.extend({
  communityId: Id,
  q: z.string().trim().max(40).optional(),
  kind: HolderKind.optional(),
});
export const Holder = z.object({ kind: HolderKind, id: z.number(), label: z.string(), balance: z.number(), score: z.number() });

export const CreateRecordBody = z.object({
  holderKind: HolderKind,
  holderId: z.number().int().positive(),
  itemId: z.number().int().positive(),
  quantity: z.number().positive().max(1000).default(1),
  occurredOn: Day,
  note: z.string().trim().max(500).default(''),
  photoIds: z.array(z.number().int().positive()).max(9).default([]),
  clientId: z.string().trim().min(8).max(64).optional(),
});

const Person = z.object({ id: z.number(), name: z.string() });
export const Record = z.object({
  id: z.number(), communityId: z.number(), holderKind: HolderKind, holderId: z.number(), holderLabel: z.string(), itemId: z.number(),
  itemName: z.string(), direction: z.enum(['positive', 'negative']), quantity: z.number(), points: z.number(), occurredOn: z.string(),
  month: z.string(), note: z.string(), photoIds: z.array(z.number()), status: z.enum(['pending', 'approved', 'rejected']),
  source: z.enum(['record', 'volunteer']), recordedBy: Person.nullable(), recordedAt: z.string(), reviewedBy: Person.nullable(),
  reviewedAt: z.string().nullable(), reviewNote: z.string().nullable(), entryId: z.number().nullable(), reversed: z.boolean(),
});

export const RecordsQuery = PageQuery.extend({
  communityId: Id.optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  month: Month.optional(),
  holderKind: HolderKind.optional(),
  holderId: Id.optional(),
});

export const ReviewBody = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(200),
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(500).optional(),
}).refine((b) => b.decision !== 'reject' || (b.note?.length ?? 0) >= 2, { message: '驳回时请写明理由', path: ['note'] });

export const ReviewResult = z.object({
  approved: z.number(), rejected: z.number(), skipped: z.array(z.object({ id: z.number(), reason: z.string() })),
});

export const MonthView = z.object({
  month: z.string(), status: z.enum(['open', 'closed', 'settled']), pending: z.number(), approved: z.number(),
  closedAt: z.string().nullable(), closedBy: z.string().nullable(), objectionUntil: z.string().nullable(), settledAt: z.string().nullable(),
  headHash: z.string().nullable(), noticeUrl: z.string().nullable(),
});

export const CloseMonthBody = z.object({ communityId: z.number().int().positive(), month: Month });

export const NoticesQuery = z.object({ orgId: Id.optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) });
export const NoticeListItem = z.object({ communityId: z.number(), communityName: z.string(), month: z.string(), publishedAt: z.string(), objectionUntil: z.string() });
export const NoticeParams = z.object({ communityId: Id, month: Month });
export const NoticeQuery = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) });
export const Notice = z.object({
  communityName: z.string(), streetName: z.string(), month: z.string(), status: z.enum(['open', 'closed', 'settled']),
  publishedAt: z.string(), objectionUntil: z.string(), households: z.number(), headSeq: z.number(), headHash: z.string(),
  rows: z.array(z.object({
    rank: z.number(), label: z.string(), kind: HolderKind, monthChange: z.number(), score: z.number(),
    items: z.array(z.object({ name: z.string(), points: z.number() })),
  })),
  total: z.number(),
  // No free text: a correction is named by its reason and rule item, never by a staff note.
  corrections: z.array(z.object({
    label: z.string(), points: z.number(), reason: z.enum(['objection_reversal', 'objection_adjustment', 'late_entry']), item: z.string().nullable(), at: z.string(),
  })),
});

export const FileObjectionBody = z.object({
  communityId: z.number().int().positive(),
  month: Month,
  recordId: z.number().int().positive().optional(),
  reason: z.string().trim().min(4, '请写明异议理由（至少4个字）').max(1000),
});

export const Objection = z.object({
  id: z.number(), communityId: z.number(), month: z.string(), holderKind: HolderKind, holderId: z.number(), holderLabel: z.string(),
  recordId: z.number().nullable(), reason: z.string(), status: z.enum(['open', 'upheld', 'dismissed']), decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(), decisionNote: z.string().nullable(), reversalEntryIds: z.array(z.number()), createdAt: z.string(),
});

export const ObjectionsQuery = PageQuery.extend({ communityId: Id.optional(), status: z.enum(['open', 'upheld', 'dismissed']).optional() });

export const DecideBody = z.object({
  decision: z.enum(['uphold', 'dismiss']),
  note: z.string().trim().min(2, '请写明处理意见').max(1000),
  reverseRecordIds: z.array(z.number().int().positive()).max(50).optional(),
  adjust: z.object({
    holderKind: HolderKind, holderId: z.number().int().positive(),
    points: z.number().int().min(-1000).max(1000).refine((n) => n !== 0, '更正分值不能为零'), note: z.string().trim().min(2).max(500),
  }).optional(),
});

export const Me = z.object({
  holder: z.object({ kind: HolderKind, id: z.number(), label: z.string() }), communityId: z.number(),
  balance: z.number(), score: z.number(), rankInCommunity: z.number(), communityHouseholds: z.number(), thisMonth: z.number(),
});
export const MyEntry = z.object({
  id: z.number(), at: z.string(), month: z.string(), kind: z.string(), amount: z.number(), itemName: z.string(), note: z.string(), balanceAfter: z.number(),
});

export const StatsQuery = z.object({ orgId: Id.optional(), from: Month.optional(), to: Month.optional() });
export const Stats = z.object({
  months: z.array(z.object({ month: z.string(), issued: z.number(), deducted: z.number(), redeemed: z.number(), holders: z.number(), records: z.number() })),
  children: z.array(z.object({ id: z.number(), name: z.string(), issued: z.number(), deducted: z.number(), redeemed: z.number() })),
});

const Format = z.enum(['json', 'xlsx']).default('json');
export const HonourHouseholdsQuery = z.object({
  communityId: Id, year: z.coerce.number().int().min(2000).max(2100), limit: z.coerce.number().int().min(1).max(500).default(20), format: Format,
});
export const HonourHousehold = z.object({
  rank: z.number(), holderId: z.number(), label: z.string(), score: z.number(),
  deeds: z.array(z.object({ name: z.string(), points: z.number(), count: z.number() })),
});
export const ReserveQuery = z.object({ communityId: Id, limit: z.coerce.number().int().min(1).max(500).default(50), format: Format });
export const Reserve = z.object({
  residentId: z.number(), name: z.string(), post: z.enum(['building_head', 'unit_head']), place: z.string(), score: z.number(), partyMember: z.boolean(),
});

export const HeadBody = z.object({ orgId: z.number().int().positive(), residentId: z.number().int().positive().nullable() });
export const HeadResult = z.object({ orgId: z.number(), post: z.enum(['building_head', 'unit_head']), residentId: z.number().nullable() });

export const VerifyBody = z.object({ communityId: z.number().int().positive().optional() });
export const VerifyResult = z.object({
  communities: z.number(), entries: z.number(), ok: z.boolean(),
  problems: z.array(z.object({
    communityId: z.number(), communityName: z.string(), entryId: z.number().nullable(), seq: z.number().nullable(),
    reason: z.enum(['hash_mismatch', 'broken_link', 'missing_entry', 'head_mismatch']), message: z.string(),
  })),
  balanceMismatches: z.array(z.object({ holderKind: z.string(), holderId: z.number(), cached: z.number(), counted: z.number(), what: z.enum(['balance', 'score']) })),
});

/** GET /points/communities: the communities under a unit, for staff above a community to pick from. */
export const CommunitiesOverviewQuery = z.object({ orgId: Id.optional() });
export const CommunitiesOverview = z.object({
  /** The month participation is counted for: the last one that should be closed. */
  month: z.string(),
  months: z.array(z.string()),
  items: z.array(z.object({
    id: z.number(), name: z.string(), streetName: z.string(), households: z.number(), participants: z.number(),
    participation: z.number().nullable(), closedCount: z.number(),
    months: z.array(z.object({ month: z.string(), status: z.enum(['open', 'closed', 'settled']) })),
  })),
});
