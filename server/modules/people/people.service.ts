import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { ID_NUMBER_MESSAGES, ageOn, isMobile, maskIdNumber, maskPhone, parseIdNumber } from '../../platform/pii/id-number.js';
import { revealReasonLabel, type RevealReason } from '../../platform/pii/reveal-reasons.js';
import { type Scope, unitInScope } from '../../platform/scope.js';
import * as repo from './people.repository.js';
import type { ResidentView } from './people.schemas.js';

/**
 * What staff see of a resident: an age instead of the birth date, and masks from the one
 * maskIdNumber/maskPhone. The birth date beside a mask that hid only the birth date rebuilt
 * whole ID numbers (issue 9); the full values come only through an audited reveal.
 */
function toResidentView(r: repo.ResidentListRow, today: string): ResidentView {
  const birth = typeof r.birth_date === 'string' ? r.birth_date : (r.birth_date as Date).toISOString().slice(0, 10);
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    age: ageOn(birth, today),
    relation: r.relation,
    idNumber: r.id_number_mask,
    phone: r.phone_mask,
    householdId: r.household_id,
    address: r.address,
    isPartyMember: Boolean(r.is_party_member),
  };
}

/** The org unit to list under: the requested one when in scope, else the caller's whole scope. */
async function pathFor(db: Kysely<DB>, scope: Scope, orgId?: number) {
  if (!orgId) return scope.path;
  return (await unitInScope(db, scope, orgId)).path;
}

export async function listHouseholds(db: Kysely<DB>, scope: Scope, q: { orgId?: number; q?: string; page: number; pageSize: number }) {
  const path = await pathFor(db, scope, q.orgId);
  const { items, total } = await repo.listHouseholds(db, scope, { path, q: q.q, page: q.page, pageSize: q.pageSize });
  return {
    items: items.map((h) => ({
      id: h.id, unitId: h.unit_id, room: h.room, address: h.address, kind: h.kind,
      areaM2: h.area_m2 === null ? null : Number(h.area_m2), residentCount: Number(h.resident_count ?? 0),
    })),
    total,
  };
}

export async function listResidents(
  db: Kysely<DB>, cipher: PiiCipher, clock: Clock, scope: Scope,
  q: { orgId?: number; householdId?: number; q?: string; page: number; pageSize: number },
) {
  const path = await pathFor(db, scope, q.orgId);
  const filter: repo.ResidentFilter = { path, householdId: q.householdId, page: q.page, pageSize: q.pageSize };
  const term = q.q?.toUpperCase();
  // A full ID number or phone is looked up by its keyed hash: exact, indexed, never decrypted.
  if (term && /^\d{17}[\dX]$/.test(term)) filter.idNumberHash = cipher.hash(term);
  else if (term && isMobile(term)) filter.phoneHash = cipher.hash(term);
  else if (term) filter.namePrefix = q.q;
  const { items, total, totalExact } = await repo.listResidents(db, scope, filter);
  const today = chinaDay(clock.now());
  return { items: items.map((r) => toResidentView(r, today)), total, totalExact };
}

export async function getResident(db: Kysely<DB>, clock: Clock, scope: Scope, id: number) {
  const r = await repo.findResident(db, scope, id);
  if (!r) throw notFound('居民');
  return toResidentView(r, chinaDay(clock.now()));
}

export async function createResident(
  db: Kysely<DB>, cipher: PiiCipher, clock: Clock, actor: Actor, scope: Scope,
  input: { householdId: number; name: string; idNumber: string; phone?: string; relation: 'head' | 'spouse' | 'child' | 'parent' | 'member' | 'tenant' },
) {
  const parsed = parseIdNumber(input.idNumber);
  if ('problem' in parsed) {
    const message = ID_NUMBER_MESSAGES[parsed.problem];
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: 'body.idNumber', problem: message }] });
  }
  const phone = input.phone?.trim() || null;
  if (phone && !isMobile(phone)) {
    const message = '手机号应为11位，以1开头';
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: 'body.phone', problem: message }] });
  }
  const hash = cipher.hash(parsed.value);
  return db.transaction().execute(async (trx) => {
    const h = await repo.findHousehold(trx, scope, input.householdId);
    if (!h) throw notFound('住户');
    const dup = await repo.residentByIdHash(trx, hash);
    if (dup) throw new AppError('ALREADY_EXISTS', '该身份证号已登记，请通过搜索找到此人后办理迁入', { fields: [{ field: 'body.idNumber', problem: 'duplicate' }] });
    const { id } = await repo.insertResident(trx, {
      household_id: h.id, org_path: h.org_path, county_code: h.county_code, name: input.name,
      gender: parsed.gender, birth_date: parsed.birthDate, relation: input.relation,
      id_number_enc: cipher.encrypt(parsed.value), id_number_hash: hash, id_number_mask: maskIdNumber(parsed.value),
      phone_enc: phone ? cipher.encrypt(phone) : null, phone_hash: phone ? cipher.hash(phone) : null,
      phone_mask: phone ? maskPhone(phone) : null,
    });
    await repo.openResidence(trx, id, h);
    await writeAudit(trx, actor, {
      action: 'resident.create', entity: 'resident', entityId: id, orgPath: h.org_path, countyCode: h.county_code,
      // Audit rows hold masked values only: the log must not become a second copy of the data.
      after: { name: input.name, idNumber: maskIdNumber(parsed.value), phone: phone ? maskPhone(phone) : null, householdId: h.id },
    });
    return getResident(trx as unknown as Kysely<DB>, clock, scope, id);
  });
}

/** Full value of one protected field, for a listed reason; the reveal itself is audited with it. */
export async function revealResidentField(
  db: Kysely<DB>, cipher: PiiCipher, actor: Actor, scope: Scope, id: number, field: 'idNumber' | 'phone', reason: RevealReason,
) {
  const r = await repo.findResidentForReveal(db, scope, id);
  if (!r) throw notFound('居民');
  const sealed = field === 'idNumber' ? r.id_number_enc : r.phone_enc;
  if (!sealed) throw new AppError('NOT_FOUND', '该居民未登记手机号');
  const value = cipher.decrypt(sealed);
  await writeAudit(db, actor, {
    action: 'pii.reveal', entity: 'resident', entityId: r.id, orgPath: r.org_path, countyCode: r.county_code,
    after: { field, name: r.name, reasonCode: reason.code, reasonText: reason.text }, reason: revealReasonLabel(reason),
  });
  return { value };
}

/** Moving house keeps the old address in residence_history: who lived where, when. */
export async function moveResident(db: Kysely<DB>, clock: Clock, actor: Actor, scope: Scope, id: number, householdId: number) {
  return db.transaction().execute(async (trx) => {
    const r = await repo.findResident(trx, scope, id);
    if (!r) throw notFound('居民');
    const h = await repo.findHousehold(trx, scope, householdId);
    if (!h) throw notFound('住户');
    if (r.household_id === h.id) throw new AppError('CONFLICT', '该居民已在此住户中');
    await repo.moveResidentTo(trx, id, h, clock.now());
    await writeAudit(trx, actor, {
      action: 'resident.move', entity: 'resident', entityId: id, orgPath: h.org_path, countyCode: h.county_code,
      before: { householdId: r.household_id, address: r.address }, after: { householdId: h.id, address: h.address },
    });
    return getResident(trx as unknown as Kysely<DB>, clock, scope, id);
  });
}

export async function listMerchants(db: Kysely<DB>, scope: Scope, q: { orgId?: number; q?: string; page: number; pageSize: number }) {
  const path = await pathFor(db, scope, q.orgId);
  const { items, total } = await repo.listMerchants(db, scope, { path, q: q.q, page: q.page, pageSize: q.pageSize });
  return {
    items: items.map((m) => ({
      id: m.id, name: m.name, business: m.business, address: m.address, contactName: m.contact_name, phone: m.phone_mask, orgId: m.org_id,
    })),
    total,
  };
}
