import { get, patch, post } from './api.js';
import type { z } from 'zod';
import type { Paged, PartyOrg, SecretaryKind } from './types.js';

/**
 * Party-tree upkeep calls, mirroring server/modules/party/party.schemas.ts; pages import from
 * here, never fetch themselves.
 */

type Party = typeof import('../../../server/modules/party/party.schemas.js');

export type MemberKind = z.infer<Party['MemberKindSchema']>;
/** Every kind a member may be registered as; 社区工作者党员 is the one 专业管家型 secretaries need. */
export const MEMBER_KINDS: readonly MemberKind[] = ['resident', 'retired', 'in_service', 'student', 'worker', 'community_worker'];
export const SECRETARY_KINDS: readonly SecretaryKind[] = ['retired', 'resident', 'dual_post', 'professional', 'graduate'];

export type PartyTransfer = z.infer<Party['TransferView']>;
export type SecretaryAppointment = z.infer<Party['AppointmentView']>;
export type PartyCoverage = z.infer<Party['CoverageView']>;
export type NewPartyOrg = z.input<Party['CreatePartyOrgBody']>;
export type PartyOrgMove = z.input<Party['MovePartyOrgBody']>;
export type NewPartyMember = z.input<Party['CreateMemberBody']>;
export type PartyMemberTransfer = z.input<Party['TransferMemberBody']>;

export const createPartyOrg = (input: NewPartyOrg) =>
  post<PartyOrg>('/party/orgs', input);

export const renamePartyOrg = (id: number, name: string) => patch<PartyOrg>(`/party/orgs/${id}`, { name });

export const movePartyOrg = (id: number, input: PartyOrgMove) => post<PartyOrg>(`/party/orgs/${id}/move`, input);

export const dissolvePartyOrg = (id: number) => post<{ ok: true }>(`/party/orgs/${id}/dissolve`);

export const registerPartyMember = (input: NewPartyMember) =>
  post<{ id: number }>('/party/members', input);

export const transferPartyMember = (id: number, input: PartyMemberTransfer) =>
  post<{ ok: true }>(`/party/members/${id}/transfer`, input);

export const listPartyTransfers = (memberId: number) => get<{ items: PartyTransfer[] }>(`/party/members/${memberId}/transfers`);

export const appointSecretary = (partyOrgId: number, memberId: number, secretaryKind: SecretaryKind) =>
  post<{ ok: true }>(`/party/orgs/${partyOrgId}/secretary`, { memberId, secretaryKind });

export const listSecretaryAppointments = (partyOrgId: number) =>
  get<{ items: SecretaryAppointment[] }>(`/party/orgs/${partyOrgId}/secretaries`);

export const listPartyCoverage = (query: z.infer<Party['CoverageQuery']>) => get<Paged<PartyCoverage>>('/party/coverage', query);
