import { sql, type Kysely } from 'kysely';
import type { DB } from '../database.js';
import type { MemberPost } from '../modules/cobuild/dual-report.tables.js';
import type { PiiCipher } from '../platform/pii/cipher.js';
import { maskPhone } from '../platform/pii/id-number.js';
import { Rng } from './prng.js';

/**
 * 双报到 for the demo: 离石区's work units (机关、事业单位、企业) with their party organisations,
 * paired with 滨河街道's communities this year and last (some waiting for 龙凤社区 to confirm, one
 * declined), a few dozen in-service party members reported to the communities where they live with
 * the posts they took, last year's evaluated. unit_demo acts for 吕梁市税务局离石分局. member_demo
 * is an in-service member who has not reported this year: the browser test reports it.
 * Runs before the co-building demo, which then uses these units.
 */
const UNITS: [name: string, kind: 'organ' | 'institution' | 'enterprise', party: string][] = [
  ['吕梁市税务局离石分局', 'organ', '国家税务总局吕梁市离石区税务局机关党委'],
  ['离石区教育局', 'organ', '离石区教育局机关党委'],
  ['国网吕梁供电公司', 'enterprise', '国网吕梁供电公司党委'],
  ['离石区人民医院', 'institution', '离石区人民医院党委'],
  ['离石区住房和城乡建设局', 'organ', '离石区住房和城乡建设局机关党支部'],
  ['离石区市场监督管理局', 'organ', '离石区市场监督管理局机关党委'],
  ['中国银行吕梁分行', 'enterprise', '中国银行吕梁分行党委'],
  ['离石区第一中学', 'institution', '离石区第一中学党总支'],
  ['吕梁市公安局离石分局', 'organ', '吕梁市公安局离石分局党委'],
  ['山西焦煤汾西矿业吕梁分公司', 'enterprise', '汾西矿业吕梁分公司党委'],
  ['离石区卫生健康局', 'organ', '离石区卫生健康局机关党支部'],
  ['吕梁市自来水公司', 'enterprise', '吕梁市自来水公司党总支'],
];
const CONTACTS = ['刘建国', '王海燕', '张志强', '李慧敏', '赵文斌', '郝晓东', '高丽萍', '薛红梅', '白永胜', '任俊杰', '冯秀英', '孙宏伟'];
const PREFIX = { organ: '11', institution: '12', enterprise: '91' } as const;
const NOTES = ['每月组织党员进社区开展志愿服务', '开放单位会议室供社区议事', '义诊和健康讲座', '暑期为社区孩子开设兴趣课', '协助排查老旧小区用电安全'];
const POST_SETS: MemberPost[][] = [['volunteer'], ['building_head', 'volunteer'], ['member_household'], ['volunteer'], ['branch_secretary'], ['building_head'], ['member_household', 'volunteer']];
const COMMENTS: Record<string, string> = {
  excellent: '认领岗位后积极履职，带头参加志愿服务', competent: '按时参加社区活动，完成认领岗位任务',
  basic: '参加活动次数偏少，希望多到社区服务', incompetent: '全年未参加社区活动',
};

export async function seedDualReportDemo(db: Kysely<DB>, cipher: PiiCipher, now = new Date()) {
  const home = await db.selectFrom('account as a').innerJoin('org_unit as c', 'c.id', 'a.scope_org_id')
    .select(['c.id', 'c.path', 'c.parent_id', 'c.county_code']).where('a.username', '=', 'secretary_binhe1').executeTakeFirst();
  if (!home) return { units: 0, pairings: 0 };
  const street = await db.selectFrom('org_unit').select(['id', 'path', 'parent_id']).where('id', '=', home.parent_id!).executeTakeFirstOrThrow();
  const county = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', street.parent_id!).executeTakeFirstOrThrow();
  const communities = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name'])
    .where('parent_id', '=', street.id).where('kind', '=', 'community').where('dissolved_at', 'is', null).orderBy('code').execute();
  const rng = new Rng(20261130);
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const secretary = await db.selectFrom('account').select('id').where('username', '=', 'secretary_binhe1').executeTakeFirstOrThrow();

  // The units: registered by 离石区 (the street registers the tax bureau, the one nearest 滨河).
  const units = await db.insertInto('work_unit').values(UNITS.map(([name, kind, party], i) => {
    const phone = `1393580${String(1000 + i * 37).padStart(4, '0')}`;
    const at = i === 0 ? street : county;
    return {
      org_id: at.id, org_path: at.path, county_code: county.county_code, name, kind, party_org_name: party,
      credit_code: `${PREFIX[kind]}141102MB${String(1000101 + i * 713).padStart(7, '0')}X`, contact_name: CONTACTS[i % CONTACTS.length]!,
      phone_enc: cipher.encrypt(phone), phone_hash: cipher.hash(phone), phone_mask: maskPhone(phone),
    };
  })).returning(['id', 'name']).execute();
  await db.updateTable('account').set({ work_unit_id: units[0]!.id, display_name: `${units[0]!.name}管理员` }).where('username', '=', 'unit_demo').execute();

  // Pairings: every unit with one to three of 滨河's communities, this year and last.
  const pairings: { work_unit_id: number; community_id: number; org_path: string; county_code: string; year: number; status: 'pending' | 'confirmed' | 'declined'; note: string;
    decline_reason: string | null; requested_at: Date; decided_by: number | null; decided_at: Date | null; grade: 'excellent' | 'competent' | 'basic' | null; grade_comment: string | null }[] = [];
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  units.forEach((u, i) => {
    const picks = new Set<number>([i % communities.length]);
    for (let k = rng.int(0, 2); k > 0; k--) picks.add(rng.int(0, communities.length - 1));
    for (const ci of picks) {
      const c = communities[ci]!;
      const onHome = c.id === home.id;
      // 龙凤社区 has two units waiting for its answer this year, and one it declined.
      const status = onHome && i >= 9 ? 'pending' : onHome && i === 8 ? 'declined' : 'confirmed';
      pairings.push({
        work_unit_id: u.id, community_id: c.id, org_path: c.path, county_code: c.county_code, year, status, note: NOTES[i % NOTES.length]!,
        decline_reason: status === 'declined' ? '本社区今年结对单位已满，建议与滨河街道其他社区结对' : null,
        requested_at: daysAgo(rng.int(20, 200)), decided_by: status === 'pending' ? null : secretary.id, decided_at: status === 'pending' ? null : daysAgo(rng.int(5, 19)),
        grade: null, grade_comment: null,
      });
      if (status === 'confirmed') {
        const grade = rng.pick(['excellent', 'competent', 'competent', 'basic'] as const);
        pairings.push({
          work_unit_id: u.id, community_id: c.id, org_path: c.path, county_code: c.county_code, year: year - 1, status: 'confirmed', note: NOTES[(i + 1) % NOTES.length]!,
          decline_reason: null, requested_at: daysAgo(rng.int(380, 500)), decided_by: secretary.id, decided_at: daysAgo(rng.int(370, 379)),
          grade, grade_comment: grade === 'excellent' ? '全年进社区服务十余次，解决了小区照明问题' : grade === 'basic' ? '结对活动偏少' : '按计划开展结对活动',
        });
      }
    }
  });
  await db.insertInto('unit_pairing').values(pairings.map((p) => ({ ...p, graded_by: p.grade ? secretary.id : null, graded_at: p.grade ? daysAgo(340) : null }))).execute();

  return { units: units.length, pairings: pairings.length };
}

/**
 * The members' side, after the volunteers demo: in-service members of 滨河's communities report
 * where they live, volunteers among them first (so their year shows hours), the rest 未参与.
 */
export async function seedDualReportMembersDemo(db: Kysely<DB>, now = new Date()) {
  const home = await db.selectFrom('account as a').innerJoin('org_unit as c', 'c.id', 'a.scope_org_id')
    .select(['c.id', 'c.path', 'c.parent_id', 'c.county_code']).where('a.username', '=', 'secretary_binhe1').executeTakeFirst();
  if (!home) return { reports: 0 };
  const communities = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name'])
    .where('parent_id', '=', home.parent_id!).where('kind', '=', 'community').where('dissolved_at', 'is', null).orderBy('code').execute();
  const units = await db.selectFrom('work_unit').select(['id', 'name']).where('county_code', '=', home.county_code).where('dissolved_at', 'is', null)
    .where('name', 'in', UNITS.map((u) => u[0])).orderBy('id').execute();
  if (!units.length) return { reports: 0 };
  const rng = new Rng(20261201);
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const secretary = await db.selectFrom('account').select('id').where('username', '=', 'secretary_binhe1').executeTakeFirstOrThrow();

  // member_demo is an in-service member (its report is left for the browser test).
  const memberDemo = await db.selectFrom('account').select('resident_id').where('username', '=', 'member_demo').executeTakeFirst();
  if (memberDemo?.resident_id) {
    await db.updateTable('party_member').set({ member_kind: 'in_service' }).where('resident_id', '=', memberDemo.resident_id).where('left_at', 'is', null).execute();
  }

  // A few dozen in-service members across 滨河's communities, living there.
  let reports = 0;
  for (const [ci, c] of communities.entries()) {
    const members = await db.selectFrom('party_member as pm').innerJoin('resident as r', 'r.id', 'pm.resident_id')
      .leftJoin('volunteer as v', 'v.resident_id', 'r.id')
      .select(['pm.id', 'pm.resident_id']).where('pm.member_kind', '=', 'in_service').where('pm.left_at', 'is', null)
      .where('r.moved_out_at', 'is', null).where('r.household_id', 'is not', null).where('r.org_path', 'like', `${c.path}%`)
      .$if(!!memberDemo?.resident_id, (q) => q.where('pm.resident_id', '!=', memberDemo!.resident_id!))
      .orderBy(sql`v.id IS NULL`).orderBy('pm.id').limit(c.id === home.id ? 14 : 6).execute();
    for (const [mi, m] of members.entries()) {
      const unit = mi % 7 === 6 ? null : units[(mi + ci * 3) % units.length]!;
      const unitName = unit?.name ?? rng.pick(['吕梁市城投建设有限公司', '离石区恒泰商贸有限公司', '吕梁市汽车运输公司']);
      const posts = POST_SETS[(mi + ci) % POST_SETS.length]!;
      // 龙凤社区 still has a few to confirm and one to look at again.
      const status: 'pending' | 'declined' | 'confirmed' = c.id === home.id && mi >= 11 ? 'pending' : c.id === home.id && mi === 10 ? 'declined' : 'confirmed';
      const lastYear = mi % 2 === 0;
      const rows = [
        ...(lastYear ? [{ y: year - 1, status: 'confirmed' as const, grade: rng.pick(['excellent', 'excellent', 'competent', 'competent', 'competent', 'basic'] as const) }] : []),
        { y: year, status, grade: status === 'confirmed' && mi % 3 === 0 ? rng.pick(['excellent', 'competent', 'competent', 'basic', 'incompetent'] as const) : null },
      ];
      for (const r of rows) {
        const submitted = r.y === year ? daysAgo(rng.int(3, 250)) : daysAgo(rng.int(380, 600));
        const report = await db.insertInto('member_report').values({
          party_member_id: m.id, resident_id: m.resident_id, account_id: null, community_id: c.id, org_path: c.path, county_code: c.county_code, year: r.y,
          work_unit_id: unit?.id ?? null, work_unit_name: unitName, status: r.status,
          decline_reason: r.status === 'declined' ? '工作单位名称与登记不符，请选择已登记的单位' : null, submitted_at: submitted,
          decided_by: r.status === 'pending' ? null : secretary.id, decided_at: r.status === 'pending' ? null : new Date(submitted.getTime() + 3 * 86_400_000),
          grade: r.grade, grade_comment: r.grade ? COMMENTS[r.grade]! : null, graded_by: r.grade ? secretary.id : null, graded_at: r.grade ? daysAgo(r.y === year ? 10 : 340) : null,
        }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('member_report_post').values(posts.map((post) => ({ report_id: report.id, post }))).execute();
        reports++;
      }
    }
  }
  // 龙凤社区 offers every post but 支部书记 (its branches have secretaries).
  await db.insertInto('member_post_offer').values((['building_head', 'member_household', 'volunteer'] as const).map((post) => ({
    community_id: home.id, org_path: home.path, county_code: home.county_code, post,
  }))).execute();
  return { reports };
}
