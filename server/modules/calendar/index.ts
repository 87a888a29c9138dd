/** The calendar module's public face: the working-day calendar (holidays and make-up days). */
import type { LinliModule } from '../../platform/module.js';
import { calendarRoutes } from './calendar.routes.js';

export const calendarModule: LinliModule = { name: 'calendar', apiRoutes: calendarRoutes };
