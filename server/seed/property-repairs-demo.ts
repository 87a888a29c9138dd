import { sql, type Kysely } from 'kysely';
import type { DB } from '../database.js';
import { chinaDay } from '../platform/clock.js';
import { approvalOf } from '../modules/property/repairs-lifecycle.js';
import type { RepairKind, RepairStatus } from '../modules/property/repairs.tables.js';
import { Rng } from './prng.js';

/**
 * 专项维修资金 for the demo: a year of 离石区's repairs — lifts, e-bike sheds, charging ports,
 * leaking walls and roofs — in every state, each with its quotes, approvals, steps and the
 * households of its buildings counted from the household table; and one urgent lift repair in
 * 龙凤社区's first compound (where resident_demo lives) applied by worker_binhe1 and awaiting the
 * community's and the street's approval.
 */
const KINDS: readonly [RepairKind, number][] = [
  ['lift', 22], ['ebike_shed', 24], ['charging', 20], ['wall_leak', 14], ['roof_leak', 9], ['fire', 5], ['pipes', 4], ['other', 2],
];
const TITLES: Record<RepairKind, string> = {
  lift: '电梯更换曳引机和控制柜', roof_leak: '屋面防水层翻修', wall_leak: '外墙渗漏修缮', fire: '消防栓和喷淋管网维修', pipes: '供水主管道更换',
  ebike_shed: '新建电动自行车充电车棚', charging: '增设电动车智能充电桩', other: '单元门禁和楼道照明更换',
};
const SUPPLIERS = ['吕梁市安达电梯工程有限公司', '山西宏顺建筑防水工程有限公司', '离石区鑫源建筑安装有限公司', '吕梁恒通消防工程有限公司', '山西智充新能源科技有限公司', '吕梁市城建维修服务中心'];
const REPAIRS = 150;

function quantityOf(rng: Rng, kind: RepairKind) {
  switch (kind) {
    case 'lift': return rng.int(1, 2);
    case 'ebike_shed': return rng.int(1, 4);
    case 'charging': return rng.int(20, 90);
    case 'wall_leak': return rng.int(15, 60);
    case 'roof_leak': return rng.int(80, 400);
    default: return rng.int(1, 6);
  }
}
function unitPrice(kind: RepairKind) {
  return { lift: 168000, ebike_shed: 42000, charging: 900, wall_leak: 260, roof_leak: 120, fire: 18000, pipes: 15000, other: 6000 }[kind];
}

export async function seedPropertyRepairsDemo(db: Kysely<DB>, now = new Date()) {
  const worker = await db.selectFrom('account').select(['id', 'display_name', 'role', 'county_code']).where('username', '=', 'worker_binhe1').executeTakeFirst();
  const demoCompany = await db.selectFrom('account').select(['scope_org_id', 'property_company_id']).where('username', '=', 'property_demo').executeTakeFirst();
  if (!worker || !demoCompany) return { repairs: 0 };
  const county = worker.county_code;
  // Enclosed compounds with their serving company, and their homes by building (homes lie in units of buildings).
  const compounds = await db.selectFrom('org_unit as g').leftJoin('property_contract as pc', (j) => j.onRef('pc.compound_id', '=', 'g.id').on('pc.status', '=', 'active'))
    .select(['g.id', 'g.path', 'g.county_code', 'pc.company_id']).where('g.kind', '=', 'grid').where('g.grid_type', '=', 'enclosed')
    .where('g.county_code', '=', county).where('g.dissolved_at', 'is', null).orderBy('g.path').execute();
  if (!compounds.length) return { repairs: 0 };
  const buildings = await sql<{ id: number; grid_id: number; homes: number; owners: number; area: number }>`
    SELECT b.id, b.parent_id AS grid_id, count(*) FILTER (WHERE h.kind <> 'merchant')::int AS homes, count(*)::int AS owners,
      coalesce(sum(h.area_m2), 0)::float AS area
    FROM household h JOIN org_unit u ON u.id = h.unit_id JOIN org_unit b ON b.id = u.parent_id
    WHERE h.county_code = ${county} AND b.kind = 'building' GROUP BY b.id, b.parent_id ORDER BY b.id`.execute(db);
  const byGrid = new Map<number, typeof buildings.rows>();
  for (const b of buildings.rows) byGrid.set(b.grid_id, [...(byGrid.get(b.grid_id) ?? []), b]);
  const staff = await db.selectFrom('account').select(['id', 'display_name', 'role', 'scope_path'])
    .where('county_code', '=', county).where('role', 'in', ['community_secretary', 'community_worker', 'street_admin']).execute();
  const staffOver = (path: string, roles: string[]) => staff.find((a) => roles.includes(a.role) && path.startsWith(a.scope_path));
  const withHomes = compounds.filter((c) => byGrid.has(c.id));
  const rng = new Rng(20261214);
  const DAY = 86_400_000;

  let made = 0;
  for (let i = 0; i < REPAIRS; i++) {
    const c = rng.pick(withHomes);
    let roll = rng.int(0, 99);
    const kind = KINDS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'other';
    const urgent = ['lift', 'roof_leak', 'wall_leak', 'fire', 'pipes'].includes(kind) && rng.chance(0.35);
    const approval = approvalOf(kind, urgent);
    const ageDays = rng.int(3, 360);
    // Older repairs are further along: most of a season ago are accepted or published.
    const stage = ageDays > 90 ? (rng.chance(0.1) ? 'rejected' : rng.chance(0.55) ? 'published' : 'accepted')
      : ageDays > 30 ? rng.pick<RepairStatus>(['in_progress', 'done', 'accepted', 'published', 'approved'])
        : rng.pick<RepairStatus>(['draft', 'applied', 'applied', 'approved', 'in_progress']);
    const chosen = rng.pick(byGrid.get(c.id)!);
    const places = [chosen, ...byGrid.get(c.id)!.filter((b) => b !== chosen && rng.chance(0.15))];
    const households = places.reduce((s, b) => s + b.homes, 0);
    const quantity = quantityOf(rng, kind);
    const quotes = Array.from({ length: rng.int(1, 3) }, () => Math.round(quantity * unitPrice(kind) * (0.85 + rng.next() * 0.3)));
    const budget = Math.min(...quotes);
    const community = staffOver(c.path, ['community_secretary', 'community_worker']);
    const street = staffOver(c.path, ['street_admin']);
    const byCompany = c.company_id != null && rng.chance(0.4);
    const applicant = community ?? { id: worker.id, display_name: worker.display_name, role: worker.role };
    const t0 = new Date(now.getTime() - ageDays * DAY);
    const at = (d: number) => new Date(t0.getTime() + d * DAY);
    const order: RepairStatus[] = ['draft', 'applied', 'approved', 'in_progress', 'done', 'accepted', 'published'];
    const reached = (s: RepairStatus) => stage !== 'rejected' && order.indexOf(stage) >= order.indexOf(s);
    const totals = byGrid.get(c.id)!.reduce((s, b) => ({ owners: s.owners + b.owners, area: s.area + b.area }), { owners: 0, area: 0 });
    const part = { owners: Math.ceil(totals.owners * (0.7 + rng.next() * 0.2)), area: Math.round(totals.area * (0.7 + rng.next() * 0.2) * 100) / 100 };
    const agree = { owners: Math.ceil(part.owners * (0.6 + rng.next() * 0.3)), area: Math.round(part.area * (0.6 + rng.next() * 0.3) * 100) / 100 };
    const voted = approval === 'vote' && reached('approved') && totals.area > 0;
    const days = { applied: 1, approved: approval === 'emergency' ? 2 : 12, started: approval === 'emergency' ? 3 : 16, done: approval === 'emergency' ? 9 : 30 };
    const acceptedAt = at(days.done + 4);
    const { id } = await db.insertInto('property_repair').values({
      compound_id: c.id, org_path: c.path, county_code: c.county_code, company_id: byCompany ? c.company_id : null, kind, urgent,
      title: TITLES[kind], description: `${TITLES[kind]}，${kind === 'wall_leak' || kind === 'roof_leak' ? `面积约${quantity}平方米` : `数量${quantity}`}，经业主反映和现场勘查后申请使用专项维修资金。`,
      quantity, households, budget, final_amount: reached('published') ? Math.round(budget * (0.92 + rng.next() * 0.08)) : null,
      status: stage, approval,
      community_approved_by: approval === 'emergency' && reached('approved') ? community?.id ?? null : null,
      community_approved_at: approval === 'emergency' && reached('approved') ? at(days.applied + 0.2) : null,
      street_approved_by: approval === 'emergency' && reached('approved') ? street?.id ?? null : null,
      street_approved_at: approval === 'emergency' && reached('approved') ? at(days.approved) : null,
      vote_total_area: voted ? totals.area : null, vote_total_owners: voted ? totals.owners : null,
      vote_part_area: voted ? part.area : null, vote_part_owners: voted ? part.owners : null,
      vote_agree_area: voted ? agree.area : null, vote_agree_owners: voted ? agree.owners : null,
      voted_on: voted ? chinaDay(at(days.approved)) : null,
      reject_reason: stage === 'rejected' ? '该项目属于日常养护，应由物业服务费列支，不使用专项维修资金' : null,
      accept_note: reached('accepted') ? '现场验收合格，运行正常' : null,
      applied_by: stage === 'draft' ? null : applicant.id, applied_at: stage === 'draft' ? null : at(days.applied),
      approved_at: reached('approved') ? at(days.approved) : null, started_at: reached('in_progress') ? at(days.started) : null,
      done_at: reached('done') ? at(days.done) : null, accepted_by: reached('accepted') ? community?.id ?? null : null,
      accepted_at: reached('accepted') ? acceptedAt : null, published_at: reached('published') ? at(days.done + 6) : null,
      created_by: applicant.id, created_at: t0,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('property_repair_place').values(places.map((b) => ({ repair_id: id, org_id: b.id }))).execute();
    await db.insertInto('property_repair_quote').values(quotes.map((amount) => ({
      repair_id: id, supplier: rng.pick(SUPPLIERS), amount, chosen: amount === budget,
    }))).execute();
    const steps: { action: string; from: string | null; to: string; at: Date; by: { id: number; display_name: string; role: string } | undefined; note?: string }[] = [
      { action: 'apply', from: null, to: stage === 'draft' ? 'draft' : 'applied', at: at(stage === 'draft' ? 0 : days.applied), by: applicant },
    ];
    if (stage === 'rejected') steps.push({ action: 'reject', from: 'applied', to: 'rejected', at: at(5), by: street ?? community, note: '该项目属于日常养护，不使用专项维修资金' });
    if (reached('approved')) {
      if (approval === 'emergency') {
        steps.push({ action: 'approve_community', from: 'applied', to: 'applied', at: at(days.applied + 0.2), by: community });
        steps.push({ action: 'approve_street', from: 'applied', to: 'approved', at: at(days.approved), by: street });
      } else {
        steps.push({ action: 'record_vote', from: 'applied', to: 'approved', at: at(days.approved), by: community, note: `业主表决：参与${part.owners}/${totals.owners}户，同意${agree.owners}户` });
      }
    }
    if (reached('in_progress')) steps.push({ action: 'start', from: 'approved', to: 'in_progress', at: at(days.started), by: applicant });
    if (reached('done')) steps.push({ action: 'finish', from: 'in_progress', to: 'done', at: at(days.done), by: applicant });
    if (reached('accepted')) steps.push({ action: 'accept', from: 'done', to: 'accepted', at: acceptedAt, by: community, note: '现场验收合格，运行正常' });
    if (reached('published')) steps.push({ action: 'publish', from: 'accepted', to: 'published', at: at(days.done + 6), by: community });
    await db.insertInto('property_repair_step').values(steps.map((s) => ({
      repair_id: id, action: s.action, from_status: s.from, to_status: s.to, account_id: s.by?.id ?? null, actor_name: s.by?.display_name ?? '系统导入',
      actor_role: s.by?.role ?? 'system', note: s.note ?? null, at: s.at,
    }))).execute();
    made++;
  }

  // The one awaiting approval in 龙凤社区's first compound: an urgent lift repair worker_binhe1 applied this morning.
  const home = compounds.find((c) => c.id === demoCompany.scope_org_id);
  const homeBuildings = home ? byGrid.get(home.id) ?? [] : [];
  if (home && homeBuildings.length) {
    const b = homeBuildings[0]!;
    const appliedAt = new Date(now.getTime() - 2 * 3600_000);
    const { id } = await db.insertInto('property_repair').values({
      compound_id: home.id, org_path: home.path, county_code: home.county_code, company_id: null, kind: 'lift', urgent: true,
      title: '1号楼电梯困人故障应急维修', description: '电梯多次困人，曳引机钢丝绳磨损超标，需应急更换。', quantity: 1, households: b.homes,
      budget: 46800, status: 'applied', approval: 'emergency', applied_by: worker.id, applied_at: appliedAt, created_by: worker.id, created_at: appliedAt,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('property_repair_place').values({ repair_id: id, org_id: b.id }).execute();
    await db.insertInto('property_repair_quote').values([
      { repair_id: id, supplier: '吕梁市安达电梯工程有限公司', amount: 46800, chosen: true },
      { repair_id: id, supplier: '山西三联电梯维保有限公司', amount: 51200, chosen: false },
    ]).execute();
    await db.insertInto('property_repair_step').values({
      repair_id: id, action: 'apply', from_status: null, to_status: 'applied', account_id: worker.id, actor_name: worker.display_name, actor_role: worker.role, note: null, at: appliedAt,
    }).execute();
    made++;
  }
  return { repairs: made };
}
