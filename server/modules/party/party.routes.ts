import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  AppointmentView, CoverageQuery, CoverageView, CreateMemberBody, CreatePartyOrgBody, MemberQuery, MemberView, MovePartyOrgBody,
  PartyOrgQuery, PartyOrgView, RenamePartyOrgBody, SetSecretaryBody, TransferMemberBody, TransferView,
} from './party.schemas.js';
import * as party from './party.service.js';

export async function partyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['party'];

  r.get('/party/orgs', {
    config: { permission: 'party.read' },
    schema: { tags, summary: '党组织（按所挂组织，或管辖范围内的顶层）', querystring: PartyOrgQuery, response: { 200: z.object({ items: z.array(PartyOrgView) }) } },
    handler: async (req) => ({ items: await party.listOrgs(db, authOf(req).scope, req.query.orgId) }),
  });

  r.get('/party/orgs/:id/children', {
    config: { permission: 'party.read' },
    schema: { tags, summary: '下级党组织', params: IdParams, response: { 200: z.object({ items: z.array(PartyOrgView) }) } },
    handler: async (req) => ({ items: await party.listChildren(db, authOf(req).scope, req.params.id) }),
  });

  r.get('/party/members', {
    config: { permission: 'party.read' },
    schema: { tags, summary: '党员名单（含下级党组织）', querystring: MemberQuery, response: { 200: paged(MemberView) } },
    handler: async (req) => party.listMembers(db, authOf(req).scope, req.query.partyOrgId, req.query.page, req.query.pageSize),
  });

  r.post('/party/orgs', {
    config: { permission: 'party.write' },
    schema: { tags, summary: '新建党组织', body: CreatePartyOrgBody, response: { 200: PartyOrgView } },
    handler: async (req) => {
      const a = authOf(req);
      return party.createOrg(db, a.actor, a.scope, req.body);
    },
  });

  r.post('/party/members', {
    config: { permission: 'party.write' },
    schema: { tags, summary: '登记党员', body: CreateMemberBody, response: { 200: z.object({ id: z.number() }) } },
    handler: async (req) => {
      const a = authOf(req);
      return party.createMember(db, a.actor, a.scope, req.body);
    },
  });

  r.post('/party/orgs/:id/secretary', {
    config: { permission: 'party.write' },
    schema: { tags, summary: '设置书记及类型', params: IdParams, body: SetSecretaryBody, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      const a = authOf(req);
      return party.setSecretary(db, a.actor, a.scope, req.params.id, req.body.memberId, req.body.secretaryKind);
    },
  });

  r.patch('/party/orgs/:id', {
    config: { permission: 'party.write' },
    schema: { tags, summary: '党组织更名', params: IdParams, body: RenamePartyOrgBody, response: { 200: PartyOrgView } },
    handler: async (req) => {
      const a = authOf(req);
      return party.renameOrg(db, a.actor, a.scope, req.params.id, req.body.name);
    },
  });

  r.post('/party/orgs/:id/move', {
    config: { permission: 'party.write' },
    schema: { tags, summary: '调整党组织隶属关系', params: IdParams, body: MovePartyOrgBody, response: { 200: PartyOrgView } },
    handler: async (req) => {
      const a = authOf(req);
      return party.moveOrg(db, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.post('/party/orgs/:id/dissolve', {
    config: { permission: 'party.write' },
    schema: { tags, summary: '撤销党组织（须已无党员和下级党组织）', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      const a = authOf(req);
      return party.dissolveOrg(db, a.actor, a.scope, req.params.id);
    },
  });

  r.get('/party/orgs/:id/secretaries', {
    config: { permission: 'party.read' },
    schema: { tags, summary: '书记任职记录', params: IdParams, response: { 200: z.object({ items: z.array(AppointmentView) }) } },
    handler: async (req) => ({ items: await party.listAppointments(db, authOf(req).scope, req.params.id) }),
  });

  r.post('/party/members/:id/transfer', {
    config: { permission: 'party.write' },
    schema: { tags, summary: '党员组织关系转接（转入其他党组织或转出系统）', params: IdParams, body: TransferMemberBody, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      const a = authOf(req);
      return party.transferMember(db, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.get('/party/members/:id/transfers', {
    config: { permission: 'party.read' },
    schema: { tags, summary: '党员组织关系转接记录', params: IdParams, response: { 200: z.object({ items: z.array(TransferView) }) } },
    handler: async (req) => ({ items: await party.listTransfers(db, authOf(req).scope, req.params.id) }),
  });

  r.get('/party/coverage', {
    config: { permission: 'party.read' },
    schema: { tags, summary: '党组织覆盖（每个社区：有党支部的网格、有党小组的楼栋）', querystring: CoverageQuery, response: { 200: paged(CoverageView) } },
    handler: async (req) => party.coverage(db, authOf(req).scope, req.query.orgId, req.query.page, req.query.pageSize),
  });
}
