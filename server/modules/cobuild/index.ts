/** The cobuild module's public face (双报到, 结对共建): work units, their pairings and in-service members, the three lists and projects. */
import type { LinliModule } from '../../platform/module.js';

export const cobuildModule: LinliModule = {
  name: 'cobuild',
};
