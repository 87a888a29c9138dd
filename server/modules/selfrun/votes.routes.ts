import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './votes.schemas.js';
import * as svc from './votes.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 业主表决: create, announce, ballots (phone, proxy, paper under four eyes), the result and its public 公示. */
export async function selfrunVoteRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = svc.votesDeps(ctx);
  const tags = ['selfrun'];

  r.get('/selfrun/votes', {
    config: { permission: 'selfrun.read' },
    schema: { tags, summary: '业主表决列表（按小区、社区、状态）', querystring: s.VotesQuery, response: { 200: paged(s.VoteItem) } },
    handler: async (req) => { const a = authOf(req); return svc.listVotes(deps, a.actor, a.scope, req.query); },
  });
  // Staff with selfrun.manage or the compound's committee member: the service checks which.
  r.post('/selfrun/votes', {
    config: { permission: 'self' },
    schema: { tags, summary: '发起业主表决（事项分特别/一般，开始时间至少在公告15日后）', body: s.CreateVoteBody, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return svc.createVote(deps, a.actor, a.scope, req.body); },
  });
  r.get('/selfrun/votes/:id', {
    config: { permission: 'self' },
    schema: { tags, summary: '表决详情：事项、实时参与情况（截止前不显示选择）、结果', params: IdParams, response: { 200: s.VoteDetail } },
    handler: async (req) => { const a = authOf(req); return svc.voteDetail(deps, a.actor, a.scope, req.params.id); },
  });
  r.post('/selfrun/votes/:id/announce', {
    config: { permission: 'self' },
    schema: { tags, summary: '公告表决（须在开始投票15日前；已张贴纸质公告的，填张贴日期并附照片，从张贴日起算）', params: IdParams, body: s.AnnounceBody, response: { 200: s.StepResult } },
    handler: async (req) => {
      const a = authOf(req);
      const b = req.body ?? {};
      const paper = b.noticePostedOn && b.noticePhotoId ? { postedOn: b.noticePostedOn, photoId: b.noticePhotoId } : undefined;
      return svc.stepVote(deps, a.actor, a.scope, req.params.id, 'announce', undefined, paper);
    },
  });
  r.post('/selfrun/votes/:id/cancel', {
    config: { permission: 'self' },
    schema: { tags, summary: '取消表决（须说明理由）', params: IdParams, body: s.ReasonBody, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return svc.stepVote(deps, a.actor, a.scope, req.params.id, 'cancel', req.body.reason); },
  });
  r.post('/selfrun/votes/:id/publish', {
    config: { permission: 'self' },
    schema: { tags, summary: '公示表决结果（截止计票后）', params: IdParams, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return svc.stepVote(deps, a.actor, a.scope, req.params.id, 'publish'); },
  });
  r.get('/selfrun/votes/:id/units', {
    config: { permission: 'selfrun.manage' },
    schema: { tags, summary: '小区专有部分：面积、是否已表决（不显示选择）、待确认纸质票', params: IdParams, querystring: s.UnitsQuery, response: { 200: paged(s.UnitRow) } },
    handler: async (req) => { const a = authOf(req); return svc.voteUnits(deps, a.actor, a.scope, req.params.id, req.query); },
  });
  r.get('/selfrun/votes/:id/paper', {
    config: { permission: 'selfrun.manage' },
    schema: { tags, summary: '待第二人核对确认的纸质选票', params: IdParams, response: { 200: s.PaperEntry.array() } },
    handler: async (req) => { const a = authOf(req); return svc.paperQueue(deps, a.actor, a.scope, req.params.id); },
  });
  r.post('/selfrun/votes/:id/paper', {
    config: { permission: 'selfrun.manage' },
    schema: { tags, summary: '录入纸质选票（待另一名工作人员确认）', params: IdParams, body: s.PaperBody, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return svc.enterPaper(deps, a.actor, a.scope, req.params.id, req.body); },
  });
  r.post('/selfrun/votes/:id/paper/:entryId/confirm', {
    config: { permission: 'selfrun.manage' },
    schema: { tags, summary: '第二人核对确认纸质选票（须与第一次录入一致）', params: s.EntryParams, body: s.ConfirmPaperBody, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.confirmPaper(deps, a.actor, a.scope, req.params.id, req.params.entryId, req.body); },
  });
  r.post('/selfrun/votes/:id/paper/:entryId/discard', {
    config: { permission: 'selfrun.manage' },
    schema: { tags, summary: '作废一条待确认的纸质选票录入', params: s.EntryParams, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.discardPaper(deps, a.actor, a.scope, req.params.id, req.params.entryId); },
  });
  r.get('/selfrun/votes/:id/proxies', {
    config: { permission: 'selfrun.read' },
    schema: { tags, summary: '书面委托：专有部分、受托人、委托书照片', params: IdParams, response: { 200: s.ProxyRow.array() } },
    handler: async (req) => { const a = authOf(req); return svc.listProxies(deps, a.actor, a.scope, req.params.id); },
  });
  r.post('/selfrun/votes/:id/proxies', {
    config: { permission: 'selfrun.manage' },
    schema: { tags, summary: '登记书面委托（受托人身份证号、委托书照片）', params: IdParams, body: s.ProxyBody, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return svc.addProxy(deps, a.actor, a.scope, req.params.id, req.body); },
  });
  r.post('/selfrun/votes/:id/proxies/:proxyId/revoke', {
    config: { permission: 'selfrun.manage' },
    schema: { tags, summary: '撤回书面委托（截止前；受托人已投的票随之撤回）', params: s.ProxyParams, body: s.RevokeBody, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return svc.revokeProxy(deps, a.actor, a.scope, req.params.id, req.params.proxyId, req.body.reason); },
  });
  r.get('/selfrun/my-votes', {
    config: { permission: 'selfrun.owner' },
    schema: { tags, summary: '我所在小区的业主表决（我的专有部分和我的选择）', response: { 200: s.MyVote.array() } },
    handler: async (req) => svc.myVotes(deps, authOf(req).actor),
  });
  r.post('/selfrun/my-votes/:id/ballot', {
    config: { permission: 'selfrun.owner' },
    schema: { tags, summary: '手机投票（截止前可修改；一人的全部专有部分同一选择，受托投票逐户）', params: IdParams, body: s.PhoneBallotBody, response: { 200: s.Ok } },
    handler: async (req) => svc.castPhoneBallot(deps, authOf(req).actor, req.params.id, req.body),
  });

  r.get('/public/votes/:id', {
    config: { public: true },
    schema: { tags: ['selfrun-public'], summary: '公示的业主表决结果（无需登录，无个人信息）', params: IdParams, response: { 200: s.PublicVote } },
    handler: async (req) => svc.publicVote(deps.db, req.params.id),
  });
  r.get('/public/votes/:id/ballots', {
    config: { public: true },
    schema: { tags: ['selfrun-public'], summary: '匿名选票和哈希链（.xlsx：面积和业主哈希、链头，可自行复核计票）', params: IdParams, produces: [XLSX] },
    handler: async (req, reply) => {
      const x = await svc.exportBallots(deps.db, req.params.id);
      return reply.header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="vote-${req.params.id}-ballots.xlsx"; filename*=UTF-8''${encodeURIComponent(x.filename)}`)
        .header('cache-control', 'no-store').send(x.body);
    },
  });
}
