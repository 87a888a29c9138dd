import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './companies.schemas.js';
import {
  addInstructor, companiesDeps, companyDetail, createBranch, createCompany, endContract, listBranches, listCompanies, listCompounds, overview, startContract,
} from './companies.service.js';
import { myCompany, myCompanyId, myDemands, mySanctions } from './company-view.service.js';
import { decideSanction, listSanctions, officeStep, reportDone } from './sanctions.service.js';

/** 物业企业名录: companies, party branches, instructors, contracts per compound, sanctions; and the company's own view. */
export async function companiesRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = companiesDeps(ctx);
  const tags = ['property'];

  r.get('/property/overview', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '物业概况：企业、党组织覆盖、党建指导员、合同、处置（均由记录统计）', response: { 200: s.Overview } },
    handler: async (req) => overview(deps, authOf(req).scope),
  });

  r.get('/property/companies', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '物业企业名录（按名称或信用代码查找，联系电话脱敏）', querystring: s.CompaniesQuery, response: { 200: paged(s.CompanyItem) } },
    handler: async (req) => listCompanies(deps, authOf(req).scope, req.query),
  });
  r.post('/property/companies', {
    config: { permission: 'property.register' },
    schema: { tags, summary: '登记物业企业（区县或住建部门）', body: s.CreateCompanyBody, response: { 200: s.Created } },
    handler: async (req) => {
      const a = authOf(req);
      return createCompany(deps, a.actor, a.scope, req.body);
    },
  });
  r.get('/property/companies/:id', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '物业企业详情：党组织、党建指导员、服务合同', params: IdParams, response: { 200: s.CompanyDetail } },
    handler: async (req) => companyDetail(deps, authOf(req).scope, req.params.id),
  });
  r.post('/property/companies/:id/instructors', {
    config: { permission: 'property.register' },
    schema: { tags, summary: '选派党建指导员（手机号加密保存）', params: IdParams, body: s.CreateInstructorBody, response: { 200: s.Created } },
    handler: async (req) => {
      const a = authOf(req);
      return addInstructor(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.get('/property/branches', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '物业企业党组织（独立党支部、联合党支部）', querystring: s.BranchesQuery, response: { 200: paged(s.BranchItem) } },
    handler: async (req) => listBranches(deps, authOf(req).scope, req.query),
  });
  r.post('/property/branches', {
    config: { permission: 'property.register' },
    schema: { tags, summary: '建立物业企业党组织（独立覆盖一家企业，联合覆盖多家）', body: s.CreateBranchBody, response: { 200: s.Created } },
    handler: async (req) => {
      const a = authOf(req);
      return createBranch(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/property/compounds', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '小区及其物业企业和服务合同（含无物业小区）', querystring: s.CompoundsQuery, response: { 200: paged(s.CompoundItem) } },
    handler: async (req) => listCompounds(deps, authOf(req).scope, req.query),
  });
  r.post('/property/contracts', {
    config: { permission: 'property.register' },
    schema: {
      tags, summary: '签订物业服务合同（街道或区县）', description: '一个小区同时只有一份在履行的合同；已有时返回 409。',
      body: s.CreateContractBody, response: { 200: s.Created },
    },
    handler: async (req) => {
      const a = authOf(req);
      return startContract(deps, a.actor, a.scope, req.body);
    },
  });
  r.post('/property/contracts/:id/end', {
    config: { permission: 'property.register' },
    schema: { tags, summary: '合同期满或解除（须说明理由）', params: IdParams, body: s.EndContractBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return endContract(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.get('/property/sanctions', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '处置记录：约谈、限期整改、降级降费、清退、重新选聘', querystring: s.SanctionsQuery, response: { 200: paged(s.SanctionItem) } },
    handler: async (req) => listSanctions(deps, { scope: authOf(req).scope }, req.query),
  });
  r.post('/property/sanctions', {
    config: { permission: 'property.sanction' },
    schema: {
      tags, summary: '作出处置（须说明理由）', description: '降级降费同时修改合同，清退终止企业全部在履行合同，重新选聘终止该小区合同；均在同一事务中。',
      body: s.CreateSanctionBody, response: { 200: s.Created },
    },
    handler: async (req) => {
      const a = authOf(req);
      return decideSanction(deps, a.actor, a.scope, req.body);
    },
  });
  r.post('/property/sanctions/:id/verify', {
    config: { permission: 'property.sanction' },
    schema: { tags, summary: '整改验收通过', params: IdParams, body: s.StepBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return officeStep(deps, a.actor, a.scope, req.params.id, 'verify', req.body.note);
    },
  });
  r.post('/property/sanctions/:id/send-back', {
    config: { permission: 'property.sanction' },
    schema: { tags, summary: '整改退回重做', params: IdParams, body: s.StepBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return officeStep(deps, a.actor, a.scope, req.params.id, 'send_back', req.body.note);
    },
  });

  // The company's own, by the account's link to it.
  r.get('/property/mine', {
    config: { permission: 'property.company' },
    schema: { tags, summary: '本企业：服务的小区（在履行合同）、待办处置', response: { 200: s.MyCompany } },
    handler: async (req) => myCompany(deps, authOf(req).actor),
  });
  r.get('/property/mine/demands', {
    config: { permission: 'property.company' },
    schema: { tags, summary: '本企业服务小区的物业服务诉求', querystring: s.MyDemandsQuery, response: { 200: paged(s.MyDemand) } },
    handler: async (req) => myDemands(deps, authOf(req).actor, req.query),
  });
  r.get('/property/mine/sanctions', {
    config: { permission: 'property.company' },
    schema: { tags, summary: '本企业的处置和整改任务', querystring: s.MySanctionsQuery, response: { 200: paged(s.SanctionItem) } },
    handler: async (req) => mySanctions(deps, authOf(req).actor, req.query),
  });
  r.post('/property/mine/sanctions/:id/report', {
    config: { permission: 'property.company' },
    schema: { tags, summary: '报告整改完成（说明，可附照片）', params: IdParams, body: s.ReportBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return reportDone(deps, a.actor, a.scope, await myCompanyId(deps, a.actor), req.params.id, req.body);
    },
  });
}
