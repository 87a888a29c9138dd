import type { Indicator } from '../platform/indicators.js';
import { INDICATORS as org } from './org/org.indicators.js';
import { INDICATORS as people } from './people/people.indicators.js';
import { INDICATORS as party } from './party/party.indicators.js';
import { INDICATORS as workforce } from './workforce/workforce.indicators.js';
import { INDICATORS as demands } from './demands/demands.indicators.js';
import { INDICATORS as points } from './points/points.indicators.js';
import { INDICATORS as leaders } from './leaders/leaders.indicators.js';
import { INDICATORS as venues } from './venues/venues.indicators.js';
import { INDICATORS as supervision } from './supervision/supervision.indicators.js';
import { INDICATORS as volunteers } from './volunteers/volunteers.indicators.js';
import { INDICATORS as cobuild } from './cobuild/cobuild.indicators.js';
import { INDICATORS as wishes } from './wishes/wishes.indicators.js';
import { INDICATORS as property } from './property/property.indicators.js';
import { INDICATORS as selfrun } from './selfrun/selfrun.indicators.js';
import { INDICATORS as newgroups } from './newgroups/newgroups.indicators.js';

/**
 * The cockpit's catalogue: every module's indicators, declared next to its code
 * (`<module>/<module>.indicators.ts`). The stats module counts them; a test checks every figure
 * the brief names is here.
 */
export const INDICATORS: readonly Indicator[] = [...org, ...people, ...party, ...workforce, ...demands, ...leaders, ...points, ...volunteers, ...cobuild, ...wishes, ...property, ...selfrun, ...newgroups, ...venues, ...supervision];
