import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { chinaDay } from '../platform/clock.js';
import { scheduleJob } from '../platform/jobs.js';
import { placesOnPath } from '../platform/org-units.js';

const DAY = 86_400_000;

/** A 1×1 PNG standing in for the photos members upload when they fulfil a wish. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type Kind = 'elderly_alone' | 'child_in_need' | 'disabled' | 'other';
interface Plan {
  title: string;
  description: string;
  kind: Kind;
  budget: number;
  /** Days from now the wish is due; negative for done ones. */
  by: number;
  state: 'open' | 'claimed' | 'fulfilled' | 'confirmed' | 'withdrawn';
  /** Who claimed it (a demo account), for claimed, fulfilled and confirmed wishes. */
  claimer?: 'member_demo' | 'resident_demo';
  /** Days ago it was posted. */
  posted: number;
}

/** 龙凤社区's wishes: open on the wall, one claimed, one waiting for confirmation, several done this year, one withdrawn. */
const LONGFENG: Plan[] = [
  { title: '想要一台收音机', description: '老人独居，眼睛不好，想听戏曲和新闻', kind: 'elderly_alone', budget: 120, by: 20, state: 'open', posted: 3 },
  { title: '想要一副老花镜', description: '原来的眼镜摔坏了，看药盒上的字很吃力', kind: 'elderly_alone', budget: 80, by: 15, state: 'open', posted: 5 },
  { title: '想要一套课外读物', description: '孩子上小学四年级，家里没有课外书', kind: 'child_in_need', budget: 150, by: 25, state: 'open', posted: 2 },
  { title: '想要一个助行器', description: '腿脚不便，下楼需要扶着走', kind: 'disabled', budget: 260, by: 30, state: 'open', posted: 1 },
  { title: '想要一床厚棉被', description: '入冬了，家里的被子太薄', kind: 'elderly_alone', budget: 200, by: 10, state: 'claimed', claimer: 'resident_demo', posted: 6 },
  { title: '想要一个电暖器', description: '卧室暖气不热，想要一个小电暖器', kind: 'elderly_alone', budget: 300, by: 8, state: 'fulfilled', claimer: 'member_demo', posted: 9 },
  { title: '想要一个新书包', description: '孩子的书包背带断了', kind: 'child_in_need', budget: 120, by: -40, state: 'confirmed', claimer: 'member_demo', posted: 60 },
  { title: '想要一箱牛奶和一袋大米', description: '老人行动不便，希望有人帮忙送到家', kind: 'elderly_alone', budget: 150, by: -90, state: 'confirmed', claimer: 'member_demo', posted: 110 },
  { title: '想要一把轮椅', description: '家人推着出门晒太阳用', kind: 'disabled', budget: 480, by: -150, state: 'confirmed', claimer: 'resident_demo', posted: 180 },
  { title: '想要一台电饭煲', description: '家里的电饭煲坏了', kind: 'other', budget: 200, by: -20, state: 'withdrawn', posted: 30 },
];

/** The neighbouring community of the same street: on the same wall. */
const NEIGHBOUR: Plan[] = [
  { title: '想要一个暖水袋和一双棉鞋', description: '老人怕冷，冬天脚冰凉', kind: 'elderly_alone', budget: 90, by: 18, state: 'open', posted: 4 },
  { title: '想要一套文具', description: '孩子开学需要文具和作业本', kind: 'child_in_need', budget: 60, by: 12, state: 'open', posted: 2 },
  { title: '想要一部老年手机', description: '字大声音大，方便和子女联系', kind: 'elderly_alone', budget: 260, by: -60, state: 'confirmed', claimer: 'member_demo', posted: 80 },
];

/**
 * 微心愿 and 专项行动 for the demo: 龙凤社区 and its neighbour's wishes in every state (member_demo
 * has fulfilled several this year, one waits for grid_binhe1 to confirm), and 滨河街道's parking
 * campaign with the street's vehicle and fire-lane demands tagged to it.
 */
export async function seedWishesDemo(db: Kysely<DB>, now = new Date()) {
  const staff = await db.selectFrom('account').select(['id', 'username', 'scope_path', 'scope_org_id', 'county_code'])
    .where('username', 'in', ['grid_binhe1', 'worker_binhe1', 'street_binhe', 'county_lishi']).execute();
  const acc = (u: string) => staff.find((s) => s.username === u);
  const grid = acc('grid_binhe1');
  const worker = acc('worker_binhe1');
  const street = acc('street_binhe');
  if (!grid || !worker || !street) return;
  const community = (await placesOnPath(db, grid.scope_path)).find((p) => p.kind === 'community');
  if (!community) return;
  const neighbour = await db.selectFrom('org_unit').select(['id', 'path', 'name', 'county_code'])
    .where('kind', '=', 'community').where('parent_id', '=', community.parent_id!).where('id', '<>', community.id).orderBy('code').executeTakeFirst();
  const claimers = await db.selectFrom('account').select(['id', 'display_name', 'resident_id', 'username'])
    .where('username', 'in', ['member_demo', 'resident_demo']).execute();
  const excluded = [0, ...claimers.map((c) => c.resident_id ?? 0)];

  const post = async (c: { id: number; path: string; county_code: string }, within: string, poster: number, plans: Plan[]) => {
    // Residents in need: the oldest (and, for children, the youngest) of the poster's area.
    const people = await db.selectFrom('resident').select(['id', 'name', 'org_path', 'county_code'])
      .where('org_path', 'like', `${within}%`).where('moved_out_at', 'is', null).where('household_id', 'is not', null)
      .where('id', 'not in', excluded).orderBy('birth_date').limit(plans.length * 3).execute();
    for (const [i, p] of plans.entries()) {
      const r = p.kind === 'child_in_need' ? people[people.length - 1 - i] : people[i];
      if (!r) continue;
      const places = await placesOnPath(db, r.org_path);
      const placeLabel = places.filter((x) => x.kind === 'grid' || x.kind === 'building').map((x) => x.name).join(' ');
      const postedAt = new Date(now.getTime() - p.posted * DAY);
      const fulfilBy = chinaDay(new Date(now.getTime() + p.by * DAY));
      const { id } = await db.insertInto('wish').values({
        community_id: c.id, org_path: r.org_path, county_code: r.county_code, resident_id: r.id, person_kind: p.kind,
        person_mask: `${[...r.name][0] ?? ''}**`, place_label: placeLabel, title: p.title, description: p.description, budget_yuan: p.budget,
        fulfil_by: fulfilBy, state: p.state, posted_by: poster, posted_at: postedAt,
        withdrawn_at: p.state === 'withdrawn' ? new Date(postedAt.getTime() + 2 * DAY) : null,
        withdrawn_by: p.state === 'withdrawn' ? poster : null, withdraw_reason: p.state === 'withdrawn' ? '家属已购买，无需认领' : null,
      }).returning('id').executeTakeFirstOrThrow();
      const who = claimers.find((x) => x.username === p.claimer);
      if (!who || p.state === 'open' || p.state === 'withdrawn') continue;
      const claimedAt = new Date(postedAt.getTime() + DAY);
      const fulfilledAt = p.state === 'claimed' ? null : new Date(claimedAt.getTime() + 3 * DAY);
      let photoIds: number[] = [];
      if (fulfilledAt) {
        const { id: photo } = await db.insertInto('attachment').values({
          county_code: r.county_code, org_path: r.org_path, uploader_account_id: who.id, content_type: 'image/png', size_bytes: PHOTO.length,
          sha256: createHash('sha256').update(PHOTO).update(String(id)).digest('hex'), data: PHOTO, created_at: fulfilledAt,
        }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('attachment_link').values({ attachment_id: photo, entity: 'wish', entity_id: id, org_path: r.org_path, county_code: r.county_code }).execute();
        photoIds = [photo];
      }
      const confirmedAt = p.state === 'confirmed' ? new Date(fulfilledAt!.getTime() + DAY) : null;
      const { id: claimId } = await db.insertInto('wish_claim').values({
        wish_id: id, org_path: r.org_path, county_code: r.county_code, account_id: who.id, claimer_name: who.display_name,
        claimer_resident_id: who.resident_id, claimer_kind: who.username === 'member_demo' ? 'party_member' : 'volunteer',
        state: p.state === 'claimed' ? 'active' : p.state, claimed_at: claimedAt,
        due_at: new Date(Math.min(claimedAt.getTime() + 7 * DAY, new Date(`${fulfilBy}T23:59:59.999+08:00`).getTime())),
        fulfilled_at: fulfilledAt, fulfil_note: fulfilledAt ? `“${p.title.replace('想要', '')}”已送到老人家中` : null,
        photo_ids: JSON.stringify(photoIds), ended_at: confirmedAt,
      }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('wish').set({ claim_id: claimId, confirmed_at: confirmedAt, confirmed_by: confirmedAt ? grid.id : null }).where('id', '=', id).execute();
      if (p.state === 'claimed') {
        // As the service does: a pending timer under the same key (a reseeded database) is replaced, not duplicated.
        await scheduleJob(db, {
          kind: 'wish.claim_due', runAt: new Date(Math.min(claimedAt.getTime() + 7 * DAY, new Date(`${fulfilBy}T23:59:59.999+08:00`).getTime())),
          payload: { claimId }, countyCode: r.county_code, dedupeKey: `wish-claim:${claimId}:due`,
        });
      }
    }
  };
  // The grid worker posts for residents of their own grid (so grid_binhe1 confirms them).
  await post(community, grid.scope_path, grid.id, LONGFENG);
  if (neighbour) await post(neighbour, neighbour.path, worker.id, NEIGHBOUR);

  await seedCampaigns(db, now, { street, county: acc('county_lishi'), community, neighbour });
}

async function seedCampaigns(
  db: Kysely<DB>, now: Date,
  o: {
    street: { id: number; scope_org_id: number; scope_path: string; county_code: string };
    county?: { id: number; scope_org_id: number; scope_path: string; county_code: string };
    community: { id: number; path: string; county_code: string };
    neighbour?: { id: number; path: string; county_code: string };
  },
) {
  const starts = chinaDay(new Date(now.getTime() - 45 * DAY));
  const ends = chinaDay(new Date(now.getTime() + 30 * DAY));
  const launch = async (by: { id: number; scope_org_id: number; scope_path: string; county_code: string }, c: {
    kind: 'parking' | 'flying_wires'; title: string; description: string; words: string[]; targets: { id: number; path: string; county_code: string }[];
  }) => {
    const { id } = await db.insertInto('campaign').values({
      org_id: by.scope_org_id, org_path: by.scope_path, county_code: by.county_code, kind: c.kind, title: c.title, description: c.description,
      starts_on: starts, ends_on: ends, created_by: by.id, created_at: new Date(`${starts}T09:00:00+08:00`),
    }).returning('id').executeTakeFirstOrThrow();
    // Demands of the area reported during the campaign that concern it.
    const demands = await db.selectFrom('demand').select(['id', 'org_path', 'county_code', 'created_at'])
      .where('org_path', 'like', `${by.scope_path}%`).where('state', '<>', 'merged')
      .where('created_at', '>=', new Date(`${starts}T00:00:00+08:00`))
      .where((eb) => eb.or(c.words.map((w) => eb('description', 'like', `%${w}%`))))
      .orderBy('id').limit(24).execute();
    const targets = new Map(c.targets.map((t) => [t.id, t]));
    // The communities where tagged demands lie are targets too (up to six).
    for (const d of demands) {
      if (targets.size >= 6) break;
      const place = (await placesOnPath(db, d.org_path)).find((p) => p.kind === 'community');
      if (place && !targets.has(place.id)) targets.set(place.id, { id: place.id, path: place.path, county_code: place.county_code });
    }
    await db.insertInto('campaign_target').values([...targets.values()].map((t) => ({ campaign_id: id, org_id: t.id, org_path: t.path, county_code: t.county_code }))).execute();
    if (demands.length) {
      await db.insertInto('campaign_item').values(demands.map((d) => ({
        campaign_id: id, subject_kind: 'demand' as const, subject_id: d.id, org_path: d.org_path, county_code: d.county_code, tagged_by: by.id,
        tagged_at: new Date(d.created_at.getTime() + 3_600_000),
      }))).execute();
    }
  };
  const targets = [o.community, ...(o.neighbour ? [o.neighbour] : [])];
  await launch(o.street, {
    kind: 'parking', title: '滨河街道小区停车秩序专项整治', description: '清理僵尸车、规范小区内停车，打通消防通道和出入口。',
    words: ['车', '消防通道', '占道'], targets,
  });
  if (o.county) {
    await launch(o.county, {
      kind: 'flying_wires', title: '离石区电动车飞线充电专项整治', description: '排查楼道充电、飞线充电，推动小区集中充电设施建设。',
      words: ['电瓶', '电动车', '电表箱'], targets,
    });
  }
}
