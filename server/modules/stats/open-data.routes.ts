import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './cockpit.schemas.js';
import { csvOf, datasetRows, dictionary, openDataChoice, openDataCounties, openDataRows, portalCounties, publicFigures, setOpenData, toCsv } from './open-data.service.js';

/** 开放数据: a county chooses which indicators it publishes; anyone reads them at stable addresses. */
/** Open-data files change monthly (indicators) or slowly (datasets): a shared copy may serve for ten minutes. */
const OPEN_FILE_CACHE = 'public, max-age=600';

export async function openDataRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = ctx.clock ?? systemClock;
  const { db } = ctx.database;
  const tags = ['stats'];
  r.get('/stats/open-data', {
    config: { permission: 'stats.read' },
    schema: { tags, summary: '县（市、区）开放数据：已发布和可发布的指标、数据地址', querystring: s.OpenDataQuery, response: { 200: s.OpenDataChoice } },
    handler: async (req) => openDataChoice(db, authOf(req).scope, req.query.countyId),
  });
  r.put('/stats/open-data', {
    config: { permission: 'stats.publish' },
    schema: { tags, summary: '设置开放数据发布的指标（只限可公开的汇总指标）', body: s.OpenDataBody, response: { 200: s.OpenDataSet } },
    handler: async (req) => {
      const a = authOf(req);
      return setOpenData(db, clock, a.actor, a.scope, req.body);
    },
  });

  const pub = ['stats-public'];
  r.get('/public/open-data', {
    config: { public: true },
    schema: { tags: pub, summary: '开放数据目录（无需登录）', response: { 200: s.OpenDataCounties } },
    handler: async () => openDataCounties(db),
  });
  r.get('/public/open-data/:code/dictionary.json', {
    config: { public: true },
    schema: { tags: pub, summary: '数据字典（无需登录）', params: s.CountyCodeParams, response: { 200: s.OpenDataDictionary } },
    handler: async (req) => dictionary(db, req.params.code),
  });
  r.get('/public/open-data/:code/indicators.json', {
    config: { public: true },
    schema: { tags: pub, summary: '指标数据 JSON（月末快照，每月更新；无需登录）', params: s.CountyCodeParams, response: { 200: s.OpenDataJson } },
    handler: async (req, reply) => {
      const x = await openDataRows(db, req.params.code);
      reply.header('cache-control', OPEN_FILE_CACHE);
      return { county: { code: x.county.county_code, name: x.county.name }, rows: x.rows.map(({ unit_level_zh: _zh, ...row }) => row) };
    },
  });
  r.get('/public/open-data/:code/indicators.csv', {
    config: { public: true },
    schema: { tags: pub, summary: '指标数据 CSV（UTF-8，无需登录）', params: s.CountyCodeParams, produces: ['text/csv'] },
    handler: async (req, reply) => {
      const x = await openDataRows(db, req.params.code);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('cache-control', OPEN_FILE_CACHE)
        .header('content-disposition', `attachment; filename="linli-${req.params.code}-indicators.csv"`)
        .send(toCsv(x.rows));
    },
  });
  r.get('/public/open-data/:code/datasets/:file', {
    config: { public: true },
    schema: { tags: pub, summary: '开放数据集（<名称>.csv 或 <名称>.json；只含可公开的字段，无需登录）', params: s.DatasetFileParams, produces: ['text/csv', 'application/json'] },
    handler: async (req, reply) => {
      const [name, ext] = req.params.file.split('.') as [string, 'csv' | 'json'];
      const x = await datasetRows(db, req.params.code, name);
      // Anyone may fetch these, often: browsers and proxies keep a copy for a while instead of
      // every visit counting a county's records again.
      reply.header('cache-control', OPEN_FILE_CACHE);
      if (ext === 'json') return reply.send(x);
      return reply.header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="linli-${req.params.code}-${name}.csv"`)
        .send(csvOf(x.fields, x.rows));
    },
  });
  r.get('/public/counties', {
    config: { public: true },
    schema: { tags: pub, summary: '各县（市、区）：信息公开栏目按县选择（无需登录）', response: { 200: s.PortalCounties } },
    handler: async () => portalCounties(db),
  });
  r.get('/public/figures', {
    config: { public: true },
    schema: { tags: pub, summary: '各县（市、区）公开的主要数据（最近月末快照；无需登录）', response: { 200: s.PublicFigures } },
    handler: async () => publicFigures(db),
  });
}
