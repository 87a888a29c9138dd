// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/database.js';
import { ROLE_PERMISSIONS } from '../../server/platform/auth/permissions.js';
import { chinaDay } from '../../server/platform/clock.js';
import { quarterOfDay } from '../../server/modules/property/credit-formulas.js';
import { ageOn, idNumberCheckChar } from '../../server/platform/pii/id-number.js';
import { REVEAL_REASON_MESSAGES } from '../../server/platform/pii/reveal-reasons.js';
import {
  addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp,
} from '../helpers/test-app.js';

/**
 * Issue 9, item 1: a masked ID number beside the birth date was the whole number. Every role
 * that reads people walks every GET route of the API in its own scope, and every answer is
 * scanned: no birth date (or date-looking value) beside an ID mask, masks that hide the birth date
 * and leave thousands of numbers possible even with the age and gender beside them, one phone
 * mask, and none of the hidden digits of the people created here anywhere in any answer.
 */
const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

type City = Awaited<ReturnType<typeof buildSmallCity>>;
type A = City['communities'][number];

/** Numbers that must not be rebuilt from any answer; `fragments`: look for their hidden digits too. */
interface Secret { idNumber?: string; phone?: string; fragments?: boolean }

const MASKED_ID = /^\d{6}\*[\d*X]{11}$/;
const PHONE_LIKE = /^1\d{2}[\d*]{8}$/;
const DATE_LIKE = /(18|19|20)\d{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])/;
const MIN_CANDIDATES = 1000;

/** Every YYYYMMDD on which someone `age` years old on `today` may have been born. */
function birthDatesForAge(age: number, today: string): string[] {
  const year = Number(today.slice(0, 4)) - age;
  const out: string[] = [];
  for (let t = Date.UTC(year - 1, 0, 1); t <= Date.UTC(year, 11, 31); t += 86400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (ageOn(d, today) === age) out.push(d.replaceAll('-', ''));
  }
  return out;
}

const candidateCache = new Map<string, number>();

/** How many valid ID numbers fit a mask, the age and the gender shown beside it. */
function candidates(mask: string, age: unknown, gender: unknown, today: string): number {
  const key = `${mask}|${age}|${gender}`;
  const cached = candidateCache.get(key);
  if (cached !== undefined) return cached;
  const births = typeof age === 'number' ? birthDatesForAge(age, today) : null;
  let n = 0;
  if (!births) n = Infinity; // no age: the whole birth date is unknown
  else {
    const seqs = [];
    for (let s = 0; s < 1000; s++) {
      const seq = String(s).padStart(3, '0');
      if ([...seq].every((c, i) => mask[14 + i] === '*' || mask[14 + i] === c)
        && (gender !== 'male' && gender !== 'female' || (Number(seq[2]) % 2 === 1) === (gender === 'male'))) seqs.push(seq);
    }
    for (const b of births) {
      if (![...b].every((c, i) => mask[6 + i] === '*' || mask[6 + i] === c)) continue;
      for (const seq of seqs) {
        const first17 = mask.slice(0, 6) + b + seq;
        if (mask[17] === '*' || idNumberCheckChar(first17) === mask[17]) n++;
      }
    }
  }
  candidateCache.set(key, n);
  return n;
}

/** What is wrong with one answer; empty when nothing is. */
function scan(body: unknown, today: string, secrets: Secret[]): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(body) ?? '';
  for (const s of secrets) {
    const birth = s.idNumber?.slice(6, 14);
    const seen: [string, string | undefined][] = [
      ['a full ID number', s.idNumber], ['a full phone', s.phone],
      ['a birth date', birth], ['a birth date', birth && `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`],
    ];
    if (s.fragments) {
      seen.push(['the first 7 digits of a phone', s.phone?.slice(0, 7)], ['the last 8 digits of a phone', s.phone?.slice(3)]);
      seen.push(['the sequence digits and check character', s.idNumber?.slice(14)]);
    }
    // A fragment counts as its own run of digits: 5649 inside a generated test username such as
    // worker_0056491 (the helpers stamp names with the clock) is not the resident's number.
    for (const [what, v] of seen) if (v && new RegExp(`(?<![0-9])${v}(?![0-9])`).test(text)) problems.push(`${what} (${v}) appears`);
  }
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const masks = Object.entries(o).filter(([, x]) => typeof x === 'string' && MASKED_ID.test(x));
    for (const [k, x] of Object.entries(o)) {
      if (/birth/i.test(k)) problems.push(`${path}.${k}: a birth date field`);
      if (typeof x === 'string' && PHONE_LIKE.test(x) && x.includes('*') && !/^1\d{2}\*{4}\d{4}$/.test(x)) problems.push(`${path}.${k}: phone mask ${x} is not 138****5678`);
      if (/phone/i.test(k) && typeof x === 'string' && !x.includes('*')) problems.push(`${path}.${k}: an unmasked phone`);
      if (masks.length && (typeof x === 'string' || typeof x === 'number') && !masks.some(([mk]) => mk === k) && DATE_LIKE.test(String(x))) {
        problems.push(`${path}.${k}: date-looking ${x} beside an ID mask`);
      }
    }
    for (const [k, m] of masks as [string, string][]) {
      if (m.length !== 18) problems.push(`${path}.${k}: ${m} is not 18 characters`);
      if (!/^\*{8}$/.test(m.slice(6, 14))) problems.push(`${path}.${k}: ${m} shows birth-date digits`);
      const n = candidates(m, o.age, o.gender, today);
      if (n < MIN_CANDIDATES) problems.push(`${path}.${k}: ${m} with age ${o.age} and gender ${o.gender} leaves only ${n} numbers`);
    }
    for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
  };
  walk(body, '');
  return problems;
}

/** Every GET route of the API, aimed inside community A; a new route without an entry fails. */
function targets(city: City, a: A, ids: { residentId: number; demandId: number; wishId: number; unitId: number; companyId: number; gigStationId: number }): Record<string, string> {
  return {
    'GET /api/health': '/api/health',
    'GET /api/health/detail': '/api/health/detail',
    'GET /api/auth/me': '/api/auth/me',
    'GET /api/accounts': '/api/accounts',
    'GET /api/accounts/link-candidates': `/api/accounts/link-candidates?kind=resident&orgId=${a.community.id}`,
    'GET /api/org/units/:id': `/api/org/units/${a.community.id}`,
    'GET /api/org/units/:id/children': `/api/org/units/${a.unit.id}/children`,
    'GET /api/org/search': `/api/org/search?q=${encodeURIComponent(a.community.name)}`,
    'GET /api/org/units/:id/map': `/api/org/units/${a.community.id}/map`,
    'GET /api/stats/indicators': '/api/stats/indicators',
    'GET /api/stats/cockpit': `/api/stats/cockpit?orgId=${a.community.id}`,
    'GET /api/stats/trend': `/api/stats/trend?orgId=${a.community.id}&key=people.residents`,
    'GET /api/stats/report': `/api/stats/report?orgId=${a.community.id}`,
    'GET /api/stats/report/export': `/api/stats/report/export?orgId=${a.community.id}&month=2026-01`,
    'GET /api/stats/open-data': `/api/stats/open-data?countyId=${city.county.id}`,
    'GET /api/public/open-data': '/api/public/open-data',
    'GET /api/public/open-data/:code/dictionary.json': '/api/public/open-data/141102/dictionary.json',
    'GET /api/public/open-data/:code/indicators.json': '/api/public/open-data/141102/indicators.json',
    'GET /api/public/open-data/:code/indicators.csv': '/api/public/open-data/141102/indicators.csv',
    'GET /api/public/open-data/:code/datasets/:file': '/api/public/open-data/141102/datasets/venues.json',
    'GET /api/stats/outlines': `/api/stats/outlines?orgId=${a.community.id}`,
    // The portal's lists (信息公开): published records only, places and titles, no person.
    'GET /api/public/counties': '/api/public/counties',
    'GET /api/public/votes': '/api/public/votes?county=141102',
    'GET /api/public/compound-statements': '/api/public/compound-statements?county=141102',
    'GET /api/public/venue-calendars': '/api/public/venue-calendars?county=141102',
    'GET /api/public/venue-calendars/:id': '/api/public/venue-calendars/999999',
    'GET /api/public/figures': '/api/public/figures',
    'GET /api/org/units/:id/history': `/api/org/units/${a.community.id}/history`,
    'GET /api/org/import/templates/:file': '/api/org/import/templates/grids.csv',
    'GET /api/org/import/jobs/:id': '/api/org/import/jobs/999999',
    'GET /api/org/import/jobs/:id/error-report': '/api/org/import/jobs/999999/error-report',
    'GET /api/people/households': `/api/people/households?orgId=${a.community.id}`,
    'GET /api/people/residents': '/api/people/residents?pageSize=100',
    'GET /api/people/residents/:id': `/api/people/residents/${ids.residentId}`,
    'GET /api/people/merchants': '/api/people/merchants',
    'GET /api/party/orgs': `/api/party/orgs?orgId=${a.community.id}`,
    'GET /api/party/orgs/:id/children': `/api/party/orgs/${a.partyOrgId}/children`,
    'GET /api/party/members': `/api/party/members?partyOrgId=${a.partyOrgId}`,
    'GET /api/party/orgs/:id/secretaries': `/api/party/orgs/${a.partyOrgId}/secretaries`,
    'GET /api/party/members/:id/transfers': `/api/party/members/${a.memberId}/transfers`,
    'GET /api/party/coverage': `/api/party/coverage?orgId=${a.community.id}`,
    'GET /api/audit': '/api/audit?pageSize=200',
    'GET /api/gridtasks/types': `/api/gridtasks/types?countyId=${city.county.id}`,
    'GET /api/gridtasks': `/api/gridtasks?gridId=${a.grid.id}`,
    'GET /api/gridtasks/refusals/stats': '/api/gridtasks/refusals/stats',
    'GET /api/leaders': `/api/leaders?orgId=${a.community.id}`,
    'GET /api/leaders/stats': `/api/leaders/stats?orgId=${a.community.id}`,
    'GET /api/leaders/:id': '/api/leaders/999999',
    'GET /api/workforce/staff': '/api/workforce/staff?pageSize=200',
    'GET /api/workforce/pay-table': `/api/workforce/pay-table?countyId=${city.county.id}&year=2026`,
    'GET /api/workforce/overview': `/api/workforce/overview?orgId=${a.community.id}`,
    'GET /api/workforce/ratings': `/api/workforce/ratings?orgId=${a.community.id}&year=2026`,
    'GET /api/workforce/staff/:id/ratings': `/api/workforce/staff/${a.staffId}/ratings`,
    'GET /api/demands/categories': '/api/demands/categories',
    'GET /api/demands/places': '/api/demands/places',
    'GET /api/demands': '/api/demands?pageSize=100',
    'GET /api/demands/:id': `/api/demands/${ids.demandId}`,
    'GET /api/demands/:id/handlers': `/api/demands/${ids.demandId}/handlers`,
    'GET /api/demands/rates': `/api/demands/rates?orgId=${a.community.id}`,
    'GET /api/visits/mine': '/api/visits/mine',
    'GET /api/visits/counts': `/api/visits/counts?month=2026-11&orgId=${a.community.id}`,
    'GET /api/departments': '/api/departments',
    'GET /api/notifications': '/api/notifications',
    'GET /api/demands/meetings': `/api/demands/meetings?orgId=${a.community.id}`,
    'GET /api/demands/meetings/:id': `/api/demands/meetings/${a.meetingId}`,
    'GET /api/demands/meetings/unmet': `/api/demands/meetings/unmet?orgId=${a.community.id}`,
    'GET /api/points/rules': `/api/points/rules?communityId=${a.community.id}`,
    'GET /api/points/rules/items/:code/versions': `/api/points/rules/items/waste_sorting/versions?communityId=${a.community.id}`,
    'GET /api/points/holders': `/api/points/holders?communityId=${a.community.id}`,
    'GET /api/points/records': `/api/points/records?communityId=${a.community.id}`,
    'GET /api/points/months': `/api/points/months?communityId=${a.community.id}`,
    'GET /api/points/me/objections': '/api/points/me/objections',
    'GET /api/points/objections': `/api/points/objections?communityId=${a.community.id}`,
    'GET /api/points/me': '/api/points/me',
    'GET /api/points/me/rules': '/api/points/me/rules',
    'GET /api/points/me/entries': '/api/points/me/entries',
    'GET /api/points/stats': `/api/points/stats?orgId=${a.community.id}`,
    'GET /api/points/communities': `/api/points/communities?orgId=${a.community.id}`,
    'GET /api/points/honours/households': `/api/points/honours/households?communityId=${a.community.id}&year=${chinaDay(new Date()).slice(0, 4)}`,
    'GET /api/points/honours/reserve-secretaries': `/api/points/honours/reserve-secretaries?communityId=${a.community.id}`,
    'GET /api/public/points/notices': `/api/public/points/notices?communityId=${a.community.id}`,
    'GET /api/public/points/notices/:communityId/:month': `/api/public/points/notices/${a.community.id}/2026-01`,
    'GET /api/store/stores': `/api/store/stores?communityId=${a.community.id}`,
    'GET /api/store/stores/:id/items': '/api/store/stores/999999/items',
    'GET /api/store/items/:id/movements': '/api/store/items/999999/movements',
    'GET /api/store/events': `/api/store/events?communityId=${a.community.id}`,
    'GET /api/store/orders': `/api/store/orders?communityId=${a.community.id}`,
    'GET /api/store/stats': `/api/store/stats?communityId=${a.community.id}`,
    'GET /api/store/my': '/api/store/my',
    'GET /api/store/my/orders': '/api/store/my/orders',
    'GET /api/files/:id': '/api/files/999999',
    'GET /api/open311/keys': '/api/open311/keys',
    'GET /api/registrations': '/api/registrations',
    'GET /api/public/communities': `/api/public/communities?q=${encodeURIComponent(a.community.name)}`,
    'GET /api/calendar': '/api/calendar?year=2026',
    'GET /api/volunteers/overview': `/api/volunteers/overview?orgId=${a.community.id}`,
    'GET /api/volunteers/orgs': `/api/volunteers/orgs?orgId=${a.community.id}`,
    'GET /api/volunteers/orgs/:id/admins': '/api/volunteers/orgs/999999/admins',
    'GET /api/volunteers/people': `/api/volunteers/people?orgId=${a.community.id}`,
    'GET /api/volunteers/projects': `/api/volunteers/projects?orgId=${a.community.id}`,
    'GET /api/volunteers/activities': `/api/volunteers/activities?orgId=${a.community.id}`,
    'GET /api/volunteers/activities/:id': '/api/volunteers/activities/999999',
    'GET /api/volunteers/activities/:id/qr': '/api/volunteers/activities/999999/qr',
    'GET /api/volunteers/me': '/api/volunteers/me',
    'GET /api/volunteers/me/activities': '/api/volunteers/me/activities',
    'GET /api/volunteers/scan': '/api/volunteers/scan?t=999999.1.AAAAAAAAAAAAAAAAAAAAAA',
    'GET /api/cobuild/needs': `/api/cobuild/needs?orgId=${a.community.id}`,
    'GET /api/cobuild/resources': `/api/cobuild/resources?orgId=${a.community.id}`,
    'GET /api/cobuild/matches': `/api/cobuild/matches?orgId=${a.community.id}`,
    'GET /api/cobuild/projects': `/api/cobuild/projects?orgId=${a.community.id}`,
    'GET /api/cobuild/projects/:id': '/api/cobuild/projects/999999',
    'GET /api/cobuild/unit-options': `/api/cobuild/unit-options?orgId=${a.community.id}`,
    'GET /api/cobuild/unit/me': '/api/cobuild/unit/me',
    'GET /api/cobuild/unit/board': '/api/cobuild/unit/board',
    'GET /api/cobuild/overview': `/api/cobuild/overview?orgId=${a.community.id}`,
    'GET /api/cobuild/units': '/api/cobuild/units',
    'GET /api/cobuild/units/:id/record': `/api/cobuild/units/${ids.unitId}/record`,
    'GET /api/cobuild/units/:id/export': `/api/cobuild/units/${ids.unitId}/export`,
    'GET /api/cobuild/pairings': '/api/cobuild/pairings',
    'GET /api/cobuild/my-report': '/api/cobuild/my-report',
    'GET /api/cobuild/my-report/units': '/api/cobuild/my-report/units',
    'GET /api/cobuild/member-reports': '/api/cobuild/member-reports',
    'GET /api/cobuild/post-offers': `/api/cobuild/post-offers?communityId=${a.community.id}`,
    'GET /api/cobuild/member-records': '/api/cobuild/member-records',
    'GET /api/wishes': `/api/wishes?communityId=${a.community.id}`,
    'GET /api/wishes/counts': `/api/wishes/counts?communityId=${a.community.id}`,
    'GET /api/wishes/wall': `/api/wishes/wall?communityId=${a.community.id}`,
    'GET /api/wishes/mine': '/api/wishes/mine',
    'GET /api/wishes/for-me': '/api/wishes/for-me',
    'GET /api/wishes/:id': `/api/wishes/${ids.wishId}`,
    'GET /api/public/wishes/:communityId': `/api/public/wishes/${a.community.id}`,
    'GET /api/property/credit/schemes': '/api/property/credit/schemes',
    'GET /api/property/credit/ratings': `/api/property/credit/ratings?quarter=${quarterOfDay(chinaDay(new Date()))}`,
    'GET /api/property/credit/survey': '/api/property/credit/survey',
    'GET /api/property/credit/quarters': '/api/property/credit/quarters',
    'GET /api/property/credit/quarters/:quarter': `/api/property/credit/quarters/${quarterOfDay(chinaDay(new Date()))}`,
    'GET /api/property/credit/quarters/:quarter/companies': `/api/property/credit/quarters/${quarterOfDay(chinaDay(new Date()))}/companies`,
    'GET /api/property/credit/quarters/:quarter/compounds': `/api/property/credit/quarters/${quarterOfDay(chinaDay(new Date()))}/compounds`,
    'GET /api/property/credit/objections': '/api/property/credit/objections',
    'GET /api/property/credit/mine': '/api/property/credit/mine',
    'GET /api/public/property-lists': '/api/public/property-lists',
    'GET /api/public/property-lists/:id': '/api/public/property-lists/999999',
    'GET /api/campaigns': '/api/campaigns',
    'GET /api/campaigns/:id': '/api/campaigns/999999',
    'GET /api/campaigns/:id/candidates/:kind': '/api/campaigns/999999/candidates/demand?q=',
    'GET /api/property/overview': '/api/property/overview',
    'GET /api/newgroups/whitelist': '/api/newgroups/whitelist?pageSize=200',
    'GET /api/supervision/departments': '/api/supervision/departments',
    'GET /api/supervision/groups': '/api/supervision/groups',
    'GET /api/supervision/inspections': '/api/supervision/inspections',
    'GET /api/supervision/problems': '/api/supervision/problems',
    'GET /api/supervision/problems/:id': '/api/supervision/problems/999999',
    'GET /api/supervision/figures': '/api/supervision/figures',
    'GET /api/relief/certificate-items': '/api/relief/certificate-items',
    'GET /api/relief/certificate-requests': '/api/relief/certificate-requests',
    'GET /api/relief/removals': '/api/relief/removals',
    'GET /api/relief/figures': '/api/relief/figures',
    'GET /api/newgroups/gate/summary': '/api/newgroups/gate/summary',
    'GET /api/newgroups/pass': '/api/newgroups/pass',
    'GET /api/newgroups/gate/places': '/api/newgroups/gate/places',
    'GET /api/newgroups/parttime': '/api/newgroups/parttime?active=all',
    'GET /api/newgroups/parttime/units': '/api/newgroups/parttime/units',
    'GET /api/newgroups/road-reports/places': '/api/newgroups/road-reports/places',
    'GET /api/newgroups/road-reports/mine': '/api/newgroups/road-reports/mine',
    'GET /api/newgroups/road-reports': '/api/newgroups/road-reports',
    'GET /api/newgroups/road-reports/counts': '/api/newgroups/road-reports/counts?by=rider',
    'GET /api/newgroups/platforms': '/api/newgroups/platforms',
    'GET /api/newgroups/stations': '/api/newgroups/stations',
    'GET /api/newgroups/stations/:id': `/api/newgroups/stations/${ids.gigStationId}`,
    'GET /api/newgroups/workers': '/api/newgroups/workers?status=all',
    'GET /api/newgroups/party-orgs': '/api/newgroups/party-orgs',
    'GET /api/newgroups/instructors': '/api/newgroups/instructors',
    'GET /api/newgroups/coverage': '/api/newgroups/coverage',
    'GET /api/newgroups/service-points': '/api/newgroups/service-points',
    'GET /api/newgroups/rider/points': '/api/newgroups/rider/points',
    'GET /api/property/companies': '/api/property/companies',
    'GET /api/property/companies/:id': `/api/property/companies/${ids.companyId}`,
    'GET /api/property/branches': '/api/property/branches',
    'GET /api/property/compounds': '/api/property/compounds',
    'GET /api/property/sanctions': '/api/property/sanctions',
    'GET /api/property/mine': '/api/property/mine',
    'GET /api/property/mine/demands': '/api/property/mine/demands',
    'GET /api/property/mine/sanctions': '/api/property/mine/sanctions',
    'GET /api/property/repairs': '/api/property/repairs?pageSize=100',
    'GET /api/property/repairs/figures': '/api/property/repairs/figures',
    'GET /api/property/repairs/compounds': '/api/property/repairs/compounds',
    'GET /api/property/repairs/compounds/:id/places': `/api/property/repairs/compounds/${a.grid.id}/places`,
    'GET /api/property/repairs/:id': '/api/property/repairs/999999',
    'GET /api/property/repairs/:id/vote-matters': '/api/property/repairs/999999/vote-matters',
    'GET /api/property/my-repairs': '/api/property/my-repairs',
    'GET /api/property/meetings/board': `/api/property/meetings/board?communityId=${a.community.id}`,
    'GET /api/property/meetings/overview': '/api/property/meetings/overview',
    'GET /api/property/meetings/:id': '/api/property/meetings/999999',
    'GET /api/property/company/meeting-tasks': '/api/property/company/meeting-tasks',
    'GET /api/property/my-proposals': '/api/property/my-proposals',
    'GET /api/selfrun/compounds': '/api/selfrun/compounds?pageSize=200',
    'GET /api/selfrun/compounds/figures': '/api/selfrun/compounds/figures',
    'GET /api/selfrun/compounds/:id': `/api/selfrun/compounds/${a.grid.id}`,
    'GET /api/selfrun/compounds/:id/units': `/api/selfrun/compounds/${a.grid.id}/units?pageSize=200`,
    'GET /api/selfrun/compounds/:id/committee': `/api/selfrun/compounds/${a.grid.id}/committee`,
    'GET /api/selfrun/compounds/:id/five-haves': `/api/selfrun/compounds/${a.grid.id}/five-haves`,
    'GET /api/selfrun/steps/board': '/api/selfrun/steps/board',
    'GET /api/selfrun/steps/figures': '/api/selfrun/steps/figures',
    'GET /api/selfrun/compounds/:id/steps': `/api/selfrun/compounds/${a.grid.id}/steps`,
    'GET /api/selfrun/my-committee': '/api/selfrun/my-committee',
    'GET /api/selfrun/votes': `/api/selfrun/votes?compoundId=${a.grid.id}`,
    'GET /api/selfrun/votes/:id': '/api/selfrun/votes/999999',
    'GET /api/selfrun/votes/:id/units': '/api/selfrun/votes/999999/units',
    'GET /api/selfrun/votes/:id/paper': '/api/selfrun/votes/999999/paper',
    'GET /api/selfrun/votes/:id/proxies': '/api/selfrun/votes/999999/proxies',
    'GET /api/selfrun/my-votes': '/api/selfrun/my-votes',
    'GET /api/selfrun/account/compounds': '/api/selfrun/account/compounds?pageSize=200',
    'GET /api/selfrun/account/figures': '/api/selfrun/account/figures',
    'GET /api/selfrun/compounds/:id/ledger': `/api/selfrun/compounds/${a.grid.id}/ledger?pageSize=200`,
    'GET /api/selfrun/compounds/:id/ledger/export': `/api/selfrun/compounds/${a.grid.id}/ledger/export`,
    'GET /api/selfrun/compounds/:id/statements': `/api/selfrun/compounds/${a.grid.id}/statements`,
    'GET /api/selfrun/my-account/:id/ledger': `/api/selfrun/my-account/${a.grid.id}/ledger?pageSize=200`,
    'GET /api/selfrun/my-account/:id/ledger/export': `/api/selfrun/my-account/${a.grid.id}/ledger/export`,
    'GET /api/selfrun/my-account/:id/statements': `/api/selfrun/my-account/${a.grid.id}/statements`,
    'GET /api/selfrun/my-compound-account': '/api/selfrun/my-compound-account',
    'GET /api/public/compounds/:id/statements': `/api/public/compounds/${a.grid.id}/statements`,
    'GET /api/public/votes/:id': '/api/public/votes/999999',
    'GET /api/public/votes/:id/ballots': '/api/public/votes/999999/ballots',
    // 党群服务阵地: bookings name who booked (an account's display name), never a number.
    'GET /api/venues': '/api/venues?pageSize=200',
    'GET /api/venues/:id': '/api/venues/999999',
    'GET /api/venues/bookings': '/api/venues/bookings?pageSize=200',
    'GET /api/venues/my-bookings': '/api/venues/my-bookings',
    'GET /api/venues/rooms/:id/slots': '/api/venues/rooms/999999/slots?day=2026-11-03',
    'GET /api/venues/funding/rules': '/api/venues/funding/rules',
    'GET /api/venues/funding/awards': '/api/venues/funding/awards?year=2025',
    'GET /api/venues/funding/figures': '/api/venues/funding/figures?year=2025',
    'GET /api/venues/near': '/api/venues/near',
    'GET /api/venues/at-you': '/api/venues/at-you',
  };
}

describe('personal data in views: no ID number can be rebuilt from what a role reads', () => {
  let t: TestApp;
  let city: City;
  let a: A;
  const sessions = new Map<Role, Session>();
  const secrets: Secret[] = [];
  const ids = { residentId: 0, demandId: 0, wishId: 0, unitId: 0, companyId: 0, gigStationId: 0 };
  let registered: unknown;
  // The example: born 1981-05-27, the sequence 564, last four 5649 in the old mask.
  const idNumber = validIdNumber('19810527', 564);
  const phone = '13912345678';
  const reporterPhone = '13987654321';

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    a = city.communities[0];
    city.communities.forEach((c, i) => secrets.push({ idNumber: validIdNumber('19700101', (i + 1) * 2 + 1), phone: `1380000${String(i + 1).padStart(4, '0')}` }));
    secrets.push({ idNumber, phone, fragments: true }, { phone: reporterPhone, fragments: true });

    const accountScope: Record<Role, { id: number; path: string; depth: number; county_code: string; name: string; code: string }> = {
      city_admin: city.city, county_admin: city.county, street_admin: city.streets[0], community_secretary: a.community,
      community_worker: a.community, grid_worker: a.grid, department: city.county, property_company: a.grid,
      party_member: a.unit, resident: a.unit, merchant: a.grid, work_unit: city.county, volunteer_org: a.community,
      gig_worker: a.community,
    };
    const accounts = new Map<Role, number>();
    for (const role of ROLES) {
      const acc = await addAccount(t.db, role, accountScope[role]);
      accounts.set(role, acc.id);
      sessions.set(role, await login(t.app, acc.username));
    }

    // A resident registered through the API, made a party member, a unit head, and linked to
    // the resident and party member accounts.
    const created = await sessions.get('community_worker')!.request('POST', '/api/people/residents', {
      householdId: a.household.id, name: '李秀英', idNumber, phone, relation: 'head',
    });
    expect(created.status).toBe(200);
    ids.residentId = created.body.id;
    registered = created.body;
    await t.db.updateTable('account').set({ resident_id: ids.residentId })
      .where('id', 'in', [accounts.get('resident')!, accounts.get('party_member')!]).execute();
    await t.db.updateTable('account').set({ department_id: a.departmentId }).where('id', '=', accounts.get('department')!).execute();
    expect((await sessions.get('community_worker')!.request('POST', '/api/party/members', {
      residentId: ids.residentId, partyOrgId: a.partyOrgId, memberKind: 'resident', joinedOn: '2001-07-01',
    })).status).toBe(200);
    expect((await sessions.get('community_secretary')!.request('PUT', '/api/points/heads', { orgId: a.unit.id, residentId: ids.residentId })).status).toBe(200);

    // A walk-in report with the reporter's name and phone, whistled to A's department.
    const demand = await sessions.get('grid_worker')!.request('POST', '/api/demands', {
      orgId: a.grid.id, categoryCode: 'environment', description: '单元门口垃圾堆放多日', channel: 'walk_in',
      reporterName: '赵大爷', reporterPhone, force: true,
    });
    expect(demand.status).toBe(200);
    ids.demandId = demand.body.demand.id;
    await t.db.insertInto('demand_dispatch').values({
      demand_id: ids.demandId, department_id: a.departmentId, org_path: a.grid.path, county_code: a.grid.county_code,
      created_at: new Date(), report_due_at: new Date(Date.now() + 86400_000),
    }).execute();
    // The resident's own report, with a phone.
    expect((await sessions.get('resident')!.request('POST', '/api/demands', {
      householdId: a.household.id, categoryCode: 'facilities', description: '楼道灯坏了', channel: 'resident', reporterPhone: phone,
    })).status).toBe(200);

    // The resident volunteers (linked to their record, so their phone), a second volunteer is
    // registered by staff with a phone, a work unit has a contact phone, and a grid worker posts
    // a micro-wish for the resident: every one of these lists must show them masked.
    const volunteerPhone = '13700001111';
    const unitPhone = '13600002222';
    secrets.push({ phone: volunteerPhone, fragments: true }, { phone: unitPhone, fragments: true });
    expect((await sessions.get('resident')!.request('POST', '/api/volunteers/me')).status).toBe(200);
    expect((await sessions.get('community_worker')!.request('POST', '/api/volunteers/people', {
      orgId: a.community.id, name: '周志愿', phone: volunteerPhone,
    })).status).toBe(200);
    const unit = await sessions.get('county_admin')!.request('POST', '/api/cobuild/units', {
      orgId: city.county.id, name: '离石区教育局', kind: 'organ', partyOrgName: '离石区教育局机关党支部', contactName: '王主任', phone: unitPhone,
    });
    expect(unit.status).toBe(200);
    ids.unitId = unit.body.id;
    expect(ids.unitId).toBeGreaterThan(0);
    await t.db.updateTable('account').set({ work_unit_id: ids.unitId }).where('id', '=', accounts.get('work_unit')!).execute();
    const fulfilBy = chinaDay(new Date(Date.now() + 10 * 86400_000));
    const wish = await sessions.get('grid_worker')!.request('POST', '/api/wishes', {
      residentId: ids.residentId, personKind: 'elderly_alone', title: '想要一台收音机', budgetYuan: 80, fulfilBy,
    });
    expect(wish.status).toBe(200);
    ids.wishId = wish.body.wish.id;
    expect(ids.wishId).toBeGreaterThan(0);

    // A property company with a contact phone and a party-building instructor with a phone, serving A's compound, linked to the company account.
    const companyPhone = '13500003333';
    const instructorPhone = '13400004444';
    secrets.push({ phone: companyPhone, fragments: true }, { phone: instructorPhone, fragments: true });
    const company = await sessions.get('county_admin')!.request('POST', '/api/property/companies', {
      name: '龙凤物业服务有限公司', creditCode: '91141102MA0000017X', contactName: '王经理', phone: companyPhone,
    });
    expect(company.status).toBe(200);
    ids.companyId = company.body.id;
    expect((await sessions.get('county_admin')!.request('POST', `/api/property/companies/${ids.companyId}/instructors`, {
      name: '杨指导员', unit: '区住建局', phone: instructorPhone, fromOn: '2026-01-01',
    })).status).toBe(200);
    expect((await sessions.get('county_admin')!.request('POST', '/api/property/contracts', {
      companyId: ids.companyId, compoundId: a.grid.id, startsOn: '2026-01-01', endsOn: '2028-12-31', feePerM2: 1.2, serviceLevel: '2',
    })).status).toBe(200);
    await t.db.updateTable('account').set({ property_company_id: ids.companyId }).where('id', '=', accounts.get('property_company')!).execute();

    // A gig worker with a phone registered with consent, and an instructor with a phone, in A (newgroups register).
    const gigPhone = '13600005555';
    const gigInstructorPhone = '13300006666';
    secrets.push({ phone: gigPhone, fragments: true }, { phone: gigInstructorPhone, fragments: true });
    const gigPlatform = await sessions.get('county_admin')!.request('POST', '/api/newgroups/platforms', { name: '登记测试平台', kind: 'delivery' });
    expect(gigPlatform.status).toBe(200);
    const gigStation = await sessions.get('county_admin')!.request('POST', '/api/newgroups/stations', { platformId: gigPlatform.body.id, unitId: a.community.id, name: '美团站', lat: 37.5, lng: 111.1, managerName: '站长' });
    expect(gigStation.status).toBe(200);
    ids.gigStationId = gigStation.body.id;
    expect((await sessions.get('county_admin')!.request('POST', '/api/newgroups/workers', { stationId: ids.gigStationId, name: '骑手', kind: 'rider', phone: gigPhone, consent: true, consentVersion: '2026-01' })).status).toBe(200);
    const gigOrg = await sessions.get('county_admin')!.request('POST', '/api/newgroups/party-orgs', { name: '美团站党支部', kind: 'independent', unitId: a.community.id, foundedOn: '2026-01-01', stationIds: [ids.gigStationId] });
    expect(gigOrg.status).toBe(200);
    expect((await sessions.get('county_admin')!.request('POST', '/api/newgroups/instructors', { partyOrgId: gigOrg.body.id, name: '指导员', sentBy: '街道党工委', phone: gigInstructorPhone, sentOn: '2026-01-02' })).status).toBe(200);

    // A resident's own registration request, pending in A: staff see it masked.
    const applicant = { idNumber: validIdNumber('19850505', 517), phone: '15900002222' };
    secrets.push({ ...applicant, fragments: true });
    await t.db.insertInto('registration_request').values({
      community_id: a.community.id, org_path: a.community.path, county_code: a.community.county_code, name: '申请人',
      id_number_enc: t.cipher.encrypt(applicant.idNumber), id_number_hash: t.cipher.hash(applicant.idNumber),
      id_number_mask: `${applicant.idNumber.slice(0, 6)}**********${applicant.idNumber.slice(-2)}`,
      phone_enc: t.cipher.encrypt(applicant.phone), phone_hash: t.cipher.hash(applicant.phone), phone_mask: '159****2222',
      address: '1号楼1单元101', created_at: new Date(),
    }).execute();

    // An audit row written before masks were shortened (the log is append-only): shown in the new form.
    await t.db.insertInto('audit_log').values({
      account_id: null, username: 'old', role: 'community_worker', action: 'resident.create', entity: 'resident', entity_id: '1',
      org_path: a.household.org_path, county_code: a.household.county_code,
      after: JSON.stringify({ name: '旧记录', idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}` }),
    }).execute();

    // A rider of a station in A with a sealed phone, white-listed, enrolled: what the newgroups views show of them.
    const riderPhone = '13957318426';
    secrets.push({ phone: riderPhone, fragments: true });
    const gp = await t.db.insertInto('gig_platform').values({ org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code, name: '美团', kind: 'delivery' })
      .returning('id').executeTakeFirstOrThrow();
    const gs = await t.db.insertInto('gig_station').values({ platform_id: gp.id, org_id: a.community.id, org_path: a.community.path, county_code: a.community.county_code, name: '美团一社区站' })
      .returning('id').executeTakeFirstOrThrow();
    const gw = await t.db.insertInto('gig_worker').values({
      station_id: gs.id, platform_id: gp.id, org_path: a.community.path, county_code: a.community.county_code, name: '骑手甲', kind: 'rider',
      phone_enc: t.cipher.encrypt(riderPhone), phone_hash: t.cipher.hash(riderPhone), phone_mask: '139****8426', consent_at: new Date(), consent_version: 'x',
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('gig_whitelist').values({ worker_id: gw.id, org_path: a.community.path, county_code: a.community.county_code, reason: '站点推荐', added_by: accounts.get('street_admin')! }).execute();
    await t.db.insertInto('gig_parttime').values({
      worker_id: gw.id, duty: 'grid_member', unit_id: a.grid.id, org_path: a.grid.path, county_code: a.grid.county_code, start_day: '2026-01-01', reason: 'x', created_by: accounts.get('community_secretary')!,
    }).execute();
    await t.db.updateTable('account').set({ gig_worker_id: gw.id }).where('id', '=', accounts.get('gig_worker')!).execute();
    expect((await sessions.get('gig_worker')!.request('POST', '/api/newgroups/road-reports', {
      kind: 'hazard', categoryCode: 'other', description: '井盖松动', communityId: a.community.id,
    })).status).toBe(200);
  });
  afterAll(() => t?.close());

  it('every GET route of the API is walked', () => {
    const walked = new Set(Object.keys(targets(city, a, ids)));
    const missing = t.app.apiRoutes.filter((r) => r.method === 'GET').map((r) => `${r.method} ${r.url}`).filter((k) => !walked.has(k));
    expect(missing).toEqual([]);
  });

  for (const role of ROLES) {
    it(`should give a ${role} no answer from which an ID number or phone can be rebuilt`, async () => {
      const s = sessions.get(role)!;
      const today = chinaDay(new Date());
      const problems: string[] = [];
      let masked = 0;
      for (const [key, url] of Object.entries(targets(city, a, ids))) {
        const res = await s.request('GET', url);
        if (res.status !== 200 || typeof res.body !== 'object') continue;
        if (/\d{6}\*{10}|1\d{2}\*{4}\d{4}/.test(JSON.stringify(res.body))) masked++;
        for (const p of scan(res.body, today, secrets)) problems.push(`${key}: ${p}`);
      }
      expect(problems).toEqual([]);
      // The walk reached masked people at all: the scan is not vacuous.
      if (ROLE_PERMISSIONS[role].includes('people.read') || role === 'department' || role === 'resident') expect(masked).toBeGreaterThan(0);
    });
  }

  it('should answer a registration with nothing that rebuilds the number it was given', () => {
    expect(scan(registered, chinaDay(new Date()), secrets)).toEqual([]);
  });

  it('should show a grid worker residents with an age and a short mask, not the birth date', async () => {
    const res = await sessions.get('grid_worker')!.request('GET', `/api/people/residents/${ids.residentId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ idNumber: `${idNumber.slice(0, 6)}**********${idNumber.slice(-2)}`, gender: 'female', age: ageOn('1981-05-27', chinaDay(new Date())) });
    expect(res.body).not.toHaveProperty('birthDate');
    expect(candidates(res.body.idNumber, res.body.age, res.body.gender, chinaDay(new Date()))).toBeGreaterThanOrEqual(MIN_CANDIDATES);
    // Found by the full number, answered masked.
    const found = await sessions.get('grid_worker')!.request('GET', `/api/people/residents?q=${idNumber}`);
    expect(found.body.items.map((r: { id: number }) => r.id)).toEqual([ids.residentId]);
    expect(scan(found.body, chinaDay(new Date()), secrets)).toEqual([]);
  });

  it('would have caught the old view: the birth date beside the old mask is the whole number', () => {
    const old = { idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`, gender: 'female', birthDate: '1981-05-27', age: 45 };
    expect(scan([old], '2026-11-02', [])).toEqual(expect.arrayContaining([expect.stringContaining('birth date field'), expect.stringContaining('date-looking')]));
    // Even without the birth date, the old mask beside an exact age left too few numbers.
    expect(candidates(old.idNumber, old.age, old.gender, '2026-11-02')).toBeLessThan(MIN_CANDIDATES);
  });

  it('should show the department the reporter masked, the same way as the community sees it', async () => {
    const [dept, grid] = await Promise.all([
      sessions.get('department')!.request('GET', `/api/demands/${ids.demandId}`),
      sessions.get('grid_worker')!.request('GET', `/api/demands/${ids.demandId}`),
    ]);
    expect(dept.status).toBe(200);
    expect(dept.body.reporterPhone).toBe('139****4321');
    expect(grid.body.reporterPhone).toBe(dept.body.reporterPhone);
  });

  it('should show audit rows written before the change with the short mask', async () => {
    const res = await sessions.get('county_admin')!.request('GET', '/api/audit?action=resident.create&pageSize=50');
    const old = res.body.items.find((x: { username: string }) => x.username === 'old');
    expect(old.after.idNumber).toBe(`${idNumber.slice(0, 6)}**********${idNumber.slice(-2)}`);
  });

  it('should rewrite masks stored in the old form (the migration)', async () => {
    const h = await addHousehold(t.db, a.unit, '909');
    const rid = await addResident(t.db, t.cipher, h, '旧掩码', validIdNumber('19650304', 872));
    await t.db.updateTable('resident').set({ id_number_mask: sql<string>`left(id_number_mask, 6) || '********' || ${validIdNumber('19650304', 872).slice(-4)}` })
      .where('id', '=', rid).execute();
    const file = fileURLToPath(new URL('../../server/modules/people/migrations/0042-people-shorter-id-mask.sql', import.meta.url));
    await sql.raw(fs.readFileSync(file, 'utf8')).execute(t.db);
    const row = await t.db.selectFrom('resident').select('id_number_mask').where('id', '=', rid).executeTakeFirstOrThrow();
    expect(row.id_number_mask).toBe(`141102**********${validIdNumber('19650304', 872).slice(-2)}`);
    // Masks already short are left as they are.
    const mine = await t.db.selectFrom('resident').select('id_number_mask').where('id', '=', ids.residentId).executeTakeFirstOrThrow();
    expect(mine.id_number_mask).toBe(`${idNumber.slice(0, 6)}**********${idNumber.slice(-2)}`);
  });
});

describe('reveal reasons: a listed reason, and words when it is "other"', () => {
  let t: TestApp;
  let city: City;
  let worker: Session;
  let dept: Session;
  let demandId: number;

  const revealAudits = async () =>
    (await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'pii.reveal').executeTakeFirstOrThrow()).n;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    const a = city.communities[0];
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    const d = await addAccount(t.db, 'department', city.county);
    await t.db.updateTable('account').set({ department_id: a.departmentId }).where('id', '=', d.id).execute();
    dept = await login(t.app, d.username);
    const created = await worker.request('POST', '/api/demands', {
      orgId: a.grid.id, categoryCode: 'environment', description: '小区门口积水', channel: 'walk_in', reporterPhone: '13987654321', force: true,
    });
    demandId = created.body.demand.id;
    await t.db.insertInto('demand_dispatch').values({
      demand_id: demandId, department_id: a.departmentId, org_path: a.grid.path, county_code: a.grid.county_code,
      created_at: new Date(), report_due_at: new Date(Date.now() + 86400_000),
    }).execute();
  });
  afterAll(() => t?.close());

  const refusals: [string, Record<string, unknown>, string, string][] = [
    ['dots as the only words', { reasonCode: 'other', reasonText: '....' }, 'body.reasonText', REVEAL_REASON_MESSAGES.other_text],
    ['zero-width characters only', { reasonCode: 'other', reasonText: '\u200b\u200c\u200d\u2060\ufeff\u200b\u200b' }, 'body.reasonText', REVEAL_REASON_MESSAGES.other_text],
    ['blanks, fillers and punctuation', { reasonCode: 'other', reasonText: ' \u3000\u3164\u00ad \u2800\u200b。。' }, 'body.reasonText', REVEAL_REASON_MESSAGES.other_text],
    ['"other" without text', { reasonCode: 'other' }, 'body.reasonText', REVEAL_REASON_MESSAGES.other_text],
    ['an unknown reason code', { reasonCode: 'curious', reasonText: '想看看这个人' }, 'body.reasonCode', REVEAL_REASON_MESSAGES.code],
    ['the old free-text reason alone', { reason: '核对身份信息' }, 'body.reasonCode', REVEAL_REASON_MESSAGES.code],
    ['an over-long explanation', { reasonCode: 'verify_identity', reasonText: '核'.repeat(201) }, 'body.reasonText', REVEAL_REASON_MESSAGES.text_too_long],
  ];

  for (const [what, reason, field, problem] of refusals) {
    it(`should refuse a reveal with ${what}, naming the field in Chinese, and reveal and record nothing`, async () => {
      const before = await revealAudits();
      const a = city.communities[0];
      for (const res of [
        await worker.request('POST', `/api/people/residents/${a.residentId}/reveal`, { field: 'idNumber', ...reason }),
        await dept.request('POST', `/api/demands/${demandId}/reveal-phone`, reason),
      ]) {
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
        expect(res.body.details.fields).toContainEqual({ field, problem });
        expect(JSON.stringify(res.body)).not.toContain('13987654321');
      }
      expect(await revealAudits()).toBe(before);
    });
  }

  it('should reveal for a listed reason and write the code and text to the audit row', async () => {
    const a = city.communities[0];
    const res = await worker.request('POST', `/api/people/residents/${a.residentId}/reveal`, { field: 'idNumber', reasonCode: 'verify_identity' });
    expect(res.status).toBe(200);
    expect(res.body.value).toBe(validIdNumber('19700101', 3));
    const row = await t.db.selectFrom('audit_log').select(['reason', 'after', 'entity', 'entity_id']).where('action', '=', 'pii.reveal')
      .orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ entity: 'resident', entity_id: String(a.residentId), reason: '核实身份办理业务' });
    expect(row.after).toMatchObject({ field: 'idNumber', reasonCode: 'verify_identity', reasonText: null });
  });

  it('should accept "other" with real words, storing them without the invisible characters', async () => {
    const phone = await dept.request('POST', `/api/demands/${demandId}/reveal-phone`, { reasonCode: 'other', reasonText: ' \u200b核\u200b对\u3000户籍\u200d信息 ' });
    expect(phone.status).toBe(200);
    expect(phone.body.value).toBe('13987654321');
    const row = await t.db.selectFrom('audit_log').select(['reason', 'after', 'entity']).where('action', '=', 'pii.reveal')
      .orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ entity: 'demand', reason: '其他：核对 户籍信息' });
    expect(row.after).toMatchObject({ field: 'reporterPhone', reasonCode: 'other', reasonText: '核对 户籍信息' });
  });

  it('should take optional words with a listed reason', async () => {
    const a = city.communities[0];
    const res = await worker.request('POST', `/api/people/residents/${a.residentId}/reveal`, { field: 'phone', reasonCode: 'emergency', reasonText: '独居老人家中无人应答' });
    expect(res.status).toBe(200);
    const row = await t.db.selectFrom('audit_log').select(['reason', 'after']).where('action', '=', 'pii.reveal').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.reason).toBe('应急联络：独居老人家中无人应答');
    expect(row.after).toMatchObject({ field: 'phone', reasonCode: 'emergency', reasonText: '独居老人家中无人应答' });
  });
});
