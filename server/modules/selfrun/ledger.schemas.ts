import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';
import { EXPENSE_CATEGORIES, INCOME_CATEGORIES } from './ledger.tables.js';

export const Category = z.enum([...INCOME_CATEGORIES, ...EXPENSE_CATEGORIES], { message: '收支类别不正确' });
export const Kind = z.enum(['income', 'expense'], { message: '收支方向不正确' });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const EntryBody = z.object({
  category: Category,
  // 分: whole fen only, no floats; at most 1,000 万元 in one entry.
  amountFen: z.number({ message: '请填写金额' }).int('金额以分为单位，须为整数').positive('金额须大于 0').max(1_000_000_000, '单笔金额过大'),
  day: Day,
  summary: z.string().trim().min(1, '请填写摘要').max(100, '摘要不超过100字'),
  counterparty: z.string().trim().max(60, '对方不超过60字').optional(),
  householdId: z.number().int().positive().optional(), // 物业费: the household that paid
  photoIds: z.array(z.number().int().positive()).max(6, '票据照片最多6张').default([]), // 票据 (receipts)
});
export const ReverseBody = z.object({ reason: z.string().trim().min(2, '请填写冲销原因').max(200, '原因不超过200字') });
export const CloseBody = z.object({ month: Month });
export const RateBody = z.object({ score: z.number().int('评分须为1–5的整数').min(1, '评分须为1–5').max(5, '评分须为1–5') });

export const EntryParams = z.object({ id: z.coerce.number().int().positive(), entryId: z.coerce.number().int().positive() });
export const LedgerQuery = PageQuery.extend({ month: Month.optional(), kind: Kind.optional(), category: Category.optional() });
export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const Entry = z.object({
  id: z.number(), seq: z.number(), kind: Kind, category: Category, amountFen: z.number(), day: z.string(), summary: z.string(),
  counterparty: z.string().nullable(), reversesId: z.number().nullable(), reversedBy: z.number().nullable(), reason: z.string().nullable(),
  createdByName: z.string(), createdAs: z.enum(['staff', 'committee']), balanceFen: z.number(),
  photos: z.array(z.object({ id: z.number(), url: z.string() })),
});
export const Ledger = z.object({
  compoundId: z.number(), compound: z.string(), community: z.string(), balanceFen: z.number(), closedThrough: z.string().nullable(),
  households: z.array(z.object({ id: z.number(), label: z.string() })),
  total: z.number(), items: z.array(Entry), // newest first
});
export const CategoryAmount = z.object({ category: Category, kind: Kind, amountFen: z.number() });
export const Statement = z.object({
  id: z.number(), month: z.string(), openingFen: z.number(), incomeFen: z.number(), expenseFen: z.number(), closingFen: z.number(),
  byCategory: z.array(CategoryAmount), entries: z.number(), feeHouseholds: z.number(), households: z.number(),
  // 物业费收缴率: households with a 物业费 payment dated in the month ÷ households owning a unit.
  collectionRate: z.number().nullable(), publishedAt: z.string(),
});
export const Statements = z.object({ compoundId: z.number(), compound: z.string(), community: z.string(), items: z.array(Statement) });
export const Ok = z.object({ ok: z.literal(true), id: z.number().optional() });
export const Review = z.object({
  year: z.number(), ratings: z.number(), average: z.number().nullable(), lastYearAverage: z.number().nullable(), flagged: z.boolean(),
});
export const MyAccount = z.object({
  items: z.array(z.object({
    compoundId: z.number(), compound: z.string(), community: z.string(), balanceFen: z.number(),
    statements: z.array(Statement), review: Review, myScore: z.number().nullable(), member: z.boolean(), owner: z.boolean(),
  })),
});
export const AccountList = z.object({
  total: z.number(),
  items: z.array(z.object({ compoundId: z.number(), compound: z.string(), community: z.string(), balanceFen: z.number(), closedThrough: z.string().nullable() })),
});
export const Figures = z.object({
  byStreet: z.array(z.object({ streetId: z.number(), street: z.string(), compounds: z.number(), incomeFen: z.number(), expenseFen: z.number() })),
  reviews: z.array(z.object({ compoundId: z.number(), compound: z.string(), community: z.string(), year: z.number(), ratings: z.number(), average: z.number().nullable(), flagged: z.boolean() })),
});
