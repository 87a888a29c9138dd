import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, PageQuery, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { pointsDeps } from './points-common.js';
import { closeMonth, listMonths } from './points-months.service.js';
import { getNotice, listNotices } from './points-notice.service.js';
import { decideObjection, fileObjection, listObjections, myObjections } from './points-objections.service.js';
import { createRecord, grantBase, listRecords, reviewRecords } from './points-records.service.js';
import {
  honourHouseholds, listHolders, myEntries, myPoints, reserveSecretaries, setHead, stats, toXlsx, verifyInScope,
} from './points-reports.service.js';
import { createItem, getRules, itemVersions, myRules, setBase, updateItem } from './points-rules.service.js';
import {
  BaseBody, CloseMonthBody, CommunityQuery, CreateItemBody, CreateRecordBody, DecideBody, FileObjectionBody, GrantBaseBody, GrantBaseResult,
  HeadBody, HeadResult, Holder, HoldersQuery, HonourHousehold, HonourHouseholdsQuery, ItemCodeParams, Me, MonthView, MyEntry, Notice, NoticeListItem, NoticeParams,
  NoticeQuery, NoticesQuery, Objection, ObjectionsQuery, PatchItemBody, Record, RecordsQuery, Reserve, ReserveQuery, ReviewBody, ReviewResult, RuleItem,
  Rules, Stats, StatsQuery, VerifyBody, VerifyResult, CommunitiesOverview, CommunitiesOverviewQuery,
} from './points.schemas.js';
import { communitiesOverview } from './points-overview.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, file: string, body: Buffer) {
  return reply.header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="points.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`)
    .send(body);
}

/** Points governance (积分治理): rules, records, review, months, objections, figures, honours. */
export async function pointsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = pointsDeps(ctx);
  const tags = ['points'];

  r.get('/points/rules', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '社区积分规则（当前版本）', querystring: CommunityQuery, response: { 200: Rules } },
    handler: async (req) => getRules(deps, authOf(req).scope, req.query.communityId),
  });

  r.post('/points/rules/items', {
    config: { permission: 'points.rules' },
    schema: { tags, summary: '新增本社区积分项目', body: CreateItemBody, response: { 200: RuleItem } },
    handler: async (req) => {
      const a = authOf(req);
      return createItem(deps, a.actor, a.scope, req.body);
    },
  });

  r.patch('/points/rules/items/:code', {
    config: { permission: 'points.rules' },
    schema: {
      tags, summary: '修改积分项目（生成新版本，旧记录仍按原版本）', params: ItemCodeParams, body: PatchItemBody, response: { 200: RuleItem },
    },
    handler: async (req) => {
      const a = authOf(req);
      return updateItem(deps, a.actor, a.scope, req.params.code, req.body);
    },
  });

  r.put('/points/rules/base', {
    config: { permission: 'points.rules' },
    schema: { tags, summary: '设置基础分与异议期', body: BaseBody, response: { 200: Rules } },
    handler: async (req) => {
      const a = authOf(req);
      return setBase(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/points/rules/items/:code/versions', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '积分项目的历次版本', params: ItemCodeParams, querystring: CommunityQuery, response: { 200: z.object({ items: z.array(RuleItem) }) } },
    handler: async (req) => itemVersions(deps, authOf(req).scope, req.query.communityId, req.params.code),
  });

  r.post('/points/base/grant', {
    config: { permission: 'points.rules' },
    schema: {
      tags, summary: '为社区内尚无基础分的住户和商户发放基础分（分批，可重复执行）', body: GrantBaseBody, response: { 200: GrantBaseResult },
    },
    handler: async (req) => {
      const a = authOf(req);
      return grantBase(deps, a.actor, a.scope, req.body.communityId);
    },
  });

  r.get('/points/holders', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '积分户（住户、商户）及余额', querystring: HoldersQuery, response: { 200: paged(Holder) } },
    handler: async (req) => listHolders(deps, authOf(req).scope, req.query),
  });

  r.post('/points/records', {
    config: { permission: 'points.record' },
    schema: {
      tags, summary: '一事一记：登记加分或扣分事项（待评议小组审核）',
      description: '角色不在该项目记录人之列、缺少照片、当月已结账、超过每月上限、项目已停用时拒绝并说明原因。同一 clientId 重放返回同一条记录。',
      body: CreateRecordBody, response: { 200: Record.extend({ replayed: z.boolean() }) },
    },
    handler: async (req) => {
      const a = authOf(req);
      return createRecord(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/points/records', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '积分记录', querystring: RecordsQuery, response: { 200: paged(Record) } },
    handler: async (req) => listRecords(deps, authOf(req).scope, req.query),
  });

  r.post('/points/records/review', {
    config: { permission: 'points.review' },
    schema: { tags, summary: '评议小组审核：通过即入账，驳回须写理由', body: ReviewBody, response: { 200: ReviewResult } },
    handler: async (req) => {
      const a = authOf(req);
      return reviewRecords(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/points/months', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '月度评议与公示状态', querystring: CommunityQuery, response: { 200: z.object({ items: z.array(MonthView) }) } },
    handler: async (req) => listMonths(deps, authOf(req).scope, req.query.communityId),
  });

  r.post('/points/months/close', {
    config: { permission: 'points.review' },
    schema: {
      tags, summary: '月度结账并公示（一月一示），开始异议期', description: '还有待审核记录时拒绝；已结账的月份原样返回。',
      body: CloseMonthBody, response: { 200: MonthView },
    },
    handler: async (req) => {
      const a = authOf(req);
      return closeMonth(deps, a.actor, a.scope, req.body);
    },
  });

  r.post('/points/objections', {
    config: { permission: 'points.self' },
    schema: { tags, summary: '对公示提出异议（异议期内）', body: FileObjectionBody, response: { 200: Objection } },
    handler: async (req) => fileObjection(deps, authOf(req).actor, req.body),
  });

  r.get('/points/me/objections', {
    config: { permission: 'points.self' },
    schema: { tags, summary: '我提出的异议及处理结果', response: { 200: z.object({ items: z.array(Objection) }) } },
    handler: async (req) => myObjections(deps, authOf(req).actor),
  });

  r.get('/points/objections', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '异议列表', querystring: ObjectionsQuery, response: { 200: paged(Objection) } },
    handler: async (req) => listObjections(deps, authOf(req).scope, req.query),
  });

  r.post('/points/objections/:id/decide', {
    config: { permission: 'points.review' },
    schema: { tags, summary: '处理异议：成立则冲正（追加反向记录），或驳回', params: IdParams, body: DecideBody, response: { 200: Objection } },
    handler: async (req) => {
      const a = authOf(req);
      return decideObjection(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.get('/points/me', {
    config: { permission: 'points.self' },
    schema: { tags, summary: '我家的积分', response: { 200: Me } },
    handler: async (req) => myPoints(deps, authOf(req).actor),
  });

  r.get('/points/me/rules', {
    config: { permission: 'points.self' },
    schema: { tags, summary: '我所在社区的积分规则', response: { 200: Rules } },
    handler: async (req) => myRules(deps, authOf(req).actor),
  });

  r.get('/points/me/entries', {
    config: { permission: 'points.self' },
    schema: { tags, summary: '我家的积分明细', querystring: PageQuery, response: { 200: paged(MyEntry) } },
    handler: async (req) => myEntries(deps, authOf(req).actor, req.query.page, req.query.pageSize),
  });

  r.get('/points/communities', {
    config: { permission: 'points.read' },
    schema: {
      tags, summary: '社区积分一览：近六个月是否已月结、上月参与户数', querystring: CommunitiesOverviewQuery,
      response: { 200: CommunitiesOverview },
    },
    handler: async (req) => communitiesOverview(deps, authOf(req).scope, req.query),
  });

  r.get('/points/stats', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '积分发放、扣减、兑换按月统计及下级对比', querystring: StatsQuery, response: { 200: Stats } },
    handler: async (req) => stats(deps, authOf(req).scope, req.query),
  });

  r.get('/points/honours/households', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '最美居民户候选（按年度积分，附事迹）；format=xlsx 下载', querystring: HonourHouseholdsQuery, produces: ['application/json', XLSX] },
    handler: async (req, reply) => {
      const out = await honourHouseholds(deps, authOf(req).scope, req.query);
      if (req.query.format !== 'xlsx') return HonourList.parse(out);
      const body = await toXlsx('最美居民户候选', [
        { header: '名次', key: 'rank', width: 8 }, { header: '住户', key: 'label', width: 30 }, { header: '年度积分', key: 'score', width: 10 },
        { header: '主要事迹', key: 'deeds', width: 60 },
      ], out.items.map((i) => ({ ...i, deeds: i.deeds.map((d) => `${d.name} ${d.count}次 ${d.points}分`).join('；') })));
      return sendXlsx(reply, `${req.query.year}年最美居民户候选.xlsx`, body);
    },
  });

  r.get('/points/honours/reserve-secretaries', {
    config: { permission: 'points.read' },
    schema: { tags, summary: '后备支部书记人选（楼栋长、单元长按积分）；format=xlsx 下载', querystring: ReserveQuery, produces: ['application/json', XLSX] },
    handler: async (req, reply) => {
      const out = await reserveSecretaries(deps, authOf(req).scope, req.query);
      if (req.query.format !== 'xlsx') return ReserveList.parse(out);
      const body = await toXlsx('后备支部书记人选', [
        { header: '姓名', key: 'name', width: 12 }, { header: '职务', key: 'post', width: 10 }, { header: '楼栋单元', key: 'place', width: 20 },
        { header: '家庭积分', key: 'score', width: 10 }, { header: '党员', key: 'partyMember', width: 8 },
      ], out.items.map((i) => ({ ...i, post: i.post === 'building_head' ? '楼栋长' : '单元长', partyMember: i.partyMember ? '是' : '否' })));
      return sendXlsx(reply, '后备支部书记人选.xlsx', body);
    },
  });

  r.put('/points/heads', {
    config: { permission: 'points.rules' },
    schema: { tags, summary: '设置楼栋长、单元长（residentId 为 null 即撤销）', body: HeadBody, response: { 200: HeadResult } },
    handler: async (req) => {
      const a = authOf(req);
      return setHead(deps, a.actor, a.scope, req.body);
    },
  });

  r.post('/points/ledger/verify', {
    config: { permission: 'points.verify' },
    schema: { tags, summary: '核验积分台账哈希链与余额', body: VerifyBody, response: { 200: VerifyResult } },
    handler: async (req) => {
      const a = authOf(req);
      return verifyInScope(deps, a.actor, a.scope, req.body.communityId);
    },
  });
}

const HonourList = z.object({ items: z.array(HonourHousehold) });
const ReserveList = z.object({ items: z.array(Reserve) });

/** The public notice (一月一示): no sign-in, masked names only. */
export async function publicPointsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['points-public'];

  r.get('/public/points/notices', {
    config: { public: true },
    schema: { tags, summary: '积分公示列表（无需登录）', querystring: NoticesQuery, response: { 200: paged(NoticeListItem) } },
    handler: async (req) => listNotices(db, req.query),
  });

  r.get('/public/points/notices/:communityId/:month', {
    config: { public: true },
    schema: { tags, summary: '社区月度积分公示（无需登录，姓名已脱敏）', params: NoticeParams, querystring: NoticeQuery, response: { 200: Notice } },
    handler: async (req) => getNotice(db, req.params.communityId, req.params.month, req.query.page, req.query.pageSize),
  });
}
