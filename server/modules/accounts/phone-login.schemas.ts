import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';

import { PhoneNumber as Phone } from '../../platform/pii/phone.js';
export const SmsCode = z.string().trim().regex(/^\d{6}$/, '验证码为6位数字');

export const CodeRequestBody = z.object({
  purpose: z.enum(['login', 'register']),
  phone: Phone,
  /** Registration only: the community applied to (its place goes on the code's row and text). */
  communityId: z.number().int().positive().optional(),
});

/** The same for every phone, known or not: the answer must not tell which numbers are registered. */
export const CodeSent = z.object({ ok: z.literal(true), resendAfterSeconds: z.number(), expiresInSeconds: z.number() });

export const PhoneLoginBody = z.object({ phone: Phone, code: SmsCode });

export const CommunityQuery = z.object({ q: z.string().trim().max(30).default('') });
export const CommunityOption = z.object({ id: z.number(), name: z.string(), streetName: z.string().nullable(), countyName: z.string().nullable() });

export const RegistrationBody = z.object({
  phone: Phone,
  code: SmsCode,
  name: z.string().trim().min(1, '请填写姓名').max(30),
  idNumber: z.string().trim().min(1, '请填写身份证号').max(30),
  communityId: z.number().int().positive(),
  address: z.string().trim().min(2, '请填写住址').max(100),
});

/** A request is filed: the resident sees which community will review it. */
export const RegistrationSubmitted = z.object({ ok: z.literal(true), communityName: z.string() });
export type RegistrationSubmitted = z.infer<typeof RegistrationSubmitted>;

export const RegistrationStatusSchema = z.enum(['pending', 'confirmed', 'rejected']);

export const RegistrationQuery = PageQuery.extend({ status: RegistrationStatusSchema.default('pending') });

export const RegistrationView = z.object({
  id: z.number(),
  communityId: z.number(),
  communityName: z.string(),
  /** Who applied, masked; apart from the request's dates, so no date ever sits beside an ID mask. */
  applicant: z.object({ name: z.string(), idNumber: z.string(), phone: z.string() }),
  address: z.string(),
  status: RegistrationStatusSchema,
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  rejectReason: z.string().nullable(),
  residentId: z.number().nullable(),
  /** The ID number is already in the register in the caller's scope: confirming adds the phone to that resident. */
  knownResidentId: z.number().nullable(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

/** Into an existing household, or a new one in a unit (room number); ignored for a known resident. */
export const ConfirmBody = z.object({
  householdId: z.number().int().positive().optional(),
  unitId: z.number().int().positive().optional(),
  room: z.string().trim().min(1).max(20).optional(),
  relation: z.enum(['head', 'spouse', 'child', 'parent', 'member', 'tenant']).default('member'),
});

export const RejectBody = z.object({ reason: z.string().trim().min(2, '请填写不通过的原因').max(200) });
