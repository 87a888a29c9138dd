import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemandChannel } from '../../server/database.js';
import { INDICATORS } from '../../server/modules/indicator-registry.js';
import { addMonths, chinaDay, chinaMonth, chinaMonthStart, ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';
import { expectTimerCountMatchesLive } from '../helpers/cockpit-checks.js';

/**
 * The cockpit's demands by channel, leaders' visits with the problems found and solved, and
 * commendations from the points ledger, against a hand count over known rows — with rows that
 * must not count: merged, another channel, last month, reversed, another rule item.
 */
describe('the cockpit: demand channels, leaders\' visits and commendations counted from their records', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session;
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());
  const before = addMonths(month, -1);
  const ago = (ms: number) => new Date(clock.now().getTime() - ms);
  const lastMonth = new Date(chinaMonthStart(month).getTime() - 86_400_000);

  const KEYS = [
    'demands.via_phone', 'demands.via_visit', 'demands.walk_in', 'demands.via_hotline',
    'leaders.visits', 'leaders.problems_found', 'leaders.problems_solved', 'points.commendations',
  ];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    const staff = await addAccount(t.db, 'county_admin', city.county);
    const [a, b, c, d, e] = city.communities;
    type Place = { id: number; path: string; county_code: string };
    const demand = async (place: Place, channel: DemandChannel, createdAt: Date, extra: { merged_into_id?: number; resolved_at?: Date; closed_at?: Date } = {}) =>
      (await t.db.insertInto('demand').values({
        org_id: place.id, org_path: place.path, county_code: place.county_code, channel, category_code: 'other', description: `${channel}诉求`,
        due_at: new Date(createdAt.getTime() + 7 * 86_400_000), created_at: createdAt, ...extra,
      }).returning('id').executeTakeFirstOrThrow()).id;

    // Channels (the small city already holds six walk-ins, one per community, made this month).
    await demand(a!.grid, 'resident', ago(1000));
    await demand(e!.grid, 'resident', lastMonth); // last month
    await demand(b!.grid, 'visit', ago(1000));
    await demand(c!.grid, 'hotline', ago(1000));
    await demand(e!.grid, 'open311', ago(1000));
    await demand(d!.grid, 'hotline', ago(1000), { merged_into_id: d!.demandId }); // a duplicate merged: counted with the original only
    await demand(a!.grid, 'rider', ago(1000)); // a rider's report: the newgroups figures count it

    // Leaders' visits and the problems found on them (demands of channel leader_visit).
    const leader = await t.db.insertInto('leader').values({
      name: '市领导', level: 'city', title: '副市长', org_id: city.city.id, org_path: city.city.path, county_code: city.city.county_code, created_at: ago(86_400_000 * 60),
    }).returning('id').executeTakeFirstOrThrow();
    const visit = async (place: Place, on: Date, problems: { resolved_at?: Date; closed_at?: Date; createdAt?: Date }[]) => {
      const v = await t.db.insertInto('leader_visit').values({
        leader_id: leader.id, org_id: place.id, org_path: place.path, county_code: place.county_code, visited_on: chinaDay(on),
        summary: '进社区办实事', recorded_by: staff.id, created_at: on,
      }).returning('id').executeTakeFirstOrThrow();
      for (const p of problems) {
        const id = await demand(place, 'leader_visit', p.createdAt ?? on, { ...(p.resolved_at ? { resolved_at: p.resolved_at } : {}), ...(p.closed_at ? { closed_at: p.closed_at } : {}) });
        await t.db.insertInto('leader_visit_demand').values({ visit_id: v.id, demand_id: id }).execute();
      }
    };
    // a (离石区): today, two problems, one resolved. e's grid (孝义市): today, one closed unresolved.
    await visit(a!.community, ago(3000), [{ resolved_at: ago(1000) }, {}]);
    await visit(e!.grid, ago(3000), [{ closed_at: ago(500) }]);
    // c (离石区): last month, two problems — one resolved this month, one last month. a's grid: last month, none.
    await visit(c!.community, lastMonth, [{ resolved_at: ago(2000) }, { resolved_at: lastMonth }]);
    await visit(a!.grid, lastMonth, []);

    // Commendations: deeds under the shipped 获得表彰 item or a community's own copy of it.
    const item = async (code: string) => (await t.db.selectFrom('points_rule_item').select('id').where('community_id', 'is', null).where('code', '=', code)
      .where('valid_to', 'is', null).executeTakeFirstOrThrow()).id;
    const commendation = await item('commendation');
    const goodDeed = await item('good_deed');
    const own = await t.db.insertInto('points_rule_item').values({
      community_id: b!.community.id, org_path: b!.community.path, county_code: b!.community.county_code, code: 'commendation', version: 2,
      name: '评为星级文明户', direction: 'positive', category: 'commendation', points: 30, unit: 'times', monthly_cap: null, evidence_required: true,
      recorder_roles: JSON.stringify(['community_secretary']), sort: 100, valid_from: lastMonth,
    }).returning('id').executeTakeFirstOrThrow();
    const seqs = new Map<number, number>();
    const entry = async (x: (typeof city.communities)[number], kind: 'deed' | 'reversal', ruleItemId: number | null, at: Date, reverses?: number) => {
      const seq = (seqs.get(x.community.id) ?? 0) + 1;
      seqs.set(x.community.id, seq);
      return (await t.db.insertInto('points_entry').values({
        community_id: x.community.id, seq, org_path: x.household.org_path, county_code: x.household.county_code, holder_kind: 'household', holder_id: x.household.id,
        amount: kind === 'deed' ? 20 : -20, kind, month: chinaMonth(at), rule_item_id: ruleItemId, reverses_id: reverses ?? null, note: '', created_at: at,
        prev_hash: `h${seq - 1}`, hash: `h${seq}`,
      }).returning('id').executeTakeFirstOrThrow()).id;
    };
    await entry(a!, 'deed', commendation, ago(5000));
    const undone = await entry(a!, 'deed', commendation, ago(4000));
    await entry(a!, 'reversal', null, ago(3000), undone); // reversed in the month: nothing
    await entry(a!, 'deed', goodDeed, ago(3000)); // another item
    await entry(b!, 'deed', own.id, ago(3000)); // the community's own commendation item
    await entry(e!, 'deed', commendation, ago(3000)); // 孝义市
    await entry(c!, 'deed', commendation, lastMonth); // last month
  });
  afterAll(() => t?.close());

  const figuresOf = (body: any) => Object.fromEntries(body.figures.map((x: any) => [x.key, x]));

  it('should keep every one of these figures in the catalogue', () => {
    const keys = new Set(INDICATORS.map((i) => i.key));
    expect(KEYS.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('should count the city and each county by hand', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(r.status).toBe(200);
    const f = figuresOf(r.body);
    const lishi = String(city.county.id);
    const xiaoyi = String(city.otherCounty.id);
    expect(f['demands.via_phone']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 }, previous: 1 });
    expect(f['demands.via_visit']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    expect(f['demands.walk_in']).toMatchObject({ value: 6, byChild: { [lishi]: 4, [xiaoyi]: 2 } });
    // Typed from the hotline in 离石区, through Open311 in 孝义市; the merged duplicate not.
    expect(f['demands.via_hotline']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });

    expect(f['leaders.visits']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 }, previous: 2 });
    expect(f['leaders.problems_found']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 }, previous: 2 });
    // Solved this month: a's resolved one, e's closed one, and c's problem from last month's visit.
    expect(f['leaders.problems_solved']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 }, previous: 1 });

    expect(f['points.commendations']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 }, previous: 1 });
  });

  it('should cut a county by street and a community by grid', async () => {
    const county = figuresOf((await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.county.id}`)).body);
    const [s1, s2] = city.streets.map((s) => String(s.id));
    expect(county['leaders.problems_solved']).toMatchObject({ value: 2, byChild: { [s1!]: 1, [s2!]: 1 } });
    expect(county['points.commendations']).toMatchObject({ value: 2, byChild: { [s1!]: 2, [s2!]: 0 } });
    // A visit to the community itself is the community's, no grid's.
    const a = city.communities[0]!;
    const community = figuresOf((await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${a.community.id}`)).body);
    expect(community['leaders.visits']).toMatchObject({ value: 1, byChild: { [String(a.grid.id)]: 0 }, previous: 1, childLevel: true });
    expect(community['demands.via_phone']).toMatchObject({ value: 1, byChild: { [String(a.grid.id)]: 1 } });
  });

  it('should count last month on its own', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}&month=${before}`);
    expect(r.status).toBe(200);
    const f = figuresOf(r.body);
    expect(f['demands.via_phone']).toMatchObject({ value: 1, byChild: { [String(city.otherCounty.id)]: 1 } });
    expect(f['leaders.visits'].value).toBe(2);
    expect(f['leaders.problems_solved'].value).toBe(1);
    expect(f['points.commendations'].value).toBe(1);
  });

  it('should give the same figures from the timer\'s count of every unit as counted live', async () => {
    await expectTimerCountMatchesLive(t, cityAdmin, clock, [city.city.id, city.county.id, city.streets[0]!.id, city.communities[0]!.community.id]);
  });

  it('should count demands by category, the month\'s own and no merged duplicate', async () => {
    expect(INDICATORS.filter((i) => i.key.startsWith('demands.category_')).map((i) => i.key))
      .toEqual(expect.arrayContaining(['demands.category_environment', 'demands.category_property', 'demands.category_other', 'demands.category_road_traffic']));
    const [a, b, c, , e] = city.communities;
    const add = async (x: (typeof city.communities)[number], category: string, createdAt: Date, mergedInto?: number) => {
      await t.db.insertInto('demand').values({
        org_id: x.grid.id, org_path: x.grid.path, county_code: x.grid.county_code, channel: 'hotline', category_code: category, description: `${category}诉求`,
        due_at: new Date(createdAt.getTime() + 7 * 86_400_000), created_at: createdAt, ...(mergedInto ? { merged_into_id: mergedInto } : {}),
      }).execute();
    };
    await add(a!, 'environment', ago(1000));
    await add(e!, 'environment', ago(1000));
    await add(b!, 'property', ago(1000));
    await add(c!, 'property', lastMonth); // last month
    await add(c!, 'property', ago(1000), c!.demandId); // merged into the original: not again
    const f = figuresOf((await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.county.id}`)).body);
    const [s1, s2] = city.streets;
    expect(f['demands.category_environment']).toMatchObject({ value: 1, byChild: { [String(s1!.id)]: 1, [String(s2!.id)]: 0 } });
    expect(f['demands.category_property']).toMatchObject({ value: 1, byChild: { [String(s1!.id)]: 1, [String(s2!.id)]: 0 }, previous: 1 });
    expect(f['demands.category_road_traffic'].value).toBe(0);
    const all = figuresOf((await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`)).body);
    expect(all['demands.category_environment'].value).toBe(2);
  });
});
