import type { Indicator } from '../platform/indicators.js';
import { INDICATORS as org } from './org/org.indicators.js';
import { INDICATORS as people } from './people/people.indicators.js';
import { INDICATORS as party } from './party/party.indicators.js';
import { INDICATORS as workforce } from './workforce/workforce.indicators.js';
import { INDICATORS as demands } from './demands/demands.indicators.js';
import { INDICATORS as points } from './points/points.indicators.js';

/**
 * The cockpit's catalogue: every module's indicators, declared next to its code
 * (`<module>/<module>.indicators.ts`). The stats module counts them; a test checks every figure
 * the brief names is here.
 */
export const INDICATORS: readonly Indicator[] = [...org, ...people, ...party, ...workforce, ...demands, ...points];
