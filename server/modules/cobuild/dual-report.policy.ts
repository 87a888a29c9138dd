import type { Role } from '../../database.js';

/**
 * Who may do what in 双报到, beyond the route's permission. The unit admin's reach is its own
 * unit (account.work_unit_id), not a place: it sees its pairings and its members' records in
 * whatever community they report to, and nothing of other units.
 */

/** Counties and streets register work units and may record a unit's pairing for it. */
export function registersUnits(role: Role): boolean {
  return role === 'county_admin' || role === 'street_admin';
}

/** The community (or the street above it) confirms or declines reports and sets the posts it offers. */
export function decidesReports(role: Role): boolean {
  return role === 'community_secretary' || role === 'community_worker' || role === 'street_admin';
}

/** 双评价 is the community's word on its members and paired units. */
export function evaluates(role: Role): boolean {
  return role === 'community_secretary' || role === 'community_worker';
}

/** Accounts that see one unit only. */
export function isUnitAdmin(role: Role): boolean {
  return role === 'work_unit';
}
