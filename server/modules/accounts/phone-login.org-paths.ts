import type { OrgPathModule } from '../../platform/org-paths.js';

/** Sign-in codes (the resident's or community's place; none for an unknown phone) and registration requests follow their place. */
export const ORG_PATHS: OrgPathModule = {
  module: 'accounts.phone-login',
  tables: [{ table: 'phone_code' }, { table: 'registration_request' }],
};
