import type { Role } from '../../database.js';

/**
 * Who may do what in 志愿吕梁 beyond each route's permission. Staff work by the org tree (their
 * scope); an organisation's admin (role volunteer_org) works only on its own organisation:
 * its members, projects and activities, whatever else lies in its scope.
 */

/** Roles bound to one organisation: every read and write is narrowed to it. */
export const boundToOrganisation = (role: Role) => role === 'volunteer_org';

/** Registering an organisation is the community's, street's or county's, not an organisation's own. */
export const mayRegisterOrganisation = (role: Role) =>
  ['county_admin', 'street_admin', 'community_secretary', 'community_worker'].includes(role);

/** The volunteer's own account: residents and party members sign themselves up from the phone. */
export const mayBeVolunteer = (role: Role) => role === 'resident' || role === 'party_member';

/** What an organisation-bound caller may touch: its own organisation's records only. */
export const reachesOrganisation = (orgOnly: number | null, volunteerOrgId: number) => orgOnly == null || orgOnly === volunteerOrgId;
