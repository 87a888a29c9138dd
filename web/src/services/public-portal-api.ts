import { get } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/** The public portal's lists (信息公开, no sign-in), each from the module that owns the records. */
type Selfrun = typeof import('../../../server/modules/selfrun/public-lists.routes.js');
type Venues = typeof import('../../../server/modules/venues/public-calendars.routes.js');

export type PublicStatement = z.infer<Selfrun['StatementItem']>;
export type PublicVoteItem = z.infer<Selfrun['VoteItem']>;
export type PublicCalendarItem = z.infer<Venues['CalendarItem']>;
export type PublicCalendar = z.infer<Venues['Calendar']>;

/** A page of one list of a county, by its division code. */
interface CountyPage { county: string; page?: number; pageSize?: number }

export const publicStatements = (q: CountyPage) => get<Paged<PublicStatement>>('/public/compound-statements', { ...q });
export const publicVotes = (q: CountyPage) => get<Paged<PublicVoteItem>>('/public/votes', { ...q });
export const publicCalendars = (q: CountyPage) => get<Paged<PublicCalendarItem>>('/public/venue-calendars', { ...q });
export const publicCalendar = (id: number) => get<PublicCalendar>(`/public/venue-calendars/${id}`);

/** Where each list's "more" page and each record's public page live. */
export const portalPaths = {
  more: (list: PortalList, county: string) => `/public/more/${list}?county=${county}`,
  statement: (compoundId: number) => `/public/compounds/${compoundId}/statements`,
  vote: (id: number) => `/public/votes/${id}`,
  calendar: (id: number) => `/public/venue-calendars/${id}`,
};
export type PortalList = 'notices' | 'statements' | 'votes' | 'calendars';
