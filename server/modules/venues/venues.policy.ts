import type { Role } from '../../database.js';
import { can } from '../../platform/auth/permissions.js';

/**
 * Who may do what with venues (one place, unit-tested): staff read the venues of their subtree
 * and the street and community staff keep them; visitors (residents, groups) see and book the
 * venues of their own community; the county keeps the funding rule and the payments.
 */
export type VenueVerb = 'read' | 'manage' | 'visit' | 'fund';

export function mayVenue(role: Role, verb: VenueVerb): boolean {
  switch (verb) {
    case 'read': return can(role, 'venues.read');
    case 'manage': return can(role, 'venues.manage');
    case 'visit': return can(role, 'venues.visitor');
    case 'fund': return can(role, 'venues.funding');
  }
}

/** A booking may be cancelled by whoever booked it, or by staff who keep the venue. */
export function mayCancelBooking(role: Role, isBooker: boolean): boolean {
  return isBooker || mayVenue(role, 'manage');
}

/** Staff mark a check-in; the visitor who booked checks in with the code shown at the venue. */
export function checkInNeedsCode(role: Role, isBooker: boolean): boolean | null {
  if (mayVenue(role, 'manage')) return false;
  return isBooker ? true : null;
}
