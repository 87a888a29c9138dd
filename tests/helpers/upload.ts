import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { csvField } from '../../server/modules/org/import/render-template.js';
import type { Session } from './test-app.js';

/** A multipart/form-data body with one file in the field `file`, built by hand (as a browser sends it). */
export function multipart(fileName: string, content: Buffer | string) {
  const boundary = `----linli${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n`),
    Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A CSV file as Excel saves it for Chinese text: BOM, CRLF, fields quoted where needed. */
export const csv = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

/** Posts a file to the import of `kind` as `s` (multipart, with the session's cookie and CSRF token). */
export async function uploadImport(app: FastifyInstance, s: Session, kind: string, fileName: string, content: Buffer | string) {
  const body = multipart(fileName, content);
  const res = await app.inject({
    method: 'POST', url: `/api/org/import/${kind}`, payload: body.payload,
    headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  return { status: res.statusCode, body: res.json() };
}

/** Polls an import job until it is done or failed; every state seen on the way must make sense. */
export async function importFinished(s: Session, jobId: number) {
  for (let i = 0; i < 600; i++) {
    const res = await s.request('GET', `/api/org/import/jobs/${jobId}`);
    expect(res.status).toBe(200);
    const job = res.body;
    expect(['validating', 'importing', 'done', 'failed']).toContain(job.status);
    if (job.total > 0) expect(job.processed).toBeLessThanOrEqual(job.total);
    if (job.status === 'done' || job.status === 'failed') return job;
    await sleep(20);
  }
  throw new Error(`import job ${jobId} did not finish`);
}

/** Uploads and waits for the job's end; the upload itself must be accepted (202). */
export async function importFile(app: FastifyInstance, s: Session, kind: string, fileName: string, content: Buffer | string) {
  const res = await uploadImport(app, s, kind, fileName, content);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return importFinished(s, res.body.jobId);
}
