/**
 * Every domain module, in the order their routes are registered. The app registers each one's
 * routes and file readers, the job worker its timers; a new module is one line here.
 */
import type { LinliModule } from '../platform/module.js';
import { accountsModule } from './accounts/index.js';
import { auditModule } from './audit/index.js';
import { calendarModule } from './calendar/index.js';
import { cobuildModule } from './cobuild/index.js';
import { demandsModule } from './demands/index.js';
import { gridTasksModule } from './gridtasks/index.js';
import { leadersModule } from './leaders/index.js';
import { open311Module } from './open311/index.js';
import { orgModule } from './org/index.js';
import { partyModule } from './party/index.js';
import { peopleModule } from './people/index.js';
import { pointsModule } from './points/index.js';
import { storeModule } from './store/index.js';
import { volunteersModule } from './volunteers/index.js';
import { workforceModule } from './workforce/index.js';
import { wishesModule } from './wishes/index.js';
import { campaignsModule } from './campaigns/index.js';
import { propertyModule } from './property/index.js';
import { selfrunModule } from './selfrun/index.js';
import { newgroupsModule } from './newgroups/index.js';
import { venuesModule } from './venues/index.js';
import { supervisionModule } from './supervision/index.js';
import { statsModule } from './stats/index.js';

export const MODULES: readonly LinliModule[] = [
  accountsModule, orgModule, peopleModule, partyModule, auditModule, gridTasksModule, open311Module, calendarModule,
  leadersModule, workforceModule, demandsModule, pointsModule, storeModule,
  volunteersModule, cobuildModule, wishesModule, campaignsModule, propertyModule, selfrunModule,
  newgroupsModule, venuesModule, supervisionModule, statsModule,
];
