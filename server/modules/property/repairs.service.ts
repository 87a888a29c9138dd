import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { can } from '../../platform/auth/permissions.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, fileUrl, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace } from '../../platform/org-units.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { countedMatters, votedMatter, type CountedMatter } from '../selfrun/index.js';
import { approvalOf, checkRepairStep, REPAIR_STEPS, type RepairAction } from './repairs-lifecycle.js';
import { isCompany, mayApply, mayTakeStep, STEP_OWNER } from './repairs.policy.js';
import * as repo from './repairs.repository.js';
import type { RepairReach, RepairRow } from './repairs.repository.js';
import type { ApplyBody, VoteBody } from './repairs.schemas.js';
import type { RepairKind, RepairStatus } from './repairs.tables.js';

export interface RepairDeps {
  db: Kysely<DB>;
  clock: Clock;
}
export const repairDeps = (ctx: AppContext): RepairDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock });

/** Attachment owner kinds: a quote's photos and the finished work's photos. */
export const QUOTE_FILES = 'property_repair_quote';
export const REPAIR_FILES = 'property_repair';

/** The caller's reach: staff by scope; a company's account by its company's contracts. */
export async function reachOf(deps: RepairDeps, actor: Actor, scope: Scope): Promise<RepairReach> {
  if (isCompany(actor.role)) {
    const companyId = await repo.companyOfAccount(deps.db, actor.accountId);
    if (!companyId) throw new AppError('FORBIDDEN', '您的账号还没有关联物业企业，请联系区县住建部门关联');
    return { scope, companyId };
  }
  if (!can(actor.role, 'property.read') && !can(actor.role, 'property.repairs')) throw new AppError('FORBIDDEN', '您没有查看维修资金项目的权限');
  return { scope, companyId: null };
}

const num = (v: string | number | null) => (v == null ? null : Number(v));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---- compounds and their buildings ----

export async function listCompounds(deps: RepairDeps, reach: RepairReach, q?: string) {
  const rows = await repo.compounds(deps.db, reach, q);
  return rows.map((r) => ({ id: r.id, name: r.name, communityName: r.community_name }));
}

/** A compound the caller may apply for: in a staff caller's scope, or served by the company (else refused). */
async function compoundFor(deps: RepairDeps, db: Kysely<DB> | Transaction<DB>, reach: RepairReach, id: number) {
  const g = await orgPlace(db, id, { kind: 'grid', live: true });
  if (reach.companyId != null) {
    if (!g) throw notFound('小区');
    if (!(await repo.companyServes(db, reach.companyId, g.id))) {
      throw new AppError('FORBIDDEN', '贵公司与该小区没有在管的物业服务合同，不能为其申请维修资金');
    }
    return g;
  }
  reach.scope.assert(g?.path, '小区');
  return g!;
}

export async function compoundPlaces(deps: RepairDeps, reach: RepairReach, id: number) {
  const g = await compoundFor(deps, deps.db, reach, id);
  const { units, counts } = await repo.placesOfCompound(deps.db, g.path);
  const under = (path: string) => counts.filter((c) => c.path.startsWith(path)).reduce((s, c) => s + c.n, 0);
  const totals = await repo.compoundTotals(deps.db, g.path);
  return {
    compoundId: g.id, name: g.name, totals: { households: totals.households, area: totals.area },
    buildings: units.filter((u) => u.kind === 'building').map((b) => ({
      id: b.id, name: b.name, households: under(b.path),
      units: units.filter((u) => u.kind === 'unit' && u.parent_id === b.id).map((u) => ({ id: u.id, name: u.name, households: under(u.path) })),
    })),
  };
}

// ---- apply ----

export async function applyRepair(deps: RepairDeps, actor: Actor, reach: RepairReach, input: ApplyBody) {
  if (!mayApply(actor.role)) throw new AppError('FORBIDDEN', '维修资金由社区或服务该小区的物业企业申请');
  const g = await compoundFor(deps, deps.db, reach, input.compoundId);
  const places = await repo.orgUnits(deps.db, [...new Set(input.placeIds)]);
  const bad = input.placeIds.filter((id) => !places.some((p) => p.id === id && ['building', 'unit'].includes(p.kind) && p.path.startsWith(g.path)));
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', '所选楼栋或单元不属于该小区', { fields: [{ field: 'body.placeIds', problem: 'not in compound' }], ids: bad });
  }
  const chosen = input.quotes.filter((q) => q.chosen);
  if (chosen.length > 1) throw new AppError('VALIDATION_FAILED', '只能选定一份报价', { fields: [{ field: 'body.quotes', problem: 'several chosen' }] });
  // Without a choice the lowest quote is the budget, as the compound would pick.
  const pick = chosen[0] ?? input.quotes.reduce((a, b) => (b.amount < a.amount ? b : a));
  for (const [i, q] of input.quotes.entries()) await assertAttachable(deps.db, actor, reach.scope, q.photoIds, `body.quotes.${i}.photoIds`);
  const households = await repo.householdsUnder(deps.db, places.map((p) => p.path));
  const now = deps.clock.now();
  const status: RepairStatus = input.submit ? 'applied' : 'draft';
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('property_repair').values({
      compound_id: g.id, org_path: g.path, county_code: g.county_code, company_id: reach.companyId, kind: input.kind, urgent: input.urgent,
      title: input.title, description: input.description, quantity: input.quantity, households, budget: pick.amount, status,
      approval: approvalOf(input.kind, input.urgent), applied_by: input.submit ? actor.accountId : null, applied_at: input.submit ? now : null,
      created_by: actor.accountId, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('property_repair_place').values(places.map((p) => ({ repair_id: id, org_id: p.id }))).execute();
    for (const q of input.quotes) {
      const { id: quoteId } = await trx.insertInto('property_repair_quote')
        .values({ repair_id: id, supplier: q.supplier, amount: q.amount, chosen: q === pick }).returning('id').executeTakeFirstOrThrow();
      await linkAttachments(trx, q.photoIds, { entity: QUOTE_FILES, entityId: quoteId, orgPath: g.path, countyCode: g.county_code });
    }
    await insertStep(trx, actor, id, 'apply', null, status, null, now);
    await writeAudit(trx, actor, {
      action: 'property.repair_apply', entity: 'property_repair', entityId: id, orgPath: g.path, countyCode: g.county_code,
      after: { kind: input.kind, urgent: input.urgent, quantity: input.quantity, households, budget: pick.amount, status },
    });
    return { id, households };
  });
}

async function insertStep(trx: Transaction<DB>, actor: Actor, repairId: number, action: string, from: string | null, to: string, note: string | null, at: Date) {
  await trx.insertInto('property_repair_step').values({
    repair_id: repairId, action, from_status: from, to_status: to, account_id: actor.accountId, actor_name: actor.displayName,
    actor_role: actor.role, note, at,
  }).execute();
}

// ---- steps ----

export interface StepInput {
  note?: string;
  reason?: string;
  photoIds?: number[];
  finalAmount?: number;
  vote?: VoteBody;
}

async function servesRepair(db: Kysely<DB> | Transaction<DB>, reach: RepairReach, r: { company_id: number | null; compound_id: number }) {
  if (reach.companyId == null) return false;
  return r.company_id === reach.companyId || (await repo.companyServes(db, reach.companyId, r.compound_id));
}

/** Whether the emergency side `action` names has approved already. */
const sideApproved = (r: Pick<RepairRow, 'community_approved_at' | 'street_approved_at'>, action: RepairAction) =>
  action === 'approve_community' ? r.community_approved_at != null : r.street_approved_at != null;

/** The steps this caller may take on this repair now (the page's buttons). */
async function actionsFor(deps: RepairDeps, actor: Actor, reach: RepairReach, r: RepairRow): Promise<RepairAction[]> {
  const serves = await servesRepair(deps.db, reach, r);
  return (Object.keys(REPAIR_STEPS) as RepairAction[]).filter((a) => {
    const step = REPAIR_STEPS[a];
    if (!step.from.includes(r.status) || !mayTakeStep(actor.role, step.by, serves)) return false;
    if (!can(actor.role, 'property.repairs')) return false;
    if (a === 'approve_community' || a === 'approve_street') return r.approval === 'emergency' && !sideApproved(r, a);
    if (a === 'record_vote') return r.approval === 'vote';
    return true;
  });
}

export async function takeStep(deps: RepairDeps, actor: Actor, reach: RepairReach, id: number, action: RepairAction, input: StepInput = {}) {
  const seen = await repo.repairInReach(deps.db, reach, id);
  if (!seen) throw notFound('维修项目');
  const step = REPAIR_STEPS[action];
  if (!mayTakeStep(actor.role, step.by, await servesRepair(deps.db, reach, seen))) throw new AppError('FORBIDDEN', STEP_OWNER[step.by]);
  const photoIds = action === 'finish' ? await assertAttachable(deps.db, actor, reach.scope, input.photoIds ?? [], 'body.photoIds') : [];
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Re-read under a row lock: two approvals at once must not both miss each other.
    const r = await repo.lockRepair(trx, id);
    let next = checkRepairStep(r.status, action);
    const set: Record<string, unknown> = {};
    let note: string | null = input.note ?? input.reason ?? null;
    switch (action) {
      case 'submit':
        Object.assign(set, { applied_by: actor.accountId, applied_at: now });
        break;
      case 'approve_community':
      case 'approve_street': {
        if (r.approval !== 'emergency') throw new AppError('INVALID_TRANSITION', '该项目不属于应急维修，须由业主表决决定', { approval: r.approval });
        if (sideApproved(r, action)) throw new AppError('INVALID_TRANSITION', action === 'approve_community' ? '社区已审批同意' : '街道已审批同意');
        if (action === 'approve_community') Object.assign(set, { community_approved_by: actor.accountId, community_approved_at: now });
        else Object.assign(set, { street_approved_by: actor.accountId, street_approved_at: now });
        const other = action === 'approve_community' ? r.street_approved_at : r.community_approved_at;
        if (other) {
          next = 'approved';
          set.approved_at = now;
        }
        break;
      }
      case 'record_vote': {
        if (r.approval !== 'vote') throw new AppError('INVALID_TRANSITION', '应急维修由社区和街道审批，无需业主表决', { approval: r.approval });
        const m = await votedMatter(trx, input.vote!.matterId);
        if (!m) throw notFound('业主表决事项');
        const why = await matterRefusal(trx, { id: r.id, compound_id: r.compound_id }, m);
        if (why) throw new AppError(why.code, why.message, { reason: why.reason, matterId: m.matterId, failures: m.failures });
        const c = m.counts!;
        // The figures are the vote's as counted at its close (typed once, in the vote); kept on the
        // repair beside the matter's id so old rows, typed by hand, read the same way.
        Object.assign(set, {
          vote_matter_id: m.matterId, vote_total_area: c.totalArea, vote_total_owners: c.totalOwners, vote_part_area: c.participatingArea,
          vote_part_owners: c.participatingOwners, vote_agree_area: c.agreeingArea, vote_agree_owners: c.agreeingOwners, voted_on: m.closedOn, approved_at: now,
        });
        note = `${m.closedOn} 业主表决「${m.voteTitle}」事项「${m.matterTitle}」通过：参与 ${c.participatingOwners}/${c.totalOwners} 人、${c.participatingArea}/${c.totalArea} m²；同意 ${c.agreeingOwners} 人、${c.agreeingArea} m²`;
        break;
      }
      case 'reject':
        set.reject_reason = input.reason;
        break;
      case 'start':
        set.started_at = now;
        break;
      case 'finish':
        set.done_at = now;
        break;
      case 'accept':
        Object.assign(set, { accepted_by: actor.accountId, accepted_at: now, accept_note: input.note });
        break;
      case 'send_back':
        set.done_at = null;
        break;
      case 'publish':
        Object.assign(set, { final_amount: input.finalAmount, published_at: now });
        note = `决算金额 ${input.finalAmount} 元`;
        break;
    }
    // Guarded by the status read under the lock: a step taken meanwhile makes this update miss.
    // The unique index on vote_matter_id refuses a matter another repair took meanwhile.
    const done = await trx.updateTable('property_repair').set({ ...set, status: next }).where('id', '=', id).where('status', '=', r.status).executeTakeFirst()
      .catch((e: { constraint?: string }) => {
        if (e?.constraint === 'property_repair_vote_matter_key') throw new AppError('ALREADY_EXISTS', '该表决事项已用于另一个维修项目');
        throw e;
      });
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该维修项目刚被他人办理，请刷新后再试');
    if (photoIds.length) await linkAttachments(trx, photoIds, { entity: REPAIR_FILES, entityId: id, orgPath: r.org_path, countyCode: r.county_code });
    await insertStep(trx, actor, id, action, r.status, next, note, now);
    await writeAudit(trx, actor, {
      action: 'property.repair_step', entity: 'property_repair', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
      before: { status: r.status }, after: { action, status: next }, reason: input.reason ?? input.note ?? null,
    });
    return { status: next };
  });
}

// ---- the owners' vote a repair rests on (selfrun's counted votes) ----

type Refusal = { code: 'VALIDATION_FAILED' | 'INVALID_TRANSITION' | 'ALREADY_EXISTS'; reason: string; message: string };

/**
 * Why a counted matter cannot decide this repair, or null. Using the maintenance fund is an
 * ordinary matter of art. 278 (item 5); raising it is special (item 6), so a special matter, or
 * one about something else, is the wrong kind.
 */
async function matterRefusal(db: Kysely<DB> | Transaction<DB>, r: { id: number; compound_id: number }, m: CountedMatter, used?: Map<number, { id: number; title: string }>): Promise<Refusal | null> {
  if (m.compoundId !== r.compound_id) return { code: 'VALIDATION_FAILED', reason: 'other_compound', message: '该表决事项属于其他小区，不能作为本小区维修的依据' };
  if (!m.counted) return { code: 'INVALID_TRANSITION', reason: 'not_counted', message: '该表决尚未结束计票，请在表决结束、计票完成后再登记' };
  if (m.purpose !== 'maintenance_fund') return { code: 'VALIDATION_FAILED', reason: 'wrong_kind', message: '该事项不是使用专项维修资金的表决事项' };
  if (m.kind !== 'ordinary') return { code: 'VALIDATION_FAILED', reason: 'wrong_kind', message: '该事项是特别事项（筹集维修资金），使用维修资金须由一般事项表决决定' };
  if (!m.passed) return { code: 'VALIDATION_FAILED', reason: 'not_passed', message: `该事项表决未通过：${m.failures.join('；') || '同意未达民法典第二百七十八条的要求'}` };
  const other = used ? used.get(m.matterId) : (await repo.repairsUsingMatters(db, [m.matterId]))[0];
  if (other && other.id !== r.id) return { code: 'ALREADY_EXISTS', reason: 'used', message: `该表决事项已用于维修项目「${other.title}」` };
  return null;
}

/** The compound's counted vote matters for the repair's 业主表决 step, each with why it cannot decide it (the page's list). */
export async function voteMattersFor(deps: RepairDeps, reach: RepairReach, id: number) {
  const r = await repo.repairInReach(deps.db, reach, id);
  if (!r) throw notFound('维修项目');
  const matters = await countedMatters(deps.db, r.compound_id);
  const used = new Map((await repo.repairsUsingMatters(deps.db, matters.map((m) => m.matterId))).map((u) => [u.vote_matter_id!, u]));
  const out = [];
  for (const m of matters) {
    out.push({
      matterId: m.matterId, voteId: m.voteId, voteTitle: m.voteTitle, matterTitle: m.matterTitle, kind: m.kind, purpose: m.purpose,
      voteStatus: m.voteStatus, passed: m.passed, closedOn: m.closedOn, counts: m.counts,
      refusal: (await matterRefusal(deps.db, r, m, used))?.message ?? null,
    });
  }
  // Those that can decide it first.
  return out.sort((a, b) => Number(a.refusal != null) - Number(b.refusal != null));
}

// ---- reads ----

const photoList = (ids: number[] | undefined) => (ids ?? []).map((id) => ({ id, url: fileUrl(id) }));

function item(r: repo.RepairRow | Awaited<ReturnType<typeof repo.repairsPage>>['rows'][number]) {
  return {
    id: r.id, compoundId: r.compound_id, compoundName: r.compound_name, communityName: r.community_name, kind: r.kind as RepairKind,
    urgent: r.urgent, title: r.title, quantity: Number(r.quantity), households: r.households, budget: Number(r.budget),
    finalAmount: num(r.final_amount), status: r.status as RepairStatus, approval: r.approval, byCompany: r.company_name ?? null,
    appliedAt: iso(r.applied_at), createdAt: r.created_at.toISOString(),
  };
}

export async function listRepairs(deps: RepairDeps, reach: RepairReach, q: {
  status?: RepairStatus; kind?: RepairKind; compoundId?: number; orgId?: number; page: number; pageSize: number;
}) {
  const within = q.orgId ? (await unitInScope(deps.db, reach.scope, q.orgId)).path : undefined;
  const { rows, total } = await repo.repairsPage(deps.db, reach, { ...q, within });
  return { total, items: rows.map(item) };
}

export async function repairDetail(deps: RepairDeps, actor: Actor, reach: RepairReach, id: number) {
  const r = await repo.repairInReach(deps.db, reach, id);
  if (!r) throw notFound('维修项目');
  const [quotes, places, steps] = await Promise.all([repo.quotesOf(deps.db, id), repo.placesOf(deps.db, id), repo.stepsOf(deps.db, id)]);
  const quotePhotos = await repo.photosOf(deps.db, QUOTE_FILES, quotes.map((q) => q.id));
  const photos = await repo.photosOf(deps.db, REPAIR_FILES, [id]);
  const names = new Map((await repo.accountName(deps.db, [r.community_approved_by, r.street_approved_by].filter((x): x is number => x != null)))
    .map((a) => [a.id, a.display_name]));
  const approvalBy = (by: number | null, at: Date | null) => (by && at ? { by: names.get(by) ?? '', at: at.toISOString() } : null);
  const from = r.vote_matter_id != null ? await votedMatter(deps.db, r.vote_matter_id) : null;
  return {
    ...item(r),
    description: r.description,
    places: places.map((p) => ({ id: p.id, name: p.kind === 'unit' ? `${p.parent_name}${p.name}` : p.name })),
    quotes: quotes.map((q) => ({ id: q.id, supplier: q.supplier, amount: Number(q.amount), chosen: q.chosen, photos: photoList(quotePhotos.get(q.id)) })),
    photos: photoList(photos.get(id)),
    communityApproval: approvalBy(r.community_approved_by, r.community_approved_at),
    streetApproval: approvalBy(r.street_approved_by, r.street_approved_at),
    vote: r.voted_day ? {
      totalArea: Number(r.vote_total_area), totalOwners: r.vote_total_owners ?? 0, participatingArea: Number(r.vote_part_area),
      participatingOwners: r.vote_part_owners ?? 0, agreeingArea: Number(r.vote_agree_area), agreeingOwners: r.vote_agree_owners ?? 0, votedOn: r.voted_day!,
      from: from ? { voteId: from.voteId, voteTitle: from.voteTitle, matterTitle: from.matterTitle } : null,
    } : null,
    rejectReason: r.reject_reason,
    acceptNote: r.accept_note,
    steps: steps.map((s) => ({ action: s.action as RepairAction | 'apply', from: s.from_status as RepairStatus | null, to: s.to_status as RepairStatus, by: s.actor_name, role: s.actor_role, note: s.note, at: s.at.toISOString() })),
    actions: await actionsFor(deps, actor, reach, r),
  };
}

const countedOut = (c: repo.CountedRow) => ({
  repairs: Number(c.repairs), lifts: Number(c.lifts), sheds: Number(c.sheds), chargingPorts: Number(c.charging_ports), wallM2: Number(c.wall_m2),
  households: Number(c.households), amount: Number(c.amount),
});

/** Counted figures (lifts, sheds, ports, m² of walls, households, amounts) of accepted repairs in scope. */
export async function repairFigures(deps: RepairDeps, actor: Actor, scope: Scope, q: { orgId?: number; from?: string; to?: string }) {
  if (!can(actor.role, 'property.read')) throw new AppError('FORBIDDEN', '统计数据由区县、街道、社区查看');
  const place = await unitInScope(deps.db, scope, q.orgId ?? scope.orgId);
  const f = await repo.figures(deps.db, place.id, place.path, q.from ?? null, q.to ?? null);
  return {
    orgName: place.name,
    totals: countedOut(f.totals),
    byPlace: f.byPlace.map((p) => ({ orgId: p.org_id, name: p.name, ...countedOut(p) })),
    byMonth: f.byMonth.map((m) => ({ month: m.month, ...countedOut(m) })),
  };
}

/** The resident's compound's repairs, with only the fields made for residents. */
export async function myCompoundRepairs(deps: RepairDeps, actor: Actor) {
  const compound = await repo.compoundOfAccount(deps.db, actor.accountId);
  if (!compound) return { compoundName: null, items: [] };
  const rows = await repo.residentRepairs(deps.db, compound.id);
  // Residents see photos of the finished work only (quotes are the applicants' and the approvers').
  const photos = await repo.photosOf(deps.db, REPAIR_FILES, rows.filter((r) => ['done', 'accepted', 'published'].includes(r.status)).map((r) => r.id));
  return {
    compoundName: compound.name,
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, title: r.title, description: r.description, status: r.status, urgent: r.urgent, budget: Number(r.budget),
      finalAmount: num(r.final_amount), households: r.households, appliedAt: iso(r.applied_at), acceptedAt: iso(r.accepted_at),
      publishedAt: iso(r.published_at), photos: photoList(photos.get(r.id)),
    })),
  };
}

// ---- file readers ----

/** Quote photos: as visible as the repair to staff and the serving company. */
export function quoteFileReader(deps: RepairDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    if (!can(actor.role, 'property.read') && !can(actor.role, 'property.repairs')) return false;
    return (await repo.quotesReadable(deps.db, await reachOf(deps, actor, scope), ids)).length > 0;
  };
}

/** Photos of the finished work: staff and the company as the repair; residents of the compound once done. */
export function repairFileReader(deps: RepairDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    if (can(actor.role, 'property.resident')) return (await repo.residentReadable(deps.db, actor.accountId, ids)).length > 0;
    if (!can(actor.role, 'property.read') && !can(actor.role, 'property.repairs')) return false;
    return (await repo.repairsReadable(deps.db, await reachOf(deps, actor, scope), ids)).length > 0;
  };
}
