import type { Role } from '../../database.js';
import type { SanctionKind } from './companies.tables.js';

/**
 * Who may do what on the register beyond each route's permission. The county keeps the register
 * (the 住建局 department may too); the street reads it and keeps contracts and sanctions for the
 * compounds in its scope. Exit (清退) removes a company from the whole county, so it is the
 * county's. A company's account (property_company) sees only its own company's rows.
 */

/** Registering companies, their party branches and instructors. */
export const mayKeepRegister = (role: Role) => role === 'county_admin' || role === 'department';

/** Starting and ending contracts of compounds in scope. */
export const mayKeepContracts = (role: Role) => ['county_admin', 'street_admin', 'department'].includes(role);

/** Deciding a sanction of this kind. */
export function maySanction(role: Role, kind: SanctionKind): boolean {
  if (kind === 'exit') return role === 'county_admin' || role === 'department';
  return ['county_admin', 'street_admin', 'department'].includes(role);
}

/** Roles bound to one company: every read is narrowed to it, whatever their place scope. */
export const boundToCompany = (role: Role) => role === 'property_company';

/** What a company-bound caller may touch: its own company's rows only. */
export const reachesCompany = (companyOnly: number | null, companyId: number) => companyOnly == null || companyOnly === companyId;
