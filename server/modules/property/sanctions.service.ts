import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, fileUrl, linkAttachments } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { handCompoundToCommunity } from '../selfrun/index.js';
import { companyInReach, money, type CompaniesDeps } from './companies.service.js';
import { maySanction } from './companies.policy.js';
import * as repo from './companies.repository.js';
import type { CreateSanctionBody } from './companies.schemas.js';
import type { SanctionKind, SanctionStatus } from './companies.tables.js';
import { checkSanctionStep, isOverdue, type SanctionAction } from './sanction-lifecycle.js';

/**
 * Sanctions (约谈, 限期整改, 降级/降费, 清退, 重新选聘): each a decision with who, when and why,
 * stepped by the table in sanction-lifecycle.ts. Those that change a contract or the company do
 * so in the decision's transaction, so a sanction never stands without its effect or the other
 * way round.
 */

type Row = NonNullable<Awaited<ReturnType<typeof repo.sanctionById>>>;

export async function sanctionItems(db: Kysely<DB>, rows: Row[], today: string) {
  const steps = await repo.stepsOf(db, rows.map((r) => r.id));
  return rows.map((s) => ({
    id: s.id, companyId: s.company_id, companyName: s.company_name, contractId: s.contract_id, compoundName: s.compound_name ?? null,
    kind: s.kind, status: s.status, reason: s.reason, basis: s.basis,
    interviewOn: s.interview_on, interviewPeople: s.interview_people, minutes: s.minutes,
    task: s.task, deadline: s.deadline, overdue: isOverdue(s, today),
    reportNote: s.report_note, reportPhotoUrl: s.report_photo_id != null ? fileUrl(s.report_photo_id) : null, reportedAt: s.reported_at?.toISOString() ?? null,
    levelBefore: s.level_before, levelAfter: s.level_after, feeBefore: money(s.fee_before), feeAfter: money(s.fee_after),
    reselectTo: s.reselect_to, decidedBy: s.decided_by_name, decidedAt: s.decided_at.toISOString(), closedAt: s.closed_at?.toISOString() ?? null,
    steps: steps.filter((x) => x.sanction_id === s.id).map((x) => ({
      action: x.action, fromStatus: x.from_status, toStatus: x.to_status, note: x.note, actorName: x.actor_name, at: x.at.toISOString(),
    })),
  }));
}

export async function listSanctions(deps: CompaniesDeps, who: { scope: Scope } | { companyId: number }, q: {
  companyId?: number; kind?: SanctionKind; status?: SanctionStatus; page: number; pageSize: number;
}) {
  const { rows, total } = await repo.sanctionsPage(deps.db, who, q);
  return { total, items: await sanctionItems(deps.db, rows, chinaDay(deps.clock.now())) };
}

/** A live contract of the company whose compound lies in scope, locked; or 404 / a refusal. */
async function contractOf(trx: Kysely<DB>, scope: Scope, companyId: number, contractId: number) {
  const k = await repo.lockContract(trx, contractId);
  if (!k || !scope.contains(k.org_path) || k.company_id !== companyId) throw notFound('物业服务合同');
  if (k.status !== 'active') throw new AppError('INVALID_TRANSITION', '该合同已终止或到期，不能再作处置');
  return k;
}

export async function decideSanction(deps: CompaniesDeps, actor: Actor, scope: Scope, body: CreateSanctionBody) {
  if (!maySanction(actor.role, body.kind)) {
    throw new AppError('FORBIDDEN', body.kind === 'exit' ? '清退由区县（或住建部门）决定' : '处置由街道、区县或住建部门决定');
  }
  const company = await companyInReach(deps.db, scope, body.companyId);
  const step = checkSanctionStep(body.kind, null, 'decide');
  const now = deps.clock.now();
  const day = chinaDay(now);
  if (body.kind === 'rectify' && body.deadline < day) {
    throw new AppError('VALIDATION_FAILED', '整改期限不能早于今天', { fields: [{ field: 'body.deadline', problem: 'past' }] });
  }
  return deps.db.transaction().execute(async (trx) => {
    const c = await repo.lockCompany(trx, company.id);
    if (c?.status !== 'active') throw new AppError('INVALID_TRANSITION', '该企业已被清退，不能再作处置');
    const contractId = 'contractId' in body ? body.contractId : undefined;
    const k = contractId ? await contractOf(trx, scope, c.id, contractId) : null;
    if (body.kind === 'exit' && !scope.contains(c.org_path)) throw new AppError('FORBIDDEN', '清退由企业登记所在的区县决定');
    // Where the decision is kept: the project's compound, or the deciding office on the company's branch.
    const orgPath = k ? k.org_path : scope.contains(c.org_path) ? c.org_path : scope.path;
    const extra: Record<string, unknown> = {};
    switch (body.kind) {
      case 'interview':
        Object.assign(extra, { interview_on: body.interviewOn, interview_people: body.interviewPeople, minutes: body.minutes });
        break;
      case 'rectify':
        Object.assign(extra, { task: body.task, deadline: body.deadline });
        break;
      case 'downgrade': {
        const level = body.serviceLevel;
        const fee = body.feePerM2;
        if (level !== undefined && Number(level) <= Number(k!.service_level)) {
          throw new AppError('VALIDATION_FAILED', `降级后的服务等级应低于现在的${k!.service_level}级`, { fields: [{ field: 'body.serviceLevel', problem: 'not lower' }] });
        }
        if (fee !== undefined && fee >= Number(k!.fee_per_m2)) {
          throw new AppError('VALIDATION_FAILED', `降费后的收费标准应低于现在的${Number(k!.fee_per_m2).toFixed(2)}元`, { fields: [{ field: 'body.feePerM2', problem: 'not lower' }] });
        }
        const r = await repo.changeContractTerms(trx, k!.id, { ...(level !== undefined ? { service_level: level } : {}), ...(fee !== undefined ? { fee_per_m2: fee } : {}) });
        if (!r.numUpdatedRows) throw new AppError('INVALID_TRANSITION', '该合同已终止或到期，不能再作处置');
        Object.assign(extra, {
          level_before: k!.service_level, level_after: level ?? k!.service_level, fee_before: k!.fee_per_m2, fee_after: fee ?? k!.fee_per_m2,
        });
        break;
      }
      case 'exit': {
        const ended = await repo.terminateCompanyContracts(trx, c.id, day, `清退：${body.reason}`);
        await repo.markExited(trx, c.id, now);
        for (const e of ended) {
          await writeAudit(trx, actor, {
            action: 'property.contract_end', entity: 'property_contract', entityId: e.id, orgPath: e.org_path, countyCode: c.county_code,
            before: { status: 'active' }, after: { status: 'terminated', endedOn: day }, reason: `清退：${body.reason}`,
          });
          // Each compound it served is left without a company: handed to its community (selfrun).
          await handCompoundToCommunity(trx, deps.ctx, actor, {
            compound: { id: e.compound_id, path: e.org_path, countyCode: c.county_code }, cause: 'exit', companyName: c.name, reason: body.reason,
          }, now);
        }
        break;
      }
      case 'reselect': {
        await repo.endContract(trx, k!.id, { status: 'terminated', day, reason: `重新选聘：${body.reason}` });
        Object.assign(extra, { reselect_to: body.reselectTo });
        await handCompoundToCommunity(trx, deps.ctx, actor, {
          compound: { id: k!.compound_id, path: k!.org_path, countyCode: k!.county_code }, cause: 'reselect', companyName: c.name,
          reselectTo: body.reselectTo, reason: body.reason,
        }, now);
        await writeAudit(trx, actor, {
          action: 'property.contract_end', entity: 'property_contract', entityId: k!.id, orgPath: k!.org_path, countyCode: k!.county_code,
          before: { status: 'active' }, after: { status: 'terminated', endedOn: day, reselectTo: body.reselectTo }, reason: body.reason,
        });
        break;
      }
    }
    const { id } = await repo.insertSanction(trx, {
      company_id: c.id, contract_id: k?.id ?? null, compound_id: k?.compound_id ?? null, org_path: orgPath, county_code: c.county_code,
      kind: body.kind, status: step.to, reason: body.reason, basis: body.basis || null, decided_by: actor.accountId, decided_at: now,
      closed_at: step.to === 'open' ? null : now, ...extra,
    });
    await repo.insertStep(trx, { sanction_id: id, action: 'decide', from_status: null, to_status: step.to, note: body.reason, account_id: actor.accountId, actor_name: actor.displayName, at: now });
    await writeAudit(trx, actor, {
      action: 'property.sanction_decide', entity: 'property_sanction', entityId: id, orgPath, countyCode: c.county_code,
      after: { kind: body.kind, companyId: c.id, company: c.name, contractId: k?.id ?? null, basis: body.basis ?? null, ...extra }, reason: body.reason,
    });
    return { id };
  });
}

/** The office's steps on a rectification: verify (验收) or send back, with a note. */
export async function officeStep(deps: CompaniesDeps, actor: Actor, scope: Scope, id: number, action: Extract<SanctionAction, 'verify' | 'send_back'>, note: string) {
  if (!maySanction(actor.role, 'rectify')) throw new AppError('FORBIDDEN', '整改由街道、区县或住建部门验收');
  return step(deps, actor, id, action, note, (s) => scope.contains(s.org_path));
}

/** The company reports a rectification done, with a note and optionally a photo uploaded first. */
export async function reportDone(deps: CompaniesDeps, actor: Actor, scope: Scope, companyId: number, id: number, input: { note: string; photoId?: number }) {
  const photos = await assertAttachable(deps.db, actor, scope, input.photoId ? [input.photoId] : [], 'body.photoId');
  return step(deps, actor, id, 'report', input.note, (s) => s.company_id === companyId, photos[0]);
}

async function step(
  deps: CompaniesDeps, actor: Actor, id: number, action: SanctionAction, note: string,
  reaches: (s: { org_path: string; company_id: number }) => boolean, photoId?: number,
) {
  return deps.db.transaction().execute(async (trx) => {
    const s = await repo.lockSanction(trx, id);
    if (!s || !reaches(s)) throw notFound('处置记录');
    const next = checkSanctionStep(s.kind, s.status, action);
    const now = deps.clock.now();
    const set = action === 'report'
      ? { status: next.to, report_note: note, report_photo_id: photoId ?? null, reported_at: now }
      : { status: next.to, closed_at: next.to === 'verified' ? now : null };
    const r = await repo.updateSanction(trx, id, s.status, set);
    if (!r.numUpdatedRows) throw new AppError('CONFLICT', '该处置刚被他人处理，请刷新后再试');
    if (photoId) await linkAttachments(trx, [photoId], { entity: 'property_sanction', entityId: id, orgPath: s.org_path, countyCode: s.county_code });
    await repo.insertStep(trx, { sanction_id: id, action, from_status: s.status, to_status: next.to, note, account_id: actor.accountId, actor_name: actor.displayName, at: now });
    await writeAudit(trx, actor, {
      action: action === 'report' ? 'property.sanction_report' : action === 'verify' ? 'property.sanction_verify' : 'property.sanction_send_back',
      entity: 'property_sanction', entityId: id, orgPath: s.org_path, countyCode: s.county_code,
      before: { status: s.status }, after: { status: next.to, photo: photoId ?? null }, reason: note,
    });
    return { ok: true };
  });
}
