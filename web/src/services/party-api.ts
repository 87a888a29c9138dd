import { get, patch, post } from './api.js';
import type { Paged, PartyOrg, PartyOrgKind, SecretaryKind } from './types.js';

/**
 * Party-tree upkeep calls, mirroring server/modules/party/party.schemas.ts; pages import from
 * here, never fetch themselves.
 */

export type MemberKind = 'resident' | 'retired' | 'in_service' | 'student' | 'worker';
export const MEMBER_KINDS: readonly MemberKind[] = ['resident', 'retired', 'in_service', 'student', 'worker'];
export const SECRETARY_KINDS: readonly SecretaryKind[] = ['retired', 'resident', 'dual_post', 'professional', 'graduate'];

export interface PartyTransfer {
  id: number;
  kind: 'in' | 'move' | 'out';
  fromName: string | null;
  toName: string | null;
  place: string | null;
  transferredOn: string;
}

export interface SecretaryAppointment {
  id: number;
  memberId: number;
  name: string;
  secretaryKind: SecretaryKind;
  appointedAt: string;
  endedAt: string | null;
}

export interface PartyCoverage {
  communityId: number;
  name: string;
  grids: number;
  gridsWithBranch: number;
  buildings: number;
  buildingsWithGroup: number;
}

export const createPartyOrg = (input: { parentId: number | null; kind: PartyOrgKind; name: string; orgId: number; householdId?: number }) =>
  post<PartyOrg>('/party/orgs', input);

export const renamePartyOrg = (id: number, name: string) => patch<PartyOrg>(`/party/orgs/${id}`, { name });

export const movePartyOrg = (id: number, input: { parentId: number; orgId?: number }) => post<PartyOrg>(`/party/orgs/${id}/move`, input);

export const dissolvePartyOrg = (id: number) => post<{ ok: true }>(`/party/orgs/${id}/dissolve`);

export const registerPartyMember = (input: { residentId: number; partyOrgId: number; memberKind: MemberKind; joinedOn: string; fromPlace?: string }) =>
  post<{ id: number }>('/party/members', input);

export const transferPartyMember = (id: number, input: { toPartyOrgId?: number; destination?: string; transferredOn: string }) =>
  post<{ ok: true }>(`/party/members/${id}/transfer`, input);

export const listPartyTransfers = (memberId: number) => get<{ items: PartyTransfer[] }>(`/party/members/${memberId}/transfers`);

export const appointSecretary = (partyOrgId: number, memberId: number, secretaryKind: SecretaryKind) =>
  post<{ ok: true }>(`/party/orgs/${partyOrgId}/secretary`, { memberId, secretaryKind });

export const listSecretaryAppointments = (partyOrgId: number) =>
  get<{ items: SecretaryAppointment[] }>(`/party/orgs/${partyOrgId}/secretaries`);

export const listPartyCoverage = (query: { orgId?: number; page: number; pageSize: number }) => get<Paged<PartyCoverage>>('/party/coverage', query);
