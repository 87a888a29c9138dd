/**
 * 业主表决 (issue 15): owners' votes under the Civil Code art. 278. Staff of the compound's
 * community (or the compound's committee) create and announce a vote at least 15 days ahead; the
 * timer opens and closes it; owners vote on the phone, by proxy or on paper (entered by two staff);
 * every ballot and change is a link of the vote's hash chain; the close counts with article278.
 *
 * Rules decided here (tested in tests/integration/selfrun-votes.test.ts):
 *  - on the phone one choice per matter covers all the caller's own units in the compound (a person
 *    counts once); a proxy votes unit by unit for the units their 委托书 names;
 *  - a paper ballot is refused for a unit that already voted electronically (phone or proxy): paper
 *    never silently replaces the owner's own ballot. The owner may still change on the phone after a
 *    paper ballot (their own latest will); both are links of the chain;
 *  - ballots can change until the close; after it everything is refused.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { can } from '../../platform/auth/permissions.js';
import { addDays, chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, fileUrl, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { inScope, unitInScope, type Scope } from '../../platform/scope.js';
import type { OwnerVoteStatus } from './selfrun.tables.js';
import { writeBallotsXlsx } from './ballots-xlsx.js';
import { centsOf, countVote, type Choice, type CountBallot, type CountUnit } from './vote-count.js';
import { checkVoteStep, NOTICE_DAYS, type VoteAction } from './votes-lifecycle.js';
import { VOTE_POLICY } from './votes.policy.js';
import type { CreateVoteBody } from './votes.schemas.js';

type Q = Kysely<DB> | Transaction<DB>;
export interface VotesDeps { db: Kysely<DB>; clock: Clock; cipher: PiiCipher }
export const votesDeps = (ctx: AppContext): VotesDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, cipher: ctx.cipher });

export const PROXY_FILES = 'selfrun_vote_proxy';
export const NOTICE_FILES = 'selfrun_vote_notice'; // photo of a posted paper notice
export const VOTE_TICK = 'selfrun.vote_tick';
const GENESIS = '0'.repeat(64);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** Public references: a unit and an owner_key become per-vote hashes, so the export names nobody. */
const unitRef = (voteId: number, unitId: number) => sha(`unit:${voteId}:${unitId}`).slice(0, 16);
const ownerRef = (voteId: number, key: string) => sha(`owner:${voteId}:${key}`).slice(0, 16);
const RULE = { special: '特别事项：双三分之二参与，且参与面积和人数均四分之三以上同意', ordinary: '一般事项：双三分之二参与，且参与面积和人数均过半数同意' };

async function residentOf(db: Q, accountId: number) {
  const a = await db.selectFrom('account').select('resident_id').where('id', '=', accountId).executeTakeFirst();
  return a?.resident_id ?? null;
}

/** A live seat on the compound's 业委会/物管会 for the caller's resident. */
async function sitsOnCommittee(db: Q, actor: Actor, compoundId: number, now: Date) {
  if (!can(actor.role, 'selfrun.committee')) return false; // the seat itself is checked below
  const rid = await residentOf(db, actor.accountId);
  if (!rid) return false;
  const seat = await db.selectFrom('committee_member').select('id').where('compound_id', '=', compoundId).where('resident_id', '=', rid)
    .where('left_at', 'is', null).where('term_to', '>=', chinaDay(now)).executeTakeFirst();
  return !!seat;
}

/** Staff with selfrun.manage in scope, or the compound's committee: who may run a vote. */
async function mayRun(db: Q, actor: Actor, scope: Scope, compound: { id: number; path: string }, now: Date) {
  if (VOTE_POLICY.enterPaper(actor.role) && scope.contains(compound.path)) return true;
  return sitsOnCommittee(db, actor, compound.id, now);
}

async function compoundOf(db: Q, actor: Actor, scope: Scope, compoundId: number, now: Date) {
  if (can(actor.role, 'selfrun.manage') || can(actor.role, 'selfrun.read')) {
    const u = await unitInScope(db, scope, compoundId, '小区').catch(() => null);
    if (u && u.kind === 'grid') return u;
  }
  const g = await db.selectFrom('org_unit').select(['id', 'name', 'path', 'county_code', 'kind']).where('id', '=', compoundId).executeTakeFirst();
  if (g && g.kind === 'grid' && (await sitsOnCommittee(db, actor, g.id, now))) return { id: g.id, name: g.name, path: g.path, county_code: g.county_code, kind: g.kind };
  throw notFound('小区');
}

async function voteRow(db: Q, id: number, lock = false) {
  let q = db.selectFrom('owner_vote').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type VoteRow = NonNullable<Awaited<ReturnType<typeof voteRow>>>;

/** A vote the caller may see as staff (scope) or as the compound's committee; else 404. */
async function visibleVote(deps: VotesDeps, actor: Actor, scope: Scope, id: number) {
  const v = await voteRow(deps.db, id);
  if (v && can(actor.role, 'selfrun.read') && scope.contains(v.org_path)) return v;
  if (v && (await sitsOnCommittee(deps.db, actor, v.compound_id, deps.clock.now()))) return v;
  throw notFound('表决');
}

// ---- create, announce, cancel, publish ----

export async function createVote(deps: VotesDeps, actor: Actor, scope: Scope, body: CreateVoteBody) {
  const now = deps.clock.now();
  const g = await compoundOf(deps.db, actor, scope, body.compoundId, now);
  if (!(await mayRun(deps.db, actor, scope, g, now))) throw new AppError('FORBIDDEN', '业主表决由社区工作人员或本小区业委会（物管会）成员发起');
  const opensAt = new Date(body.opensAt);
  const closesAt = new Date(body.closesAt);
  if (closesAt <= opensAt) throw new AppError('VALIDATION_FAILED', '截止时间须晚于开始时间', { fields: [{ field: 'body.closesAt', problem: 'before opensAt' }] });
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('owner_vote').values({
      compound_id: g.id, org_path: g.path, county_code: g.county_code, title: body.title, opens_at: opensAt, closes_at: closesAt,
      created_by: actor.accountId, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('owner_vote_matter').values(body.matters.map((m, i) => ({ vote_id: id, seq: i + 1, title: m.title, kind: m.kind, purpose: m.purpose }))).execute();
    await writeAudit(trx, actor, { action: 'selfrun.vote_create', entity: 'owner_vote', entityId: id, orgPath: g.path, countyCode: g.county_code,
      after: { title: body.title, matters: body.matters.length, opensAt, closesAt } });
    // The committee's phone creates and announces at once: a short notice refuses both together.
    if (!body.announce) return { id, status: 'draft' as OwnerVoteStatus };
    const status = checkVoteStep('draft', 'announce');
    await noticeAndTimers(trx, { id, opens_at: opensAt, closes_at: closesAt, county_code: g.county_code }, now);
    await trx.updateTable('owner_vote').set({ status, announced_at: now }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'selfrun.vote_step', entity: 'owner_vote', entityId: id, orgPath: g.path, countyCode: g.county_code,
      before: { status: 'draft' }, after: { status, action: 'announce' } });
    return { id, status };
  });
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** How far back a paper notice may be dated: an old notice for another meeting is not this vote's. */
export const PAPER_NOTICE_MAX_AGE_DAYS = 60;
export interface PaperNotice { postedOn: string; photoId: number }

/**
 * 公告: refuses a notice shorter than 15 China days, then sets the opening and closing timers. The
 * days count from today, or from the day a paper notice was posted (纸质公告, recorded with its photo).
 */
async function noticeAndTimers(trx: Transaction<DB>, v: { id: number; opens_at: Date; closes_at: Date; county_code: string }, now: Date, paper?: PaperNotice) {
  const today = chinaDay(now);
  if (v.closes_at <= now) throw new AppError('VALIDATION_FAILED', '截止时间已过，请修改表决时间后重新发起', { fields: [{ field: 'closesAt', problem: 'past' }] });
  if (paper && paper.postedOn > today) {
    throw new AppError('VALIDATION_FAILED', '纸质公告张贴日期不能晚于今天', { fields: [{ field: 'body.noticePostedOn', problem: 'future' }] });
  }
  if (paper && paper.postedOn < addDays(today, -PAPER_NOTICE_MAX_AGE_DAYS)) {
    throw new AppError('VALIDATION_FAILED', `纸质公告张贴日期不能早于${PAPER_NOTICE_MAX_AGE_DAYS}天前`, { fields: [{ field: 'body.noticePostedOn', problem: 'too old' }] });
  }
  // Announced on the 1st, it may open on the 16th at the earliest.
  const from = paper?.postedOn ?? today;
  if (daysBetween(from, chinaDay(v.opens_at)) < NOTICE_DAYS) {
    throw new AppError('VALIDATION_FAILED', `表决须在开始投票${NOTICE_DAYS}日前公告，请推迟开始时间`, { fields: [{ field: 'opensAt', problem: 'notice too short' }], noticeDays: NOTICE_DAYS, earliestOpen: addDays(from, NOTICE_DAYS) });
  }
  await scheduleJob(trx, { kind: VOTE_TICK, runAt: v.opens_at, payload: { voteId: v.id }, countyCode: v.county_code, dedupeKey: `owner_vote:${v.id}:open` });
  await scheduleJob(trx, { kind: VOTE_TICK, runAt: v.closes_at, payload: { voteId: v.id }, countyCode: v.county_code, dedupeKey: `owner_vote:${v.id}:close` });
}

export async function stepVote(deps: VotesDeps, actor: Actor, scope: Scope, id: number, action: Extract<VoteAction, 'announce' | 'cancel' | 'publish'>, reason?: string, paper?: PaperNotice) {
  const now = deps.clock.now();
  await settle(deps, id);
  const v0 = await visibleVote(deps, actor, scope, id);
  if (!(await mayRun(deps.db, actor, scope, { id: v0.compound_id, path: v0.org_path }, now))) throw new AppError('FORBIDDEN', '您不能管理该小区的业主表决');
  if (paper) await assertAttachable(deps.db, actor, scope, [paper.photoId], 'body.noticePhotoId');
  return deps.db.transaction().execute(async (trx) => {
    const v = (await voteRow(trx, id, true))!;
    const to = checkVoteStep(v.status, action);
    if (action === 'announce') await noticeAndTimers(trx, v, now, paper);
    if (paper) await linkAttachments(trx, [paper.photoId], { entity: NOTICE_FILES, entityId: id, orgPath: v.org_path, countyCode: v.county_code });
    if (action === 'cancel') {
      await cancelJobs(trx, `owner_vote:${id}:open`);
      await cancelJobs(trx, `owner_vote:${id}:close`);
    }
    await trx.updateTable('owner_vote').set({
      status: to,
      ...(action === 'announce' ? { announced_at: now, notice_posted_on: paper?.postedOn ?? null, notice_photo_id: paper?.photoId ?? null } : {}),
      ...(action === 'publish' ? { published_at: now } : {}),
      ...(action === 'cancel' ? { cancel_reason: reason ?? null } : {}),
    }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'selfrun.vote_step', entity: 'owner_vote', entityId: id, orgPath: v.org_path, countyCode: v.county_code,
      before: { status: v.status }, after: { status: to, action, ...(paper ? { noticePostedOn: paper.postedOn } : {}) }, reason: reason ?? null });
    return { id, status: to };
  });
}

// ---- the timer: open at opens_at, close (and count) at closes_at ----

/** Moves a vote along by the clock; run by the timer and before every action, so nobody has to. */
export async function settle(deps: Pick<VotesDeps, 'db' | 'clock'>, id: number) {
  const v = await voteRow(deps.db, id);
  if (!v || !dueStep(v, deps.clock.now())) return;
  await deps.db.transaction().execute((trx) => settleIn(trx, id, deps.clock.now()));
}

function dueStep(v: { status: OwnerVoteStatus; opens_at: Date; closes_at: Date }, now: Date) {
  return (v.status === 'announced' && now >= v.opens_at) || (v.status === 'open' && now >= v.closes_at);
}

async function settleIn(trx: Transaction<DB>, id: number, now: Date) {
  const v = await voteRow(trx, id, true);
  if (!v) return;
  let status = v.status;
  if (status === 'announced' && now >= v.opens_at) {
    status = checkVoteStep(status, 'open');
    await trx.updateTable('owner_vote').set({ status }).where('id', '=', id).execute();
  }
  if (status === 'open' && now >= v.closes_at) await closeIn(trx, v, now);
}

export const voteJobHandlers = (): Record<string, JobHandler> => ({
  [VOTE_TICK]: async (trx, job, now) => settleIn(trx, (job.payload as { voteId: number }).voteId, now),
});

/** The units and owners the vote counts against, as the export shows them (anonymised). */
async function countBase(db: Q, v: { id: number; compound_id: number }) {
  const rows = await db.selectFrom('owned_unit as u').leftJoin('unit_owner as o', (j) => j.onRef('o.owned_unit_id', '=', 'u.id').on('o.ended_at', 'is', null))
    .select(['u.id', 'u.area_m2', 'o.owner_key']).where('u.compound_id', '=', v.compound_id).where('u.removed_at', 'is', null).orderBy('u.id').execute();
  const units = new Map<number, CountUnit>();
  for (const r of rows) {
    const x = units.get(r.id) ?? { u: unitRef(v.id, r.id), areaCents: centsOf(r.area_m2), owners: [] };
    if (r.owner_key) x.owners.push(ownerRef(v.id, r.owner_key));
    units.set(r.id, x);
  }
  return units;
}

async function ballotsOf(db: Q, voteId: number) {
  return db.selectFrom('owner_ballot as b').innerJoin('owner_vote_matter as m', 'm.id', 'b.matter_id')
    .select(['m.seq', 'b.owned_unit_id', 'b.choice']).where('b.vote_id', '=', voteId).orderBy('b.owned_unit_id').orderBy('m.seq').execute();
}

async function closeIn(trx: Transaction<DB>, v: VoteRow, now: Date) {
  const to = checkVoteStep('open', 'close');
  const units = await countBase(trx, v);
  const ballots: CountBallot[] = (await ballotsOf(trx, v.id)).map((b) => ({ seq: b.seq, u: unitRef(v.id, b.owned_unit_id), choice: b.choice }));
  const matters = await trx.selectFrom('owner_vote_matter').select(['id', 'seq', 'kind']).where('vote_id', '=', v.id).orderBy('seq').execute();
  const r = countVote([...units.values()], ballots, matters);
  for (const m of matters) {
    const c = r.matters.find((x) => x.seq === m.seq)!;
    await trx.updateTable('owner_vote_matter').set({ passed: c.passed, result: JSON.stringify({ counts: c.counts, failures: c.failures }) }).where('id', '=', m.id).execute();
  }
  const head = await trx.selectFrom('owner_ballot_chain').select('hash').where('vote_id', '=', v.id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  await trx.updateTable('owner_vote').set({
    status: to, closed_at: now, chain_head: head?.hash ?? GENESIS, total_area: (r.totalAreaCents / 100).toFixed(2), total_owners: r.totalOwners,
    count_base: JSON.stringify([...units.values()]),
  }).where('id', '=', v.id).execute();
  await writeAudit(trx, null, { action: 'selfrun.vote_step', entity: 'owner_vote', entityId: v.id, orgPath: v.org_path, countyCode: v.county_code,
    before: { status: 'open' }, after: { status: to, action: 'close', passed: r.matters.map((m) => m.passed) } });
}

/** Closes a vote now (the bench and the timer use the same path). */
export async function closeVoteNow(deps: Pick<VotesDeps, 'db' | 'clock'>, id: number) {
  await deps.db.transaction().execute(async (trx) => {
    const v = await voteRow(trx, id, true);
    if (!v) throw notFound('表决');
    await closeIn(trx, v, deps.clock.now());
  });
}

// ---- ballots and the chain ----

async function appendChain(trx: Transaction<DB>, voteId: number, content: object, at: Date) {
  const last = await trx.selectFrom('owner_ballot_chain').select(['seq', 'hash']).where('vote_id', '=', voteId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const text = JSON.stringify(content);
  const prev = last?.hash ?? GENESIS;
  await trx.insertInto('owner_ballot_chain').values({ vote_id: voteId, seq: (last?.seq ?? 0) + 1, content: text, prev_hash: prev, hash: sha(prev + text), at }).execute();
}

/** Recomputes every link; the first broken one's seq, or null when the chain holds. */
export function verifyChain(links: { seq: number; content: string; prevHash: string; hash: string }[]): number | null {
  let prev = GENESIS;
  for (const l of links) {
    if (l.prevHash !== prev || sha(prev + l.content) !== l.hash) return l.seq;
    prev = l.hash;
  }
  return null;
}

/** Checks the choices name every matter of the vote once; returns matterId → choice. */
function choicesFor(matters: { id: number; seq: number }[], choices: { matterId: number; choice: Choice }[]) {
  const map = new Map<number, Choice>();
  for (const c of choices) {
    if (!matters.some((m) => m.id === c.matterId)) throw new AppError('VALIDATION_FAILED', '表决事项不属于本次表决', { fields: [{ field: 'body.choices', problem: 'unknown matter' }] });
    if (map.has(c.matterId)) throw new AppError('VALIDATION_FAILED', '同一事项只能选择一次', { fields: [{ field: 'body.choices', problem: 'duplicate' }] });
    map.set(c.matterId, c.choice);
  }
  if (map.size !== matters.length) throw new AppError('VALIDATION_FAILED', '请对每一项表决事项作出选择', { fields: [{ field: 'body.choices', problem: 'missing matter' }] });
  return map;
}

/** Writes the ballots of some units (all matters) and one chain link per unit, inside the vote's lock (the demo seed uses it too). */
export async function castIn(trx: Transaction<DB>, v: VoteRow, unitIds: number[], choices: Map<number, Choice>, channel: 'phone' | 'proxy' | 'paper', accountId: number, now: Date) {
  const matters = await trx.selectFrom('owner_vote_matter').select(['id', 'seq']).where('vote_id', '=', v.id).orderBy('seq').execute();
  for (const unitId of unitIds) {
    for (const m of matters) {
      await trx.insertInto('owner_ballot').values({ vote_id: v.id, matter_id: m.id, owned_unit_id: unitId, choice: choices.get(m.id)!, channel, cast_by: accountId, cast_at: now })
        .onConflict((oc) => oc.columns(['matter_id', 'owned_unit_id']).doUpdateSet({
          choice: (eb) => eb.ref('excluded.choice'), channel: (eb) => eb.ref('excluded.channel'), cast_by: (eb) => eb.ref('excluded.cast_by'),
          cast_at: (eb) => eb.ref('excluded.cast_at'), version: sql<number>`owner_ballot.version + 1`,
        })).execute();
    }
    await appendChain(trx, v.id, { u: unitRef(v.id, unitId), channel, at: now.toISOString(), choices: Object.fromEntries(matters.map((m) => [m.seq, choices.get(m.id)!])) }, now);
  }
}

/** Locks the vote, moves it along by the clock and refuses unless it is open. */
async function lockOpen(trx: Transaction<DB>, id: number, now: Date) {
  await settleIn(trx, id, now);
  const v = (await voteRow(trx, id, true))!;
  if (v.status !== 'open') {
    throw new AppError('INVALID_TRANSITION', v.status === 'announced' || v.status === 'draft' ? '表决尚未开始投票' : '表决已截止或已取消，不能再投票', { status: v.status });
  }
  return v;
}

/** The units the caller's resident owns in the compound, and those they hold a proxy for in the vote. */
async function myUnits(db: Q, residentId: number, v: { id: number; compound_id: number }) {
  const own = await db.selectFrom('unit_owner as o').innerJoin('owned_unit as u', 'u.id', 'o.owned_unit_id')
    .select(['u.id', 'u.label', 'u.area_m2']).where('o.resident_id', '=', residentId).where('o.ended_at', 'is', null)
    .where('u.compound_id', '=', v.compound_id).where('u.removed_at', 'is', null).orderBy('u.id').execute();
  const proxied = await db.selectFrom('owner_vote_proxy as p').innerJoin('owned_unit as u', 'u.id', 'p.owned_unit_id')
    .select(['u.id', 'u.label', 'u.area_m2']).where('p.vote_id', '=', v.id).where('p.proxy_resident_id', '=', residentId).where('p.revoked_at', 'is', null).execute();
  return { own, proxied };
}

export async function castPhoneBallot(deps: VotesDeps, actor: Actor, voteId: number, body: { choices: { matterId: number; choice: Choice }[]; proxyUnitId?: number }) {
  const rid = await residentOf(deps.db, actor.accountId);
  if (!rid) throw new AppError('FORBIDDEN', '您的账号尚未关联居民身份，不能参加业主表决');
  const v0 = await voteRow(deps.db, voteId);
  if (!v0) throw notFound('表决');
  const mine = await myUnits(deps.db, rid, v0);
  let unitIds: number[];
  let channel: 'phone' | 'proxy' = 'phone';
  if (body.proxyUnitId) {
    if (!mine.proxied.some((u) => u.id === body.proxyUnitId)) throw new AppError('FORBIDDEN', '您没有该专有部分业主的书面委托');
    unitIds = [body.proxyUnitId];
    channel = 'proxy';
  } else {
    if (!mine.own.length) throw new AppError('FORBIDDEN', '您不是该小区登记的业主，不能参加表决');
    unitIds = mine.own.map((u) => u.id);
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const v = await lockOpen(trx, voteId, now);
    const matters = await trx.selectFrom('owner_vote_matter').select(['id', 'seq']).where('vote_id', '=', v.id).execute();
    const choices = choicesFor(matters, body.choices);
    await castIn(trx, v, unitIds, choices, channel, actor.accountId, now);
    await writeAudit(trx, actor, { action: 'selfrun.ballot_cast', entity: 'owner_vote', entityId: v.id, orgPath: v.org_path, countyCode: v.county_code,
      after: { units: unitIds.length, channel } });
    return { ok: true as const };
  });
}

/** The votes of compounds where the caller owns a unit or holds a proxy, with their own choices. */
export async function myVotes(deps: VotesDeps, actor: Actor) {
  const rid = await residentOf(deps.db, actor.accountId);
  if (!rid) return [];
  // Compounds where the caller owns a unit or sits on the committee (who follow the votes they started).
  const compounds = await deps.db.selectFrom('unit_owner').select('compound_id').distinct().where('resident_id', '=', rid).where('ended_at', 'is', null)
    .union(deps.db.selectFrom('committee_member').select('compound_id').where('resident_id', '=', rid).where('left_at', 'is', null).where('term_to', '>=', chinaDay(deps.clock.now())))
    .execute();
  const proxyVotes = await deps.db.selectFrom('owner_vote_proxy').select('vote_id').where('proxy_resident_id', '=', rid).where('revoked_at', 'is', null).execute();
  const ids = compounds.map((c) => c.compound_id);
  const pv = proxyVotes.map((p) => p.vote_id);
  if (!ids.length && !pv.length) return [];
  let votes = await deps.db.selectFrom('owner_vote as v').innerJoin('org_unit as g', 'g.id', 'v.compound_id').select(LIST_COLUMNS).select('g.name as compound_name')
    .where((eb) => eb.or([...(ids.length ? [eb('v.compound_id', 'in', ids)] : []), ...(pv.length ? [eb('v.id', 'in', pv)] : [])]))
    .where('v.status', 'in', ['announced', 'open', 'closed', 'published']).orderBy('v.opens_at', 'desc').limit(20).execute();
  const due = votes.filter((v) => dueStep(v, deps.clock.now()));
  for (const v of due) await settle(deps, v.id);
  if (due.length) votes = await deps.db.selectFrom('owner_vote as v').innerJoin('org_unit as g', 'g.id', 'v.compound_id').select(LIST_COLUMNS).select('g.name as compound_name')
    .where('v.id', 'in', votes.map((v) => v.id)).orderBy('v.opens_at', 'desc').execute();
  const out = [];
  for (const v of votes) {
    const { own, proxied } = await myUnits(deps.db, rid, v);
    const units = [...own.map((u) => ({ ...u, asProxy: false })), ...proxied.map((u) => ({ ...u, asProxy: true }))];
    const ballots = units.length ? await deps.db.selectFrom('owner_ballot').select(['owned_unit_id', 'matter_id', 'choice']).where('vote_id', '=', v.id)
      .where('owned_unit_id', 'in', units.map((u) => u.id)).execute() : [];
    out.push({
      ...item(v), matters: await mattersOf(deps.db, v.id, v.status),
      units: units.map((u) => ({ id: u.id, label: u.label, area: Number(u.area_m2), asProxy: u.asProxy,
        choices: Object.fromEntries(ballots.filter((b) => b.owned_unit_id === u.id).map((b) => [String(b.matter_id), b.choice])) })),
    });
  }
  return out;
}

// ---- paper ballots: four eyes ----

async function unitOfVote(db: Q, v: VoteRow, unitId: number) {
  const u = await db.selectFrom('owned_unit').select(['id', 'label']).where('id', '=', unitId).where('compound_id', '=', v.compound_id).where('removed_at', 'is', null).executeTakeFirst();
  if (!u) throw new AppError('VALIDATION_FAILED', '该专有部分不属于本小区', { fields: [{ field: 'body.unitId', problem: 'not in compound' }] });
  return u;
}

async function electronicBallot(db: Q, voteId: number, unitId: number) {
  return db.selectFrom('owner_ballot').select(['channel']).where('vote_id', '=', voteId).where('owned_unit_id', '=', unitId).limit(1).executeTakeFirst();
}

async function staffVote(deps: VotesDeps, actor: Actor, scope: Scope, id: number) {
  if (!VOTE_POLICY.enterPaper(actor.role)) throw new AppError('FORBIDDEN', '纸质选票和委托由社区工作人员录入');
  const v = await voteRow(deps.db, id);
  if (!v || !scope.contains(v.org_path)) throw notFound('表决');
  return v;
}

export async function enterPaper(deps: VotesDeps, actor: Actor, scope: Scope, id: number, body: { unitId: number; choices: { matterId: number; choice: Choice }[] }) {
  await staffVote(deps, actor, scope, id);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const v = await lockOpen(trx, id, now);
    const u = await unitOfVote(trx, v, body.unitId);
    const matters = await trx.selectFrom('owner_vote_matter').select(['id', 'seq']).where('vote_id', '=', v.id).execute();
    const choices = choicesFor(matters, body.choices);
    const b = await electronicBallot(trx, v.id, u.id);
    if (b) throw new AppError('CONFLICT', b.channel === 'paper' ? '该专有部分的纸质选票已录入' : '该专有部分已在手机上表决，纸质选票不予录入', { channel: b.channel });
    const pending = await trx.selectFrom('owner_paper_ballot').select('id').where('vote_id', '=', v.id).where('owned_unit_id', '=', u.id).where('status', '=', 'pending').executeTakeFirst();
    if (pending) throw new AppError('CONFLICT', '该专有部分已有待确认的纸质选票', { entryId: pending.id });
    const { id: entryId } = await trx.insertInto('owner_paper_ballot').values({
      vote_id: v.id, owned_unit_id: u.id, choices: JSON.stringify(Object.fromEntries(choices)), entered_by: actor.accountId, entered_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'selfrun.paper_enter', entity: 'owner_vote', entityId: v.id, orgPath: v.org_path, countyCode: v.county_code, after: { entryId, unitId: u.id } });
    return { id: entryId, status: 'pending' };
  });
}

export async function confirmPaper(deps: VotesDeps, actor: Actor, scope: Scope, id: number, entryId: number, body: { choices: { matterId: number; choice: Choice }[] }) {
  await staffVote(deps, actor, scope, id);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const v = await lockOpen(trx, id, now);
    const e = await trx.selectFrom('owner_paper_ballot').selectAll().where('id', '=', entryId).where('vote_id', '=', v.id).forUpdate().executeTakeFirst();
    if (!e || e.status !== 'pending') throw notFound('待确认的纸质选票');
    if (e.entered_by === actor.accountId) throw new AppError('FORBIDDEN', '纸质选票须由另一名工作人员核对确认，录入人不能自己确认');
    const matters = await trx.selectFrom('owner_vote_matter').select(['id', 'seq']).where('vote_id', '=', v.id).execute();
    const choices = choicesFor(matters, body.choices);
    const first = e.choices;
    if (matters.some((m) => first[String(m.id)] !== choices.get(m.id))) {
      throw new AppError('CONFLICT', '两次录入的选择不一致，请核对纸质选票原件', { entryId });
    }
    const b = await electronicBallot(trx, v.id, e.owned_unit_id);
    if (b) throw new AppError('CONFLICT', '该专有部分已在手机上表决，纸质选票不予录入', { channel: b.channel });
    await castIn(trx, v, [e.owned_unit_id], choices, 'paper', actor.accountId, now);
    await trx.updateTable('owner_paper_ballot').set({ status: 'confirmed', confirmed_by: actor.accountId, confirmed_at: now }).where('id', '=', e.id).execute();
    await writeAudit(trx, actor, { action: 'selfrun.paper_confirm', entity: 'owner_vote', entityId: v.id, orgPath: v.org_path, countyCode: v.county_code, after: { entryId } });
    return { ok: true as const };
  });
}

export async function discardPaper(deps: VotesDeps, actor: Actor, scope: Scope, id: number, entryId: number) {
  const v = await staffVote(deps, actor, scope, id);
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('owner_paper_ballot').set({ status: 'discarded' }).where('id', '=', entryId).where('vote_id', '=', id)
      .where('status', '=', 'pending').executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw notFound('待确认的纸质选票');
    await writeAudit(trx, actor, { action: 'selfrun.paper_discard', entity: 'owner_vote', entityId: id, orgPath: v.org_path, countyCode: v.county_code, after: { entryId } });
    return { ok: true as const };
  });
}

export async function paperQueue(deps: VotesDeps, actor: Actor, scope: Scope, id: number) {
  await staffVote(deps, actor, scope, id);
  const rows = await deps.db.selectFrom('owner_paper_ballot as p').innerJoin('owned_unit as u', 'u.id', 'p.owned_unit_id').innerJoin('account as a', 'a.id', 'p.entered_by')
    .select(['p.id', 'p.owned_unit_id', 'u.label', 'a.display_name', 'p.entered_at', 'p.entered_by']).where('p.vote_id', '=', id).where('p.status', '=', 'pending')
    .orderBy('p.id').limit(200).execute();
  return rows.map((r) => ({ id: r.id, unitId: r.owned_unit_id, unitLabel: r.label, enteredBy: r.display_name, enteredAt: r.entered_at.toISOString(), mine: r.entered_by === actor.accountId }));
}

// ---- proxies ----

export async function addProxy(deps: VotesDeps, actor: Actor, scope: Scope, id: number, body: { unitId: number; proxyIdNumber: string; photoId: number }) {
  const v0 = await staffVote(deps, actor, scope, id);
  if (!['announced', 'open'].includes(v0.status)) throw new AppError('INVALID_TRANSITION', '只有公告中或投票中的表决可以登记委托');
  await assertAttachable(deps.db, actor, scope, [body.photoId], 'body.photoId');
  const proxy = await deps.db.selectFrom('resident').select(['id', 'name']).where('id_number_hash', '=', deps.cipher.hash(body.proxyIdNumber.toUpperCase()))
    .where('county_code', '=', v0.county_code).where('moved_out_at', 'is', null).executeTakeFirst();
  if (!proxy) throw new AppError('VALIDATION_FAILED', '受托人不在本区县居民登记中，请先登记', { fields: [{ field: 'body.proxyIdNumber', problem: 'not a resident' }] });
  return deps.db.transaction().execute(async (trx) => {
    const v = (await voteRow(trx, id, true))!;
    const u = await unitOfVote(trx, v, body.unitId);
    const live = await trx.selectFrom('owner_vote_proxy').select('id').where('vote_id', '=', id).where('owned_unit_id', '=', u.id).where('revoked_at', 'is', null).executeTakeFirst();
    if (live) throw new AppError('ALREADY_EXISTS', '该专有部分已登记委托');
    const { id: proxyId } = await trx.insertInto('owner_vote_proxy').values({
      vote_id: id, owned_unit_id: u.id, proxy_resident_id: proxy.id, proxy_name: proxy.name, photo_id: body.photoId, created_by: actor.accountId, created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await linkAttachments(trx, [body.photoId], { entity: PROXY_FILES, entityId: proxyId, orgPath: v.org_path, countyCode: v.county_code });
    await writeAudit(trx, actor, { action: 'selfrun.proxy_add', entity: 'owner_vote', entityId: id, orgPath: v.org_path, countyCode: v.county_code, after: { proxyId, unitId: u.id } });
    return { id: proxyId, status: 'live' };
  });
}

export async function listProxies(deps: VotesDeps, actor: Actor, scope: Scope, id: number) {
  await visibleVote(deps, actor, scope, id);
  const rows = await deps.db.selectFrom('owner_vote_proxy as p').innerJoin('owned_unit as u', 'u.id', 'p.owned_unit_id')
    .select(['p.id', 'p.owned_unit_id', 'u.label', 'p.proxy_name', 'p.photo_id', 'p.created_at']).where('p.vote_id', '=', id).where('p.revoked_at', 'is', null).orderBy('p.id').limit(500).execute();
  return rows.map((r) => ({ id: r.id, unitId: r.owned_unit_id, unitLabel: r.label, proxyName: r.proxy_name, photoUrl: fileUrl(r.photo_id), createdAt: r.created_at.toISOString() }));
}

/**
 * 撤回委托: the owner withdraws the written authorisation before the close (staff record it, with
 * the reason). A ballot the proxy already cast for the unit is withdrawn with it — it no longer
 * stands for the owner's will — and the chain gets a link saying so; the owner may then vote
 * themselves (phone or paper). A ballot the owner cast in person is left alone.
 */
export async function revokeProxy(deps: VotesDeps, actor: Actor, scope: Scope, id: number, proxyId: number, reason: string) {
  await staffVote(deps, actor, scope, id);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await settleIn(trx, id, now);
    const v = (await voteRow(trx, id, true))!;
    if (!['announced', 'open'].includes(v.status)) throw new AppError('INVALID_TRANSITION', '表决已截止或已取消，委托不能再撤回', { status: v.status });
    const p = await trx.selectFrom('owner_vote_proxy').select(['id', 'owned_unit_id', 'revoked_at']).where('id', '=', proxyId).where('vote_id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw notFound('委托');
    if (p.revoked_at) throw new AppError('INVALID_TRANSITION', '该委托已撤回', { reason: 'ALREADY_REVOKED' });
    await trx.updateTable('owner_vote_proxy').set({ revoked_at: now, revoked_by: actor.accountId, revoke_reason: reason }).where('id', '=', p.id).execute();
    const cast = await trx.deleteFrom('owner_ballot').where('vote_id', '=', id).where('owned_unit_id', '=', p.owned_unit_id).where('channel', '=', 'proxy').executeTakeFirst();
    const withdrawn = Number(cast.numDeletedRows) > 0;
    if (withdrawn) await appendChain(trx, id, { u: unitRef(id, p.owned_unit_id), channel: 'proxy', at: now.toISOString(), withdrawn: true }, now);
    await writeAudit(trx, actor, { action: 'selfrun.proxy_revoke', entity: 'owner_vote', entityId: id, orgPath: v.org_path, countyCode: v.county_code,
      after: { proxyId, unitId: p.owned_unit_id, ballotWithdrawn: withdrawn }, reason });
    return { id: p.id, status: withdrawn ? 'revoked_ballot_withdrawn' : 'revoked' };
  });
}

/** Paper-notice photos: staff of the vote's area, and the compound's committee. */
export function noticeFileReader(deps: VotesDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    const rows = await deps.db.selectFrom('owner_vote').select(['id', 'compound_id', 'org_path']).where('id', 'in', ids).execute();
    if (can(actor.role, 'selfrun.read') && rows.some((r) => scope.contains(r.org_path))) return true;
    for (const r of rows) if (await sitsOnCommittee(deps.db, actor, r.compound_id, deps.clock.now())) return true;
    return false;
  };
}

/** Proxy photos: staff of the vote's area, and the compound's committee. */
export function proxyFileReader(deps: VotesDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    const rows = await deps.db.selectFrom('owner_vote_proxy as p').innerJoin('owner_vote as v', 'v.id', 'p.vote_id').select(['v.org_path']).where('p.id', 'in', ids).execute();
    return can(actor.role, 'selfrun.read') && rows.some((r) => scope.contains(r.org_path));
  };
}

// ---- reading ----

/** What lists need of a vote (not the close's count base, which can be large). */
const LIST_COLUMNS = ['v.id', 'v.compound_id', 'v.title', 'v.status', 'v.opens_at', 'v.closes_at', 'v.announced_at', 'v.published_at', 'v.chain_head', 'v.org_path', 'v.county_code'] as const;

function item(v: Pick<VoteRow, 'id' | 'compound_id' | 'title' | 'status' | 'opens_at' | 'closes_at' | 'announced_at'> & { compound_name: string }) {
  return {
    id: v.id, compoundId: v.compound_id, compoundName: v.compound_name, title: v.title, status: v.status,
    opensAt: v.opens_at.toISOString(), closesAt: v.closes_at.toISOString(), announcedAt: iso(v.announced_at),
  };
}

/** Matters; the result only once counted (closed/published), so no choice leaks before the close. */
async function mattersOf(db: Q, voteId: number, status: OwnerVoteStatus) {
  const rows = await db.selectFrom('owner_vote_matter').selectAll().where('vote_id', '=', voteId).orderBy('seq').execute();
  const counted = status === 'closed' || status === 'published';
  return rows.map((m) => {
    const r = counted ? (m.result as { counts: Record<string, number>; failures: string[] } | null) : null;
    const c = r?.counts;
    return {
      id: m.id, seq: m.seq, title: m.title, kind: m.kind, purpose: m.purpose, passed: counted ? m.passed : null,
      result: c && r ? {
        figures: { totalArea: c.totalArea! / 100, totalOwners: c.totalOwners!, participatingArea: c.participatingArea! / 100, participatingOwners: c.participatingOwners!,
          agreeingArea: c.agreeingArea! / 100, agreeingOwners: c.agreeingOwners! },
        rule: RULE[m.kind], failures: r.failures,
      } : null,
    };
  });
}

export async function listVotes(deps: VotesDeps, actor: Actor, scope: Scope, q: { compoundId?: number; communityId?: number; status?: OwnerVoteStatus; page: number; pageSize: number }) {
  if (!VOTE_POLICY.read(actor.role)) throw new AppError('FORBIDDEN', '您没有查看业主表决的权限');
  const due = await deps.db.selectFrom('owner_vote').select('id').where(inScope(scope, 'org_path'))
    .where((eb) => eb.or([eb.and([eb('status', '=', 'announced'), eb('opens_at', '<=', deps.clock.now())]), eb.and([eb('status', '=', 'open'), eb('closes_at', '<=', deps.clock.now())])]))
    .limit(50).execute();
  for (const d of due) await settle(deps, d.id); // a missed timer never shows a stale state
  let base = deps.db.selectFrom('owner_vote as v').innerJoin('org_unit as g', 'g.id', 'v.compound_id').where(inScope(scope, 'v.org_path'));
  if (q.compoundId) base = base.where('v.compound_id', '=', q.compoundId);
  if (q.communityId) base = base.where('g.parent_id', '=', q.communityId);
  if (q.status) base = base.where('v.status', '=', q.status);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.select(LIST_COLUMNS).select('g.name as compound_name').orderBy('v.opens_at', 'desc').orderBy('v.id', 'desc')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map(item), total };
}

export async function voteDetail(deps: VotesDeps, actor: Actor, scope: Scope, id: number) {
  await settle(deps, id);
  const v = await visibleVote(deps, actor, scope, id);
  const g = await deps.db.selectFrom('org_unit').select('name').where('id', '=', v.compound_id).executeTakeFirstOrThrow();
  const base = await countBase(deps.db, v);
  // Turnout without choices: which units have any ballot, their area and distinct owners.
  const voted = await deps.db.selectFrom('owner_ballot').select('owned_unit_id').distinct().where('vote_id', '=', id).execute();
  const votedUnits = voted.map((r) => base.get(r.owned_unit_id)).filter((x): x is CountUnit => !!x);
  const pending = await deps.db.selectFrom('owner_paper_ballot').select((eb) => eb.fn.countAll<number>().as('n')).where('vote_id', '=', id).where('status', '=', 'pending').executeTakeFirstOrThrow();
  const all = [...base.values()];
  // A date column as its calendar day (the driver would turn it into a time-zone-dependent Date).
  const notice = await deps.db.selectFrom('owner_vote').select(sql<string | null>`to_char(notice_posted_on, 'YYYY-MM-DD')`.as('day')).where('id', '=', id).executeTakeFirstOrThrow();
  return {
    ...item({ ...v, compound_name: g.name }), matters: await mattersOf(deps.db, id, v.status), chainHead: v.chain_head, cancelReason: v.cancel_reason,
    closedAt: iso(v.closed_at), publishedAt: iso(v.published_at), pendingPaper: Number(pending.n),
    noticePostedOn: notice.day, noticePhotoUrl: v.notice_photo_id ? fileUrl(v.notice_photo_id) : null,
    canManage: await mayRun(deps.db, actor, scope, { id: v.compound_id, path: v.org_path }, deps.clock.now()),
    turnout: {
      units: votedUnits.length, totalUnits: all.length,
      area: votedUnits.reduce((s, x) => s + x.areaCents, 0) / 100, totalArea: all.reduce((s, x) => s + x.areaCents, 0) / 100,
      owners: new Set(votedUnits.flatMap((x) => x.owners)).size, totalOwners: new Set(all.flatMap((x) => x.owners)).size,
    },
  };
}

/** The compound's units for paper entry and proxies: label, area, whether (not how) it voted. */
export async function voteUnits(deps: VotesDeps, actor: Actor, scope: Scope, id: number, q: { q?: string; page: number; pageSize: number }) {
  const v = await staffVote(deps, actor, scope, id);
  let base = deps.db.selectFrom('owned_unit as u').where('u.compound_id', '=', v.compound_id).where('u.removed_at', 'is', null).where(inScope(scope, 'u.org_path'));
  if (q.q) base = base.where('u.label', 'like', `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.select(['u.id', 'u.label', 'u.area_m2', 'u.developer_unsold']).orderBy('u.label').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const ids = rows.map((r) => r.id);
  const ballots = ids.length ? await deps.db.selectFrom('owner_ballot').select(['owned_unit_id', 'channel']).distinct().where('vote_id', '=', id).where('owned_unit_id', 'in', ids).execute() : [];
  const pend = ids.length ? await deps.db.selectFrom('owner_paper_ballot').select(['id', 'owned_unit_id']).where('vote_id', '=', id).where('status', '=', 'pending').where('owned_unit_id', 'in', ids).execute() : [];
  const proxies = ids.length ? await deps.db.selectFrom('owner_vote_proxy').select('owned_unit_id').where('vote_id', '=', id).where('revoked_at', 'is', null).where('owned_unit_id', 'in', ids).execute() : [];
  return {
    items: rows.map((r) => ({
      id: r.id, label: r.label, area: Number(r.area_m2), developerUnsold: r.developer_unsold,
      channel: ballots.find((b) => b.owned_unit_id === r.id)?.channel ?? null, pendingEntryId: pend.find((p) => p.owned_unit_id === r.id)?.id ?? null,
      proxy: proxies.some((p) => p.owned_unit_id === r.id),
    })),
    total,
  };
}

// ---- public: the published result and the anonymised ballots ----

async function publishedVote(db: Q, id: number) {
  const v = await db.selectFrom('owner_vote as v').innerJoin('org_unit as g', 'g.id', 'v.compound_id').select([...LIST_COLUMNS, 'v.count_base']).select('g.name as compound_name')
    .where('v.id', '=', id).where('v.status', '=', 'published').executeTakeFirst();
  if (!v) throw notFound('公示的表决结果');
  return v;
}

export async function publicVote(db: Kysely<DB>, id: number) {
  const v = await publishedVote(db, id);
  return { id: v.id, title: v.title, compoundName: v.compound_name, opensAt: v.opens_at.toISOString(), closesAt: v.closes_at.toISOString(),
    publishedAt: iso(v.published_at), chainHead: v.chain_head, matters: await mattersOf(db, id, v.status) };
}

/**
 * The ballots as anyone may recount them (an .xlsx workbook, see ballots-xlsx.ts): units by a per-vote reference with their area, owners by
 * a per-vote hash of their key (as counted at the close), every standing ballot and the whole chain.
 */
export async function exportBallots(db: Kysely<DB>, id: number) {
  const v = await publishedVote(db, id);
  const units = (v.count_base as CountUnit[] | null) ?? [...(await countBase(db, v)).values()];
  const ballots = (await ballotsOf(db, id)).map((b) => ({ seq: b.seq, u: unitRef(id, b.owned_unit_id), choice: b.choice }));
  const matters = await db.selectFrom('owner_vote_matter').select(['seq', 'kind']).where('vote_id', '=', id).orderBy('seq').execute();
  const chain = await db.selectFrom('owner_ballot_chain').select(['seq', 'content', 'prev_hash', 'hash']).where('vote_id', '=', id).orderBy('seq').execute();
  const file = {
    voteId: id, chainHead: v.chain_head, matters, units, ballots,
    chain: chain.map((c) => ({ seq: c.seq, content: c.content, prevHash: c.prev_hash, hash: c.hash })),
  };
  return { body: await writeBallotsXlsx(file, { title: v.title, compoundName: v.compound_name, publishedAt: iso(v.published_at) }), filename: `${v.compound_name}-${v.title}-选票.xlsx` };
}
