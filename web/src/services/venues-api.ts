import { get, post, put } from './api.js';
import type { z } from 'zod';

/** 党群服务阵地 calls; the shapes come from the server's zod schemas (server/modules/venues/*.schemas.ts). */
type V = typeof import('../../../server/modules/venues/venues.schemas.js');
type B = typeof import('../../../server/modules/venues/bookings.schemas.js');
type F = typeof import('../../../server/modules/venues/funding.schemas.js');
type C = typeof import('../../../server/modules/venues/calendar.schemas.js');

export type VenueItem = z.infer<V['VenueItem']>;
export type VenueDetail = z.infer<V['VenueDetail']>;
export type VenueBody = z.input<V['VenueBody']>;
export type VenueKind = z.infer<V['VenueKind']>;
export type StandardCode = z.infer<V['StandardCode']>;
export type Hours = VenueDetail['hours'];
export type BookingItem = z.infer<B['BookingItem']>;
export type BookingStatus = z.infer<B['BookingStatus']>;
export type Slots = z.infer<B['Slots']>;
export type BookBody = z.input<B['BookBody']>;
export type Rule = z.infer<F['Rule']>;
export type Tier = z.infer<F['Tier']>;
export type Award = z.infer<F['Award']>;
export type Figures = z.infer<F['Figures']>;
export type ComputeResult = z.infer<F['ComputeResult']>;
export type PublishBody = z.input<C['PublishBody']>;
export type NearVenue = z.infer<C['NearVenue']>;
export type AtYou = z.infer<C['AtYou']>;
interface Paged<T> { items: T[]; total: number }

// Console: venues
export const listVenues = (q: { page: number; pageSize: number; kind?: VenueKind; flagged?: 'true' | 'false' }) => get<Paged<VenueItem>>('/venues', q);
export const createVenue = (b: VenueBody) => post<{ id: number }>('/venues', b);
export const getVenue = (id: number) => get<VenueDetail>(`/venues/${id}`);
export const editVenue = (id: number, b: Omit<VenueBody, 'kind' | 'orgId'>) => put<{ ok: true }>(`/venues/${id}`, b);
export const recordStandard = (id: number, item: StandardCode, b: { note?: string; photoIds: number[] }) => post<{ ok: true }>(`/venues/${id}/standard/${item}`, b);
export const addRoom = (id: number, b: { name: string; capacity: number }) => post<{ id: number }>(`/venues/${id}/rooms`, b);
export const publishCalendar = (id: number, b: PublishBody) => post<{ id: number; version: number; notified: number }>(`/venues/${id}/calendars`, b);
// Bookings
export const listBookings = (q: { page: number; pageSize: number; venueId?: number; status?: BookingStatus }) => get<Paged<BookingItem>>('/venues/bookings', q);
export const confirmBooking = (id: number) => post<{ status: BookingStatus }>(`/venues/bookings/${id}/confirm`);
export const declineBooking = (id: number, reason: string) => post<{ status: BookingStatus }>(`/venues/bookings/${id}/decline`, { reason });
export const cancelBooking = (id: number) => post<{ status: BookingStatus }>(`/venues/bookings/${id}/cancel`);
export const checkIn = (id: number, code?: string) => post<{ status: BookingStatus; checkedInAt: string | null }>(`/venues/bookings/${id}/check-in`, code ? { code } : {});
// Funding
export const listRules = () => get<Rule[]>('/venues/funding/rules');
export const createRule = (b: { tiers: Tier[]; note?: string }) => post<{ id: number }>('/venues/funding/rules', b);
export const computeAwards = (year: number) => post<ComputeResult>('/venues/funding/compute', { year });
export const listAwards = (q: { page: number; pageSize: number; year: number }) => get<Paged<Award>>('/venues/funding/awards', q);
export const getFigures = (year: number) => get<Figures>('/venues/funding/figures', { year });
export const recordPayment = (b: { venueId: number; year: number; amount: number; note?: string }) => post<{ id: number }>('/venues/funding/payments', b);
export const reversePayment = (id: number, note: string) => post<{ id: number }>(`/venues/funding/payments/${id}/reverse`, { note });
// Phone
export const nearVenues = () => get<{ items: NearVenue[] }>('/venues/near');
export const follow = (id: number, on: boolean) => (on ? post<{ ok: true }>(`/venues/${id}/follow`) : post<{ ok: true }>(`/venues/${id}/unfollow`));
export const atYou = (month?: string) => get<AtYou>('/venues/at-you', month ? { month } : {});
export const myBookings = (q: { page: number; pageSize: number }) => get<Paged<BookingItem>>('/venues/my-bookings', q);
export const roomSlots = (roomId: number, day: string) => get<Slots>(`/venues/rooms/${roomId}/slots`, { day });
export const book = (b: BookBody) => post<{ id: number }>('/venues/bookings', b);
