import { get, post, request } from './api.js';
import type { Paged } from './types.js';

/**
 * Residents' phone sign-in and registration requests; shapes mirror
 * server/modules/accounts/phone-login.schemas.ts. Signing in itself is api.phoneLogin (it keeps
 * the CSRF token).
 */
export interface CodeSent {
  ok: true;
  resendAfterSeconds: number;
  expiresInSeconds: number;
}

export interface CommunityOption {
  id: number;
  name: string;
  streetName: string | null;
  countyName: string | null;
}

export type RegistrationStatus = 'pending' | 'confirmed' | 'rejected';
export const REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed', 'rejected'];
export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'member' | 'tenant';

export interface Registration {
  id: number;
  communityId: number;
  communityName: string;
  /** ID number and phone masked. */
  applicant: { name: string; idNumber: string; phone: string };
  address: string;
  status: RegistrationStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  rejectReason: string | null;
  residentId: number | null;
  /** The ID number is already in the register: confirming adds the phone to that resident. */
  knownResidentId: number | null;
}

export const requestPhoneCode = (input: { phone: string; purpose: 'login' | 'register'; communityId?: number }) =>
  post<CodeSent>('/auth/phone/code', input);

export const searchCommunities = (q: string) => get<{ items: CommunityOption[] }>('/public/communities', { q });

export const submitRegistration = (input: { phone: string; code: string; name: string; idNumber: string; communityId: number; address: string }) =>
  // A wrong code answers 401: not a lost session.
  request<{ ok: true; communityName: string }>('POST', '/auth/phone/registrations', { json: input, quietUnauthenticated: true });

export const listRegistrations = (query: { status: RegistrationStatus; page: number; pageSize: number }) =>
  get<Paged<Registration>>('/registrations', query);

export const confirmRegistration = (id: number, input: { householdId?: number; unitId?: number; room?: string; relation: Relation }) =>
  post<Registration>(`/registrations/${id}/confirm`, input);

export const rejectRegistration = (id: number, reason: string) => post<Registration>(`/registrations/${id}/reject`, { reason });
