import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, PageQuery } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './ledger.schemas.js';
import * as ledger from './ledger.service.js';
import * as review from './service-review.service.js';
import * as st from './statements.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sendXlsx = (reply: FastifyReply, id: number, x: { body: Buffer; filename: string }) => reply
  .header('content-type', XLSX)
  .header('content-disposition', `attachment; filename="compound-${id}-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(x.filename)}`)
  .header('cache-control', 'no-store')
  .send(x.body);

/**
 * 公共账户、收支公开、服务评定: the same account kept by community staff (console, by scope) and by
 * the compound's committee (phone, by a live seat); owners read it and rate the service.
 */
export async function selfrunAccountRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = ledger.accountDeps(ctx);
  const tags = ['selfrun-account'];

  // Staff and committee share the paths' shape: /selfrun/compounds/:id/… (staff) and /selfrun/my-account/:id/… (committee).
  for (const [prefix, as, read, write] of [
    ['/selfrun/compounds', 'staff', 'selfrun.read', 'selfrun.manage'],
    ['/selfrun/my-account', 'committee', 'selfrun.committee', 'selfrun.committee'],
  ] as const) {
    const who = as === 'staff' ? '（社区）' : '（业委会/物管会成员）';
    r.get(`${prefix}/:id/ledger`, {
      config: { permission: read },
      schema: { tags, summary: `公共账户明细账与余额${who}`, params: IdParams, querystring: s.LedgerQuery, response: { 200: s.Ledger } },
      handler: async (req) => {
        const a = authOf(req);
        return ledger.ledger(deps, a.actor, a.scope, req.params.id, as, req.query);
      },
    });
    r.post(`${prefix}/:id/ledger`, {
      config: { permission: write },
      schema: { tags, summary: `记一笔收入或支出（金额以分计）${who}`, params: IdParams, body: s.EntryBody, response: { 200: s.Ok } },
      handler: async (req) => {
        const a = authOf(req);
        return ledger.record(deps, a.actor, a.scope, req.params.id, as, req.body);
      },
    });
    r.post(`${prefix}/:id/ledger/:entryId/reverse`, {
      config: { permission: write },
      schema: { tags, summary: `红字冲销一笔账目（须写原因，每笔只能冲销一次）${who}`, params: s.EntryParams, body: s.ReverseBody, response: { 200: s.Ok } },
      handler: async (req) => {
        const a = authOf(req);
        return ledger.reverse(deps, a.actor, a.scope, req.params.id, req.params.entryId, as, req.body);
      },
    });
    r.get(`${prefix}/:id/ledger/export`, {
      config: { permission: read },
      schema: { tags, summary: `导出明细账（.xlsx）${who}`, params: IdParams, querystring: s.LedgerQuery.pick({ month: true }), produces: [XLSX] },
      handler: async (req, reply) => {
        const a = authOf(req);
        return sendXlsx(reply, req.params.id, await ledger.exportLedger(deps, a.actor, a.scope, req.params.id, as, req.query.month));
      },
    });
    r.get(`${prefix}/:id/statements`, {
      config: { permission: read },
      schema: { tags, summary: `月度收支公开${who}`, params: IdParams, response: { 200: s.Statements } },
      handler: async (req) => {
        const a = authOf(req);
        return st.statements(deps, a.actor, a.scope, req.params.id, as);
      },
    });
    r.post(`${prefix}/:id/statements`, {
      config: { permission: write },
      schema: { tags, summary: `结账并公开一个月的收支（月末之后，每月一次）${who}`, params: IdParams, body: s.CloseBody, response: { 200: s.Ok } },
      handler: async (req) => {
        const a = authOf(req);
        return st.closeMonth(deps, a.actor, a.scope, req.params.id, as, req.body);
      },
    });
  }

  r.get('/selfrun/account/compounds', {
    config: { permission: 'selfrun.read' },
    schema: { tags, summary: '有公共账户的小区（居民自办）：余额和已结账月份', querystring: PageQuery, response: { 200: s.AccountList } },
    handler: async (req) => ledger.list(deps, authOf(req).scope, req.query),
  });
  r.get('/selfrun/account/figures', {
    config: { permission: 'selfrun.read' },
    schema: { tags, summary: '街道/县区统计：居民自办小区本年收支与服务评定', querystring: s.YearQuery, response: { 200: s.Figures } },
    handler: async (req) => review.figures(deps, authOf(req).scope, req.query.year),
  });
  r.get('/selfrun/my-compound-account', {
    config: { permission: 'selfrun.owner' },
    schema: { tags, summary: '我的小区公共账户：余额、收支公开和服务评定（业主、委员会成员）', response: { 200: s.MyAccount } },
    handler: async (req) => review.myAccount(deps, authOf(req).actor),
  });
  r.post('/selfrun/my-compound-account/:id/review', {
    config: { permission: 'selfrun.owner' },
    schema: { tags, summary: '服务评定：每户每年一次，1–5分', params: IdParams, body: s.RateBody, response: { 200: s.Ok } },
    handler: async (req) => review.rate(deps, authOf(req).actor, req.params.id, req.body),
  });
  r.get('/public/compounds/:id/statements', {
    config: { public: true },
    schema: { tags: ['selfrun-public'], summary: '小区收支公开（无需登录，不含个人信息）', params: IdParams, response: { 200: s.Statements } },
    handler: async (req) => st.publicStatements(deps, req.params.id),
  });
}
