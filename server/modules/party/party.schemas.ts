import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

export const PartyOrgKindSchema = z.enum(['committee', 'branch', 'group', 'member_household']);
export const SecretaryKindSchema = z.enum(['retired', 'resident', 'dual_post', 'professional', 'graduate']);
export const MemberKindSchema = z.enum(['resident', 'retired', 'in_service', 'student', 'worker']);

export const PartyOrgView = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: PartyOrgKindSchema,
  name: z.string(),
  orgId: z.number(),
  secretaryName: z.string().nullable(),
  secretaryKind: SecretaryKindSchema.nullable(),
  memberCount: z.number(),
  childCount: z.number(),
});

export const PartyOrgQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });

export const MemberView = z.object({
  id: z.number(),
  residentId: z.number(),
  name: z.string(),
  memberKind: MemberKindSchema,
  joinedOn: z.string(),
  partyOrgId: z.number(),
});

export const MemberQuery = PageQuery.extend({ partyOrgId: z.coerce.number().int().positive() });

export const CreatePartyOrgBody = z.object({
  parentId: z.number().int().positive().nullable(),
  kind: PartyOrgKindSchema,
  name: z.string().trim().min(1).max(60),
  orgId: z.number().int().positive(),
  householdId: z.number().int().positive().optional(),
});

export const CreateMemberBody = z.object({
  residentId: z.number().int().positive(),
  partyOrgId: z.number().int().positive(),
  memberKind: MemberKindSchema,
  joinedOn: Day,
});

export const SetSecretaryBody = z.object({
  memberId: z.number().int().positive(),
  secretaryKind: SecretaryKindSchema,
});
