import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  Candidate, CampaignDetail, CampaignListItem, CampaignListQuery, CandidatesQuery, ItemParams, LaunchCampaignBody, TagBody,
} from './campaigns.schemas.js';
import * as campaigns from './campaigns.service.js';

export async function campaignRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = campaigns.campaignDeps(ctx);
  const tags = ['campaigns'];

  r.get('/campaigns', {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: '专项行动列表（含进度）', querystring: CampaignListQuery, response: { 200: paged(CampaignListItem) } },
    handler: async (req) => campaigns.listCampaigns(deps, authOf(req).scope, req.query),
  });

  r.post('/campaigns', {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: '发起专项行动（停车、飞线充电、消防通道等）', description: '街道或区县发起，目标为本辖区内的社区或小区；期限不超过一年。',
      body: LaunchCampaignBody, response: { 200: CampaignDetail },
    },
    handler: async (req) => {
      const a = authOf(req);
      return campaigns.launchCampaign(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/campaigns/:id', {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: '专项行动详情、关联事项与逐日进度', params: IdParams, response: { 200: CampaignDetail } },
    handler: async (req) => campaigns.getCampaign(deps, authOf(req).scope, req.params.id),
  });

  r.get('/campaigns/:id/candidates/:kind', {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: '可关联的诉求或志愿活动（按编号或内容查找）', params: IdParams.extend({ kind: z.enum(['demand', 'activity']) }),
      querystring: CandidatesQuery, response: { 200: z.object({ items: z.array(Candidate) }) },
    },
    handler: async (req) => campaigns.candidates(deps, authOf(req).scope, req.params.id, req.params.kind, req.query.q),
  });

  r.post('/campaigns/:id/items', {
    config: { permission: 'campaigns.manage' },
    schema: { tags, summary: '关联诉求或志愿活动', params: IdParams, body: TagBody, response: { 200: CampaignDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return campaigns.tagSubject(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.delete('/campaigns/:id/items/:itemId', {
    config: { permission: 'campaigns.manage' },
    schema: { tags, summary: '取消关联', params: ItemParams, response: { 200: CampaignDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return campaigns.untagSubject(deps, a.actor, a.scope, req.params.id, req.params.itemId);
    },
  });
}
