/** The volunteers module's public face (志愿吕梁): organisations, volunteers, projects, activities, hours and stars. */
import type { LinliModule } from '../../platform/module.js';

export const volunteersModule: LinliModule = {
  name: 'volunteers',
};
