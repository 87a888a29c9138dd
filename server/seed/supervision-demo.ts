import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { addDays, chinaDay } from '../platform/clock.js';
import { scheduleJob } from '../platform/jobs.js';
import type { PiiCipher } from '../platform/pii/cipher.js';
import { OVERDUE_JOB } from '../modules/supervision/index.js';

/** The city's 28 member departments of the coordination mechanism (市级成员单位). */
const CITY_DEPARTMENTS = [
  '市委组织部', '市委社会工作部', '市委宣传部', '市委政法委', '市发展和改革委员会', '市财政局', '市民政局', '市住房和城乡建设局', '市城市管理局', '市公安局',
  '市自然资源局', '市生态环境局', '市市场监督管理局', '市卫生健康委员会', '市教育局', '市人力资源和社会保障局', '市应急管理局', '市交通运输局', '市水利局', '市商务局',
  '市文化和旅游局', '市退役军人事务局', '市医疗保障局', '市司法局', '市行政审批服务管理局', '市总工会', '团市委', '市妇联',
];
/** Six working groups, each with its lead and members (indices into CITY_DEPARTMENTS). */
const GROUPS: { name: string; lead: number; members: number[] }[] = [
  { name: '党建引领组', lead: 0, members: [0, 2, 3, 25] },
  { name: '社区治理组', lead: 1, members: [1, 6, 9, 23] },
  { name: '物业管理组', lead: 7, members: [7, 8, 12, 10] },
  { name: '新就业群体组', lead: 1, members: [1, 15, 17, 19, 26] },
  { name: '阵地建设组', lead: 0, members: [0, 4, 5, 20, 27] },
  { name: '基层减负组', lead: 1, members: [1, 11, 13, 14, 16, 18, 21, 22, 24] },
];

/**
 * 督导 and 减负 demo: the city's 28 member departments in six working groups, 离石区's own group
 * (dept_housing's 住建局 a member), inspections planned, under way and done with problems in every
 * state in 滨河街道 — one overdue and escalated — the certificate list and 龙凤社区's requests,
 * and a few signs and duties removed.
 */
export async function seedSupervisionDemo(db: Kysely<DB>, cipher: PiiCipher, now = new Date()) {
  const cityAcc = await db.selectFrom('account').select(['id', 'scope_org_id']).where('username', '=', 'city_admin').executeTakeFirst();
  const countyAcc = await db.selectFrom('account').select(['id', 'scope_org_id']).where('username', '=', 'county_lishi').executeTakeFirst();
  const streetAcc = await db.selectFrom('account').select(['id', 'scope_org_id']).where('username', '=', 'street_binhe').executeTakeFirst();
  const workerAcc = await db.selectFrom('account').select(['id', 'scope_org_id']).where('username', '=', 'worker_binhe1').executeTakeFirst();
  const deptAcc = await db.selectFrom('account').select(['id', 'department_id']).where('username', '=', 'dept_housing').executeTakeFirst();
  if (!cityAcc || !countyAcc || !streetAcc || !workerAcc || !deptAcc?.department_id) return;
  const unit = (id: number) => db.selectFrom('org_unit').select(['id', 'name', 'path', 'county_code']).where('id', '=', id).executeTakeFirstOrThrow();
  const [city, county, street, community] = await Promise.all([cityAcc.scope_org_id, countyAcc.scope_org_id, streetAcc.scope_org_id, workerAcc.scope_org_id].map((id) => unit(id!)));
  const neighbours = await db.selectFrom('org_unit').select(['id', 'name', 'path', 'county_code']).where('parent_id', '=', street.id).where('kind', '=', 'community')
    .where('id', '<>', community.id).orderBy('code').limit(2).execute();
  const today = chinaDay(now);
  const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

  const cityDeps = await db.insertInto('department')
    .values(CITY_DEPARTMENTS.map((name) => ({ name, org_id: city.id, org_path: city.path, county_code: city.county_code })))
    .returning(['id', 'name']).execute();
  const groupIds: number[] = [];
  for (const g of GROUPS) {
    const { id } = await db.insertInto('supervision_group').values({
      org_id: city.id, org_path: city.path, county_code: city.county_code, name: g.name, lead_department_id: cityDeps[g.lead]!.id, created_by: cityAcc.id,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('supervision_group_member').values(g.members.map((i) => ({ group_id: id, department_id: cityDeps[i]!.id }))).execute();
    groupIds.push(id);
  }
  const lishiDeps = await db.selectFrom('department').select(['id', 'name']).where('org_id', '=', county.id).execute();
  const { id: countyGroup } = await db.insertInto('supervision_group').values({
    org_id: county.id, org_path: county.path, county_code: county.county_code, name: '离石区城市基层治理专班', lead_department_id: deptAcc.department_id, created_by: countyAcc.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('supervision_group_member').values(lishiDeps.map((d) => ({ group_id: countyGroup, department_id: d.id }))).execute();

  const inspection = async (o: { org: typeof city; kind: 'joint_survey' | 'unannounced'; title: string; group: number; starts: string; ends: string; status: 'planned' | 'under_way' | 'done'; places: (typeof city)[]; by: number }) => {
    const { id } = await db.insertInto('supervision_inspection').values({
      org_id: o.org.id, org_path: o.org.path, county_code: o.org.county_code, kind: o.kind, title: o.title, group_id: o.group,
      starts_on: o.starts, ends_on: o.ends, status: o.status, created_by: o.by, created_at: at(addDays(o.starts, -7)),
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('supervision_inspection_place').values(o.places.map((p) => ({ inspection_id: id, place_id: p.id, org_path: p.path, county_code: p.county_code }))).execute();
    return id;
  };
  const past = await inspection({ org: city, kind: 'joint_survey', title: '城市基层党建引领基层治理联合调研', group: groupIds[1]!, starts: addDays(today, -40), ends: addDays(today, -36), status: 'done', places: [county], by: cityAcc.id });
  const current = await inspection({ org: city, kind: 'joint_survey', title: '党群服务阵地和物业管理联合调研', group: groupIds[4]!, starts: addDays(today, -2), ends: addDays(today, 5), status: 'under_way', places: [street, community, ...neighbours], by: cityAcc.id });
  const hidden = await inspection({ org: county, kind: 'unannounced', title: '滨河街道社区减负暗访暗查', group: countyGroup, starts: addDays(today, -1), ends: addDays(today, 3), status: 'under_way', places: [street], by: countyAcc.id });
  await inspection({ org: city, kind: 'unannounced', title: '新就业群体服务站点暗访', group: groupIds[3]!, starts: addDays(today, 7), ends: addDays(today, 9), status: 'planned', places: [county], by: cityAcc.id });

  const problem = async (o: {
    inspection: number; place: typeof city; category: 'service_position' | 'grid' | 'property' | 'environment' | 'burden' | 'safety' | 'other'; text: string; by: number; found: string;
    receiver?: { org?: number; dept?: number; name: string }; deadline?: string; status: 'found' | 'handed_over' | 'rectifying' | 'reported' | 'verified' | 'sent_back';
    rectification?: string; escalatedTo?: typeof city;
  }) => {
    const handed = o.receiver ? at(o.found, 16) : null;
    const reported = ['reported', 'verified'].includes(o.status) ? at(addDays(o.found, 5)) : null;
    const verified = o.status === 'verified' ? at(addDays(o.found, 7)) : null;
    const escalated = o.escalatedTo ? at(addDays(o.deadline!, 1), 0) : null;
    const { id } = await db.insertInto('supervision_problem').values({
      inspection_id: o.inspection, place_id: o.place.id, org_path: o.place.path, county_code: o.place.county_code, category: o.category, description: o.text,
      found_by: o.by, found_at: at(o.found), status: o.status, receiver_org_id: o.receiver?.org ?? null, receiver_department_id: o.receiver?.dept ?? null,
      deadline: o.deadline ?? null, handed_over_at: handed, reported_at: reported, rectification: o.rectification ?? null, verified_at: verified,
      escalated_at: escalated, escalated_to_org_id: o.escalatedTo?.id ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    const step = (action: string, from: string | null, to: string, when: Date, note: string | null, account: number | null) => ({
      problem_id: id, org_path: o.place.path, county_code: o.place.county_code, action, from_status: from, to_status: to, note, account_id: account, at: when,
    });
    const steps = [step('record', null, 'found', at(o.found), null, o.by)];
    if (handed) steps.push(step('hand_over', 'found', 'handed_over', handed, `移交${o.receiver!.name}，整改期限 ${o.deadline}`, o.by));
    if (o.status === 'rectifying') steps.push(step('start', 'handed_over', 'rectifying', at(addDays(o.found, 1)), null, countyAcc.id));
    if (escalated) steps.push(step('escalate', 'handed_over', o.status, escalated, `逾期未整改（期限 ${o.deadline}），已提级督办至${o.escalatedTo!.name}`, null));
    if (reported) steps.push(step('report', 'handed_over', 'reported', reported, o.rectification ?? null, countyAcc.id));
    if (verified) steps.push(step('verify', 'reported', 'verified', verified, null, o.by));
    await db.insertInto('supervision_problem_step').values(steps).execute();
    // Open problems keep their deadline timer, as the handover sets it.
    if (o.receiver && ['handed_over', 'rectifying', 'sent_back'].includes(o.status) && !escalated) {
      await scheduleJob(db, { kind: OVERDUE_JOB, runAt: at(addDays(o.deadline!, 1), 0), payload: { problemId: id }, countyCode: o.place.county_code, dedupeKey: `supervision_problem:${id}:overdue` });
    }
  };
  const lishi = { org: county.id, name: county.name };
  const d0 = addDays(today, -39);
  await problem({ inspection: past, place: community, category: 'service_position', text: '社区党群服务中心挂牌11块，超出规范；开放时间未公示', by: cityAcc.id, found: d0, receiver: lishi, deadline: addDays(d0, 15), status: 'verified', rectification: '已摘除多余牌子9块，开放时间上墙公示' });
  await problem({ inspection: past, place: street, category: 'burden', text: '街道要求社区每周报送台账3套，存在重复填报', by: cityAcc.id, found: addDays(d0, 1), receiver: lishi, deadline: addDays(d0, 20), status: 'verified', rectification: '合并为一套台账，按月报送' });
  await problem({ inspection: past, place: neighbours[0] ?? community, category: 'property', text: '小区物业服务企业未公示收费标准，业主投诉较多', by: cityAcc.id, found: addDays(d0, 2), receiver: { dept: deptAcc.department_id, name: '离石区住建局' }, deadline: addDays(today, -5), status: 'handed_over', escalatedTo: county });
  await problem({ inspection: current, place: community, category: 'environment', text: '龙凤社区背街小巷垃圾清运不及时', by: cityAcc.id, found: addDays(today, -2), receiver: lishi, deadline: addDays(today, 10), status: 'rectifying' });
  await problem({ inspection: current, place: neighbours[1] ?? community, category: 'service_position', text: '党群服务站周末不开放，居民反映办事不便', by: cityAcc.id, found: addDays(today, -2), receiver: lishi, deadline: addDays(today, 12), status: 'reported', rectification: '已调整为周末轮流值班开放' });
  await problem({ inspection: hidden, place: street, category: 'burden', text: '社区门口仍挂“创建文明城市工作站”等过期牌子', by: countyAcc.id, found: addDays(today, -1), status: 'found' });

  // 社区证明事项清单 (the city's), and 龙凤社区's requests.
  const items = [
    { name: '居民居住情况证明', issuable: true, basis: '吕梁市社区证明事项清单第1项（辖区内实际居住）', refer_to: null },
    { name: '参加社区志愿服务证明', issuable: true, basis: '吕梁市社区证明事项清单第2项', refer_to: null },
    { name: '困难群众家庭情况证明', issuable: true, basis: '吕梁市社区证明事项清单第3项（配合民政部门核查）', refer_to: null },
    { name: '无犯罪记录证明', issuable: false, basis: null, refer_to: '请到户籍所在地或居住地公安派出所办理' },
    { name: '亲属关系证明', issuable: false, basis: null, refer_to: '请到户籍所在地公安派出所查询户籍信息，或到公证机构办理公证' },
    { name: '婚姻状况证明', issuable: false, basis: null, refer_to: '请到婚姻登记机关查询婚姻登记记录' },
    { name: '收入证明', issuable: false, basis: null, refer_to: '请由工作单位出具；灵活就业的可提供纳税或社保缴费记录' },
    { name: '健在证明（养老金资格认证）', issuable: false, basis: null, refer_to: '请通过国家社会保险公共服务平台或“民生山西”App人脸识别认证' },
  ];
  const itemRows = await db.insertInto('relief_certificate_item')
    .values(items.map((i) => ({ ...i, org_id: city.id, org_path: city.path, county_code: city.county_code, created_by: cityAcc.id }))).returning(['id', 'name', 'issuable', 'refer_to']).execute();
  const year = Number(today.slice(0, 4));
  const requests = [
    { item: 0, name: '王建国', purpose: '子女入学', days: -20 }, { item: 1, name: '李秀英', purpose: '学校实践', days: -12 },
    { item: 3, name: '张志强', purpose: null, days: -9 }, { item: 4, name: '刘桂兰', purpose: null, days: -4 },
  ];
  let n = 0;
  for (const r of requests) {
    const item = itemRows[r.item]!;
    const number = item.issuable ? `${community.county_code}-${community.id}-${year}-${String(++n).padStart(4, '0')}` : null;
    await db.insertInto('relief_certificate_request').values({
      community_id: community.id, org_path: community.path, county_code: community.county_code, item_id: item.id, asked_for: item.name,
      outcome: item.issuable ? 'issued' : 'refused', refer_to: item.issuable ? null : item.refer_to, number, applicant_name_enc: cipher.encrypt(r.name),
      purpose: r.purpose, recorded_by: workerAcc.id, created_at: at(addDays(today, r.days)),
    }).execute();
  }
  await db.insertInto('relief_certificate_counter').values({ community_id: community.id, year, last: n, org_path: community.path, county_code: community.county_code }).execute();

  const removals = [
    { place: community, kind: 'sign' as const, what: '创建文明城市工作站', days: -60 }, { place: community, kind: 'sign' as const, what: '人口普查办公室', days: -60 },
    { place: neighbours[0] ?? community, kind: 'sign' as const, what: '禁毒工作站（与综治中心合并）', days: -45 },
    { place: community, kind: 'duty' as const, what: '代收有线电视费', days: -30 }, { place: street, kind: 'duty' as const, what: '社区开具“无犯罪记录证明”', days: -30 },
  ];
  await db.insertInto('relief_removal').values(removals.map((r) => ({
    place_id: r.place.id, org_path: r.place.path, county_code: r.place.county_code, kind: r.kind, what: r.what, removed_on: addDays(today, r.days), removed_by: street.name, recorded_by: streetAcc.id,
  }))).execute();
}
