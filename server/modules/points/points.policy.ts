import type { Role } from '../../database.js';
import { can } from '../../platform/auth/permissions.js';

/**
 * Who may do what with points, beyond the permission on each route. Each rule item names the
 * roles that may record it (一事一记); the community's points group (积分评议小组) sets them.
 */

/** Who records by default: the community's own staff, who also organise its activities. */
export const DEFAULT_RECORDER_ROLES: readonly Role[] = ['community_secretary', 'community_worker', 'grid_worker'];

/** May this role record this item? The item's own list decides, not the role's grants. */
export const mayRecordItem = (item: { recorder_roles: readonly Role[] }, role: Role) => item.recorder_roles.includes(role);

/** Staff read records' photos by scope; holders (residents, merchants) never read others' records. */
export const readsRecordsByScope = (role: Role) => can(role, 'points.read');
