import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, CalendarOutlined, KeyOutlined, ScheduleOutlined, BarChartOutlined, CloudUploadOutlined, FlagOutlined, HomeOutlined, HeatMapOutlined, InboxOutlined,
  LineChartOutlined, MobileOutlined, NotificationOutlined, ProfileOutlined, SafetyCertificateOutlined, SettingOutlined, ShopOutlined, SoundOutlined,
  TeamOutlined, TrophyOutlined, UserSwitchOutlined,
} from '@ant-design/icons';
import { CommentOutlined, CrownOutlined } from '@ant-design/icons';
import { UserAddOutlined } from '@ant-design/icons';
import { DollarOutlined, IdcardOutlined, PieChartOutlined, StarOutlined } from '@ant-design/icons';
import type { Me, Permission, Role } from '../services/types.js';

export interface NavItem {
  path: string;
  /** Key under `nav.` in the locale files. */
  label: 'accounts' | 'org' | 'map' | 'households' | 'merchants' | 'residents' | 'party' | 'import' | 'audit' | 'demands' | 'demandInbox' | 'demandRates' | 'mobileTasks' | 'store'
    | 'pointsRules' | 'pointsRecords' | 'pointsMonths' | 'pointsStats' | 'pointsHonours' | 'pointsLedger' | 'mobilePoints'
    | 'gridTasks' | 'open311Keys' | 'workCalendar' | 'meetings' | 'leaders'
    | 'registrations'
    | 'workforceStaff' | 'workforceOverview' | 'workforcePay' | 'workforceStars';
  icon: ReactNode;
  permission: Permission;
  /** Only for these roles (on top of the permission). */
  roles?: Role[];
  /** Leaves the console (the phone pages have their own layout). */
  external?: boolean;
}

/** The side menu, in order; later modules append here. Items the account may not use are hidden. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/org', label: 'org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/map', label: 'map', icon: <HeatMapOutlined />, permission: 'org.read' },
  { path: '/households', label: 'households', icon: <HomeOutlined />, permission: 'people.read' },
  { path: '/residents', label: 'residents', icon: <TeamOutlined />, permission: 'people.read' },
  { path: '/merchants', label: 'merchants', icon: <ShopOutlined />, permission: 'people.read' },
  { path: '/registrations', label: 'registrations', icon: <UserAddOutlined />, permission: 'registrations.review' },
  { path: '/party', label: 'party', icon: <FlagOutlined />, permission: 'party.read' },
  { path: '/import', label: 'import', icon: <CloudUploadOutlined />, permission: 'org.write' },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/accounts', label: 'accounts', icon: <UserSwitchOutlined />, permission: 'accounts.manage' },
  { path: '/demands/inbox', label: 'demandInbox', icon: <InboxOutlined />, permission: 'demands.dispatch' },
  { path: '/demands/rates', label: 'demandRates', icon: <BarChartOutlined />, permission: 'demands.rates' },
  { path: '/demands', label: 'demands', icon: <SoundOutlined />, permission: 'demands.read', roles: ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker', 'property_company'] },
  { path: '/meetings', label: 'meetings', icon: <CommentOutlined />, permission: 'demands.meetings' },
  { path: '/leaders', label: 'leaders', icon: <CrownOutlined />, permission: 'leaders.read' },
  { path: '/workforce/staff', label: 'workforceStaff', icon: <IdcardOutlined />, permission: 'workforce.read' },
  { path: '/workforce/overview', label: 'workforceOverview', icon: <PieChartOutlined />, permission: 'workforce.read' },
  { path: '/workforce/pay', label: 'workforcePay', icon: <DollarOutlined />, permission: 'workforce.read' },
  { path: '/workforce/stars', label: 'workforceStars', icon: <StarOutlined />, permission: 'workforce.read' },
  { path: '/points/records', label: 'pointsRecords', icon: <ProfileOutlined />, permission: 'points.read' },
  { path: '/points/months', label: 'pointsMonths', icon: <NotificationOutlined />, permission: 'points.read' },
  { path: '/points/rules', label: 'pointsRules', icon: <SettingOutlined />, permission: 'points.read' },
  { path: '/points/stats', label: 'pointsStats', icon: <LineChartOutlined />, permission: 'points.read' },
  { path: '/points/honours', label: 'pointsHonours', icon: <TrophyOutlined />, permission: 'points.read' },
  { path: '/points/ledger', label: 'pointsLedger', icon: <SafetyCertificateOutlined />, permission: 'points.verify' },
  { path: '/store', label: 'store', icon: <ShopOutlined />, permission: 'points.store' },
  { path: '/gridtasks', label: 'gridTasks', icon: <ScheduleOutlined />, permission: 'gridtasks.read' },
  { path: '/open311-keys', label: 'open311Keys', icon: <KeyOutlined />, permission: 'open311.keys' },
  { path: '/calendar', label: 'workCalendar', icon: <CalendarOutlined />, permission: 'calendar.read' },
  { path: '/m/tasks', label: 'mobileTasks', icon: <MobileOutlined />, permission: 'demands.act', roles: ['grid_worker'], external: true },
  { path: '/m/points/record', label: 'mobilePoints', icon: <MobileOutlined />, permission: 'points.record', roles: ['grid_worker', 'community_worker'], external: true },
];

export const allowedNavItems = (me: Pick<Me, 'permissions' | 'role'>) =>
  NAV_ITEMS.filter((i) => me.permissions.includes(i.permission) && (!i.roles || i.roles.includes(me.role)));

/** The menu entry a path belongs to: the longest matching path wins (/demands/rates over /demands). */
export function selectedNavItem(items: NavItem[], pathname: string): NavItem | undefined {
  return items
    .filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
