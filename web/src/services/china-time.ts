/**
 * China's calendar on the screens: the same helper the server files records by, so a page's
 * "today" or "this year" never differs from the server's in the hours when UTC is a day behind.
 */
import { chinaDay } from '../../../server/platform/clock.js';

/** Today's China day, or `days` from it, as YYYY-MM-DD. */
export const chinaToday = (days = 0) => chinaDay(new Date(Date.now() + days * 86_400_000));

/** This year in China. */
export const chinaYear = () => Number(chinaToday().slice(0, 4));
