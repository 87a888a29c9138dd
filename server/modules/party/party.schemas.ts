import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

export const PartyOrgKindSchema = z.enum(['committee', 'branch', 'group', 'member_household']);
export const SecretaryKindSchema = z.enum(['retired', 'resident', 'dual_post', 'professional', 'graduate']);
export const MemberKindSchema = z.enum(['resident', 'retired', 'in_service', 'student', 'worker', 'community_worker']);

export const PartyOrgView = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: PartyOrgKindSchema,
  name: z.string(),
  orgId: z.number(),
  secretaryMemberId: z.number().nullable(),
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
  /** 转入: where the member's party relation comes from, when from outside the system. */
  fromPlace: z.string().trim().max(100).optional(),
});

export const SetSecretaryBody = z.object({
  memberId: z.number().int().positive(),
  secretaryKind: SecretaryKindSchema,
});

export const RenamePartyOrgBody = z.object({ name: z.string().trim().min(1).max(60) });

export const MovePartyOrgBody = z.object({
  parentId: z.number().int().positive(),
  /** A new org unit to attach to, when the present one is not inside the new parent's. */
  orgId: z.number().int().positive().optional(),
});

export const TransferMemberBody = z
  .object({
    toPartyOrgId: z.number().int().positive().optional(),
    /** Out of the system: where the relation goes, as the transfer letter names it. */
    destination: z.string().trim().min(1).max(100).optional(),
    transferredOn: Day,
  })
  .refine((b) => (b.toPartyOrgId === undefined) !== (b.destination === undefined), {
    message: '请选择转入的党组织，或填写转出系统外的去向（二选一）',
    path: ['toPartyOrgId'],
  });

export const TransferView = z.object({
  id: z.number(),
  kind: z.enum(['in', 'move', 'out']),
  fromName: z.string().nullable(),
  toName: z.string().nullable(),
  place: z.string().nullable(),
  transferredOn: z.string(),
});

export const AppointmentView = z.object({
  id: z.number(),
  memberId: z.number(),
  name: z.string(),
  secretaryKind: SecretaryKindSchema,
  appointedAt: z.string(),
  endedAt: z.string().nullable(),
});

export const CoverageQuery = PageQuery.extend({ orgId: z.coerce.number().int().positive().optional() });

export const CoverageView = z.object({
  communityId: z.number(),
  name: z.string(),
  grids: z.number(),
  gridsWithBranch: z.number(),
  buildings: z.number(),
  buildingsWithGroup: z.number(),
});
