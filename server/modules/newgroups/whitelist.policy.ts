import type { Role } from '../../database.js';

/**
 * Who does what beyond the routes' permissions (newgroups.manage is granted from the county down
 * to community staff): the county or street keeps the white-list (白名单); a community enrols its
 * part-time grid workers and safety officers and verifies the road reports that reached it.
 */
export const mayKeepWhitelist = (role: Role) => role === 'county_admin' || role === 'street_admin';
export const mayEnrol = (role: Role) => role === 'community_secretary' || role === 'community_worker';
export const mayRewardReports = (role: Role) => role === 'community_secretary' || role === 'community_worker';

export const WHITELIST_KEEPER = '白名单由区县或街道管理';
export const ENROLMENT_KEEPER = '兼职网格员和安全员由社区聘任';
export const REWARD_KEEPER = '路面上报由所在社区核实奖励';
