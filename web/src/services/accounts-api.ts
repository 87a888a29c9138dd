import { get, patch, post } from './api.js';
import type { z } from 'zod';
import type { Account, Department, Paged } from './types.js';

/** Account upkeep for admins (/api/accounts) and the departments an account may stand for. */

type Schemas = typeof import('../../../server/modules/accounts/account.schemas.js');

export type LinkKind = z.infer<Schemas['LinkKind']>;
export const LINK_KINDS: LinkKind[] = ['resident', 'department', 'staff', 'merchant', 'work_unit', 'volunteer_org', 'property_company'];
export type AccountStatus = z.infer<Schemas['AccountStatus']>;
export const ACCOUNT_STATUSES: AccountStatus[] = ['active', 'disabled', 'locked', 'must_change'];

/** Which link each role may have: the server's own table. */
export { LINK_FOR_ROLE } from '../../../server/modules/accounts/account.policy.js';

export type AccountFilter = z.infer<Schemas['AccountListQuery']>;
export type NewAccount = z.input<Schemas['CreateAccountBody']>;
export type LinkCandidate = z.infer<Schemas['LinkCandidate']>;

export const listAccounts = (f: AccountFilter) => get<Paged<Account>>('/accounts', { ...f });
export const createAccount = (a: NewAccount) => post<z.infer<Schemas['CreatedAccount']>>('/accounts', a);
export const updateAccount = (id: number, changes: z.input<Schemas['UpdateAccountBody']>) =>
  patch<{ ok: true }>(`/accounts/${id}`, changes);
export const disableAccount = (id: number) => post<{ ok: true }>(`/accounts/${id}/disable`);
export const enableAccount = (id: number) => post<{ ok: true }>(`/accounts/${id}/enable`);
export const unlockAccount = (id: number) => post<{ ok: true }>(`/accounts/${id}/unlock`);
export const resetAccountPassword = (id: number, password?: string) =>
  post<{ temporaryPassword: string | null }>(`/accounts/${id}/reset-password`, password ? { password } : {});
export const linkAccount = (id: number, link: { kind: LinkKind; id: number }) => post<{ ok: true }>(`/accounts/${id}/link`, link);
export const unlinkAccount = (id: number) => post<{ ok: true }>(`/accounts/${id}/unlink`);
export const linkCandidates = (kind: LinkKind, orgId: number, q?: string) =>
  get<{ items: LinkCandidate[] }>('/accounts/link-candidates', { kind, orgId, q });

export const createDepartment = (name: string, orgId: number) => post<Department>('/departments', { name, orgId });
