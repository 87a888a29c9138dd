import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';


export const TaskTypeView = z.object({
  id: z.number(),
  countyCode: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  sourceDepartment: z.string().nullable(),
  active: z.boolean(),
});
export type TaskTypeView = z.infer<typeof TaskTypeView>;

/** Whose list: the caller's own county by default; a city admin names a county. */
export const TaskTypeQuery = z.object({ countyId: z.coerce.number().int().positive().optional() });

export const CreateTaskTypeBody = z.object({
  /** The county org unit whose list this is; must be the caller's. */
  countyId: z.number().int().positive(),
  code: z.string().trim().regex(/^[a-z0-9_]{2,40}$/, '编码只能用小写字母、数字和下划线'),
  name: z.string().trim().min(1).max(40),
  description: z.string().trim().max(500).default(''),
  sourceDepartment: z.string().trim().min(1).max(60).nullable().default(null),
});

export const UpdateTaskTypeBody = z.object({
  name: z.string().trim().min(1).max(40).optional(),
  description: z.string().trim().max(500).optional(),
  sourceDepartment: z.string().trim().min(1).max(60).nullable().optional(),
  active: z.boolean().optional(),
}).refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' });

export const AdoptDefaultsBody = z.object({ countyId: z.number().int().positive() });
export const AdoptDefaultsResult = z.object({ added: z.number(), items: z.array(TaskTypeView) });

export const TaskStatusSchema = z.enum(['open', 'done']);

export const TaskView = z.object({
  id: z.number(),
  typeCode: z.string(),
  typeName: z.string(),
  title: z.string(),
  detail: z.string(),
  gridId: z.number(),
  gridName: z.string(),
  fromDepartment: z.string().nullable(),
  assignedBy: z.string(),
  dueOn: z.string().nullable(),
  status: TaskStatusSchema,
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
});
export type TaskView = z.infer<typeof TaskView>;

export const PushTaskBody = z.object({
  gridId: z.number().int().positive(),
  /** A code of the county's list; without one, the title is matched against the list's names. */
  typeCode: z.string().trim().min(1).max(40).optional(),
  title: z.string().trim().min(1).max(80),
  detail: z.string().trim().max(2000).default(''),
  fromDepartment: z.string().trim().min(1).max(60).optional(),
  dueOn: Day.optional(),
});

export const TaskQuery = PageQuery.extend({
  gridId: z.coerce.number().int().positive().optional(),
  status: TaskStatusSchema.optional(),
});

export const DoneBody = z.object({ note: z.string().trim().min(1).max(1000) });

export const RefusalStatsQuery = z.object({ from: Day.optional(), to: Day.optional() });

export const RefusalStats = z.object({
  total: z.number(),
  byCaller: z.array(z.object({
    accountId: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    fromDepartment: z.string().nullable(),
    count: z.number(),
  })),
  byTitle: z.array(z.object({ title: z.string(), count: z.number() })),
});
