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
  | 'demands.read' // see demands (which ones: the demands module's visibility rule)
  | 'demands.act' // report, handle, rate — the lifecycle table decides which step by role
  | 'demands.dispatch' // a department's 报到 on a whistle
  | 'demands.assign' // list whom a demand may be assigned to (the assign step itself is demands.act)
  | 'demands.rates'
  | 'departments.manage'
  | 'open311.keys'
  | 'calendar.read' // the working-day calendar (holidays and make-up days)
  | 'calendar.manage' // edit the working-day calendar: the city's
  | 'demands.meetings'
  | 'gridtasks.read' // the county's admission list and the tasks pushed to grids in scope
  | 'gridtasks.manage' // push tasks to grids, mark them done; list edits are county admins' (service rule)
  | 'leaders.read'
  | 'leaders.write' // leaders, their links (包联) and visits
  | 'points.read' // rules, holders, records, months, figures and honours of the communities in scope
  | 'points.rules' // change rule items, base points, the objection window; grant base points; set building/unit heads
  | 'points.record' // 一事一记; which items a role may record is each item's recorderRoles
  | 'points.review' // the community points group: approve or reject records, close months, decide objections
  | 'points.self' // the holder an account stands for (a resident's household, a merchant): balance, entries, objections to the notice
  | 'points.verify' // recompute the ledger's hash chains
  | 'points.store' // run the points supermarket: stores, items, stock, events, orders, handover
  | 'points.redeem' // a holder's own redemptions in the supermarket
  | 'workforce.read' // staff, pay tables, workers per 10,000 residents, secretary stars in scope
  | 'workforce.write' // create, edit and mark staff as left
  | 'workforce.rate' // the county's 三岗十八级 pay table and star rules; compute and assess secretary stars
  | 'registrations.review' // residents' own registration requests (phone sign-up): confirm into a household or reject
  | 'volunteers.read' // volunteer organisations, volunteers, projects, activities and hours in scope (an org admin: its own)
  | 'volunteers.manage' // register organisations and volunteers, run projects and activities, confirm and correct hours
  | 'volunteers.self' // the volunteer an account is: register, sign up, check in and out, own hours and stars
  | 'cobuild.read' // work units, pairings, in-service members' reports, the three lists and projects in scope
  | 'cobuild.manage' // register units, confirm reports and pairings, evaluate (双评价), keep the lists, assign and accept projects
  | 'cobuild.unit' // a work unit's admin, for its own unit only: pairings, members' records, evaluation export, resources, 揭榜
  | 'cobuild.report' // an in-service party member's own 报到 to the community where they live, and posts taken
  | 'wishes.read' // micro-wishes (微心愿) of the communities in scope
  | 'wishes.post' // post a wish for a resident in need, confirm its fulfilment, withdraw it
  | 'wishes.claim' // the wall: claim (认领) and fulfil a wish — in-service members and volunteers
  | 'campaigns.read' // campaigns (专项行动) in scope and their progress
  | 'campaigns.manage' // launch a campaign, tag activities and demands to it
  | 'property.read' // property companies, contracts, credit scores, lists, sanctions, meetings and repairs in scope
  | 'property.register' // the register: companies, their contracts per compound, party branches and instructors
  | 'property.credit' // evaluation schemes, scoring a quarter, publishing the 红黑榜, deciding companies' objections
  | 'property.rate' // the street's, community's and compound branch's quarterly rating of a compound's company
  | 'property.sanction' // 约谈, 限期整改, 降级/降费, 清退 and 重新选聘, each with who decided and why
  | 'property.meetings' // convene the three-party monthly meeting: agenda, attendance, decisions and their tasks
  | 'property.repairs' // maintenance-fund repairs: apply with quotes, approve, carry out, accept, publish
  | 'property.company' // a property company's account, for its own company: compounds, demands, scores, sanctions, objections, tasks
  | 'property.resident' // a resident: rate the compound's property company (one vote per household), see its repairs and meetings
  | 'selfrun.read' // compounds' management modes, units and owners, committees, 五有, steps, votes and accounts in scope
  | 'selfrun.manage' // keep compounds' modes, units, owners and committees; run the ten steps and owners' votes; enter paper ballots
  | 'selfrun.committee' // a committee member (业委会/物管会, checked against committee_member): the compound's steps and public account
  | 'selfrun.owner' // an owner: vote, see the compound's account and statements, rate the service once a year
  | 'newgroups.read' // platforms, stations, gig workers (masked), their party organisations, coverage, service points, white-list and reports in scope
  | 'newgroups.manage' // register platforms, stations and workers (with consent), party organisations, instructors, service points; the white-list; enrol part-time grid workers
  | 'newgroups.rider' // a gig worker's own pages: the nearest open service points, the gate pass, reports from the road
  | 'newgroups.gate' // a compound gate: scan and check a rider's pass
  | 'venues.read' // party-mass venues, their 三要六有 checklists, rooms, bookings, use, funding and monthly calendars in scope
  | 'venues.manage' // keep venues, checklists, rooms and hours; confirm bookings and check-ins; publish the month's calendar (党群阵地@你)
  | 'venues.funding' // the county's reward-based funding rule (以奖代补): tiers, computing awards, recording payments
  | 'venues.visitor' // a resident or group: book a room, follow venues, read the month's announcements
  | 'supervision.read' // inspections, problems, rectification and counts in scope
  | 'supervision.plan' // the coordination mechanism: member departments, working groups, inspection plans
  | 'supervision.inspect' // record problems with photos and place, hand them over, verify rectification
  | 'supervision.rectify' // a county or department: report rectification of problems handed to it
  | 'relief.read' // 减负: the certificate list and the register of signs and duties removed, refusals counted
  | 'relief.manage' // keep the certificate list and the register of removed signs and duties
  | 'relief.certify' // a community: issue a listed certificate or refuse with a pointer to the right office
  | 'stats.read' // the cockpit: every indicator for units in scope, their children and trends
  | 'stats.publish' // a county: choose the indicators it publishes as open data and on the public portal
  | 'platform.health' // the database kind, target and migration version behind /api/health
  | 'self'; // any signed-in account, about itself only

const ADMIN: Permission[] = [
  'org.read', 'org.write', 'people.read', 'people.write', 'pii.reveal',
  'party.read', 'party.write', 'audit.read', 'accounts.manage', 'self',
];

const BASE: Record<Role, readonly Permission[]> = {
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
  merchant: ['self'],
  work_unit: ['org.read', 'self'],
  volunteer_org: ['org.read', 'self'],
  gig_worker: ['self'],
};

const STAFF: Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker'];

/** Grants of each module, kept apart so a module's roles read in one place. */
const MODULE_GRANTS: [Permission, readonly Role[]][] = [
  ['demands.read', [...STAFF, 'department', 'property_company', 'party_member', 'resident']],
  ['demands.act', [...STAFF, 'property_company', 'party_member', 'resident']],
  ['demands.dispatch', ['department']],
  ['demands.assign', ['community_secretary', 'community_worker']],
  ['demands.rates', [...STAFF, 'department']],
  ['departments.manage', ['city_admin', 'county_admin']],
  ['open311.keys', ['county_admin', 'street_admin', 'community_secretary']],
  ['calendar.read', [...STAFF, 'department']],
  ['calendar.manage', ['city_admin']],
  ['demands.meetings', ['street_admin', 'community_secretary', 'community_worker']],
  ['gridtasks.read', [...STAFF, 'department']],
  ['gridtasks.manage', ['county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker', 'department']],
  ['leaders.read', STAFF],
  ['leaders.write', ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker']],
  ['points.read', STAFF],
  ['points.rules', ['county_admin', 'street_admin', 'community_secretary', 'community_worker']],
  ['points.record', STAFF],
  ['points.review', ['community_secretary', 'community_worker']],
  ['points.self', ['resident', 'party_member', 'merchant']],
  ['points.verify', ['city_admin', 'county_admin']],
  ['points.store', ['street_admin', 'community_secretary', 'community_worker']],
  ['points.redeem', ['resident', 'party_member', 'merchant']],
  ['platform.health', ['city_admin', 'county_admin']],
  ['registrations.review', ['county_admin', 'street_admin', 'community_secretary', 'community_worker']],
  ['workforce.read', STAFF],
  ['workforce.write', ['county_admin', 'street_admin', 'community_secretary', 'community_worker']],
  ['workforce.rate', ['county_admin']],
  ['volunteers.read', [...STAFF, 'volunteer_org']],
  ['volunteers.manage', ['county_admin', 'street_admin', 'community_secretary', 'community_worker', 'volunteer_org']],
  ['volunteers.self', ['resident', 'party_member']],
  ['cobuild.read', [...STAFF, 'work_unit']],
  ['cobuild.manage', ['county_admin', 'street_admin', 'community_secretary', 'community_worker']],
  ['cobuild.unit', ['work_unit']],
  ['cobuild.report', ['party_member']],
  ['wishes.read', STAFF],
  ['wishes.post', ['community_secretary', 'community_worker', 'grid_worker']],
  ['wishes.claim', ['party_member', 'resident']],
  ['campaigns.read', [...STAFF, 'volunteer_org']],
  ['campaigns.manage', ['county_admin', 'street_admin']],
  ['property.read', [...STAFF, 'department']],
  ['property.register', ['county_admin', 'street_admin', 'department']],
  ['property.credit', ['county_admin']],
  ['property.rate', ['street_admin', 'community_secretary', 'community_worker']],
  ['property.sanction', ['county_admin', 'street_admin', 'department']],
  ['property.meetings', ['community_secretary', 'community_worker', 'grid_worker']],
  ['property.repairs', ['street_admin', 'community_secretary', 'community_worker', 'property_company']],
  ['property.company', ['property_company']],
  ['property.resident', ['resident', 'party_member']],
  ['selfrun.read', [...STAFF, 'department']],
  ['selfrun.manage', ['street_admin', 'community_secretary', 'community_worker']],
  ['selfrun.committee', ['resident', 'party_member']],
  ['selfrun.owner', ['resident', 'party_member']],
  ['newgroups.read', [...STAFF, 'department']],
  ['newgroups.manage', ['county_admin', 'street_admin', 'community_secretary', 'community_worker']],
  ['newgroups.rider', ['gig_worker']],
  ['newgroups.gate', ['property_company', 'community_secretary', 'community_worker', 'grid_worker']],
  ['venues.read', [...STAFF, 'department']],
  ['venues.manage', ['street_admin', 'community_secretary', 'community_worker']],
  ['venues.funding', ['county_admin']],
  ['venues.visitor', ['resident', 'party_member', 'gig_worker', 'volunteer_org', 'work_unit']],
  ['supervision.read', ['city_admin', 'county_admin', 'street_admin', 'department']],
  ['supervision.plan', ['city_admin', 'county_admin']],
  ['supervision.inspect', ['city_admin', 'county_admin', 'department']],
  ['supervision.rectify', ['county_admin', 'street_admin', 'department']],
  ['relief.read', [...STAFF, 'department']],
  ['relief.manage', ['city_admin', 'county_admin', 'street_admin']],
  ['relief.certify', ['community_secretary', 'community_worker']],
  ['stats.read', ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker']],
  ['stats.publish', ['county_admin']],
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = Object.fromEntries(
  (Object.keys(BASE) as Role[]).map((role) => [
    role,
    [...BASE[role], ...MODULE_GRANTS.filter(([, roles]) => roles.includes(role)).map(([p]) => p)],
  ]),
) as unknown as Record<Role, readonly Permission[]>;

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
  merchant: 6,
  work_unit: 5,
  volunteer_org: 5,
  gig_worker: 6,
};
