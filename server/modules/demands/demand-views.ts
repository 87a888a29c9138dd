import type { Role } from '../../database.js';
import { maskName } from '../../platform/pii/name.js';
import { photoUrls } from './demand-attachments.js';
import { STATE_NAMES, type DemandState } from './demand-lifecycle.js';
import type * as repo from './demand.repository.js';

/** Residents' own steps on a timeline (report, me too, rating) carry their name. */
const PEOPLE_ROLES: readonly string[] = ['resident', 'party_member'] satisfies Role[];

/** A demand as the API answers it; `masked`: the reporter's name masked (departments). */
export function toView(d: repo.DemandRow, now: Date, masked = false) {
  const open = !d.closed_at && !d.merged_into_id && d.state !== 'resolved';
  return {
    id: d.id, orgId: d.org_id, placeName: d.place_name, communityName: d.community_name, compoundName: d.compound_name, householdId: d.household_id, channel: d.channel,
    categoryCode: d.category_code, categoryName: d.category_name, description: d.description, address: d.address,
    lat: d.lat, lng: d.lng, photos: photoUrls(d.photos), reporterName: masked && d.reporter_name ? maskName(d.reporter_name) : d.reporter_name, reporterPhone: d.reporter_phone_mask,
    state: d.state, stateName: STATE_NAMES[d.state as DemandState] ?? d.state, tier: d.tier,
    handlerAccountId: d.handler_account_id, handlerName: d.handler_name,
    dueAt: d.due_at.toISOString(), overdue: open && (d.overdue_at !== null || d.due_at <= now),
    mergedIntoId: d.merged_into_id, meTooCount: d.me_too_count, reopenCount: d.reopen_count, rating: d.rating,
    createdAt: d.created_at.toISOString(), resolvedAt: d.resolved_at?.toISOString() ?? null, closedAt: d.closed_at?.toISOString() ?? null,
  };
}

export function eventView(e: Awaited<ReturnType<typeof repo.timeline>>[number], masked = false) {
  return {
    id: e.id, at: e.at.toISOString(), actorName: masked && e.actor_name && PEOPLE_ROLES.includes(e.actor_role ?? '') ? maskName(e.actor_name) : e.actor_name, actorRole: e.actor_role, action: e.action,
    fromState: e.from_state, toState: e.to_state, note: e.note, attachments: photoUrls(e.attachments), detail: e.detail,
  };
}

export function extensionView(e: Awaited<ReturnType<typeof repo.extensionsOf>>[number] | undefined) {
  return e ? {
    id: e.id, days: e.days, reason: e.reason, state: e.state, requestedAt: e.requested_at.toISOString(), dueBefore: e.due_before.toISOString(),
    dueAfter: e.due_after?.toISOString() ?? null, decidedAt: e.decided_at?.toISOString() ?? null, decisionNote: e.decision_note,
  } : null;
}

export function dispatchView(x: Awaited<ReturnType<typeof repo.dispatchesOf>>[number]) {
  return {
    id: x.id, departmentId: x.department_id, departmentName: x.department_name, state: x.state,
    createdAt: x.created_at.toISOString(), reportDueAt: x.report_due_at.toISOString(),
    acceptedAt: x.accepted_at?.toISOString() ?? null, resolvedAt: x.resolved_at?.toISOString() ?? null, returnReason: x.return_reason,
  };
}
