import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { phoneColumns } from '../../platform/pii/phone.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { compoundContracted } from '../selfrun/index.js';
import type { BranchKind } from './companies.tables.js';
import { mayKeepContracts, mayKeepRegister } from './companies.policy.js';
import * as repo from './companies.repository.js';
import type { ServiceLevel } from './property.tables.js';

/**
 * The county's register of property companies (物业服务企业): companies with their party
 * organisation (独立/联合党支部) and party-building instructors (党建指导员), and the contracts by
 * which a company serves a compound — at most one live contract per compound.
 */

export interface CompaniesDeps {
  db: Kysely<DB>;
  clock: Clock;
  cipher: PiiCipher;
  /** For the handover's notifications (platform/notifications.ts). */
  ctx: AppContext;
}

export const companiesDeps = (ctx: AppContext): CompaniesDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, cipher: ctx.cipher, ctx });

const dbCode = (e: unknown) => e as { code?: string; constraint?: string };

export const money = (v: string | number | null) => (v == null ? null : Number(v));

/** A company on the caller's branch of the tree (a street reads its county's register), or 404. */
export async function companyInReach(db: Kysely<DB>, scope: Scope, id: number) {
  const c = await repo.companyById(db, id);
  if (!c || !(scope.contains(c.org_path) || scope.path.startsWith(c.org_path))) throw notFound('物业企业');
  return c;
}

function checkRegister(actor: Actor) {
  if (!mayKeepRegister(actor.role)) throw new AppError('FORBIDDEN', '物业企业名录由区县（或住建部门）登记维护');
}

/** The county whose register the caller keeps: its own scope must be a county (or a department at one). */
async function registerCounty(db: Kysely<DB>, scope: Scope) {
  const place = await unitInScope(db, scope, scope.orgId);
  if (place.kind !== 'county') throw new AppError('FORBIDDEN', '物业企业名录由区县登记维护，请使用区县账号');
  return place;
}

// ---- companies ----

type CompanyRow = NonNullable<Awaited<ReturnType<typeof repo.companyRow>>>;

const companyItem = (c: CompanyRow) => ({
  id: c.id, name: c.name, creditCode: c.credit_code, qualification: c.qualification, contactName: c.contact_name, phone: c.phone_mask,
  status: c.status, branchKind: (c.branch_kind ?? null) as BranchKind | null, branchName: c.branch_name ?? null,
  contracts: Number(c.contracts ?? 0), instructors: Number(c.instructors ?? 0), openSanctions: Number(c.open_sanctions ?? 0),
  createdAt: c.created_at.toISOString(),
});

export async function listCompanies(deps: CompaniesDeps, scope: Scope, q: { q?: string; status?: 'active' | 'exited'; page: number; pageSize: number }) {
  const { rows, total } = await repo.companiesPage(deps.db, scope, q);
  return { total, items: rows.map(companyItem) };
}

export async function createCompany(deps: CompaniesDeps, actor: Actor, scope: Scope, input: {
  name: string; creditCode: string; qualification?: string; contactName: string; phone?: string;
}) {
  checkRegister(actor);
  const county = await registerCounty(deps.db, scope);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await repo.insertCompany(trx, {
        org_id: county.id, org_path: county.path, county_code: county.county_code, name: input.name, credit_code: input.creditCode,
        qualification: input.qualification || null, contact_name: input.contactName, ...phoneColumns(deps.cipher, input.phone),
        created_by: actor.accountId, created_at: deps.clock.now(),
      });
      await writeAudit(trx, actor, {
        action: 'property.company_create', entity: 'property_company', entityId: id, orgPath: county.path, countyCode: county.county_code,
        after: { name: input.name, creditCode: input.creditCode },
      });
      return { id };
    });
  } catch (e) {
    if (dbCode(e).constraint === 'property_company_credit_code_key') {
      throw new AppError('ALREADY_EXISTS', '该统一社会信用代码的企业已在本县名录中', { fields: [{ field: 'body.creditCode', problem: 'taken' }] });
    }
    throw e;
  }
}

export async function companyDetail(deps: CompaniesDeps, scope: Scope, id: number) {
  const c = await companyInReach(deps.db, scope, id);
  const [row, branch, instructors, contracts] = await Promise.all([
    repo.companyRow(deps.db, scope, id),
    repo.branchOfCompany(deps.db, id),
    repo.instructorsOf(deps.db, id),
    repo.contractsOfCompany(deps.db, scope, id),
  ]);
  const members = branch ? await repo.companiesOfBranches(deps.db, [branch.id]) : [];
  const today = chinaDay(deps.clock.now());
  return {
    ...companyItem(row!),
    exitedAt: c.exited_at?.toISOString() ?? null,
    countyId: c.org_id,
    branch: branch ? branchItem(branch, members) : null,
    instructors: instructors.map((i) => instructorItem(i, today)),
    contracts: contracts.map(contractItem),
  };
}

// ---- party branches and instructors ----

type BranchRow = NonNullable<Awaited<ReturnType<typeof repo.branchOfCompany>>>;
const branchItem = (b: BranchRow, members: { branch_id: number; id: number; name: string }[]) => ({
  id: b.id, kind: b.kind, name: b.name, secretaryName: b.secretary_name, memberCount: b.member_count, foundedOn: b.founded_on,
  companies: members.filter((m) => m.branch_id === b.id).map((m) => ({ id: m.id, name: m.name })),
});

type InstructorRow = Awaited<ReturnType<typeof repo.instructorsOf>>[number];
const instructorItem = (i: InstructorRow, today: string) => ({
  id: i.id, companyId: i.company_id, name: i.name, unit: i.unit, post: i.post, phone: i.phone_mask, fromOn: i.from_on, toOn: i.to_on,
  serving: i.from_on <= today && (i.to_on == null || i.to_on >= today),
});

export async function listBranches(deps: CompaniesDeps, scope: Scope, q: { kind?: BranchKind; page: number; pageSize: number }) {
  const { rows, total } = await repo.branchesPage(deps.db, scope, q);
  const members = await repo.companiesOfBranches(deps.db, rows.map((b) => b.id));
  return { total, items: rows.map((b) => branchItem(b, members)) };
}

/** An independent branch covers one company, a joint branch several; a company has one party organisation. */
export async function createBranch(deps: CompaniesDeps, actor: Actor, scope: Scope, input: {
  kind: BranchKind; name: string; secretaryName: string; memberCount: number; foundedOn?: string; companyIds: number[];
}) {
  checkRegister(actor);
  const county = await registerCounty(deps.db, scope);
  const ids = [...new Set(input.companyIds)];
  const found = await repo.companyNames(deps.db, ids);
  if (found.length !== ids.length || found.some((c) => !scope.contains(c.org_path))) throw notFound('物业企业');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await repo.insertBranch(trx, {
        org_id: county.id, org_path: county.path, county_code: county.county_code, kind: input.kind, name: input.name,
        secretary_name: input.secretaryName, member_count: input.memberCount, founded_on: input.foundedOn ?? null,
        created_by: actor.accountId, created_at: deps.clock.now(),
      });
      await repo.insertBranchCompanies(trx, id, ids);
      await writeAudit(trx, actor, {
        action: 'property.branch_create', entity: 'property_branch', entityId: id, orgPath: county.path, countyCode: county.county_code,
        after: { kind: input.kind, name: input.name, companyIds: ids },
      });
      return { id };
    });
  } catch (e) {
    if (dbCode(e).constraint === 'property_branch_company_company_key') {
      throw new AppError('ALREADY_EXISTS', '所选企业中已有企业建立或加入了党组织，一家企业只属于一个党组织', { fields: [{ field: 'body.companyIds', problem: 'taken' }] });
    }
    throw e;
  }
}

export async function addInstructor(deps: CompaniesDeps, actor: Actor, scope: Scope, companyId: number, input: {
  name: string; unit: string; post?: string; phone?: string; fromOn: string; toOn?: string;
}) {
  checkRegister(actor);
  const c = await companyInReach(deps.db, scope, companyId);
  if (!scope.contains(c.org_path)) throw notFound('物业企业');
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertInstructor(trx, {
      company_id: c.id, org_path: c.org_path, county_code: c.county_code, name: input.name, unit: input.unit, post: input.post ?? '',
      ...phoneColumns(deps.cipher, input.phone), from_on: input.fromOn, to_on: input.toOn ?? null, created_by: actor.accountId, created_at: deps.clock.now(),
    });
    await writeAudit(trx, actor, {
      action: 'property.instructor_add', entity: 'property_instructor', entityId: id, orgPath: c.org_path, countyCode: c.county_code,
      after: { companyId: c.id, name: input.name, unit: input.unit, fromOn: input.fromOn, toOn: input.toOn ?? null },
    });
    return { id };
  });
}

// ---- contracts and compounds ----

type ContractRow = NonNullable<Awaited<ReturnType<typeof repo.contractById>>>;
export const contractItem = (k: ContractRow) => ({
  id: k.id, companyId: k.company_id, companyName: k.company_name, compoundId: k.compound_id, compoundName: k.compound_name,
  startsOn: k.starts_on, endsOn: k.ends_on, feePerM2: Number(k.fee_per_m2), serviceLevel: k.service_level, serviceStandard: k.service_standard,
  status: k.status, endedOn: k.ended_on, endReason: k.end_reason,
});

export async function startContract(deps: CompaniesDeps, actor: Actor, scope: Scope, input: {
  companyId: number; compoundId: number; startsOn: string; endsOn: string; feePerM2: number; serviceLevel: ServiceLevel; serviceStandard?: string;
}) {
  if (!mayKeepContracts(actor.role)) throw new AppError('FORBIDDEN', '物业服务合同由街道或区县登记');
  const compound = await unitInScope(deps.db, scope, input.compoundId, '小区');
  if (compound.kind !== 'grid') throw new AppError('VALIDATION_FAILED', '请选择一个小区（网格）', { fields: [{ field: 'body.compoundId', problem: 'kind' }] });
  const company = await companyInReach(deps.db, scope, input.companyId);
  if (!compound.path.startsWith(company.org_path)) throw new AppError('VALIDATION_FAILED', '该企业不在小区所在区县的名录中', { fields: [{ field: 'body.companyId', problem: 'county' }] });
  if (company.status !== 'active') throw new AppError('CONFLICT', '该企业已被清退，不能签订新的服务合同');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const locked = await repo.lockCompany(trx, company.id);
      if (locked?.status !== 'active') throw new AppError('CONFLICT', '该企业已被清退，不能签订新的服务合同');
      const { id } = await repo.insertContract(trx, {
        company_id: company.id, compound_id: compound.id, org_path: compound.path, county_code: compound.county_code,
        starts_on: input.startsOn, ends_on: input.endsOn, fee_per_m2: input.feePerM2, service_level: input.serviceLevel,
        service_standard: input.serviceStandard ?? '', created_by: actor.accountId, created_at: deps.clock.now(),
      });
      // A compound handed to its community after 重新选聘/清退 leaves the list awaiting a decision.
      await compoundContracted(trx, compound.id, deps.clock.now());
      await writeAudit(trx, actor, {
        action: 'property.contract_start', entity: 'property_contract', entityId: id, orgPath: compound.path, countyCode: compound.county_code,
        after: { companyId: company.id, compoundId: compound.id, startsOn: input.startsOn, endsOn: input.endsOn, feePerM2: input.feePerM2, serviceLevel: input.serviceLevel },
      });
      return { id };
    });
  } catch (e) {
    if (dbCode(e).constraint === 'property_contract_live_key') {
      throw new AppError('ALREADY_EXISTS', `${compound.name}已有在履行的物业服务合同，请先终止原合同再签订新合同`, { fields: [{ field: 'body.compoundId', problem: 'live contract' }] });
    }
    throw e;
  }
}

/** Ends (期满) or terminates (解除) a live contract of a compound in scope, with the reason. */
export async function endContract(deps: CompaniesDeps, actor: Actor, scope: Scope, id: number, input: { status: 'ended' | 'terminated'; reason: string }) {
  if (!mayKeepContracts(actor.role)) throw new AppError('FORBIDDEN', '物业服务合同由街道或区县登记');
  const k = await repo.contractById(deps.db, id);
  if (!k || !scope.contains(k.org_path)) throw notFound('物业服务合同');
  await deps.db.transaction().execute(async (trx) => {
    const day = chinaDay(deps.clock.now());
    const r = await repo.endContract(trx, id, { ...input, day });
    if (!r.numUpdatedRows) throw new AppError('INVALID_TRANSITION', '该合同已终止或到期，不能再次终止');
    await writeAudit(trx, actor, {
      action: 'property.contract_end', entity: 'property_contract', entityId: id, orgPath: k.org_path, countyCode: k.county_code,
      before: { status: 'active' }, after: { status: input.status, endedOn: day }, reason: input.reason,
    });
  });
  return { ok: true };
}

/** Compounds (enclosed grids) in scope with their company and contract; those without one (无物业) too. */
export async function listCompounds(deps: CompaniesDeps, scope: Scope, q: { orgId?: number; q?: string; served?: 'with' | 'without'; page: number; pageSize: number }) {
  const within = q.orgId ? (await unitInScope(deps.db, scope, q.orgId)).path : scope.path;
  const { rows, total } = await repo.compoundsPage(deps.db, scope, { ...q, within });
  const live = new Map((await repo.contractsByIds(deps.db, rows.map((r) => r.contract_id).filter((x): x is number => x != null))).map((k) => [k.id, k]));
  return {
    total,
    items: rows.map((g) => {
      const k = g.contract_id != null ? live.get(g.contract_id) : undefined;
      return {
        id: g.id, name: g.name, communityName: g.parent_name ?? '', gridType: g.grid_type,
        contract: k ? contractItem(k) : null,
        reselectTo: !k && g.reselect_to ? g.reselect_to : null,
      };
    }),
  };
}

export async function overview(deps: CompaniesDeps, scope: Scope) {
  const n = await repo.overviewCounts(deps.db, scope, chinaDay(deps.clock.now()));
  return {
    companies: n.companies!, activeCompanies: n.active_companies!, withBranch: n.with_branch!, withIndependentBranch: n.with_independent!,
    withJointBranch: n.with_joint!, branches: n.branches!, jointBranches: n.joint_branches!, instructors: n.instructors!,
    servingInstructors: n.serving_instructors!, compounds: n.compounds!, servedCompounds: n.served_compounds!, contracts: n.contracts!,
    downgradedCompanies: n.downgraded_companies!, downgradedProjects: n.downgraded_projects!, exited: n.exited!, reselected: n.reselected!,
    interviews: n.interviews!, rectifyOpen: n.rectify_open!, rectifyOverdue: n.rectify_overdue!,
  };
}
