import { z } from 'zod';
import { CreditCode } from '../../platform/http/credit-code.js';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';
import { PhoneNumber } from '../../platform/pii/phone.js';

const id = z.number().int().positive();
const qid = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1, '请填写').max(max);
const reason = z.string().trim().min(2, '请说明理由').max(500);

export const CompanyStatus = z.enum(['active', 'exited']);
export const BranchKind = z.enum(['independent', 'joint']);
export const ServiceLevel = z.enum(['1', '2', '3', '4', '5']);
export const ContractStatus = z.enum(['active', 'ended', 'terminated']);
export const SanctionKind = z.enum(['interview', 'rectify', 'downgrade', 'exit', 'reselect']);
export const SanctionStatus = z.enum(['recorded', 'open', 'reported', 'verified', 'done']);
export const ReselectTo = z.enum(['new_company', 'self_run']);

export const Ok = z.object({ ok: z.boolean() });
export const Created = z.object({ id: z.number() });

// ---- register ----

export const CompaniesQuery = PageQuery.extend({ q: z.string().trim().max(40).optional(), status: CompanyStatus.optional() });
export const CompanyItem = z.object({
  id: z.number(), name: z.string(), creditCode: z.string(), qualification: z.string().nullable(), contactName: z.string(),
  phone: z.string().nullable(), status: CompanyStatus, branchKind: BranchKind.nullable(), branchName: z.string().nullable(),
  contracts: z.number(), instructors: z.number(), openSanctions: z.number(), createdAt: z.string(),
});
export type CompanyItem = z.infer<typeof CompanyItem>;
export const CreateCompanyBody = z.object({
  name: text(80), creditCode: CreditCode, qualification: z.string().trim().max(20).optional(), contactName: text(30), phone: PhoneNumber.optional(),
});

export const BranchItem = z.object({
  id: z.number(), kind: BranchKind, name: z.string(), secretaryName: z.string(), memberCount: z.number(), foundedOn: z.string().nullable(),
  companies: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type BranchItem = z.infer<typeof BranchItem>;
export const BranchesQuery = PageQuery.extend({ kind: BranchKind.optional() });
export const CreateBranchBody = z.object({
  kind: BranchKind, name: text(80), secretaryName: text(30), memberCount: z.number().int().min(0).max(10000), foundedOn: Day.optional(),
  companyIds: z.array(id).min(1, '请选择党组织覆盖的企业').max(50),
}).refine((b) => b.kind === 'joint' ? b.companyIds.length >= 2 : b.companyIds.length === 1, {
  message: '独立党支部覆盖一家企业，联合党支部覆盖两家及以上企业', path: ['companyIds'],
});

export const InstructorItem = z.object({
  id: z.number(), companyId: z.number(), name: z.string(), unit: z.string(), post: z.string(), phone: z.string().nullable(),
  fromOn: z.string(), toOn: z.string().nullable(), serving: z.boolean(),
});
export type InstructorItem = z.infer<typeof InstructorItem>;
export const CreateInstructorBody = z.object({
  name: text(30), unit: text(60), post: z.string().trim().max(40).optional(), phone: PhoneNumber.optional(), fromOn: Day, toOn: Day.optional(),
}).refine((b) => !b.toOn || b.toOn >= b.fromOn, { message: '结束日期不能早于开始日期', path: ['toOn'] });

// ---- contracts and compounds ----

export const ContractItem = z.object({
  id: z.number(), companyId: z.number(), companyName: z.string(), compoundId: z.number(), compoundName: z.string(), startsOn: z.string(), endsOn: z.string(),
  feePerM2: z.number(), serviceLevel: ServiceLevel, serviceStandard: z.string(), status: ContractStatus, endedOn: z.string().nullable(), endReason: z.string().nullable(),
});
export type ContractItem = z.infer<typeof ContractItem>;
export const CreateContractBody = z.object({
  companyId: id, compoundId: id, startsOn: Day, endsOn: Day,
  feePerM2: z.number().min(0, '收费标准不能为负').max(100, '收费标准过高，请核对（元/平方米·月）').multipleOf(0.01, '收费标准最多两位小数'),
  serviceLevel: ServiceLevel, serviceStandard: z.string().trim().max(200).optional(),
}).refine((b) => b.endsOn > b.startsOn, { message: '合同结束日期应晚于开始日期', path: ['endsOn'] });
export const EndContractBody = z.object({ status: z.enum(['ended', 'terminated']), reason });

export const CompoundsQuery = PageQuery.extend({
  orgId: qid.optional(), q: z.string().trim().max(40).optional(), served: z.enum(['with', 'without']).optional(),
});
export const CompoundItem = z.object({
  id: z.number(), name: z.string(), communityName: z.string(), gridType: z.string().nullable(),
  contract: ContractItem.nullable(),
  /** 重新选聘: the compound's last contract ended by a re-selection and none has followed. */
  reselectTo: ReselectTo.nullable(),
});
export type CompoundItem = z.infer<typeof CompoundItem>;

// ---- sanctions ----

export const SanctionStep = z.object({ action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), note: z.string(), actorName: z.string().nullable(), at: z.string() });
export const SanctionItem = z.object({
  id: z.number(), companyId: z.number(), companyName: z.string(), contractId: z.number().nullable(), compoundName: z.string().nullable(),
  kind: SanctionKind, status: SanctionStatus, reason: z.string(), basis: z.string().nullable(),
  interviewOn: z.string().nullable(), interviewPeople: z.string().nullable(), minutes: z.string().nullable(),
  task: z.string().nullable(), deadline: z.string().nullable(), overdue: z.boolean(),
  reportNote: z.string().nullable(), reportPhotoUrl: z.string().nullable(), reportedAt: z.string().nullable(),
  levelBefore: z.string().nullable(), levelAfter: z.string().nullable(), feeBefore: z.number().nullable(), feeAfter: z.number().nullable(),
  reselectTo: ReselectTo.nullable(), decidedBy: z.string(), decidedAt: z.string(), closedAt: z.string().nullable(),
  steps: z.array(SanctionStep),
});
export type SanctionItem = z.infer<typeof SanctionItem>;
export const SanctionsQuery = PageQuery.extend({ companyId: qid.optional(), kind: SanctionKind.optional(), status: SanctionStatus.optional() });

const common = { companyId: id, reason, basis: z.string().trim().max(80).optional() };
export const CreateSanctionBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('interview'), ...common, contractId: id.optional(), interviewOn: Day, interviewPeople: text(200), minutes: text(2000) }),
  z.object({ kind: z.literal('rectify'), ...common, contractId: id.optional(), task: text(500), deadline: Day }),
  z.object({
    kind: z.literal('downgrade'), ...common, contractId: id, serviceLevel: ServiceLevel.optional(),
    feePerM2: z.number().min(0).max(100).multipleOf(0.01, '收费标准最多两位小数').optional(),
  }).refine((b) => b.serviceLevel !== undefined || b.feePerM2 !== undefined, { message: '请填写降级后的服务等级或降费后的收费标准', path: ['serviceLevel'] }),
  z.object({ kind: z.literal('exit'), ...common }),
  z.object({ kind: z.literal('reselect'), ...common, contractId: id, reselectTo: ReselectTo }),
]);
export type CreateSanctionBody = z.infer<typeof CreateSanctionBody>;
export const StepBody = z.object({ note: reason });
export const ReportBody = z.object({ note: z.string().trim().min(2, '请说明整改情况').max(1000), photoId: id.optional() });

// ---- overview ----

export const Overview = z.object({
  companies: z.number(), activeCompanies: z.number(), withBranch: z.number(), withIndependentBranch: z.number(), withJointBranch: z.number(),
  branches: z.number(), jointBranches: z.number(), instructors: z.number(), servingInstructors: z.number(),
  compounds: z.number(), servedCompounds: z.number(), contracts: z.number(),
  downgradedCompanies: z.number(), downgradedProjects: z.number(), exited: z.number(), reselected: z.number(),
  interviews: z.number(), rectifyOpen: z.number(), rectifyOverdue: z.number(),
});
export type Overview = z.infer<typeof Overview>;

export const CompanyDetail = CompanyItem.extend({
  branch: BranchItem.nullable(), instructors: z.array(InstructorItem), contracts: z.array(ContractItem), exitedAt: z.string().nullable(),
  /** The county whose register holds it: its credit scores are that county's. */
  countyId: z.number(),
});
export type CompanyDetail = z.infer<typeof CompanyDetail>;

// ---- the company's own view ----

export const MyCompany = z.object({
  company: z.object({ id: z.number(), name: z.string(), status: CompanyStatus }),
  compounds: z.array(z.object({ id: z.number(), name: z.string(), communityName: z.string(), contractId: z.number(), endsOn: z.string(), serviceLevel: ServiceLevel, feePerM2: z.number(), openDemands: z.number() })),
  openSanctions: z.number(), overdue: z.number(),
});
export type MyCompany = z.infer<typeof MyCompany>;
export const MyDemandsQuery = PageQuery.extend({ open: z.enum(['1', '0']).optional() });
export const MyDemand = z.object({ id: z.number(), description: z.string(), state: z.string(), placeName: z.string(), rating: z.string().nullable(), createdAt: z.string(), dueAt: z.string() });
export type MyDemand = z.infer<typeof MyDemand>;
export const MySanctionsQuery = PageQuery;
