import type { PointsEntryKind, PointsHolderKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { appendEntries, holderInScope, holderPlace, type NewEntry } from './points-ledger.repository.js';
import {
  communityInScope, dayOf, labelKey, monthLabel, monthOfDay, staffLabel, type PointsDeps, type Q, type Trx,
} from './points-common.js';
import { communityForRead, communityPlace, holderLabels } from './points.repository.js';
import { mayRecordItem, readsRecordsByScope } from './points.policy.js';
import { assertMonthOpen } from './points-months.service.js';
import * as repo from './points-records.repository.js';
import { currentItemsQuery, isCurrentFor, ruleSetOf, VOLUNTEER_ITEM_CODE, type RuleItemRow, type RuleSet } from './points-rules.repository.js';

/** Attachment links name records by this entity (photo evidence of 一事一记). */
export const RECORD_ENTITY = 'points_record';

export interface NewRecordInput {
  holderKind: PointsHolderKind;
  holderId: number;
  itemId: number;
  quantity: number;
  occurredOn: string;
  note: string;
  photoIds: number[];
  clientId?: string;
}

type HolderPlace = Awaited<ReturnType<typeof holderPlace>>;

/** The ledger kind an approved record becomes. */
const entryKindOf = (item: RuleItemRow): PointsEntryKind =>
  item.code === VOLUNTEER_ITEM_CODE ? 'volunteer' : item.direction === 'positive' ? 'deed' : 'penalty';

/** Signed points of `quantity` units of an item. Hours come in halves; times are whole. */
function pointsOf(item: RuleItemRow, quantity: number): number {
  if (item.unit === 'times' && !Number.isInteger(quantity)) throw new AppError('VALIDATION_FAILED', '次数必须是整数', { fields: [{ field: 'body.quantity', problem: 'integer' }] });
  if (item.unit === 'hours' && !Number.isInteger(quantity * 2)) throw new AppError('VALIDATION_FAILED', '时长以半小时为单位', { fields: [{ field: 'body.quantity', problem: 'half hours' }] });
  const pts = Math.round(item.points * quantity);
  if (pts <= 0) throw new AppError('VALIDATION_FAILED', '积分不能为零', { fields: [{ field: 'body.quantity', problem: 'zero' }] });
  return item.direction === 'positive' ? pts : -pts;
}

/**
 * 一事一记: records a deed or breach for review. Refused with a plain reason when the caller's
 * role may not record the item, evidence is missing, the month is closed, the monthly cap is
 * reached or the item is switched off. A replayed clientId returns the record already stored.
 */
export async function createRecord(deps: PointsDeps, actor: Actor, scope: Scope, input: NewRecordInput) {
  const prior = await storedReplay(deps.db, actor, scope, input.clientId);
  if (prior) return prior;
  try {
    return { ...(await storeRecord(deps, actor, scope, input)), replayed: false };
  } catch (e) {
    // Two copies of one offline record raced: the other one stored it (this one hit the unique
    // client_id, or a monthly cap that now counts it). Answer with what was stored.
    const stored = await storedReplay(deps.db, actor, scope, input.clientId);
    if (stored) return stored;
    throw e;
  }
}

/** The record already stored under an offline record's clientId, if any, as its replay answer. */
async function storedReplay(db: Q, actor: Actor, scope: Scope, clientId: string | undefined) {
  if (!clientId) return null;
  const existing = await repo.recordByClientId(db, clientId);
  if (!existing) return null;
  if (existing.recorded_by !== actor.accountId) throw new AppError('CONFLICT', '该离线记录编号已被使用');
  return { ...(await getRecord(db, scope, existing.id)), replayed: true };
}

async function storeRecord(deps: PointsDeps, actor: Actor, scope: Scope, input: NewRecordInput) {
  const { db } = deps;
  const place = await holderInScope(db, scope, input.holderKind, input.holderId);
  const now = deps.clock.now();
  if (input.occurredOn > dayOf(now)) throw new AppError('VALIDATION_FAILED', '发生日期不能晚于今天', { fields: [{ field: 'body.occurredOn', problem: 'future' }] });
  const month = monthOfDay(input.occurredOn);
  // The holder is in scope, so its community is either inside the scope or holds it (a grid worker's).
  const c = await communityForRead(db, scope, place.communityId);

  const id = await db.transaction().execute(async (trx) => {
    const set = await ruleSetOf(trx, c.id);
    const item = await repo.ruleItemById(trx, input.itemId);
    if (!item || (item.community_id !== null && item.community_id !== c.id)) throw notFound('积分项目');
    if (!isCurrentFor(item, c.id, set)) throw new AppError('CONFLICT', `“${item.name}”的规则已修改，请刷新后按新规则记录`);
    if (!item.active) throw new AppError('INVALID_TRANSITION', `“${item.name}”已停用，不能再记录`);
    if (!mayRecordItem(item, actor.role)) throw new AppError('FORBIDDEN', `您的角色不能记录“${item.name}”，请联系社区积分评议小组`);
    if (item.evidence_required && input.photoIds.length === 0) {
      throw new AppError('VALIDATION_FAILED', `“${item.name}”需要上传现场照片作为凭证`, { fields: [{ field: 'body.photoIds', problem: 'required' }] });
    }
    const photos = await assertAttachable(trx, actor, scope, input.photoIds, 'body.photoIds');
    const points = pointsOf(item, input.quantity);
    await assertMonthOpen(trx, c, month);
    if (item.monthly_cap != null) {
      const used = await repo.usedThisMonth(trx, { kind: input.holderKind, id: input.holderId }, item.code, month);
      if (used + Math.abs(points) > item.monthly_cap) {
        const left = Math.max(0, item.monthly_cap - used);
        throw new AppError('CONFLICT', `“${item.name}”每户每月最多 ${item.monthly_cap} 分，${monthLabel(month)}已记 ${used} 分，还可记 ${left} 分`, { reason: 'MONTHLY_CAP', left });
      }
    }
    const row = await repo.insertRecord(trx, {
      community_id: c.id, org_path: place.orgPath, county_code: place.countyCode, holder_kind: input.holderKind, holder_id: input.holderId,
      item_id: item.id, quantity: input.quantity, points, occurred_on: input.occurredOn, month, note: input.note,
      photo_ids: JSON.stringify(photos), recorded_by: actor.accountId, recorded_at: now, client_id: input.clientId ?? null,
    });
    if (photos.length) await linkAttachments(trx, photos, { entity: RECORD_ENTITY, entityId: row.id, orgPath: place.orgPath, countyCode: place.countyCode });
    await writeAudit(trx, actor, {
      action: 'points.record.create', entity: 'points_record', entityId: row.id, orgPath: place.orgPath, countyCode: place.countyCode,
      after: { ...input, points, month },
    });
    return row.id;
  });
  return getRecord(db, scope, id);
}

/**
 * Base points (基础分) for holders that have none yet, as entries to append. The grant row's
 * primary key makes this once per holder, whoever gets there first (the batch or a first record).
 */
async function baseEntries(trx: Trx, set: RuleSet, holders: readonly { kind: PointsHolderKind; id: number }[], communityId: number, now: Date, month: string, by: number | null) {
  const out: (NewEntry & { orgPath?: string })[] = [];
  for (const h of holders) {
    const amount = h.kind === 'household' ? set.baseHousehold : set.baseMerchant;
    if (amount <= 0) continue;
    const got = await repo.claimBaseGrant(trx, h, communityId, now);
    if (got) out.push({ holderKind: h.kind, holderId: h.id, amount, kind: 'base', month, note: '基础分', createdBy: by });
  }
  return out;
}

/**
 * Grants base points to every household (lived in) and merchant of a community that has none,
 * in batches of `batch` holders per transaction, so a large community never holds one long
 * lock on its chain. New households later get theirs with their first approved record.
 */
export async function grantBase(deps: PointsDeps, actor: Actor, scope: Scope, communityId: number, batch = 500) {
  const c = await communityInScope(deps.db, scope, communityId);
  let granted = 0;
  let households = 0;
  let merchants = 0;
  for (const kind of ['household', 'merchant'] as const) {
    let after = 0;
    for (;;) {
      const ids = await repo.ungrantedHolders(deps.db, kind, c.path, after, batch);
      if (!ids.length) break;
      after = ids[ids.length - 1]!;
      const now = deps.clock.now();
      const n = await deps.db.transaction().execute(async (trx) => {
        const set = await ruleSetOf(trx, c.id);
        const entries = await baseEntries(trx, set, ids.map((id) => ({ kind, id })), c.id, now, dayOf(now).slice(0, 7), actor.accountId);
        if (!entries.length) return 0;
        const paths = await repo.pathsOf(trx, kind, entries.map((e) => e.holderId));
        await appendEntries(trx, { communityId: c.id, countyCode: c.county_code }, entries.map((e) => ({ ...e, orgPath: paths.get(e.holderId)! })), now);
        return entries.length;
      });
      granted += n;
      if (kind === 'household') households += n;
      else merchants += n;
    }
  }
  if (granted) {
    await writeAudit(deps.db, actor, { action: 'points.base.grant', entity: 'org_unit', entityId: c.id, orgPath: c.path, countyCode: c.county_code, after: { households, merchants } });
  }
  return { granted, households, merchants };
}

export interface ReviewInput {
  ids: number[];
  decision: 'approve' | 'reject';
  note?: string;
}

/**
 * The points group's review (一月一评). Approval appends the ledger entry (and the holder's base
 * points if it has none) in the same transaction as the status change. Records that cannot be
 * decided are skipped with a reason; the rest go through.
 */
export async function reviewRecords(deps: PointsDeps, actor: Actor, scope: Scope, input: ReviewInput) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const rows = await repo.lockForReview(trx, scope, input.ids);
    if (!rows.length) throw notFound('积分记录');
    const found = new Map(rows.map((r) => [r.id, r]));
    const skipped: { id: number; reason: string }[] = [];
    const toDecide: typeof rows = [];
    for (const id of [...new Set(input.ids)]) {
      const r = found.get(id);
      if (!r) skipped.push({ id, reason: '记录不存在或不在您的管辖范围内' });
      else if (r.status !== 'pending') skipped.push({ id, reason: r.status === 'approved' ? '已审核通过' : '已驳回' });
      else if (r.recorded_by === actor.accountId) skipped.push({ id, reason: '不能审核自己登记的记录，请由评议小组其他成员审核' });
      else toDecide.push(r);
    }
    // Months are locked for share (a close waits for us, and we refuse a closed one).
    const openChecked = new Map<string, boolean>();
    const decided: typeof rows = [];
    for (const r of toDecide) {
      const k = `${r.community_id}:${r.month}`;
      if (!openChecked.has(k)) {
        try {
          await assertMonthOpen(trx, { id: r.community_id, path: r.community_path, county_code: r.county_code }, r.month);
          openChecked.set(k, true);
        } catch {
          openChecked.set(k, false);
        }
      }
      if (openChecked.get(k)) decided.push(r);
      else skipped.push({ id: r.id, reason: `${monthLabel(r.month)}已结账公示` });
    }
    if (input.decision === 'reject') {
      if (decided.length) {
        await repo.updateRecords(trx, decided.map((r) => r.id), { status: 'rejected', reviewed_by: actor.accountId, reviewed_at: now, review_note: input.note ?? null });
      }
    } else {
      const byCommunity = new Map<number, typeof rows>();
      for (const r of decided) byCommunity.set(r.community_id, [...(byCommunity.get(r.community_id) ?? []), r]);
      for (const [communityId, list] of byCommunity) {
        const set = await ruleSetOf(trx, communityId);
        const holders = [...new Map(list.map((r) => [`${r.holder_kind}:${r.holder_id}`, { kind: r.holder_kind, id: r.holder_id }])).values()];
        const base = await baseEntries(trx, set, holders, communityId, now, list[0]!.month, actor.accountId);
        const pathOf = new Map(list.map((r) => [`${r.holder_kind}:${r.holder_id}`, r.org_path]));
        const deeds: (NewEntry & { orgPath: string })[] = list.map((r) => ({
          holderKind: r.holder_kind, holderId: r.holder_id, amount: r.points,
          kind: entryKindOf({ code: r.code, direction: r.direction } as RuleItemRow), month: r.month,
          ruleItemId: r.item_id, recordId: r.id, note: r.note ? `${r.name}：${r.note}` : r.name, createdBy: actor.accountId, orgPath: r.org_path,
        }));
        const appended = await appendEntries(trx, { communityId, countyCode: list[0]!.county_code },
          [...base.map((e) => ({ ...e, orgPath: pathOf.get(`${e.holderKind}:${e.holderId}`)! })), ...deeds], now);
        const entries = appended.slice(base.length);
        for (let i = 0; i < list.length; i++) {
          await repo.updateRecords(trx, [list[i]!.id], {
            status: 'approved', reviewed_by: actor.accountId, reviewed_at: now, review_note: input.note ?? null, entry_id: entries[i]!.id,
          });
        }
      }
    }
    for (const r of decided) {
      await writeAudit(trx, actor, {
        action: `points.record.${input.decision}`, entity: 'points_record', entityId: r.id, orgPath: r.org_path, countyCode: r.county_code,
        after: { decision: input.decision, note: input.note ?? null },
      });
    }
    const n = decided.length;
    return { approved: input.decision === 'approve' ? n : 0, rejected: input.decision === 'reject' ? n : 0, skipped };
  });
}

/**
 * Volunteer hours confirmed by the volunteer module become points through the community's
 * `volunteer_service` item (points per hour), as an approved record with its ledger entry, in
 * the caller's transaction. The monthly cap trims the points rather than refusing the hours;
 * returns null when nothing is left under the cap. A closed month refuses (INVALID_TRANSITION).
 */
export async function recordVolunteerHours(
  trx: Trx,
  input: { holder: { kind: PointsHolderKind; id: number }; hours: number; occurredOn: string; note: string; createdBy: number | null; at: Date },
): Promise<{ recordId: number; entryId: number; points: number } | null> {
  const now = input.at;
  const place: HolderPlace = await holderPlace(trx, input.holder.kind, input.holder.id);
  const c = await communityPlace(trx, place.communityId);
  const set = await ruleSetOf(trx, c.id);
  const item = await currentItemsQuery(trx, c.id, set.customized).where('code', '=', VOLUNTEER_ITEM_CODE).executeTakeFirst();
  if (!item || !item.active) throw new AppError('INVALID_TRANSITION', '本社区未启用“志愿服务”积分项目');
  if (!(input.hours > 0)) throw new AppError('VALIDATION_FAILED', '服务时长必须大于零');
  const month = monthOfDay(input.occurredOn);
  await assertMonthOpen(trx, c, month);
  let points = Math.round(item.points * input.hours);
  if (item.monthly_cap != null) {
    const used = await repo.usedThisMonth(trx, input.holder, item.code, month);
    points = Math.min(points, item.monthly_cap - used);
  }
  if (points <= 0) return null;
  const rec = await repo.insertRecord(trx, {
    community_id: c.id, org_path: place.orgPath, county_code: place.countyCode, holder_kind: input.holder.kind, holder_id: input.holder.id,
    item_id: item.id, quantity: input.hours, points, occurred_on: input.occurredOn, month, note: input.note, status: 'approved', source: 'volunteer',
    recorded_by: input.createdBy, recorded_at: now, reviewed_by: input.createdBy, reviewed_at: now,
  });
  const base = await baseEntries(trx, set, [input.holder], c.id, now, month, input.createdBy);
  const appended = await appendEntries(trx, { communityId: c.id, countyCode: place.countyCode }, [
    ...base.map((e) => ({ ...e, orgPath: place.orgPath })),
    { holderKind: input.holder.kind, holderId: input.holder.id, amount: points, kind: 'volunteer', month, ruleItemId: item.id, recordId: rec.id,
      note: `${item.name} ${input.hours} 小时${input.note ? `：${input.note}` : ''}`, createdBy: input.createdBy, orgPath: place.orgPath },
  ], now);
  const entry = appended[appended.length - 1]!;
  await repo.updateRecords(trx, [rec.id], { entry_id: entry.id });
  return { recordId: rec.id, entryId: entry.id, points };
}

export interface RecordQuery {
  communityId?: number;
  status?: 'pending' | 'approved' | 'rejected';
  month?: string;
  holderKind?: PointsHolderKind;
  holderId?: number;
  page: number;
  pageSize: number;
}

async function toViews(db: Q, rows: repo.RecordRow[]) {
  const labels = await holderLabels(db, rows.map((r) => ({ kind: r.holder_kind, id: r.holder_id })));
  return rows.map((r) => ({
    id: r.id, communityId: r.community_id, holderKind: r.holder_kind, holderId: r.holder_id,
    holderLabel: staffLabel(labels.get(labelKey(r.holder_kind, r.holder_id))), itemId: r.item_id, itemName: r.item_name,
    direction: r.direction, quantity: Number(r.quantity), points: r.points, occurredOn: r.occurred_on, month: r.month, note: r.note,
    photoIds: r.photo_ids.map(Number), status: r.status, source: r.source,
    recordedBy: r.recorded_by ? { id: r.recorded_by, name: r.recorded_by_name ?? '' } : null, recordedAt: r.recorded_at.toISOString(),
    reviewedBy: r.reviewed_by ? { id: r.reviewed_by, name: r.reviewed_by_name ?? '' } : null,
    reviewedAt: r.reviewed_at?.toISOString() ?? null, reviewNote: r.review_note, entryId: r.entry_id, reversed: Boolean(r.reversed),
  }));
}

export type RecordView = Awaited<ReturnType<typeof toViews>>[number];

export async function getRecord(db: Q, scope: Scope, id: number): Promise<RecordView> {
  const row = await repo.recordInScope(db, scope, id);
  if (!row) throw notFound('积分记录');
  return (await toViews(db, [row]))[0]!;
}

export async function listRecords(deps: PointsDeps, scope: Scope, q: RecordQuery) {
  let path = scope.path;
  if (q.communityId) path = (await communityForRead(deps.db, scope, q.communityId)).within;
  const { rows, total } = await repo.recordsPage(deps.db, scope, path, q);
  return { items: await toViews(deps.db, rows), total };
}

/**
 * For files attached to records (platform/files asks before serving one): staff who may read
 * points and have the record in scope. Residents see their points, not the evidence photos.
 */
export function recordFileReader(deps: PointsDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    if (!readsRecordsByScope(actor.role) || !ids.length) return false;
    return repo.anyRecordInScope(deps.db, scope, ids);
  };
}
