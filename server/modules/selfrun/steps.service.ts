import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { can } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit.js';
import { addDays, chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, fileUrl, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { checkStep, STEP_KEYS, STEP_RULES, type StepBy, type StepKey } from './selfrun-steps-lifecycle.js';
import { hasPublishedStatement } from './steps.conditions.js';
import { decideHandover } from './handover.service.js';
import { mayReadSteps, memberMayComplete, staffMayComplete } from './steps.policy.js';
import * as repo from './steps.repository.js';
import type * as s from './steps.schemas.js';
import type { SelfrunStep } from './selfrun.tables.js';

/**
 * 居民自办物业十步: a compound without a company moves, step by step, to running itself. The
 * community starts the process and records its steps; the compound's committee (业委会/物管会)
 * records its own (征求意见, 财务制度, 服务协议, 收支公开), from the phone. Each step needs its
 * record and, for some, a fact elsewhere: the owners' vote passed and published, the notice
 * run seven days, a statement published. The last step records the compound as self-run.
 */
export interface StepsDeps {
  db: Kysely<DB>;
  clock: Clock;
}
export const stepsDeps = (ctx: AppContext): StepsDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock });

export const STEP_FILES = 'selfrun_step';
/** 表决结果公示 runs at least this many days before 备案. */
export const NOTICE_DAYS = 7;

type Compound = NonNullable<Awaited<ReturnType<typeof repo.compoundRow>>>;
const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
const refuse = (reason: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('INVALID_TRANSITION', message, { reason, ...extra });

/** Why a process may not start on this compound, or null. */
function startRefusal(c: Compound): string | null {
  if (c.mode === 'company') return '该小区有有效的物业服务合同，由物业企业管理，不能启动居民自办';
  if (c.step === 'done' || c.stored_mode === 'self_run') return '该小区已实行居民自办物业';
  if (c.step) return '该小区已启动居民自办十步';
  return null;
}

// ---- reading ----

export async function board(deps: StepsDeps, scope: Scope, q: z.infer<typeof s.BoardQuery>): Promise<z.infer<typeof s.Board>> {
  const { rows, total } = await repo.board(deps.db, scope, q);
  return {
    total,
    items: rows.map((r) => ({
      compoundId: r.id, name: r.name, community: r.community, mode: r.mode, step: r.step ?? null,
      startedAt: iso(r.started_at), updatedAt: iso(r.updated_at),
      handover: r.handover_cause ? { cause: r.handover_cause, companyName: r.handover_company!, reselectTo: r.handover_to ?? null, since: iso(r.handover_at)! } : null,
    })),
  };
}

export async function figures(deps: StepsDeps, scope: Scope): Promise<z.infer<typeof s.Figures>> {
  const [steps, streets] = await Promise.all([repo.byStep(deps.db, scope), repo.byStreet(deps.db, scope)]);
  const n = new Map(steps.map((r) => [r.step, Number(r.n)]));
  return {
    byStep: [...STEP_KEYS, 'done' as const].map((step) => ({ step, compounds: n.get(step) ?? 0 })),
    byStreet: streets.map((r) => ({ streetId: r.id, street: r.name, inProgress: Number(r.in_progress), done: Number(r.done) }))
      .filter((r) => r.inProgress + r.done > 0),
  };
}

async function view(deps: StepsDeps, c: Compound, mayAct: (step: StepKey) => boolean): Promise<z.infer<typeof s.ProcessView>> {
  const [records, votes, handover] = await Promise.all([repo.records(deps.db, c.id), repo.passedVotes(deps.db, c.id), repo.openHandover(deps.db, c.id)]);
  const photos = await repo.photosOf(deps.db, STEP_FILES, records.map((r) => r.id));
  const reached = (c.step ?? null) as SelfrunStep | null;
  let blocked: string | null = null;
  if (reached && reached !== 'done') {
    try {
      await checkCondition(deps, c.id, reached, null);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      blocked = e.userMessage;
    }
  }
  return {
    compound: { id: c.id, name: c.name, community: c.community, mode: c.mode },
    started: !!reached,
    startRefusal: startRefusal(c),
    handover: handover ? { cause: handover.cause, companyName: handover.company_name, reselectTo: handover.reselect_to, since: iso(handover.created_at)! } : null,
    step: reached,
    startedAt: iso(c.started_at ?? null),
    steps: STEP_KEYS.map((k) => ({ step: k, ...STEP_RULES[k], needs: [...STEP_RULES[k].needs] })),
    records: records.map((r) => ({
      step: r.step, note: r.note, proposer: r.proposer, dateFrom: r.date_from, dateTo: r.date_to, voteId: r.vote_id,
      voteTitle: r.vote_title ?? null, bank: r.bank, accountName: r.account_name, accountLast4: r.account_last4,
      completedBy: r.completed_by_name, completedAs: r.completed_as, completedAt: iso(r.completed_at)!,
      photos: photos.filter((p) => p.entity_id === r.id).map((p) => ({ id: p.attachment_id, url: fileUrl(p.attachment_id) })),
    })),
    blocked,
    votes: votes.map((v) => ({ id: v.id, title: v.title, status: v.status, publishedAt: iso(v.published_at) })),
    mayAct: !!reached && reached !== 'done' && mayAct(reached),
  };
}

async function staffCompound(deps: StepsDeps, scope: Scope, id: number) {
  const c = await repo.compoundRow(deps.db, scope, id);
  if (!c) throw notFound('小区');
  return c;
}

export async function detail(deps: StepsDeps, actor: Actor, scope: Scope, id: number) {
  const c = await staffCompound(deps, scope, id);
  return view(deps, c, () => staffMayComplete(actor.role));
}

/** The committee member's compounds (usually one), each with its process. */
export async function myCommittee(deps: StepsDeps, actor: Actor): Promise<z.infer<typeof s.MyCommittee>> {
  const seats = await repo.seatsOf(deps.db, actor.accountId);
  const out: z.infer<typeof s.MyCommittee>['compounds'] = [];
  for (const seat of seats) {
    if (out.some((o) => o.compound.id === seat.compound_id)) continue;
    const c = await repo.compoundOfMember(deps.db, seat.compound_id);
    if (!c) continue;
    out.push({ ...(await view(deps, c, (k) => memberMayComplete(actor.role, true, k))), committee: seat.committee, role: seat.role });
  }
  return { member: seats.length > 0, compounds: out };
}

// ---- writing ----

export async function start(deps: StepsDeps, actor: Actor, scope: Scope, id: number) {
  const c = await staffCompound(deps, scope, id);
  const why = startRefusal(c);
  if (why) throw new AppError(c.step && c.step !== 'done' ? 'ALREADY_EXISTS' : 'CONFLICT', why, { mode: c.mode, step: c.step });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    // ON CONFLICT: two clicks at once start one process; the second is told it exists.
    const row = await trx.insertInto('selfrun_process').values({
      compound_id: c.id, org_path: c.path, county_code: c.county_code, step: 'motion', started_by: actor.accountId, started_at: now, updated_at: now,
    }).onConflict((oc) => oc.column('compound_id').doNothing()).returning('compound_id').executeTakeFirst();
    if (!row) throw new AppError('ALREADY_EXISTS', '该小区已启动居民自办十步');
    // A compound handed over by 重新选聘/清退 leaves the list awaiting a decision: 动议 is the decision.
    await decideHandover(trx, c.id, 'motion', now);
    await writeAudit(trx, actor, { action: 'selfrun.process_start', entity: 'selfrun_process', entityId: c.id, orgPath: c.path, countyCode: c.county_code, after: { step: 'motion' } });
  });
  return { ok: true as const, step: 'motion' as const };
}

/** Staff complete any step of a compound in scope. */
export async function completeAsStaff(deps: StepsDeps, actor: Actor, scope: Scope, id: number, step: StepKey, body: s.StepBody) {
  const c = await staffCompound(deps, scope, id);
  return complete(deps, actor, scope, c, step, body, 'staff');
}

/** A committee member completes a committee step of their own compound. */
export async function completeAsMember(deps: StepsDeps, actor: Actor, scope: Scope, id: number, step: StepKey, body: s.StepBody) {
  const seats = await repo.seatsOf(deps.db, actor.accountId, id);
  if (!seats.length) throw new AppError('FORBIDDEN', '您不是该小区业委会/物管会的在任成员，不能办理此步骤', { reason: 'NOT_COMMITTEE_MEMBER' });
  const c = await repo.compoundOfMember(deps.db, id);
  if (!c) throw notFound('小区');
  return complete(deps, actor, scope, c, step, body, 'committee');
}

/** What the step's record must carry, beyond the note every step has. */
function checkRecord(step: StepKey, b: s.StepBody) {
  const needs = STEP_RULES[step].needs;
  const missing = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { fields: [{ field: `body.${field}`, problem: 'required' }] });
  if (needs.includes('proposer') && !b.proposer) throw missing('proposer', '请填写动议人');
  if (needs.includes('vote') && !b.voteId) throw missing('voteId', '请选择业主表决');
  if (needs.includes('account')) {
    if (!b.bank) throw missing('bank', '请填写开户行');
    if (!b.accountName) throw missing('accountName', '请填写账户名称');
    if (!b.accountLast4) throw missing('accountLast4', '请填写账号后四位');
  }
  if (step === 'consultation' || step === 'service_agreement') {
    if (!b.dateFrom || !b.dateTo) throw missing('dateFrom', step === 'consultation' ? '请填写征求意见的起止日期' : '请填写协议的起止日期');
    if (b.dateTo < b.dateFrom) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', { fields: [{ field: 'body.dateTo', problem: 'before dateFrom' }] });
  }
}

/**
 * The step's condition on other records; throws the refusal in words. `b` is null when only
 * explaining the next action (no record given yet).
 */
async function checkCondition(deps: StepsDeps, compoundId: number, step: StepKey, b: s.StepBody | null): Promise<{ voteId?: number; dateFrom?: string }> {
  const today = chinaDay(deps.clock.now());
  if (step === 'vote') {
    const passed = await repo.passedVotes(deps.db, compoundId);
    if (!b) {
      if (!passed.length) throw refuse('VOTE_NOT_PASSED', '本小区还没有通过“实行居民自办物业”事项的已结束业主表决');
      return {};
    }
    const v = b.voteId ? await repo.vote(deps.db, b.voteId) : undefined;
    if (!v || v.compound_id !== compoundId) throw new AppError('VALIDATION_FAILED', '该业主表决不属于本小区', { fields: [{ field: 'body.voteId', problem: 'unknown vote' }] });
    if (v.status !== 'closed' && v.status !== 'published') throw refuse('VOTE_NOT_CLOSED', '该业主表决尚未结束，结束并计票后才能记录表决结果');
    const matters = await repo.selfRunMatters(deps.db, v.id);
    if (!matters.length) throw refuse('VOTE_NOT_PASSED', '该业主表决没有“实行居民自办物业”事项');
    if (!matters.every((m) => m.passed === true)) throw refuse('VOTE_NOT_PASSED', '“实行居民自办物业”事项未获表决通过（民法典第二百七十八条），不能进入下一步');
    return { voteId: v.id };
  }
  if (step === 'vote_notice') {
    const rec = await repo.recordOf(deps.db, compoundId, 'vote');
    const v = rec?.vote_id ? await repo.vote(deps.db, rec.vote_id) : undefined;
    if (!v || v.status !== 'published' || !v.published_at) throw refuse('VOTE_NOT_PUBLISHED', '表决结果尚未公布，公布后才能公示');
    const publishedDay = chinaDay(new Date(v.published_at));
    const from = b?.dateFrom ?? publishedDay;
    if (from < publishedDay) throw new AppError('VALIDATION_FAILED', `公示开始日期不能早于表决结果公布日（${publishedDay}）`, { fields: [{ field: 'body.dateFrom', problem: 'before publication' }] });
    if (from > today) throw new AppError('VALIDATION_FAILED', '公示开始日期不能晚于今天', { fields: [{ field: 'body.dateFrom', problem: 'future' }] });
    return { voteId: v.id, dateFrom: from };
  }
  if (step === 'filing') {
    const notice = await repo.recordOf(deps.db, compoundId, 'vote_notice');
    const earliest = addDays(notice?.date_from ?? today, NOTICE_DAYS);
    if (today < earliest) throw refuse('NOTICE_TOO_SHORT', `表决结果公示须满${NOTICE_DAYS}天，${earliest}起方可备案`, { earliest });
    return {};
  }
  if (step === 'disclosure' && !(await hasPublishedStatement(deps.db, compoundId))) {
    throw refuse('NO_PUBLISHED_STATEMENT', '还没有已公布的月度收支报表，公布至少一期后才能完成收支公开');
  }
  return {};
}

async function complete(deps: StepsDeps, actor: Actor, scope: Scope, c: Compound, step: StepKey, body: s.StepBody, as: StepBy) {
  if (!c.step) throw refuse('NOT_STARTED', '该小区尚未启动居民自办十步');
  const next = checkStep(c.step as SelfrunStep, step, as);
  checkRecord(step, body);
  const found = await checkCondition(deps, c.id, step, body);
  const photoIds = await assertAttachable(deps.db, actor, scope, body.photoIds, 'body.photoIds');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    // The guard: the process moves only from the step just checked, so a step completed twice at
    // once (two phones, two clicks) is recorded once; the other is told it was done.
    const moved = await trx.updateTable('selfrun_process').set({ step: next, updated_at: now })
      .where('compound_id', '=', c.id).where('step', '=', step).returning('compound_id').executeTakeFirst();
    if (!moved) throw refuse('STEP_REPEATED', `「${STEP_RULES[step].label}」已经完成，不能重复办理`);
    const acc = await trx.selectFrom('account').select('display_name').where('id', '=', actor.accountId).executeTakeFirst();
    const rec = await trx.insertInto('selfrun_step_record').values({
      compound_id: c.id, org_path: c.path, county_code: c.county_code, step, note: body.note,
      proposer: step === 'motion' ? body.proposer ?? null : null,
      date_from: found.dateFrom ?? body.dateFrom ?? null, date_to: body.dateTo ?? null, vote_id: found.voteId ?? null,
      bank: step === 'open_account' ? body.bank ?? null : null, account_name: step === 'open_account' ? body.accountName ?? null : null,
      account_last4: step === 'open_account' ? body.accountLast4 ?? null : null,
      completed_by: actor.accountId, completed_by_name: acc?.display_name ?? actor.displayName, completed_as: as, completed_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (photoIds.length) await linkAttachments(trx, photoIds, { entity: STEP_FILES, entityId: rec.id, orgPath: c.path, countyCode: c.county_code });
    if (next === 'done') {
      // 服务评定 done: the compound is recorded as self-run from today.
      const today = chinaDay(now);
      await trx.insertInto('compound_profile').values({
        compound_id: c.id, org_path: c.path, county_code: c.county_code, mode: 'self_run', mode_since: today, updated_by: actor.accountId, updated_at: now,
      }).onConflict((oc) => oc.column('compound_id').doUpdateSet({ mode: 'self_run', mode_since: today, updated_by: actor.accountId, updated_at: now }))
        .execute();
    }
    await writeAudit(trx, actor, {
      action: 'selfrun.step_complete', entity: 'selfrun_process', entityId: c.id, orgPath: c.path, countyCode: c.county_code,
      before: { step }, after: { step: next, record: rec.id, as }, reason: body.note,
    });
  });
  return { ok: true as const, step: next };
}

// ---- files ----

/** Step documents: staff who may read the compound's steps, and its committee members. */
export function stepFileReader(deps: StepsDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    const rows = await deps.db.selectFrom('selfrun_step_record').select(['compound_id', 'org_path']).where('id', 'in', ids).execute();
    if (mayReadSteps(actor.role, false) && rows.some((r) => scope.contains(r.org_path))) return true;
    const seats = can(actor.role, 'selfrun.committee') ? await repo.seatsOf(deps.db, actor.accountId) : [];
    return rows.some((r) => mayReadSteps(actor.role, seats.some((m) => m.compound_id === r.compound_id)));
  };
}
