import { get, patch, post } from './api.js';
import type { Account, Department, Paged, Role } from './types.js';

/** Account upkeep for admins (/api/accounts) and the departments an account may stand for. */

export type LinkKind = 'resident' | 'department' | 'staff';
export const LINK_KINDS: LinkKind[] = ['resident', 'department', 'staff'];
export type AccountStatus = 'active' | 'disabled' | 'locked' | 'must_change';
export const ACCOUNT_STATUSES: AccountStatus[] = ['active', 'disabled', 'locked', 'must_change'];

/** Which link each role may have (the server's rule); roles not listed stand for nobody. */
export const LINK_FOR_ROLE: Partial<Record<Role, LinkKind>> = {
  resident: 'resident',
  party_member: 'resident',
  department: 'department',
  community_secretary: 'staff',
  community_worker: 'staff',
  grid_worker: 'staff',
};

export interface AccountFilter {
  role?: Role;
  orgId?: number;
  status?: AccountStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  /** Omitted: the server makes a temporary one and returns it once. */
  password?: string;
  link?: { kind: LinkKind; id: number };
}

export interface LinkCandidate {
  id: number;
  label: string;
  orgName: string;
  linkedAccountId: number | null;
}

export const listAccounts = (f: AccountFilter) => get<Paged<Account>>('/accounts', { ...f });
export const createAccount = (a: NewAccount) => post<{ id: number; temporaryPassword: string | null }>('/accounts', a);
export const updateAccount = (id: number, changes: { displayName?: string; role?: Role; scopeOrgId?: number }) =>
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
