/** The accounts module's public face: sign-in (password and phone code), accounts and their links, registrations. */
import type { LinliModule } from '../../platform/module.js';
import { accountRoutes } from './account.routes.js';
import { phoneLoginRoutes } from './phone-login.routes.js';

export const accountsModule: LinliModule = {
  name: 'accounts',
  apiRoutes: async (api, ctx) => {
    await accountRoutes(api, ctx);
    await phoneLoginRoutes(api, ctx);
  },
};
// The staff import opens accounts with the same one-time passwords as the accounts page.
export { temporaryPassword } from './account-admin.service.js';
