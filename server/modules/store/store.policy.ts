import type { Role, StoreOrderStatus } from '../../database.js';
import { can } from '../../platform/auth/permissions.js';

/**
 * Who may do what in the points supermarket (积分超市), beyond the permission on each route
 * (`points.store` for staff, `points.redeem` for holders).
 */

/**
 * Holder accounts (residents, party members, merchants) redeem for themselves: they see the
 * stores, items and photos of their own community, whatever their scope says.
 */
export const redeemsAsHolder = (role: Role) => can(role, 'points.redeem');

/**
 * Staff never read an open pickup code off a list: the code said at the counter is the holder's
 * consent to the handover. The holder sees it, and anyone sees it once the order is handed over.
 */
export const showsPickupCode = (forHolder: boolean, status: StoreOrderStatus) => forHolder || status === 'handed_over';
