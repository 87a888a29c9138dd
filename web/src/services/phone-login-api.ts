import { get, post, request } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/**
 * Residents' phone sign-in and registration requests; shapes mirror
 * server/modules/accounts/phone-login.schemas.ts. Signing in itself is api.phoneLogin (it keeps
 * the CSRF token).
 */
type PhoneLogin = typeof import('../../../server/modules/accounts/phone-login.schemas.js');

export type CodeSent = z.infer<PhoneLogin['CodeSent']>;
export type CommunityOption = z.infer<PhoneLogin['CommunityOption']>;
export type RegistrationStatus = z.infer<PhoneLogin['RegistrationStatusSchema']>;
export const REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed', 'rejected'];
/** A registration request; the applicant's ID number and phone masked by the server. */
export type Registration = z.infer<PhoneLogin['RegistrationView']>;
export type CodeRequest = z.input<PhoneLogin['CodeRequestBody']>;
export type RegistrationInput = z.input<PhoneLogin['RegistrationBody']>;
export type ConfirmInput = z.input<PhoneLogin['ConfirmBody']>;
export type Relation = NonNullable<ConfirmInput['relation']>;

export const requestPhoneCode = (input: CodeRequest) =>
  post<CodeSent>('/auth/phone/code', input);

export const searchCommunities = (q: string) => get<{ items: CommunityOption[] }>('/public/communities', { q });

export const submitRegistration = (input: RegistrationInput) =>
  // A wrong code answers 401: not a lost session.
  request<z.infer<PhoneLogin['RegistrationSubmitted']>>('POST', '/auth/phone/registrations', { json: input, quietUnauthenticated: true });

export const listRegistrations = (query: z.infer<PhoneLogin['RegistrationQuery']>) =>
  get<Paged<Registration>>('/registrations', query);

export const confirmRegistration = (id: number, input: ConfirmInput) =>
  post<Registration>(`/registrations/${id}/confirm`, input);

export const rejectRegistration = (id: number, reason: string) => post<Registration>(`/registrations/${id}/reject`, { reason });
