import { z } from 'zod';
import { IMPORT_KINDS } from './import-templates.js';

const KIND_LIST = IMPORT_KINDS.join('、');
export const ImportKindSchema = z.enum(IMPORT_KINDS, { message: `导入类型应为${KIND_LIST}之一` });

export const ImportKindParams = z.object({ kind: ImportKindSchema });

export const TemplateParams = z.object({
  file: z
    .string()
    .regex(new RegExp(`^(${IMPORT_KINDS.join('|')})\\.(xlsx|csv)$`), `模板应为 <类型>.xlsx 或 <类型>.csv，类型为${KIND_LIST}之一`),
});

export const ImportStarted = z.object({ jobId: z.number() });

export const RowErrorView = z.object({
  row: z.number().describe('Excel中的行号，第1行是列名'),
  column: z.string().nullable().describe('列名；整行或整个文件的问题为 null'),
  message: z.string(),
});

export const ImportJobView = z.object({
  id: z.number(),
  kind: ImportKindSchema,
  fileName: z.string(),
  status: z.enum(['validating', 'importing', 'done', 'failed']),
  total: z.number().describe('文件中的数据行数；读取文件期间为 0'),
  processed: z.number().describe('validating：已读取/校验的行数；importing：已写入的行数'),
  errors: z.array(RowErrorView).describe('前1000处错误'),
  errorCount: z.number(),
  imported: z.number().describe('新建的记录数（组织单元与住户；居民、党员、商户或工作人员）'),
  importedByKind: z.record(z.string(), z.number()).describe('按类型计的新建数，如 {"building":10,"unit":30}、{"resident":1000,"household":20} 或 {"staff":12,"account":5}'),
  message: z.string().nullable(),
  hasErrorReport: z.boolean().describe('可用 GET /api/org/import/jobs/:id/error-report 下载错误报告（原文件各行加“错误”列）'),
  hasAccountSheet: z.boolean().describe('工作人员导入开通了账号、且账号清单尚未取走：用 POST /api/org/import/jobs/:id/accounts 取一次'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof ImportJobView>;

export const CreatedAccountView = z.object({
  row: z.number().describe('Excel中的行号'),
  name: z.string(),
  orgName: z.string(),
  role: z.enum(['grid_worker', 'community_worker', 'community_secretary']),
  username: z.string(),
  temporaryPassword: z.string().describe('临时密码，首次登录须修改'),
});
export const AccountSheetView = z.object({ jobId: z.number(), items: z.array(CreatedAccountView) });
