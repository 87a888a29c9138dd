import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app-context.js';
import { writeAudit } from '../../../platform/audit.js';
import { can } from '../../../platform/auth/permissions.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { IdParams } from '../../../platform/http/paging.js';
import { authOf } from '../../../platform/http/request-context.js';
import { IMPORT_TEMPLATES, type ImportKind } from './import-templates.js';
import { AccountSheetView, ImportJobView, ImportKindParams, ImportStarted, TemplateParams } from './import.schemas.js';
import { renderCsvTemplate, renderXlsxTemplate } from './render-template.js';
import { ImportRunner, type CreatedAccount } from './run-import.service.js';
import { findErrorReport, takeAccountSheet } from './import-job.repository.js';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

export async function orgImportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const runner = new ImportRunner(ctx.database, app.log, ctx.cipher, ctx.clock);
  app.addHook('onClose', () => runner.close());
  const tags = ['org-import'];
  const templates = new Map<string, Promise<Buffer>>();

  r.get('/org/import/templates/:file', {
    config: { permission: 'org.read' },
    schema: {
      tags, summary: '下载导入模板（xlsx 含“说明”工作表；csv 为 UTF-8）', params: TemplateParams,
      produces: [CONTENT_TYPES.xlsx, 'text/csv'],
    },
    handler: async (req, reply) => {
      const [kind, ext] = req.params.file.split('.') as [ImportKind, 'xlsx' | 'csv'];
      let body = templates.get(req.params.file);
      if (!body) {
        body = ext === 'xlsx' ? renderXlsxTemplate(kind) : Promise.resolve(renderCsvTemplate(kind));
        templates.set(req.params.file, body);
      }
      const title = `${IMPORT_TEMPLATES[kind].title}导入模板.${ext}`;
      return reply
        .header('content-type', CONTENT_TYPES[ext])
        .header('content-disposition', `attachment; filename="${req.params.file}"; filename*=UTF-8''${encodeURIComponent(title)}`)
        .header('cache-control', 'no-cache')
        .send(await body);
    },
  });

  r.post('/org/import/:kind', {
    config: { permission: 'org.write' },
    schema: {
      tags,
      summary: '上传 .xlsx 或 .csv 导入（multipart，字段名 file）',
      description:
        '立即返回任务号；先校验全部行，有任何错误则不写入任何数据；全部通过后在一个事务中写入。用 GET /api/org/import/jobs/:id 查询进度与结果。' +
        '文件超过50MB，或 .xlsx 声明解压后超过128MB、压缩比异常时，立即以 413 IMPORT_TOO_LARGE 拒绝；' +
        '读取时才发现的超限（超过20万行、100列、单元格超过32767个字符、实际解压大小与声明不符、读取超时或超出内存）使任务失败，message 说明原因。',
      consumes: ['multipart/form-data'],
      params: ImportKindParams,
      response: { 202: ImportStarted },
    },
    handler: async (req, reply) => {
      const auth = authOf(req);
      // Staff records are the workforce module's: the same permission as registering one.
      if (req.params.kind === 'staff' && !can(auth.actor.role, 'workforce.write')) {
        throw new AppError('FORBIDDEN', '您没有登记工作人员的权限');
      }
      if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 方式上传文件（字段名 file）');
      const part = await req.file();
      if (!part || part.fieldname !== 'file') {
        part?.file.resume();
        throw new AppError('VALIDATION_FAILED', '请选择要上传的文件（字段名 file）');
      }
      let file: Buffer;
      try {
        file = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('IMPORT_TOO_LARGE', '文件超过50MB，请拆分为多个文件分批导入', { limit: 'fileBytes', max: 50 * 1024 * 1024 });
        }
        throw e;
      }
      const fileName = path.basename(part.filename.replace(/\\/g, '/')).slice(-200) || 'upload';
      const ext = path.extname(fileName).toLowerCase();
      if (ext === '.xls') throw new AppError('VALIDATION_FAILED', '不支持旧版 .xls 文件，请在Excel中另存为 .xlsx 后上传');
      if (ext !== '.xlsx' && ext !== '.csv') throw new AppError('VALIDATION_FAILED', '只支持 .xlsx 或 .csv 文件，请使用下载的模板');
      if (file.length === 0) throw new AppError('VALIDATION_FAILED', '上传的文件是空的');
      const jobId = await runner.start(auth.actor, auth.scope, req.params.kind, fileName, file);
      return reply.status(202).send({ jobId });
    },
  });

  r.get('/org/import/jobs/:id/error-report', {
    config: { permission: 'org.write' },
    schema: {
      tags,
      summary: '下载失败导入的错误报告（.xlsx：上传的各行原样保留，最后加“错误”列；改正后可直接重新上传）',
      description: '只有校验发现数据行错误的任务才有错误报告（任务的 hasErrorReport 为 true）。报告含上传时填写的身份证号和手机号，加密保存，只有上传者本人可以下载，每次下载记入审计日志。',
      params: IdParams,
      produces: [CONTENT_TYPES.xlsx],
    },
    handler: async (req, reply) => {
      const auth = authOf(req);
      const found = await findErrorReport(ctx.database.db, auth.scope, auth.actor.accountId, req.params.id);
      if (!found) throw notFound('错误报告');
      const report = Buffer.from(ctx.cipher.decrypt(found.sealed), 'base64');
      await writeAudit(ctx.database.db, auth.actor, {
        action: 'org.import_error_report', entity: 'import_job', entityId: req.params.id, orgPath: found.orgPath, countyCode: found.countyCode,
      });
      const title = `${IMPORT_TEMPLATES[found.kind].title}导入错误报告-${req.params.id}.xlsx`;
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="import-errors-${req.params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(title)}`)
        .header('cache-control', 'no-store')
        .send(report);
    },
  });

  r.post('/org/import/jobs/:id/accounts', {
    config: { permission: 'accounts.manage' },
    schema: {
      tags,
      summary: '取走工作人员导入开通的账号清单（用户名和临时密码，只能取一次）',
      description:
        '只有上传者本人可以取，取走的同时从服务器删除（临时密码不再保存在任何地方，只有不可逆的密码散列）；' +
        '没有取走的清单在导入结束30天后删除。再次请求返回 404。忘记保存时，请在账号管理中重置该账号的密码。每次取走记入审计日志。',
      params: IdParams,
      response: { 200: AccountSheetView },
    },
    handler: async (req) => {
      const auth = authOf(req);
      const items = await ctx.database.db.transaction().execute(async (trx) => {
        const found = await takeAccountSheet(trx, auth.scope, auth.actor.accountId, req.params.id);
        if (!found) return null;
        const list = JSON.parse(ctx.cipher.decrypt(found.sealed)) as CreatedAccount[];
        await writeAudit(trx, auth.actor, {
          action: 'org.import_accounts', entity: 'import_job', entityId: req.params.id, orgPath: found.orgPath, countyCode: found.countyCode,
          after: { usernames: list.map((a) => a.username) },
        });
        return list;
      });
      if (!items) throw new AppError('NOT_FOUND', '账号清单不存在或已经取走（只显示一次）；如需新的临时密码，请在账号管理中重置密码');
      return { jobId: req.params.id, items };
    },
  });

  r.get('/org/import/jobs/:id', {
    config: { permission: 'org.write' },
    schema: {
      tags,
      summary: '导入任务的进度与结果（含每个错误的行号、列名和原因）',
      description:
        '普通请求返回当前状态。请求头 Accept: text/event-stream（如浏览器的 EventSource）时改为事件流：' +
        '每次进度变化发送一个 progress 事件，结束时发送 end 事件并关闭连接；数据均为同样的任务对象。' +
        '内置数据库在写入事务期间无法处理新请求，事件流是那时仍能看到写入进度的方式。',
      params: IdParams,
      response: { 200: ImportJobView },
    },
    handler: async (req, reply) => {
      const auth = authOf(req);
      const first = await runner.describe(auth.actor, auth.scope, req.params.id);
      if (!req.headers.accept?.includes('text/event-stream')) return first;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      try {
        for await (const view of runner.follow(auth.actor, auth.scope, req.params.id, gone.signal)) {
          const end = view.status === 'done' || view.status === 'failed';
          res.write(`event: ${end ? 'end' : 'progress'}\ndata: ${JSON.stringify(view)}\n\n`);
        }
      } catch (e) {
        if (!gone.signal.aborted) req.log.error({ err: e }, 'import progress stream failed');
      } finally {
        res.end();
      }
    },
  });
}
