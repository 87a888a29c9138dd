import type { OrgKind, Role } from '../../database.js';

/** A campaign is launched by a street or a county, from an account at that level. */
export function mayLaunch(role: Role, placeKind: OrgKind | undefined): { ok: true } | { ok: false; reason: string } {
  if (role === 'street_admin' && placeKind === 'street') return { ok: true };
  if (role === 'county_admin' && placeKind === 'county') return { ok: true };
  return { ok: false, reason: '只有街道或区县可以发起专项行动' };
}
