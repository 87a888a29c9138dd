import { phoneColumns } from '../../platform/pii/phone.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB, StaffTable } from '../../database.js';
import { demandRates } from '../demands/index.js';
import { pointsStats } from '../points/index.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { childPlaces, orgPlace, placeAbove } from '../../platform/org-units.js';
import { maskPhone } from '../../platform/pii/id-number.js';
import type { Scope } from '../../platform/scope.js';
import * as repo from './workforce.repository.js';
import { GRADES, POST_TYPES, type CreateStaffBody, type PayTableView, type RatingView, type StaffView, type UpdateStaffBody } from './workforce.schemas.js';
import { ASSESSMENT_MAX, DEFAULT_STAR_RULES, countedScore, starRulesProblem, starsFor, type StarRule } from './secretary-score.js';
import type { PostType } from './workforce.tables.js';
import { postProblem } from './staff-rules.js';

export interface WorkforceDeps {
  db: Kysely<DB>;
  cipher: PiiCipher;
  clock: Clock;
}

type Q = Kysely<DB> | Transaction<DB>;
const yearOf = (clock: Clock) => Number(chinaDay(clock.now()).slice(0, 4));
const toStaffView = (s: repo.StaffRow): StaffView => ({
  id: s.id, name: s.name, post: s.post, postType: s.post_type, grade: s.grade, orgId: s.org_id, orgName: s.org_name,
  residentId: s.resident_id, phone: s.phone_mask, leftOn: s.left_on, monthlyPay: s.monthly_yuan ?? null,
});

/** The area to look at: a unit the caller names (in scope), or the caller's whole scope. */
async function areaOf(db: Q, scope: Scope, orgId?: number) {
  if (!orgId) {
    const u = await orgPlace(db, scope.orgId);
    return u ?? { id: scope.orgId, name: '', kind: 'city' as const, path: scope.path, county_code: scope.countyCode, parent_id: null, dissolved_at: null };
  }
  const u = await orgPlace(db, orgId);
  scope.assert(u?.path, '组织');
  return u!;
}

// ---- staff ---------------------------------------------------------------------------------

export async function listStaff(
  d: WorkforceDeps, scope: Scope,
  q: { orgId?: number; post?: StaffTable['post']; q?: string; includeLeft: boolean; page: number; pageSize: number },
) {
  const area = await areaOf(d.db, scope, q.orgId);
  const { items, total } = await repo.listStaff(d.db, area.path, yearOf(d.clock), q);
  return { items: items.map(toStaffView), total };
}

async function staffInScope(db: Q, scope: Scope, id: number, year: number) {
  const s = await repo.getStaff(db, id, year);
  if (!s || !scope.contains(s.org_path)) throw notFound('工作人员');
  return s;
}

/** The post's place and scale: grid workers sit on a grid, the others on a community; assistants have no grade. */
async function checkPost(db: Q, scope: Scope, v: { post: StaffTable['post']; postType: PostType | null; grade: number | null; orgId: number; residentId: number | null }) {
  const unit = await orgPlace(db, v.orgId);
  scope.assert(unit?.path, '组织');
  if (unit!.dissolved_at) throw new AppError('CONFLICT', `${unit!.name}已撤销，不能再安排人员`);
  const problem = postProblem({ ...v, placeKind: unit!.kind });
  if (problem) {
    throw new AppError('VALIDATION_FAILED', problem.message, { fields: [{ field: `body.${problem.field}`, problem: problem.problem }] });
  }
  if (v.residentId !== null) {
    const r = await repo.findResident(db, v.residentId);
    if (!r || r.moved_out_at || !scope.contains(r.org_path)) throw notFound('关联的居民');
  }
  return unit!;
}


/** What the audit log keeps of a staff record: masks only. */
const auditView = (s: { name: string; post: string; postType: string | null; grade: number | null; orgId: number; residentId: number | null; phone: string | null }) => s;

export async function createStaff(d: WorkforceDeps, actor: Actor, scope: Scope, input: CreateStaffBody) {
  const v = {
    post: input.post, postType: input.postType ?? null, grade: input.grade ?? null, orgId: input.orgId, residentId: input.residentId ?? null,
  };
  const phone = input.phone || null;
  return d.db.transaction().execute(async (trx) => {
    const unit = await checkPost(trx, scope, v);
    const { id } = await repo.insertStaff(trx, {
      name: input.name, post: v.post, post_type: v.postType, grade: v.grade, org_id: unit.id, org_path: unit.path,
      county_code: unit.county_code, resident_id: v.residentId, ...phoneColumns(d.cipher, phone),
    });
    await writeAudit(trx, actor, {
      action: 'staff.create', entity: 'staff', entityId: id, orgPath: unit.path, countyCode: unit.county_code,
      after: auditView({ name: input.name, ...v, phone: phone ? maskPhone(phone) : null }),
    });
    return toStaffView((await repo.getStaff(trx, id, yearOf(d.clock)))!);
  });
}

export async function updateStaff(d: WorkforceDeps, actor: Actor, scope: Scope, id: number, input: UpdateStaffBody) {
  const year = yearOf(d.clock);
  return d.db.transaction().execute(async (trx) => {
    const s = await staffInScope(trx, scope, id, year);
    if (s.left_on) throw new AppError('INVALID_TRANSITION', `${s.name}已于${s.left_on}离岗，不能再修改`);
    const before = { name: s.name, post: s.post, postType: s.post_type, grade: s.grade, orgId: s.org_id, residentId: s.resident_id, phone: s.phone_mask };
    const next = {
      post: input.post ?? s.post,
      postType: input.postType !== undefined ? input.postType : s.post_type,
      grade: input.grade !== undefined ? input.grade : s.grade,
      orgId: input.orgId ?? s.org_id,
      residentId: input.residentId !== undefined ? input.residentId : s.resident_id,
    };
    // An assistant changed to another post, or back: the scale follows the post unless given.
    if (input.post === 'graduate_assistant' && input.postType === undefined && input.grade === undefined) Object.assign(next, { postType: null, grade: null });
    const unit = await checkPost(trx, scope, next);
    const phone = input.phone === undefined ? undefined : input.phone || null;
    await repo.updateStaff(trx, id, {
      name: input.name ?? s.name, post: next.post, post_type: next.postType, grade: next.grade, org_id: unit.id, org_path: unit.path,
      county_code: unit.county_code, resident_id: next.residentId, updated_at: d.clock.now(),
      ...(phone === undefined ? {} : phoneColumns(d.cipher, phone)),
    });
    await writeAudit(trx, actor, {
      action: 'staff.update', entity: 'staff', entityId: id, orgPath: unit.path, countyCode: unit.county_code,
      before, after: auditView({ name: input.name ?? s.name, ...next, phone: phone === undefined ? s.phone_mask : phone ? maskPhone(phone) : null }),
    });
    return toStaffView((await repo.getStaff(trx, id, year))!);
  });
}

/** 离岗: the record stays (ratings and history point at it) with the day the person left. */
export async function leaveStaff(d: WorkforceDeps, actor: Actor, scope: Scope, id: number, leftOn: string) {
  const year = yearOf(d.clock);
  if (leftOn > chinaDay(d.clock.now())) {
    throw new AppError('VALIDATION_FAILED', '离岗日期不能晚于今天', { fields: [{ field: 'body.leftOn', problem: 'future' }] });
  }
  return d.db.transaction().execute(async (trx) => {
    const s = await staffInScope(trx, scope, id, year);
    if (!(await repo.markLeft(trx, id, leftOn, d.clock.now()))) throw new AppError('INVALID_TRANSITION', `${s.name}已离岗`);
    await writeAudit(trx, actor, {
      action: 'staff.leave', entity: 'staff', entityId: id, orgPath: s.org_path, countyCode: s.county_code, before: { leftOn: null }, after: { leftOn },
    });
    return toStaffView((await repo.getStaff(trx, id, year))!);
  });
}

// ---- pay table -----------------------------------------------------------------------------

/**
 * The county a caller works with: the one named (in the caller's scope, or the one the caller
 * works inside), or the county above the caller's own place.
 */
async function countyFor(db: Q, scope: Scope, countyId: number | undefined, forWrite: boolean) {
  const c = countyId ? await orgPlace(db, countyId) : await placeAbove(db, scope.path, 'county');
  if (!c || c.kind !== 'county') {
    if (!countyId) throw new AppError('VALIDATION_FAILED', '请选择县(市、区)', { fields: [{ field: 'countyId', problem: 'required' }] });
    throw notFound('县(市、区)');
  }
  const readable = scope.contains(c.path) || scope.path.startsWith(c.path);
  if (!(forWrite ? scope.contains(c.path) : readable)) throw notFound('县(市、区)');
  return c;
}

export async function getPayTable(d: WorkforceDeps, scope: Scope, q: { countyId?: number; year: number }): Promise<PayTableView> {
  const c = await countyFor(d.db, scope, q.countyId, false);
  const years = await repo.savedYears(d.db, c.id);
  const source = years.includes(q.year) ? q.year : (years.find((y) => y < q.year) ?? null);
  const [rates, stars] = source === null ? [[], []] : await Promise.all([repo.payRates(d.db, c.id, source), repo.starRules(d.db, c.id, source)]);
  const byCell = new Map(rates.map((r) => [`${r.post_type}:${r.grade}`, r.monthly_yuan]));
  const updated = rates.reduce<Date | null>((m, r) => (!m || new Date(r.updated_at) > m ? new Date(r.updated_at) : m), null);
  return {
    countyId: c.id,
    countyName: c.name,
    year: q.year,
    saved: source === q.year,
    copiedFrom: source !== null && source !== q.year ? source : null,
    years,
    rates: POST_TYPES.flatMap((postType) => Array.from({ length: GRADES }, (_, i) => ({ postType, grade: i + 1, monthlyYuan: byCell.get(`${postType}:${i + 1}`) ?? 0 }))),
    stars: stars.length
      ? stars.map((s) => ({ stars: s.stars, minScore: Number(s.min_score), subsidyYuan: s.subsidy_yuan }))
      : DEFAULT_STAR_RULES.map((s) => ({ ...s })),
    updatedAt: source === q.year && updated ? updated.toISOString() : null,
  };
}

export async function savePayTable(
  d: WorkforceDeps, actor: Actor, scope: Scope,
  input: { countyId: number; year: number; rates: { postType: PostType; grade: number; monthlyYuan: number }[]; stars: StarRule[] },
) {
  const cells = new Set(input.rates.map((r) => `${r.postType}:${r.grade}`));
  if (cells.size !== POST_TYPES.length * GRADES) {
    throw new AppError('VALIDATION_FAILED', '工资标准应覆盖三个岗位各18个等级，每格一项', { fields: [{ field: 'body.rates', problem: 'cells' }] });
  }
  const problem = starRulesProblem(input.stars);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field: 'body.stars', problem: 'order' }] });
  if (input.year > yearOf(d.clock) + 1) {
    throw new AppError('VALIDATION_FAILED', '只能设置今年或明年的标准', { fields: [{ field: 'body.year', problem: 'future' }] });
  }
  await d.db.transaction().execute(async (trx) => {
    const c = await countyFor(trx, scope, input.countyId, true);
    const [oldRates, oldStars] = await Promise.all([repo.payRates(trx, c.id, input.year), repo.starRules(trx, c.id, input.year)]);
    await repo.replacePayTable(trx, c, input.year, actor.accountId, input.rates, input.stars);
    await writeAudit(trx, actor, {
      action: 'workforce.pay_table.save', entity: 'workforce_pay_rate', entityId: `${c.id}:${input.year}`, orgPath: c.path, countyCode: c.county_code,
      before: oldRates.length
        ? { rates: oldRates.map((r) => [r.post_type, r.grade, r.monthly_yuan]), stars: oldStars.map((s) => [s.stars, Number(s.min_score), s.subsidy_yuan]) }
        : null,
      after: { year: input.year, rates: input.rates.map((r) => [r.postType, r.grade, r.monthlyYuan]), stars: input.stars.map((s) => [s.stars, s.minScore, s.subsidyYuan]) },
    });
  });
  return getPayTable(d, scope, { countyId: input.countyId, year: input.year });
}

// ---- workers per 10,000 residents, star distribution ---------------------------------------

export async function overview(d: WorkforceDeps, scope: Scope, q: { orgId?: number; year?: number }) {
  const area = await areaOf(d.db, scope, q.orgId);
  const year = q.year ?? yearOf(d.clock);
  const [children, counts, stars] = await Promise.all([
    childPlaces(d.db, area.id), repo.headcounts(d.db, area.path), repo.starCounts(d.db, area.path, year),
  ]);
  const figure = (id: number | 'all', name: string, kind: string) => {
    const pick = <T extends { child_id: number | null }>(rows: T[]) => (id === 'all' ? rows : rows.filter((r) => r.child_id === id));
    const residents = pick(counts.residents).reduce((s, r) => s + r.n, 0);
    const staff = pick(counts.staff);
    const of = (...posts: StaffTable['post'][]) => staff.filter((r) => posts.includes(r.post)).reduce((s, r) => s + r.n, 0);
    const communityWorkers = of('community_worker', 'community_secretary');
    return {
      id: id === 'all' ? area.id : id, name, kind, residents, communityWorkers, gridWorkers: of('grid_worker'), graduateAssistants: of('graduate_assistant'),
      per10k: residents ? Math.round((communityWorkers / residents) * 100_000) / 10 : null,
    };
  };
  return {
    unit: figure('all', area.name, area.kind),
    children: children.map((c) => figure(c.id, c.name, c.kind)),
    year,
    stars: [0, 1, 2, 3, 4, 5].map((n) => ({ stars: n, count: stars.find((s) => s.stars === n)?.n ?? 0 })),
    rated: stars.reduce((s, r) => s + r.n, 0),
    subsidyYuan: stars.reduce((s, r) => s + r.subsidy, 0),
  };
}

// ---- secretary stars -----------------------------------------------------------------------

const toRatingView = (r: repo.RatingRow): RatingView => ({
  id: r.id, staffId: r.staff_id, name: r.name, communityId: r.community_id, communityName: r.community_name, year: r.year,
  figures: (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as RatingView['figures'],
  countedScore: Number(r.counted_score), assessmentScore: r.assessment_score === null ? null : Number(r.assessment_score),
  totalScore: Number(r.total_score), stars: r.stars, subsidyYuan: r.subsidy_yuan, computedAt: new Date(r.computed_at).toISOString(),
  previousStars: r.previous_stars ?? null,
});

async function starRulesFor(db: Q, county: { id: number; name: string }, year: number): Promise<StarRule[]> {
  const rules = await repo.starRules(db, county.id, year);
  if (rules.length !== 5) throw new AppError('CONFLICT', `${county.name}尚未保存${year}年的工资和星级标准，请先在“三岗十八级标准”中保存`);
  return rules.map((s) => ({ stars: s.stars, minScore: Number(s.min_score), subsidyYuan: s.subsidy_yuan }));
}

const cstYearStart = (year: number) => new Date(Date.parse(`${year}-01-01T00:00:00+08:00`));

/**
 * 以绩定星 for every community secretary in the area: the counted figures of the year come from
 * the demands module's rates and the points module's monthly figures (their own functions); an
 * assessment the county entered before is kept. Running it again (动态调整) replaces that year's
 * figures; other years stay as history.
 */
export async function computeRatings(d: WorkforceDeps, actor: Actor, scope: Scope, input: { orgId: number; year: number }) {
  const now = d.clock.now();
  const thisYear = yearOf(d.clock);
  if (input.year > thisYear) throw new AppError('VALIDATION_FAILED', '不能评定尚未开始的年度', { fields: [{ field: 'body.year', problem: 'future' }] });
  const area = await areaOf(d.db, scope, input.orgId);
  const county = area.kind === 'county' ? area : await placeAbove(d.db, area.path, 'county');
  if (!county || !['county', 'street', 'community'].includes(area.kind)) {
    throw new AppError('VALIDATION_FAILED', '请选择一个县(市、区)、街道或社区', { fields: [{ field: 'body.orgId', problem: 'kind' }] });
  }
  const rules = await starRulesFor(d.db, county, input.year);
  const from = cstYearStart(input.year);
  // demandRates counts whole CST days up to an exclusive midnight: the year's end, or tonight's.
  const tonight = new Date(Date.parse(`${chinaDay(now)}T00:00:00+08:00`) + 86400_000);
  const to = new Date(Math.min(cstYearStart(input.year + 1).getTime(), tonight.getTime()));
  const lastMonth = input.year === thisYear ? chinaDay(now).slice(0, 7) : `${input.year}-12`;
  const communities = (await repo.communitiesWithSecretary(d.db, area.path)).filter((c) => c.staff_id !== null);
  let rated = 0;
  for (const c of communities) {
    const [rates, points, households] = await Promise.all([
      demandRates(d.db, scope, c.id, from, to, now),
      pointsStats({ db: d.db, clock: d.clock }, scope, { orgId: c.id, from: `${input.year}-01`, to: lastMonth }),
      repo.householdCount(d.db, c.path),
    ]);
    const active = points.months.map((m) => m.holders);
    const participationRate = households && active.length
      ? Math.round((active.reduce((s, n) => s + n, 0) / active.length / households) * 1000) / 1000
      : null;
    const f = { resolutionRate: rates.total.resolutionRate, satisfactionRate: rates.total.satisfactionRate, participationRate };
    const score = countedScore(f);
    await d.db.transaction().execute(async (trx) => {
      const old = await repo.findRating(trx, c.staff_id!, input.year);
      const assessment = old?.assessment_score == null ? null : Number(old.assessment_score);
      const total = Math.round((score.counted + (assessment ?? 0)) * 10) / 10;
      const star = starsFor(total, rules);
      const figures = {
        received: rates.total.received, ...f, households,
        resolutionScore: score.resolutionScore, satisfactionScore: score.satisfactionScore, participationScore: score.participationScore,
      };
      const { id } = await repo.upsertRating(trx, {
        staff_id: c.staff_id!, community_id: c.id, org_path: c.path, county_code: c.county_code, year: input.year,
        figures: JSON.stringify(figures), counted_score: score.counted, total_score: total, stars: star.stars, subsidy_yuan: star.subsidyYuan,
        computed_at: now, computed_by: actor.accountId,
      });
      await writeAudit(trx, actor, {
        action: 'workforce.rating.compute', entity: 'secretary_rating', entityId: id, orgPath: c.path, countyCode: c.county_code,
        after: { year: input.year, staffId: c.staff_id, figures, countedScore: score.counted, totalScore: total, stars: star.stars },
      });
    });
    rated++;
  }
  return { rated, withoutSecretary: (await repo.communitiesWithSecretary(d.db, area.path)).length - communities.length };
}

/** The county's assessment (0–30) of one rating; the total, stars and subsidy follow. */
export async function setAssessment(d: WorkforceDeps, actor: Actor, scope: Scope, id: number, score: number) {
  return d.db.transaction().execute(async (trx) => {
    const r = await repo.getRating(trx, id);
    if (!r || !scope.contains(r.org_path)) throw notFound('星级评定');
    const county = await placeAbove(trx, r.org_path, 'county');
    const rules = await starRulesFor(trx, county!, r.year);
    const assessment = Math.round(Math.min(ASSESSMENT_MAX, score) * 10) / 10;
    const total = Math.round((Number(r.counted_score) + assessment) * 10) / 10;
    const star = starsFor(total, rules);
    await repo.updateRating(trx, id, { assessment_score: assessment, total_score: total, stars: star.stars, subsidy_yuan: star.subsidyYuan });
    await writeAudit(trx, actor, {
      action: 'workforce.rating.assess', entity: 'secretary_rating', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
      before: { assessmentScore: r.assessment_score === null ? null : Number(r.assessment_score), stars: r.stars },
      after: { assessmentScore: assessment, totalScore: total, stars: star.stars, subsidyYuan: star.subsidyYuan },
    });
    return toRatingView((await repo.getRating(trx, id))!);
  });
}

export async function listRatings(d: WorkforceDeps, scope: Scope, q: { orgId?: number; year: number; page: number; pageSize: number }) {
  const area = await areaOf(d.db, scope, q.orgId);
  const { items, total } = await repo.listRatings(d.db, area.path, q.year, q.page, q.pageSize);
  return { items: items.map(toRatingView), total };
}

/** One secretary's ratings year by year (动态调整), as far as the caller's scope reaches. */
export async function ratingHistory(d: WorkforceDeps, scope: Scope, staffId: number) {
  const s = await staffInScope(d.db, scope, staffId, yearOf(d.clock));
  const items = await repo.ratingsOf(d.db, staffId, scope.path);
  return { staffId: s.id, name: s.name, items: items.map(toRatingView) };
}
