/**
 * Every module's declaration of its tables that carry org paths (see server/platform/org-paths.ts),
 * collected in one place for the org module's moves. This file only imports declarations, never
 * the other way round: a module never imports the registry, so there is no cycle.
 * A new module with org_path tables adds its `org-paths.ts` here; the test in
 * tests/integration/org-path-registry.test.ts fails until it does.
 */
import type { OrgPathModule, OrgPathTable } from '../platform/org-paths.js';
import { ORG_PATHS as platform } from '../platform/platform-org-paths.js';
import { ORG_PATHS as phoneLogin } from './accounts/phone-login.org-paths.js';
import { ORG_PATHS as demands } from './demands/org-paths.js';
import { ORG_PATHS as gridtasks } from './gridtasks/org-paths.js';
import { ORG_PATHS as leaders } from './leaders/org-paths.js';
import { ORG_PATHS as open311 } from './open311/org-paths.js';
import { ORG_PATHS as org } from './org/org-paths.js';
import { ORG_PATHS as party } from './party/org-paths.js';
import { ORG_PATHS as people } from './people/org-paths.js';
import { ORG_PATHS as points } from './points/org-paths.js';
import { ORG_PATHS as store } from './store/org-paths.js';
import { ORG_PATHS as workforce } from './workforce/org-paths.js';
import { ORG_PATHS as wishes } from './wishes/org-paths.js';
import { ORG_PATHS as campaigns } from './campaigns/org-paths.js';
import { ORG_PATHS as cobuild } from './cobuild/org-paths.js';
import { ORG_PATHS as volunteers } from './volunteers/org-paths.js';
import { ORG_PATHS as propertyMeetings } from './property/meetings.org-paths.js';
import { ORG_PATHS as propertyCredit } from './property/credit.org-paths.js';
import { ORG_PATHS as propertyCompanies } from './property/companies.org-paths.js';
import { ORG_PATHS as propertyRepairs } from './property/repairs.org-paths.js';
import { ORG_PATHS as selfrun } from './selfrun/selfrun.org-paths.js';
import { ORG_PATHS as selfrunCompounds } from './selfrun/compounds.org-paths.js';
import { ORG_PATHS as selfrunSteps } from './selfrun/steps.org-paths.js';
import { ORG_PATHS as selfrunAccount } from './selfrun/ledger.org-paths.js';
import { ORG_PATHS as selfrunHandover } from './selfrun/handover.org-paths.js';
import { ORG_PATHS as newgroups } from './newgroups/newgroups.org-paths.js';
import { ORG_PATHS as newgroupsRoad } from './newgroups/whitelist.org-paths.js';
import { REGISTER_ORG_PATHS as newgroupsRegister } from './newgroups/register.org-paths.js';
import { ORG_PATHS as stats } from './stats/stats.org-paths.js';
import { ORG_PATHS as supervision } from './supervision/supervision.org-paths.js';
import { ORG_PATHS as venues } from './venues/venues.org-paths.js';

export const ORG_PATH_MODULES: readonly OrgPathModule[] = [platform, org, people, party, demands, gridtasks, leaders, open311, points, store, phoneLogin, workforce, wishes, campaigns, cobuild, volunteers, propertyMeetings, propertyCompanies, propertyCredit, propertyRepairs, selfrun, selfrunCompounds, selfrunSteps, selfrunAccount, selfrunHandover, newgroups, newgroupsRoad, newgroupsRegister, stats, supervision, venues];

/** Every declared table with its module. */
export const ORG_PATH_TABLES: readonly (OrgPathTable & { module: string })[] = ORG_PATH_MODULES.flatMap((m) => m.tables.map((t) => ({ ...t, module: m.module })));
