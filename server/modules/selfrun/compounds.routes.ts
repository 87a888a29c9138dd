import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './compounds.schemas.js';
import * as svc from './compounds.service.js';
import { REGISTER_MAX_BYTES, registerImport } from './compounds-import.js';
import { AppError } from '../../platform/errors.js';
import { revealReasonOf } from '../../platform/pii/reveal-reason-schema.js';

/** 小区管理: compounds and their mode, units and owners, the committee and 五有 (community and street staff). */
export async function selfrunCompoundRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = svc.compoundsDeps(ctx);
  const tags = ['selfrun'];
  const read = { permission: 'selfrun.read' } as const;
  const manage = { permission: 'selfrun.manage' } as const;

  r.get('/selfrun/compounds', {
    config: read, schema: { tags, summary: '小区列表：管理模式、户数、专有部分、面积、业主人数、委员会、五有', querystring: s.ListQuery, response: { 200: s.CompoundList } },
    handler: async (req) => svc.list(deps, authOf(req).scope, req.query),
  });
  r.get('/selfrun/compounds/figures', {
    config: read, schema: { tags, summary: '街道/县区统计：小区按管理模式计数、五有不全的自办小区', response: { 200: s.Figures } },
    handler: async (req) => svc.figures(deps, authOf(req).scope),
  });
  r.get('/selfrun/compounds/:id', {
    config: read, schema: { tags, summary: '一个小区的概况', params: IdParams, response: { 200: s.CompoundRow } },
    handler: async (req) => svc.detail(deps, authOf(req).scope, req.params.id),
  });
  r.post('/selfrun/compounds/:id/mode', {
    config: manage, schema: { tags, summary: '设置小区管理模式（有有效物业合同的小区拒绝）', params: IdParams, body: s.SetMode, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.setMode(deps, a.actor, a.scope, req.params.id, req.body); },
  });
  r.get('/selfrun/compounds/:id/units', {
    config: read, schema: { tags, summary: '专有部分与业主（证件号、手机号仅掩码）', params: IdParams, querystring: s.UnitQuery, response: { 200: s.UnitList } },
    handler: async (req) => svc.units(deps, authOf(req).scope, req.params.id, req.query),
  });
  r.post('/selfrun/compounds/:id/units', {
    config: manage, schema: { tags, summary: '新增专有部分', params: IdParams, body: s.AddUnit },
    handler: async (req) => { const a = authOf(req); return svc.addUnit(deps, a.actor, a.scope, req.params.id, req.body); },
  });
  r.post('/selfrun/compounds/:id/units/:unitId/area', {
    config: manage, schema: { tags, summary: '更正专有部分面积', params: s.UnitParams, body: s.SetArea, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.setArea(deps, a.actor, a.scope, req.params.id, req.params.unitId, req.body); },
  });
  r.post('/selfrun/compounds/:id/units/:unitId/owners', {
    config: manage, schema: { tags, summary: '新增业主：从居民库选择，或填写姓名和身份证号（加密保存）', params: s.UnitParams, body: s.AddOwner },
    handler: async (req) => { const a = authOf(req); return svc.addOwner(deps, a.actor, a.scope, req.params.id, req.params.unitId, req.body); },
  });
  r.post('/selfrun/compounds/:id/owners/:ownerId/end', {
    config: manage, schema: { tags, summary: '业主终止（保留记录，不删除）', params: s.OwnerParams, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.endOwner(deps, a.actor, a.scope, req.params.id, req.params.ownerId); },
  });
  r.post('/selfrun/compounds/:id/owners/:ownerId/reveal', {
    config: { permission: 'pii.reveal', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: '查看业主完整证件号或手机号（须选择原因，留痕）', params: s.OwnerParams, body: s.RevealOwner, response: { 200: s.Revealed } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.revealOwner(deps, a.actor, a.scope, req.params.id, req.params.ownerId, req.body.field, revealReasonOf(req.body));
    },
  });
  r.get('/selfrun/compounds/:id/committee', {
    config: read, schema: { tags, summary: '业委会/物管会成员及组成是否合规', params: IdParams, response: { 200: s.CommitteeView } },
    handler: async (req) => svc.committee(deps, authOf(req).scope, req.params.id),
  });
  r.post('/selfrun/compounds/:id/committee/members', {
    config: manage, schema: { tags, summary: '增加委员会成员', params: IdParams, body: s.AddMember },
    handler: async (req) => { const a = authOf(req); return svc.addMember(deps, a.actor, a.scope, req.params.id, req.body); },
  });
  r.post('/selfrun/compounds/:id/committee/members/:memberId/leave', {
    config: manage, schema: { tags, summary: '委员会成员离任', params: s.MemberParams, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.leaveMember(deps, a.actor, a.scope, req.params.id, req.params.memberId); },
  });
  r.get('/selfrun/compounds/:id/five-haves', {
    config: read, schema: { tags, summary: '五有清单：党组织、场所、党员台账、联系机制、应急预案', params: IdParams, response: { 200: s.FiveHavesView } },
    handler: async (req) => svc.fiveHaves(deps, authOf(req).scope, req.params.id),
  });
  r.post('/selfrun/compounds/:id/five-haves/:item', {
    config: manage, schema: { tags, summary: '登记一项五有（说明和照片）', params: s.FiveHaveParams, body: s.RecordFiveHave, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.recordFiveHave(deps, a.actor, a.scope, req.params.id, req.params.item, req.body); },
  });
  r.post('/selfrun/compounds/:id/register-import', {
    config: manage,
    schema: {
      tags, summary: '产权登记导入（.xlsx，multipart 字段名 file）：apply=false 预览逐行校验结果，apply=true 无错误时一次性写入',
      consumes: ['multipart/form-data'], params: IdParams, querystring: s.ImportQuery, response: { 200: s.ImportPreview },
    },
    handler: async (req) => {
      const a = authOf(req);
      if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 方式上传文件（字段名 file）');
      const part = await req.file({ limits: { fileSize: REGISTER_MAX_BYTES } });
      if (!part || part.fieldname !== 'file') {
        part?.file.resume();
        throw new AppError('VALIDATION_FAILED', '请选择要上传的文件（字段名 file）');
      }
      if (!part.filename.toLowerCase().endsWith('.xlsx')) {
        part.file.resume();
        throw new AppError('VALIDATION_FAILED', '只支持 .xlsx 文件');
      }
      let file: Buffer;
      try {
        file = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('IMPORT_TOO_LARGE', '文件超过2MB', { limit: 'fileBytes', max: REGISTER_MAX_BYTES });
        throw e;
      }
      return registerImport(deps, a.actor, a.scope, req.params.id, file, req.query.apply === 'true');
    },
  });
}
