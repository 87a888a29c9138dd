import type { Role } from '../../database.js';

/**
 * What each role may do. Routes name one permission in their config; the request hook checks
 * it before the handler runs, and the scope limits which rows the permission reaches.
 */
export type Permission =
  | 'org.read'
  | 'org.write'
  | 'people.read'
  | 'people.write'
  | 'pii.reveal'
  | 'party.read'
  | 'party.write'
  | 'audit.read'
  | 'accounts.manage'
  | 'self'; // any signed-in account, about itself only

const ADMIN: Permission[] = [
  'org.read', 'org.write', 'people.read', 'people.write', 'pii.reveal',
  'party.read', 'party.write', 'audit.read', 'accounts.manage', 'self',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  city_admin: ADMIN.filter((p) => p !== 'pii.reveal'),
  county_admin: ADMIN,
  street_admin: ADMIN,
  community_secretary: ADMIN,
  community_worker: ['org.read', 'org.write', 'people.read', 'people.write', 'pii.reveal', 'party.read', 'party.write', 'self'],
  grid_worker: ['org.read', 'people.read', 'people.write', 'pii.reveal', 'party.read', 'self'],
  department: ['org.read', 'self'],
  property_company: ['org.read', 'self'],
  party_member: ['self'],
  resident: ['self'],
};

export const can = (role: Role, p: Permission) => ROLE_PERMISSIONS[role].includes(p);

/** Roles an account manager may hand out: never their own level or above. */
export const ROLE_RANK: Record<Role, number> = {
  city_admin: 0,
  county_admin: 1,
  street_admin: 2,
  community_secretary: 3,
  community_worker: 4,
  grid_worker: 5,
  department: 4,
  property_company: 5,
  party_member: 6,
  resident: 6,
};
