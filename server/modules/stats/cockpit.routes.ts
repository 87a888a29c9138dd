import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './cockpit.schemas.js';
import { catalogue, cockpit, trend } from './cockpit.service.js';
import { childOutlines } from './outlines.service.js';
import { monthlyReport, reportWorkbook } from './report.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 驾驶舱: the catalogue of indicators, a unit's figures with its children's and their outlines, and an indicator's trend. */
export async function cockpitRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stats'];
  const clock = ctx.clock ?? systemClock;
  r.get('/stats/indicators', {
    config: { permission: 'stats.read' },
    schema: { tags, summary: '指标目录：名称、口径、单位、来源表、可下钻的最低层级', response: { 200: s.Catalogue } },
    handler: async () => catalogue(),
  });
  r.get('/stats/cockpit', {
    config: { permission: 'stats.read' },
    schema: {
      tags, summary: '驾驶舱：一个单位某月的全部指标、下级单位的同一指标和上月对比',
      description: '本月实时统计；往月读取月末快照，未做快照的月份按月末时点统计。', querystring: s.CockpitQuery, response: { 200: s.Cockpit },
    },
    handler: async (req) => {
      const a = authOf(req);
      return cockpit(ctx.database.db, clock, a.scope, req.query);
    },
  });
  r.get('/stats/trend', {
    config: { permission: 'stats.read' },
    schema: { tags, summary: '一个指标的月度走势（快照和本月实时）', querystring: s.TrendQuery, response: { 200: s.Trend } },
    handler: async (req) => {
      const a = authOf(req);
      return trend(ctx.database.db, clock, a.scope, req.query);
    },
  });
  r.get('/stats/outlines', {
    config: { permission: 'stats.read' },
    schema: {
      tags, summary: '驾驶舱地图：下级单位的轮廓（GeoJSON MultiPolygon）',
      description: '有自身轮廓的用自身轮廓（县、网格），否则由其下全部网格轮廓组成；都没有的为 null（无边界）。最多500个下级单位。',
      querystring: s.OutlinesQuery, response: { 200: s.Outlines },
    },
    handler: async (req) => childOutlines(ctx.database.db, authOf(req).scope, req.query),
  });
  r.get('/stats/report', {
    config: { permission: 'stats.read' },
    schema: { tags, summary: '月报：全部指标、上月对比和自动生成的对比说明（打印页）', querystring: s.ReportQuery, response: { 200: s.Report } },
    handler: async (req) => {
      const a = authOf(req);
      return monthlyReport(ctx.database.db, clock, a.scope, req.query);
    },
  });
  r.get('/stats/report/export', {
    config: { permission: 'stats.read' },
    schema: { tags, summary: '导出月报（.xlsx）', querystring: s.ReportQuery, produces: [XLSX] },
    handler: async (req, reply) => {
      const a = authOf(req);
      const x = await reportWorkbook(ctx.database.db, clock, a.scope, req.query);
      return reply.header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="monthly-report.xlsx"; filename*=UTF-8''${encodeURIComponent(x.filename)}`)
        .header('cache-control', 'no-store').send(x.body);
    },
  });
}
