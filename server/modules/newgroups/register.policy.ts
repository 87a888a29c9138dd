import type { Role } from '../../database.js';

/** Platforms are kept on a county's register: only the county (区县) adds them; streets and communities read it. */
export const PLATFORM_KEEPER = '平台企业由区县登记';
export const mayKeepPlatforms = (role: Role) => role === 'county_admin';
