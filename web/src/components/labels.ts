import type { TFunction } from 'i18next';
import { ORG_KINDS, type OrgKind } from '../services/types.js';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditAction, type AuditEntity } from '../../../server/platform/audit-actions.js';

/** Labels for values whose set the server may grow; unknown values show as they are. */
export function orgKindLabel(t: TFunction, kind: string): string {
  return (ORG_KINDS as readonly string[]).includes(kind) ? t(`orgKind.${kind as OrgKind}`) : kind;
}

export const KNOWN_AUDIT_ACTIONS: readonly string[] = AUDIT_ACTIONS;

/** An action's label; the locale key is the action with dots as underscores (i18next nests on dots). */
export function auditActionLabel(t: TFunction, action: string): string {
  if (!KNOWN_AUDIT_ACTIONS.includes(action)) return action;
  return t(`auditAction.${action.replaceAll('.', '_') as Underscored<AuditAction>}`);
}

type Underscored<S extends string> = S extends `${infer A}.${infer B}` ? `${A}_${Underscored<B>}` : S;

export const KNOWN_AUDIT_ENTITIES: readonly string[] = AUDIT_ENTITIES;

export function auditEntityLabel(t: TFunction, entity: string): string {
  return KNOWN_AUDIT_ENTITIES.includes(entity) ? t(`auditEntity.${entity as AuditEntity}`) : entity;
}

const ROLES = [
  'city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker', 'department',
  'property_company', 'party_member', 'resident', 'merchant',
] as const;

export function roleLabel(t: TFunction, role: string | null): string {
  if (!role) return '';
  return (ROLES as readonly string[]).includes(role) ? t(`role.${role as (typeof ROLES)[number]}`) : role;
}

const HISTORY_KINDS = ['create', 'rename', 'move', 'merge', 'split', 'dissolve', 'import'] as const;

export function historyKindLabel(t: TFunction, kind: string): string {
  return (HISTORY_KINDS as readonly string[]).includes(kind) ? t(`history.kind.${kind as (typeof HISTORY_KINDS)[number]}`) : kind;
}
