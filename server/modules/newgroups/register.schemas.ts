import { z } from 'zod';
import { PageQuery, paged } from '../../platform/http/paging.js';
import { PhoneNumber } from '../../platform/pii/phone.js';

/** The register of platforms, stations, workers, party organisations and instructors, and coverage: requests and answers. */
const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1, '请填写内容').max(max, `不能超过 ${max} 个字`);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const Ok = z.object({ ok: z.boolean() });
export const Created = z.object({ id: z.number() });

/** The consent wording's version workers agree to now (同意登记告知书); a form sends it back with the tick. */
export const CONSENT_VERSION = '2026-01';

export const PlatformKind = z.enum(['delivery', 'express', 'ride_hailing', 'freight']);
export const WorkerKind = z.enum(['courier', 'rider', 'driver']);
export const PartyStatus = z.enum(['none', 'applicant', 'member']);
export const PartyOrgKind = z.enum(['independent', 'joint']);

export const PlatformBody = z.object({
  name: text(40), kind: PlatformKind,
  creditCode: z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/, '统一社会信用代码应为18位').optional(),
});
export const PlatformRow = z.object({ id: z.number(), name: z.string(), kind: PlatformKind, creditCode: z.string().nullable(), stations: z.number(), workers: z.number() });
export const PlatformPage = paged(PlatformRow);

/** Live rows (the default), closed ones (撤销 / 关闭 / 结束, kept as history) or both. */
export const LifeStatus = z.enum(['live', 'closed', 'all']);
export type LifeStatus = z.infer<typeof LifeStatus>;
const ended = { closedAt: z.string().nullable(), closeReason: z.string().nullable() };

export const StationQuery = PageQuery.extend({ status: LifeStatus.default('live'), platformId: z.coerce.number().int().positive().optional(), q: z.string().trim().max(20).optional() });
export const StationBody = z.object({
  platformId: id, unitId: id, name: text(60), address: z.string().trim().max(100).default(''),
  lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional(),
  managerName: z.string().trim().max(20).optional(),
}).refine((b) => (b.lat === undefined) === (b.lng === undefined), { message: '经纬度须同时填写', path: ['lat'] });
export const StationRow = z.object({
  id: z.number(), name: z.string(), platformId: z.number(), platformName: z.string(), unitName: z.string(), address: z.string(),
  lat: z.number().nullable(), lng: z.number().nullable(), workers: z.number(), covered: z.boolean(), closed: z.boolean(), ...ended,
});
export const StationPage = paged(StationRow);
export const StationDetail = StationRow.extend({
  managerName: z.string().nullable(), members: z.number(), applicants: z.number(),
  partyOrgs: z.array(z.object({ id: z.number(), name: z.string(), kind: PartyOrgKind, instructors: z.array(z.object({ name: z.string(), sentBy: z.string() })) })),
});

export const WorkerQuery = PageQuery.extend({
  stationId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'left', 'all']).default('active'),
  q: z.string().trim().max(20).optional(),
});
export const WorkerBody = z.object({
  stationId: id, name: text(20), kind: WorkerKind, phone: PhoneNumber.optional(), partyStatus: PartyStatus.default('none'),
  consent: z.boolean(), consentVersion: z.string().trim().min(1).max(20),
});
export const WorkerRow = z.object({
  id: z.number(), name: z.string(), kind: WorkerKind, phoneMask: z.string().nullable(), partyStatus: PartyStatus,
  stationId: z.number(), stationName: z.string(), platformName: z.string(), consentVersion: z.string(), consentAt: z.string(), leftAt: z.string().nullable(),
});
export const WorkerPage = paged(WorkerRow).extend({ consentVersion: z.string() });
export const LeaveBody = z.object({ leftOn: day.optional() });
export const PartyStatusBody = z.object({ partyStatus: PartyStatus });

export const PartyOrgBody = z.object({ name: text(60), kind: PartyOrgKind, unitId: id, foundedOn: day, stationIds: z.array(id).min(1, '至少覆盖一个站点').max(50) });
export const PartyOrgQuery = PageQuery.extend({ status: LifeStatus.default('live') });
export const PartyOrgRow = z.object({
  id: z.number(), name: z.string(), kind: PartyOrgKind, unitName: z.string(), foundedOn: z.string(),
  stations: z.array(z.object({ id: z.number(), name: z.string() })), instructors: z.number(), ...ended,
});
export const PartyOrgPage = paged(PartyOrgRow);

export const InstructorBody = z.object({ partyOrgId: id, name: text(20), sentBy: text(60), phone: PhoneNumber.optional(), sentOn: day });
export const InstructorQuery = PageQuery.extend({ status: LifeStatus.default('live') });
export const InstructorRow = z.object({
  id: z.number(), name: z.string(), sentBy: z.string(), phoneMask: z.string().nullable(), sentOn: z.string(), endedOn: z.string().nullable(), endReason: z.string().nullable(),
  partyOrgId: z.number(), partyOrgName: z.string(),
});
export const InstructorPage = paged(InstructorRow);

export const CoverageQuery = z.object({ unitId: z.coerce.number().int().positive().optional() });
const Counts = z.object({
  stations: z.number(), coveredStations: z.number(), workers: z.number(), members: z.number(), applicants: z.number(),
  independentOrgs: z.number(), jointOrgs: z.number(), instructors: z.number(),
});
export const Coverage = z.object({
  unit: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  total: Counts,
  rows: z.array(Counts.extend({ unitId: z.number(), unitName: z.string() })),
});
export type CoverageCounts = z.infer<typeof Counts>;
