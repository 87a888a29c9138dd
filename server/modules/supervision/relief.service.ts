import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { maskName } from '../../platform/pii/name.js';
import { inScope, unitInScope, type Scope } from '../../platform/scope.js';
import type { ItemBody, RemovalBody, RequestBody } from './relief.schemas.js';

export interface ReliefDeps {
  db: Kysely<DB>;
  clock: Clock;
  cipher: PiiCipher;
}
export const reliefDeps = (ctx: AppContext): ReliefDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, cipher: ctx.cipher });

/** The pointer shown when asked for a certificate the list does not hold (谁主管谁证明). */
export const DEFAULT_POINTER = '该证明不在社区证明事项清单内。按照“谁主管、谁证明”“谁办理、谁负责”的原则，请到办理该事项的主管部门或单位咨询，可拨打12345政务服务便民热线查询。';

/** The list of the caller's level and the levels above (a community sees its city's and county's items). */
const onLine = (scope: Scope, col: string) => sql<boolean>`(${sql.ref(col)} LIKE ${scope.path + '%'} OR ${scope.path} LIKE ${sql.ref(col)} || '%')`;
const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export async function listItems(deps: ReliefDeps, scope: Scope, q: { q?: string; page: number; pageSize: number }) {
  const base = deps.db.selectFrom('relief_certificate_item as i').where(onLine(scope, 'i.org_path'))
    .$if(!!q.q, (b) => b.where('i.name', 'like', `%${q.q}%`));
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as o', 'o.id', 'i.org_id').select(['i.id', 'i.name', 'i.issuable', 'i.basis', 'i.refer_to', 'o.name as org_name'])
      .orderBy('i.issuable', 'desc').orderBy('i.name').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), items: rows.map((r) => ({ id: r.id, name: r.name, issuable: r.issuable, basis: r.basis, referTo: r.refer_to, orgName: r.org_name })) };
}

/** The list is kept by the city or a county (社区证明事项清单由市、县制定). */
export async function addItem(deps: ReliefDeps, actor: Actor, scope: Scope, body: ItemBody) {
  if (actor.role !== 'city_admin' && actor.role !== 'county_admin') throw new AppError('FORBIDDEN', '社区证明事项清单由市、区县制定');
  if (!body.issuable && !body.referTo) throw new AppError('VALIDATION_FAILED', '不予出具的证明须写明应到哪里办理', { fields: [{ field: 'body.referTo', problem: 'required' }] });
  return deps.db.transaction().execute(async (trx) => {
    const org = await unitInScope(trx, scope, scope.orgId);
    if (org.kind !== 'city' && org.kind !== 'county') throw new AppError('FORBIDDEN', '社区证明事项清单由市、区县制定');
    const r = await trx.insertInto('relief_certificate_item').values({
      org_id: org.id, org_path: org.path, county_code: org.county_code, name: body.name, issuable: body.issuable,
      basis: body.basis || null, refer_to: body.issuable ? null : body.referTo!, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow().catch((e: { constraint?: string }) => {
      if (e?.constraint === 'relief_certificate_item_org_name_key') throw new AppError('ALREADY_EXISTS', '清单中已有同名的证明事项');
      throw e;
    });
    await writeAudit(trx, actor, { action: 'relief.item_add', entity: 'relief_certificate_item', entityId: r.id, orgPath: org.path, countyCode: org.county_code, after: body });
    return { id: r.id };
  });
}

/**
 * A community worker records a request: a certificate the list lets the community issue is issued
 * with the next number of the community's year (taken atomically); anything else is refused with
 * the pointer to the right office, and the refusal counted.
 */
export async function recordRequest(deps: ReliefDeps, actor: Actor, scope: Scope, body: RequestBody) {
  if (!body.itemId && !body.askedFor) throw new AppError('VALIDATION_FAILED', '请选择清单中的证明事项，或填写群众要求开具的证明', { fields: [{ field: 'body.askedFor', problem: 'required' }] });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const c = await unitInScope(trx, scope, scope.orgId, '社区');
    if (c.kind !== 'community') throw new AppError('FORBIDDEN', '证明由社区出具，请使用社区工作人员账号');
    const item = body.itemId
      ? await trx.selectFrom('relief_certificate_item').selectAll().where('id', '=', body.itemId).where(onLine(scope, 'org_path')).executeTakeFirst()
      : undefined;
    if (body.itemId && !item) throw notFound('证明事项');
    const askedFor = item?.name ?? body.askedFor!;
    const issue = !!item?.issuable;
    const referTo = issue ? null : item?.refer_to ?? DEFAULT_POINTER;
    let number: string | null = null;
    const issuedOn = chinaDay(now);
    if (issue) {
      const year = Number(issuedOn.slice(0, 4));
      const n = await trx.insertInto('relief_certificate_counter').values({ community_id: c.id, year, last: 1, org_path: c.path, county_code: c.county_code })
        .onConflict((oc) => oc.columns(['community_id', 'year']).doUpdateSet({ last: sql`relief_certificate_counter.last + 1` }))
        .returning('last').executeTakeFirstOrThrow();
      number = `${c.county_code}-${c.id}-${year}-${String(n.last).padStart(4, '0')}`;
    }
    const r = await trx.insertInto('relief_certificate_request').values({
      community_id: c.id, org_path: c.path, county_code: c.county_code, item_id: item?.id ?? null, asked_for: askedFor,
      outcome: issue ? 'issued' : 'refused', refer_to: referTo, number, applicant_name_enc: deps.cipher.encrypt(body.applicantName),
      purpose: body.purpose || null, recorded_by: actor.accountId, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: issue ? 'relief.certificate_issue' : 'relief.certificate_refuse', entity: 'relief_certificate_request', entityId: r.id,
      orgPath: c.path, countyCode: c.county_code, after: { askedFor, number, itemId: item?.id ?? null },
    });
    return {
      id: r.id, outcome: issue ? 'issued' as const : 'refused' as const, referTo,
      certificate: issue ? { number: number!, title: askedFor, communityName: c.name, applicantName: body.applicantName, purpose: body.purpose || null, basis: item!.basis, issuedOn } : null,
    };
  });
}

export async function listRequests(deps: ReliefDeps, scope: Scope, q: { outcome?: 'issued' | 'refused'; page: number; pageSize: number }) {
  const base = deps.db.selectFrom('relief_certificate_request as r').where(inScope(scope, 'r.org_path'))
    .$if(!!q.outcome, (b) => b.where('r.outcome', '=', q.outcome!));
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as o', 'o.id', 'r.community_id')
      .select(['r.id', 'o.name as community_name', 'r.asked_for', 'r.outcome', 'r.refer_to', 'r.number', 'r.applicant_name_enc', 'r.purpose', 'r.created_at'])
      .orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id, communityName: r.community_name, askedFor: r.asked_for, outcome: r.outcome, referTo: r.refer_to, number: r.number,
      applicantName: maskName(deps.cipher.decrypt(r.applicant_name_enc)), purpose: r.purpose, recordedAt: new Date(r.created_at).toISOString(),
    })),
  };
}

export async function addRemoval(deps: ReliefDeps, actor: Actor, scope: Scope, body: RemovalBody) {
  if (body.removedOn > chinaDay(deps.clock.now())) throw new AppError('VALIDATION_FAILED', '清理日期不能晚于今天', { fields: [{ field: 'body.removedOn', problem: 'future' }] });
  return deps.db.transaction().execute(async (trx) => {
    const p = await unitInScope(trx, scope, body.placeId, '地点');
    if (!['street', 'community', 'grid'].includes(p.kind)) throw new AppError('VALIDATION_FAILED', '请选择街道（乡镇）、社区或小区', { fields: [{ field: 'body.placeId', problem: 'kind' }] });
    const r = await trx.insertInto('relief_removal').values({
      place_id: p.id, org_path: p.path, county_code: p.county_code, kind: body.kind, what: body.what, removed_on: body.removedOn, removed_by: body.removedBy, recorded_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'relief.removal_record', entity: 'relief_removal', entityId: r.id, orgPath: p.path, countyCode: p.county_code, after: body });
    return { id: r.id };
  });
}

export async function listRemovals(deps: ReliefDeps, scope: Scope, q: { kind?: 'sign' | 'duty'; page: number; pageSize: number }) {
  const base = deps.db.selectFrom('relief_removal as r').where(inScope(scope, 'r.org_path')).$if(!!q.kind, (b) => b.where('r.kind', '=', q.kind!));
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as o', 'o.id', 'r.place_id').select(['r.id', 'o.name as place_name', 'r.kind', 'r.what', day('r.removed_on').as('removed_on'), 'r.removed_by'])
      .orderBy('r.removed_on', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), items: rows.map((r) => ({ id: r.id, placeName: r.place_name, kind: r.kind, what: r.what, removedOn: r.removed_on, removedBy: r.removed_by })) };
}

/** Counts in scope: certificates issued and refused (per community, the 20 with most refusals), the most refused asks, removals. */
export async function reliefFigures(deps: ReliefDeps, scope: Scope) {
  const db = deps.db;
  const [totals, communities, top, removals] = await Promise.all([
    db.selectFrom('relief_certificate_request as r').where(inScope(scope, 'r.org_path'))
      .select([sql<number>`count(*) FILTER (WHERE r.outcome = 'issued')::int`.as('issued'), sql<number>`count(*) FILTER (WHERE r.outcome = 'refused')::int`.as('refused')])
      .executeTakeFirstOrThrow(),
    db.selectFrom('relief_certificate_request as r').innerJoin('org_unit as o', 'o.id', 'r.community_id').where(inScope(scope, 'r.org_path'))
      .select(['o.name', sql<number>`count(*) FILTER (WHERE r.outcome = 'issued')::int`.as('issued'), sql<number>`count(*) FILTER (WHERE r.outcome = 'refused')::int`.as('refused')])
      .groupBy(['o.id', 'o.name']).orderBy(sql`3`, 'desc').orderBy('o.name').limit(20).execute(),
    db.selectFrom('relief_certificate_request as r').where(inScope(scope, 'r.org_path')).where('r.outcome', '=', 'refused')
      .select(['r.asked_for', sql<number>`count(*)::int`.as('n')]).groupBy('r.asked_for').orderBy(sql`2`, 'desc').orderBy('r.asked_for').limit(10).execute(),
    db.selectFrom('relief_removal as r').where(inScope(scope, 'r.org_path'))
      .select([sql<number>`count(*) FILTER (WHERE r.kind = 'sign')::int`.as('signs'), sql<number>`count(*) FILTER (WHERE r.kind = 'duty')::int`.as('duties')])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    issued: Number(totals.issued), refused: Number(totals.refused), signs: Number(removals.signs), duties: Number(removals.duties),
    communities: communities.map((c) => ({ name: c.name, issued: Number(c.issued), refused: Number(c.refused) })),
    refusedTop: top.map((t) => ({ askedFor: t.asked_for, n: Number(t.n) })),
  };
}
