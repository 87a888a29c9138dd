import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';
import { id, text } from './venues.schemas.js';

const year = z.coerce.number().int().min(2000).max(2100);
const yuan = z.number({ message: '请填写金额' }).int('金额以元为单位，须为整数').positive('金额须大于0').max(10_000_000, '金额过大');

export const Tier = z.object({
  name: text(20, '档次名称'),
  minUses: z.number().int().min(0, '使用次数不能为负').max(100_000),
  requireStandard: z.boolean(),
  amount: yuan,
});
export const RuleBody = z.object({ tiers: z.array(Tier).min(1, '至少设置一个档次').max(10, '最多10个档次'), note: z.string().trim().max(300).default('') });
export type RuleBody = z.infer<typeof RuleBody>;
export const Rule = z.object({ id: z.number(), version: z.number(), tiers: z.array(Tier), note: z.string(), createdAt: z.string(), countyCode: z.string() });
export const ComputeBody = z.object({ year });
export const ComputeResult = z.object({ year: z.number(), ruleVersion: z.number(), venues: z.number(), awarded: z.number(), amount: z.number() });
export const YearQuery = z.object({ year });
export const AwardsQuery = PageQuery.extend({ year });
export const Award = z.object({
  venueId: z.number(), venueName: z.string(), kind: z.enum(['centre', 'station']), streetName: z.string(), communityName: z.string(),
  year: z.number(), ruleVersion: z.number(), uses: z.number(), visitors: z.number(), standardMet: z.boolean(), tier: z.string().nullable(),
  amount: z.number(), paid: z.number(), computedAt: z.string(),
  breakdown: z.array(z.object({ tier: z.string(), minUses: z.number(), requireStandard: z.boolean(), amount: z.number(), reached: z.boolean(), reason: z.string() })),
  payments: z.array(z.object({ id: z.number(), amount: z.number(), note: z.string(), recordedAt: z.string(), reversesId: z.number().nullable(), reversed: z.boolean() })),
});
export const Figures = z.object({
  year: z.number(), venues: z.number(), awarded: z.number(), amount: z.number(), paid: z.number(),
  byStreet: z.array(z.object({ streetId: z.number(), streetName: z.string(), venues: z.number(), awarded: z.number(), amount: z.number(), paid: z.number() })),
});
export const PaymentBody = z.object({ venueId: id, year: z.number().int().min(2000).max(2100), amount: yuan, note: z.string().trim().max(200).default('') });
export const ReverseBody = z.object({ note: text(200, '冲正原因') });
