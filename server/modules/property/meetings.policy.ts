import type { Role } from '../../database.js';

/**
 * Who does what at the three-party meeting beyond each route's permission (property.meetings):
 * the community's secretary and workers plan, cancel and close tasks (the community convenes);
 * a grid worker may only record what happened — attendance, minutes, decisions.
 */
export const mayPlanMeeting = (role: Role) => role === 'community_secretary' || role === 'community_worker';

/** Recording a meeting (attendance, minutes, hold, decisions, free agenda items): anyone who may convene, and grid workers. */
export const mayRecordMeeting = (role: Role) => mayPlanMeeting(role) || role === 'grid_worker';

/** Confirming, sending back or dropping a task is the community's word, not the recorder's. */
export const mayCloseTask = (role: Role) => mayPlanMeeting(role);

/** A company account acts on tasks its own company owns, nobody else's. */
export const ownsTask = (accountCompanyId: number | null, taskCompanyId: number | null) =>
  accountCompanyId != null && taskCompanyId != null && accountCompanyId === taskCompanyId;
