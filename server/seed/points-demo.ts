import { sql } from 'kysely';
import type { PointsHolderKind } from '../database.js';
import type { Database } from '../platform/db/connect.js';
import type { Actor } from '../platform/http/request-context.js';
import { ChainWriter, ENTRY_COPY_COLUMNS, finishBulkLoad, type BulkEntry } from '../modules/points/points-bulk.repository.js';
import { dayOf, prevMonth } from '../modules/points/points-common.js';
import { monthOf } from '../modules/points/points-ledger.repository.js';
import { closeMonthForMany } from '../modules/points/points-months.service.js';
import { fileObjection } from '../modules/points/points-objections.service.js';
import { DEFAULT_RULES } from '../modules/points/points-rules.repository.js';
import { findMigrations } from '../platform/db/migrate.js';
import { Rng, seedOf } from './prng.js';

/**
 * Points in the demo (离石区): every community on the shipped rules with base points, three
 * past months of approved records (一事一记) — the oldest two settled, the last one published
 * with its objection window open and one objection from resident_demo — and the current month
 * open with records waiting for review. Entries are chained and COPYed in bulk
 * (points-bulk.ts); the months are closed by the service's own close for many communities,
 * so the notices are what a close publishes.
 */

// A 1×1 PNG: the evidence photo behind every record whose item asks for one.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Item { id: number; code: string; name: string; points: number; direction: string; unit: string; cap: number | null; evidence: boolean }
interface Holder { kind: PointsHolderKind; id: number; orgPath: string }

/** Positive items by how often communities record them; penalties are rarer. */
const WEIGHTS: [string, number][] = [
  ['waste_sorting', 22], ['community_activity', 18], ['volunteer_service', 16], ['frontage_upkeep', 10], ['neighbour_help', 8],
  ['suggestion', 5], ['civility', 4], ['dispute_mediation', 3], ['good_deed', 2], ['commendation', 1],
  ['public_space', 4], ['littering', 3], ['unsafe_charging', 2], ['public_morals', 1], ['non_cooperation', 1],
];
const NOTES: Record<string, string[]> = {
  waste_sorting: ['垃圾分类投放准确', '主动分拣可回收物'], community_activity: ['参加重阳节敬老活动', '参加社区消防演练', '参加“邻里节”活动'],
  volunteer_service: ['小区环境清扫', '疫苗接种点引导', '助老送餐'], frontage_upkeep: ['门前三包落实到位'], neighbour_help: ['帮独居老人买菜', '帮邻居修水管'],
  suggestion: ['建议增设非机动车充电桩'], civility: ['婚事新办、不收彩礼'], dispute_mediation: ['调解楼上楼下漏水纠纷'], good_deed: ['拾金不昧'],
  commendation: ['获评区级“好邻居”'], public_space: ['楼道堆放纸箱', '车辆占用消防通道'], littering: ['乱扔垃圾'],
  unsafe_charging: ['私拉电线给电动车充电'], public_morals: ['在公共场所吵闹'], non_cooperation: ['拒不配合燃气安全检查'],
};

const at = (month: string, day: number, hour: number) =>
  new Date(`${month}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String((day * 7 + hour * 13) % 60).padStart(2, '0')}:00+08:00`);
const daysIn = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

export async function seedPointsDemo(database: Database, now = new Date()) {
  const { db } = database;
  const lishi = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('kind', '=', 'county').where('code', '=', '141102').executeTakeFirst();
  if (!lishi) return;
  const communities = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name', 'depth'])
    .where('kind', '=', 'community').where('path', 'like', `${lishi.path}%`).orderBy('id').execute();
  const accounts = new Map((await db.selectFrom('account').select(['id', 'username', 'display_name', 'role', 'resident_id', 'merchant_id'])
    .where('username', 'in', ['county_lishi', 'secretary_binhe1', 'worker_binhe1', 'grid_binhe1', 'resident_demo', 'merchant_demo']).execute()).map((a) => [a.username, a]));
  const county = accounts.get('county_lishi');
  if (!communities.length || !county) return;
  const worker = accounts.get('worker_binhe1')?.id ?? county.id;
  const gridWorker = accounts.get('grid_binhe1')?.id ?? worker;
  const secretary = accounts.get('secretary_binhe1')?.id ?? county.id;
  const home = accounts.get('resident_demo')?.resident_id
    ? await db.selectFrom('resident').select('household_id').where('id', '=', accounts.get('resident_demo')!.resident_id!).executeTakeFirst()
    : undefined;
  const ids = communities.map((c) => c.id);
  await restoreShippedItems(database);

  // Every 离石区 community adopts the shipped rules as its own.
  await db.insertInto('points_rule_set').values(communities.map((c) => ({
    community_id: c.id, org_path: c.path, county_code: c.county_code, base_household: DEFAULT_RULES.baseHousehold,
    base_merchant: DEFAULT_RULES.baseMerchant, objection_days: DEFAULT_RULES.objectionDays, customized: true, updated_by: county.id, updated_at: now,
  }))).execute();
  const start = at(prevMonth(prevMonth(prevMonth(monthOf(now)))), 1, 8);
  await sql`
    INSERT INTO points_rule_item (community_id, org_path, county_code, code, version, name, direction, category, points, unit,
                                  monthly_cap, evidence_required, recorder_roles, active, sort, valid_from, created_by)
    SELECT c.id, c.path, c.county_code, i.code, i.version, i.name, i.direction, i.category, i.points, i.unit, i.monthly_cap,
           i.evidence_required, i.recorder_roles, i.active, i.sort, ${start}, ${county.id}
    FROM org_unit c CROSS JOIN points_rule_item i
    WHERE c.id IN (${sql.join(ids)}) AND i.community_id IS NULL AND i.valid_to IS NULL`.execute(db);
  const itemRows = await db.selectFrom('points_rule_item')
    .select(['id', 'community_id', 'code', 'name', 'points', 'direction', 'unit', 'monthly_cap', 'evidence_required'])
    .where('community_id', 'in', ids).execute();
  const itemsOf = new Map<number, Map<string, Item>>();
  for (const r of itemRows) {
    const m = itemsOf.get(r.community_id!) ?? new Map<string, Item>();
    m.set(r.code, { id: r.id, code: r.code, name: r.name, points: r.points, direction: r.direction, unit: r.unit, cap: r.monthly_cap, evidence: r.evidence_required });
    itemsOf.set(r.community_id!, m);
  }

  // Paths are ids from the root: a community's id is the path segment at its depth.
  const depth = communities[0]!.depth;
  const holdersOf = new Map<number, Holder[]>(ids.map((id) => [id, []]));
  const [households, merchants] = await Promise.all([
    sql<{ id: number; org_path: string; community_id: number }>`
      SELECT id, org_path, split_part(org_path, '.', ${depth + 1})::int AS community_id FROM household
      WHERE org_path LIKE ${`${lishi.path}%`} AND kind = 'residence' ORDER BY id`.execute(db),
    sql<{ id: number; org_path: string; community_id: number }>`
      SELECT id, org_path, split_part(org_path, '.', ${depth + 1})::int AS community_id FROM merchant
      WHERE org_path LIKE ${`${lishi.path}%`} ORDER BY id`.execute(db),
  ]);
  for (const h of households.rows) holdersOf.get(h.community_id)?.push({ kind: 'household', id: h.id, orgPath: h.org_path });
  for (const m of merchants.rows) holdersOf.get(m.community_id)?.push({ kind: 'merchant', id: m.id, orgPath: m.org_path });

  const photo = await db.insertInto('attachment').values({
    county_code: lishi.county_code, org_path: lishi.path, uploader_account_id: worker, content_type: 'image/png', size_bytes: PHOTO.length,
    sha256: 'seed-points-evidence', data: PHOTO,
  }).returning('id').executeTakeFirstOrThrow();

  const m0 = monthOf(now);
  const past = [prevMonth(prevMonth(prevMonth(m0))), prevMonth(prevMonth(m0)), prevMonth(m0)];
  const today = Number(dayOf(now).slice(8, 10));
  const entryRows: unknown[][] = [];
  const recordRows: unknown[][] = [];
  const links: { attachment_id: number; entity: string; entity_id: number; org_path: string; county_code: string }[] = [];
  const chains: ChainWriter[] = [];
  let entryId = 0;
  let recordId = 0;
  let objectionRecord: number | null = null;

  for (const c of communities) {
    const rng = new Rng(seedOf('points-demo', c.id));
    const holders = holdersOf.get(c.id)!;
    const items = itemsOf.get(c.id)!;
    const chain = new ChainWriter(c.id, c.county_code);
    chains.push(chain);
    const mine = holders.find((h) => h.kind === 'household' && h.id === home?.household_id);
    const shop = holders.find((h) => h.kind === 'merchant' && h.id === accounts.get('merchant_demo')?.merchant_id);
    const byWorker = mine ? worker : null;
    const events: { at: Date; e: BulkEntry }[] = [];
    for (const h of holders) {
      events.push({ at: start, e: { holderKind: h.kind, holderId: h.id, orgPath: h.orgPath, amount: h.kind === 'household' ? DEFAULT_RULES.baseHousehold : DEFAULT_RULES.baseMerchant, kind: 'base', month: past[0]!, note: '基础分', createdBy: county.id, at: start } });
    }
    const used = new Map<string, number>();
    const add = (month: string, h: Holder, item: Item, day: number, status: 'approved' | 'pending', note?: string) => {
      const quantity = item.unit === 'hours' ? rng.int(1, 4) : 1;
      const pts = item.points * quantity;
      const k = `${h.kind}:${h.id}:${item.code}:${month}`;
      if (item.cap != null && (used.get(k) ?? 0) + pts > item.cap) return null;
      used.set(k, (used.get(k) ?? 0) + pts);
      const signed = item.direction === 'positive' ? pts : -pts;
      const recordedAt = new Date(Math.min(at(month, day, 10 + rng.int(0, 6)).getTime(), now.getTime() - 600_000));
      const id = ++recordId;
      const text = note ?? rng.pick(NOTES[item.code] ?? ['']);
      let entry: number | null = null;
      let reviewedAt: Date | null = null;
      if (status === 'approved') {
        reviewedAt = new Date(recordedAt.getTime() + rng.int(2, 48) * 3600_000);
        const last = at(month, daysIn(month), 20);
        if (reviewedAt > last) reviewedAt = last;
        if (reviewedAt > now) reviewedAt = new Date(now.getTime() - 3600_000);
        entry = -1; // numbered below, once the community's entries are in time order
        events.push({ at: reviewedAt, e: {
          holderKind: h.kind, holderId: h.id, orgPath: h.orgPath, amount: signed,
          kind: item.code === 'volunteer_service' ? 'volunteer' : signed > 0 ? 'deed' : 'penalty', month, ruleItemId: item.id, recordId: id,
          note: `${item.name}：${text}`, createdBy: byWorker ? secretary : null, at: reviewedAt,
        } });
      }
      recordRows.push([
        id, c.id, h.orgPath, c.county_code, h.kind, h.id, item.id, quantity, signed, `${month}-${String(day).padStart(2, '0')}`, month, text,
        JSON.stringify(item.evidence ? [photo.id] : []), status, 'record', byWorker ? (rng.chance(0.6) ? gridWorker : worker) : null,
        recordedAt.toISOString(), status === 'approved' ? (byWorker ? secretary : null) : null, reviewedAt?.toISOString() ?? null, null, entry, null,
      ]);
      if (item.evidence) links.push({ attachment_id: photo.id, entity: 'points_record', entity_id: id, org_path: h.orgPath, county_code: c.county_code });
      return id;
    };
    const pickItem = () => {
      let x = rng.next() * WEIGHTS.reduce((s, [, w]) => s + w, 0);
      for (const [code, w] of WEIGHTS) if ((x -= w) < 0) return items.get(code)!;
      return items.get('waste_sorting')!;
    };
    const households = holders.filter((h) => h.kind === 'household');
    const perMonth = Math.min(60, Math.max(12, Math.round(households.length * 0.12)));
    for (const month of past) {
      for (let i = 0; i < perMonth; i++) {
        const h = rng.chance(0.1) && holders.length > households.length ? rng.pick(holders.slice(households.length)) : rng.pick(households);
        add(month, h, pickItem(), rng.int(1, 28), 'approved');
      }
    }
    for (let i = 0; i < Math.round(perMonth / 2); i++) {
      const day = rng.int(1, today);
      add(m0, rng.pick(households), pickItem(), day, day < today - 1 ? 'approved' : 'pending');
    }
    for (let i = 0; i < 3; i++) add(m0, rng.pick(households), pickItem(), today, 'pending');
    if (mine) {
      // resident_demo's household: a volunteer every month, good deeds, and last month a penalty it disputes.
      for (const month of past) {
        add(month, mine, items.get('volunteer_service')!, 6, 'approved', '小区环境清扫');
        add(month, mine, items.get('waste_sorting')!, 12, 'approved');
        add(month, mine, items.get('neighbour_help')!, 18, 'approved', '帮独居老人买菜');
      }
      objectionRecord = add(past[2]!, mine, items.get('public_space')!, 20, 'approved', '楼道堆放纸箱');
      add(m0, mine, items.get('community_activity')!, today, 'pending', '参加社区消防演练');
    }
    if (shop) {
      // merchant_demo's shop: 门前三包 every month and one good deed, so it has earned points to spend.
      for (const month of past) add(month, shop, items.get('frontage_upkeep')!, 9, 'approved', '门前积雪清扫干净');
      add(past[1]!, shop, items.get('good_deed')!, 15, 'approved', '为环卫工人免费提供热水');
      add(past[2]!, shop, items.get('volunteer_service')!, 22, 'approved', '社区义诊活动提供场地');
    }
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const { e } of events) {
      const id = ++entryId;
      entryRows.push(chain.row(id, e));
      if (e.recordId) {
        const r = recordRows[e.recordId - 1]!;
        r[20] = id;
      }
    }
  }

  await database.copyRows('points_entry', ENTRY_COPY_COLUMNS, entryRows);
  await database.copyRows('points_record', [
    'id', 'community_id', 'org_path', 'county_code', 'holder_kind', 'holder_id', 'item_id', 'quantity', 'points', 'occurred_on', 'month',
    'note', 'photo_ids', 'status', 'source', 'recorded_by', 'recorded_at', 'reviewed_by', 'reviewed_at', 'review_note', 'entry_id', 'client_id',
  ], recordRows);
  for (let i = 0; i < links.length; i += 1000) await db.insertInto('attachment_link').values(links.slice(i, i + 1000)).execute();
  await finishBulkLoad(db, chains);
  await sql`SELECT setval(pg_get_serial_sequence('points_record', 'id'), GREATEST((SELECT max(id) FROM points_record), 1))`.execute(db);
  await sql`INSERT INTO points_base_grant (holder_kind, holder_id, community_id, granted_at)
    SELECT holder_kind, holder_id, community_id, min(created_at) FROM points_entry WHERE kind = 'base' GROUP BY 1, 2, 3`.execute(db);

  // 一月一示: the past months closed and published, the oldest two settled, the last one
  // inside its objection window.
  const actor: Actor = { accountId: county.id, username: county.username, displayName: county.display_name, role: county.role, ip: '127.0.0.1' };
  const lastClose = new Date(Math.min(now.getTime(), Math.max(at(m0, 1, 1).getTime(), now.getTime() - 86400_000)));
  const closeTimes = [at(past[1]!, 3, 10), at(past[2]!, 3, 10), lastClose];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < past.length; i++) await closeMonthForMany(trx, actor, communities, past[i]!, closeTimes[i]!);
    // The two older windows are long over: settled, as their jobs would do.
    await trx.updateTable('points_month').set({ status: 'settled', settled_at: now })
      .where('community_id', 'in', ids).where('month', 'in', past.slice(0, 2)).where('status', '=', 'closed').execute();
  });
  const resident = accounts.get('resident_demo');
  const mineCommunity = communities.find((c) => holdersOf.get(c.id)!.some((h) => h.kind === 'household' && h.id === home?.household_id));
  if (resident && objectionRecord && mineCommunity) {
    await fileObjection({ db, clock: { now: () => now } },
      { accountId: resident.id, username: resident.username, displayName: resident.display_name, role: resident.role, ip: '127.0.0.1' },
      { communityId: mineCommunity.id, month: past[2]!, recordId: objectionRecord, reason: '纸箱是楼上邻居搬家时放的，不是我家的，请核实' });
  }
  return { communities: communities.length, entries: entryRows.length, records: recordRows.length };
}

/**
 * The shipped rule items are rows written by migration 0032. Truncating the org tree with
 * CASCADE (as re-seeding tests do) takes them along, since items reference communities; this
 * puts them back from that same migration, the one source of the defaults.
 */
async function restoreShippedItems(database: Database) {
  const any = await database.db.selectFrom('points_rule_item').select('id').where('community_id', 'is', null).limit(1).executeTakeFirst();
  if (any) return;
  const m = findMigrations().find((f) => f.name.startsWith('0032-'));
  if (m) await database.rawTransaction((tx) => tx.exec(m.sql));
}
