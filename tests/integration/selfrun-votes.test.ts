import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBallotsXlsx } from '../../server/modules/selfrun/ballots-xlsx.js';
import { countVote } from '../../server/modules/selfrun/vote-count.js';
import { verifyChain, voteJobHandlers } from '../../server/modules/selfrun/votes.service.js';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import {
  addAccount, addHousehold, addResident, addUnit, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp, type Unit,
} from '../helpers/test-app.js';

/** 业主表决 under the Civil Code art. 278: every threshold edge, phone, proxy, paper under four eyes, chain and recount. */
describe('selfrun owners\' votes', () => {
  const clock = new ManualClock(new Date('2026-11-02T08:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretary: Session;
  let worker: Session;
  let seq = 500;

  const ok = (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const A = () => city.communities[0]!;

  /** A compound under community A with units of the given areas and owner keys ('developer' = unsold). */
  async function compound(name: string, units: { area: number; owners: string[] }[]) {
    const grid = await addUnit(t.db, A().community, 'grid', name, { gridType: 'enclosed' });
    const ids: number[] = [];
    for (const [i, u] of units.entries()) {
      const { id } = await t.db.insertInto('owned_unit').values({
        compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, label: `${i + 1}号`, area_m2: u.area, developer_unsold: u.owners.includes('developer'),
      }).returning('id').executeTakeFirstOrThrow();
      ids.push(id);
      for (const k of u.owners) {
        await t.db.insertInto('unit_owner').values({ owned_unit_id: id, compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, owner_key: `${name}-${k}`, name: `业主${k}` }).execute();
      }
    }
    return { grid, units: ids };
  }

  /** A resident with an account, who owns the given units of the compound. */
  async function owner(grid: Unit, unitIds: number[], key: string) {
    const hh = await addHousehold(t.db, grid as Unit, `${++seq}`);
    const idn = validIdNumber('19750101', seq);
    const rid = await addResident(t.db, t.cipher, hh, `业主${seq}`, idn);
    if (unitIds.length) await t.db.updateTable('unit_owner').set({ resident_id: rid }).where('owned_unit_id', 'in', unitIds).where('owner_key', '=', key).execute();
    const acc = await addAccount(t.db, 'resident', grid);
    await t.db.updateTable('account').set({ resident_id: rid }).where('id', '=', acc.id).execute();
    return { rid, idn, session: await login(t.app, acc.username) };
  }

  const day = (d: string, hm = '08:00') => `${d}T${hm}:00+08:00`;
  /** Creates and announces a vote opening on 11-18 (16 China days on) and closing on 11-25. */
  async function announcedVote(compoundId: number, matters: { title: string; kind: 'special' | 'ordinary' }[]) {
    const v = ok(await secretary.request('POST', '/api/selfrun/votes', { compoundId, title: '业主共同决定', matters, opensAt: day('2026-11-18'), closesAt: day('2026-11-25') }));
    ok(await secretary.request('POST', `/api/selfrun/votes/${v.id}/announce`));
    return v.id as number;
  }
  const mattersOf = async (voteId: number) => (ok(await secretary.request('GET', `/api/selfrun/votes/${voteId}`)).matters as { id: number }[]).map((m) => m.id);
  /** A paper ballot entered by the secretary and confirmed by the worker. */
  async function paper(voteId: number, unitId: number, choices: string[]) {
    const ms = await mattersOf(voteId);
    const body = { unitId, choices: ms.map((matterId, i) => ({ matterId, choice: choices[i] })) };
    const e = ok(await secretary.request('POST', `/api/selfrun/votes/${voteId}/paper`, body));
    ok(await worker.request('POST', `/api/selfrun/votes/${voteId}/paper/${e.id}/confirm`, { choices: body.choices }));
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', A().community)).username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', A().community)).username);
  });
  afterAll(async () => t?.close());

  it('refuses an announcement less than 15 China days before opening, and bad input with Chinese messages', async () => {
    const c = await compound('短公告小区', [{ area: 100, owners: ['a'] }]);
    const v = ok(await secretary.request('POST', '/api/selfrun/votes', {
      compoundId: c.grid.id, title: '改选业委会', matters: [{ title: '选举业委会', kind: 'ordinary', purpose: 'committee' }], opensAt: day('2026-11-16'), closesAt: day('2026-11-20'),
    }));
    const r = await secretary.request('POST', `/api/selfrun/votes/${v.id}/announce`);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.message).toMatch(/15日前公告/);
    const bad = await secretary.request('POST', '/api/selfrun/votes', { compoundId: c.grid.id, title: '', matters: [], opensAt: 'x', closesAt: day('2026-11-20') });
    expect(bad.status).toBe(400);
    // Another community's staff cannot see it.
    const other = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[1]!.community)).username);
    expect((await other.request('GET', `/api/selfrun/votes/${v.id}`)).status).toBe(404);
    // A resident without a committee seat cannot start one.
    const o = await owner(c.grid, [c.units[0]!], '短公告小区-a');
    expect((await o.session.request('POST', '/api/selfrun/votes', { compoundId: c.grid.id, title: 'x', matters: [{ title: 'y', kind: 'ordinary' }], opensAt: day('2026-12-01'), closesAt: day('2026-12-05') })).status).toBe(404);
    // With a live 物管会 seat they can.
    await t.db.insertInto('committee_member').values({ compound_id: c.grid.id, org_path: c.grid.path, county_code: c.grid.county_code, committee: 'management', member_kind: 'owner',
      role: 'member', resident_id: o.rid, name: '委员', term_from: '2026-01-01', term_to: '2028-12-31' }).execute();
    const byCommittee = ok(await o.session.request('POST', '/api/selfrun/votes', { compoundId: c.grid.id, title: '物管会发起', matters: [{ title: '续聘', kind: 'ordinary' }], opensAt: day('2026-12-01'), closesAt: day('2026-12-05') }));
    ok(await o.session.request('POST', `/api/selfrun/votes/${byCommittee.id}/announce`));
    // From the phone the committee creates and announces at once; a short notice refuses both (no draft left behind).
    const before = await t.db.selectFrom('owner_vote').select((eb) => eb.fn.countAll<number>().as('n')).where('compound_id', '=', c.grid.id).executeTakeFirstOrThrow();
    const short = await o.session.request('POST', '/api/selfrun/votes', { compoundId: c.grid.id, title: '太急', matters: [{ title: 'y', kind: 'ordinary' }], opensAt: day('2026-11-10'), closesAt: day('2026-11-12'), announce: true });
    expect(short.status).toBe(400);
    const after = await t.db.selectFrom('owner_vote').select((eb) => eb.fn.countAll<number>().as('n')).where('compound_id', '=', c.grid.id).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(ok(await o.session.request('POST', '/api/selfrun/votes', { compoundId: c.grid.id, title: '一并公告', matters: [{ title: 'y', kind: 'ordinary' }], opensAt: day('2026-12-01'), closesAt: day('2026-12-05'), announce: true })).status).toBe('announced');
    const seen = ok(await o.session.request('GET', '/api/selfrun/my-votes')).map((v: { title: string; status: string }) => `${v.title}:${v.status}`);
    expect(seen).toEqual(expect.arrayContaining(['物管会发起:announced', '一并公告:announced']));
  });

  it('exactly 2/3 of the area with 2/3 − 1 owners fails; exactly 3/4 passes a special matter; exactly 1/2 fails an ordinary one', async () => {
    // Six owners, 600 m²: units 1–3 hold exactly 400 m² (2/3) but are three owners (4 needed).
    const x = await compound('双三分之二小区', [320, 40, 40, 80, 60, 60].map((area, i) => ({ area, owners: [`o${i}`] })));
    const vx = await announcedVote(x.grid.id, [{ title: '续聘服务团队', kind: 'ordinary' }]);
    // Four owners, 100 m² each: all take part; matter 1 (special) 3 agree = 3/4; matter 2 (ordinary) 2 agree = 1/2.
    const y = await compound('四分之三小区', [100, 100, 100, 100].map((area, i) => ({ area, owners: [`o${i}`] })));
    const vy = await announcedVote(y.grid.id, [{ title: '筹集维修资金', kind: 'special' }, { title: '使用维修资金更换水泵', kind: 'ordinary' }]);
    clock.set(day('2026-11-18', '09:00'));
    for (const u of x.units.slice(0, 3)) await paper(vx, u, ['agree']);
    await paper(vy, y.units[0]!, ['agree', 'agree']);
    await paper(vy, y.units[1]!, ['agree', 'agree']);
    await paper(vy, y.units[2]!, ['agree', 'disagree']);
    await paper(vy, y.units[3]!, ['disagree', 'disagree']);
    clock.set(day('2026-11-25', '08:00'));
    const dx = ok(await secretary.request('GET', `/api/selfrun/votes/${vx}`));
    expect(dx.status).toBe('closed');
    expect(dx.matters[0].passed).toBe(false);
    expect(dx.matters[0].result.figures).toMatchObject({ totalArea: 600, totalOwners: 6, participatingArea: 400, participatingOwners: 3 });
    expect(dx.matters[0].result.failures).toEqual(['参与表决的业主不足业主总人数的三分之二']);
    const dy = ok(await secretary.request('GET', `/api/selfrun/votes/${vy}`));
    expect(dy.matters[0]).toMatchObject({ passed: true, result: { figures: { agreeingArea: 300, agreeingOwners: 3, participatingArea: 400 } } });
    expect(dy.matters[1].passed).toBe(false);
    expect(dy.matters[1].result.failures).toEqual(['同意的面积未过参与表决面积的半数', '同意的业主未过参与表决人数的半数']);
    const stored = await t.db.selectFrom('owner_vote_matter').select(['seq', 'passed']).where('vote_id', '=', vy).orderBy('seq').execute();
    expect(stored).toEqual([{ seq: 1, passed: true }, { seq: 2, passed: false }]);
  });

  it('phone ballots with changes, several units per owner, the developer, co-owners, proxies and paper under four eyes; the timer closes; the recount matches', async () => {
    clock.set('2026-11-02T08:00:00+08:00');
    // P owns units 1 and 2; the developer 3 and 4; Q1 and Q2 share 5; R owns 6 and gives S a proxy; T owns 7 and never votes.
    const z = await compound('混合小区', [
      { area: 90, owners: ['P'] }, { area: 60, owners: ['P'] }, { area: 100, owners: ['developer'] }, { area: 100, owners: ['developer'] },
      { area: 120, owners: ['Q1', 'Q2'] }, { area: 80, owners: ['R'] }, { area: 50, owners: ['T'] },
    ]);
    await t.db.updateTable('unit_owner').set({ owner_key: 'developer' }).where('owner_key', '=', '混合小区-developer').execute();
    const p = await owner(z.grid, [z.units[0]!, z.units[1]!], '混合小区-P');
    const q1 = await owner(z.grid, [z.units[4]!], '混合小区-Q1');
    const s = await owner(z.grid, [], 'nobody');
    const vz = await announcedVote(z.grid.id, [{ title: '实行居民自办物业', kind: 'ordinary' }]);
    const [m1] = await mattersOf(vz);

    // Before it opens: refused.
    const early = await p.session.request('POST', `/api/selfrun/my-votes/${vz}/ballot`, { choices: [{ matterId: m1, choice: 'agree' }] });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/尚未开始/);

    // A proxy for unit 6 to S, with the 委托书 photo.
    const photo = await upload(secretary);
    const badProxy = await secretary.request('POST', `/api/selfrun/votes/${vz}/proxies`, { unitId: z.units[5], proxyIdNumber: validIdNumber('19990101', 999), photoId: photo });
    expect(badProxy.status).toBe(400);
    ok(await secretary.request('POST', `/api/selfrun/votes/${vz}/proxies`, { unitId: z.units[5], proxyIdNumber: s.idn, photoId: photo }));
    expect(ok(await secretary.request('GET', `/api/selfrun/votes/${vz}/proxies`))[0]).toMatchObject({ unitLabel: '6号', photoUrl: `/api/files/${photo}` });

    // The timer opens it.
    clock.set(day('2026-11-18', '08:00'));
    await runDueJobs(t.db, voteJobHandlers(), clock);
    expect((await t.db.selectFrom('owner_vote').select('status').where('id', '=', vz).executeTakeFirstOrThrow()).status).toBe('open');

    // P votes once for both units, then changes.
    ok(await p.session.request('POST', `/api/selfrun/my-votes/${vz}/ballot`, { choices: [{ matterId: m1, choice: 'disagree' }] }));
    ok(await p.session.request('POST', `/api/selfrun/my-votes/${vz}/ballot`, { choices: [{ matterId: m1, choice: 'agree' }] }));
    const mine = ok(await p.session.request('GET', '/api/selfrun/my-votes')).find((v: any) => v.id === vz);
    expect(mine.units.map((u: any) => u.choices[String(m1)])).toEqual(['agree', 'agree']);
    const pb = await t.db.selectFrom('owner_ballot').select(['version', 'choice']).where('vote_id', '=', vz).where('owned_unit_id', 'in', [z.units[0]!, z.units[1]!]).execute();
    expect(pb.every((b) => b.version === 2 && b.choice === 'agree')).toBe(true);
    // Q1 votes for the shared unit 5; S by proxy for unit 6; S has no own unit.
    ok(await q1.session.request('POST', `/api/selfrun/my-votes/${vz}/ballot`, { choices: [{ matterId: m1, choice: 'agree' }] }));
    expect((await s.session.request('POST', `/api/selfrun/my-votes/${vz}/ballot`, { choices: [{ matterId: m1, choice: 'agree' }] })).status).toBe(403);
    ok(await s.session.request('POST', `/api/selfrun/my-votes/${vz}/ballot`, { choices: [{ matterId: m1, choice: 'disagree' }], proxyUnitId: z.units[5] }));
    // Missing matter refused.
    expect((await p.session.request('POST', `/api/selfrun/my-votes/${vz}/ballot`, { choices: [{ matterId: 999999, choice: 'agree' }] })).status).toBe(400);

    // Paper: refused for a unit that voted on the phone; the same person cannot confirm; a mismatch is refused.
    const onPhone = await secretary.request('POST', `/api/selfrun/votes/${vz}/paper`, { unitId: z.units[0], choices: [{ matterId: m1, choice: 'disagree' }] });
    expect(onPhone.status).toBe(409);
    expect(onPhone.body.message).toMatch(/已在手机上表决/);
    const e = ok(await secretary.request('POST', `/api/selfrun/votes/${vz}/paper`, { unitId: z.units[2], choices: [{ matterId: m1, choice: 'agree' }] }));
    expect((await secretary.request('POST', `/api/selfrun/votes/${vz}/paper`, { unitId: z.units[2], choices: [{ matterId: m1, choice: 'agree' }] })).status).toBe(409);
    const self = await secretary.request('POST', `/api/selfrun/votes/${vz}/paper/${e.id}/confirm`, { choices: [{ matterId: m1, choice: 'agree' }] });
    expect(self.status).toBe(403);
    const mismatch = await worker.request('POST', `/api/selfrun/votes/${vz}/paper/${e.id}/confirm`, { choices: [{ matterId: m1, choice: 'disagree' }] });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.message).toMatch(/不一致/);
    expect(ok(await worker.request('GET', `/api/selfrun/votes/${vz}/paper`))).toHaveLength(1);
    ok(await worker.request('POST', `/api/selfrun/votes/${vz}/paper/${e.id}/confirm`, { choices: [{ matterId: m1, choice: 'agree' }] }));
    await paper(vz, z.units[3]!, ['disagree']); // the developer's second unit: one owner, two ballots

    // Live turnout shows no choices: units 1,2,3,4,5,6 voted; owners P, developer, Q1, Q2, R = 5 of 6.
    const live = ok(await secretary.request('GET', `/api/selfrun/votes/${vz}`));
    expect(live.turnout).toMatchObject({ units: 6, totalUnits: 7, area: 550, totalArea: 600, owners: 5, totalOwners: 6 });
    expect(live.matters[0].result).toBeNull();
    expect(live.matters[0].passed).toBeNull();

    // The timer closes it; later ballots are refused.
    clock.set(day('2026-11-25', '08:00'));
    await runDueJobs(t.db, voteJobHandlers(), clock);
    const late = await p.session.request('POST', `/api/selfrun/my-votes/${vz}/ballot`, { choices: [{ matterId: m1, choice: 'disagree' }] });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/已截止/);
    expect((await secretary.request('POST', `/api/selfrun/votes/${vz}/paper`, { unitId: z.units[6], choices: [{ matterId: m1, choice: 'agree' }] })).status).toBe(409);
    const closed = ok(await secretary.request('GET', `/api/selfrun/votes/${vz}`));
    // Agreeing: units 1,2 (P), 3 (developer's larger-or-equal unit with the smaller reference decides), 5 (Q1, Q2) → area 90+60+100+120 = 370.
    expect(closed.status).toBe('closed');
    expect(closed.matters[0].result.figures).toMatchObject({ totalArea: 600, totalOwners: 6, participatingArea: 550, participatingOwners: 5, agreeingArea: 370 });
    expect(closed.matters[0].passed).toBe(true);

    // Not public until published; then public without sign-in, with no names.
    expect((await t.app.inject({ method: 'GET', url: `/api/public/votes/${vz}` })).statusCode).toBe(404);
    ok(await secretary.request('POST', `/api/selfrun/votes/${vz}/publish`));
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/votes/${vz}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().chainHead).toBe(closed.chainHead);
    expect(pub.body).not.toMatch(/业主\d|混合小区-/);
    const exp = await t.app.inject({ method: 'GET', url: `/api/public/votes/${vz}/ballots` });
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toMatch(/spreadsheetml/);
    // The workbook a bookkeeper opens in Excel; the recount below reads only what is in it.
    const x = await readBallotsXlsx(exp.rawPayload);
    expect(x.chainHead).toBe(pub.json().chainHead);
    expect(JSON.stringify(x)).not.toMatch(/业主|混合小区-|号"/);
    // The chain holds and ends at the published head: P twice × 2 units, Q1, S, two paper ballots.
    expect(x.chain).toHaveLength(8);
    expect(verifyChain(x.chain)).toBeNull();
    expect(x.chain.at(-1)!.hash).toBe(pub.json().chainHead);
    const tampered = x.chain.map((l, i) => (i === 2 ? { ...l, content: l.content.replace('agree', 'disagree') } : l));
    expect(verifyChain(tampered)).toBe(3);
    // A unit sold after the close changes nothing in the export: it carries the units as counted.
    await t.db.updateTable('unit_owner').set({ ended_at: new Date() }).where('owned_unit_id', '=', z.units[6]!).execute();
    expect((await readBallotsXlsx((await t.app.inject({ method: 'GET', url: `/api/public/votes/${vz}/ballots` })).rawPayload)).units).toEqual(x.units);
    // Anyone's recount from the export equals the published figures.
    const re = countVote(x.units, x.ballots, x.matters);
    const f = pub.json().matters[0].result.figures;
    expect(re.matters[0]!.passed).toBe(pub.json().matters[0].passed);
    expect({ ...re.matters[0]!.counts, totalArea: re.matters[0]!.counts.totalArea / 100, participatingArea: re.matters[0]!.counts.participatingArea / 100, agreeingArea: re.matters[0]!.counts.agreeingArea / 100 })
      .toEqual(f);
  });

  it('counts the 15 days from a posted paper notice (never in the future, with its photo), so a vote can open today', async () => {
    clock.set('2026-12-10T10:00:00+08:00');
    const c = await compound('纸质公告小区', [{ area: 100, owners: ['a'] }, { area: 100, owners: ['b'] }, { area: 100, owners: ['c'] }]);
    const v = ok(await secretary.request('POST', '/api/selfrun/votes', {
      compoundId: c.grid.id, title: '实行居民自办物业', matters: [{ title: '本小区实行居民自办物业', kind: 'ordinary', purpose: 'self_run' }],
      opensAt: '2026-12-10T10:30:00+08:00', closesAt: '2026-12-10T12:00:00+08:00',
    }));
    const announce = (body: object) => secretary.request('POST', `/api/selfrun/votes/${v.id}/announce`, body);
    expect((await announce({})).body.message).toMatch(/15日前公告/);
    const photo = await upload(secretary);
    const future = await announce({ noticePostedOn: '2026-12-11', noticePhotoId: photo });
    expect(future.status).toBe(400);
    expect(future.body.message).toBe('纸质公告张贴日期不能晚于今天');
    const noPhoto = await announce({ noticePostedOn: '2026-11-25' });
    expect(noPhoto.status).toBe(400);
    expect(JSON.stringify(noPhoto.body)).toMatch(/纸质公告照片/);
    const fourteen = await announce({ noticePostedOn: '2026-11-26', noticePhotoId: photo });
    expect(fourteen.status).toBe(400);
    expect(fourteen.body.message).toMatch(/15日前公告/);
    expect((await announce({ noticePostedOn: '2026-09-01', noticePhotoId: photo })).body.message).toMatch(/不能早于60天前/);
    // Posted on 11-25 (China day): 15 days to 12-10 — exactly enough.
    expect(ok(await announce({ noticePostedOn: '2026-11-25', noticePhotoId: photo })).status).toBe('announced');
    const d = ok(await secretary.request('GET', `/api/selfrun/votes/${v.id}`));
    expect(d).toMatchObject({ status: 'announced', noticePostedOn: '2026-11-25', noticePhotoUrl: `/api/files/${photo}` });
    // The photo is the community's record: another community's staff cannot read it.
    const other = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[1]!.community)).username);
    expect((await other.request('GET', `/api/files/${photo}`)).status).toBe(404);
    // A vote whose close has already passed cannot be announced, paper notice or not.
    const past = ok(await secretary.request('POST', '/api/selfrun/votes', {
      compoundId: c.grid.id, title: '过期', matters: [{ title: 'x', kind: 'ordinary' }], opensAt: '2026-12-09T08:00:00+08:00', closesAt: '2026-12-09T18:00:00+08:00',
    }));
    expect((await secretary.request('POST', `/api/selfrun/votes/${past.id}/announce`, { noticePostedOn: '2026-11-20', noticePhotoId: photo })).body.message).toMatch(/截止时间已过/);
    // The timer opens it at 10:30 and closes it at 12:00 the same day.
    clock.set('2026-12-10T10:30:00+08:00');
    await runDueJobs(t.db, voteJobHandlers(), clock);
    expect((await t.db.selectFrom('owner_vote').select('status').where('id', '=', v.id).executeTakeFirstOrThrow()).status).toBe('open');
    await paper(v.id, c.units[0]!, ['agree']);
    await paper(v.id, c.units[1]!, ['agree']);
    clock.set('2026-12-10T12:00:00+08:00');
    await runDueJobs(t.db, voteJobHandlers(), clock);
    const closed = ok(await secretary.request('GET', `/api/selfrun/votes/${v.id}`));
    expect(closed.status).toBe('closed');
    expect(closed.matters[0]).toMatchObject({ passed: true, result: { figures: { participatingArea: 200, participatingOwners: 2, agreeingArea: 200 } } });
  });

  it('revokes a proxy before the close: the proxy\'s ballot is withdrawn (a chain link says so), the owner may vote again; refused after the close', async () => {
    clock.set('2026-11-02T08:00:00+08:00');
    const c = await compound('撤回委托小区', [{ area: 100, owners: ['a'] }, { area: 100, owners: ['b'] }]);
    const a = await owner(c.grid, [c.units[0]!], '撤回委托小区-a');
    const s = await owner(c.grid, [], 'nobody');
    const v = await announcedVote(c.grid.id, [{ title: '续聘保洁员', kind: 'ordinary' }]);
    const [m1] = await mattersOf(v);
    const photo = await upload(secretary);
    const p = ok(await secretary.request('POST', `/api/selfrun/votes/${v}/proxies`, { unitId: c.units[0], proxyIdNumber: s.idn, photoId: photo }));
    clock.set(day('2026-11-18', '09:00'));
    ok(await s.session.request('POST', `/api/selfrun/my-votes/${v}/ballot`, { choices: [{ matterId: m1, choice: 'disagree' }], proxyUnitId: c.units[0] }));
    // Bad input and other communities: clear refusals.
    expect((await worker.request('POST', `/api/selfrun/votes/${v}/proxies/${p.id}/revoke`, { reason: '' })).status).toBe(400);
    const other = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[1]!.community)).username);
    expect((await other.request('POST', `/api/selfrun/votes/${v}/proxies/${p.id}/revoke`, { reason: '业主本人撤回' })).status).toBe(404);
    expect((await worker.request('POST', `/api/selfrun/votes/${v}/proxies/999999/revoke`, { reason: '业主本人撤回' })).status).toBe(404);
    const r = ok(await worker.request('POST', `/api/selfrun/votes/${v}/proxies/${p.id}/revoke`, { reason: '业主本人到社区书面撤回委托' }));
    expect(r.status).toBe('revoked_ballot_withdrawn');
    expect(ok(await secretary.request('GET', `/api/selfrun/votes/${v}/proxies`))).toEqual([]);
    expect((await worker.request('POST', `/api/selfrun/votes/${v}/proxies/${p.id}/revoke`, { reason: '再撤回一次' })).body.message).toBe('该委托已撤回');
    // The proxy's ballot no longer stands; the proxy can no longer vote; the owner votes in person.
    expect(await t.db.selectFrom('owner_ballot').select('id').where('vote_id', '=', v).execute()).toEqual([]);
    expect((await s.session.request('POST', `/api/selfrun/my-votes/${v}/ballot`, { choices: [{ matterId: m1, choice: 'disagree' }], proxyUnitId: c.units[0] })).status).toBe(403);
    const chain = await t.db.selectFrom('owner_ballot_chain').select(['seq', 'content', 'prev_hash as prevHash', 'hash']).where('vote_id', '=', v).orderBy('seq').execute();
    expect(chain).toHaveLength(2);
    expect(JSON.parse(chain[1]!.content)).toMatchObject({ channel: 'proxy', withdrawn: true });
    expect(verifyChain(chain)).toBeNull();
    ok(await a.session.request('POST', `/api/selfrun/my-votes/${v}/ballot`, { choices: [{ matterId: m1, choice: 'agree' }] }));
    // A second proxy for the other unit, not yet used: revoked without touching any ballot; after the close, refused.
    const s2 = await owner(c.grid, [], 'nobody2');
    const p2 = ok(await secretary.request('POST', `/api/selfrun/votes/${v}/proxies`, { unitId: c.units[1], proxyIdNumber: s2.idn, photoId: photo }));
    const p3 = ok(await secretary.request('POST', `/api/selfrun/votes/${v}/proxies`, { unitId: c.units[0], proxyIdNumber: s2.idn, photoId: photo }));
    expect(ok(await worker.request('POST', `/api/selfrun/votes/${v}/proxies/${p2.id}/revoke`, { reason: '委托书签名不全' })).status).toBe('revoked');
    expect(await t.db.selectFrom('owner_ballot').select('channel').where('vote_id', '=', v).execute()).toEqual([{ channel: 'phone' }]);
    clock.set(day('2026-11-25', '08:00'));
    const late = await worker.request('POST', `/api/selfrun/votes/${v}/proxies/${p3.id}/revoke`, { reason: '截止后撤回' });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/已截止/);
  });

  const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(16)]);
  async function upload(s: Session) {
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      png(), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({ method: 'POST', url: '/api/files', payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(r.statusCode).toBe(200);
    return r.json().id as number;
  }
});
