import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';
import { CREDIT_SOURCES, QUARTER_RE } from './credit-formulas.js';

const id = z.number().int().positive();
const qid = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().max(max);
const reason = z.string().trim().min(2, '请写明理由（至少2个字）').max(500);

export const Quarter = z.string().regex(QUARTER_RE, '季度格式应为 2026-Q4');
export const QuarterParams = z.object({ quarter: Quarter });
export const CountyQuery = z.object({ countyId: qid.optional() });
export const CreditSource = z.enum(CREDIT_SOURCES);
export const RaterKind = z.enum(['street', 'community', 'compound']);
export const ListKind = z.enum(['red', 'black']);

export const IndicatorBody = z.object({ name: z.string().trim().min(1).max(40), source: CreditSource, weight: z.number().positive().max(100) });
export const CreateSchemeBody = z.object({
  name: z.string().trim().min(1).max(60),
  redTopN: z.number().int().positive().max(1000).nullable().optional(),
  redThreshold: z.number().min(0).max(100).nullable().optional(),
  blackThreshold: z.number().min(0).max(100),
  indicators: z.array(IndicatorBody).min(1).max(20),
});
export type CreateSchemeBody = z.infer<typeof CreateSchemeBody>;
export const Scheme = z.object({
  id: z.number(), version: z.number(), name: z.string(), status: z.enum(['active', 'superseded']),
  redTopN: z.number().nullable(), redThreshold: z.number().nullable(), blackThreshold: z.number(), partyShare: z.number(),
  createdAt: z.string(), supersededAt: z.string().nullable(),
  indicators: z.array(z.object({ name: z.string(), source: CreditSource, weight: z.number() })),
});
export type Scheme = z.infer<typeof Scheme>;
export const Created = z.object({ id: z.number() });
export const Ok = z.object({ ok: z.literal(true) });

export const RatingsQuery = PageQuery.extend({ quarter: Quarter, orgId: qid.optional() });
export const RatingCell = z.object({ score: z.number(), comment: z.string(), branchSecretary: z.string().nullable(), ratedAt: z.string(), corrections: z.number() }).nullable();
export const RatingRow = z.object({
  compoundId: z.number(), compoundName: z.string(), communityName: z.string(), companyId: z.number(), companyName: z.string(),
  street: RatingCell, community: RatingCell, compound: RatingCell,
});
export type RatingRow = z.infer<typeof RatingRow>;
export const RateBody = z.object({
  compoundId: id, quarter: Quarter, raterKind: RaterKind, score: z.number().int().min(0, '评分应在0到100之间').max(100, '评分应在0到100之间'),
  comment: text(300).default(''), branchSecretary: z.string().trim().min(1).max(30).optional(),
});
export type RateBody = z.infer<typeof RateBody>;

export const Survey = z.object({
  quarter: z.string(), compoundName: z.string().nullable(), companyName: z.string().nullable(),
  vote: z.object({ stars: z.number(), comment: z.string(), mine: z.boolean(), votedAt: z.string() }).nullable(),
});
export const VoteBody = z.object({ stars: z.number().int().min(1, '请选择1到5颗星').max(5, '请选择1到5颗星'), comment: text(200).default('') });

export const QuarterSummary = z.object({
  id: z.number(), quarter: z.string(), status: z.enum(['scored', 'published']), schemeVersion: z.number(), schemeName: z.string(),
  compounds: z.number(), companies: z.number(), scoredAt: z.string(), scoringMs: z.number().nullable(),
  publishedAt: z.string().nullable(), objectionUntil: z.string().nullable(), red: z.number(), black: z.number(), pendingObjections: z.number(),
});
export type QuarterSummary = z.infer<typeof QuarterSummary>;
export const QuartersAnswer = z.object({ countyName: z.string(), current: z.string(), items: z.array(QuarterSummary) });
export const QuarterDetail = QuarterSummary.extend({
  scheme: Scheme,
  histogram: z.array(z.object({ from: z.number(), compounds: z.number(), companies: z.number() })),
  incidents: z.array(z.object({ id: z.number(), companyId: z.number(), companyName: z.string(), reason: z.string(), recordedAt: z.string() })),
});

export const CompanyScoresQuery = PageQuery.extend({ list: z.enum(['red', 'black', 'none']).optional(), companyId: z.coerce.number().int().positive().optional() });
export const Correction = z.object({ listAfter: ListKind.nullable(), reason: z.string(), correctedAt: z.string() });
export const CompanyScore = z.object({
  companyId: z.number(), companyName: z.string(), rank: z.number(), score: z.number(), compounds: z.number(), households: z.number(),
  list: ListKind.nullable(), listReason: z.string().nullable(), correction: Correction.nullable(),
});
export const CompoundScoresQuery = PageQuery.extend({ companyId: qid.optional() });
export const Part = z.object({ source: CreditSource, weight: z.number(), value: z.number().nullable(), score: z.number().nullable() });
export const CompoundScore = z.object({
  compoundId: z.number(), compoundName: z.string(), companyId: z.number(), companyName: z.string(), households: z.number(), score: z.number(), parts: z.array(Part),
});

export const IncidentBody = z.object({ companyId: id, quarter: Quarter, reason });

export const ObjectionsQuery = PageQuery.extend({ status: z.enum(['pending', 'upheld', 'rejected']).optional() });
export const Objection = z.object({
  id: z.number(), quarter: z.string(), companyId: z.number(), companyName: z.string(), reason: z.string(), filedAt: z.string(),
  status: z.enum(['pending', 'upheld', 'rejected']), decidedAt: z.string().nullable(), decisionReason: z.string().nullable(),
  list: ListKind.nullable(), rank: z.number().nullable(), score: z.number().nullable(), correction: Correction.nullable(),
});
export const ObjectBody = z.object({ quarter: Quarter, reason });
export const DecideBody = z.object({ decision: z.enum(['upheld', 'rejected']), reason, listAfter: z.enum(['red', 'black', 'none']).optional() });

export const MyCredit = z.object({
  companyName: z.string(),
  quarters: z.array(z.object({
    quarter: z.string(), rank: z.number(), score: z.number(), list: ListKind.nullable(), listReason: z.string().nullable(),
    correction: Correction.nullable(), objectionUntil: z.string().nullable(), mayObject: z.boolean(),
  })),
  objections: z.array(Objection),
});

export const PublicLists = z.array(z.object({ id: z.number(), countyName: z.string(), quarter: z.string(), publishedAt: z.string() }));
export const PublicListParams = z.object({ id: z.coerce.number().int().positive() });
export const PublicList = z.object({
  countyName: z.string(), quarter: z.string(), publishedAt: z.string(),
  entries: z.array(z.object({ rank: z.number(), companyName: z.string(), score: z.number(), list: ListKind, corrected: z.boolean(), correctionNote: z.string().nullable() })),
});
export { PageQuery };
