import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';

const id = z.number().int().positive();
const qid = z.coerce.number().int().positive();
const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}字`);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM');
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, '日期不存在');

export const InspectionKind = z.enum(['joint_survey', 'unannounced']);
export const InspectionStatus = z.enum(['planned', 'under_way', 'done', 'cancelled']);
export const ProblemCategory = z.enum(['service_position', 'grid', 'property', 'environment', 'burden', 'safety', 'other']);
export const ProblemStatus = z.enum(['found', 'handed_over', 'rectifying', 'reported', 'verified', 'sent_back']);
export const ProblemAction = z.enum(['hand_over', 'start', 'report', 'verify', 'send_back']);

export const Department = z.object({ id: z.number(), name: z.string(), orgName: z.string() });
export const DepartmentsQuery = z.object({ q: z.string().trim().max(30).optional() });

export const GroupBody = z.object({
  name: text(40, '专班名称'),
  leadDepartmentId: id,
  memberIds: z.array(id).max(40, '成员单位最多40个').default([]),
});
export type GroupBody = z.infer<typeof GroupBody>;
const Named = z.object({ id: z.number(), name: z.string() });
export const Group = z.object({ id: z.number(), name: z.string(), orgName: z.string(), lead: Named, members: z.array(Named) });

export const InspectionBody = z.object({
  kind: InspectionKind,
  title: text(80, '督查名称'),
  groupId: id,
  startsOn: Day,
  endsOn: Day,
  placeIds: z.array(id).min(1, '请选择督查地点').max(50, '督查地点最多50个'),
});
export type InspectionBody = z.infer<typeof InspectionBody>;
export const InspectionsQuery = PageQuery.extend({ status: InspectionStatus.optional() });
export type InspectionsQuery = z.infer<typeof InspectionsQuery>;
export const Inspection = z.object({
  id: z.number(), kind: InspectionKind, title: z.string(), status: InspectionStatus, groupId: z.number(), groupName: z.string(), orgName: z.string(),
  startsOn: z.string(), endsOn: z.string(), cancelReason: z.string().nullable(), problems: z.number(),
  places: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string() })), mayPlan: z.boolean(),
});
export const InspectionStepBody = z.object({ reason: z.string().trim().max(200, '原因不能超过200字').optional() });
export const InspectionStepResult = z.object({ status: InspectionStatus });

export const HandOverBody = z.object({
  to: z.enum(['county', 'department']),
  departmentId: id.optional(),
  deadline: Day,
});
export type HandOverBody = z.infer<typeof HandOverBody>;
export const ProblemBody = z.object({
  inspectionId: id,
  placeId: id,
  category: ProblemCategory,
  description: text(1000, '问题描述'),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  photoIds: z.array(id).max(9, '最多9张照片').default([]),
  handOver: HandOverBody.optional(),
});
export type ProblemBody = z.infer<typeof ProblemBody>;
export const ProblemResult = z.object({ id: z.number(), status: ProblemStatus });
export const StepBody = z.object({
  note: z.string().trim().max(1000, '说明不能超过1000字').optional(),
  photoIds: z.array(id).max(9, '最多9张照片').optional(),
  handOver: HandOverBody.optional(),
});
export type StepBody = z.infer<typeof StepBody>;
export const StepResult = z.object({ status: ProblemStatus });

export const ProblemsQuery = PageQuery.extend({
  status: ProblemStatus.optional(), inspectionId: qid.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ProblemsQuery = z.infer<typeof ProblemsQuery>;
export const ProblemItem = z.object({
  id: z.number(), inspectionId: z.number(), inspectionTitle: z.string(), placeId: z.number(), placeName: z.string(),
  category: ProblemCategory, description: z.string(), status: ProblemStatus,
  receiver: z.string().nullable(), receiverKind: z.enum(['county', 'department']).nullable(),
  deadline: z.string().nullable(), overdue: z.boolean(), escalatedAt: z.string().nullable(), escalatedTo: z.string().nullable(), foundAt: z.string(),
});
export const ProblemDetail = ProblemItem.extend({
  lat: z.number().nullable(), lng: z.number().nullable(), rectification: z.string().nullable(),
  reportedAt: z.string().nullable(), verifiedAt: z.string().nullable(), handedOverAt: z.string().nullable(),
  photos: z.array(z.string()), evidence: z.array(z.string()),
  steps: z.array(z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), note: z.string().nullable(), by: z.string().nullable(), at: z.string() })),
  actions: z.array(ProblemAction),
});

export const FiguresQuery = z.object({ from: month.optional(), to: month.optional() });
export type FiguresQuery = z.infer<typeof FiguresQuery>;
export const Figures = z.object({
  from: z.string(), to: z.string(),
  receivers: z.array(z.object({
    kind: z.enum(['county', 'department']), id: z.number(), name: z.string(), found: z.number(), rectified: z.number(), overdue: z.number(), averageDays: z.number().nullable(),
  })),
  months: z.array(z.object({ month: z.string(), found: z.number(), rectified: z.number(), overdue: z.number() })),
});
