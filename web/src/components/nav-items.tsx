import type { ReactNode } from 'react';
import {
  AimOutlined, ApartmentOutlined, AuditOutlined, BankOutlined, EnvironmentOutlined, BarChartOutlined, CalendarOutlined, CheckSquareOutlined, CloudUploadOutlined,
  CommentOutlined, CrownOutlined, DollarOutlined, FlagOutlined, GiftOutlined, HeartOutlined, HeatMapOutlined, HomeOutlined, IdcardOutlined,
  InboxOutlined, KeyOutlined, LikeOutlined, LineChartOutlined, MobileOutlined, NotificationOutlined, PieChartOutlined, ProfileOutlined,
  SafetyCertificateOutlined, ScheduleOutlined, SettingOutlined, ShopOutlined, SoundOutlined, StarOutlined, TeamOutlined, ToolOutlined, TrophyOutlined,
  UserAddOutlined, UserSwitchOutlined,
} from '@ant-design/icons';
import { DashboardOutlined, DatabaseOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { AlertOutlined, FileProtectOutlined, ScissorOutlined } from '@ant-design/icons';
import type { Me, Permission, Role } from '../services/types.js';

/** Menu headings, in order: forty entries read better in a few named groups. */
export const NAV_GROUPS = ['base', 'demands', 'points', 'serve', 'cobuild', 'property', 'selfrun', 'newgroups', 'venues', 'supervision', 'workforce', 'system', 'phone'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavItem {
  path: string;
  /** Key under `nav.` in the locale files. */
  label: 'cockpit' | 'openData' | 'accounts' | 'org' | 'map' | 'households' | 'merchants' | 'residents' | 'party' | 'import' | 'audit' | 'demands' | 'demandInbox' | 'demandRates' | 'mobileTasks' | 'store'
    | 'pointsRules' | 'pointsRecords' | 'pointsMonths' | 'pointsStats' | 'pointsHonours' | 'pointsLedger' | 'mobilePoints'
    | 'gridTasks' | 'open311Keys' | 'workCalendar' | 'meetings' | 'leaders'
    | 'registrations'
    | 'volunteers'
    | 'propertyMeetings' | 'propertyMeetingsOverview'
    | 'propertyCompanies' | 'propertyMine' | 'mobileProperty'
    | 'propertyRepairs' | 'propertyRepairFigures'
    | 'propertyCredit' | 'propertyCreditSchemes' | 'propertyCreditRatings'
    | 'selfrunCompounds' | 'selfrunSteps' | 'selfrunVotes' | 'selfrunAccount'
    | 'newgroupsWhitelist' | 'newgroupsParttime' | 'mobileGate' | 'newgroupsRegister' | 'newgroupsCoverage' | 'newgroupsPoints'
    | 'venues' | 'venueFunding'
    | 'supervisionInspections' | 'supervisionProblems' | 'supervisionFigures' | 'reliefCertificates' | 'reliefRemovals' | 'mobileInspect' | 'mobileRectify'
    | 'wishes' | 'campaigns'
    | 'workforceStaff' | 'workforceOverview' | 'workforcePay' | 'workforceStars'
    | 'cobuildOverview' | 'cobuildNeeds' | 'cobuildResources' | 'cobuildProjects' | 'cobuildUnit' | 'cobuildUnits' | 'cobuildReview' | 'cobuildEvaluation';
  /** The menu heading it sits under (key under `navGroup.`). */
  group: NavGroup;
  icon: ReactNode;
  permission: Permission;
  /** Only for these roles (on top of the permission). */
  roles?: Role[];
  /** Leaves the console (the phone pages have their own layout). */
  external?: boolean;
}

/** 结对共建's lists are the staff's; a work unit's admin has its own page. */
const COBUILD_STAFF: Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker'];

/** The side menu, in order; later modules append here. Items the account may not use are hidden. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/org', label: 'org', group: 'base', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/map', label: 'map', group: 'base', icon: <HeatMapOutlined />, permission: 'org.read' },
  { path: '/cockpit', label: 'cockpit', group: 'base', icon: <DashboardOutlined />, permission: 'stats.read' },
  { path: '/cockpit/open-data', label: 'openData', group: 'base', icon: <DatabaseOutlined />, permission: 'stats.read', roles: ['city_admin', 'county_admin'] },
  { path: '/households', label: 'households', group: 'base', icon: <HomeOutlined />, permission: 'people.read' },
  { path: '/residents', label: 'residents', group: 'base', icon: <TeamOutlined />, permission: 'people.read' },
  { path: '/merchants', label: 'merchants', group: 'base', icon: <ShopOutlined />, permission: 'people.read' },
  { path: '/registrations', label: 'registrations', group: 'base', icon: <UserAddOutlined />, permission: 'registrations.review' },
  { path: '/party', label: 'party', group: 'base', icon: <FlagOutlined />, permission: 'party.read' },
  { path: '/import', label: 'import', group: 'base', icon: <CloudUploadOutlined />, permission: 'org.write' },
  { path: '/audit', label: 'audit', group: 'system', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/accounts', label: 'accounts', group: 'system', icon: <UserSwitchOutlined />, permission: 'accounts.manage' },
  { path: '/demands/inbox', label: 'demandInbox', group: 'demands', icon: <InboxOutlined />, permission: 'demands.dispatch' },
  { path: '/demands/rates', label: 'demandRates', group: 'demands', icon: <BarChartOutlined />, permission: 'demands.rates' },
  { path: '/demands', label: 'demands', group: 'demands', icon: <SoundOutlined />, permission: 'demands.read', roles: ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker', 'property_company'] },
  { path: '/meetings', label: 'meetings', group: 'demands', icon: <CommentOutlined />, permission: 'demands.meetings' },
  { path: '/leaders', label: 'leaders', group: 'demands', icon: <CrownOutlined />, permission: 'leaders.read' },
  { path: '/workforce/staff', label: 'workforceStaff', group: 'workforce', icon: <IdcardOutlined />, permission: 'workforce.read' },
  { path: '/workforce/overview', label: 'workforceOverview', group: 'workforce', icon: <PieChartOutlined />, permission: 'workforce.read' },
  { path: '/workforce/pay', label: 'workforcePay', group: 'workforce', icon: <DollarOutlined />, permission: 'workforce.read' },
  { path: '/workforce/stars', label: 'workforceStars', group: 'workforce', icon: <StarOutlined />, permission: 'workforce.read' },
  { path: '/points/records', label: 'pointsRecords', group: 'points', icon: <ProfileOutlined />, permission: 'points.read' },
  { path: '/points/months', label: 'pointsMonths', group: 'points', icon: <NotificationOutlined />, permission: 'points.read' },
  { path: '/points/rules', label: 'pointsRules', group: 'points', icon: <SettingOutlined />, permission: 'points.read' },
  { path: '/points/stats', label: 'pointsStats', group: 'points', icon: <LineChartOutlined />, permission: 'points.read' },
  { path: '/points/honours', label: 'pointsHonours', group: 'points', icon: <TrophyOutlined />, permission: 'points.read' },
  { path: '/points/ledger', label: 'pointsLedger', group: 'points', icon: <SafetyCertificateOutlined />, permission: 'points.verify' },
  { path: '/store', label: 'store', group: 'points', icon: <ShopOutlined />, permission: 'points.store' },
  { path: '/gridtasks', label: 'gridTasks', group: 'demands', icon: <ScheduleOutlined />, permission: 'gridtasks.read' },
  { path: '/open311-keys', label: 'open311Keys', group: 'system', icon: <KeyOutlined />, permission: 'open311.keys' },
  { path: '/calendar', label: 'workCalendar', group: 'system', icon: <CalendarOutlined />, permission: 'calendar.read' },
  { path: '/volunteers', label: 'volunteers', group: 'serve', icon: <HeartOutlined />, permission: 'volunteers.read' },
  { path: '/wishes', label: 'wishes', group: 'serve', icon: <GiftOutlined />, permission: 'wishes.read' },
  { path: '/campaigns', label: 'campaigns', group: 'serve', icon: <AimOutlined />, permission: 'campaigns.read' },
  { path: '/cobuild/overview', label: 'cobuildOverview', group: 'cobuild', icon: <PieChartOutlined />, permission: 'cobuild.read', roles: COBUILD_STAFF },
  { path: '/cobuild/needs', label: 'cobuildNeeds', group: 'cobuild', icon: <ProfileOutlined />, permission: 'cobuild.read', roles: COBUILD_STAFF },
  { path: '/cobuild/resources', label: 'cobuildResources', group: 'cobuild', icon: <InboxOutlined />, permission: 'cobuild.read', roles: COBUILD_STAFF },
  { path: '/cobuild/projects', label: 'cobuildProjects', group: 'cobuild', icon: <FlagOutlined />, permission: 'cobuild.read', roles: COBUILD_STAFF },
  { path: '/cobuild/unit', label: 'cobuildUnit', group: 'cobuild', icon: <FlagOutlined />, permission: 'cobuild.unit' },
  { path: '/cobuild/units', label: 'cobuildUnits', group: 'cobuild', icon: <BankOutlined />, permission: 'cobuild.read' },
  { path: '/cobuild/review', label: 'cobuildReview', group: 'cobuild', icon: <CheckSquareOutlined />, permission: 'cobuild.read', roles: COBUILD_STAFF },
  { path: '/cobuild/evaluation', label: 'cobuildEvaluation', group: 'cobuild', icon: <LikeOutlined />, permission: 'cobuild.read', roles: COBUILD_STAFF },
  { path: '/property/companies', label: 'propertyCompanies', group: 'property', icon: <SafetyCertificateOutlined />, permission: 'property.read' },
  { path: '/property/mine', label: 'propertyMine', group: 'property', icon: <BankOutlined />, permission: 'property.company' },
  { path: '/property/credit', label: 'propertyCredit', group: 'property', icon: <TrophyOutlined />, permission: 'property.read' },
  { path: '/property/credit/schemes', label: 'propertyCreditSchemes', group: 'property', icon: <ProfileOutlined />, permission: 'property.credit' },
  { path: '/property/credit/ratings', label: 'propertyCreditRatings', group: 'property', icon: <StarOutlined />, permission: 'property.rate' },
  { path: '/property/meetings', label: 'propertyMeetings', group: 'property', icon: <CommentOutlined />, permission: 'property.meetings' },
  { path: '/property/meetings/overview', label: 'propertyMeetingsOverview', group: 'property', icon: <BarChartOutlined />, permission: 'property.read', roles: ['city_admin', 'county_admin', 'street_admin'] },
  { path: '/property/repairs', label: 'propertyRepairs', group: 'property', icon: <ToolOutlined />, permission: 'property.read' },
  // The serving company's project manager applies and follows its compounds' repairs (no property.read).
  { path: '/property/repairs', label: 'propertyRepairs', group: 'property', icon: <ToolOutlined />, permission: 'property.repairs', roles: ['property_company'] },
  { path: '/property/repairs/figures', label: 'propertyRepairFigures', group: 'property', icon: <LineChartOutlined />, permission: 'property.read', roles: ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker'] },
  { path: '/selfrun/compounds', label: 'selfrunCompounds', group: 'selfrun', icon: <ApartmentOutlined />, permission: 'selfrun.read' },
  { path: '/selfrun/steps', label: 'selfrunSteps', group: 'selfrun', icon: <NodeIndexOutlined />, permission: 'selfrun.read' },
  { path: '/selfrun/votes', label: 'selfrunVotes', group: 'selfrun', icon: <CheckSquareOutlined />, permission: 'selfrun.read' },
  { path: '/selfrun/account', label: 'selfrunAccount', group: 'selfrun', icon: <DollarOutlined />, permission: 'selfrun.read' },
  { path: '/newgroups/register', label: 'newgroupsRegister', group: 'newgroups', icon: <TeamOutlined />, permission: 'newgroups.read' },
  { path: '/newgroups/coverage', label: 'newgroupsCoverage', group: 'newgroups', icon: <PieChartOutlined />, permission: 'newgroups.read' },
  { path: '/newgroups/service-points', label: 'newgroupsPoints', group: 'newgroups', icon: <EnvironmentOutlined />, permission: 'newgroups.read' },
  { path: '/newgroups/whitelist', label: 'newgroupsWhitelist', group: 'newgroups', icon: <SafetyCertificateOutlined />, permission: 'newgroups.read' },
  { path: '/newgroups/parttime', label: 'newgroupsParttime', group: 'newgroups', icon: <IdcardOutlined />, permission: 'newgroups.read' },
  { path: '/venues', label: 'venues', group: 'venues', icon: <BankOutlined />, permission: 'venues.read' },
  { path: '/venues/funding', label: 'venueFunding', group: 'venues', icon: <DollarOutlined />, permission: 'venues.read' },
  { path: '/supervision', label: 'supervisionInspections', group: 'supervision', icon: <AuditOutlined />, permission: 'supervision.read' },
  { path: '/supervision/problems', label: 'supervisionProblems', group: 'supervision', icon: <AlertOutlined />, permission: 'supervision.read' },
  { path: '/supervision/figures', label: 'supervisionFigures', group: 'supervision', icon: <LineChartOutlined />, permission: 'supervision.read' },
  { path: '/relief/certificates', label: 'reliefCertificates', group: 'supervision', icon: <FileProtectOutlined />, permission: 'relief.read' },
  { path: '/relief/removals', label: 'reliefRemovals', group: 'supervision', icon: <ScissorOutlined />, permission: 'relief.read' },
  { path: '/m/inspect', label: 'mobileInspect', group: 'phone', icon: <MobileOutlined />, permission: 'supervision.inspect', external: true },
  { path: '/m/rectify', label: 'mobileRectify', group: 'phone', icon: <MobileOutlined />, permission: 'supervision.rectify', external: true },
  { path: '/m/property', label: 'mobileProperty', group: 'phone', icon: <MobileOutlined />, permission: 'property.company', external: true },
  { path: '/m/gate', label: 'mobileGate', group: 'phone', icon: <MobileOutlined />, permission: 'newgroups.gate', external: true },
  { path: '/m/tasks', label: 'mobileTasks', group: 'phone', icon: <MobileOutlined />, permission: 'demands.act', roles: ['grid_worker'], external: true },
  { path: '/m/points/record', label: 'mobilePoints', group: 'phone', icon: <MobileOutlined />, permission: 'points.record', roles: ['grid_worker', 'community_worker'], external: true },
];

export const allowedNavItems = (me: Pick<Me, 'permissions' | 'role'>) =>
  NAV_ITEMS.filter((i) => me.permissions.includes(i.permission) && (!i.roles || i.roles.includes(me.role)));

/** The menu entry a path belongs to: the longest matching path wins (/demands/rates over /demands). */
export function selectedNavItem(items: NavItem[], pathname: string): NavItem | undefined {
  return items
    .filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
