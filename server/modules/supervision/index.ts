/**
 * The supervision module's public face (督导, brief §8): the city's coordination mechanism — member
 * departments and working groups — inspections, problems handed over with deadlines,
 * rectification verified by the inspector and escalated when overdue; and 减负: the community's
 * certificate list and the register of signs and duties removed.
 */
import type { LinliModule } from '../../platform/module.js';

export const supervisionModule: LinliModule = {
  name: 'supervision',
  apiRoutes: async () => {
    // Each part registers its routes here.
  },
};
