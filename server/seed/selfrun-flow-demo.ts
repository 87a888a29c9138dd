import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { castIn, closeVoteNow, PROXY_FILES, VOTE_TICK } from '../modules/selfrun/votes.service.js';
import { scheduleJob } from '../platform/jobs.js';
import { addDays, chinaDay, ManualClock } from '../platform/clock.js';

const DAY = 86_400_000;
// A 1×1 PNG standing in for the photographed 委托书.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * Two small unmanaged compounds of 龙凤社区 for the ten steps end to end (issue 15):
 *  - 翠苑小区: three flats, no process yet. Two of its owners sign in on the phone (owner_cuiyuan1,
 *    owner_cuiyuan2, demo accounts linked here to their residents), the third votes on paper — a quorum a community can really reach in a day.
 *  - 安居小区: three flats whose owners voted for self-run a month ago; the result was published and
 *    its 公示 ran from 20 days ago, so the community may now file it (社区党委备案) and go on.
 *  - 康宁小区: three flats run by their owners with a three-member 业委会 whose chair signs in on the
 *    phone (committee_kangning) and keeps the public account; nothing recorded yet. Its announced
 *    vote on renewing the cleaner has a written proxy (1号楼201 to the owner of 1号楼102) to withdraw.
 * Runs after seedSelfrunStepsDemo. Small on purpose: demo scale only.
 */
export async function seedSelfrunFlowDemo(db: Kysely<DB>, now = new Date()) {
  const staff = await db.selectFrom('account').select(['id', 'display_name', 'scope_org_id']).where('username', '=', 'secretary_binhe1').executeTakeFirst();
  const worker = await db.selectFrom('account').select('id').where('username', '=', 'worker_binhe1').executeTakeFirst();
  if (!staff?.scope_org_id || !worker) return { compounds: 0 };
  const community = await db.selectFrom('org_unit').select(['id', 'code', 'path', 'depth', 'county_code']).where('id', '=', staff.scope_org_id).executeTakeFirstOrThrow();
  // Residents of 龙凤社区 without an account, as the owners.
  const people = await db.selectFrom('resident as r').innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['r.id', 'r.name', 'h.org_path']).where('h.org_path', 'like', `${community.path}%`).where('r.moved_out_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('account as a').select('a.id').whereRef('a.resident_id', '=', 'r.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('unit_owner as o').select('o.id').whereRef('o.resident_id', '=', 'r.id'))))
    .orderBy('r.id').limit(9).execute();
  if (people.length < 9) return { compounds: 0 };
  const day = (n: number) => chinaDay(new Date(now.getTime() - n * DAY));

  // The new compounds sit just east of the community's grids, each a small square of its own
  // (an outline, a building with three flats on the register, a party branch: what every grid has).
  type Ring = [number, number][];
  const outlines = await db.selectFrom('org_unit').select('geometry').where('parent_id', '=', community.id).where('kind', '=', 'grid').execute();
  const points = outlines.flatMap((g) => ((g.geometry as { coordinates?: Ring[] } | null)?.coordinates?.[0] ?? []));
  const east = points.length ? Math.max(...points.map((pt) => pt[0])) : 111.14;
  const midLat = points.length ? (Math.min(...points.map((pt) => pt[1])) + Math.max(...points.map((pt) => pt[1]))) / 2 : 37.52;
  const committee = await db.selectFrom('party_org').select('id').where('org_id', '=', community.id).where('kind', '=', 'committee')
    .where('dissolved_at', 'is', null).executeTakeFirst();
  const LABELS = ['1号楼101', '1号楼102', '1号楼201'] as const;
  const AREAS = [85.5, 92, 78] as const;

  const compound = async (seq: number, name: string, mode: 'none' | 'self_run' = 'none') => {
    const x0 = east + 0.001 + (seq - 1) * 0.0015;
    const ring: Ring = [[x0, midLat], [x0 + 0.001, midLat], [x0 + 0.001, midLat + 0.001], [x0, midLat + 0.001], [x0, midLat]];
    // Codes as the register writes them: county + community + a two-digit grid number (9x: added here), building +3, unit +2.
    const code = `${community.county_code}${community.code}9${seq}`;
    const { id } = await db.insertInto('org_unit').values({
      parent_id: community.id, kind: 'grid', code, name, path: `tmp-${code}`, depth: community.depth + 1,
      county_code: community.county_code, grid_type: 'enclosed', geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
    }).returning('id').executeTakeFirstOrThrow();
    const path = `${community.path}${id}.`;
    await db.updateTable('org_unit').set({ path }).where('id', '=', id).execute();
    const building = await db.insertInto('org_unit').values({
      parent_id: id, kind: 'building', code: `${code}001`, name: '1号楼', path: `tmp-${code}001`, depth: community.depth + 2, county_code: community.county_code,
    }).returning('id').executeTakeFirstOrThrow();
    const buildingPath = `${path}${building.id}.`;
    await db.updateTable('org_unit').set({ path: buildingPath }).where('id', '=', building.id).execute();
    const unit = await db.insertInto('org_unit').values({
      parent_id: building.id, kind: 'unit', code: `${code}00101`, name: '1单元', path: `tmp-${code}00101`, depth: community.depth + 3, county_code: community.county_code,
    }).returning('id').executeTakeFirstOrThrow();
    const unitPath = `${buildingPath}${unit.id}.`;
    await db.updateTable('org_unit').set({ path: unitPath }).where('id', '=', unit.id).execute();
    const homes = await db.insertInto('household').values(LABELS.map((label, i) => ({
      unit_id: unit.id, org_path: unitPath, county_code: community.county_code, room: label.slice(-3), address: `${name}${label}`, area_m2: AREAS[i], kind: 'residence' as const,
    }))).returning('id').execute();
    if (committee) {
      await db.insertInto('party_org').values({ parent_id: committee.id, kind: 'branch', name: `${name}党支部`, org_id: id, org_path: path, county_code: community.county_code }).execute();
    }
    await db.insertInto('compound_profile').values({ compound_id: id, org_path: path, county_code: community.county_code, mode, mode_since: day(400), updated_by: staff.id }).execute();
    return { id, path, county_code: community.county_code, homes: homes.map((h) => h.id) };
  };
  const flats = async (g: { id: number; path: string; county_code: string; homes: number[] }, owners: typeof people) => {
    const ids: number[] = [];
    for (const [i, label] of LABELS.entries()) {
      const o = owners[i]!;
      const { id } = await db.insertInto('owned_unit').values({ compound_id: g.id, household_id: g.homes[i] ?? null, org_path: g.path, county_code: g.county_code, label, area_m2: AREAS[i] }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('unit_owner').values({ owned_unit_id: id, compound_id: g.id, org_path: g.path, county_code: g.county_code, owner_key: `resident:${o.id}`, resident_id: o.id, name: o.name, since: day(3000) }).execute();
      ids.push(id);
    }
    return ids;
  };

  // 翠苑小区 and the two owners who vote on the phone.
  const cuiyuan = await compound(1, '翠苑小区');
  await flats(cuiyuan, people.slice(0, 3));
  for (const [i, p] of people.slice(0, 2).entries()) {
    const home = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('path', '=', p.org_path).executeTakeFirst();
    await db.updateTable('account').set({ display_name: p.name, resident_id: p.id, scope_org_id: home?.id ?? cuiyuan.id, scope_path: home?.path ?? cuiyuan.path })
      .where('username', '=', `owner_cuiyuan${i + 1}`).execute();
  }

  // 安居小区: a month ago its owners voted (on paper) to run it themselves; published, 公示 from 20 days ago.
  const anju = await compound(2, '安居小区');
  const units = await flats(anju, people.slice(3, 6));
  const opens = new Date(now.getTime() - 30 * DAY);
  const closes = new Date(now.getTime() - 23 * DAY);
  const { id: voteId } = await db.insertInto('owner_vote').values({
    compound_id: anju.id, org_path: anju.path, county_code: anju.county_code, title: '实行居民自办物业', status: 'open',
    announced_at: new Date(opens.getTime() - 16 * DAY), opens_at: opens, closes_at: closes, created_by: staff.id, created_at: new Date(opens.getTime() - 17 * DAY),
  }).returning('id').executeTakeFirstOrThrow();
  const [matter] = await db.insertInto('owner_vote_matter').values({ vote_id: voteId, seq: 1, title: '本小区实行居民自办物业管理', kind: 'ordinary', purpose: 'self_run' }).returning('id').execute();
  await db.transaction().execute(async (trx) => {
    const v = await trx.selectFrom('owner_vote').selectAll().where('id', '=', voteId).executeTakeFirstOrThrow();
    for (const u of units) await castIn(trx, v, [u], new Map([[matter!.id, 'agree']]), 'paper', worker.id, new Date(opens.getTime() + DAY));
  });
  await closeVoteNow({ db, clock: new ManualClock(closes) }, voteId);
  await db.updateTable('owner_vote').set({ status: 'published', published_at: new Date(now.getTime() - 21 * DAY) }).where('id', '=', voteId).execute();
  await db.insertInto('selfrun_process').values({
    compound_id: anju.id, org_path: anju.path, county_code: anju.county_code, step: 'filing', started_by: staff.id, started_at: new Date(now.getTime() - 60 * DAY), updated_at: new Date(now.getTime() - 20 * DAY),
  }).execute();
  const rec = { compound_id: anju.id, org_path: anju.path, county_code: anju.county_code, completed_by: staff.id, completed_by_name: staff.display_name, completed_as: 'staff' as const };
  await db.insertInto('selfrun_step_record').values([
    { ...rec, step: 'motion', note: '小区无物业管理多年，三户业主联名提议实行居民自办物业', proposer: '三户业主', completed_at: new Date(now.getTime() - 60 * DAY) },
    { ...rec, step: 'consultation', note: '入户征求意见3户，均同意', date_from: day(55), date_to: day(50), completed_at: new Date(now.getTime() - 50 * DAY) },
    { ...rec, step: 'vote', note: '业主表决通过实行居民自办物业', vote_id: voteId, completed_at: new Date(now.getTime() - 22 * DAY) },
    { ...rec, step: 'vote_notice', note: '表决结果在小区公告栏公示', vote_id: voteId, date_from: day(20), date_to: addDays(day(20), 15), completed_at: new Date(now.getTime() - 20 * DAY) },
  ]).execute();

  // 康宁小区: self-run, its 业委会's chair keeps the account on the phone.
  const kangning = await compound(3, '康宁小区', 'self_run');
  await flats(kangning, people.slice(6, 9));
  const chair = people[6]!;
  const chairHome = await db.selectFrom('org_unit').select(['id', 'path']).where('path', '=', chair.org_path).executeTakeFirst();
  await db.updateTable('account').set({ display_name: chair.name, resident_id: chair.id, scope_org_id: chairHome?.id ?? kangning.id, scope_path: chairHome?.path ?? kangning.path })
    .where('username', '=', 'committee_kangning').execute();
  const year = Number(chinaDay(now).slice(0, 4));
  const term = { compound_id: kangning.id, org_path: kangning.path, county_code: kangning.county_code, committee: 'owners' as const, member_kind: 'owner' as const,
    term_from: day(200), term_to: `${year + 4}-12-31`, created_by: staff.id };
  await db.insertInto('committee_member').values(people.slice(6, 9).map((p, i) => ({ ...term, role: i === 0 ? 'chair' as const : 'member' as const, resident_id: p.id, name: p.name }))).execute();
  const units3 = await db.selectFrom('owned_unit').select(['id', 'label']).where('compound_id', '=', kangning.id).orderBy('label').execute();
  const opensK = new Date(now.getTime() + 16 * DAY);
  const closesK = new Date(now.getTime() + 23 * DAY);
  const { id: kVote } = await db.insertInto('owner_vote').values({
    compound_id: kangning.id, org_path: kangning.path, county_code: kangning.county_code, title: '续聘小区保洁员', status: 'announced',
    announced_at: now, opens_at: opensK, closes_at: closesK, created_by: staff.id, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('owner_vote_matter').values({ vote_id: kVote, seq: 1, title: '续聘现保洁员一年，月薪800元', kind: 'ordinary', purpose: 'other' }).execute();
  for (const [key, at] of [['open', opensK], ['close', closesK]] as const) {
    await scheduleJob(db, { kind: VOTE_TICK, runAt: at, payload: { voteId: kVote }, countyCode: kangning.county_code, dedupeKey: `owner_vote:${kVote}:${key}` });
  }
  const { id: photo } = await db.insertInto('attachment').values({
    county_code: kangning.county_code, org_path: kangning.path, uploader_account_id: staff.id, content_type: 'image/png', size_bytes: PHOTO.length,
    sha256: createHash('sha256').update(PHOTO).update(`proxy:${kVote}`).digest('hex'), data: PHOTO, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const { id: proxyId } = await db.insertInto('owner_vote_proxy').values({
    vote_id: kVote, owned_unit_id: units3.find((u) => u.label === '1号楼201')!.id, proxy_resident_id: people[7]!.id, proxy_name: people[7]!.name,
    photo_id: photo, created_by: staff.id, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('attachment_link').values({ attachment_id: photo, entity: PROXY_FILES, entity_id: proxyId, org_path: kangning.path, county_code: kangning.county_code }).execute();
  return { compounds: 3 };
}
