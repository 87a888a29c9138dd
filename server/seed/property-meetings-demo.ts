import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { addMonths, chinaMonth } from '../modules/property/meetings-months.js';
import { fillAgenda } from '../modules/property/meetings.repository.js';
import { chinaDay } from '../platform/clock.js';

/**
 * 三方协调月例会 for the demo: the last three months of 龙凤社区's compounds' meetings — one compound
 * missed a month, the company stayed away once — with tasks mostly done and a few still open,
 * carried onto this month's agenda. This month 龙凤社区's first compound (property_demo's and
 * resident_demo's) has its meeting planned, not yet held: the browser test holds it.
 */
const TASKS = [
  { title: '修复地下车库漏水点并做好防水', owner: 'company' as const },
  { title: '清理楼道堆放杂物，消除消防隐患', owner: 'community' as const },
  { title: '公示上半年物业费收支情况', owner: 'company' as const },
  { title: '协调业主增设电动车充电桩', owner: 'owners_committee' as const },
  { title: '更换小区东门损坏的道闸', owner: 'company' as const },
  { title: '组织业主代表查看二次供水水箱清洗', owner: 'person' as const },
];

export async function seedPropertyMeetingsDemo(db: Kysely<DB>, now = new Date()) {
  const secretary = await db.selectFrom('account').select(['id', 'scope_path']).where('username', '=', 'secretary_binhe1').executeTakeFirst();
  const demo = await db.selectFrom('account').select(['scope_org_id']).where('username', '=', 'property_demo').executeTakeFirst();
  if (!secretary || !demo) return { meetings: 0, tasks: 0 };
  const community = await db.selectFrom('org_unit').select(['id', 'name', 'path']).where('path', '=', secretary.scope_path).executeTakeFirstOrThrow();
  const compounds = await db.selectFrom('org_unit').select(['id', 'path', 'county_code'])
    .where('kind', '=', 'grid').where('grid_type', '=', 'enclosed').where('dissolved_at', 'is', null).where('path', 'like', `${community.path}%`)
    .orderBy('path').execute();
  // The demo account's compound first: it is the one whose meeting is still to be held.
  compounds.sort((a, b) => Number(b.id === demo.scope_org_id) - Number(a.id === demo.scope_org_id));
  const contracts = await db.selectFrom('property_contract as k').innerJoin('property_company as c', 'c.id', 'k.company_id')
    .select(['k.compound_id', 'c.id', 'c.name']).where('k.status', '=', 'active').where('k.compound_id', 'in', compounds.length ? compounds.map((c) => c.id) : [0]).execute();
  const companyOf = new Map(contracts.map((c) => [c.compound_id, c]));
  const current = chinaMonth(now);
  let meetings = 0;
  let tasks = 0;
  let n = 0;
  for (const k of [3, 2, 1]) {
    const month = addMonths(current, -k);
    for (const [i, g] of compounds.entries()) {
      if (i === 1 && k === 2) continue; // the second compound did not meet that month
      const company = companyOf.get(g.id);
      const heldAt = new Date(`${month}-${String(12 + i).padStart(2, '0')}T15:00:00+08:00`);
      const present = company ? !(i === 0 && k === 3) : null; // the company stayed away once
      const { id } = await db.insertInto('property_meeting').values({
        compound_id: g.id, org_path: g.path, county_code: g.county_code, month, status: 'planned', scheduled_at: heldAt,
        company_id: company?.id ?? null, created_by: secretary.id,
      }).returning('id').executeTakeFirstOrThrow();
      await fillAgenda(db, { id, compound_id: g.id, org_path: g.path, county_code: g.county_code, month }, secretary.id);
      await db.insertInto('property_meeting_attendee').values([
        { meeting_id: id, org_path: g.path, county_code: g.county_code, party: 'community', name: `${community.name}党委`, present: true },
        { meeting_id: id, org_path: g.path, county_code: g.county_code, party: 'owners_committee', name: '业委会主任 郭建华', present: true },
        ...(company ? [{ meeting_id: id, org_path: g.path, county_code: g.county_code, party: 'company' as const, name: `${company.name}项目经理`, present: present! }] : []),
        { meeting_id: id, org_path: g.path, county_code: g.county_code, party: 'resident_rep', name: '居民代表 李桂兰', present: true },
      ]).execute();
      await db.updateTable('property_meeting').set({
        status: 'held', held_at: heldAt, company_present: present,
        minutes: `${month} 三方协调会：通报上月事项办理情况，研究本月居民反映的物业问题，形成决议事项。`,
      }).where('id', '=', id).execute();
      meetings++;
      for (let j = 0; j < 2; j++) {
        const spec = TASKS[n++ % TASKS.length]!;
        const owner = spec.owner === 'company' && !company ? 'community' : spec.owner;
        // Tasks of the last two months before last are done, but one; last month's stay open and carry over.
        const done = k > 1 && !(k === 2 && j === 1);
        const closedAt = new Date(`${addMonths(month, 1)}-0${3 + j}T10:00:00+08:00`);
        await db.insertInto('property_meeting_task').values({
          meeting_id: id, compound_id: g.id, org_path: g.path, county_code: g.county_code, title: spec.title, owner_kind: owner,
          owner_name: owner === 'company' ? company!.name : owner === 'community' ? community.name : owner === 'owners_committee' ? '业主委员会' : '物业管家 张敏',
          company_id: owner === 'company' ? company!.id : null, deadline: chinaDay(new Date(heldAt.getTime() + 20 * 86_400_000)), demand_id: null,
          status: done ? 'done' : 'open', closed_at: done ? closedAt : null, closed_by: done ? secretary.id : null, created_by: secretary.id,
        }).execute();
        tasks++;
      }
    }
  }
  // This month: the first compound's meeting planned for tonight, its agenda built from what is open.
  const first = compounds[0];
  if (first) {
    const { id } = await db.insertInto('property_meeting').values({
      compound_id: first.id, org_path: first.path, county_code: first.county_code, month: current, status: 'planned',
      scheduled_at: new Date(`${chinaDay(now)}T19:00:00+08:00`), company_id: companyOf.get(first.id)?.id ?? null, created_by: secretary.id,
    }).returning('id').executeTakeFirstOrThrow();
    const resident = await db.selectFrom('account').select(['resident_id']).where('username', '=', 'resident_demo').executeTakeFirst();
    const person = resident?.resident_id ? await db.selectFrom('resident').select(['id', 'name']).where('id', '=', resident.resident_id).executeTakeFirst() : undefined;
    await db.insertInto('property_proposal').values({
      compound_id: first.id, org_path: first.path, county_code: first.county_code, resident_id: person?.id ?? null, author_name: person?.name ?? '居民',
      content: '3号楼单元门门禁经常失灵，希望物业尽快维修', created_by: secretary.id,
    }).execute();
    await fillAgenda(db, { id, compound_id: first.id, org_path: first.path, county_code: first.county_code, month: current }, secretary.id);
    meetings++;
  }
  return { meetings, tasks };
}
