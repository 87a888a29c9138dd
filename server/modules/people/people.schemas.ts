import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';
import { revealBody } from '../../platform/pii/reveal-reason-schema.js';

export const HouseholdView = z.object({
  id: z.number(),
  unitId: z.number(),
  room: z.string(),
  address: z.string(),
  kind: z.enum(['residence', 'merchant', 'vacant']),
  areaM2: z.number().nullable(),
  residentCount: z.number(),
});

export const HouseholdQuery = PageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(60).optional(),
});

export const RelationSchema = z.enum(['head', 'spouse', 'child', 'parent', 'member', 'tenant']);

export const ResidentView = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  /** Whole years, China time. Never the birth date: it is eight of the digits the mask hides. */
  age: z.number(),
  relation: RelationSchema,
  /** Always masked: 141102**********34 (platform/pii maskIdNumber). */
  idNumber: z.string(),
  /** Always masked: 138****5678. */
  phone: z.string().nullable(),
  householdId: z.number().nullable(),
  address: z.string().nullable(),
  isPartyMember: z.boolean(),
});
export type ResidentView = z.infer<typeof ResidentView>;

export const ResidentQuery = PageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  householdId: z.coerce.number().int().positive().optional(),
  /** A name prefix, or a full ID number or mobile number for an exact match. */
  q: z.string().trim().max(60).optional(),
});

export const CreateResidentBody = z.object({
  householdId: z.number().int().positive(),
  name: z.string().trim().min(1, '请输入姓名').max(30),
  idNumber: z.string().trim().min(1, '请输入身份证号').max(18, '身份证号应为18位'),
  phone: z.string().trim().max(11).optional().or(z.literal('')),
  relation: RelationSchema.default('member'),
});

export const RevealBody = revealBody({ field: z.enum(['idNumber', 'phone']) });

export const MoveResidentBody = z.object({ householdId: z.number().int().positive() });

export const OrgFilterQuery = PageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(60).optional(),
});

export const MerchantView = z.object({
  id: z.number(),
  name: z.string(),
  business: z.string(),
  address: z.string(),
  contactName: z.string(),
  phone: z.string().nullable(),
  orgId: z.number(),
});
