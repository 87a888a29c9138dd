import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { AppError, fromDatabaseError } from '../../platform/errors.js';
import { fieldsWithControlCharacters } from '../../platform/http/input-guard.js';
import * as demands from '../demands/index.js';
import { GeoReportError, toXml, toXmlObject, type Field } from './georeport-format.js';
import { paramsOf, type Params } from './georeport-params.js';
import {
  discovery, findRequests, oneRequest, postRequest, requestIdOfToken, serviceDefinition, serviceList, viewerOf,
} from './georeport.service.js';

/**
 * Open311 GeoReport v2 on /open311/v2/ (and its discovery document on /open311/discovery), so
 * any Open311 client can list services, post requests and follow them. Outside /api: errors are
 * the specification's list of {code, description} in the asked format, every unknown path under
 * /open311/ included; reads need no api_key (the public view), posts need one.
 */

type Format = 'xml' | 'json';

function sendList(reply: FastifyReply, format: Format, status: number, root: string, item: string, records: Record<string, Field>[]) {
  reply.status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(records));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, item, records));
}

function sendObject(reply: FastifyReply, format: Format, root: string, record: Record<string, Field>) {
  reply.status(200);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(record));
  return reply.type('text/xml; charset=utf-8').send(toXmlObject(root, record));
}

const sendError = (reply: FastifyReply, format: Format, e: GeoReportError) =>
  sendList(reply, format, e.status, 'errors', 'error', [{ code: e.status, description: e.description }]);

/** The format a refusal is written in: the path's extension, else XML (the specification's default). */
function replyFormat(req: FastifyRequest): Format {
  const ext = (req.params as { format?: string } | undefined)?.format ?? /\.([a-z]+)$/i.exec(req.url.split('?')[0])?.[1];
  return ext?.toLowerCase() === 'json' ? 'json' : 'xml';
}

function formatOf(req: FastifyRequest): Format {
  const ext = (req.params as { format?: string }).format;
  if (ext === 'json' || ext === 'xml') return ext;
  throw new GeoReportError(400, 'format must be .xml or .json (格式只能是 .xml 或 .json)');
}

/** Any refusal in GeoReport's terms: domain errors and the database's backstop mapped to 400/403/404. */
function asGeoReportError(e: unknown): GeoReportError | null {
  if (e instanceof GeoReportError) return e;
  const known = e instanceof AppError ? e : fromDatabaseError(e);
  if (known && known.status < 500) return new GeoReportError(known.status === 404 ? 404 : known.status === 403 ? 403 : 400, known.userMessage);
  const status = (e as { statusCode?: number })?.statusCode;
  // Fastify's own refusals (a body that is not JSON, too large, a broken multipart form).
  if (status && status >= 400 && status < 500) return new GeoReportError(status === 404 ? 404 : status === 403 ? 403 : 400, `请求格式不正确 (${(e as Error).message})`);
  return null;
}

/** A multipart form's fields; files are read to the end and dropped (a photo comes as media_url). */
async function multipartFields(req: FastifyRequest): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        for await (const _chunk of part.file) { /* drain */ }
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch {
    throw new GeoReportError(400, 'the multipart form could not be read (表单无法读取)');
  }
  const bad = fieldsWithControlCharacters(fields, 'body');
  if (bad.length) throw new GeoReportError(400, `输入含有不可见的控制字符：${bad.join('、')}`);
  return fields;
}

/** The parameters of a call: the query, and for a post its form (url-encoded, multipart or JSON) over it. */
async function paramsFrom(req: FastifyRequest): Promise<Params> {
  const query = paramsOf(req.query);
  if (req.method !== 'POST') return query;
  const body = req.isMultipart() ? await multipartFields(req) : req.body;
  return { ...query, ...paramsOf(body) };
}

export async function open311Routes(app: FastifyInstance, ctx: AppContext) {
  const deps = demands.demandDeps(ctx);

  // GeoReport clients POST application/x-www-form-urlencoded (multipart is the app's parser).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  /** Wraps a handler: its refusals in the asked format, never the console's page or a 500 for bad input. */
  const georeport = (fn: (req: FastifyRequest, reply: FastifyReply, format: Format, p: Params) => Promise<unknown>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        const format = formatOf(req);
        return await fn(req, reply, format, await paramsFrom(req));
      } catch (e) {
        const refusal = asGeoReportError(e);
        if (refusal) return sendError(reply, replyFormat(req), refusal);
        throw e;
      }
    };

  /** Errors raised before the handler (the input guard's control characters, a body that does not parse). */
  const errorHandler = (err: Error, req: FastifyRequest, reply: FastifyReply) => {
    const refusal = asGeoReportError(err);
    if (!refusal) throw err;
    return sendError(reply, replyFormat(req), refusal);
  };
  const hide = { schema: { hide: true }, errorHandler };

  app.get('/open311/discovery.:format', hide, georeport(async (req, reply, format) =>
    sendObject(reply, format, 'discovery', discovery(`${req.protocol}://${req.host}`))));

  app.get('/open311/v2/services.:format', hide, georeport(async (_req, reply, format) =>
    sendList(reply, format, 200, 'services', 'service', await serviceList(deps))));

  app.get('/open311/v2/services/:code.:format', hide, georeport(async (req, reply, format) =>
    sendObject(reply, format, 'service_definition', await serviceDefinition(deps, (req.params as { code: string }).code))));

  app.get('/open311/v2/requests.:format', hide, georeport(async (req, reply, format, p) => {
    const viewer = await viewerOf(deps, p.api_key, req.ip, false);
    return sendList(reply, format, 200, 'service_requests', 'request', await findRequests(deps, viewer, p));
  }));

  app.get('/open311/v2/requests/:id.:format', hide, georeport(async (req, reply, format, p) => {
    const viewer = await viewerOf(deps, p.api_key, req.ip, false);
    return sendList(reply, format, 200, 'service_requests', 'request', await oneRequest(deps, viewer, (req.params as { id: string }).id));
  }));

  app.get('/open311/v2/tokens/:token.:format', hide, georeport(async (req, reply, format, p) => {
    const viewer = await viewerOf(deps, p.api_key, req.ip, false);
    return sendList(reply, format, 200, 'service_requests', 'request', await requestIdOfToken(deps, viewer, (req.params as { token: string }).token));
  }));

  app.post('/open311/v2/requests.:format', hide, georeport(async (req, reply, format, p) => {
    const viewer = await viewerOf(deps, p.api_key, req.ip, true);
    return sendList(reply, format, 200, 'service_requests', 'request', await postRequest(deps, viewer, p));
  }));

  // Anything else under /open311/ is the specification's 404 in the asked format, not the console's page.
  const unknown = async (req: FastifyRequest, reply: FastifyReply) =>
    sendError(reply, replyFormat(req), new GeoReportError(404, `${req.method} ${req.url.split('?')[0]} is not a GeoReport v2 endpoint (接口不存在)`));
  app.all('/open311', hide, unknown);
  app.all('/open311/*', hide, unknown);
}
