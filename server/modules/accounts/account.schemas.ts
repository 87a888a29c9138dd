import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';

export const RoleSchema = z.enum([
  'city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker',
  'grid_worker', 'department', 'property_company', 'party_member', 'resident', 'merchant', 'work_unit', 'volunteer_org',
  'gig_worker',
]);

export const MeSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  permissions: z.array(z.string()),
  scope: z.object({ orgId: z.number(), name: z.string(), kind: z.string(), path: z.string() }),
  /** Department accounts: the department they act for (报到, inbox); null for other roles. */
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  /** Resident and party member accounts linked to a resident record, and that resident's household. */
  residentId: z.number().nullable(),
  householdId: z.number().nullable(),
  /** Staff accounts linked to a staff record. */
  staffId: z.number().nullable(),
  /** Merchant accounts linked to a merchant (商户): its points and redemptions. */
  merchantId: z.number().nullable(),
  /** Work unit admins (单位管理员): the work unit they act for. */
  workUnitId: z.number().nullable(),
  /** Volunteer organisation admins: the organisation they run. */
  volunteerOrgId: z.number().nullable(),
  /** Property company accounts (项目经理): the company on the county's register they act for. */
  propertyCompanyId: z.number().nullable(),
  /** Gig worker accounts (couriers, riders, drivers): the worker they are. */
  gigWorkerId: z.number().nullable(),
  /** A new or reset account must choose its own password before anything else. */
  mustChangePassword: z.boolean(),
});

export const SessionResponse = z.object({ account: MeSchema, csrfToken: z.string() });

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
});

export const PasswordBody = z.object({
  oldPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8, '密码至少8位').max(200),
});

/** What an account stands for. */
export const LinkKind = z.enum(['resident', 'department', 'staff', 'merchant', 'work_unit', 'volunteer_org', 'property_company', 'gig_worker']);
export type LinkKind = z.infer<typeof LinkKind>;

export const AccountLink = z.object({ kind: LinkKind, id: z.number(), label: z.string() });

export const AccountView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  scopeOrgId: z.number(),
  scopeName: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  link: AccountLink.nullable(),
});

export const AccountStatus = z.enum(['active', 'disabled', 'locked', 'must_change']);

export const AccountListQuery = PageQuery.extend({
  role: RoleSchema.optional(),
  /** Accounts whose place is this org unit or below it. */
  orgId: z.coerce.number().int().positive().optional(),
  status: AccountStatus.optional(),
  q: z.string().trim().max(50).optional(),
});

const LinkInput = z.object({ kind: LinkKind, id: z.number().int().positive() });

export const CreateAccountBody = z.object({
  username: z.string().trim().regex(/^[a-z][a-z0-9_.]{2,31}$/, '用户名为3-32位小写字母、数字、下划线或点，以字母开头'),
  displayName: z.string().trim().min(1).max(50),
  role: RoleSchema,
  scopeOrgId: z.number().int().positive(),
  /** Omitted: a temporary password is made and shown once. Either way it must be changed at first sign-in. */
  password: z.string().min(8, '密码至少8位').max(200).optional(),
  link: LinkInput.optional(),
});

export const CreatedAccount = z.object({ id: z.number(), temporaryPassword: z.string().nullable() });

export const UpdateAccountBody = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  role: RoleSchema.optional(),
  scopeOrgId: z.number().int().positive().optional(),
});

export const ResetPasswordBody = z.object({ password: z.string().min(8, '密码至少8位').max(200).optional() });
export const TemporaryPassword = z.object({ temporaryPassword: z.string().nullable() });

export const LinkBody = LinkInput;

export const LinkCandidatesQuery = z.object({
  kind: LinkKind,
  /** The place of the account being linked: candidates on its branch of the tree. */
  orgId: z.coerce.number().int().positive(),
  q: z.string().trim().max(50).optional(),
});

export const LinkCandidate = z.object({
  id: z.number(),
  label: z.string(),
  /** Where the record sits (community, grid…). */
  orgName: z.string(),
  /** An account already linked to it (residents and staff have one account each; departments, units and organisations may have several, so null). */
  linkedAccountId: z.number().nullable(),
});

export const Ok = z.object({ ok: z.literal(true) });
