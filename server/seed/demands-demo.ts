import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, DemandChannel, DemandEventTable, DemandTable } from '../database.js';
import { Rng } from './prng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back the demo's demands go, and how many a community gets a month (about). */
const MONTHS = 4;
const PER_COMMUNITY_MONTH: [number, number] = [2, 5];

/**
 * What residents of 离石区 report, per category: a few plausible cases each, so every list, detail,
 * rate and chart of the demo shows real-looking work. (Never '小区北门路灯损坏…', which the
 * 民情分析会 demo reserves for its overdue case.)
 */
const CASES: Record<string, string[]> = {
  utilities: ['单元供暖温度不达标，室内只有十四度', '楼上水管漏水渗到我家天花板', '小区停水两天没有通知', '单元楼道电表箱冒火花'],
  safety: ['消防通道被私家车长期占用', '楼道里堆放电动车电瓶充电', '地下室堆满杂物存在火灾隐患', '小区围墙开裂有倒塌危险'],
  environment: ['垃圾桶满了三天没人清运', '楼后排水沟堵塞发臭', '小区门口占道经营的摊点污水乱倒', '楼道小广告贴满墙面'],
  greenery: ['小区绿化带树枝遮挡二楼窗户', '楼前草坪被踩成泥地', '行道树枯死需要补种', '花坛围栏倒了没人修'],
  facilities: ['单元门禁坏了一直关不上', '楼道声控灯不亮', '小区健身器材螺丝松动', '单元信报箱门脱落'],
  road_traffic: ['小区出口的减速带被压坏', '路口红绿灯时间太短老人过不去', '小区主路路面塌陷一个坑', '人行道地砖松动下雨溅水'],
  other_facilities: ['小区宣传栏玻璃碎了', '公共自行车棚顶棚被风掀开', '社区休闲亭的座椅坏了'],
  property: ['物业电梯维保不到位经常停运', '物业不处理楼顶漏水', '物业费公示不清楚', '车库门禁卡办理收费不合理'],
  street_order: ['夜市噪音到十二点影响休息', '沿街商铺占道堆放货物', '小区门口黑出租车聚集'],
  construction: ['隔壁工地夜间施工噪音大', '施工车辆撒落渣土没有清扫', '装修垃圾堆在单元门口'],
  neighbors: ['楼上住户夜间噪音纠纷', '邻居在公共楼道堆放杂物', '邻居养狗不拴绳吓到孩子'],
};
const CATEGORY_WEIGHTS: [string, number][] = [
  ['environment', 16], ['facilities', 14], ['utilities', 10], ['property', 10], ['safety', 8], ['greenery', 7], ['road_traffic', 7],
  ['street_order', 6], ['neighbors', 6], ['construction', 5], ['other_facilities', 4],
];
const WORKING_DAY_LIMIT: Record<string, number> = { safety: 2 };
const HOURS_LIMIT: Record<string, number> = { utilities: 24 };
const RESOLUTIONS = ['已联系维修人员处理完毕，居民确认', '已协调物业整改到位', '现场清理完毕，拍照留存', '已更换损坏部件', '已约谈相关方，问题解决', '已安排专人定期巡查'];
const ESCALATIONS = ['涉及市政管网，需住建部门处理', '需城管部门联合执法', '涉及多个部门职责，提请街道吹哨'];
const UNSATISFIED = ['维修后又坏了', '只处理了一半'];

interface Grid { id: number; path: string; county_code: string; name: string; community_id: number; street_id: number }
interface Household { id: number; unit_id: number; org_path: string; address: string | null; grid_id: number; name: string | null; phone_enc: string | null; phone_hash: string | null; phone_mask: string | null }

/**
 * A few months of residents' demands in 离石区, through the normal tables with the lifecycle the
 * service would have written: each demand with its timeline (报告 → 受理 → 办结 → 回访评价, some
 * solved on the spot, some whistled to a department that 报到 and resolves, one in a while rated
 * unsatisfied and reopened), its dispatches, and for those still open their deadline timers. The
 * daily rollup follows from the trigger on demand. Deterministic (one seeded Rng) apart from
 * `now`, which the dates count back from; the open ones are recent and not yet due, so the
 * 民情分析会 demo keeps its own overdue cases.
 */
export async function seedDemandsDemo(db: Kysely<DB>, now = new Date()) {
  const lishi = await db.selectFrom('org_unit').select(['id', 'path', 'depth']).where('kind', '=', 'county').where('county_code', '=', '141102')
    .executeTakeFirst();
  if (!lishi) return { demands: 0 };
  const rng = new Rng(20_261_130);
  // Paths are ids from the root: street and community are the path segments below the county.
  const seg = (n: number) => sql<number>`split_part(path, '.', ${lishi.depth + n})::int`;
  const grids = (await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name'])
    .select([seg(2).as('street_id'), seg(3).as('community_id')])
    .where('kind', '=', 'grid').where('path', 'like', `${lishi.path}%`).where('dissolved_at', 'is', null).orderBy('id').execute()) as Grid[];
  if (!grids.length) return { demands: 0 };
  const streets = new Map((await db.selectFrom('org_unit').select(['id', 'name']).where('kind', '=', 'street')
    .where('path', 'like', `${lishi.path}%`).execute()).map((s) => [s.id, s.name]));
  // Up to six households a grid, each with its head's name and phone (already encrypted, as stored).
  const households = (await sql<Household>`
    SELECT h.id, h.unit_id, h.org_path, h.address, h.grid_id, r.name, r.phone_enc, r.phone_hash, r.phone_mask FROM (
      SELECT id, unit_id, org_path, address, split_part(org_path, '.', ${lishi.depth + 4})::int AS grid_id,
             row_number() OVER (PARTITION BY split_part(org_path, '.', ${lishi.depth + 4}) ORDER BY id) AS n
      FROM household WHERE org_path LIKE ${`${lishi.path}%`} AND kind = 'residence') h
    LEFT JOIN LATERAL (SELECT name, phone_enc, phone_hash, phone_mask FROM resident
      WHERE household_id = h.id AND moved_out_at IS NULL ORDER BY (relation = 'head') DESC, id LIMIT 1) r ON true
    WHERE h.n <= 6 ORDER BY h.id`.execute(db)).rows;
  const householdsOf = new Map<number, Household[]>();
  for (const h of households) householdsOf.set(h.grid_id, [...(householdsOf.get(h.grid_id) ?? []), h]);
  const staff = await db.selectFrom('staff').select(['org_id', 'name', 'post']).where('org_path', 'like', `${lishi.path}%`)
    .where('left_on', 'is', null).where('post', 'in', ['grid_worker', 'community_worker']).orderBy('id').execute();
  const gridWorker = new Map<number, string>();
  const communityWorker = new Map<number, string>();
  for (const s of staff) {
    const into = s.post === 'grid_worker' ? gridWorker : communityWorker;
    if (!into.has(s.org_id)) into.set(s.org_id, s.name);
  }
  const departments = await db.selectFrom('department').select(['id', 'name']).where('county_code', '=', '141102').orderBy('id').execute();
  const communities = [...new Set(grids.map((g) => g.community_id))];
  const gridsOf = new Map<number, Grid[]>();
  for (const g of grids) gridsOf.set(g.community_id, [...(gridsOf.get(g.community_id) ?? []), g]);
  const weightTotal = CATEGORY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickCategory = () => {
    let x = rng.next() * weightTotal;
    for (const [c, w] of CATEGORY_WEIGHTS) if ((x -= w) < 0) return c;
    return 'environment';
  };

  type Plan = { demand: Insertable<DemandTable>; events: Omit<Insertable<DemandEventTable>, 'demand_id'>[]; dispatch?: { department_id: number; state: 'accepted' | 'resolved'; created_at: Date; accepted_at: Date; resolved_at: Date | null }; open: boolean };
  const plans: Plan[] = [];
  for (const communityId of communities) {
    const cGrids = gridsOf.get(communityId)!;
    const worker = communityWorker.get(communityId) ?? '社区工作者';
    const count = rng.int(PER_COMMUNITY_MONTH[0], PER_COMMUNITY_MONTH[1]) * MONTHS;
    for (let i = 0; i < count; i++) {
      const grid = rng.pick(cGrids);
      const street = streets.get(grid.street_id) ?? '街道';
      const gw = gridWorker.get(grid.id) ?? worker;
      // Recent ones are still being worked on; older ones went their whole way.
      const recent = i < 2 && rng.chance(0.6);
      const ageDays = recent ? rng.next() * 2.5 : 3 + rng.next() * (MONTHS * 30 - 3);
      const day = new Date(now.getTime() - ageDays * DAY);
      // Working hours, CST (UTC+8): 08:00–19:00.
      const created = new Date(Math.min(now.getTime() - HOUR, Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 0, rng.int(0, 11 * 60))));
      const category = recent ? rng.pick(['environment', 'facilities', 'property', 'greenery', 'road_traffic']) : pickCategory();
      const description = rng.pick(CASES[category]!);
      const hh = rng.chance(0.55) ? rng.pick(householdsOf.get(grid.id) ?? [null]) : null;
      const channel: DemandChannel = rng.pick(['visit', 'visit', 'walk_in', 'hotline']);
      const limitMs = HOURS_LIMIT[category] ? HOURS_LIMIT[category]! * HOUR : (WORKING_DAY_LIMIT[category] ?? 5) * 1.4 * DAY;
      let due = new Date(created.getTime() + limitMs);
      const place = hh ? { org_id: hh.unit_id, org_path: hh.org_path, household_id: hh.id, address: hh.address } : { org_id: grid.id, org_path: grid.path, household_id: null, address: grid.name };
      const events: Plan['events'] = [];
      let t = created.getTime();
      const step = (minMs: number, maxMs: number) => (t = Math.min(t + minMs + rng.next() * (maxMs - minMs), now.getTime() - 60_000));
      const ev = (action: string, from: string | null, to: string | null, actor: [string, string], note: string | null = null, detail: object = {}) =>
        events.push({ at: new Date(t), actor_name: actor[0], actor_role: actor[1], action, from_state: from, to_state: to, note, detail: JSON.stringify(detail), org_path: place.org_path, county_code: grid.county_code });
      const gridActor: [string, string] = [gw, 'grid_worker'];
      const workerActor: [string, string] = [worker, 'community_worker'];
      const reporter = hh?.name ?? null;
      ev('create', null, 'submitted', channel === 'visit' ? gridActor : workerActor, description, { channel, category, dueAt: due.toISOString() });

      const d: Insertable<DemandTable> = {
        ...place, county_code: grid.county_code, channel, category_code: category, description,
        reporter_name: reporter, reporter_phone_enc: hh?.phone_enc ?? null, reporter_phone_hash: hh?.phone_hash ?? null, reporter_phone_mask: hh?.phone_mask ?? null,
        state: 'submitted', tier: 'community', due_at: due, created_at: created,
      };
      let dispatch: Plan['dispatch'];
      const accept = () => {
        step(20 * 60_000, 5 * HOUR);
        ev('accept', 'submitted', 'accepted', gridActor);
        d.state = 'accepted';
        d.responded_at = new Date(t);
      };
      const resolve = (from: string, actor = gridActor) => {
        step(6 * HOUR, 3 * DAY);
        ev('resolve', from, 'resolved', actor, rng.pick(RESOLUTIONS));
        d.state = 'resolved';
        d.resolved_at = new Date(t);
      };
      const rate = () => {
        step(3 * HOUR, 2 * DAY);
        const basic = rng.chance(0.15);
        ev('rate_satisfied', 'resolved', 'closed', workerActor, basic ? 'basic' : null);
        d.state = 'closed';
        d.rating = basic ? 'basic' : 'satisfied';
        d.closed_at = new Date(t);
      };
      const whistle = (dept: { id: number; name: string }, finish: boolean) => {
        step(HOUR, DAY);
        ev('request_escalation', 'accepted', 'escalation_requested', workerActor, rng.pick(ESCALATIONS));
        step(HOUR, 8 * HOUR);
        ev('escalate', 'escalation_requested', 'escalated', [`${street}`, 'street_admin'], '街道吹哨，请部门报到', { departments: [{ id: dept.id, name: dept.name }] });
        d.state = 'escalated';
        d.tier = 'street';
        due = new Date(t + 7 * DAY);
        d.due_at = due;
        const createdAt = new Date(t);
        step(5 * 60_000, 25 * 60_000);
        ev('dispatch_accept', null, null, [dept.name, 'department'], null, { departmentId: dept.id });
        const acceptedAt = new Date(t);
        if (!finish) return (dispatch = { department_id: dept.id, state: 'accepted', created_at: createdAt, accepted_at: acceptedAt, resolved_at: null });
        step(DAY, 5 * DAY);
        ev('dispatch_resolve', null, null, [dept.name, 'department'], rng.pick(RESOLUTIONS), { departmentId: dept.id });
        const resolvedAt = new Date(t);
        ev('all_departments_resolved', 'escalated', 'resolved', ['系统', 'system']);
        d.state = 'resolved';
        d.resolved_at = resolvedAt;
        dispatch = { department_id: dept.id, state: 'resolved', created_at: createdAt, accepted_at: acceptedAt, resolved_at: resolvedAt };
      };

      let open = false;
      if (recent) {
        // Still in hand: reported, taken, or asked of the street and whistled; due later than now.
        open = true;
        due = new Date(now.getTime() + rng.int(2, 5) * DAY);
        d.due_at = due;
        const stage = rng.int(0, 3);
        if (stage >= 1) accept();
        if (stage === 2) {
          step(HOUR, 6 * HOUR);
          ev('request_escalation', 'accepted', 'escalation_requested', workerActor, rng.pick(ESCALATIONS));
          d.state = 'escalation_requested';
        }
        if (stage === 3 && departments.length) {
          whistle(rng.pick(departments), false);
          d.due_at = due = new Date(now.getTime() + 5 * DAY);
        }
      } else {
        const fate = rng.next();
        if (fate < 0.15 && channel === 'visit') {
          step(5 * 60_000, 40 * 60_000);
          ev('solve_on_spot', 'submitted', 'resolved', gridActor, rng.pick(RESOLUTIONS));
          Object.assign(d, { state: 'resolved', tier: 'spot', responded_at: new Date(t), resolved_at: new Date(t) });
          rate();
        } else if (fate < 0.3 && departments.length) {
          accept();
          whistle(rng.pick(departments), true);
          rate();
        } else if (fate < 0.35) {
          accept();
          resolve('accepted');
          step(3 * HOUR, DAY);
          ev('rate_unsatisfied', 'resolved', 'accepted', workerActor, rng.pick(UNSATISFIED));
          Object.assign(d, { state: 'accepted', rating: 'unsatisfied', reopen_count: 1, resolved_at: null });
          resolve('accepted');
          rate();
        } else {
          accept();
          resolve('accepted');
          // The newest resolved ones are still waiting for the resident's rating.
          if (ageDays > 6 || rng.chance(0.5)) rate();
        }
      }
      if (!d.resolved_at && !d.closed_at && d.due_at <= now) d.overdue_at = d.due_at;
      plans.push({ demand: d, events, dispatch, open: open && !d.resolved_at });
    }
  }

  // Oldest first, so ids run with time as they would have.
  plans.sort((a, b) => (a.demand.created_at as Date).getTime() - (b.demand.created_at as Date).getTime());
  await db.transaction().execute(async (trx) => {
    const ids: { id: number }[] = [];
    for (let i = 0; i < plans.length; i += 500) {
      ids.push(...(await trx.insertInto('demand').values(plans.slice(i, i + 500).map((p) => p.demand)).returning('id').execute()));
    }
    const events = plans.flatMap((p, i) => p.events.map((e) => ({ ...e, demand_id: ids[i]!.id })));
    for (let i = 0; i < events.length; i += 1000) await trx.insertInto('demand_event').values(events.slice(i, i + 1000)).execute();
    const dispatches = plans.flatMap((p, i) => (p.dispatch ? [{
      demand_id: ids[i]!.id, department_id: p.dispatch.department_id, state: p.dispatch.state, org_path: p.demand.org_path, county_code: p.demand.county_code,
      created_at: p.dispatch.created_at, report_due_at: new Date(p.dispatch.created_at.getTime() + 30 * 60_000),
      accepted_at: p.dispatch.accepted_at, resolved_at: p.dispatch.resolved_at,
    }] : []));
    if (dispatches.length) await trx.insertInto('demand_dispatch').values(dispatches).execute();
    // The timers an open demand has, as scheduleDeadline writes them (warned a day before).
    const jobs = plans.flatMap((p, i) => {
      if (!p.open) return [];
      const id = ids[i]!.id;
      const due = p.demand.due_at as Date;
      const payload = JSON.stringify({ demandId: id, dueAt: due.toISOString() });
      return [
        { kind: 'demand.warn', run_at: new Date(Math.max(due.getTime() - DAY, now.getTime())), payload, county_code: p.demand.county_code, dedupe_key: `demand:${id}:warn` },
        { kind: 'demand.overdue', run_at: due, payload, county_code: p.demand.county_code, dedupe_key: `demand:${id}:overdue` },
      ];
    });
    if (jobs.length) {
      // As scheduleJob does: a pending timer under the same key is replaced, not duplicated.
      await trx.updateTable('job').set({ status: 'cancelled', done_at: now })
        .where('dedupe_key', 'in', jobs.map((j) => j.dedupe_key)).where('status', '=', 'pending').execute();
      await trx.insertInto('job').values(jobs).execute();
    }
  });
  return { demands: plans.length };
}
