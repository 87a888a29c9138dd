import { get, post, request } from './api.js';
import type { z } from 'zod';
import type { RevealReasonInput } from './types.js';

/** 小区管理 calls; the shapes come from server/modules/selfrun/compounds.schemas.ts. */
type S = typeof import('../../../server/modules/selfrun/compounds.schemas.js');

export type CompoundList = z.infer<S['CompoundList']>;
export type CompoundRow = z.infer<S['CompoundRow']>;
export type Figures = z.infer<S['Figures']>;
export type Mode = z.infer<S['Mode']>;
export type StoredMode = z.infer<S['StoredMode']>;
export type UnitList = z.infer<S['UnitList']>;
export type UnitRow = UnitList['items'][number];
export type CommitteeView = z.infer<S['CommitteeView']>;
export type AddMember = z.input<S['AddMember']>;
export type AddOwner = z.input<S['AddOwner']>;
export type FiveHavesView = z.infer<S['FiveHavesView']>;
export type FiveHaveItem = z.infer<S['FiveHaveItem']>;

export const MODES: readonly Mode[] = ['company', 'self_run', 'unit_managed', 'none'];
export const FIVE_HAVE_ITEMS: readonly FiveHaveItem[] = ['party_org', 'venue', 'member_ledger', 'contact', 'emergency_plan'];

export const listCompounds = (q: { page: number; pageSize: number; mode?: Mode; name?: string }) => get<CompoundList>('/selfrun/compounds', q);
export const getFigures = () => get<Figures>('/selfrun/compounds/figures');
export const getCompound = (id: number) => get<CompoundRow>(`/selfrun/compounds/${id}`);
export const setMode = (id: number, b: { mode: StoredMode; since: string; reason: string }) => post<{ ok: true }>(`/selfrun/compounds/${id}/mode`, b);
export const listUnits = (id: number, q: { page: number; pageSize: number }) => get<UnitList>(`/selfrun/compounds/${id}/units`, q);
export const addUnit = (id: number, b: { label: string; areaM2: number; developerUnsold?: boolean }) => post<{ ok: true; id: number }>(`/selfrun/compounds/${id}/units`, b);
export const setArea = (id: number, unitId: number, areaM2: number) => post<{ ok: true }>(`/selfrun/compounds/${id}/units/${unitId}/area`, { areaM2 });
export const addOwner = (id: number, unitId: number, b: AddOwner) => post<{ ok: true; id: number }>(`/selfrun/compounds/${id}/units/${unitId}/owners`, b);
export const endOwner = (id: number, ownerId: number) => post<{ ok: true }>(`/selfrun/compounds/${id}/owners/${ownerId}/end`, {});
export const getCommittee = (id: number) => get<CommitteeView>(`/selfrun/compounds/${id}/committee`);
export const addMember = (id: number, b: AddMember) => post<{ ok: true; id: number }>(`/selfrun/compounds/${id}/committee/members`, b);
export const leaveMember = (id: number, memberId: number) => post<{ ok: true }>(`/selfrun/compounds/${id}/committee/members/${memberId}/leave`, {});
export const getFiveHaves = (id: number) => get<FiveHavesView>(`/selfrun/compounds/${id}/five-haves`);
export const recordFiveHave = (id: number, item: FiveHaveItem, b: { note: string; photoIds: number[] }) =>
  post<{ ok: true }>(`/selfrun/compounds/${id}/five-haves/${item}`, b);

export type ImportPreview = z.infer<S['ImportPreview']>;
/** 产权登记导入: apply=false previews the rows with their errors; apply=true writes them when none has an error. */
export function registerImport(id: number, file: File, apply: boolean): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request('POST', `/selfrun/compounds/${id}/register-import?apply=${apply}`, { form });
}

/** An owner's full ID number or phone, for a reason the server records. */
export const revealOwner = (id: number, ownerId: number, field: 'idNumber' | 'phone', reason: RevealReasonInput) =>
  post<{ value: string }>(`/selfrun/compounds/${id}/owners/${ownerId}/reveal`, { field, ...reason });
