import { demandsUnder, openDemandsPerPath } from '../demands/index.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { money, type CompaniesDeps } from './companies.service.js';
import * as repo from './companies.repository.js';
import { listSanctions } from './sanctions.service.js';

/**
 * The company's own view (property_company accounts): its compounds through its live contracts,
 * the 物业服务 demands in them, and its sanctions. Everything is keyed by the company the account
 * is linked to — never by the account's place scope, and never by an id the caller sends.
 */

const PROPERTY_CATEGORY = 'property'; // 物业服务

/** The company the account acts for, or FORBIDDEN when it has not been linked. */
export async function myCompanyId(deps: CompaniesDeps, actor: Actor) {
  const link = await repo.companyOfAccount(deps.db, actor.accountId);
  if (!link?.property_company_id) throw new AppError('FORBIDDEN', '您的账号还没有关联物业企业，请联系街道或区县关联');
  return link.property_company_id;
}

export async function myCompany(deps: CompaniesDeps, actor: Actor) {
  const companyId = await myCompanyId(deps, actor);
  const c = (await repo.companyById(deps.db, companyId))!;
  const live = await repo.contractsOfCompany(deps.db, null, companyId, 'active');
  const open = await openDemandsPerPath(deps.db, live.map((k) => k.org_path), PROPERTY_CATEGORY);
  const places = await deps.db.selectFrom('org_unit as g').leftJoin('org_unit as p', 'p.id', 'g.parent_id')
    .select(['g.id', 'p.name as parent_name']).where('g.id', 'in', live.length ? live.map((k) => k.compound_id) : [0]).execute();
  const parent = new Map(places.map((p) => [p.id, p.parent_name ?? '']));
  const sanctions = await listSanctions(deps, { companyId }, { status: 'open', page: 1, pageSize: 200 });
  const reported = await listSanctions(deps, { companyId }, { status: 'reported', page: 1, pageSize: 1 });
  return {
    company: { id: c.id, name: c.name, status: c.status },
    compounds: live.map((k) => ({
      id: k.compound_id, name: k.compound_name, communityName: parent.get(k.compound_id) ?? '', contractId: k.id, endsOn: k.ends_on,
      serviceLevel: k.service_level, feePerM2: money(k.fee_per_m2)!, openDemands: open.get(k.org_path) ?? 0,
    })),
    openSanctions: sanctions.total + reported.total,
    overdue: sanctions.items.filter((s) => s.overdue).length,
  };
}

/** 物业服务 demands in the company's compounds (its live contracts), newest first. */
export async function myDemands(deps: CompaniesDeps, actor: Actor, q: { open?: '1' | '0'; page: number; pageSize: number }) {
  const companyId = await myCompanyId(deps, actor);
  const live = await repo.contractsOfCompany(deps.db, null, companyId, 'active');
  const { rows, total } = await demandsUnder(deps.db, live.map((k) => k.org_path), { categoryCode: PROPERTY_CATEGORY, open: q.open === '1', page: q.page, pageSize: q.pageSize });
  return {
    total,
    items: rows.map((d) => ({
      id: d.id, description: d.description, state: d.state, placeName: d.place_name, rating: d.rating, createdAt: d.created_at.toISOString(), dueAt: d.due_at.toISOString(),
    })),
  };
}

export async function mySanctions(deps: CompaniesDeps, actor: Actor, q: { page: number; pageSize: number }) {
  return listSanctions(deps, { companyId: await myCompanyId(deps, actor) }, q);
}
