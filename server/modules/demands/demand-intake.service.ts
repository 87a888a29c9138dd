import type { Kysely } from 'kysely';
import type { DB, DemandChannel } from '../../database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { isMobile, maskPhone } from '../../platform/pii/id-number.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { dueAt, warnAt } from './deadlines.js';
import { assertAttachable, attachToDemand } from './demand-attachments.js';
import type { DemandDeps, Trx } from './demand-deps.js';
import { findCategory, workCalendar } from './demand-lookups.repository.js';
import { isSelfReporter, recordsVisits } from './demand.policy.js';
import { getDemand } from './demand-read.service.js';
import * as repo from './demand.repository.js';
import { communityScopeOf } from './demand-places.service.js';
import { applyTransition } from './demand-transitions.service.js';
import { eventView, toView } from './demand-views.js';
import { notify } from '../../platform/notifications.js';
import { recordDemandVisit } from './visits.service.js';

export interface CreateDemandInput {
  orgId?: number;
  householdId?: number;
  categoryCode: string;
  description: string;
  address?: string;
  lat?: number;
  lng?: number;
  /** Uploaded photos (platform/files): the caller's own uploads or files in their scope. */
  attachmentIds?: number[];
  /** Outside media URLs (Open311's media_url). */
  photos?: string[];
  channel: DemandChannel;
  reporterName?: string;
  reporterPhone?: string;
  clientId?: string;
  /** 就地解决: a grid worker who fixed it during the visit says how. */
  solvedOnSpotNote?: string;
  /** Skip the duplicate check (the caller saw the suggestions and chose a new report). */
  force?: boolean;
  /** Posted by an outside system (Open311): no Linli account reported it. */
  external?: boolean;
}

/**
 * Records a demand. Replaying the same clientId (a phone resending its offline queue) returns
 * the demand already stored instead of a second one — also when two copies race: the one that
 * loses on the unique client_id answers with what the other stored.
 */
export async function createDemand(deps: DemandDeps, actor: Actor, scope: Scope, input: CreateDemandInput) {
  const prior = await storedReplay(deps, actor, scope, input.clientId);
  if (prior) return prior;
  try {
    return await storeDemand(deps, actor, scope, input);
  } catch (e) {
    const stored = await storedReplay(deps, actor, scope, input.clientId);
    if (stored) return stored;
    throw e;
  }
}

/** The demand already stored under an offline record's clientId, if any, as its replay answer. */
async function storedReplay(deps: DemandDeps, actor: Actor, scope: Scope, clientId: string | undefined) {
  if (!clientId) return null;
  const existing = await repo.findByClientId(deps.db, clientId);
  if (!existing) return null;
  if (existing.reporter_account_id !== actor.accountId) throw new AppError('CONFLICT', '该离线记录编号已被使用');
  return { demand: await getDemand(deps, actor, scope, existing.id), replayed: true, duplicates: [] };
}

/**
 * A resident may name a household only if it is their own; the stairwell, the building and the
 * rest of the common areas in their scope are reported by place (orgId), as before.
 */
async function assertOwnHousehold(db: Kysely<DB>, actor: Actor, householdId: number | undefined) {
  if (!householdId || !isSelfReporter(actor.role)) return;
  const own = await repo.ownHouseholdId(db, actor.accountId);
  if (own?.household_id !== householdId) {
    throw new AppError('FORBIDDEN', '只能为自己家反映诉求；楼道、楼栋等公共区域的问题请不选住户直接提交', {
      fields: [{ field: 'body.householdId', problem: 'not your household' }],
    });
  }
}

/**
 * The scope a new demand's place is looked up in: a resident who names a place may name any in
 * their own community (the compound's gate, the next building); everyone else stays in their own.
 */
async function placeScopeOf(db: Kysely<DB>, actor: Actor, scope: Scope, input: CreateDemandInput): Promise<Scope> {
  if (!isSelfReporter(actor.role) || !input.orgId || input.householdId) return scope;
  return (await communityScopeOf(db, scope)) ?? scope;
}

/** Where the demand happened: residents default to their own place (their scope). */
const placeOrgId = (actor: Actor, scope: Scope, input: CreateDemandInput) => input.orgId ?? (isSelfReporter(actor.role) ? scope.orgId : undefined);

async function storeDemand(deps: DemandDeps, actor: Actor, scope: Scope, input: CreateDemandInput) {
  const { db } = deps;
  await assertOwnHousehold(db, actor, input.householdId);
  if (input.reporterPhone && !isMobile(input.reporterPhone)) {
    throw new AppError('VALIDATION_FAILED', '手机号应为11位，以1开头', { fields: [{ field: 'body.reporterPhone', problem: 'mobile' }] });
  }
  const now = deps.clock.now();
  const category = await findCategory(db, input.categoryCode);
  if (!category) throw new AppError('VALIDATION_FAILED', '诉求类别不存在', { fields: [{ field: 'body.categoryCode', problem: 'unknown' }] });
  const attachmentIds = await assertAttachable(db, actor, scope, input.attachmentIds ?? [], 'body.attachmentIds');
  const placeScope = await placeScopeOf(db, actor, scope, input);
  const photos = JSON.stringify([...attachmentIds, ...(input.photos ?? [])]);

  if (!input.force && !input.solvedOnSpotNote && !input.clientId && !input.external) {
    const place = await resolvePlace(db, actor, placeScope, input);
    const since = new Date(now.getTime() - 14 * 86400_000);
    const dups = await repo.likelyDuplicates(db, placeScope, place.orgId, input.categoryCode, since);
    if (dups.length) {
      throw new AppError('CONFLICT', '附近已有同类诉求正在办理，可以“我也遇到”或合并，确认是新问题请再次提交', {
        reason: 'LIKELY_DUPLICATE',
        // A resident sees a neighbour's report with the neighbour's name masked.
        duplicates: dups.map((d) => toView(d, now, isSelfReporter(actor.role))),
      });
    }
  }

  const due = dueAt(now, category, await workCalendar(db));
  const orgId = placeOrgId(actor, scope, input);
  if (!orgId && !input.householdId) {
    throw new AppError('VALIDATION_FAILED', '请选择诉求发生的住户或网格', { fields: [{ field: 'body.orgId', problem: 'required' }] });
  }
  // 背包上门: what a grid worker (or community staff) raises on a visit is theirs to handle.
  const ownVisit = input.channel === 'visit' && !input.external && recordsVisits(actor.role);
  const newDemand: repo.NewDemand = {
    place: { orgId: orgId ?? null, householdId: input.householdId ?? null, scopePath: placeScope.path },
    demand: {
      channel: input.channel, category_code: category.code, description: input.description, address: input.address ?? null,
      lat: input.lat ?? null, lng: input.lng ?? null, photos,
      reporter_account_id: input.external ? null : actor.accountId, reporter_name: input.reporterName ?? (input.external ? null : actor.displayName),
      reporter_phone_enc: input.reporterPhone ? deps.ctx.cipher.encrypt(input.reporterPhone) : null,
      reporter_phone_hash: input.reporterPhone ? deps.ctx.cipher.hash(input.reporterPhone) : null,
      reporter_phone_mask: input.reporterPhone ? maskPhone(input.reporterPhone) : null,
      due_at: due, client_id: input.clientId ?? null, created_at: now,
    },
    actor, warnAt: warnAt(due, category, now),
    eventDetail: JSON.stringify({ channel: input.channel, category: category.code, dueAt: due.toISOString() }),
    auditAfter: JSON.stringify({ category: category.code, channel: input.channel }),
    // A visitor's own record is told to the others below (not to the visitor) once it is theirs.
    notice: input.solvedOnSpotNote || ownVisit ? null : { title: `新诉求：${category.name}`, body: input.description.slice(0, 60) },
  };
  // Nothing written: the place is unknown, outside the caller's scope or too broad. Say which.
  const placeRefused = async (q: Kysely<DB> | Trx = db): Promise<never> => {
    await resolvePlace(q, actor, placeScope, input);
    throw notFound('组织');
  };

  if (!attachmentIds.length && !input.solvedOnSpotNote && !ownVisit) {
    // The common case: one statement, and the answer built from what was written, not re-read.
    const w = (await repo.insertNewDemand(db, newDemand)) ?? (await placeRefused());
    const d = newDemand.demand;
    const row: repo.DemandRow = {
      id: w.id, org_id: w.org_id, org_path: w.org_path, county_code: w.county_code, household_id: w.household_id,
      channel: input.channel, category_code: category.code, description: input.description, address: w.address,
      lat: d.lat ?? null, lng: d.lng ?? null, photos: JSON.parse(photos), reporter_account_id: d.reporter_account_id ?? null,
      reporter_name: d.reporter_name ?? null, reporter_phone_mask: d.reporter_phone_mask ?? null, state: 'submitted', tier: 'community',
      handler_account_id: null, due_at: due, overdue_at: null, merged_into_id: null, me_too_count: 0, reopen_count: 0, rating: null,
      client_id: d.client_id ?? null, created_at: now, responded_at: null, resolved_at: null, closed_at: null,
      category_name: category.name, place_name: w.place_name, handler_name: null,
      community_name: w.community_name, compound_name: w.compound_name,
    };
    const event = {
      id: w.event_id, demand_id: w.id, at: now, account_id: actor.accountId, actor_name: actor.displayName, actor_role: actor.role,
      action: 'create', from_state: null, to_state: 'submitted', note: input.description, attachments: JSON.parse(photos),
      detail: JSON.parse(newDemand.eventDetail), org_path: w.org_path, county_code: w.county_code,
    };
    return { demand: { ...toView(row, now), timeline: [eventView(event)], dispatches: [], extension: null }, replayed: false, duplicates: [] };
  }

  const id = await db.transaction().execute(async (trx) => {
    const w = (await repo.insertNewDemand(trx, newDemand)) ?? (await placeRefused(trx));
    await attachToDemand(trx, attachmentIds, { id: w.id, org_path: w.org_path, county_code: w.county_code });
    if (input.solvedOnSpotNote) await applyTransition(deps, trx, w.id, actor, 'solve_on_spot', { note: input.solvedOnSpotNote });
    else if (ownVisit) await applyTransition(deps, trx, w.id, actor, 'accept', {});
    if (ownVisit) {
      await recordDemandVisit(trx, actor, now, w, input.solvedOnSpotNote ? 'solved' : 'demand');
      if (!input.solvedOnSpotNote) {
        const others = await repo.staffAbove(trx, w.org_path, actor.accountId);
        await notify(trx, deps.ctx, others.map((o) => o.id), {
          title: `新诉求：${category.name}（${actor.displayName}走访登记并办理）`, body: input.description.slice(0, 60),
          link: `/demands/${w.id}`, orgPath: w.org_path, countyCode: w.county_code,
        });
      }
    }
    return w.id;
  });
  return { demand: await getDemand(deps, actor, scope, id), replayed: false, duplicates: [] };
}

/** The place a new demand names, checked against the scope; a refusal says what was wrong. */
async function resolvePlace(db: Kysely<DB> | Trx, actor: Actor, scope: Scope, input: CreateDemandInput) {
  if (input.householdId) {
    const h = await repo.householdPlace(db, input.householdId);
    scope.assert(h?.org_path, '住户');
    return { orgId: h!.unit_id, orgPath: h!.org_path, countyCode: h!.county_code, householdId: h!.id, address: h!.address, placeName: h!.unit_name };
  }
  const orgId = placeOrgId(actor, scope, input);
  if (!orgId) throw new AppError('VALIDATION_FAILED', '请选择诉求发生的住户或网格', { fields: [{ field: 'body.orgId', problem: 'required' }] });
  const u = await unitInScope(db, scope, orgId);
  if (['city', 'county', 'street'].includes(u.kind)) {
    throw new AppError('VALIDATION_FAILED', '请选择到社区、网格或楼栋', { fields: [{ field: 'body.orgId', problem: 'too broad' }] });
  }
  return { orgId: u.id, orgPath: u.path, countyCode: u.county_code, householdId: null, address: u.name, placeName: u.name };
}
