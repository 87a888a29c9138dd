import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ParseJob } from './parse-sheet.worker.js';
import { SheetError, tooLarge, type ParseOptions, type Sheet, type SheetErrorCode, type SheetRow } from './sheet-rows.js';

/**
 * Parses an upload in a separate Node process with its own heap limit and a wall-clock limit, so
 * that a file that gets past the parser's own limits costs that process, never the API: on
 * overrun it is killed and the import is refused with a clear message.
 *
 * Not a worker thread: a worker's `resourceLimits` are best-effort, and some allocations past
 * them abort the whole process, API included (nodejs/node#47224) — seen here with a large CSV.
 */

/** Heap of one parse process; the import runs at most two at once. */
export const PARSE_HEAP_MB = 256;
export const PARSE_TIMEOUT_MS = 120_000;

const ENTRY = fileURLToPath(new URL('./parse-sheet.worker.mjs', import.meta.url));
/** The end of what the parse process wrote to stderr: tells an out-of-memory abort from a crash. */
const STDERR_KEPT = 4_096;

export interface WorkerParseOptions extends Pick<ParseOptions, 'maxRows' | 'limits' | 'onProgress'> {
  /** Aborting kills the parse process; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  heapMb?: number;
  timeoutMs?: number;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'rows'; rows: SheetRow[] }
  | { type: 'progress'; rows: number }
  | { type: 'done'; header: string[] }
  | { type: 'refused'; code: SheetErrorCode; message: string; details: Record<string, unknown> }
  | { type: 'failed'; message: string };

export function parseSheetInWorker(file: Buffer, fileName: string, opts: WorkerParseOptions): Promise<Sheet> {
  const heapMb = opts.heapMb ?? PARSE_HEAP_MB;
  const timeoutMs = opts.timeoutMs ?? PARSE_TIMEOUT_MS;
  const { signal } = opts;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = fork(ENTRY, [], {
      // Only the heap limit: the parent's own flags (a loader, vitest's) are not the child's business.
      execArgv: [`--max-old-space-size=${heapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-STDERR_KEPT)));
    const rows: SheetRow[] = [];
    let settled = false;
    const finish = (err: unknown, sheet?: Sheet) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      child.kill('SIGKILL');
      if (err) reject(err);
      else resolve(sheet!);
    };
    const timer = setTimeout(() => {
      finish(tooLarge(`读取表格超过${Math.ceil(timeoutMs / 1000)}秒仍未完成，请拆分为多个文件后再导入`, { limit: 'seconds', max: timeoutMs / 1000 }));
    }, timeoutMs);
    const onAbort = () => finish(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    child.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'ready': {
          const job: ParseJob = { file, fileName, maxRows: opts.maxRows, limits: opts.limits };
          child.send(job);
          break;
        }
        case 'rows':
          for (const r of m.rows) rows.push(r);
          break;
        case 'progress':
          opts.onProgress?.(m.rows);
          break;
        case 'done':
          finish(null, { header: m.header, rows });
          break;
        case 'refused':
          finish(new SheetError(m.message, m.code, m.details));
          break;
        case 'failed':
          finish(new Error(`import parse process failed: ${m.message}`));
          break;
      }
    });
    child.on('error', (e) => finish(e));
    child.on('exit', (code, sig) => {
      // V8 prints its "heap out of memory" line and then a native stack; under load the process can
      // abort with only part of that read, so the stack's OOM frames count as the same answer.
      if (/heap out of memory|Reached heap limit|FatalProcessOutOfMemory|OOMErrorHandler/i.test(stderr)) {
        finish(tooLarge(`读取表格时超出内存上限（${heapMb}MB），请拆分为多个文件后再导入`, { limit: 'heapMb', max: heapMb }));
      } else finish(new Error(`import parse process exited (code ${code}, signal ${sig}) without an answer: ${stderr}`));
    });
  });
}
