import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, CloudUploadOutlined, FlagOutlined, HomeOutlined, HeatMapOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '../services/types.js';

export interface NavItem {
  path: string;
  /** Key under `nav.` in the locale files. */
  label: 'org' | 'map' | 'households' | 'residents' | 'party' | 'import' | 'audit';
  icon: ReactNode;
  permission: Permission;
}

/** The side menu, in order; later modules append here. Items the account may not use are hidden. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/org', label: 'org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/map', label: 'map', icon: <HeatMapOutlined />, permission: 'org.read' },
  { path: '/households', label: 'households', icon: <HomeOutlined />, permission: 'people.read' },
  { path: '/residents', label: 'residents', icon: <TeamOutlined />, permission: 'people.read' },
  { path: '/party', label: 'party', icon: <FlagOutlined />, permission: 'party.read' },
  { path: '/import', label: 'import', icon: <CloudUploadOutlined />, permission: 'org.write' },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, permission: 'audit.read' },
];

export const allowedNavItems = (permissions: readonly string[]) => NAV_ITEMS.filter((i) => permissions.includes(i.permission));
