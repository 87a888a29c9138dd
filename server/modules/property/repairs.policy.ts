import type { Role } from '../../database.js';
import type { RepairStepBy } from './repairs-lifecycle.js';

/**
 * Who may take which repair step beyond the route's permission (property.repairs). The community
 * (secretary, worker) applies and approves for its compounds, the street approves emergencies and
 * may reject or publish, and the company serving a compound under a live contract applies and
 * carries out its repairs. Reading is for staff with property.read and for the serving company.
 */
export const isCommunity = (role: Role) => role === 'community_secretary' || role === 'community_worker';
export const isStreet = (role: Role) => role === 'street_admin';
export const isCompany = (role: Role) => role === 'property_company';

/** May this role apply for a repair (a community's staff, or a company for a compound it serves)? */
export const mayApply = (role: Role) => isCommunity(role) || isCompany(role);

/** May this role take a step whose `by` is given? `servesCompound`: a company's live contract for the repair's compound. */
export function mayTakeStep(role: Role, by: RepairStepBy, servesCompound: boolean): boolean {
  switch (by) {
    case 'applicant': return isCommunity(role) || (isCompany(role) && servesCompound);
    case 'community': return isCommunity(role);
    case 'street': return isStreet(role);
    case 'community_or_street': return isCommunity(role) || isStreet(role);
  }
}

/** Refusal words per `by`, for the FORBIDDEN answer. */
export const STEP_OWNER: Record<RepairStepBy, string> = {
  applicant: '这一步由申请的社区或服务该小区的物业企业办理',
  community: '这一步由社区办理',
  street: '这一步由街道办理',
  community_or_street: '这一步由社区或街道办理',
};
