import { randomUUID } from 'node:crypto';
import type { Role } from '../../database.js';
import type { Actor } from '../../platform/http/request-context.js';
import { isMobile } from '../../platform/pii/id-number.js';
import { maskFreeText } from '../../platform/pii/free-text.js';
import { Scope } from '../../platform/scope.js';
import * as demands from '../demands/index.js';
import { hashApiKey } from './api-keys.service.js';
import { centroidOf, GeoReportError, isoCst, pointInGeometry, type Field } from './georeport-format.js';
import {
  postedAttributes, postedDescription, postedLocation, requestIds, requestWindow, statusFilter, type Params, type PostedLocation,
} from './georeport-params.js';
import * as repo from './georeport.repository.js';

/**
 * GeoReport v2's rules: who is asking (a key, scoped like an account of its place, or anyone),
 * what each sees, and how a posted request becomes a demand.
 */

/** When this endpoint last changed in a way clients notice (the discovery document's changeset). */
export const CHANGESET = '2026-11-30T00:00:00Z';

/**
 * Anyone may read requests (the specification asks no key for reads): the public view covers the
 * whole register and shows no personal data. A key sees the full view of its own place.
 */
export type Viewer =
  | { kind: 'public'; scope: Scope }
  | { kind: 'key'; scope: Scope; actor: Actor; keyId: number };

const WHOLE_REGISTER = new Scope(0, '', '');

/** The viewer of a call: the key's, when one is given (a wrong or revoked key is refused), else the public. */
export async function viewerOf(deps: demands.DemandDeps, apiKey: string | undefined, ip: string, required: boolean): Promise<Viewer> {
  if (!apiKey) {
    if (required) throw new GeoReportError(403, 'api_key is required (须提供 api_key)');
    return { kind: 'public', scope: WHOLE_REGISTER };
  }
  const key = await repo.keyByHash(deps.db, hashApiKey(apiKey));
  if (!key || key.revoked_at || key.disabled) throw new GeoReportError(403, 'Invalid api_key received -- can\'t proceed (api_key 无效或已吊销)');
  return {
    kind: 'key',
    keyId: key.id,
    actor: { accountId: key.account_id, username: key.username, displayName: `Open311：${key.name}`, role: key.role as Role, ip },
    scope: new Scope(key.org_id, key.org_path, key.county_code),
  };
}

/** The service discovery document: where the v2 endpoint is, in which formats, since when. */
export function discovery(baseUrl: string) {
  return {
    changeset: CHANGESET,
    contact: '由本平台的区县或街道管理员在“Open311 接口密钥”页面签发密钥 (keys are issued by the county or street administrators)',
    key_service: `${baseUrl}/open311-keys`,
    endpoints: [{
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${baseUrl}/open311/v2/`,
      changeset: CHANGESET,
      type: 'production',
      formats: ['text/xml', 'application/json'],
    }],
  };
}

export async function serviceList(deps: demands.DemandDeps) {
  const cats = await demands.allCategories(deps.db);
  return cats.map((c) => ({
    service_code: c.code, service_name: c.name,
    description: `${c.name}（办理时限：${c.limit_value}${c.limit_kind === 'hours' ? '小时' : '个工作日'}）`,
    metadata: (c.attributes as unknown[]).length > 0, type: 'realtime', keywords: c.name, group: '居民诉求',
  }));
}

interface Attribute { code: string; datatype: string; required: boolean; description: string; values?: { key: string; name: string }[] }

export async function serviceDefinition(deps: demands.DemandDeps, code: string) {
  const c = await demands.findCategory(deps.db, code);
  if (!c) throw new GeoReportError(404, `service_code ${code} not found (服务类别不存在)`);
  return {
    service_code: c.code,
    attributes: (c.attributes as Attribute[]).map((a, i) => ({
      variable: true, code: a.code, datatype: a.datatype, required: a.required, datatype_description: null,
      order: i + 1, description: a.description, values: (a.values ?? []).map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

/** GET requests: by ids (every other parameter ignored, as the specification says), or by window, service and status. */
export async function findRequests(deps: demands.DemandDeps, viewer: Viewer, q: Params) {
  if (q.service_request_id !== undefined) return requestRecords(deps, viewer, { ids: requestIds(q.service_request_id) });
  const { start, end } = requestWindow(q.start_date, q.end_date, deps.clock.now());
  return requestRecords(deps, viewer, {
    categories: q.service_code?.split(',').map((s) => s.trim()).filter(Boolean), closed: statusFilter(q.status), start, end,
  });
}

export async function oneRequest(deps: demands.DemandDeps, viewer: Viewer, rawId: string) {
  const [id] = /^\d{1,10}$/.test(rawId) ? requestIds(rawId) : [];
  const records = id ? await requestRecords(deps, viewer, { ids: [id] }) : [];
  if (!records.length) throw new GeoReportError(404, `service_request_id ${rawId} not found (诉求不存在)`);
  return records;
}

/** A token of a request posted earlier, resolved to its id. */
export async function requestIdOfToken(deps: demands.DemandDeps, viewer: Viewer, token: string) {
  const d = token.length <= 64 ? await demands.demandIdByClientId(deps.db, viewer.scope, `open311:${token}`) : undefined;
  if (!d) throw new GeoReportError(404, `token ${token} not found (凭证不存在)`);
  return [{ service_request_id: d.id, token }];
}

type FeedRow = Awaited<ReturnType<typeof demands.demandFeed>>[number];

async function requestRecords(deps: demands.DemandDeps, viewer: Viewer, where: Parameters<typeof demands.demandFeed>[2]): Promise<Record<string, Field>[]> {
  const rows = await demands.demandFeed(deps.db, viewer.scope, where, deps.clock.now());
  const common = (d: FeedRow) => ({
    service_request_id: d.id,
    status: d.finished ? 'closed' : 'open',
    service_name: d.category_name,
    service_code: d.category_code,
    requested_datetime: isoCst(d.created_at),
    updated_datetime: isoCst(d.updated_at),
    expected_datetime: isoCst(d.due_at),
  });
  if (viewer.kind === 'key') {
    return rows.map((d) => ({
      ...common(d),
      status_notes: d.merged_into_id ? `已合并到 #${d.merged_into_id}` : d.last_note ?? null,
      description: d.description,
      agency_responsible: d.agencies ?? `${d.place_name}（社区）`,
      service_notice: null,
      address: d.address ?? d.place_name,
      address_id: String(d.org_id),
      zipcode: null,
      lat: d.lat,
      long: d.lng,
      media_url: (d.photos as string[])?.find((p) => typeof p === 'string' && /^https?:/.test(p)) ?? null,
    })).map(order);
  }
  // The public view: no names, contacts, notes or media; numbers in the description masked; the
  // place no finer than the grid (its name and the centre of its outline).
  const ids = [...new Set(rows.flatMap((d) => pathIds(d.org_path)))];
  const places = new Map((await repo.gridsAndCommunities(deps.db, viewer.scope, ids)).map((p) => [p.id, p]));
  return rows.map((d) => {
    const onPath = pathIds(d.org_path).map((id) => places.get(id)).filter((p) => !!p);
    const grid = onPath.filter((p) => p.kind === 'grid').at(-1);
    const community = onPath.filter((p) => p.kind === 'community').at(-1);
    const centre = grid ? centroidOf(grid.geometry) : null;
    const address = grid && community && !grid.name.includes(community.name) ? `${community.name} ${grid.name}` : (grid ?? community)?.name ?? null;
    return order({
      ...common(d),
      status_notes: d.merged_into_id ? `已合并到 #${d.merged_into_id}` : null,
      description: maskFreeText(d.description),
      agency_responsible: d.agencies ?? (community ? `${community.name}（社区）` : null),
      service_notice: null,
      address,
      address_id: null,
      zipcode: null,
      lat: centre?.lat ?? null,
      long: centre?.lng ?? null,
      media_url: null,
    });
  });
}

const pathIds = (path: string) => path.split('.').filter(Boolean).map(Number);

/** The specification's order of a request's fields (XML clients read them in order). */
const FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'] as const;
const order = (r: Record<string, Field>) => Object.fromEntries(FIELDS.map((f) => [f, r[f] ?? null]));

/**
 * POST requests: a demand filed under the key's account in its place. The answer carries the
 * service_request_id (the demand exists at once), so no token; the token it is filed under still
 * resolves through tokens/{token}.
 */
export async function postRequest(deps: demands.DemandDeps, viewer: Viewer, p: Params) {
  if (viewer.kind !== 'key') throw new GeoReportError(403, 'api_key is required (须提供 api_key)');
  if (!p.service_code) throw new GeoReportError(400, 'service_code is required (须提供 service_code)');
  const category = await demands.findCategory(deps.db, p.service_code);
  if (!category) throw new GeoReportError(404, `service_code ${p.service_code} not found (服务类别不存在)`);
  const location = postedLocation(p);
  const given = postedDescription(p);
  const attributes = postedAttributes(p);
  for (const a of category.attributes as Attribute[]) {
    if (a.required && !attributes[a.code]) throw new GeoReportError(400, `attribute[${a.code}] is required: ${a.description}`);
    if (a.values && attributes[a.code] && !a.values.some((v) => v.key === attributes[a.code])) {
      throw new GeoReportError(400, `attribute[${a.code}] must be one of ${a.values.map((v) => v.key).join(', ')}`);
    }
  }
  const name = [p.last_name, p.first_name].filter(Boolean).join('') || undefined;
  if (name && name.length > 60) throw new GeoReportError(400, 'first_name and last_name may not be longer than 60 characters together (姓名过长)');
  if (p.media_url && (p.media_url.length > 1000 || !/^https?:\/\/\S+$/i.test(p.media_url))) {
    throw new GeoReportError(400, 'media_url must be an http or https URL (图片地址须为 http(s) 链接)');
  }
  const orgId = await placeFor(deps, viewer.scope, location);
  const description = [given, ...Object.entries(attributes).map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join('\n')
    || `${category.name}（Open311 来件，未填写描述）`;
  const { demand } = await demands.createDemand(deps, viewer.actor, viewer.scope, {
    orgId, categoryCode: category.code, description, address: location.addressString, lat: location.lat, lng: location.lng,
    photos: p.media_url ? [p.media_url] : [], channel: 'open311', reporterName: name,
    reporterPhone: p.phone && isMobile(p.phone) ? p.phone : undefined, clientId: `open311:${randomUUID()}`, external: true,
  });
  return [{ service_request_id: demand.id, service_notice: `预计${isoCst(new Date(demand.dueAt))}前办结`, account_id: null }];
}

/** address_id names a place; else the grid whose outline holds the point; else a place matching the address. */
async function placeFor(deps: demands.DemandDeps, scope: Scope, loc: PostedLocation): Promise<number> {
  if (loc.addressId !== undefined) {
    const place = await repo.addressPlace(deps.db, scope, loc.addressId);
    if (!place) throw new GeoReportError(400, `address_id ${loc.addressId} is not a place this api_key covers (地址编号不在本密钥的范围内)`);
    return place.id;
  }
  if (loc.lat !== undefined && loc.lng !== undefined) {
    const hit = (await repo.gridOutlines(deps.db, scope)).find((g) => pointInGeometry(loc.lng!, loc.lat!, g.geometry));
    if (hit) return hit.id;
    if (!loc.addressString) throw new GeoReportError(400, 'lat/long is outside every grid this api_key covers (位置不在本密钥覆盖的网格内)');
  }
  const address = loc.addressString!;
  const h = await repo.householdUnitByAddress(deps.db, scope, address);
  if (h) return h.unit_id;
  const u = await repo.placeNamedIn(deps.db, scope, address);
  if (u) return u.id;
  throw new GeoReportError(400, 'address_string does not match any place this api_key covers (地址不在本密钥的范围内)');
}
