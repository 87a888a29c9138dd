import { SheetError, parseSheet, type ParseOptions } from './parse-sheet.js';

/**
 * Runs in the parse process: takes one job from the first IPC message, posts the rows back in
 * batches, then the header, or the refusal. See parse-in-worker.ts for the other side.
 */
export interface ParseJob {
  file: Uint8Array;
  fileName: string;
  maxRows: number;
  limits?: ParseOptions['limits'];
}

const send = (message: unknown) => process.send!(message);

// The API process ends this one when it has the answer; if the API process dies, so does this.
process.on('disconnect', () => process.exit(0));
process.once('message', async (job: ParseJob) => {
  try {
    const file = Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength);
    const sheet = await parseSheet(file, job.fileName, {
      maxRows: job.maxRows,
      limits: job.limits,
      onRows: (rows) => send({ type: 'rows', rows }),
      onProgress: (n) => send({ type: 'progress', rows: n }),
    });
    send({ type: 'done', header: sheet.header });
  } catch (e) {
    if (e instanceof SheetError) send({ type: 'refused', code: e.code, message: e.message, details: e.details });
    else send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
send({ type: 'ready' });
