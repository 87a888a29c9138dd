import { phoneColumns } from '../../platform/pii/phone.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { maskPhone } from '../../platform/pii/id-number.js';
import { type Scope, unitInScope } from '../../platform/scope.js';
import { chinaYear, type DualReportDeps } from './dual-report-deps.js';
import { isUnitAdmin, registersUnits } from './dual-report.policy.js';
import * as repo from './dual-report.repository.js';
import type { Viewer } from './dual-report.repository.js';

/**
 * 共建单位: a county or street registers the work units (机关、事业单位、企业) of its area with
 * their party organisation and a contact whose phone is sealed; staff see the units of their
 * scope and those paired with or reported to a community in it; a unit admin sees its own.
 */

type Q = Kysely<DB> | Transaction<DB>;

/** Whose eyes a read is for: a unit admin's own unit, or the staff member's scope. */
export async function viewerOf(db: Q, actor: Actor, scope: Scope): Promise<Viewer> {
  if (!isUnitAdmin(actor.role)) return { scope, unitId: null };
  const { work_unit_id } = await repo.accountLinks(db, actor.accountId);
  if (work_unit_id === null) throw new AppError('FORBIDDEN', '账号尚未关联共建单位，请联系街道或县（市、区）管理员');
  return { scope, unitId: work_unit_id };
}

type UnitRow = NonNullable<Awaited<ReturnType<typeof repo.unitSeenBy>>>;

export function unitView(r: UnitRow, counts: { paired_count?: number | string | null; member_count?: number | string | null } = {}) {
  return {
    id: r.id, name: r.name, kind: r.kind, creditCode: r.credit_code, partyOrgName: r.party_org_name, contactName: r.contact_name,
    phone: r.phone_mask, orgId: r.org_id, orgName: r.org_name,
    pairedCount: Number(counts.paired_count ?? 0), memberCount: Number(counts.member_count ?? 0),
  };
}

export async function listUnits(d: DualReportDeps, actor: Actor, scope: Scope, f: { page: number; pageSize: number; q?: string; kind?: string }) {
  const v = await viewerOf(d.db, actor, scope);
  const { rows, total } = await repo.listUnits(d.db, v, { ...f, year: chinaYear(d.clock.now()) });
  return { items: rows.map((r) => unitView(r, r)), total };
}

export async function getUnit(d: DualReportDeps, actor: Actor, scope: Scope, id: number) {
  const v = await viewerOf(d.db, actor, scope);
  const row = await repo.unitSeenBy(d.db, v, id);
  if (!row) throw notFound('共建单位');
  return row;
}

function checkRegisters(actor: Actor) {
  if (!registersUnits(actor.role)) throw new AppError('FORBIDDEN', '共建单位由街道或县（市、区）登记');
}

async function checkCreditCode(db: Q, code: string | null | undefined, exceptId: number | null) {
  if (!code) return;
  const other = await repo.creditCodeTaken(db, code, exceptId);
  if (other) {
    throw new AppError('ALREADY_EXISTS', `统一社会信用代码已登记为“${other.name}”`, { fields: [{ field: 'body.creditCode', problem: 'taken' }] });
  }
}


export async function registerUnit(
  d: DualReportDeps, actor: Actor, scope: Scope,
  input: { orgId: number; name: string; kind: UnitRow['kind']; creditCode?: string | null; partyOrgName: string; contactName: string; phone?: string | null },
) {
  checkRegisters(actor);
  const place = await unitInScope(d.db, scope, input.orgId);
  if (place.kind !== 'county' && place.kind !== 'street') {
    throw new AppError('VALIDATION_FAILED', '共建单位只能登记在县（市、区）或街道（乡镇）', { fields: [{ field: 'body.orgId', problem: 'kind' }] });
  }
  const id = await d.db.transaction().execute(async (trx) => {
    await checkCreditCode(trx, input.creditCode, null);
    const row = await repo.insertWorkUnit(trx, {
      org_id: place.id, org_path: place.path, county_code: place.county_code, name: input.name, kind: input.kind,
      credit_code: input.creditCode ?? null, party_org_name: input.partyOrgName, contact_name: input.contactName, ...phoneColumns(d.cipher, input.phone),
    });
    await writeAudit(trx, actor, {
      action: 'cobuild.unit.register', entity: 'work_unit', entityId: row.id, orgPath: place.path, countyCode: place.county_code,
      after: { name: input.name, kind: input.kind, creditCode: input.creditCode ?? null, phone: input.phone ? maskPhone(input.phone) : null },
    });
    return row.id;
  });
  return unitView((await repo.unitSeenBy(d.db, { scope, unitId: null }, id))!);
}

export async function updateUnit(
  d: DualReportDeps, actor: Actor, scope: Scope, id: number,
  input: { name?: string; kind?: UnitRow['kind']; creditCode?: string | null; partyOrgName?: string; contactName?: string; phone?: string | null },
) {
  checkRegisters(actor);
  await d.db.transaction().execute(async (trx) => {
    const row = await repo.unitSeenBy(trx, { scope, unitId: null }, id, true);
    // Only the place that registered a unit (or above it) keeps it; a paired community's street only sees it.
    if (!row || !scope.contains(row.org_path)) throw notFound('共建单位');
    if (input.creditCode !== undefined) await checkCreditCode(trx, input.creditCode, id);
    const after = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.creditCode !== undefined && { credit_code: input.creditCode }),
      ...(input.partyOrgName !== undefined && { party_org_name: input.partyOrgName }),
      ...(input.contactName !== undefined && { contact_name: input.contactName }),
      ...(input.phone !== undefined && phoneColumns(d.cipher, input.phone)),
    };
    await repo.updateWorkUnit(trx, id, after);
    await writeAudit(trx, actor, {
      action: 'cobuild.unit.update', entity: 'work_unit', entityId: id, orgPath: row.org_path, countyCode: row.county_code,
      before: { name: row.name, kind: row.kind, creditCode: row.credit_code, partyOrgName: row.party_org_name, contactName: row.contact_name, phone: row.phone_mask },
      after: { ...input, phone: input.phone ? maskPhone(input.phone) : input.phone },
    });
  });
  return unitView((await repo.unitSeenBy(d.db, { scope, unitId: null }, id))!);
}
