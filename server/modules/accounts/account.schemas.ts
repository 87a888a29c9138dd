import { z } from 'zod';

export const RoleSchema = z.enum([
  'city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker',
  'grid_worker', 'department', 'property_company', 'party_member', 'resident',
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

export const AccountView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  scopeOrgId: z.number(),
  scopeName: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
});

export const CreateAccountBody = z.object({
  username: z.string().trim().regex(/^[a-z][a-z0-9_.]{2,31}$/, '用户名为3-32位小写字母、数字、下划线或点，以字母开头'),
  displayName: z.string().trim().min(1).max(50),
  role: RoleSchema,
  scopeOrgId: z.number().int().positive(),
  password: z.string().min(8).max(200),
});

export const Ok = z.object({ ok: z.literal(true) });
