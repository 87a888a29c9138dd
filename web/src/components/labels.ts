import type { TFunction } from 'i18next';
import { ORG_KINDS, type OrgKind } from '../services/types.js';

/** Labels for values whose set the server may grow; unknown values show as they are. */
export function orgKindLabel(t: TFunction, kind: string): string {
  return (ORG_KINDS as readonly string[]).includes(kind) ? t(`orgKind.${kind as OrgKind}`) : kind;
}

const AUDIT_ACTIONS = [
  'auth.login', 'auth.logout', 'auth.password_changed', 'auth.login_failed', 'org.create', 'org.rename', 'org.move',
  'org.merge', 'org.split', 'org.import', 'resident.create', 'resident.move', 'pii.reveal', 'party.org_create',
  'party.member_create', 'party.secretary_set', 'party.org_rename', 'party.org_move', 'party.org_dissolve', 'party.member_return',
  'party.member_transfer', 'account.create',
] as const;
type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const KNOWN_AUDIT_ACTIONS: readonly string[] = AUDIT_ACTIONS;

export function auditActionLabel(t: TFunction, action: string): string {
  if (!KNOWN_AUDIT_ACTIONS.includes(action)) return action;
  return t(`auditAction.${action.replace('.', '_') as Replace<AuditAction>}`);
}

type Replace<S extends string> = S extends `${infer A}.${infer B}` ? `${A}_${B}` : S;

const AUDIT_ENTITIES = ['org_unit', 'resident', 'household', 'party_org', 'party_member', 'account', 'import_job'] as const;
export const KNOWN_AUDIT_ENTITIES: readonly string[] = AUDIT_ENTITIES;

export function auditEntityLabel(t: TFunction, entity: string): string {
  return KNOWN_AUDIT_ENTITIES.includes(entity) ? t(`auditEntity.${entity as (typeof AUDIT_ENTITIES)[number]}`) : entity;
}

const ROLES = [
  'city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker', 'department',
  'property_company', 'party_member', 'resident',
] as const;

export function roleLabel(t: TFunction, role: string | null): string {
  if (!role) return '';
  return (ROLES as readonly string[]).includes(role) ? t(`role.${role as (typeof ROLES)[number]}`) : role;
}

const HISTORY_KINDS = ['create', 'rename', 'move', 'merge', 'split', 'dissolve', 'import'] as const;

export function historyKindLabel(t: TFunction, kind: string): string {
  return (HISTORY_KINDS as readonly string[]).includes(kind) ? t(`history.kind.${kind as (typeof HISTORY_KINDS)[number]}`) : kind;
}
