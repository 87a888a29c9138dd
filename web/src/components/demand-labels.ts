import type { TFunction } from 'i18next';
import { DEMAND_CHANNELS, DEMAND_STATES, type DemandEvent } from '../services/types.js';

/** Labels for the demands module's codes; codes the server adds later show as they are. */

const EVENT_ACTIONS = [
  'create', 'accept', 'solve_on_spot', 'assign', 'resolve', 'put_on_agenda', 'decide_at_meeting', 'request_escalation',
  'decline_escalation', 'escalate', 'all_departments_resolved', 'rate_satisfied', 'rate_unsatisfied', 'merge', 'me_too',
  'absorb', 'warn', 'overdue', 'dispatch_accept', 'dispatch_progress', 'dispatch_resolve', 'dispatch_return',
  'dispatch_report_overdue', 'rewhistle', 'request_extension', 'approve_extension', 'reject_extension', 'dispatch_request_reroute',
] as const;
type EventAction = (typeof EVENT_ACTIONS)[number];

const has = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

export function demandStateLabel(t: TFunction, state: string, fallback?: string): string {
  return has(DEMAND_STATES, state) ? t(`demandState.${state}`) : (fallback ?? state);
}

export function demandActionLabel(t: TFunction, action: string): string {
  return has(EVENT_ACTIONS, action) ? t(`demandAction.${action}`) : action;
}

/** A timeline entry's headline; 基本满意 travels as rate_satisfied with the note 'basic'. */
export function eventLabel(t: TFunction, e: Pick<DemandEvent, 'action' | 'note'>): string {
  if (e.action === 'rate_satisfied' && e.note === 'basic') return t('demandAction.rate_basic');
  return demandActionLabel(t, e.action);
}

/** The note worth showing under an entry: 'basic' is a code, and a report's note repeats its description. */
export const eventNote = (e: Pick<DemandEvent, 'action' | 'note'>) =>
  (e.action === 'rate_satisfied' && e.note === 'basic') || e.action === 'create' ? null : e.note;

export function channelLabel(t: TFunction, channel: string): string {
  return has(DEMAND_CHANNELS, channel) ? t(`demandChannel.${channel}`) : channel;
}

const DISPATCH_STATES = ['dispatched', 'accepted', 'resolved', 'returned'] as const;
export function dispatchStateLabel(t: TFunction, s: string): string {
  return has(DISPATCH_STATES, s) ? t(`dispatchState.${s}`) : s;
}
export const DISPATCH_STATE_COLORS: Record<string, string> = { dispatched: 'orange', accepted: 'blue', resolved: 'green', returned: 'red' };

const TIERS = ['spot', 'community', 'meeting', 'street'] as const;
export function tierLabel(t: TFunction, tier: string): string {
  return has(TIERS, tier) ? t(`demandTier.${tier}`) : tier;
}

const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export function ratingLabel(t: TFunction, rating: string | null): string {
  if (!rating) return '-';
  return has(RATINGS, rating) ? t(`demandRating.${rating}`) : rating;
}

/** 0.873 → "87.3%"; null (nothing to count) → "-". */
export const formatRate = (r: number | null | undefined) => (r == null ? '-' : `${Math.round(r * 1000) / 10}%`);

/**
 * Where a demand is, from the community down: 龙凤社区 · 阳光小区 · 3号楼1单元. The compound is
 * left out when the place or address already starts with it (阳光小区3号楼…).
 */
export function demandPlace(d: { communityName: string | null; compoundName: string | null; placeName: string; address?: string | null }): string {
  const place = d.address ?? d.placeName;
  const compound = d.compoundName && !place.startsWith(d.compoundName) ? d.compoundName : null;
  return [d.communityName, compound, place].filter(Boolean).join(' · ');
}
