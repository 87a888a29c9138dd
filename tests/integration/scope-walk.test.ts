// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/database.js';
import { ROLE_PERMISSIONS } from '../../server/platform/auth/permissions.js';
import { signPass } from '../../server/modules/newgroups/pass.token.js';
import { addAccount, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * Walks every API route with every role, each account scoped to community A, aimed at records
 * of community B in another county. Every attempt must be refused or return nothing of B.
 * A route added without an entry in TARGETS fails this test: new routes must be walked too.
 */
const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

type City = Awaited<ReturnType<typeof buildSmallCity>>;
type C = City['communities'][number];

interface Target {
  url: (b: C) => string;
  body?: (b: C, a: C) => unknown;
}

const TARGETS: Record<string, Target> = {
  // 督导 and 减负 in B's county (supervisionB, filled in beforeAll)
  'GET /api/supervision/departments': { url: () => '/api/supervision/departments' },
  'GET /api/supervision/groups': { url: () => '/api/supervision/groups?pageSize=200' },
  'POST /api/supervision/groups': { url: () => '/api/supervision/groups', body: (b) => ({ name: '越权专班', leadDepartmentId: b.departmentId }) },
  'GET /api/supervision/inspections': { url: () => '/api/supervision/inspections?pageSize=200' },
  'POST /api/supervision/inspections': {
    url: () => '/api/supervision/inspections',
    body: (b) => ({ kind: 'joint_survey', title: '越权督查', groupId: supervisionB.groupId, startsOn: '2099-01-01', endsOn: '2099-01-02', placeIds: [b.community.id] }),
  },
  'POST /api/supervision/inspections/:id/start': { url: () => `/api/supervision/inspections/${supervisionB.plannedId}/start`, body: () => ({}) },
  'POST /api/supervision/inspections/:id/finish': { url: () => `/api/supervision/inspections/${supervisionB.inspectionId}/finish`, body: () => ({}) },
  'POST /api/supervision/inspections/:id/cancel': { url: () => `/api/supervision/inspections/${supervisionB.inspectionId}/cancel`, body: () => ({ reason: '越权取消' }) },
  'GET /api/supervision/problems': { url: () => '/api/supervision/problems?pageSize=200' },
  'POST /api/supervision/problems': {
    url: () => '/api/supervision/problems', body: (b) => ({ inspectionId: supervisionB.inspectionId, placeId: b.community.id, category: 'other', description: '越权记录' }),
  },
  'GET /api/supervision/problems/:id': { url: () => `/api/supervision/problems/${supervisionB.foundId}` },
  'POST /api/supervision/problems/:id/hand-over': {
    url: () => `/api/supervision/problems/${supervisionB.foundId}/hand-over`, body: () => ({ handOver: { to: 'county', deadline: '2099-01-01' } }),
  },
  'POST /api/supervision/problems/:id/start': { url: () => `/api/supervision/problems/${supervisionB.handedId}/start`, body: () => ({}) },
  'POST /api/supervision/problems/:id/report': { url: () => `/api/supervision/problems/${supervisionB.handedId}/report`, body: () => ({ note: '越权整改' }) },
  'POST /api/supervision/problems/:id/verify': { url: () => `/api/supervision/problems/${supervisionB.reportedId}/verify`, body: () => ({}) },
  'POST /api/supervision/problems/:id/send-back': { url: () => `/api/supervision/problems/${supervisionB.reportedId}/send-back`, body: () => ({ note: '越权退回' }) },
  'GET /api/supervision/figures': { url: () => '/api/supervision/figures' },
  'GET /api/relief/certificate-items': { url: () => '/api/relief/certificate-items?pageSize=200' },
  'POST /api/relief/certificate-items': { url: () => '/api/relief/certificate-items', body: () => ({ name: '越权事项', issuable: true }) },
  'GET /api/relief/certificate-requests': { url: () => '/api/relief/certificate-requests?pageSize=200' },
  'POST /api/relief/certificate-requests': { url: () => '/api/relief/certificate-requests', body: () => ({ itemId: supervisionB.itemId, applicantName: '越权' }) },
  'GET /api/relief/removals': { url: () => '/api/relief/removals?pageSize=200' },
  'POST /api/relief/removals': { url: () => '/api/relief/removals', body: (b) => ({ placeId: b.community.id, kind: 'sign', what: '越权', removedOn: '2026-01-01', removedBy: '越权' }) },
  'GET /api/relief/figures': { url: () => '/api/relief/figures' },
  // 白名单, passes, 兼职网格员 and road reports in B (newgroupsRoadB, filled in beforeAll)
  'GET /api/newgroups/whitelist': { url: () => '/api/newgroups/whitelist?pageSize=200' },
  'POST /api/newgroups/whitelist': { url: () => '/api/newgroups/whitelist', body: () => ({ workerId: newgroupsRoadB.unlistedId, reason: '越权列入' }) },
  'POST /api/newgroups/whitelist/:id/remove': { url: () => `/api/newgroups/whitelist/${newgroupsRoadB.entryId}/remove`, body: () => ({ reason: '越权移出' }) },
  'GET /api/newgroups/gate/summary': { url: () => '/api/newgroups/gate/summary?pageSize=200' },
  'GET /api/newgroups/pass': { url: () => '/api/newgroups/pass' },
  'GET /api/newgroups/gate/places': { url: () => '/api/newgroups/gate/places' },
  'POST /api/newgroups/gate/check': { url: () => '/api/newgroups/gate/check', body: (b) => ({ code: newgroupsRoadB.code, gateUnitId: b.grid.id }) },
  'GET /api/newgroups/parttime': { url: () => '/api/newgroups/parttime?active=all&pageSize=200' },
  'GET /api/newgroups/parttime/units': { url: () => '/api/newgroups/parttime/units' },
  // 新就业群体 register and service points in B (newgroupsRegB, filled in beforeAll)
  'GET /api/newgroups/platforms': { url: () => '/api/newgroups/platforms?pageSize=200' },
  'POST /api/newgroups/platforms': { url: () => '/api/newgroups/platforms', body: (b) => ({ name: `${b.community.name}越权平台`, kind: 'delivery' }) },
  'GET /api/newgroups/stations': { url: () => '/api/newgroups/stations?pageSize=200' },
  'POST /api/newgroups/stations': { url: () => '/api/newgroups/stations', body: (b) => ({ platformId: newgroupsRegB.platformId, unitId: b.community.id, name: '越权站' }) },
  'GET /api/newgroups/stations/:id': { url: () => `/api/newgroups/stations/${newgroupsRegB.stationId}` },
  'GET /api/newgroups/workers': { url: () => '/api/newgroups/workers?status=all&pageSize=200' },
  'POST /api/newgroups/workers': { url: () => '/api/newgroups/workers', body: () => ({ stationId: newgroupsRegB.stationId, name: '越权', kind: 'rider', consent: true, consentVersion: '2026-01' }) },
  'POST /api/newgroups/workers/:id/leave': { url: () => `/api/newgroups/workers/${newgroupsRegB.workerId}/leave`, body: () => ({}) },
  'POST /api/newgroups/workers/:id/party-status': { url: () => `/api/newgroups/workers/${newgroupsRegB.workerId}/party-status`, body: () => ({ partyStatus: 'member' }) },
  'GET /api/newgroups/party-orgs': { url: () => '/api/newgroups/party-orgs?pageSize=200' },
  'POST /api/newgroups/party-orgs': { url: () => '/api/newgroups/party-orgs', body: (b) => ({ name: '越权', kind: 'independent', unitId: b.community.id, foundedOn: '2026-01-01', stationIds: [newgroupsRegB.stationId] }) },
  'GET /api/newgroups/instructors': { url: () => '/api/newgroups/instructors?pageSize=200' },
  'POST /api/newgroups/instructors': { url: () => '/api/newgroups/instructors', body: () => ({ partyOrgId: newgroupsRegB.partyOrgId, name: '越权', sentBy: '越权', sentOn: '2026-01-01' }) },
  'POST /api/newgroups/stations/:id/close': { url: () => `/api/newgroups/stations/${newgroupsRegB.emptyStationId}/close`, body: () => ({ reason: '越权关闭' }) },
  'POST /api/newgroups/service-points/:id/close': { url: () => `/api/newgroups/service-points/${newgroupsRegB.pointId}/close`, body: () => ({ reason: '越权撤销' }) },
  'POST /api/newgroups/service-points/:id/reopen': { url: () => `/api/newgroups/service-points/${newgroupsRegB.pointId}/reopen`, body: () => ({ reason: '越权恢复' }) },
  'POST /api/newgroups/party-orgs/:id/dissolve': { url: () => `/api/newgroups/party-orgs/${newgroupsRegB.partyOrgId}/dissolve`, body: () => ({ reason: '越权撤销' }) },
  'POST /api/newgroups/instructors/:id/end': { url: () => `/api/newgroups/instructors/${newgroupsRegB.instructorId}/end`, body: () => ({ reason: '越权结束' }) },
  'GET /api/newgroups/coverage': { url: (b) => `/api/newgroups/coverage?unitId=${b.community.id}` },
  'GET /api/newgroups/service-points': { url: () => '/api/newgroups/service-points?pageSize=200' },
  'POST /api/newgroups/service-points': {
    url: () => '/api/newgroups/service-points', body: (b) => ({ name: '越权', kind: 'driver_home', unitId: b.community.id, lat: 37.1, lng: 111.8, hours: [{ weekday: 1, open: '00:00', close: '24:00' }] }),
  },
  'GET /api/newgroups/rider/points': { url: () => '/api/newgroups/rider/points?lat=37.1&lng=111.8' },
  'POST /api/newgroups/parttime': {
    url: () => '/api/newgroups/parttime', body: (b) => ({ workerId: newgroupsRoadB.workerId, duty: 'safety_officer', unitId: b.grid.id, startDay: '2099-01-01', reason: '越权聘任' }),
  },
  'POST /api/newgroups/parttime/:id/end': { url: () => `/api/newgroups/parttime/${newgroupsRoadB.enrolmentId}/end`, body: () => ({ endDay: '2099-01-01', reason: '越权结束' }) },
  'GET /api/newgroups/road-reports/places': { url: () => '/api/newgroups/road-reports/places' },
  'POST /api/newgroups/road-reports': {
    url: () => '/api/newgroups/road-reports', body: (b) => ({ kind: 'hazard', categoryCode: 'other', description: '越权上报', communityId: b.community.id }),
  },
  'GET /api/newgroups/road-reports/mine': { url: () => '/api/newgroups/road-reports/mine' },
  'GET /api/newgroups/road-reports': { url: () => '/api/newgroups/road-reports?pageSize=200' },
  'GET /api/newgroups/road-reports/counts': { url: () => '/api/newgroups/road-reports/counts?by=community&pageSize=200' },
  'POST /api/newgroups/road-reports/:id/reward': { url: () => `/api/newgroups/road-reports/${newgroupsRoadB.reportId}/reward`, body: () => ({ points: 5, note: '越权奖励' }) },
  'POST /api/newgroups/road-reports/:id/reward/reverse': { url: () => `/api/newgroups/road-reports/${newgroupsRoadB.rewardedId}/reward/reverse`, body: () => ({ reason: '越权撤销' }) },
  // 物业企业名录: B's county's company, its contract with B's compound, a rectification of it (companiesB, filled in beforeAll)
  'GET /api/property/overview': { url: () => '/api/property/overview' },
  'GET /api/property/companies': { url: () => '/api/property/companies?pageSize=200' },
  'POST /api/property/companies': { url: () => '/api/property/companies', body: (b) => ({ name: `${b.community.name}越权物业`, creditCode: '91141181MA0000019X', contactName: 'x' }) },
  'GET /api/property/companies/:id': { url: () => `/api/property/companies/${companiesB.companyId}` },
  'POST /api/property/companies/:id/instructors': { url: () => `/api/property/companies/${companiesB.companyId}/instructors`, body: () => ({ name: '越权', unit: 'x', fromOn: '2026-01-01' }) },
  'GET /api/property/branches': { url: () => '/api/property/branches?pageSize=200' },
  'POST /api/property/branches': { url: () => '/api/property/branches', body: () => ({ kind: 'independent', name: '越权支部', secretaryName: 'x', memberCount: 1, companyIds: [companiesB.companyId] }) },
  'GET /api/property/compounds': { url: (b) => `/api/property/compounds?orgId=${b.community.id}` },
  'POST /api/property/contracts': {
    url: () => '/api/property/contracts',
    body: (b) => ({ companyId: companiesB.companyId, compoundId: b.grid.id, startsOn: '2026-01-01', endsOn: '2027-01-01', feePerM2: 1, serviceLevel: '3' }),
  },
  'POST /api/property/contracts/:id/end': { url: () => `/api/property/contracts/${companiesB.contractId}/end`, body: () => ({ status: 'terminated', reason: '越权解除' }) },
  'GET /api/property/sanctions': { url: () => '/api/property/sanctions?pageSize=200' },
  'POST /api/property/sanctions': { url: () => '/api/property/sanctions', body: () => ({ kind: 'exit', companyId: companiesB.companyId, reason: '越权清退' }) },
  'POST /api/property/sanctions/:id/verify': { url: () => `/api/property/sanctions/${companiesB.sanctionId}/verify`, body: () => ({ note: '越权验收' }) },
  'POST /api/property/sanctions/:id/send-back': { url: () => `/api/property/sanctions/${companiesB.sanctionId}/send-back`, body: () => ({ note: '越权退回' }) },
  'GET /api/property/mine': { url: () => '/api/property/mine' },
  'GET /api/property/mine/demands': { url: () => '/api/property/mine/demands' },
  'GET /api/property/mine/sanctions': { url: () => '/api/property/mine/sanctions' },
  'POST /api/property/mine/sanctions/:id/report': { url: () => `/api/property/mine/sanctions/${companiesB.sanctionId}/report`, body: () => ({ note: '越权报告' }) },
  // 微心愿 and 专项行动 (records in B: wishesB, filled in beforeAll)
  'POST /api/wishes': {
    url: () => '/api/wishes',
    body: (b) => ({ residentId: b.residentId, personKind: 'elderly_alone', title: '越权心愿', budgetYuan: 50, fulfilBy: '2099-01-01' }),
  },
  'GET /api/wishes': { url: (b) => `/api/wishes?communityId=${b.community.id}` },
  'GET /api/wishes/counts': { url: (b) => `/api/wishes/counts?communityId=${b.community.id}` },
  'GET /api/wishes/wall': { url: (b) => `/api/wishes/wall?communityId=${b.community.id}` },
  'GET /api/wishes/mine': { url: () => '/api/wishes/mine' },
  'GET /api/wishes/for-me': { url: () => '/api/wishes/for-me' },
  'GET /api/wishes/:id': { url: () => `/api/wishes/${wishesB.openId}` },
  'POST /api/wishes/:id/claim': { url: () => `/api/wishes/${wishesB.openId}/claim` },
  'POST /api/wishes/:id/release': { url: () => `/api/wishes/${wishesB.claimedId}/release`, body: () => ({ reason: '越权放弃' }) },
  'POST /api/wishes/:id/fulfil': { url: () => `/api/wishes/${wishesB.claimedId}/fulfil`, body: () => ({ note: '越权完成', photoIds: [inB.fileId] }) },
  'POST /api/wishes/:id/confirm': { url: () => `/api/wishes/${wishesB.fulfilledId}/confirm` },
  'POST /api/wishes/:id/confirm-received': { url: () => `/api/wishes/${wishesB.fulfilledId}/confirm-received` },
  'POST /api/wishes/:id/withdraw': { url: () => `/api/wishes/${wishesB.openId}/withdraw`, body: () => ({ reason: '越权撤回' }) },
  'GET /api/campaigns': { url: () => '/api/campaigns' },
  'POST /api/campaigns': {
    url: () => '/api/campaigns',
    body: (b) => ({ kind: 'parking', title: '越权行动', startsOn: '2026-01-01', endsOn: '2026-01-31', targetIds: [b.community.id] }),
  },
  'GET /api/campaigns/:id': { url: () => `/api/campaigns/${wishesB.campaignId}` },
  'GET /api/campaigns/:id/candidates/:kind': { url: () => `/api/campaigns/${wishesB.campaignId}/candidates/demand?q=` },
  'POST /api/campaigns/:id/items': { url: () => `/api/campaigns/${wishesB.campaignId}/items`, body: (b) => ({ subjectKind: 'demand', subjectId: b.demandId }) },
  'DELETE /api/campaigns/:id/items/:itemId': { url: () => `/api/campaigns/${wishesB.campaignId}/items/${wishesB.itemId}` },
  // 物业信用评价: B's county, B's compound, an objection that is not A's to decide
  // 三方协调会 in B: B's compound's meeting, its open task for B's company, a resident's proposal (propertyB, filled in beforeAll)
  'GET /api/property/meetings/board': { url: (b) => `/api/property/meetings/board?communityId=${b.community.id}` },
  'GET /api/property/meetings/overview': { url: () => `/api/property/meetings/overview?streetId=${propertyB.streetId}` },
  'POST /api/property/meetings': { url: () => '/api/property/meetings', body: (b) => ({ compoundId: b.grid.id, month: '2099-01', scheduledAt: '2099-01-10T09:00:00+08:00' }) },
  'GET /api/property/meetings/:id': { url: () => `/api/property/meetings/${propertyB.meetingId}` },
  'POST /api/property/meetings/:id/agenda': { url: () => `/api/property/meetings/${propertyB.meetingId}/agenda`, body: () => ({ title: '越权议题' }) },
  'POST /api/property/meetings/:id/agenda/refresh': { url: () => `/api/property/meetings/${propertyB.meetingId}/agenda/refresh` },
  'PUT /api/property/meetings/:id/attendance': { url: () => `/api/property/meetings/${propertyB.meetingId}/attendance`, body: () => ({ attendees: [{ party: 'company', name: '越权', present: true }] }) },
  'POST /api/property/meetings/:id/hold': { url: () => `/api/property/meetings/${propertyB.meetingId}/hold`, body: () => ({ heldAt: '2026-01-10T09:00:00+08:00', minutes: '越权纪要' }) },
  'POST /api/property/meetings/:id/cancel': { url: () => `/api/property/meetings/${propertyB.meetingId}/cancel`, body: () => ({ reason: '越权取消' }) },
  'POST /api/property/meetings/:id/tasks': { url: () => `/api/property/meetings/${propertyB.meetingId}/tasks`, body: () => ({ title: '越权事项', ownerKind: 'community', deadline: '2099-01-31' }) },
  'POST /api/property/meeting-tasks/:id/confirm': { url: () => `/api/property/meeting-tasks/${propertyB.taskId}/confirm`, body: () => ({ note: '越权确认' }) },
  'POST /api/property/meeting-tasks/:id/send-back': { url: () => `/api/property/meeting-tasks/${propertyB.taskId}/send-back`, body: () => ({ note: '越权退回' }) },
  'POST /api/property/meeting-tasks/:id/drop': { url: () => `/api/property/meeting-tasks/${propertyB.taskId}/drop`, body: () => ({ note: '越权撤销' }) },
  'POST /api/property/meeting-proposals': { url: () => '/api/property/meeting-proposals', body: (b) => ({ compoundId: b.grid.id, authorName: '越权', content: '越权议题' }) },
  'GET /api/property/company/meeting-tasks': { url: () => '/api/property/company/meeting-tasks' },
  'POST /api/property/company/meeting-tasks/:id/report': { url: () => `/api/property/company/meeting-tasks/${propertyB.taskId}/report`, body: () => ({ note: '越权报告' }) },
  'GET /api/property/my-proposals': { url: () => '/api/property/my-proposals' },
  'POST /api/property/my-proposals': { url: () => '/api/property/my-proposals', body: () => ({ content: '越权议题' }) },
  // 维修资金 in B: an urgent lift repair of B's compound waiting for approval (propertyB)
  'GET /api/property/repairs': { url: (b) => `/api/property/repairs?compoundId=${b.grid.id}&pageSize=200` },
  'GET /api/property/repairs/figures': { url: (b) => `/api/property/repairs/figures?orgId=${b.community.id}` },
  'GET /api/property/repairs/compounds': { url: () => '/api/property/repairs/compounds' },
  'GET /api/property/repairs/compounds/:id/places': { url: (b) => `/api/property/repairs/compounds/${b.grid.id}/places` },
  'POST /api/property/repairs': {
    url: () => '/api/property/repairs',
    body: (b) => ({ compoundId: b.grid.id, kind: 'lift', urgent: true, title: '越权电梯维修', description: 'x', quantity: 1, placeIds: [b.building.id], quotes: [{ supplier: 'x', amount: 1000 }] }),
  },
  'GET /api/property/repairs/:id': { url: () => `/api/property/repairs/${propertyB.repairId}` },
  'POST /api/property/repairs/:id/submit': { url: () => `/api/property/repairs/${propertyB.repairId}/submit`, body: () => ({}) },
  'POST /api/property/repairs/:id/approve-community': { url: () => `/api/property/repairs/${propertyB.repairId}/approve-community`, body: () => ({ note: '越权审批' }) },
  'POST /api/property/repairs/:id/approve-street': { url: () => `/api/property/repairs/${propertyB.repairId}/approve-street`, body: () => ({ note: '越权审批' }) },
  'POST /api/property/repairs/:id/vote': {
    url: () => `/api/property/repairs/${propertyB.repairId}/vote`,
    body: () => ({ matterId: 1 }),
  },
  'GET /api/property/repairs/:id/vote-matters': { url: () => `/api/property/repairs/${propertyB.repairId}/vote-matters` },
  'POST /api/property/repairs/:id/reject': { url: () => `/api/property/repairs/${propertyB.repairId}/reject`, body: () => ({ reason: '越权驳回' }) },
  'POST /api/property/repairs/:id/start': { url: () => `/api/property/repairs/${propertyB.repairId}/start`, body: () => ({}) },
  'POST /api/property/repairs/:id/finish': { url: () => `/api/property/repairs/${propertyB.repairId}/finish`, body: () => ({}) },
  'POST /api/property/repairs/:id/accept': { url: () => `/api/property/repairs/${propertyB.repairId}/accept`, body: () => ({ note: '越权验收' }) },
  'POST /api/property/repairs/:id/send-back': { url: () => `/api/property/repairs/${propertyB.repairId}/send-back`, body: () => ({ reason: '越权退回' }) },
  'POST /api/property/repairs/:id/publish': { url: () => `/api/property/repairs/${propertyB.repairId}/publish`, body: () => ({ finalAmount: 1 }) },
  'GET /api/property/my-repairs': { url: () => '/api/property/my-repairs' },
  'GET /api/property/credit/schemes': { url: () => '/api/property/credit/schemes' },
  'POST /api/property/credit/schemes': {
    url: () => '/api/property/credit/schemes',
    body: () => ({ name: '越权方案', redTopN: 3, blackThreshold: 60, indicators: [{ name: '街道', source: 'street_rating', weight: 100 }] }),
  },
  'GET /api/property/credit/ratings': { url: (b) => `/api/property/credit/ratings?quarter=2026-Q4&orgId=${b.community.id}` },
  'POST /api/property/credit/ratings': { url: () => '/api/property/credit/ratings', body: (b) => ({ compoundId: b.grid.id, quarter: '2026-Q4', raterKind: 'street', score: 1 }) },
  'GET /api/property/credit/survey': { url: () => '/api/property/credit/survey' },
  'POST /api/property/credit/survey': { url: () => '/api/property/credit/survey', body: () => ({ stars: 1 }) },
  'GET /api/property/credit/quarters': { url: () => '/api/property/credit/quarters' },
  'GET /api/property/credit/quarters/:quarter': { url: () => '/api/property/credit/quarters/2026-Q3' },
  'GET /api/property/credit/quarters/:quarter/companies': { url: () => '/api/property/credit/quarters/2026-Q3/companies' },
  'GET /api/property/credit/quarters/:quarter/compounds': { url: () => '/api/property/credit/quarters/2026-Q3/compounds' },
  'POST /api/property/credit/quarters/:quarter/score': { url: () => '/api/property/credit/quarters/2026-Q3/score' },
  'POST /api/property/credit/quarters/:quarter/publish': { url: () => '/api/property/credit/quarters/2026-Q3/publish' },
  'POST /api/property/credit/incidents': { url: () => '/api/property/credit/incidents', body: () => ({ companyId: 999999, quarter: '2026-Q3', reason: '越权记录' }) },
  'GET /api/property/credit/objections': { url: () => '/api/property/credit/objections' },
  'POST /api/property/credit/objections/:id/decide': { url: () => '/api/property/credit/objections/999999/decide', body: () => ({ decision: 'rejected', reason: '越权处理' }) },
  'GET /api/property/credit/mine': { url: () => '/api/property/credit/mine' },
  'POST /api/property/credit/objections': { url: () => '/api/property/credit/objections', body: () => ({ quarter: '2026-Q3', reason: '越权异议' }) },
  'GET /api/auth/me': { url: () => '/api/auth/me' },
  'GET /api/health/detail': { url: () => '/api/health/detail' },
  'POST /api/auth/logout': { url: () => '/api/auth/logout' },
  'POST /api/auth/password': { url: () => '/api/auth/password', body: () => ({ oldPassword: 'wrong-old-1', newPassword: 'NewPass123' }) },
  'GET /api/accounts': { url: () => '/api/accounts' },
  'POST /api/accounts': {
    url: () => '/api/accounts',
    body: (b) => ({ username: `x${Date.now()}`, displayName: 'x', role: 'resident', scopeOrgId: b.community.id, password: 'Walk-2026-xyz' }),
  },
  'GET /api/accounts/link-candidates': { url: (b) => `/api/accounts/link-candidates?kind=resident&orgId=${b.community.id}` },
  'PATCH /api/accounts/:id': { url: () => `/api/accounts/${accountB.id}`, body: () => ({ displayName: '越权改名' }) },
  'POST /api/accounts/:id/disable': { url: () => `/api/accounts/${accountB.id}/disable` },
  'POST /api/accounts/:id/enable': { url: () => `/api/accounts/${accountB.id}/enable` },
  'POST /api/accounts/:id/unlock': { url: () => `/api/accounts/${accountB.id}/unlock` },
  'POST /api/accounts/:id/reset-password': { url: () => `/api/accounts/${accountB.id}/reset-password`, body: () => ({}) },
  'POST /api/accounts/:id/link': { url: () => `/api/accounts/${accountB.id}/link`, body: (b) => ({ kind: 'resident', id: b.residentId }) },
  'POST /api/accounts/:id/unlink': { url: () => `/api/accounts/${accountB.id}/unlink` },
  'GET /api/org/units/:id': { url: (b) => `/api/org/units/${b.community.id}` },
  'GET /api/org/units/:id/children': { url: (b) => `/api/org/units/${b.community.id}/children` },
  'GET /api/org/search': { url: (b) => `/api/org/search?q=${encodeURIComponent(b.community.name)}` },
  'GET /api/org/units/:id/map': { url: (b) => `/api/org/units/${b.community.id}/map` },
  // 驾驶舱: B's community's figures and trend
  'GET /api/stats/indicators': { url: () => '/api/stats/indicators' },
  'GET /api/stats/cockpit': { url: (b) => `/api/stats/cockpit?orgId=${b.community.id}` },
  'GET /api/stats/trend': { url: (b) => `/api/stats/trend?orgId=${b.community.id}&key=people.residents` },
  'GET /api/stats/outlines': { url: (b) => `/api/stats/outlines?orgId=${b.community.id}` },
  'GET /api/stats/report': { url: (b) => `/api/stats/report?orgId=${b.community.id}` },
  'GET /api/stats/report/export': { url: (b) => `/api/stats/report/export?orgId=${b.community.id}&month=2026-01` },
  // 开放数据: B's county (the second id on B's path)
  'GET /api/stats/open-data': { url: (b) => `/api/stats/open-data?countyId=${b.community.path.split('.')[1]}` },
  'PUT /api/stats/open-data': { url: () => '/api/stats/open-data', body: (b) => ({ countyId: Number(b.community.path.split('.')[1]), indicators: ['people.residents'] }) },
  'GET /api/org/units/:id/history': { url: (b) => `/api/org/units/${b.community.id}/history` },
  'POST /api/org/units': { url: () => '/api/org/units', body: (b) => ({ parentId: b.community.id, kind: 'grid', code: '99887766554433', name: '新网格', gridType: 'enclosed' }) },
  'PATCH /api/org/units/:id': { url: (b) => `/api/org/units/${b.grid.id}`, body: () => ({ name: '改名' }) },
  'POST /api/org/units/:id/move': { url: (b) => `/api/org/units/${b.grid.id}/move`, body: (_b, a) => ({ newParentId: a.community.id }) },
  'POST /api/org/units/:id/merge': { url: (b) => `/api/org/units/${b.grid.id}/merge`, body: (_b, a) => ({ intoId: a.grid.id }) },
  'POST /api/org/units/:id/split': { url: (b) => `/api/org/units/${b.grid.id}/split`, body: (b) => ({ name: '拆', code: '99887766554499', childIds: [b.building.id] }) },
  'GET /api/org/import/templates/:file': { url: () => '/api/org/import/templates/grids.csv' },
  'POST /api/org/import/:kind': { url: () => '/api/org/import/grids' },
  'GET /api/org/import/jobs/:id': { url: () => '/api/org/import/jobs/999999' },
  'GET /api/org/import/jobs/:id/error-report': { url: () => '/api/org/import/jobs/999999/error-report' },
  'POST /api/org/import/jobs/:id/accounts': { url: () => '/api/org/import/jobs/999999/accounts' },
  'GET /api/people/households': { url: (b) => `/api/people/households?orgId=${b.community.id}` },
  'GET /api/people/residents': { url: (b) => `/api/people/residents?orgId=${b.community.id}` },
  'GET /api/people/merchants': { url: (b) => `/api/people/merchants?orgId=${b.community.id}` },
  'GET /api/workforce/staff': { url: (b) => `/api/workforce/staff?orgId=${b.community.id}` },
  'POST /api/workforce/staff': { url: () => '/api/workforce/staff', body: (b) => ({ name: '越权社工', post: 'community_worker', postType: 'worker', grade: 2, orgId: b.community.id }) },
  'PATCH /api/workforce/staff/:id': { url: (b) => `/api/workforce/staff/${b.staffId}`, body: () => ({ grade: 9 }) },
  'POST /api/workforce/staff/:id/leave': { url: (b) => `/api/workforce/staff/${b.staffId}/leave`, body: () => ({ leftOn: '2026-01-05' }) },
  'GET /api/workforce/staff/:id/ratings': { url: (b) => `/api/workforce/staff/${b.staffId}/ratings` },
  'GET /api/workforce/pay-table': { url: () => `/api/workforce/pay-table?countyId=${inB.countyId}&year=2026` },
  'PUT /api/workforce/pay-table': {
    url: () => '/api/workforce/pay-table',
    body: () => ({
      countyId: inB.countyId, year: 2026,
      rates: ['leader', 'deputy', 'worker'].flatMap((postType) => Array.from({ length: 18 }, (_, i) => ({ postType, grade: i + 1, monthlyYuan: 3000 }))),
      stars: [60, 70, 80, 90, 95].map((minScore, i) => ({ stars: i + 1, minScore, subsidyYuan: 1000 })),
    }),
  },
  'GET /api/workforce/overview': { url: (b) => `/api/workforce/overview?orgId=${b.community.id}` },
  'GET /api/workforce/ratings': { url: (b) => `/api/workforce/ratings?orgId=${b.community.id}&year=2026` },
  'POST /api/workforce/ratings/compute': { url: () => '/api/workforce/ratings/compute', body: (b) => ({ orgId: b.community.id, year: 2026 }) },
  'PUT /api/workforce/ratings/:id/assessment': { url: () => `/api/workforce/ratings/${inB.ratingId}/assessment`, body: () => ({ score: 20 }) },
  'GET /api/people/residents/:id': { url: (b) => `/api/people/residents/${b.residentId}` },
  'POST /api/people/residents': {
    url: () => '/api/people/residents',
    body: (b) => ({ householdId: b.household.id, name: '李四', idNumber: validIdNumber('19900101', 777), relation: 'member' }),
  },
  'POST /api/people/residents/:id/move': { url: (b) => `/api/people/residents/${b.residentId}/move`, body: (_b, a) => ({ householdId: a.household.id }) },
  'POST /api/people/residents/:id/reveal': { url: (b) => `/api/people/residents/${b.residentId}/reveal`, body: () => ({ field: 'idNumber', reasonCode: 'verify_identity', reasonText: '核实身份信息' }) },
  'GET /api/party/orgs': { url: (b) => `/api/party/orgs?orgId=${b.community.id}` },
  'GET /api/party/orgs/:id/children': { url: (b) => `/api/party/orgs/${b.partyOrgId}/children` },
  'GET /api/party/members': { url: (b) => `/api/party/members?partyOrgId=${b.partyOrgId}` },
  'POST /api/party/orgs': { url: () => '/api/party/orgs', body: (b) => ({ parentId: b.partyOrgId, kind: 'branch', name: '新支部', orgId: b.grid.id }) },
  'POST /api/party/members': { url: () => '/api/party/members', body: (b) => ({ residentId: b.residentId, partyOrgId: b.partyOrgId, memberKind: 'resident', joinedOn: '2000-01-01' }) },
  'POST /api/party/orgs/:id/secretary': { url: (b) => `/api/party/orgs/${b.partyOrgId}/secretary`, body: (b) => ({ memberId: b.memberId, secretaryKind: 'retired' }) },
  'PATCH /api/party/orgs/:id': { url: (b) => `/api/party/orgs/${b.partyOrgId}`, body: () => ({ name: '越权改名' }) },
  'POST /api/party/orgs/:id/move': { url: (b) => `/api/party/orgs/${b.partyOrgId}/move`, body: (_b, a) => ({ parentId: a.partyOrgId }) },
  'POST /api/party/orgs/:id/dissolve': { url: (b) => `/api/party/orgs/${b.partyOrgId}/dissolve` },
  'GET /api/party/orgs/:id/secretaries': { url: (b) => `/api/party/orgs/${b.partyOrgId}/secretaries` },
  'POST /api/party/members/:id/transfer': { url: (b) => `/api/party/members/${b.memberId}/transfer`, body: () => ({ destination: '越权转出', transferredOn: '2026-11-01' }) },
  'GET /api/party/members/:id/transfers': { url: (b) => `/api/party/members/${b.memberId}/transfers` },
  'GET /api/party/coverage': { url: (b) => `/api/party/coverage?orgId=${b.community.id}` },
  'GET /api/audit': { url: () => '/api/audit?pageSize=200' },
  'GET /api/demands/categories': { url: () => '/api/demands/categories' },
  'GET /api/demands/places': { url: () => '/api/demands/places' },
  'POST /api/demands': { url: () => '/api/demands', body: (b) => ({ orgId: b.grid.id, categoryCode: 'other', description: '越权上报测试', channel: 'walk_in', force: true }) },
  'GET /api/demands': { url: (b) => `/api/demands?orgId=${b.community.id}` },
  'GET /api/demands/:id': { url: (b) => `/api/demands/${b.demandId}` },
  'POST /api/demands/:id/actions/:action': { url: (b) => `/api/demands/${b.demandId}/actions/accept`, body: () => ({}) },
  'POST /api/demands/:id/reveal-phone': { url: (b) => `/api/demands/${b.demandId}/reveal-phone`, body: () => ({ reasonCode: 'contact_demand', reasonText: '越权查看手机号' }) },
  'POST /api/demands/:id/me-too': { url: (b) => `/api/demands/${b.demandId}/me-too` },
  'POST /api/demands/:id/rewhistle': { url: (b) => `/api/demands/${b.demandId}/rewhistle`, body: (b) => ({ departmentIds: [b.departmentId], note: '越权派单' }) },
  'POST /api/demands/dispatches/:id/:action': { url: (b) => `/api/demands/dispatches/${b.dispatchId}/accept`, body: () => ({}) },
  'GET /api/demands/rates': { url: (b) => `/api/demands/rates?orgId=${b.community.id}` },
  'GET /api/departments': { url: () => '/api/departments' },
  'POST /api/departments': { url: () => '/api/departments', body: (b) => ({ name: '越权部门', orgId: b.community.id }) },
  'GET /api/open311/keys': { url: () => '/api/open311/keys' },
  'POST /api/open311/keys': { url: () => '/api/open311/keys', body: (b) => ({ name: '越权密钥', orgId: b.community.id }) },
  'POST /api/open311/keys/:id/revoke': { url: () => '/api/open311/keys/999999/revoke' },
  // The working-day calendar is the city's: no place in it, and only a city-level account edits it.
  'GET /api/calendar': { url: () => '/api/calendar?year=2026' },
  'PUT /api/calendar/days/:day': { url: () => '/api/calendar/days/2099-01-01', body: () => ({ kind: 'holiday', note: '越权修改' }) },
  'POST /api/demands/meetings': { url: () => '/api/demands/meetings', body: (b) => ({ orgId: b.community.id, heldOn: '2026-11-20' }) },
  'GET /api/demands/meetings': { url: (b) => `/api/demands/meetings?orgId=${b.community.id}` },
  'GET /api/demands/meetings/:id': { url: (b) => `/api/demands/meetings/${b.meetingId}` },
  'GET /api/demands/meetings/unmet': { url: (b) => `/api/demands/meetings/unmet?orgId=${b.community.id}` },
  'POST /api/demands/meetings/:id/decisions': { url: (b) => `/api/demands/meetings/${b.meetingId}/decisions`, body: (b) => ({ demandId: b.demandId, decision: '越权决定', outcome: 'community' }) },
  'GET /api/notifications': { url: () => '/api/notifications' },
  'POST /api/notifications/:id/read': { url: () => '/api/notifications/1/read' },
  'GET /api/gridtasks/types': { url: () => `/api/gridtasks/types?countyId=${inB.countyId}` },
  'POST /api/gridtasks/types': { url: () => '/api/gridtasks/types', body: () => ({ countyId: inB.countyId, code: 'walk_new', name: '越权事项' }) },
  'PATCH /api/gridtasks/types/:id': { url: () => `/api/gridtasks/types/${inB.taskTypeId}`, body: () => ({ active: false }) },
  'POST /api/gridtasks/types/adopt-defaults': { url: () => '/api/gridtasks/types/adopt-defaults', body: () => ({ countyId: inB.countyId }) },
  'POST /api/gridtasks': { url: () => '/api/gridtasks', body: (b) => ({ gridId: b.grid.id, typeCode: 'walk_listed', title: '越权派发' }) },
  'GET /api/gridtasks': { url: (b) => `/api/gridtasks?gridId=${b.grid.id}` },
  'POST /api/gridtasks/:id/done': { url: () => `/api/gridtasks/${inB.taskId}/done`, body: () => ({ note: '越权办结' }) },
  'GET /api/gridtasks/refusals/stats': { url: () => '/api/gridtasks/refusals/stats' },
  'GET /api/leaders': { url: (b) => `/api/leaders?orgId=${b.community.id}` },
  'GET /api/leaders/stats': { url: (b) => `/api/leaders/stats?orgId=${b.community.id}` },
  'GET /api/leaders/:id': { url: () => `/api/leaders/${inB.leaderId}` },
  'POST /api/leaders': { url: () => '/api/leaders', body: (b) => ({ name: '越权', level: 'community', title: '委员', orgId: b.community.id }) },
  'POST /api/leaders/:id/links': { url: () => `/api/leaders/${inB.leaderId}/links`, body: (b) => ({ orgId: b.grid.id }) },
  'DELETE /api/leaders/:id/links/:linkId': { url: () => `/api/leaders/${inB.leaderId}/links/${inB.linkId}` },
  'POST /api/files': { url: () => '/api/files' },
  // A file uploaded in B whose bytes hold B's name: served to anyone, the walk would see the leak.
  'GET /api/files/:id': { url: () => `/api/files/${inB.fileId}` },
  'GET /api/demands/:id/handlers': { url: (b) => `/api/demands/${b.demandId}/handlers` },
  'POST /api/visits': { url: () => '/api/visits', body: (b) => ({ householdId: b.household.id, note: '越权走访' }) },
  'GET /api/visits/mine': { url: () => '/api/visits/mine' },
  'GET /api/visits/counts': { url: (b) => `/api/visits/counts?month=2026-11&orgId=${b.community.id}` },
  'POST /api/leaders/:id/visits': { url: () => `/api/leaders/${inB.leaderId}/visits`, body: (b) => ({ orgId: b.community.id, visitedOn: '2026-01-05', summary: '越权走访' }) },
  'GET /api/store/stores': { url: (b) => `/api/store/stores?communityId=${b.community.id}` },
  'POST /api/store/stores': { url: () => '/api/store/stores', body: (b) => ({ communityId: b.community.id, name: '越权超市', kind: 'community_centre' }) },
  'PATCH /api/store/stores/:id': { url: () => `/api/store/stores/${storeB.storeId}`, body: () => ({ name: '改名' }) },
  'GET /api/store/stores/:id/items': { url: () => `/api/store/stores/${storeB.storeId}/items` },
  'POST /api/store/items': { url: () => '/api/store/items', body: () => ({ storeId: storeB.storeId, name: '越权物品', kind: 'goods', cost: 1 }) },
  'PATCH /api/store/items/:id': { url: () => `/api/store/items/${storeB.itemId}`, body: () => ({ cost: 1 }) },
  'POST /api/store/items/:id/stock': { url: () => `/api/store/items/${storeB.itemId}/stock`, body: () => ({ kind: 'received', delta: 5 }) },
  'GET /api/store/items/:id/movements': { url: () => `/api/store/items/${storeB.itemId}/movements` },
  'GET /api/store/events': { url: (b) => `/api/store/events?communityId=${b.community.id}` },
  'POST /api/store/events': { url: () => '/api/store/events', body: (b) => ({ communityId: b.community.id, name: '越权活动', startsOn: '2099-01-01', endsOn: '2099-01-02' }) },
  'POST /api/store/events/:id/cancel': { url: () => `/api/store/events/${storeB.eventId}/cancel` },
  'GET /api/store/orders': { url: (b) => `/api/store/orders?communityId=${b.community.id}` },
  'POST /api/store/orders': { url: () => '/api/store/orders', body: (b) => ({ itemId: storeB.itemId, quantity: 1, holderKind: 'household', holderId: b.household.id }) },
  'POST /api/store/orders/:id/cancel': { url: () => `/api/store/orders/${storeB.orderId}/cancel`, body: () => ({}) },
  'POST /api/store/handover': { url: () => '/api/store/handover', body: () => ({ storeId: storeB.storeId, code: '123456' }) },
  'GET /api/store/stats': { url: (b) => `/api/store/stats?communityId=${b.community.id}` },
  'GET /api/store/my': { url: () => '/api/store/my' },
  'GET /api/store/my/orders': { url: () => '/api/store/my/orders' },
  'POST /api/store/my/orders': { url: () => '/api/store/my/orders', body: () => ({ itemId: storeB.itemId, quantity: 1 }) },
  'POST /api/store/my/orders/:id/cancel': { url: () => `/api/store/my/orders/${storeB.orderId}/cancel`, body: () => ({}) },
  'GET /api/points/rules': { url: (b) => `/api/points/rules?communityId=${b.community.id}` },
  'POST /api/points/rules/items': {
    url: () => '/api/points/rules/items',
    body: (b) => ({ communityId: b.community.id, name: '越权项目', direction: 'positive', category: 'x', points: 1, unit: 'times', monthlyCap: null, evidenceRequired: false, recorderRoles: ['grid_worker'] }),
  },
  'PATCH /api/points/rules/items/:code': { url: () => '/api/points/rules/items/waste_sorting', body: (b) => ({ communityId: b.community.id, points: 9 }) },
  'PUT /api/points/rules/base': { url: () => '/api/points/rules/base', body: (b) => ({ communityId: b.community.id, household: 1, merchant: 1 }) },
  'GET /api/points/rules/items/:code/versions': { url: (b) => `/api/points/rules/items/waste_sorting/versions?communityId=${b.community.id}` },
  'POST /api/points/base/grant': { url: () => '/api/points/base/grant', body: (b) => ({ communityId: b.community.id }) },
  'GET /api/points/holders': { url: (b) => `/api/points/holders?communityId=${b.community.id}` },
  'POST /api/points/records': {
    url: () => '/api/points/records',
    body: (b) => ({ holderKind: 'household', holderId: b.household.id, itemId: pointsB.itemId, occurredOn: '2026-01-05', note: '越权记录' }),
  },
  'GET /api/points/records': { url: (b) => `/api/points/records?communityId=${b.community.id}` },
  'POST /api/points/records/review': { url: () => '/api/points/records/review', body: () => ({ ids: [pointsB.recordId], decision: 'approve' }) },
  'GET /api/points/months': { url: (b) => `/api/points/months?communityId=${b.community.id}` },
  'POST /api/points/months/close': { url: () => '/api/points/months/close', body: (b) => ({ communityId: b.community.id, month: '2026-01' }) },
  'POST /api/points/objections': { url: () => '/api/points/objections', body: (b) => ({ communityId: b.community.id, month: '2025-12', reason: '越权提出异议' }) },
  'GET /api/points/objections': { url: (b) => `/api/points/objections?communityId=${b.community.id}` },
  'POST /api/points/objections/:id/decide': {
    url: () => `/api/points/objections/${pointsB.objectionId}/decide`, body: (b) => ({ decision: 'uphold', note: '越权处理', reverseRecordIds: [pointsB.recordId] }),
  },
  'GET /api/points/me': { url: () => '/api/points/me' },
  'GET /api/points/me/entries': { url: () => '/api/points/me/entries' },
  'GET /api/points/me/rules': { url: () => '/api/points/me/rules' },
  'GET /api/points/me/objections': { url: () => '/api/points/me/objections' },
  'GET /api/points/communities': { url: (b) => `/api/points/communities?orgId=${b.community.id}` },
  'GET /api/points/stats': { url: (b) => `/api/points/stats?orgId=${b.community.id}` },
  // 志愿吕梁: B's organisation, project and activity (volB, filled in beforeAll)
  'GET /api/volunteers/overview': { url: (b) => `/api/volunteers/overview?orgId=${b.community.id}` },
  'GET /api/volunteers/orgs': { url: (b) => `/api/volunteers/orgs?orgId=${b.community.id}` },
  'POST /api/volunteers/orgs': { url: () => '/api/volunteers/orgs', body: (b) => ({ orgId: b.community.id, name: '越权志愿队', kind: 'other', contactName: 'x' }) },
  'GET /api/volunteers/orgs/:id/admins': { url: () => `/api/volunteers/orgs/${volB.orgId}/admins` },
  'POST /api/volunteers/orgs/:id/members': { url: () => `/api/volunteers/orgs/${volB.orgId}/members`, body: () => ({ volunteerId: volB.volunteerId }) },
  'GET /api/volunteers/people': { url: (b) => `/api/volunteers/people?orgId=${b.community.id}` },
  'POST /api/volunteers/people': { url: () => '/api/volunteers/people', body: (b) => ({ orgId: b.community.id, name: '越权志愿者', phone: '13911112222' }) },
  'GET /api/volunteers/projects': { url: (b) => `/api/volunteers/projects?orgId=${b.community.id}` },
  'POST /api/volunteers/projects': { url: () => '/api/volunteers/projects', body: () => ({ volunteerOrgId: volB.orgId, name: '越权项目' }) },
  'GET /api/volunteers/activities': { url: (b) => `/api/volunteers/activities?orgId=${b.community.id}` },
  'POST /api/volunteers/activities': {
    url: () => '/api/volunteers/activities',
    body: (b) => ({ projectId: volB.projectId, placeId: b.community.id, title: '越权活动', startsAt: '2099-01-01T09:00:00+08:00', endsAt: '2099-01-01T11:00:00+08:00', capacity: 5 }),
  },
  'GET /api/volunteers/activities/:id': { url: () => `/api/volunteers/activities/${volB.activityId}` },
  'GET /api/volunteers/activities/:id/qr': { url: () => `/api/volunteers/activities/${volB.activityId}/qr` },
  'POST /api/volunteers/activities/:id/confirm': { url: () => `/api/volunteers/activities/${volB.activityId}/confirm`, body: () => ({ served: 1 }) },
  'POST /api/volunteers/activities/:id/corrections': { url: () => `/api/volunteers/activities/${volB.activityId}/corrections`, body: () => ({ volunteerId: volB.volunteerId, hours: 1, reason: '越权更正' }) },
  'POST /api/volunteers/me': { url: () => '/api/volunteers/me' },
  'GET /api/volunteers/me': { url: () => '/api/volunteers/me' },
  'GET /api/volunteers/me/activities': { url: () => '/api/volunteers/me/activities' },
  'POST /api/volunteers/activities/:id/signup': { url: () => `/api/volunteers/activities/${volB.activityId}/signup` },
  'POST /api/volunteers/activities/:id/cancel': { url: () => `/api/volunteers/activities/${volB.activityId}/cancel` },
  'GET /api/volunteers/scan': { url: () => `/api/volunteers/scan?t=${volB.activityId}.1.AAAAAAAAAAAAAAAAAAAAAA` },
  'POST /api/volunteers/scan': { url: () => '/api/volunteers/scan', body: () => ({ token: `${volB.activityId}.1.AAAAAAAAAAAAAAAAAAAAAA`, action: 'in' }) },
  'GET /api/points/honours/households': { url: (b) => `/api/points/honours/households?communityId=${b.community.id}&year=2026` },
  'GET /api/points/honours/reserve-secretaries': { url: (b) => `/api/points/honours/reserve-secretaries?communityId=${b.community.id}` },
  'PUT /api/points/heads': { url: () => '/api/points/heads', body: (b) => ({ orgId: b.unit.id, residentId: b.residentId }) },
  'POST /api/points/ledger/verify': { url: () => '/api/points/ledger/verify', body: (b) => ({ communityId: b.community.id }) },
  'GET /api/registrations': { url: () => '/api/registrations' },
  'POST /api/registrations/:id/confirm': { url: () => `/api/registrations/${inB.registrationId}/confirm`, body: (b) => ({ householdId: b.household.id }) },
  'POST /api/registrations/:id/reject': { url: () => `/api/registrations/${inB.registrationId}/reject`, body: () => ({ reason: '越权不予通过' }) },
  // co-building lists and projects (结对共建)
  'GET /api/cobuild/needs': { url: (b) => `/api/cobuild/needs?orgId=${b.community.id}` },
  'POST /api/cobuild/needs': {
    url: () => '/api/cobuild/needs', body: (b) => ({ placeId: b.community.id, category: 'education', title: '越权需求', size: 5, startsOn: '2026-07-01', endsOn: '2026-07-31' }),
  },
  'POST /api/cobuild/needs/:id/close': { url: () => `/api/cobuild/needs/${cobuildB.needId}/close` },
  'GET /api/cobuild/resources': { url: (b) => `/api/cobuild/resources?orgId=${b.community.id}` },
  'POST /api/cobuild/resources': {
    url: () => '/api/cobuild/resources',
    body: (b) => ({ workUnitId: cobuildB.unitId, category: 'education', title: '越权资源', capacity: 9, availableFrom: '2026-07-01', availableTo: '2026-07-31', placeIds: [b.community.id] }),
  },
  'POST /api/cobuild/resources/:id/withdraw': { url: () => `/api/cobuild/resources/${cobuildB.resourceId}/withdraw` },
  'GET /api/cobuild/matches': { url: (b) => `/api/cobuild/matches?orgId=${b.community.id}` },
  'POST /api/cobuild/matches/accept': { url: () => '/api/cobuild/matches/accept', body: () => ({ needId: cobuildB.needId, resourceId: cobuildB.resourceId }) },
  'GET /api/cobuild/projects': { url: (b) => `/api/cobuild/projects?orgId=${b.community.id}` },
  'GET /api/cobuild/projects/:id': { url: () => `/api/cobuild/projects/${cobuildB.projectId}` },
  'POST /api/cobuild/projects': {
    url: () => '/api/cobuild/projects', body: (b) => ({ communityId: b.community.id, category: 'other', title: '越权项目', startsOn: '2026-07-01', endsOn: '2026-07-31' }),
  },
  'POST /api/cobuild/projects/:id/assign': { url: () => `/api/cobuild/projects/${cobuildB.projectId}/assign`, body: () => ({ workUnitId: cobuildB.unitId }) },
  'POST /api/cobuild/projects/:id/accept': { url: () => `/api/cobuild/projects/${cobuildB.submittedId}/accept` },
  'POST /api/cobuild/projects/:id/return': { url: () => `/api/cobuild/projects/${cobuildB.submittedId}/return`, body: () => ({ reason: '越权退回' }) },
  'POST /api/cobuild/projects/:id/withdraw': { url: () => `/api/cobuild/projects/${cobuildB.projectId}/withdraw` },
  'GET /api/cobuild/unit-options': { url: (b) => `/api/cobuild/unit-options?orgId=${b.community.id}` },
  'GET /api/cobuild/unit/me': { url: () => '/api/cobuild/unit/me' },
  'GET /api/cobuild/unit/board': { url: () => '/api/cobuild/unit/board' },
  'POST /api/cobuild/unit/resources': {
    url: () => '/api/cobuild/unit/resources',
    body: (b) => ({ category: 'education', title: '越权资源', capacity: 9, availableFrom: '2026-07-01', availableTo: '2026-07-31', placeIds: [b.community.id] }),
  },
  'POST /api/cobuild/unit/resources/:id/withdraw': { url: () => `/api/cobuild/unit/resources/${cobuildB.resourceId}/withdraw` },
  'POST /api/cobuild/unit/projects/:id/take-up': { url: () => `/api/cobuild/unit/projects/${cobuildB.projectId}/take-up` },
  'PUT /api/cobuild/unit/projects/:id/plan': { url: () => `/api/cobuild/unit/projects/${cobuildB.submittedId}/plan`, body: () => ({ plan: '越权方案' }) },
  'POST /api/cobuild/unit/projects/:id/milestones': {
    url: () => `/api/cobuild/unit/projects/${cobuildB.submittedId}/milestones`, body: () => ({ title: '越权节点', dueOn: '2026-07-01' }),
  },
  'POST /api/cobuild/unit/milestones/:id/done': { url: () => `/api/cobuild/unit/milestones/${cobuildB.milestoneId}/done`, body: () => ({ doneOn: '2026-07-01', photoIds: [inB.fileId] }) },
  'POST /api/cobuild/unit/projects/:id/submit': { url: () => `/api/cobuild/unit/projects/${cobuildB.submittedId}/submit` },
  'GET /api/cobuild/overview': { url: (b) => `/api/cobuild/overview?orgId=${b.community.id}` },
  // 双报到: B's unit (cobuildB.unitId), its pairing with B and a member's report to B (dualB)
  'GET /api/cobuild/units': { url: () => '/api/cobuild/units' },
  'POST /api/cobuild/units': { url: () => '/api/cobuild/units', body: (b) => ({ orgId: b.community.id, name: '越权单位', kind: 'organ', partyOrgName: '越权党支部', contactName: 'x' }) },
  'PATCH /api/cobuild/units/:id': { url: () => `/api/cobuild/units/${cobuildB.unitId}`, body: () => ({ name: '越权改名' }) },
  'GET /api/cobuild/units/:id/record': { url: () => `/api/cobuild/units/${cobuildB.unitId}/record` },
  'GET /api/cobuild/units/:id/export': { url: () => `/api/cobuild/units/${cobuildB.unitId}/export` },
  'GET /api/cobuild/pairings': { url: () => '/api/cobuild/pairings' },
  'POST /api/cobuild/pairings': { url: () => '/api/cobuild/pairings', body: (b) => ({ communityId: b.community.id }) },
  'POST /api/cobuild/units/:id/pairings': { url: () => `/api/cobuild/units/${cobuildB.unitId}/pairings`, body: (b) => ({ communityId: b.community.id }) },
  'POST /api/cobuild/pairings/:id/confirm': { url: () => `/api/cobuild/pairings/${dualB.pairingId}/confirm` },
  'POST /api/cobuild/pairings/:id/decline': { url: () => `/api/cobuild/pairings/${dualB.pairingId}/decline`, body: () => ({ reason: '越权退回' }) },
  'POST /api/cobuild/pairings/:id/withdraw': { url: () => `/api/cobuild/pairings/${dualB.pairingId}/withdraw` },
  'PUT /api/cobuild/pairings/:id/evaluation': { url: () => `/api/cobuild/pairings/${dualB.pairingId}/evaluation`, body: () => ({ grade: 'excellent' }) },
  'GET /api/cobuild/my-report': { url: () => '/api/cobuild/my-report' },
  'GET /api/cobuild/my-report/units': { url: () => '/api/cobuild/my-report/units' },
  'POST /api/cobuild/my-report': { url: () => '/api/cobuild/my-report', body: () => ({ workUnitId: cobuildB.unitId, posts: ['volunteer'] }) },
  'POST /api/cobuild/my-report/:id/withdraw': { url: () => `/api/cobuild/my-report/${dualB.reportId}/withdraw` },
  'GET /api/cobuild/member-reports': { url: () => '/api/cobuild/member-reports' },
  'POST /api/cobuild/member-reports/:id/confirm': { url: () => `/api/cobuild/member-reports/${dualB.reportId}/confirm` },
  'POST /api/cobuild/member-reports/:id/decline': { url: () => `/api/cobuild/member-reports/${dualB.reportId}/decline`, body: () => ({ reason: '越权退回' }) },
  'PUT /api/cobuild/member-reports/:id/evaluation': { url: () => `/api/cobuild/member-reports/${dualB.reportId}/evaluation`, body: () => ({ grade: 'excellent' }) },
  'GET /api/cobuild/post-offers': { url: (b) => `/api/cobuild/post-offers?communityId=${b.community.id}` },
  'PUT /api/cobuild/post-offers': { url: () => '/api/cobuild/post-offers', body: (b) => ({ communityId: b.community.id, posts: ['volunteer'] }) },
  'GET /api/cobuild/member-records': { url: () => '/api/cobuild/member-records' },
  // 居民自办十步: B's compound (its grid), never started from A nor stepped by A's committee members
  // 小区管理 in B: B's compound, the unit and owner of the votes' setup, a 物管会 member (compoundsB)
  'GET /api/selfrun/compounds': { url: (b) => `/api/selfrun/compounds?orgId=${b.community.id}&pageSize=200` },
  'GET /api/selfrun/compounds/figures': { url: (b) => `/api/selfrun/compounds/figures?orgId=${b.community.id}` },
  'GET /api/selfrun/compounds/:id': { url: (b) => `/api/selfrun/compounds/${b.grid.id}` },
  'POST /api/selfrun/compounds/:id/mode': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/mode`, body: () => ({ mode: 'none', since: '2026-01-01', reason: '越权变更' }) },
  'GET /api/selfrun/compounds/:id/units': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/units?pageSize=200` },
  'POST /api/selfrun/compounds/:id/units': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/units`, body: () => ({ label: '越权101', areaM2: 80 }) },
  'POST /api/selfrun/compounds/:id/units/:unitId/area': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/units/${votesB.unitId}/area`, body: () => ({ areaM2: 1 }) },
  'POST /api/selfrun/compounds/:id/units/:unitId/owners': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/units/${votesB.unitId}/owners`, body: (b) => ({ residentId: b.residentId }) },
  'POST /api/selfrun/compounds/:id/owners/:ownerId/end': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/owners/${compoundsB.ownerId}/end`, body: () => ({}) },
  'POST /api/selfrun/compounds/:id/owners/:ownerId/reveal': {
    url: (b) => `/api/selfrun/compounds/${b.grid.id}/owners/${compoundsB.ownerId}/reveal`, body: () => ({ field: 'idNumber', reasonCode: 'verify_identity', reasonText: '核实身份信息' }),
  },
  'GET /api/selfrun/compounds/:id/committee': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/committee` },
  'POST /api/selfrun/compounds/:id/committee/members': {
    url: (b) => `/api/selfrun/compounds/${b.grid.id}/committee/members`, body: () => ({ committee: 'management', kind: 'owner', role: 'member', name: '越权', termFrom: '2026-01-01', termTo: '2028-12-31' }),
  },
  'POST /api/selfrun/compounds/:id/committee/members/:memberId/leave': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/committee/members/${compoundsB.memberId}/leave`, body: () => ({}) },
  'GET /api/selfrun/compounds/:id/five-haves': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/five-haves` },
  'POST /api/selfrun/compounds/:id/five-haves/:item': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/five-haves/venue`, body: () => ({ note: '越权登记' }) },
  'POST /api/selfrun/compounds/:id/register-import': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/register-import?apply=true` },
  // 公共账户 in B: B's compound runs itself and has one entry (compoundsB.entryId); a 物管会 member of B is not the walker
  'GET /api/selfrun/compounds/:id/ledger': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/ledger?pageSize=200` },
  'POST /api/selfrun/compounds/:id/ledger': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/ledger`, body: () => ({ category: 'parking', amountFen: 100, day: '2026-01-05', summary: '越权记账' }) },
  'POST /api/selfrun/compounds/:id/ledger/:entryId/reverse': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/ledger/${compoundsB.entryId}/reverse`, body: () => ({ reason: '越权冲销' }) },
  'GET /api/selfrun/compounds/:id/ledger/export': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/ledger/export` },
  'GET /api/selfrun/compounds/:id/statements': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/statements` },
  'POST /api/selfrun/compounds/:id/statements': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/statements`, body: () => ({ month: '2026-01' }) },
  'GET /api/selfrun/my-account/:id/ledger': { url: (b) => `/api/selfrun/my-account/${b.grid.id}/ledger?pageSize=200` },
  'POST /api/selfrun/my-account/:id/ledger': { url: (b) => `/api/selfrun/my-account/${b.grid.id}/ledger`, body: () => ({ category: 'parking', amountFen: 100, day: '2026-01-05', summary: '越权记账' }) },
  'POST /api/selfrun/my-account/:id/ledger/:entryId/reverse': { url: (b) => `/api/selfrun/my-account/${b.grid.id}/ledger/${compoundsB.entryId}/reverse`, body: () => ({ reason: '越权冲销' }) },
  'GET /api/selfrun/my-account/:id/ledger/export': { url: (b) => `/api/selfrun/my-account/${b.grid.id}/ledger/export` },
  'GET /api/selfrun/my-account/:id/statements': { url: (b) => `/api/selfrun/my-account/${b.grid.id}/statements` },
  'POST /api/selfrun/my-account/:id/statements': { url: (b) => `/api/selfrun/my-account/${b.grid.id}/statements`, body: () => ({ month: '2026-01' }) },
  'GET /api/selfrun/account/compounds': { url: (b) => `/api/selfrun/account/compounds?orgId=${b.community.id}&pageSize=200` },
  'GET /api/selfrun/account/figures': { url: (b) => `/api/selfrun/account/figures?orgId=${b.community.id}` },
  'GET /api/selfrun/my-compound-account': { url: () => '/api/selfrun/my-compound-account' },
  'POST /api/selfrun/my-compound-account/:id/review': { url: (b) => `/api/selfrun/my-compound-account/${b.grid.id}/review`, body: () => ({ score: 1 }) },
  'GET /api/selfrun/steps/board': { url: () => '/api/selfrun/steps/board?pageSize=200' },
  'GET /api/selfrun/steps/figures': { url: () => '/api/selfrun/steps/figures' },
  'GET /api/selfrun/compounds/:id/steps': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/steps` },
  'POST /api/selfrun/compounds/:id/steps/start': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/steps/start` },
  'POST /api/selfrun/compounds/:id/steps/:step': { url: (b) => `/api/selfrun/compounds/${b.grid.id}/steps/motion`, body: () => ({ note: '越权动议', proposer: '越权' }) },
  'GET /api/selfrun/my-committee': { url: () => '/api/selfrun/my-committee' },
  // 业主表决 in B: an open vote of B's compound with one unit (votesB, filled in beforeAll)
  'GET /api/selfrun/votes': { url: (b) => `/api/selfrun/votes?compoundId=${b.grid.id}&pageSize=200` },
  'POST /api/selfrun/votes': {
    url: () => '/api/selfrun/votes',
    body: (b) => ({ compoundId: b.grid.id, title: '越权表决', matters: [{ title: '越权', kind: 'ordinary' }], opensAt: '2027-06-01T08:00:00+08:00', closesAt: '2027-06-10T08:00:00+08:00' }),
  },
  'GET /api/selfrun/votes/:id': { url: () => `/api/selfrun/votes/${votesB.voteId}` },
  'POST /api/selfrun/votes/:id/announce': { url: () => `/api/selfrun/votes/${votesB.voteId}/announce`, body: () => ({}) },
  'POST /api/selfrun/votes/:id/cancel': { url: () => `/api/selfrun/votes/${votesB.voteId}/cancel`, body: () => ({ reason: '越权取消' }) },
  'POST /api/selfrun/votes/:id/publish': { url: () => `/api/selfrun/votes/${votesB.voteId}/publish`, body: () => ({}) },
  'GET /api/selfrun/votes/:id/units': { url: () => `/api/selfrun/votes/${votesB.voteId}/units` },
  'GET /api/selfrun/votes/:id/paper': { url: () => `/api/selfrun/votes/${votesB.voteId}/paper` },
  'POST /api/selfrun/votes/:id/paper': {
    url: () => `/api/selfrun/votes/${votesB.voteId}/paper`, body: () => ({ unitId: votesB.unitId, choices: [{ matterId: votesB.matterId, choice: 'agree' }] }),
  },
  'POST /api/selfrun/votes/:id/paper/:entryId/confirm': {
    url: () => `/api/selfrun/votes/${votesB.voteId}/paper/${votesB.entryId}/confirm`, body: () => ({ choices: [{ matterId: votesB.matterId, choice: 'agree' }] }),
  },
  'POST /api/selfrun/votes/:id/paper/:entryId/discard': { url: () => `/api/selfrun/votes/${votesB.voteId}/paper/${votesB.entryId}/discard`, body: () => ({}) },
  'GET /api/selfrun/votes/:id/proxies': { url: () => `/api/selfrun/votes/${votesB.voteId}/proxies` },
  'POST /api/selfrun/votes/:id/proxies': {
    url: () => `/api/selfrun/votes/${votesB.voteId}/proxies`, body: () => ({ unitId: votesB.unitId, proxyIdNumber: '141181197001010011', photoId: 1 }),
  },
  'POST /api/selfrun/votes/:id/proxies/:proxyId/revoke': { url: () => `/api/selfrun/votes/${votesB.voteId}/proxies/1/revoke`, body: () => ({ reason: '越权撤回' }) },
  'GET /api/selfrun/my-votes': { url: () => '/api/selfrun/my-votes' },
  'POST /api/selfrun/my-votes/:id/ballot': { url: () => `/api/selfrun/my-votes/${votesB.voteId}/ballot`, body: () => ({ choices: [{ matterId: votesB.matterId, choice: 'agree' }] }) },
  'POST /api/selfrun/my-committee/:id/steps/:step': {
    url: (b) => `/api/selfrun/my-committee/${b.grid.id}/steps/consultation`, body: () => ({ note: '越权征求意见', dateFrom: '2026-01-01', dateTo: '2026-01-02' }),
  },
  // 党群服务阵地 in B: B's centre, room, booking, award and payment (venuesB, filled in beforeAll)
  'GET /api/venues': { url: () => '/api/venues?pageSize=200' },
  'POST /api/venues': { url: () => '/api/venues', body: (b) => ({ kind: 'station', orgId: b.grid.id, name: '越权站', address: 'x', areaM2: 10, hours: [] }) },
  'GET /api/venues/:id': { url: () => `/api/venues/${venuesB.venueId}` },
  'PUT /api/venues/:id': { url: () => `/api/venues/${venuesB.venueId}`, body: () => ({ name: '越权改名', address: 'x', areaM2: 1, hours: [] }) },
  'POST /api/venues/:id/standard/:item': { url: () => `/api/venues/${venuesB.venueId}/standard/has_site`, body: () => ({ note: '越权', photoIds: [inB.fileId] }) },
  'POST /api/venues/:id/rooms': { url: () => `/api/venues/${venuesB.venueId}/rooms`, body: () => ({ name: '越权室', capacity: 5 }) },
  'GET /api/venues/bookings': { url: () => `/api/venues/bookings?venueId=${venuesB.venueId}&pageSize=200` },
  'GET /api/venues/my-bookings': { url: () => '/api/venues/my-bookings' },
  'GET /api/venues/rooms/:id/slots': { url: () => `/api/venues/rooms/${venuesB.roomId}/slots?day=2099-01-01` },
  'POST /api/venues/bookings': {
    url: () => '/api/venues/bookings',
    body: () => ({ roomId: venuesB.roomId, startsAt: '2099-01-01T09:00:00+08:00', endsAt: '2099-01-01T10:00:00+08:00', purpose: '越权预约', attendees: 1 }),
  },
  'POST /api/venues/bookings/:id/confirm': { url: () => `/api/venues/bookings/${venuesB.bookingId}/confirm` },
  'POST /api/venues/bookings/:id/decline': { url: () => `/api/venues/bookings/${venuesB.bookingId}/decline`, body: () => ({ reason: '越权谢绝' }) },
  'POST /api/venues/bookings/:id/cancel': { url: () => `/api/venues/bookings/${venuesB.bookingId}/cancel` },
  'POST /api/venues/bookings/:id/check-in': { url: () => `/api/venues/bookings/${venuesB.bookingId}/check-in`, body: () => ({ code: 'ABC123' }) },
  'GET /api/venues/funding/rules': { url: () => '/api/venues/funding/rules' },
  // The rule and the computation are the caller's own county's: nothing in them names B, so an
  // invalid body keeps a permitted county admin from writing (the refusal of other roles is walked).
  'POST /api/venues/funding/rules': { url: () => '/api/venues/funding/rules', body: () => ({ tiers: [] }) },
  'POST /api/venues/funding/compute': { url: () => '/api/venues/funding/compute', body: () => ({ year: 1999 }) },
  'GET /api/venues/funding/awards': { url: () => '/api/venues/funding/awards?year=2025&pageSize=200' },
  'GET /api/venues/funding/figures': { url: () => '/api/venues/funding/figures?year=2025' },
  'POST /api/venues/funding/payments': { url: () => '/api/venues/funding/payments', body: () => ({ venueId: venuesB.venueId, year: 2025, amount: 10 }) },
  'POST /api/venues/funding/payments/:id/reverse': { url: () => `/api/venues/funding/payments/${venuesB.paymentId}/reverse`, body: () => ({ note: '越权冲正' }) },
  'POST /api/venues/:id/calendars': {
    url: () => `/api/venues/${venuesB.venueId}/calendars`,
    body: () => ({ month: '2099-01', items: [{ day: '2099-01-02', starts: '09:00', ends: '10:00', title: '越权活动', place: 'x' }] }),
  },
  'GET /api/venues/near': { url: () => '/api/venues/near' },
  'POST /api/venues/:id/follow': { url: () => `/api/venues/${venuesB.venueId}/follow` },
  'POST /api/venues/:id/unfollow': { url: () => `/api/venues/${venuesB.venueId}/unfollow` },
  'GET /api/venues/at-you': { url: () => '/api/venues/at-you' },
};

/** 党群服务阵地 in B: B's community centre, its room, a requested booking, its county's rule, award and a payment (filled in beforeAll). */
const venuesB = { venueId: 0, roomId: 0, bookingId: 0, paymentId: 0 };

async function addVenuesInB(t: TestApp, b: C) {
  const by = await addAccount(t.db, 'community_worker', b.community);
  const place = { org_path: b.community.path, county_code: b.community.county_code };
  venuesB.venueId = (await t.db.insertInto('venue').values({
    kind: 'centre', org_id: b.community.id, ...place, name: `${b.community.name}党群服务中心`, address: 'x', area_m2: 100,
    hours: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }))), checkin_code: 'ABC123', created_by: by.id,
  }).returning('id').executeTakeFirstOrThrow()).id;
  venuesB.roomId = (await t.db.insertInto('venue_room').values({ venue_id: venuesB.venueId, name: '多功能厅', capacity: 50, ...place }).returning('id').executeTakeFirstOrThrow()).id;
  const starts = new Date(Date.now() + 86400_000);
  venuesB.bookingId = (await t.db.insertInto('venue_booking').values({
    room_id: venuesB.roomId, venue_id: venuesB.venueId, ...place, account_id: by.id, purpose: `${b.community.name}活动`, attendees: 5,
    starts_at: starts, ends_at: new Date(starts.getTime() + 3600_000),
  }).returning('id').executeTakeFirstOrThrow()).id;
  const rule = await t.db.insertInto('venue_funding_rule').values({
    county_code: b.community.county_code, org_path: b.community.path.split('.').slice(0, 3).join('.') + '.', version: 1,
    tiers: JSON.stringify([{ name: '一档', minUses: 0, requireStandard: false, amount: 100 }]), created_by: by.id,
  }).returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('venue_award').values({
    venue_id: venuesB.venueId, year: 2025, rule_id: rule.id, ...place, uses: 0, visitors: 0, standard_met: false, tier: '一档', amount: 100,
    breakdown: '[]', computed_by: by.id, computed_at: new Date(),
  }).execute();
  venuesB.paymentId = (await t.db.insertInto('venue_payment').values({ venue_id: venuesB.venueId, year: 2025, amount: 50, ...place, recorded_by: by.id })
    .returning('id').executeTakeFirstOrThrow()).id;
}

/** Wishes in B (open, claimed by B's member, fulfilled) and B's county's campaign with B's demand tagged (filled in beforeAll). */
const wishesB = { openId: 0, claimedId: 0, fulfilledId: 0, campaignId: 0, itemId: 0 };

async function addWishesInB(t: TestApp, city: City, b: C) {
  const by = await addAccount(t.db, 'grid_worker', b.grid);
  const claimer = await addAccount(t.db, 'party_member', b.unit);
  const place = { community_id: b.community.id, org_path: b.household.org_path, county_code: b.household.county_code, resident_id: b.residentId };
  const wish = async (state: 'open' | 'claimed' | 'fulfilled') => {
    const { id } = await t.db.insertInto('wish').values({
      ...place, person_kind: 'elderly_alone', person_mask: '张**', place_label: `${b.community.name}1号楼`, title: `${b.community.name}心愿`,
      description: `${b.community.name}的心愿`, budget_yuan: 100, fulfil_by: '2099-01-01', state, posted_by: by.id, posted_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    if (state !== 'open') {
      const claim = await t.db.insertInto('wish_claim').values({
        wish_id: id, org_path: place.org_path, county_code: place.county_code, account_id: claimer.id, claimer_name: `${b.community.name}党员`,
        claimer_kind: 'party_member', state: state === 'claimed' ? 'active' : 'fulfilled', claimed_at: new Date(), due_at: new Date(Date.now() + 86400_000),
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.updateTable('wish').set({ claim_id: claim.id }).where('id', '=', id).execute();
    }
    return id;
  };
  wishesB.openId = await wish('open');
  wishesB.claimedId = await wish('claimed');
  wishesB.fulfilledId = await wish('fulfilled');
  const county = city.otherCounty;
  const admin = await addAccount(t.db, 'county_admin', county);
  wishesB.campaignId = (await t.db.insertInto('campaign').values({
    org_id: county.id, org_path: county.path, county_code: county.county_code, kind: 'parking', title: `${b.community.name}停车整治`,
    starts_on: '2026-01-01', ends_on: '2099-12-31', created_by: admin.id, created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('campaign_target').values({ campaign_id: wishesB.campaignId, org_id: b.community.id, org_path: b.community.path, county_code: b.community.county_code }).execute();
  wishesB.itemId = (await t.db.insertInto('campaign_item').values({
    campaign_id: wishesB.campaignId, subject_kind: 'demand', subject_id: b.demandId, org_path: b.grid.path, county_code: b.grid.county_code,
    tagged_by: admin.id, tagged_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** A resident account in B, for the account upkeep routes (filled in beforeAll). */
const accountB = { id: 0 };

/** Records of B's county that buildSmallCity does not make: grid tasks, refusals, leaders (filled in beforeAll). */
const inB = { countyId: 0, taskTypeId: 0, taskId: 0, leaderId: 0, linkId: 0, fileId: 0, registrationId: 0, ratingId: 0 };

async function addRecordsInB(t: TestApp, city: City, b: C) {
  const county = city.otherCounty;
  const by = await addAccount(t.db, 'county_admin', county);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(b.community.name)]);
  inB.fileId = (await t.db.insertInto('attachment').values({
    county_code: b.grid.county_code, org_path: b.grid.path, uploader_account_id: by.id, content_type: 'image/png',
    size_bytes: png.length, sha256: 'b'.repeat(64), data: png,
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('attachment_link').values({
    attachment_id: inB.fileId, entity: 'demand', entity_id: b.demandId, org_path: b.grid.path, county_code: b.grid.county_code,
  }).execute();
  inB.countyId = county.id;
  inB.taskTypeId = (await t.db.insertInto('grid_task_type').values({
    county_code: county.county_code, org_id: county.id, org_path: county.path, code: 'walk_listed', name: '入户走访',
  }).returning('id').executeTakeFirstOrThrow()).id;
  inB.taskId = (await t.db.insertInto('grid_task').values({
    type_id: inB.taskTypeId, type_code: 'walk_listed', title: `${b.community.name}入户走访`, org_id: b.grid.id, org_path: b.grid.path,
    county_code: b.grid.county_code, assigned_by: by.id,
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('grid_task_refusal').values({
    account_id: by.id, username: by.username, role: 'county_admin', display_name: by.username, org_id: b.grid.id, org_path: b.grid.path,
    county_code: b.grid.county_code, requested_title: `${b.community.name}台账`, reason: 'NOT_ON_LIST',
  }).execute();
  inB.leaderId = (await t.db.insertInto('leader').values({
    name: `${b.community.name}包联领导`, level: 'county', title: '副市长', org_id: county.id, org_path: county.path, county_code: county.county_code,
  }).returning('id').executeTakeFirstOrThrow()).id;
  inB.linkId = (await t.db.insertInto('leader_link').values({
    leader_id: inB.leaderId, org_id: b.community.id, org_path: b.community.path, county_code: b.community.county_code, since: '2026-01-01',
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('leader_visit').values({
    leader_id: inB.leaderId, org_id: b.community.id, org_path: b.community.path, county_code: b.community.county_code,
    visited_on: '2026-01-02', summary: `${b.community.name}走访`, recorded_by: by.id,
  }).execute();
  inB.ratingId = (await t.db.insertInto('secretary_rating').values({
    staff_id: b.staffId, community_id: b.community.id, org_path: b.community.path, county_code: b.community.county_code, year: 2026,
    figures: JSON.stringify({ note: `${b.community.name}评星` }), counted_score: 40, total_score: 40, stars: 0, computed_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  // A resident's registration request to B, pending.
  inB.registrationId = (await t.db.insertInto('registration_request').values({
    community_id: b.community.id, org_path: b.community.path, county_code: b.community.county_code, name: `${b.community.name}申请人`,
    id_number_enc: t.cipher.encrypt(validIdNumber('19850505', 515)), id_number_hash: t.cipher.hash(validIdNumber('19850505', 515)),
    id_number_mask: '141102**********15', phone_enc: t.cipher.encrypt('15900001111'), phone_hash: t.cipher.hash('15900001111'),
    phone_mask: '159****1111', address: `${b.community.name}1号楼`, created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** A points supermarket in B with an item, an event and an open order (pickup code 123456). */
const storeB = { storeId: 0, itemId: 0, eventId: 0, orderId: 0 };

/** Points in B: a pending record and an open objection to its closed month (filled in beforeAll). */
const pointsB = { itemId: 0, recordId: 0, objectionId: 0 };

/** 志愿吕梁 in B: an organisation, a volunteer, a project and an open activity (filled in beforeAll). */
const volB = { orgId: 0, volunteerId: 0, projectId: 0, activityId: 0 };

async function addVolunteersInB(t: TestApp, b: C) {
  const place = { org_path: b.community.path, county_code: b.community.county_code };
  volB.orgId = (await t.db.insertInto('volunteer_org').values({
    org_id: b.community.id, ...place, name: `${b.community.name}志愿队`, kind: 'community_team', work_unit_id: null, contact_name: 'x', phone_enc: null, phone_hash: null, phone_mask: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  volB.volunteerId = (await t.db.insertInto('volunteer').values({
    resident_id: b.residentId, account_id: null, org_id: b.community.id, ...place, name: `${b.community.name}志愿者`, phone_enc: null, phone_hash: null, phone_mask: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  volB.projectId = (await t.db.insertInto('volunteer_project').values({
    volunteer_org_id: volB.orgId, ...place, name: `${b.community.name}助老送餐`, description: '', created_by: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  volB.activityId = (await t.db.insertInto('volunteer_activity').values({
    project_id: volB.projectId, volunteer_org_id: volB.orgId, place_id: b.community.id, ...place, title: `${b.community.name}送餐`, address: '',
    starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 3600_000), capacity: 5, created_by: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

async function addPointsInB(t: TestApp, b: C) {
  const by = await addAccount(t.db, 'resident', b.unit);
  const place = { org_path: b.household.org_path, county_code: b.household.county_code };
  pointsB.itemId = (await t.db.selectFrom('points_rule_item').select('id').where('community_id', 'is', null).where('code', '=', 'waste_sorting').executeTakeFirstOrThrow()).id;
  pointsB.recordId = (await t.db.insertInto('points_record').values({
    community_id: b.community.id, ...place, holder_kind: 'household', holder_id: b.household.id, item_id: pointsB.itemId, quantity: 1, points: 1,
    occurred_on: '2026-01-04', month: '2026-01', note: `${b.community.name}垃圾分类`, recorded_by: by.id, recorded_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('points_month').values({
    community_id: b.community.id, month: '2025-12', org_path: b.community.path, county_code: b.community.county_code, status: 'closed',
    closed_at: new Date(), objection_until: new Date(Date.now() + 86400_000),
  }).execute();
  pointsB.objectionId = (await t.db.insertInto('points_objection').values({
    community_id: b.community.id, month: '2025-12', ...place, holder_kind: 'household', holder_id: b.household.id,
    reason: `${b.community.name}异议`, filed_by: by.id, created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
}

async function addStoreInB(t: TestApp, b: C) {
  const by = await addAccount(t.db, 'community_secretary', b.community);
  const place = { org_path: b.community.path, county_code: b.community.county_code };
  storeB.storeId = (await t.db.insertInto('store').values({
    community_id: b.community.id, org_id: b.community.id, ...place, name: `${b.community.name}积分超市`, kind: 'community_centre', always_open: true,
  }).returning('id').executeTakeFirstOrThrow()).id;
  storeB.itemId = (await t.db.insertInto('store_item').values({
    store_id: storeB.storeId, ...place, name: `${b.community.name}洗衣粉`, kind: 'goods', cost: 5, stock: 10,
  }).returning('id').executeTakeFirstOrThrow()).id;
  storeB.eventId = (await t.db.insertInto('store_event').values({
    community_id: b.community.id, ...place, name: `${b.community.name}兑换日`, starts_on: '2099-01-01', ends_on: '2099-01-31',
  }).returning('id').executeTakeFirstOrThrow()).id;
  storeB.orderId = (await t.db.insertInto('store_order').values({
    store_id: storeB.storeId, item_id: storeB.itemId, community_id: b.community.id, ...place, holder_kind: 'household', holder_id: b.household.id,
    quantity: 1, cost_each: 5, total: 5, status: 'reserved', code: '123456', expires_at: new Date(Date.now() + 86400_000),
    created_by: by.id, created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** 结对共建 in B: a unit of B's county, an open need, a resource, a project on the board and one submitted (filled in beforeAll). */
const cobuildB = { unitId: 0, needId: 0, resourceId: 0, projectId: 0, submittedId: 0, milestoneId: 0 };

async function addCobuildProjectsInB(t: TestApp, city: City, b: C) {
  const county = city.otherCounty;
  const c = b.community;
  const place = { org_path: c.path, county_code: c.county_code };
  cobuildB.unitId = (await t.db.insertInto('work_unit').values({
    org_id: county.id, org_path: county.path, county_code: county.county_code, name: `${c.name}共建单位`, kind: 'organ', party_org_name: '机关党支部', contact_name: '联络员',
  }).returning('id').executeTakeFirstOrThrow()).id;
  cobuildB.needId = (await t.db.insertInto('cobuild_need').values({
    community_id: c.id, place_id: c.id, ...place, category: 'education', title: `${c.name}暑期托管`, size: 10, starts_on: '2026-07-01', ends_on: '2026-08-31', created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  cobuildB.resourceId = (await t.db.insertInto('cobuild_resource').values({
    work_unit_id: cobuildB.unitId, ...place, category: 'education', title: `${c.name}支教`, capacity: 20, available_from: '2026-07-01', available_to: '2026-08-31', created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('cobuild_resource_place').values({ resource_id: cobuildB.resourceId, place_id: c.id, ...place }).execute();
  const project = { community_id: c.id, ...place, category: 'other' as const, starts_on: '2026-07-01', ends_on: '2026-08-31', created_at: new Date(), updated_at: new Date() };
  cobuildB.projectId = (await t.db.insertInto('cobuild_project').values({ ...project, title: `${c.name}揭榜项目`, origin: 'published', status: 'published' })
    .returning('id').executeTakeFirstOrThrow()).id;
  cobuildB.submittedId = (await t.db.insertInto('cobuild_project').values({
    ...project, title: `${c.name}待验收项目`, origin: 'assigned', status: 'submitted', work_unit_id: cobuildB.unitId, plan: `${c.name}方案`,
  }).returning('id').executeTakeFirstOrThrow()).id;
  cobuildB.milestoneId = (await t.db.insertInto('cobuild_milestone').values({ project_id: cobuildB.submittedId, ...place, title: `${c.name}节点`, due_on: '2026-07-10' })
    .returning('id').executeTakeFirstOrThrow()).id;
}

/** 双报到 in B: B's unit paired with B, and a member of B reported to it, both waiting (filled in beforeAll, after cobuildB). */
const dualB = { pairingId: 0, reportId: 0 };

async function addDualReportInB(t: TestApp, b: C) {
  const c = b.community;
  const place = { community_id: c.id, org_path: c.path, county_code: c.county_code, year: 2026 };
  dualB.pairingId = (await t.db.insertInto('unit_pairing').values({ ...place, work_unit_id: cobuildB.unitId, note: `${c.name}结对` })
    .returning('id').executeTakeFirstOrThrow()).id;
  dualB.reportId = (await t.db.insertInto('member_report').values({
    ...place, party_member_id: b.memberId, resident_id: b.residentId, account_id: null, work_unit_id: cobuildB.unitId, work_unit_name: `${c.name}共建单位`,
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('member_report_post').values({ report_id: dualB.reportId, post: 'volunteer' }).execute();
}

/** 物业企业名录 in B's county: a company named after B, its contract with B's compound, a rectification reported and waiting for verification. */
const companiesB = { companyId: 0, contractId: 0, sanctionId: 0 };

async function addCompaniesInB(t: TestApp, city: City, b: C) {
  const county = city.otherCounty;
  const by = await addAccount(t.db, 'county_admin', county);
  companiesB.companyId = (await t.db.insertInto('property_company').values({
    org_id: county.id, org_path: county.path, county_code: county.county_code, name: `${b.community.name}物业公司`, credit_code: '91141181MA0000027X', contact_name: 'x',
  }).returning('id').executeTakeFirstOrThrow()).id;
  companiesB.contractId = (await t.db.insertInto('property_contract').values({
    company_id: companiesB.companyId, compound_id: b.grid.id, org_path: b.grid.path, county_code: b.grid.county_code, starts_on: '2026-01-01', ends_on: '2027-12-31',
    fee_per_m2: 1, service_level: '3',
  }).returning('id').executeTakeFirstOrThrow()).id;
  companiesB.sanctionId = (await t.db.insertInto('property_sanction').values({
    company_id: companiesB.companyId, contract_id: companiesB.contractId, compound_id: b.grid.id, org_path: b.grid.path, county_code: b.grid.county_code,
    kind: 'rectify', status: 'reported', reason: `${b.community.name}整改`, task: 'x', deadline: '2099-01-01', decided_by: by.id, decided_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** 三方协调会 and 维修资金 in B (filled in beforeAll, after companiesB): a planned meeting of B's compound with an open company task and a proposal; an applied urgent repair. */
const propertyB = { streetId: 0, meetingId: 0, taskId: 0, repairId: 0 };
/** 小区管理 in B (after votesB, whose unit it uses): an owner of that unit and a 物管会 member of B's compound. */
const compoundsB = { ownerId: 0, memberId: 0, entryId: 0 };

async function addCompoundsInB(t: TestApp, b: C) {
  const place = { compound_id: b.grid.id, org_path: b.grid.path, county_code: b.grid.county_code };
  compoundsB.ownerId = (await t.db.insertInto('unit_owner').values({
    ...place, owned_unit_id: votesB.unitId, owner_key: `${b.community.name}业主`, resident_id: b.residentId, name: `${b.community.name}业主`,
  }).returning('id').executeTakeFirstOrThrow()).id;
  compoundsB.memberId = (await t.db.insertInto('committee_member').values({
    ...place, committee: 'management', member_kind: 'owner', role: 'member', resident_id: b.residentId, name: `${b.community.name}委员`, term_from: '2026-01-01', term_to: '2028-12-31',
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('compound_profile').values({ ...place, mode: 'self_run', mode_since: '2025-01-01', updated_by: null, updated_at: new Date() }).execute();
  compoundsB.entryId = (await t.db.insertInto('selfrun_ledger_entry').values({
    ...place, seq: 1, kind: 'income', category: 'parking', amount_fen: 1000, day: '2026-01-03', summary: `${b.community.name}停车费`, created_by: null, created_by_name: 'x', created_as: 'staff',
  } as never).returning('id').executeTakeFirstOrThrow()).id;
}

const votesB = { voteId: 0, unitId: 0, matterId: 0, entryId: 0 };

/** 业主表决 in B: an open vote of B's compound, one unit of it and a paper ballot awaiting its second pair of eyes. */
async function addVotesInB(t: TestApp, b: C) {
  const place = { org_path: b.grid.path, county_code: b.grid.county_code };
  votesB.unitId = (await t.db.insertInto('owned_unit').values({ compound_id: b.grid.id, household_id: b.household.id, ...place, label: `${b.community.name}1号`, area_m2: 88 })
    .returning('id').executeTakeFirstOrThrow()).id;
  const now = Date.now();
  votesB.voteId = (await t.db.insertInto('owner_vote').values({
    compound_id: b.grid.id, ...place, title: `${b.community.name}业主表决`, status: 'open', opens_at: new Date(now - 86_400_000), closes_at: new Date(now + 30 * 86_400_000),
  }).returning('id').executeTakeFirstOrThrow()).id;
  votesB.matterId = (await t.db.insertInto('owner_vote_matter').values({ vote_id: votesB.voteId, seq: 1, title: '实行居民自办', kind: 'ordinary' })
    .returning('id').executeTakeFirstOrThrow()).id;
  const staff = await addAccount(t.db, 'community_worker', b.community);
  votesB.entryId = (await t.db.insertInto('owner_paper_ballot').values({
    vote_id: votesB.voteId, owned_unit_id: votesB.unitId, choices: JSON.stringify({ [votesB.matterId]: 'agree' }), entered_by: staff.id, entered_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
}

async function addPropertyInB(t: TestApp, b: C) {
  const by = await addAccount(t.db, 'community_secretary', b.community);
  const place = { org_path: b.grid.path, county_code: b.grid.county_code };
  propertyB.streetId = (await t.db.selectFrom('org_unit').select('parent_id').where('id', '=', b.community.id).executeTakeFirstOrThrow()).parent_id!;
  propertyB.meetingId = (await t.db.insertInto('property_meeting').values({
    compound_id: b.grid.id, ...place, month: '2026-01', scheduled_at: new Date('2026-01-10T01:00:00Z'), company_id: companiesB.companyId, created_by: by.id,
  }).returning('id').executeTakeFirstOrThrow()).id;
  propertyB.taskId = (await t.db.insertInto('property_meeting_task').values({
    meeting_id: propertyB.meetingId, compound_id: b.grid.id, ...place, title: `${b.community.name}楼道清理`, owner_kind: 'company', owner_name: `${b.community.name}物业公司`,
    company_id: companiesB.companyId, deadline: '2099-01-31', demand_id: null, created_by: by.id,
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('property_proposal').values({ compound_id: b.grid.id, ...place, resident_id: b.residentId, author_name: 'x', content: `${b.community.name}议题`, created_by: by.id }).execute();
  propertyB.repairId = (await t.db.insertInto('property_repair').values({
    compound_id: b.grid.id, ...place, company_id: companiesB.companyId, kind: 'lift', urgent: true, title: `${b.community.name}电梯维修`, description: 'x',
    quantity: 1, households: 1, budget: 1000, final_amount: null, status: 'applied', applied_by: by.id, applied_at: new Date(), created_by: by.id,
  } as never).returning('id').executeTakeFirstOrThrow()).id;
}

/** 新就业群体 in B: a station's listed rider (enrolled, with a pass and two road reports, one rewarded) and an unlisted one. */
const newgroupsRegB = { platformId: 0, stationId: 0, emptyStationId: 0, workerId: 0, partyOrgId: 0, instructorId: 0, pointId: 0 };

/** B's platform, station, worker, party organisation with an instructor, and an always-open service point, all named after B. */
async function addNewgroupsRegisterInB(t: TestApp, city: City, b: C) {
  const cc = b.community.county_code;
  const at = { org_path: b.community.path, county_code: cc };
  newgroupsRegB.platformId = (await t.db.insertInto('gig_platform').values({ org_id: city.otherCounty.id, org_path: city.otherCounty.path, county_code: cc, name: `${b.community.name}登记平台`, kind: 'express' })
    .returning('id').executeTakeFirstOrThrow()).id;
  newgroupsRegB.stationId = (await t.db.insertInto('gig_station').values({ platform_id: newgroupsRegB.platformId, org_id: b.community.id, ...at, name: `${b.community.name}登记站`, lat: 37.1, lng: 111.8 })
    .returning('id').executeTakeFirstOrThrow()).id;
  newgroupsRegB.workerId = (await t.db.insertInto('gig_worker').values({
    station_id: newgroupsRegB.stationId, platform_id: newgroupsRegB.platformId, ...at, name: `${b.community.name}快递员`, kind: 'courier', consent_at: new Date(), consent_version: '2026-01',
  }).returning('id').executeTakeFirstOrThrow()).id;
  newgroupsRegB.partyOrgId = (await t.db.insertInto('gig_party_org').values({ org_id: b.community.id, ...at, name: `${b.community.name}快递党支部`, kind: 'independent', founded_on: '2026-01-01' })
    .returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('gig_party_org_station').values({ party_org_id: newgroupsRegB.partyOrgId, station_id: newgroupsRegB.stationId, ...at }).execute();
  newgroupsRegB.instructorId = (await t.db.insertInto('gig_instructor').values({ party_org_id: newgroupsRegB.partyOrgId, ...at, name: `${b.community.name}指导员`, sent_by: 'x', sent_on: '2026-01-01' })
    .returning('id').executeTakeFirstOrThrow()).id;
  // A station with nothing on it, so that only scope could stop its closing.
  newgroupsRegB.emptyStationId = (await t.db.insertInto('gig_station').values({ platform_id: newgroupsRegB.platformId, org_id: b.community.id, ...at, name: `${b.community.name}空站`, lat: 37.1, lng: 111.8 })
    .returning('id').executeTakeFirstOrThrow()).id;
  const point = await t.db.insertInto('gig_service_point').values({ org_id: b.community.id, ...at, name: `${b.community.name}司机之家`, kind: 'driver_home', lat: 37.1, lng: 111.8 })
    .returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('gig_service_point_hours').values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ point_id: point.id, weekday, open_min: 0, close_min: 1440 }))).execute();
  newgroupsRegB.pointId = point.id;
}

const newgroupsRoadB = { workerId: 0, unlistedId: 0, entryId: 0, enrolmentId: 0, reportId: 0, rewardedId: 0, code: '' };

async function addNewgroupsRoadInB(t: TestApp, city: City, b: C) {
  const by = await addAccount(t.db, 'community_secretary', b.community);
  const cc = b.community.county_code;
  const platform = await t.db.insertInto('gig_platform').values({ org_id: city.otherCounty.id, org_path: city.otherCounty.path, county_code: cc, name: `${b.community.name}平台`, kind: 'delivery' })
    .returning('id').executeTakeFirstOrThrow();
  const station = await t.db.insertInto('gig_station').values({ platform_id: platform.id, org_id: b.community.id, org_path: b.community.path, county_code: cc, name: `${b.community.name}站`, lat: 37.1, lng: 111.8 })
    .returning('id').executeTakeFirstOrThrow();
  const worker = (name: string) => t.db.insertInto('gig_worker').values({
    station_id: station.id, platform_id: platform.id, org_path: b.community.path, county_code: cc, name, kind: 'rider', consent_at: new Date(), consent_version: 'x',
  }).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
  newgroupsRoadB.workerId = await worker(`${b.community.name}骑手`);
  newgroupsRoadB.unlistedId = await worker(`${b.community.name}新骑手`);
  newgroupsRoadB.code = signPass(t.cipher, newgroupsRoadB.workerId, new Date());
  newgroupsRoadB.entryId = (await t.db.insertInto('gig_whitelist').values({ worker_id: newgroupsRoadB.workerId, org_path: b.community.path, county_code: cc, reason: 'x', added_by: by.id })
    .returning('id').executeTakeFirstOrThrow()).id;
  newgroupsRoadB.enrolmentId = (await t.db.insertInto('gig_parttime').values({
    worker_id: newgroupsRoadB.workerId, duty: 'grid_member', unit_id: b.grid.id, org_path: b.grid.path, county_code: cc, start_day: '2026-01-01', reason: 'x', created_by: by.id,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const report = async (demandId: number) => (await t.db.insertInto('gig_road_report').values({
    demand_id: demandId, worker_id: newgroupsRoadB.workerId, station_id: station.id, community_id: b.community.id, kind: 'hazard', org_path: b.community.path, county_code: cc,
  }).returning('id').executeTakeFirstOrThrow()).id;
  newgroupsRoadB.reportId = await report(b.demandId);
  const second = await t.db.insertInto('demand').values({
    org_id: b.community.id, org_path: b.community.path, county_code: cc, channel: 'rider', category_code: 'other', description: `${b.community.name}井盖松动`,
    due_at: new Date(Date.now() + 86400_000), created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  newgroupsRoadB.rewardedId = await report(second.id);
  await t.db.insertInto('gig_road_reward').values({
    report_id: newgroupsRoadB.rewardedId, worker_id: newgroupsRoadB.workerId, points: 5, note: 'x', org_path: b.community.path, county_code: cc, created_by: by.id,
  }).execute();
}

const supervisionB = { groupId: 0, inspectionId: 0, plannedId: 0, foundId: 0, handedId: 0, reportedId: 0, itemId: 0 };

/** 督导 in B's county: a group, inspections planned and under way, problems found, handed over and reported; 减负: B's county's list, a request and a removal. */
async function addSupervisionInB(t: TestApp, city: City, b: C) {
  const by = await addAccount(t.db, 'county_admin', b.community);
  const county = city.otherCounty;
  const cc = b.community.county_code;
  supervisionB.groupId = (await t.db.insertInto('supervision_group').values({ org_id: county.id, org_path: county.path, county_code: cc, name: `${b.community.name}专班`, lead_department_id: b.departmentId })
    .returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('supervision_group_member').values({ group_id: supervisionB.groupId, department_id: b.departmentId }).execute();
  const inspection = async (status: 'planned' | 'under_way') => {
    const { id } = await t.db.insertInto('supervision_inspection').values({
      org_id: county.id, org_path: county.path, county_code: cc, kind: 'joint_survey', title: `${b.community.name}督查`, group_id: supervisionB.groupId, starts_on: '2026-01-01', ends_on: '2026-01-02', status,
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('supervision_inspection_place').values({ inspection_id: id, place_id: b.community.id, org_path: b.community.path, county_code: cc }).execute();
    return id;
  };
  supervisionB.inspectionId = await inspection('under_way');
  supervisionB.plannedId = await inspection('planned');
  const problem = async (status: 'found' | 'handed_over' | 'reported') => (await t.db.insertInto('supervision_problem').values({
    inspection_id: supervisionB.inspectionId, place_id: b.community.id, org_path: b.community.path, county_code: cc, category: 'other', description: `${b.community.name}的问题`,
    found_by: by.id, status, receiver_org_id: status === 'found' ? null : county.id, deadline: status === 'found' ? null : '2099-01-01',
  }).returning('id').executeTakeFirstOrThrow()).id;
  supervisionB.foundId = await problem('found');
  supervisionB.handedId = await problem('handed_over');
  supervisionB.reportedId = await problem('reported');
  supervisionB.itemId = (await t.db.insertInto('relief_certificate_item').values({ org_id: county.id, org_path: county.path, county_code: cc, name: `${b.community.name}居住证明`, issuable: true })
    .returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('relief_certificate_request').values({
    community_id: b.community.id, org_path: b.community.path, county_code: cc, item_id: supervisionB.itemId, asked_for: `${b.community.name}居住证明`, outcome: 'issued',
    number: `B-${b.community.id}-1`, applicant_name_enc: t.cipher.encrypt('乙某'), recorded_by: by.id,
  }).execute();
  await t.db.insertInto('relief_removal').values({ place_id: b.community.id, org_path: b.community.path, county_code: cc, kind: 'sign', what: `${b.community.name}旧牌子`, removed_on: '2026-01-01', removed_by: 'x' }).execute();
}

/** Strings that only community B's records contain. */
function leaks(body: unknown, b: C, bName: string): boolean {
  const text = JSON.stringify(body);
  return text.includes(bName) || text.includes(`"path":"${b.community.path}`) || text.includes(b.unit.path + '"');
}

describe('scope: every route, every role, a target outside the scope', () => {
  let t: TestApp;
  let city: City;
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    await addRecordsInB(t, city, city.communities[4]);
    await addStoreInB(t, city.communities[4]);
    await addPointsInB(t, city.communities[4]);
    await addWishesInB(t, city, city.communities[4]);
    await addVolunteersInB(t, city.communities[4]);
    await addCobuildProjectsInB(t, city, city.communities[4]);
    await addDualReportInB(t, city.communities[4]);
    await addCompaniesInB(t, city, city.communities[4]);
    await addPropertyInB(t, city.communities[4]);
    await addVotesInB(t, city.communities[4]);
    await addCompoundsInB(t, city.communities[4]);
    await addNewgroupsRoadInB(t, city, city.communities[4]);
    await addNewgroupsRegisterInB(t, city, city.communities[4]);
    await addVenuesInB(t, city.communities[4]);
    await addSupervisionInB(t, city, city.communities[4]);
    accountB.id = (await addAccount(t.db, 'resident', city.communities[4].unit)).id;
    const a = city.communities[0];
    for (const role of ROLES) {
      const acc = await addAccount(t.db, role, { ...a.community, name: a.community.name, code: a.community.code });
      sessions.set(role, await login(t.app, acc.username));
    }
  });
  afterAll(() => t?.close());

  it('every API route has a target in this walk', () => {
    const walked = new Set(Object.keys(TARGETS));
    const missing = t.app.apiRoutes.filter((r) => !r.public).map((r) => `${r.method} ${r.url}`).filter((k) => !walked.has(k));
    expect(missing).toEqual([]);
  });

  for (const role of ROLES) {
    it(`should not let a ${role} of community A reach community B through any route`, async () => {
      const a = city.communities[0];
      const b = city.communities[4]; // another county altogether
      const bName = b.community.name;
      const before = await snapshot(t);
      const failures: string[] = [];
      for (const route of t.app.apiRoutes.filter((r) => !r.public)) {
        const key = `${route.method} ${route.url}`;
        const target = TARGETS[key];
        if (!target || key === 'POST /api/auth/logout') continue;
        const res = await sessions.get(role)!.request(route.method, target.url(b), target.body?.(b, a));
        const refused = [401, 403, 404].includes(res.status);
        if (!refused && res.status < 300 && leaks(res.body, b, bName)) failures.push(`${key} → ${res.status} leaked B`);
        if (!refused && res.status < 300 && route.method !== 'GET' && !['POST /api/auth/password'].includes(key)) {
          failures.push(`${key} → ${res.status} accepted a write aimed at B`);
        }
      }
      expect(failures).toEqual([]);
      // Nothing about B changed, whatever the responses said.
      expect(await snapshot(t)).toEqual(before);
    });
  }

  it('should let a community secretary read its own community through the same routes', async () => {
    const a = city.communities[0];
    const s = sessions.get('community_secretary')!;
    for (const url of [
      `/api/org/units/${a.community.id}`, `/api/org/units/${a.community.id}/children`, `/api/people/residents?orgId=${a.community.id}`,
      `/api/people/residents/${a.residentId}`, `/api/party/members?partyOrgId=${a.partyOrgId}`, `/api/org/units/${a.community.id}/map`,
    ]) {
      const res = await s.request('GET', url);
      expect(res.status, url).toBe(200);
    }
    const list = await s.request('GET', '/api/people/residents');
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([a.residentId]);
  });
});

async function snapshot(t: TestApp) {
  const db = t.db;
  const count = async (table: 'org_unit' | 'resident' | 'party_org' | 'party_member' | 'household' | 'account') =>
    (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const units = await db.selectFrom('org_unit').select(['id', 'name', 'path', 'parent_id', 'dissolved_at']).orderBy('id').execute();
  const residents = await db.selectFrom('resident').select(['id', 'household_id', 'org_path']).orderBy('id').execute();
  return {
    units, residents,
    counts: await Promise.all(['org_unit', 'resident', 'party_org', 'party_member', 'household', 'account'].map((x) => count(x as 'org_unit'))),
    secretaries: await db.selectFrom('party_org').select(['id', 'secretary_member_id', 'name', 'parent_id', 'dissolved_at']).orderBy('id').execute(),
    partyMembers: await db.selectFrom('party_member').select(['id', 'party_org_id', 'left_at']).orderBy('id').execute(),
    storeOrders: await db.selectFrom('store_order').select(['id', 'status']).orderBy('id').execute(),
    storeItems: await db.selectFrom('store_item').select(['id', 'name', 'stock', 'cost']).orderBy('id').execute(),
    storeEvents: await db.selectFrom('store_event').select(['id', 'cancelled_at']).orderBy('id').execute(),
    registrations: await db.selectFrom('registration_request').select(['id', 'status']).orderBy('id').execute(),
    wishes: await db.selectFrom('wish').select(['id', 'state', 'claim_id']).orderBy('id').execute(),
    campaignItems: await db.selectFrom('campaign_item').select(['id', 'subject_id']).orderBy('id').execute(),
    cobuildProjects: await db.selectFrom('cobuild_project').select(['id', 'status', 'work_unit_id', 'plan']).orderBy('id').execute(),
    cobuildNeeds: await db.selectFrom('cobuild_need').select(['id', 'status']).orderBy('id').execute(),
    cobuildResources: await db.selectFrom('cobuild_resource').select(['id', 'withdrawn_at']).orderBy('id').execute(),
    cobuildMilestones: await db.selectFrom('cobuild_milestone').select(['id', 'done_on']).orderBy('id').execute(),
    propertyCompanies: await db.selectFrom('property_company').select(['id', 'status']).orderBy('id').execute(),
    propertyContracts: await db.selectFrom('property_contract').select(['id', 'status', 'service_level', 'fee_per_m2']).orderBy('id').execute(),
    propertySanctions: await db.selectFrom('property_sanction').select(['id', 'status']).orderBy('id').execute(),
    propertyBranches: await db.selectFrom('property_branch_company').select(['branch_id', 'company_id']).orderBy('company_id').execute(),
    propertyInstructors: await db.selectFrom('property_instructor').select(['id']).orderBy('id').execute(),
    propertyMeetings: await db.selectFrom('property_meeting').select(['id', 'status', 'company_present']).orderBy('id').execute(),
    propertyMeetingTasks: await db.selectFrom('property_meeting_task').select(['id', 'status']).orderBy('id').execute(),
    propertyRepairs: await db.selectFrom('property_repair').select(['id', 'status']).orderBy('id').execute(),
    compoundProfiles: await db.selectFrom('compound_profile').select(['compound_id', 'mode']).orderBy('compound_id').execute(),
    ownedUnits: await db.selectFrom('owned_unit').select(['id', 'area_m2', 'removed_at']).orderBy('id').execute(),
    unitOwners: await db.selectFrom('unit_owner').select(['id', 'ended_at']).orderBy('id').execute(),
    committeeMembers: await db.selectFrom('committee_member').select(['id', 'left_at']).orderBy('id').execute(),
    ledgerEntries: await db.selectFrom('selfrun_ledger_entry').select(['id']).orderBy('id').execute(),
    statements: await db.selectFrom('selfrun_statement').select(['id']).orderBy('id').execute(),
    serviceRatings: await db.selectFrom('selfrun_service_rating').select(['id']).orderBy('id').execute(),
    venues: await db.selectFrom('venue').select(['id', 'name', 'hours']).orderBy('id').execute(),
    venueBookings: await db.selectFrom('venue_booking').select(['id', 'status', 'checked_in_at']).orderBy('id').execute(),
    venueRows: await Promise.all((['venue_room', 'venue_standard_item', 'venue_payment', 'venue_calendar', 'venue_follow', 'venue_funding_rule', 'venue_award'] as const)
      .map(async (table) => (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)),
    gigWhitelist: await db.selectFrom('gig_whitelist').select(['id', 'removed_at']).orderBy('id').execute(),
    gigParttime: await db.selectFrom('gig_parttime').select(['id', 'end_day']).orderBy('id').execute(),
    gigRewards: await db.selectFrom('gig_road_reward').select(['id']).orderBy('id').execute(),
    gigReports: await db.selectFrom('gig_road_report').select(['id']).orderBy('id').execute(),
    // Rows a refused write would have added, by table.
    propertyRows: await Promise.all((['property_proposal', 'property_meeting_agenda_item', 'property_meeting_attendee', 'property_rating', 'property_survey_vote',
      'property_incident', 'property_credit_scheme', 'property_list_objection', 'property_compound_score'] as const)
      .map(async (table) => (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)),
  };
}
