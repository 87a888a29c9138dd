import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { can } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, fileUrl, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { ID_NUMBER_MESSAGES, maskIdNumber, parseIdNumber } from '../../platform/pii/id-number.js';
import { phoneColumns } from '../../platform/pii/phone.js';
import { revealReasonLabel, type RevealReason } from '../../platform/pii/reveal-reasons.js';
import type { Scope } from '../../platform/scope.js';
import { committeeProblems } from './committee-rules.js';
import * as repo from './compounds.repository.js';
import * as s from './compounds.schemas.js';

/**
 * 小区管理 (issue 15): compounds with their management mode, exclusive units and owners, the
 * 业委会/物管会 and the 五有 of self-run compounds. Staff in scope read and manage; every write is
 * audited and runs in one transaction.
 */
export interface CompoundsDeps {
  db: Kysely<DB>;
  clock: Clock;
  cipher: PiiCipher;
}
export const compoundsDeps = (ctx: AppContext): CompoundsDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, cipher: ctx.cipher });

export const FIVE_HAVE_FILES = 'selfrun_five_have';
const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

type Row = NonNullable<Awaited<ReturnType<typeof repo.one>>>;
function rowView(r: Row): z.infer<typeof s.CompoundRow> {
  return {
    id: r.id, name: r.name, community: r.community, mode: r.mode, modeSince: r.mode_since, company: r.company,
    households: Number(r.households), units: Number(r.units), areaM2: Number(r.area), owners: Number(r.owners),
    committeeMembers: Number(r.members), fiveHaves: Number(r.five),
    // Only a self-run compound owes the 五有 checklist.
    fiveHavesMissing: r.mode === 'self_run' && Number(r.five) < s.FIVE_HAVE_ITEMS.length,
  };
}

async function compound(deps: CompoundsDeps, scope: Scope, id: number) {
  const c = await repo.one(deps.db, scope, id);
  if (!c) throw notFound('小区');
  return c;
}

// ---- compounds and their mode ----

export async function list(deps: CompoundsDeps, scope: Scope, q: z.infer<typeof s.ListQuery>): Promise<z.infer<typeof s.CompoundList>> {
  const { rows, total } = await repo.list(deps.db, scope, q);
  return { total, items: rows.map(rowView) };
}

export async function detail(deps: CompoundsDeps, scope: Scope, id: number) {
  return rowView(await compound(deps, scope, id));
}

export async function figures(deps: CompoundsDeps, scope: Scope): Promise<z.infer<typeof s.Figures>> {
  const [modes, streets] = await Promise.all([repo.byMode(deps.db, scope), repo.byStreet(deps.db, scope)]);
  const n = new Map(modes.map((r) => [r.mode, Number(r.n)]));
  return {
    byMode: s.Mode.options.map((mode) => ({ mode, compounds: n.get(mode) ?? 0 })),
    byStreet: streets.map((r) => ({ streetId: r.id, street: r.name, selfRun: Number(r.self_run), fiveHavesMissing: Number(r.missing) })),
  };
}

export async function setMode(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, b: z.infer<typeof s.SetMode>) {
  const c = await compound(deps, scope, id);
  if (c.mode === 'company') {
    throw new AppError('INVALID_TRANSITION', `该小区与${c.company ?? '物业企业'}有有效的物业服务合同，管理模式由合同决定，不能另行设置`, { reason: 'live_contract' });
  }
  if (b.since > chinaDay(deps.clock.now())) throw new AppError('VALIDATION_FAILED', '起始日期不能晚于今天', { field: 'since' });
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('compound_profile')
      .values({ compound_id: c.id, org_path: c.path, county_code: c.county_code, mode: b.mode, mode_since: b.since, updated_by: actor.accountId, updated_at: deps.clock.now() })
      .onConflict((oc) => oc.column('compound_id').doUpdateSet({ mode: b.mode, mode_since: b.since, updated_by: actor.accountId, updated_at: deps.clock.now() }))
      .execute();
    await writeAudit(trx, actor, {
      action: 'selfrun.mode_set', entity: 'compound_profile', entityId: c.id, orgPath: c.path, countyCode: c.county_code,
      before: { mode: c.stored_mode, since: c.mode_since }, after: { mode: b.mode, since: b.since, reason: b.reason },
    });
  });
  return { ok: true as const };
}

// ---- units and owners ----

export async function units(deps: CompoundsDeps, scope: Scope, id: number, q: z.infer<typeof s.UnitQuery>): Promise<z.infer<typeof s.UnitList>> {
  await compound(deps, scope, id);
  const [rows, total] = await repo.units(deps.db, id, q.page, q.pageSize);
  const owners = await repo.ownersOf(deps.db, rows.map((r) => r.id));
  return {
    total: Number(total.n),
    items: rows.map((u) => ({
      id: u.id, label: u.label, areaM2: Number(u.area_m2), developerUnsold: u.developer_unsold, householdId: u.household_id,
      // Masks only: the sealed ID number and phone never leave the server here, nor a date beside
      // the mask that would narrow it down.
      owners: owners.filter((o) => o.owned_unit_id === u.id).map((o) => ({
        id: o.id, name: o.name, idNumberMask: o.id_number_mask, phoneMask: o.phone_mask, inRegister: o.resident_id != null,
      })),
    })),
  };
}

export async function addUnit(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, b: z.infer<typeof s.AddUnit>) {
  const c = await compound(deps, scope, id);
  const dup = await deps.db.selectFrom('owned_unit').select('id').where('compound_id', '=', c.id).where('label', '=', b.label).where('removed_at', 'is', null).executeTakeFirst();
  if (dup) throw new AppError('ALREADY_EXISTS', `本小区已有房号“${b.label}”`, { field: 'label' });
  return deps.db.transaction().execute(async (trx) => {
    const u = await trx.insertInto('owned_unit').values({
      compound_id: c.id, org_path: c.path, county_code: c.county_code, label: b.label, area_m2: b.areaM2, developer_unsold: b.developerUnsold,
    }).returning('id').executeTakeFirstOrThrow();
    if (b.developerUnsold) {
      await trx.insertInto('unit_owner').values({ owned_unit_id: u.id, compound_id: c.id, org_path: c.path, county_code: c.county_code, owner_key: 'developer', name: '开发商' }).execute();
    }
    await writeAudit(trx, actor, { action: 'selfrun.unit_add', entity: 'owned_unit', entityId: u.id, orgPath: c.path, countyCode: c.county_code, after: { label: b.label, areaM2: b.areaM2 } });
    return { ok: true as const, id: u.id };
  });
}

export async function setArea(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, unitId: number, b: z.infer<typeof s.SetArea>) {
  const c = await compound(deps, scope, id);
  const u = await repo.unit(deps.db, c.id, unitId);
  if (!u) throw notFound('专有部分');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('owned_unit').set({ area_m2: b.areaM2 }).where('id', '=', u.id).execute();
    await writeAudit(trx, actor, { action: 'selfrun.unit_area', entity: 'owned_unit', entityId: u.id, orgPath: c.path, countyCode: c.county_code, before: { areaM2: Number(u.area_m2) }, after: { areaM2: b.areaM2 } });
  });
  return { ok: true as const };
}

/** The sealed columns of an owner given by ID number; refuses a bad number with the platform's reasons. */
export function sealedOwner(cipher: PiiCipher, idNumber: string, phone: string | null | undefined) {
  const p = parseIdNumber(idNumber);
  if ('problem' in p) throw new AppError('VALIDATION_FAILED', ID_NUMBER_MESSAGES[p.problem], { field: 'idNumber' });
  const hash = cipher.hash(p.value);
  return { owner_key: hash, id_number_enc: cipher.encrypt(p.value), id_number_hash: hash, id_number_mask: maskIdNumber(p.value), ...phoneColumns(cipher, phone) };
}

export async function addOwner(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, unitId: number, b: z.infer<typeof s.AddOwner>) {
  const c = await compound(deps, scope, id);
  const u = await repo.unit(deps.db, c.id, unitId);
  if (!u) throw notFound('专有部分');
  let cols: { owner_key: string; name: string; resident_id?: number | null; id_number_enc?: string | null; id_number_hash?: string | null; id_number_mask?: string | null; phone_enc?: string | null; phone_hash?: string | null; phone_mask?: string | null };
  if (b.residentId) {
    // From the register: the resident's sealed ID number is copied as it is (never decrypted here).
    const r = await deps.db.selectFrom('resident').select(['id', 'name', 'org_path', 'id_number_enc', 'id_number_hash', 'id_number_mask', 'phone_enc', 'phone_hash', 'phone_mask'])
      .where('id', '=', b.residentId).executeTakeFirst();
    if (!r || !scope.contains(r.org_path)) throw notFound('居民');
    cols = { owner_key: r.id_number_hash ?? `resident:${r.id}`, name: r.name, resident_id: r.id, id_number_enc: r.id_number_enc, id_number_hash: r.id_number_hash,
      id_number_mask: r.id_number_mask, phone_enc: r.phone_enc, phone_hash: r.phone_hash, phone_mask: r.phone_mask };
  } else {
    if (!b.name) throw new AppError('VALIDATION_FAILED', '请选择居民，或填写业主姓名和身份证号', { field: 'name' });
    if (!b.idNumber) throw new AppError('VALIDATION_FAILED', '请填写业主身份证号', { field: 'idNumber' });
    cols = { name: b.name, ...sealedOwner(deps.cipher, b.idNumber, b.phone) };
  }
  const live = await deps.db.selectFrom('unit_owner').select('id').where('owned_unit_id', '=', u.id).where('owner_key', '=', cols.owner_key).where('ended_at', 'is', null).executeTakeFirst();
  if (live) throw new AppError('ALREADY_EXISTS', '此人已是该房屋的业主');
  return deps.db.transaction().execute(async (trx) => {
    // A real owner replaces the developer's hold on an unsold unit.
    if (u.developer_unsold) {
      await trx.updateTable('unit_owner').set({ ended_at: deps.clock.now() }).where('owned_unit_id', '=', u.id).where('owner_key', '=', 'developer').where('ended_at', 'is', null).execute();
      await trx.updateTable('owned_unit').set({ developer_unsold: false }).where('id', '=', u.id).execute();
    }
    const o = await trx.insertInto('unit_owner').values({
      owned_unit_id: u.id, compound_id: c.id, org_path: u.org_path, county_code: c.county_code, since: b.since ?? chinaDay(deps.clock.now()), ...cols,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'selfrun.owner_add', entity: 'unit_owner', entityId: o.id, orgPath: c.path, countyCode: c.county_code, after: { unit: u.label, name: cols.name, idNumber: cols.id_number_mask ?? null } });
    return { ok: true as const, id: o.id };
  });
}

/** An owner ends (sold, or a correction); the row stays for the record. */
export async function endOwner(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, ownerId: number) {
  const c = await compound(deps, scope, id);
  await deps.db.transaction().execute(async (trx) => {
    const o = await trx.updateTable('unit_owner').set({ ended_at: deps.clock.now() }).where('id', '=', ownerId).where('compound_id', '=', c.id)
      .where('ended_at', 'is', null).returning(['id', 'name']).executeTakeFirst();
    if (!o) throw notFound('业主');
    await writeAudit(trx, actor, { action: 'selfrun.owner_end', entity: 'unit_owner', entityId: o.id, orgPath: c.path, countyCode: c.county_code, after: { ended: true } });
  });
  return { ok: true as const };
}

/** One owner's full ID number or phone, for a stated reason, through the platform's reveal rule (audited). */
export async function revealOwner(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, ownerId: number, field: 'idNumber' | 'phone', reason: RevealReason) {
  const c = await compound(deps, scope, id);
  const o = await deps.db.selectFrom('unit_owner').select(['id', 'name', 'org_path', 'id_number_enc', 'phone_enc']).where('id', '=', ownerId).where('compound_id', '=', c.id).executeTakeFirst();
  if (!o || !scope.contains(o.org_path)) throw notFound('业主');
  const sealed = field === 'idNumber' ? o.id_number_enc : o.phone_enc;
  if (!sealed) throw new AppError('NOT_FOUND', field === 'idNumber' ? '该业主未登记证件号' : '该业主未登记手机号');
  const value = deps.cipher.decrypt(sealed);
  await writeAudit(deps.db, actor, {
    action: 'pii.reveal', entity: 'unit_owner', entityId: o.id, orgPath: o.org_path, countyCode: c.county_code,
    after: { field, name: o.name, reasonCode: reason.code, reasonText: reason.text }, reason: revealReasonLabel(reason),
  });
  return { value };
}

// ---- committee ----

export async function committee(deps: CompoundsDeps, scope: Scope, id: number): Promise<z.infer<typeof s.CommitteeView>> {
  await compound(deps, scope, id);
  return committeeView(deps, id);
}

async function committeeView(deps: CompoundsDeps, id: number): Promise<z.infer<typeof s.CommitteeView>> {
  const rows = await repo.members(deps.db, id);
  const which = rows[0]?.committee ?? null;
  const problems = which ? committeeProblems(which, rows.map((m) => ({ kind: m.member_kind, role: m.role }))) : ['尚未组建业委会或物管会'];
  return {
    committee: which,
    members: rows.map((m) => ({ id: m.id, committee: m.committee, kind: m.member_kind, role: m.role, name: m.name, residentId: m.resident_id, termFrom: m.term_from, termTo: m.term_to })),
    problems, valid: problems.length === 0,
  };
}

export async function addMember(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, b: z.infer<typeof s.AddMember>) {
  const c = await compound(deps, scope, id);
  if (b.termTo <= b.termFrom) throw new AppError('VALIDATION_FAILED', '任期结束日期应晚于开始日期', { field: 'termTo' });
  if (b.residentId) {
    const r = await deps.db.selectFrom('resident').select(['id', 'org_path']).where('id', '=', b.residentId).executeTakeFirst();
    if (!r || !scope.contains(r.org_path)) throw notFound('居民');
  }
  return deps.db.transaction().execute(async (trx) => {
    // Serialise additions to one compound's committee so the one-chair and one-committee checks hold.
    await trx.selectFrom('org_unit').select('id').where('id', '=', c.id).forUpdate().execute();
    const live = await repo.members(trx, c.id);
    if (live.length && live[0]!.committee !== b.committee) {
      throw new AppError('CONFLICT', `该小区已有${live[0]!.committee === 'owners' ? '业委会' : '物管会'}，不能同时组建另一种委员会`);
    }
    if (b.role === 'chair' && live.some((m) => m.role === 'chair')) throw new AppError('CONFLICT', '已有主任；请先让原主任离任', { field: 'role' });
    if (b.committee === 'owners' && b.kind !== 'owner') throw new AppError('VALIDATION_FAILED', '业委会成员应为业主', { field: 'kind' });
    const m = await trx.insertInto('committee_member').values({
      compound_id: c.id, org_path: c.path, county_code: c.county_code, committee: b.committee, member_kind: b.kind, role: b.role,
      resident_id: b.residentId ?? null, name: b.name, term_from: b.termFrom, term_to: b.termTo, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'selfrun.member_add', entity: 'committee_member', entityId: m.id, orgPath: c.path, countyCode: c.county_code, after: { committee: b.committee, kind: b.kind, role: b.role, name: b.name } });
    return { ok: true as const, id: m.id };
  });
}

export async function leaveMember(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, memberId: number) {
  const c = await compound(deps, scope, id);
  await deps.db.transaction().execute(async (trx) => {
    const m = await trx.updateTable('committee_member').set({ left_at: deps.clock.now() }).where('id', '=', memberId).where('compound_id', '=', c.id)
      .where('left_at', 'is', null).returning('id').executeTakeFirst();
    if (!m) throw notFound('委员会成员');
    await writeAudit(trx, actor, { action: 'selfrun.member_leave', entity: 'committee_member', entityId: m.id, orgPath: c.path, countyCode: c.county_code, after: { left: true } });
  });
  return { ok: true as const };
}

// ---- 五有 ----

export async function fiveHaves(deps: CompoundsDeps, scope: Scope, id: number): Promise<z.infer<typeof s.FiveHavesView>> {
  await compound(deps, scope, id);
  const rows = await repo.fiveHaves(deps.db, id);
  const photos = await repo.photosOf(deps.db, FIVE_HAVE_FILES, rows.map((r) => r.id));
  const items = s.FIVE_HAVE_ITEMS.map((item) => {
    const r = rows.find((x) => x.item === item);
    return {
      item, done: !!r, note: r?.note ?? null, recordedAt: iso(r?.recorded_at ?? null),
      photos: r ? photos.filter((p) => p.entity_id === r.id).map((p) => ({ id: p.attachment_id, url: fileUrl(p.attachment_id) })) : [],
    };
  });
  return { items, missing: items.filter((i) => !i.done).map((i) => i.item) };
}

export async function recordFiveHave(deps: CompoundsDeps, actor: Actor, scope: Scope, id: number, item: z.infer<typeof s.FiveHaveItem>, b: z.infer<typeof s.RecordFiveHave>) {
  const c = await compound(deps, scope, id);
  if (c.mode !== 'self_run') throw new AppError('INVALID_TRANSITION', '五有只对居民自办的小区登记', { reason: 'not_self_run' });
  const photoIds = await assertAttachable(deps.db, actor, scope, b.photoIds, 'body.photoIds');
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('compound_five_have')
      .values({ compound_id: c.id, org_path: c.path, county_code: c.county_code, item, note: b.note, recorded_by: actor.accountId, recorded_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['compound_id', 'item']).doUpdateSet({ note: b.note, recorded_by: actor.accountId, recorded_at: deps.clock.now() }))
      .returning('id').executeTakeFirstOrThrow();
    if (photoIds.length) await linkAttachments(trx, photoIds, { entity: FIVE_HAVE_FILES, entityId: r.id, orgPath: c.path, countyCode: c.county_code });
    await writeAudit(trx, actor, { action: 'selfrun.five_have', entity: 'compound_five_have', entityId: r.id, orgPath: c.path, countyCode: c.county_code, after: { item, note: b.note, photos: photoIds.length } });
  });
  return { ok: true as const };
}

/** Who may read a 五有 record's photos: staff with selfrun.read in scope. */
export function fiveHaveFileReader(deps: CompoundsDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    if (!can(actor.role, 'selfrun.read')) return false;
    const rows = await deps.db.selectFrom('compound_five_have').select('org_path').where('id', 'in', ids).execute();
    return rows.some((r) => scope.contains(r.org_path));
  };
}
