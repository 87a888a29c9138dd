import { sql, type Kysely } from 'kysely';
import type { DB } from '../database.js';
import { chinaDay } from '../platform/clock.js';
import { Rng } from './prng.js';

/**
 * 志愿吕梁 for the demo: 离石区's volunteer organisations (龙凤社区's own team run by volorg_demo,
 * a street team, county associations), the brief's service projects, two years of weekly
 * activities in 龙凤社区 with check-ins, check-outs and confirmed hours (a core of volunteers past
 * one and two stars), and an activity running today that volunteers can scan into.
 * resident_demo is a volunteer two hours short of the first star; member_demo one too.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const PROJECTS = [
  { name: '助老送餐', description: '为独居、高龄老人每周送午餐上门，顺带看看身体和家里的情况' },
  { name: '暑期托管', description: '暑假里为双职工家庭的孩子提供作业辅导和兴趣课' },
  { name: '窗帘行动', description: '为困难老人清洗、更换窗帘，打扫卫生' },
  { name: '候鸟课堂', description: '为随迁老人开设智能手机、健康知识课' },
  { name: '文明劝导', description: '小区楼道堆物、飞线充电、占用消防通道劝导' },
];
const TITLES: Record<string, string[]> = {
  助老送餐: ['重阳助老送餐', '周三助老送餐', '独居老人午餐配送'],
  暑期托管: ['暑期作业辅导', '暑期兴趣课堂'],
  窗帘行动: ['窗帘清洗上门', '困难老人家庭大扫除'],
  候鸟课堂: ['智能手机使用课', '健康知识讲座'],
  文明劝导: ['楼道清理劝导', '飞线充电排查', '消防通道清障'],
};

export async function seedVolunteersDemo(db: Kysely<DB>, now = new Date()) {
  const secretary = await db.selectFrom('account').select(['id', 'scope_org_id', 'scope_path']).where('username', '=', 'secretary_binhe1').executeTakeFirst();
  const street = await db.selectFrom('account').select(['scope_org_id', 'scope_path']).where('username', '=', 'street_binhe').executeTakeFirst();
  const county = await db.selectFrom('account').select(['scope_org_id', 'scope_path', 'county_code']).where('username', '=', 'county_lishi').executeTakeFirst();
  if (!secretary || !street || !county) return;
  const place = async (id: number) => db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
  const [c1, st, co] = await Promise.all([place(secretary.scope_org_id), place(street.scope_org_id), place(county.scope_org_id)]);
  const grids = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('kind', '=', 'grid')
    .where('path', 'like', `${c1.path}%`).orderBy('path').limit(4).execute();
  const rng = new Rng(1302);
  // The organisations and their volunteers were registered before the two years of activities below.
  const registered = new Date(now.getTime() - 800 * DAY);

  const org = (o: typeof c1, name: string, kind: 'community_team' | 'social_org' | 'other', contact: string) =>
    db.insertInto('volunteer_org').values({ org_id: o.id, org_path: o.path, county_code: o.county_code, name, kind, work_unit_id: null, contact_name: contact, phone_enc: null, phone_hash: null, phone_mask: null, created_at: registered })
      .returning('id').executeTakeFirstOrThrow().then((r) => r.id);
  const team = await org(c1, '龙凤社区志愿服务队', 'community_team', '王秀兰');
  const women = await org(c1, '龙凤社区巾帼志愿服务队', 'community_team', '李桂英');
  const streetTeam = await org(st, `${st.name}新时代文明实践志愿服务队`, 'community_team', '张建国');
  await org(co, '离石区青年志愿者协会', 'social_org', '刘洋');
  await org(co, '离石区蓝天救援队', 'other', '赵刚');
  await db.updateTable('account').set({ volunteer_org_id: team }).where('username', '=', 'volorg_demo').execute();

  const projects = new Map<string, number>();
  for (const [i, p] of PROJECTS.entries()) {
    const owner = i === 3 ? women : i === 4 ? streetTeam : team;
    const o = owner === streetTeam ? st : c1;
    const { id } = await db.insertInto('volunteer_project').values({ volunteer_org_id: owner, org_path: o.path, county_code: o.county_code, name: p.name, description: p.description, created_by: secretary.id })
      .returning('id').executeTakeFirstOrThrow();
    projects.set(p.name, id);
  }
  const orgOfProject = (name: string) => (name === '候鸟课堂' ? women : name === '文明劝导' ? streetTeam : team);

  // Volunteers: 40 residents of 龙凤社区, and the demo resident and party member.
  const demo = await db.selectFrom('account').select(['username', 'id', 'resident_id']).where('username', 'in', ['resident_demo', 'member_demo']).execute();
  const residents = await db.selectFrom('resident').select(['id', 'name', 'phone_enc', 'phone_hash', 'phone_mask'])
    .where('org_path', 'like', `${c1.path}%`).where('moved_out_at', 'is', null).where('id', 'not in', [0, ...demo.map((d) => d.resident_id ?? 0)])
    .orderBy('id').limit(40).execute();
  const demoResidents = demo.length ? await db.selectFrom('resident').select(['id', 'name', 'phone_enc', 'phone_hash', 'phone_mask'])
    .where('id', 'in', demo.map((d) => d.resident_id ?? 0)).execute() : [];
  const accountOf = new Map(demo.map((d) => [d.resident_id, d]));
  const people = [...demoResidents, ...residents];
  const vols = await db.insertInto('volunteer').values(people.map((r) => ({
    resident_id: r.id, account_id: accountOf.get(r.id)?.id ?? null, org_id: c1.id, org_path: c1.path, county_code: c1.county_code,
    name: r.name, phone_enc: r.phone_enc, phone_hash: r.phone_hash, phone_mask: r.phone_mask, created_at: registered,
  }))).returning(['id', 'resident_id']).execute();
  const volOf = (username: string) => vols.find((v) => v.resident_id === demo.find((d) => d.username === username)?.resident_id)?.id;
  const residentDemo = volOf('resident_demo');
  await db.insertInto('volunteer_membership').values(vols.map((v, i) => ({ volunteer_id: v.id, volunteer_org_id: i % 3 === 2 ? women : team }))).execute();
  await db.insertInto('volunteer_membership').values(vols.filter((_, i) => i % 5 === 0).map((v) => ({ volunteer_id: v.id, volunteer_org_id: streetTeam }))).execute();

  // Who serves how often: a core every week, regulars half the weeks, the rest now and then.
  // The demo accounts are not in the core, which is checked in to today's activity already.
  const memberDemo = volOf('member_demo');
  const others = vols.filter((v) => v.id !== residentDemo && v.id !== memberDemo);
  const core = others.slice(0, 3).map((v) => v.id);
  const regular = [...(memberDemo ? [memberDemo] : []), ...others.slice(3, 8).map((v) => v.id)];
  const occasional = others.slice(9).map((v) => v.id);

  const weeks = 104;
  const names = [...projects.keys()];
  let demoThree = 0;
  let demoTwo = 0;
  for (let w = weeks; w >= 1; w--) {
    const day = new Date(now.getTime() - w * 7 * DAY);
    const startDay = chinaDay(day);
    const long = w % 4 !== 0;
    const starts = new Date(`${startDay}T09:00:00+08:00`);
    const ends = new Date(starts.getTime() + (long ? 3 : 2) * HOUR);
    const project = names[w % names.length]!;
    const titles = TITLES[project]!;
    const where = w % 3 === 0 && grids.length ? grids[w % grids.length]! : c1;
    const people = [...core, ...regular.filter(() => rng.chance(0.5)), ...occasional.filter(() => rng.chance(0.12))];
    // resident_demo: 32 three-hour and one two-hour activity, 98 hours — two short of the first star.
    if (residentDemo && ((long && demoThree < 32 && w % 3 !== 1) || (!long && demoTwo < 1))) {
      people.push(residentDemo);
      if (long) demoThree++;
      else demoTwo++;
    }
    const served = rng.int(8, 40);
    const { id } = await db.insertInto('volunteer_activity').values({
      project_id: projects.get(project)!, volunteer_org_id: orgOfProject(project), place_id: where.id, org_path: where.path, county_code: where.county_code,
      title: titles[w % titles.length]!, address: where === c1 ? '社区党群服务中心' : `${where.name}小区广场`, starts_at: starts, ends_at: ends,
      capacity: Math.max(people.length, 20), signed_up: people.length, served, status: 'confirmed', hours_total: people.length * (long ? 3 : 2), confirmed_at: new Date(ends.getTime() + HOUR),
      confirmed_by: secretary.id, created_by: secretary.id, created_at: new Date(starts.getTime() - 5 * DAY),
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('volunteer_signup').values(people.map((v) => ({
      activity_id: id, volunteer_id: v, starts_at: starts, ends_at: ends, signed_at: new Date(starts.getTime() - 2 * DAY),
      checkin_at: new Date(starts.getTime() - rng.int(0, 20) * 60_000), checkout_at: new Date(ends.getTime() + rng.int(0, 15) * 60_000),
    }))).execute();
    await db.insertInto('volunteer_hour_entry').values(people.map((v) => ({
      volunteer_id: v, activity_id: id, kind: 'confirm' as const, basis: 'scan' as const, hours: long ? 3 : 2, reason: null, reverses_id: null,
      occurred_on: startDay, org_path: where.path, county_code: where.county_code, points: 0, points_record_id: null, created_by: secretary.id,
      created_at: new Date(ends.getTime() + HOUR),
    }))).execute();
  }
  await sql`UPDATE volunteer v SET total_hours = s.h FROM (SELECT volunteer_id, sum(hours) AS h FROM volunteer_hour_entry GROUP BY volunteer_id) s
    WHERE s.volunteer_id = v.id AND v.org_path LIKE ${`${c1.path}%`}`.execute(db);

  // Running now: the core has signed up and checked in; there are places left to scan into.
  // It started an hour ago, but never before today began in China: its hours belong to today's
  // points month, which is open even just after midnight on the first of a month. It lasts three
  // hours either way, so an organiser can always vouch for a full shift.
  const starts = new Date(Math.max(now.getTime() - HOUR, new Date(`${chinaDay(now)}T00:00:00+08:00`).getTime()));
  const ends = new Date(starts.getTime() + 3 * HOUR);
  const { id: today } = await db.insertInto('volunteer_activity').values({
    project_id: projects.get('助老送餐')!, volunteer_org_id: team, place_id: c1.id, org_path: c1.path, county_code: c1.county_code,
    title: '今日助老送餐', address: '社区党群服务中心', starts_at: starts, ends_at: ends, capacity: 30, signed_up: core.length,
    created_by: secretary.id, created_at: new Date(now.getTime() - 3 * DAY),
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('volunteer_signup').values(core.map((v) => ({
    activity_id: today, volunteer_id: v, starts_at: starts, ends_at: ends, signed_at: new Date(now.getTime() - DAY), checkin_at: new Date(starts.getTime() - 10 * 60_000),
  }))).execute();
  // And coming up: next week's activities to sign up for.
  for (const [i, project] of ['窗帘行动', '候鸟课堂'].entries()) {
    const s = new Date(`${chinaDay(new Date(now.getTime() + (3 + i * 2) * DAY))}T14:30:00+08:00`);
    await db.insertInto('volunteer_activity').values({
      project_id: projects.get(project)!, volunteer_org_id: orgOfProject(project), place_id: c1.id, org_path: c1.path, county_code: c1.county_code,
      title: TITLES[project]![0]!, address: '社区党群服务中心', starts_at: s, ends_at: new Date(s.getTime() + 2 * HOUR), capacity: 15,
      created_by: secretary.id, created_at: now,
    }).execute();
  }
}
