import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { Role } from '../../database.js';
import { AppError, fromDatabaseError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { Scope, inScope } from '../../platform/scope.js';
import * as demands from '../demands/index.js';
import { hashApiKey } from './api-keys.service.js';
import { isoCst, pointInGeometry, toXml, toXmlObject, type Field } from './georeport-format.js';

/**
 * Open311 GeoReport v2 on /open311/v2/, so any Open311 client can list services, post requests
 * and follow them. Outside /api: errors use the specification's list of {code, description},
 * and the api_key (issued in the console, scoped like an account) stands in for the session.
 */

class GeoReportError extends Error {
  constructor(readonly status: 400 | 403 | 404, readonly description: string) {
    super(description);
  }
}

type Format = 'xml' | 'json';

function send(reply: FastifyReply, format: Format, status: number, root: string, item: string, records: Record<string, Field>[]) {
  reply.status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(records));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, item, records));
}

function sendError(reply: FastifyReply, format: Format, e: GeoReportError) {
  return send(reply, format, e.status, 'errors', 'error', [{ code: e.status, description: e.description }]);
}

/** A demand id the database can hold (a positive 32-bit integer); anything else matches nothing. */
const isRequestId = (n: number) => Number.isInteger(n) && n > 0 && n <= 2_147_483_647;

function formatOf(ext: string): Format {
  if (ext === 'json' || ext === 'xml') return ext;
  throw new GeoReportError(400, 'format must be .xml or .json');
}

export async function open311Routes(app: FastifyInstance, ctx: AppContext) {
  const { db } = ctx.database;
  const deps = demands.demandDeps(ctx);

  // GeoReport clients POST application/x-www-form-urlencoded.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  async function keyFrom(req: FastifyRequest): Promise<{ actor: Actor; scope: Scope; keyId: number }> {
    const raw = ((req.body as Record<string, string> | undefined)?.api_key ?? (req.query as Record<string, string>).api_key ?? '').trim();
    if (!raw) throw new GeoReportError(403, 'api_key is required');
    const key = await db.selectFrom('api_key as k').innerJoin('account as a', 'a.id', 'k.account_id')
      .select(['k.id', 'k.name', 'k.org_id', 'k.org_path', 'k.county_code', 'k.revoked_at', 'a.id as account_id', 'a.username', 'a.role', 'a.disabled'])
      .where('k.key_hash', '=', hashApiKey(raw)).executeTakeFirst();
    if (!key || key.revoked_at || key.disabled) throw new GeoReportError(403, 'Invalid api_key received -- can\'t proceed');
    return {
      keyId: key.id,
      actor: { accountId: key.account_id, username: key.username, displayName: `Open311：${key.name}`, role: key.role as Role, ip: req.ip },
      scope: new Scope(key.org_id, key.org_path, key.county_code),
    };
  }

  /** Wraps a handler: GeoReport errors in the asked format, domain errors mapped to 400/404. */
  const georeport = (fn: (req: FastifyRequest, reply: FastifyReply, format: Format) => Promise<unknown>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const ext = (req.params as { format?: string }).format ?? 'xml';
      const format: Format = ext === 'json' ? 'json' : 'xml';
      try {
        return await fn(req, reply, formatOf(ext));
      } catch (e) {
        if (e instanceof GeoReportError) return sendError(reply, format, e);
        // The same backstop as /api: a value the database refuses (out of range) is the caller's 400.
        const known = e instanceof AppError ? e : fromDatabaseError(e);
        if (known && known.status < 500) return sendError(reply, format, new GeoReportError(known.status === 404 ? 404 : known.status === 403 ? 403 : 400, known.userMessage));
        throw e;
      }
    };

  /** Errors raised before the handler (the input guard's control characters) in GeoReport's format too. */
  const errorHandler = (err: Error, req: FastifyRequest, reply: FastifyReply) => {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const format: Format = (req.params as { format?: string }).format === 'json' ? 'json' : 'xml';
    return sendError(reply, format, new GeoReportError(err.status === 404 ? 404 : err.status === 403 ? 403 : 400, err.userMessage));
  };
  const hide = { schema: { hide: true }, errorHandler };

  app.get('/open311/v2/services.:format', hide, georeport(async (_req, reply, format) => {
    const cats = await demands.allCategories(db);
    return send(reply, format, 200, 'services', 'service', cats.map((c) => ({
      service_code: c.code, service_name: c.name,
      description: `${c.name}（办理时限：${c.limit_value}${c.limit_kind === 'hours' ? '小时' : '个工作日'}）`,
      metadata: (c.attributes as unknown[]).length > 0, type: 'realtime', keywords: c.name, group: '居民诉求',
    })));
  }));

  app.get('/open311/v2/services/:code.:format', hide, georeport(async (req, reply, format) => {
    const { code } = req.params as { code: string };
    const c = await demands.findCategory(db, code);
    if (!c) throw new GeoReportError(404, `service_code ${code} not found`);
    const attrs = (c.attributes as { code: string; datatype: string; required: boolean; description: string; values?: { key: string; name: string }[] }[]).map((a, i) => ({
      variable: true, code: a.code, datatype: a.datatype, required: a.required, datatype_description: null,
      order: i + 1, description: a.description, values: (a.values ?? []).map((v) => ({ key: v.key, name: v.name })),
    }));
    const record = { service_code: c.code, attributes: attrs };
    reply.status(200);
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(record));
    return reply.type('text/xml; charset=utf-8').send(toXmlObject('service_definition', record));
  }));

  async function requestRecords(scope: Scope, where: { ids?: number[]; serviceCodes?: string[]; status?: string; start?: Date; end?: Date }) {
    const rows = await demands.demandFeed(db, scope, {
      ids: where.ids, categories: where.serviceCodes, start: where.start, end: where.end,
      closed: where.status === 'closed' ? true : where.status === 'open' ? false : undefined,
    }, deps.clock.now());
    return rows.map((d) => ({
      service_request_id: d.id,
      status: d.finished ? 'closed' : 'open',
      status_notes: d.merged_into_id ? `已合并到 #${d.merged_into_id}` : d.last_note ?? null,
      service_name: d.category_name,
      service_code: d.category_code,
      description: d.description,
      agency_responsible: d.agencies ?? `${d.place_name}（社区）`,
      service_notice: null,
      requested_datetime: isoCst(d.created_at),
      updated_datetime: isoCst(d.updated_at),
      expected_datetime: isoCst(d.due_at),
      address: d.address,
      address_id: null,
      zipcode: null,
      lat: d.lat,
      long: d.lng,
      media_url: (d.photos as string[])?.find((p) => /^https?:/.test(p)) ?? null,
    }));
  }

  app.get('/open311/v2/requests.:format', hide, georeport(async (req, reply, format) => {
    const { scope } = await keyFrom(req);
    const q = req.query as Record<string, string | undefined>;
    // A four-digit year from 1900 on: JavaScript takes years the database cannot store (99999).
    const parseDate = (v: string | undefined, name: string) => {
      if (!v) return undefined;
      const d = /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v) : new Date(NaN);
      if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900) throw new GeoReportError(400, `${name} must be an ISO 8601 date`);
      return d;
    };
    const records = await requestRecords(scope, q.service_request_id
      ? { ids: q.service_request_id.split(',').map(Number).filter(isRequestId) }
      : {
          serviceCodes: q.service_code?.split(',').filter(Boolean),
          status: q.status?.split(',').length === 1 ? q.status : undefined,
          start: parseDate(q.start_date, 'start_date'),
          end: parseDate(q.end_date, 'end_date'),
        });
    return send(reply, format, 200, 'service_requests', 'request', records);
  }));

  app.get('/open311/v2/requests/:id.:format', hide, georeport(async (req, reply, format) => {
    const { scope } = await keyFrom(req);
    const id = Number((req.params as { id: string }).id);
    const records = isRequestId(id) ? await requestRecords(scope, { ids: [id] }) : [];
    if (!records.length) throw new GeoReportError(404, `service_request_id ${(req.params as { id: string }).id} not found`);
    return send(reply, format, 200, 'service_requests', 'request', records);
  }));

  app.get('/open311/v2/tokens/:token.:format', hide, georeport(async (req, reply, format) => {
    const { scope } = await keyFrom(req);
    const { token } = req.params as { token: string };
    const d = await demands.demandIdByClientId(db, scope, `open311:${token}`);
    if (!d) throw new GeoReportError(404, `token ${token} not found`);
    return send(reply, format, 200, 'service_requests', 'request', [{ service_request_id: d.id, token }]);
  }));

  app.post('/open311/v2/requests.:format', hide, georeport(async (req, reply, format) => {
    const { actor, scope } = await keyFrom(req);
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    if (!b.service_code) throw new GeoReportError(400, 'service_code is required');
    const category = await demands.findCategory(db, b.service_code);
    if (!category) throw new GeoReportError(404, `service_code ${b.service_code} not found`);
    const lat = b.lat !== undefined ? Number(b.lat) : undefined;
    const lng = b.long !== undefined ? Number(b.long) : undefined;
    if ((lat === undefined || lng === undefined || Number.isNaN(lat) || Number.isNaN(lng)) && !b.address_string) {
      throw new GeoReportError(400, 'a location is required: lat and long, or address_string');
    }
    // Required attributes of the service definition.
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(b)) {
      const m = /^attribute\[(.+)\]$/.exec(k);
      if (m && v !== undefined) attributes[m[1]] = v;
    }
    for (const a of category.attributes as { code: string; required: boolean; description: string; values?: { key: string }[] }[]) {
      if (a.required && !attributes[a.code]) throw new GeoReportError(400, `attribute[${a.code}] is required: ${a.description}`);
      if (a.values && attributes[a.code] && !a.values.some((v) => v.key === attributes[a.code])) {
        throw new GeoReportError(400, `attribute[${a.code}] must be one of ${a.values.map((v) => v.key).join(', ')}`);
      }
    }
    const orgId = await placeFor(scope, lat, lng, b.address_string);
    const description = [b.description?.trim(), ...Object.entries(attributes).map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join('\n');
    if (!description) throw new GeoReportError(400, 'description is required');
    const token = randomUUID();
    const name = [b.last_name, b.first_name].filter(Boolean).join('') || undefined;
    const { demand } = await demands.createDemand(deps, actor, scope, {
      orgId, categoryCode: category.code, description, address: b.address_string, lat, lng,
      photos: b.media_url ? [b.media_url] : [], channel: 'open311', reporterName: name,
      reporterPhone: b.phone && /^1[3-9]\d{9}$/.test(b.phone) ? b.phone : undefined, clientId: `open311:${token}`, external: true,
    });
    return send(reply, format, 200, 'service_requests', 'request', [{
      service_request_id: demand.id, token, service_notice: `预计${isoCst(new Date(demand.dueAt))}前办结`, account_id: null,
    }]);
  }));

  /** The grid whose outline holds the point; else a place matching the address; else refused. */
  async function placeFor(scope: Scope, lat?: number, lng?: number, address?: string): Promise<number> {
    if (lat !== undefined && lng !== undefined && !Number.isNaN(lat) && !Number.isNaN(lng)) {
      const grids = await db.selectFrom('org_unit').select(['id', 'geometry']).where('kind', '=', 'grid')
        .where('dissolved_at', 'is', null).where(inScope(scope, 'path')).where('geometry', 'is not', null).limit(5000).execute();
      const hit = grids.find((g) => pointInGeometry(lng, lat, g.geometry));
      if (hit) return hit.id;
      if (!address) throw new GeoReportError(400, 'lat/long is outside every grid this api_key covers');
    }
    const h = await db.selectFrom('household').select('unit_id').where(inScope(scope, 'org_path'))
      .where(sql<boolean>`address LIKE ${'%' + address + '%'}`).limit(1).executeTakeFirst();
    if (h) return h.unit_id;
    const u = await db.selectFrom('org_unit').select(['id', 'kind']).where(inScope(scope, 'path'))
      .where('kind', 'in', ['community', 'grid', 'building']).where(sql<boolean>`${address} LIKE '%' || name || '%'`)
      .orderBy('depth', 'desc').limit(1).executeTakeFirst();
    if (u) return u.id;
    throw new GeoReportError(400, 'address_string does not match any place this api_key covers');
  }
}
