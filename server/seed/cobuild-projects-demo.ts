import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../database.js';
import { ARTICLE_PROJECT_COUNTS, COBUILD_CATEGORIES } from '../modules/cobuild/cobuild-categories.js';
import type {
  CobuildCategory, CobuildMilestoneTable, CobuildNeedTable, CobuildProjectOrigin, CobuildProjectStatus, CobuildProjectStepTable, CobuildProjectTable,
} from '../modules/cobuild/cobuild-lists.tables.js';
import { Rng, Weighted } from './prng.js';

/**
 * 结对共建 for the demo city: the article's 1,956 co-building projects in its seven categories
 * (党建联建 408, 政策赋能 158, 教育融合 189, 文体互动 249, 民生实事 260, 特定人群关爱 216, 其他 476),
 * spread over every county's communities and run by work units of their county — most accepted,
 * some in progress, some still on the board — and 龙凤社区 (secretary_binhe1's) with open needs,
 * resources that match them, projects on the board and one waiting for acceptance.
 * Work units come from the 双报到 demo where it made them; a county without any gets a few here.
 */
const DAY = 86_400_000;
/** 龙凤社区's own projects (below), counted in the article's table too. */
const SHOWCASE_PROJECTS: Partial<Record<CobuildCategory, number>> = { livelihood: 1, education: 1, special_groups: 1 };

const TITLES: Record<CobuildCategory, string[]> = {
  party_building: ['支部联建主题党日', '党员进社区志愿服务', '联合开展党课宣讲', '红色教育基地共建', '党群服务中心共建共享'],
  policy: ['惠民政策进社区宣讲', '社保医保政策咨询', '法律援助进社区', '就业创业政策辅导', '税收政策面对面'],
  education: ['暑期儿童托管', '青少年课后辅导', '家庭教育讲座', '科普知识进社区', '老年大学课程进社区'],
  culture_sports: ['社区广场舞培训', '全民健身运动会', '书法绘画兴趣班', '邻里文化节', '社区读书会'],
  livelihood: ['楼道照明改造', '老旧小区屋面防水', '社区停车位划线', '便民维修服务日', '健康义诊进社区'],
  special_groups: ['独居老人助餐', '困境儿童关爱', '残疾人康复帮扶', '高龄老人上门探访', '退役军人关怀慰问'],
  other: ['社区环境整治', '垃圾分类宣传', '消防安全演练', '邻里议事厅建设', '社区志愿服务站共建'],
};

const UNIT_TEMPLATES: [name: string, kind: 'organ' | 'institution' | 'enterprise'][] = [
  ['{c}教育局', 'organ'], ['{c}卫生健康局', 'organ'], ['{c}人力资源和社会保障局', 'organ'], ['{c}司法局', 'organ'],
  ['国网{s}供电公司', 'enterprise'], ['中国农业银行{s}支行', 'enterprise'], ['{c}人民医院', 'institution'], ['{c}第一中学', 'institution'],
];
const CONTACTS = ['王建军', '李红梅', '张卫东', '刘志强', '赵丽萍', '陈国华', '杨晓燕', '郭海涛'];
const PLANS = ['组织单位党员和业务骨干，按月进社区开展服务，活动前与社区对接人数和场地，结束后报送照片和签到表。',
  '单位出资出人，分三个阶段实施：摸底需求、集中服务、回访总结，每阶段由社区确认。'];

interface Place { id: number; path: string; county_code: string; name: string }
interface Unit { id: number; name: string; county_code: string; org_path: string }

export async function seedCobuildProjectsDemo(db: Kysely<DB>, now: Date) {
  const rng = new Rng(20240701);
  const today = day(now);
  const counties = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('kind', '=', 'county').orderBy('code').execute();
  const communities = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('kind', '=', 'community')
    .where('dissolved_at', 'is', null).orderBy('id').execute();
  if (!communities.length) return { projects: 0 };
  const units = await unitsByCounty(db, counties, rng);

  // The article's table, category by category, shuffled and spread over the city's communities.
  const categories = COBUILD_CATEGORIES.flatMap((c) => Array.from({ length: ARTICLE_PROJECT_COUNTS[c] - (SHOWCASE_PROJECTS[c] ?? 0) }, () => c));
  for (let i = categories.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [categories[i], categories[j]] = [categories[j]!, categories[i]!];
  }
  const statuses = new Weighted<CobuildProjectStatus>([['accepted', 62], ['in_progress', 18], ['submitted', 6], ['returned', 3], ['published', 11]]);
  const origins = new Weighted<CobuildProjectOrigin>([['published', 45], ['assigned', 25], ['matched', 30]]);

  const planned = categories.map((category) => {
    const c = communities[rng.int(0, communities.length - 1)]!;
    const status = statuses.pick(rng);
    const origin: CobuildProjectOrigin = status === 'published' ? 'published' : origins.pick(rng);
    // A unit serves the area that registered it (its county, or its street).
    const countyUnits = (units.get(c.county_code) ?? []).filter((u) => c.path.startsWith(u.org_path));
    const unit = status === 'published' || !countyUnits.length ? null : rng.pick(countyUnits);
    const back = status === 'accepted' ? rng.int(60, 700) : status === 'published' ? rng.int(0, 20) : rng.int(10, 90);
    const startsOn = new Date(now.getTime() - back * DAY);
    const endsOn = new Date(startsOn.getTime() + rng.int(30, 120) * DAY);
    return { c, category, status: unit ? status : 'published' as const, origin: unit ? origin : 'published' as const, unit, startsOn, endsOn, size: rng.int(10, 200) };
  });
  for (const part of chunks(planned, 400)) await insertProjects(db, part, now, today, rng);
  await showcase(db, units, now);
  return { projects: planned.length };
}

/** Each county's live units; a county without any gets the templates (its 机关、医院、学校、企业). */
async function unitsByCounty(db: Kysely<DB>, counties: Place[], rng: Rng) {
  const out = new Map<string, Unit[]>();
  for (const county of counties) {
    let rows = await db.selectFrom('work_unit').select(['id', 'name', 'county_code', 'org_path']).where('county_code', '=', county.county_code)
      .where('dissolved_at', 'is', null).orderBy('id').execute();
    if (!rows.length) {
      const short = county.name.replace(/(区|市|县)$/, '');
      rows = await db.insertInto('work_unit').values(UNIT_TEMPLATES.map(([tpl, kind]) => {
        const name = tpl.replace('{c}', county.name).replace('{s}', short);
        return {
          org_id: county.id, org_path: county.path, county_code: county.county_code, name, kind,
          party_org_name: kind === 'organ' ? `${name}机关党委` : `${name}党委`, contact_name: rng.pick(CONTACTS),
        };
      })).returning(['id', 'name', 'county_code', 'org_path']).execute();
    }
    out.set(county.county_code, rows);
  }
  return out;
}

type Planned = {
  c: Place; category: CobuildCategory; status: CobuildProjectStatus; origin: CobuildProjectOrigin; unit: Unit | null;
  startsOn: Date; endsOn: Date; size: number;
};

async function insertProjects(db: Kysely<DB>, part: Planned[], now: Date, today: string, rng: Rng) {
  await db.transaction().execute(async (trx) => {
    // Matched projects start from a need of the community; it is met once the project is accepted.
    const needRows: Insertable<CobuildNeedTable>[] = part.filter((p) => p.origin === 'matched').map((p) => ({
      community_id: p.c.id, place_id: p.c.id, org_path: p.c.path, county_code: p.c.county_code, category: p.category,
      title: rng.pick(TITLES[p.category]), size: p.size, starts_on: day(p.startsOn), ends_on: day(p.endsOn),
      status: p.status === 'accepted' ? 'met' : 'matched', created_at: p.startsOn,
    }));
    const needs = needRows.length ? await trx.insertInto('cobuild_need').values(needRows).returning(['id', 'title']).execute() : [];
    let n = 0;
    const rows: Insertable<CobuildProjectTable>[] = part.map((p) => {
      const need = p.origin === 'matched' ? needs[n++]! : null;
      const taken = p.unit ? new Date(p.startsOn.getTime() + 3 * DAY) : null;
      const endAt = new Date(Math.min(p.endsOn.getTime(), now.getTime() - DAY));
      return {
        community_id: p.c.id, org_path: p.c.path, county_code: p.c.county_code, category: p.category,
        title: need?.title ?? rng.pick(TITLES[p.category]), detail: '', size: p.size, starts_on: day(p.startsOn), ends_on: day(p.endsOn),
        origin: p.origin, status: p.status, work_unit_id: p.unit?.id ?? null, need_id: need?.id ?? null,
        plan: p.unit ? rng.pick(PLANS) : '', return_reason: p.status === 'returned' ? '缺少活动签到表和照片，请补充后重新提交' : null,
        taken_at: taken, submitted_at: p.status === 'submitted' || p.status === 'accepted' ? endAt : null,
        accepted_at: p.status === 'accepted' ? endAt : null, created_at: p.startsOn, updated_at: endAt < p.startsOn ? p.startsOn : endAt,
      };
    });
    const projects = await trx.insertInto('cobuild_project').values(rows).returning(['id', 'org_path', 'county_code']).execute();
    const steps: Insertable<CobuildProjectStepTable>[] = [];
    const milestones: Insertable<CobuildMilestoneTable>[] = [];
    projects.forEach((pr, i) => {
      const p = part[i]!;
      const base = { project_id: pr.id, org_path: pr.org_path, county_code: pr.county_code };
      const first = p.origin === 'matched' ? 'match' : p.origin === 'assigned' ? 'assign' : 'publish';
      steps.push({ ...base, action: first, from_status: null, to_status: p.origin === 'published' ? 'published' : 'in_progress', work_unit_id: p.unit?.id ?? null, at: p.startsOn });
      if (!p.unit) return;
      if (p.origin === 'published') steps.push({ ...base, action: 'take_up', from_status: 'published', to_status: 'in_progress', work_unit_id: p.unit.id, at: rows[i]!.taken_at! });
      const doneCount = p.status === 'in_progress' ? 1 : 2;
      for (let k = 0; k < 2; k++) {
        const due = new Date(p.startsOn.getTime() + (k + 1) * 15 * DAY);
        const done = k < doneCount && day(due) <= today;
        milestones.push({ ...base, title: k === 0 ? '对接需求、制定方案' : '集中开展服务', due_on: day(due), done_on: done ? day(due) : null, note: done ? '已按计划完成' : '' });
      }
      if (p.status === 'submitted' || p.status === 'accepted' || p.status === 'returned') {
        steps.push({ ...base, action: 'submit', from_status: 'in_progress', to_status: 'submitted', work_unit_id: p.unit.id, at: rows[i]!.submitted_at ?? p.endsOn });
      }
      if (p.status === 'accepted') steps.push({ ...base, action: 'accept', from_status: 'submitted', to_status: 'accepted', work_unit_id: p.unit.id, at: rows[i]!.accepted_at! });
      if (p.status === 'returned') steps.push({ ...base, action: 'send_back', from_status: 'submitted', to_status: 'returned', work_unit_id: p.unit.id, reason: rows[i]!.return_reason, at: new Date(now.getTime() - 2 * DAY) });
    });
    await trx.insertInto('cobuild_project_step').values(steps).execute();
    if (milestones.length) await trx.insertInto('cobuild_milestone').values(milestones).execute();
  });
}

/**
 * 龙凤社区 (secretary_binhe1's community): three open needs with resources that match them (one for
 * the community, one for all of 滨河街道), two projects on the board, one waiting for acceptance.
 */
async function showcase(db: Kysely<DB>, units: Map<string, Unit[]>, now: Date) {
  const home = await db.selectFrom('account as a').innerJoin('org_unit as c', 'c.id', 'a.scope_org_id')
    .select(['c.id', 'c.path', 'c.county_code', 'c.name', 'c.parent_id']).where('a.username', '=', 'secretary_binhe1').executeTakeFirst();
  if (!home) return;
  const street = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', home.parent_id!).executeTakeFirstOrThrow();
  const lishi = units.get(home.county_code) ?? [];
  if (lishi.length < 2) return;
  const [u1, u2] = [lishi[0]!, lishi[1]!];
  // unit_demo acts for 离石区's first unit, unless the 双报到 demo linked it already.
  await db.updateTable('account').set({ work_unit_id: u1.id, display_name: `${u1.name}管理员` })
    .where('username', '=', 'unit_demo').where('work_unit_id', 'is', null).execute();
  const d = (offset: number) => day(new Date(now.getTime() + offset * DAY));
  const place = { community_id: home.id, place_id: home.id, org_path: home.path, county_code: home.county_code, created_at: now };
  await db.insertInto('cobuild_need').values([
    { ...place, category: 'education', title: '暑期儿童托管', detail: '双职工家庭孩子暑期无人照看，需要托管和作业辅导', size: 40, starts_on: d(10), ends_on: d(60) },
    { ...place, category: 'special_groups', title: '独居老人助餐', detail: '社区75岁以上独居老人午餐配送', size: 15, starts_on: d(0), ends_on: d(90) },
    { ...place, category: 'culture_sports', title: '社区广场舞培训', size: 30, starts_on: d(5), ends_on: d(35) },
  ]).execute();
  const resource = async (unit: Unit, placeRow: { id: number; path: string; county_code: string }, v: { category: CobuildCategory; title: string; capacity: number; from: number; to: number }) => {
    const { id } = await db.insertInto('cobuild_resource').values({
      work_unit_id: unit.id, org_path: placeRow.path, county_code: placeRow.county_code, category: v.category, title: v.title, capacity: v.capacity,
      available_from: d(v.from), available_to: d(v.to), created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('cobuild_resource_place').values({ resource_id: id, place_id: placeRow.id, org_path: placeRow.path, county_code: placeRow.county_code }).execute();
  };
  await resource(u1, street, { category: 'education', title: '师范生暑期支教', capacity: 60, from: 0, to: 70 });
  await resource(u2, home, { category: 'special_groups', title: '单位食堂爱心午餐', capacity: 20, from: -10, to: 120 });
  await resource(u2, street, { category: 'culture_sports', title: '文体骨干教练进社区', capacity: 50, from: 0, to: 30 });
  const project = (v: { title: string; category: CobuildCategory; status: CobuildProjectStatus; unit: Unit | null; plan?: string }) => ({
    community_id: home.id, org_path: home.path, county_code: home.county_code, category: v.category, title: v.title, size: 80,
    starts_on: d(-20), ends_on: d(60), origin: 'published' as const, status: v.status, work_unit_id: v.unit?.id ?? null, plan: v.plan ?? '',
    taken_at: v.unit ? new Date(now.getTime() - 15 * DAY) : null, submitted_at: v.status === 'submitted' ? new Date(now.getTime() - DAY) : null,
    created_at: new Date(now.getTime() - 20 * DAY), updated_at: now,
  });
  const rows = await db.insertInto('cobuild_project').values([
    project({ title: '龙凤社区楼道照明改造', category: 'livelihood', status: 'published', unit: null }),
    project({ title: '社区儿童阅读角共建', category: 'education', status: 'published', unit: null }),
    project({ title: '老年人智能手机培训', category: 'special_groups', status: 'submitted', unit: u1, plan: PLANS[0] }),
  ]).returning(['id', 'status', 'work_unit_id']).execute();
  for (const r of rows) {
    const base = { project_id: r.id, org_path: home.path, county_code: home.county_code };
    await db.insertInto('cobuild_project_step').values([
      { ...base, action: 'publish', from_status: null, to_status: 'published', at: new Date(now.getTime() - 20 * DAY) },
      ...(r.work_unit_id ? [
        { ...base, action: 'take_up', from_status: 'published' as const, to_status: 'in_progress' as const, work_unit_id: r.work_unit_id, at: new Date(now.getTime() - 15 * DAY) },
        { ...base, action: 'submit', from_status: 'in_progress' as const, to_status: 'submitted' as const, work_unit_id: r.work_unit_id, at: new Date(now.getTime() - DAY) },
      ] : []),
    ]).execute();
    if (r.work_unit_id) {
      await db.insertInto('cobuild_milestone').values([
        { ...base, title: '第一期培训（微信、健康码）', due_on: d(-10), done_on: d(-10), note: '32位老人参加' },
        { ...base, title: '第二期培训（防诈骗）', due_on: d(-3), done_on: d(-3), note: '28位老人参加' },
      ]).execute();
    }
  }
  await sql`ANALYZE cobuild_project, cobuild_need, cobuild_resource, cobuild_resource_place`.execute(db);
}

const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function* chunks<T>(items: T[], size: number) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
