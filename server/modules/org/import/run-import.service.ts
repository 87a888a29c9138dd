import { setImmediate as nextTick, setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Insertable } from 'kysely';
import type { HouseholdTable, OrgEventTable, OrgUnitTable } from '../../../database.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Database } from '../../../platform/db/connect.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { Scope } from '../../../platform/scope.js';
import * as data from './import-data.repository.js';
import * as jobs from './import-job.repository.js';
import { MAX_DATA_ROWS, type ImportKind } from './import-templates.js';
import type { ImportJobView } from './import.schemas.js';
import { parseSheetInWorker } from './parse-in-worker.js';
import { SHEET_LIMITS, SheetError, type Sheet } from './parse-sheet.js';
import { openXlsx } from './read-xlsx.js';
import {
  referencedCodes, roomKey, validationSteps, type ExistingUnit, type KnownData, type ValidationResult,
} from './validate-rows.js';

/**
 * Runs imports in the background of this process: parse (in a separate process with its own
 * memory and time limits, parse-in-worker.ts) → validate every row → one write transaction. The
 * job row in the database holds the outcome; while a job runs, its progress lives here in
 * memory, because on PGlite the one connection belongs to the write transaction and a progress
 * row could not be written (or read) until it commits.
 */

/** Rows per INSERT statement in the write phase. */
const BATCH = 500;
/** Jobs parsing or writing at the same time; the others wait their turn. */
const MAX_CONCURRENT = 2;
/** On PostgreSQL, how often a running job says it is alive, and when silence means it died. */
const HEARTBEAT_MS = 15_000;
const STALE_AFTER_MS = 90_000;
/** How often a followed job is looked at. */
const FOLLOW_MS = 250;
/** On PostgreSQL, the least time between two progress writes of one job. */
const PROGRESS_WRITE_MS = 1_000;

export const RESTARTED_MESSAGE = '服务重启，导入未完成，未写入任何数据，请重新上传';
const CLOSING_MESSAGE = '服务正在关闭，导入未完成，未写入任何数据，请重新上传';

interface LiveJob {
  id: number;
  accountId: number;
  orgPath: string;
  kind: ImportKind;
  fileName: string;
  createdAt: Date;
  status: 'validating' | 'importing';
  total: number;
  processed: number;
  lastWrite: number;
  writing: Promise<void> | null;
}

class ImportStopped extends Error {}

/** Refusals found only inside the write transaction (the tree changed since validation). */
class ImportConflict extends Error {}

class Slots {
  #free: number;
  #waiting: (() => void)[] = [];
  constructor(n: number) {
    this.#free = n;
  }
  async acquire(): Promise<() => void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((r) => this.#waiting.push(r));
    return () => {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}

export class ImportRunner {
  readonly #live = new Map<number, LiveJob>();
  readonly #running = new Set<Promise<void>>();
  readonly #slots = new Slots(MAX_CONCURRENT);
  readonly #heartbeat: NodeJS.Timeout | null = null;
  /** Aborted on close: kills parse processes still running. */
  readonly #stop = new AbortController();
  #closing = false;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
  ) {
    if (database.kind === 'postgres') {
      this.#heartbeat = setInterval(() => {
        jobs.heartbeat(this.database.db, [...this.#live.keys()]).catch((e) => this.log.warn({ err: e }, 'import heartbeat failed'));
      }, HEARTBEAT_MS);
      this.#heartbeat.unref();
    }
  }

  /**
   * Records the job and starts it; returns as soon as the job row exists. An .xlsx whose zip
   * directory already declares too much is refused here, before any job exists.
   */
  async start(actor: Actor, scope: Scope, kind: ImportKind, fileName: string, file: Buffer): Promise<number> {
    if (fileName.toLowerCase().endsWith('.xlsx')) await refuseOversizedXlsx(file);
    const id = await jobs.insertJob(this.database.db, {
      accountId: actor.accountId, kind, fileName, orgPath: scope.path, countyCode: scope.countyCode,
    });
    const live: LiveJob = {
      id, accountId: actor.accountId, orgPath: scope.path, kind, fileName, createdAt: new Date(),
      status: 'validating', total: 0, processed: 0, lastWrite: 0, writing: null,
    };
    this.#live.set(id, live);
    const run: Promise<void> = this.#run(live, file, actor, scope).finally(() => {
      this.#live.delete(id);
      this.#running.delete(run);
    });
    this.#running.add(run);
    return id;
  }

  /** A job as its reader may see it; unfinished jobs no process is running are reported failed. */
  async describe(actor: Actor, scope: Scope, id: number): Promise<ImportJobView> {
    // Memory first, then the row: a job leaves memory only after its outcome is committed.
    const live = this.#live.get(id);
    if (live) {
      if (live.accountId !== actor.accountId && !scope.contains(live.orgPath)) throw notFound('导入任务');
      return {
        id, kind: live.kind, fileName: live.fileName, status: live.status, total: live.total, processed: live.processed,
        errors: [], errorCount: 0, imported: 0, importedByKind: {}, message: null,
        createdAt: live.createdAt.toISOString(), finishedAt: null,
      };
    }
    const row = await jobs.findJob(this.database.db, scope, actor.accountId, id);
    if (!row) throw notFound('导入任务');
    const view: ImportJobView = {
      id: row.id, kind: row.kind, fileName: row.file_name, status: row.status, total: row.total, processed: row.processed,
      errors: row.errors ?? [], errorCount: row.error_count, imported: row.imported, importedByKind: row.imported_by_kind ?? {},
      message: row.message, createdAt: row.created_at.toISOString(), finishedAt: row.finished_at?.toISOString() ?? null,
    };
    if (jobs.RUNNING.includes(row.status) && this.#orphaned(row.updated_at)) {
      return { ...view, status: 'failed', message: RESTARTED_MESSAGE };
    }
    return view;
  }

  /**
   * The job's state each time it changes, until it is done or failed. For a job of this process
   * it reads only memory, so it keeps reporting while a PGlite write transaction holds the one
   * connection (a fresh request could not even be signed in until it commits).
   */
  async *follow(actor: Actor, scope: Scope, id: number, signal: AbortSignal): AsyncGenerator<ImportJobView> {
    let last = '';
    for (;;) {
      const view = await this.describe(actor, scope, id);
      const key = `${view.status}/${view.total}/${view.processed}`;
      if (key !== last) yield view;
      last = key;
      if (view.status === 'done' || view.status === 'failed' || this.#closing) return;
      await sleep(FOLLOW_MS, undefined, { signal });
    }
  }

  /** Stops running jobs (their transactions roll back) and waits for them to record it. */
  async close() {
    this.#closing = true;
    this.#stop.abort();
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    await Promise.allSettled([...this.#running]);
  }

  /**
   * PGlite is one process (the data folder is locked), so a running job not in this process's
   * memory died with an earlier one. PostgreSQL may serve several processes: there, only a job
   * whose heartbeat stopped is dead.
   */
  #orphaned(updatedAt: Date) {
    return this.database.kind === 'pglite' || Date.now() - updatedAt.getTime() > STALE_AFTER_MS;
  }

  #stopIfClosing() {
    if (this.#closing) throw new ImportStopped();
  }

  /** Progress goes to memory always, and to the job row on PostgreSQL (another connection). */
  #progress(live: LiveJob, p: { status?: LiveJob['status']; total?: number; processed?: number }, force = false) {
    Object.assign(live, p);
    if (this.database.kind !== 'postgres' || live.writing) return;
    if (!force && Date.now() - live.lastWrite < PROGRESS_WRITE_MS) return;
    live.lastWrite = Date.now();
    live.writing = jobs
      .updateProgress(this.database.db, live.id, { status: live.status, total: live.total, processed: live.processed })
      .catch((e) => this.log.warn({ err: e, jobId: live.id }, 'import progress write failed'))
      .finally(() => (live.writing = null));
  }

  async #run(live: LiveJob, file: Buffer | null, actor: Actor, scope: Scope) {
    const release = await this.#slots.acquire();
    try {
      this.#stopIfClosing();
      const sheet = await parseSheetInWorker(file!, live.fileName, {
        maxRows: MAX_DATA_ROWS,
        onProgress: (n) => this.#progress(live, { processed: n }),
        signal: this.#stop.signal,
      }).catch((e) => {
        throw this.#closing ? new ImportStopped() : e;
      });
      file = null;
      this.#progress(live, { total: sheet.rows.length, processed: 0 }, true);
      const result = await this.#validate(live, sheet, scope);
      if (result.errorCount) {
        await jobs.finishJob(this.database.db, live.id, {
          status: 'failed', total: sheet.rows.length, processed: sheet.rows.length,
          errorCount: result.errorCount, errors: result.errors,
          message: `发现${result.errorCount}处错误，未写入任何数据。请按行号改正后重新上传整个文件`,
        });
        return;
      }
      this.#stopIfClosing();
      await live.writing;
      this.#progress(live, { status: 'importing', processed: 0 }, true);
      await this.#write(live, result, actor, scope);
    } catch (e) {
      await this.#fail(live, e);
    } finally {
      release();
      await live.writing;
    }
  }

  async #validate(live: LiveJob, sheet: Sheet, scope: Scope): Promise<ValidationResult> {
    const db = this.database.db;
    const units = await data.findLiveUnitsByCode(db, [...referencedCodes(live.kind, sheet)]);
    const unitsByCode = new Map<string, ExistingUnit>(
      units.map((u) => [u.code, { id: u.id, code: u.code, kind: u.kind, name: u.name, path: u.path, countyCode: u.county_code }]),
    );
    let takenRooms = new Set<string>();
    if (live.kind === 'households') {
      const ids = units.filter((u) => u.kind === 'unit' && scope.contains(u.path)).map((u) => u.id);
      takenRooms = new Set((await data.findRooms(db, ids)).map((r) => roomKey(r.unit_id, r.room)));
    }
    const known: KnownData = { scopePath: scope.path, unitsByCode, takenRooms };
    const steps = validationSteps(live.kind, sheet, known);
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
      this.#progress(live, { processed: s.value });
      // Long files: let requests (progress polls among them) in between chunks.
      await nextTick();
      this.#stopIfClosing();
    }
  }

  async #write(live: LiveJob, plan: ValidationResult, actor: Actor, scope: Scope) {
    const total = live.total;
    const byKind: Record<string, number> = {};
    for (const u of plan.units) byKind[u.kind] = (byKind[u.kind] ?? 0) + 1;
    if (plan.households.length) byKind.household = plan.households.length;
    const imported = plan.units.length + plan.households.length;

    // Rows written so far: items come in row order, and every valid row yields at least one.
    let rowsDone = 0;
    let lastRow = -1;
    const countRow = (row: number) => {
      if (row !== lastRow) {
        rowsDone++;
        lastRow = row;
      }
    };

    await this.database.db.transaction().execute(async (trx) => {
      const parentIds = new Set<number>();
      for (const u of plan.units) if ('existingId' in u.parent) parentIds.add(u.parent.existingId);
      for (const h of plan.households) parentIds.add(h.unitId);
      const parents = new Map((await data.lockParents(trx, [...parentIds])).map((p) => [p.id, p]));
      for (const id of parentIds) {
        const p = parents.get(id);
        if (!p || !scope.contains(p.path)) {
          throw new ImportConflict('校验之后，部分上级组织已被撤销、合并或调出您的管辖范围，未写入任何数据，请重新上传');
        }
      }

      const ids = await data.allocateUnitIds(trx, plan.units.length);
      const placed: { path: string; depth: number; county_code: string }[] = new Array(plan.units.length);
      for (let start = 0; start < plan.units.length; start += BATCH) {
        const units: Insertable<OrgUnitTable>[] = [];
        const events: Insertable<OrgEventTable>[] = [];
        for (let i = start; i < Math.min(start + BATCH, plan.units.length); i++) {
          const u = plan.units[i];
          const parentId = 'existingId' in u.parent ? u.parent.existingId : ids[u.parent.planned];
          const parent = 'existingId' in u.parent ? parents.get(u.parent.existingId)! : placed[u.parent.planned];
          const id = ids[i];
          const at = (placed[i] = { path: `${parent.path}${id}.`, depth: parent.depth + 1, county_code: parent.county_code });
          units.push({
            id, parent_id: parentId, kind: u.kind, code: u.code, name: u.name, ...at,
            grid_type: u.gridType, geometry: u.geometry ? JSON.stringify(u.geometry) : null,
          });
          events.push({
            org_id: id, kind: 'create', account_id: actor.accountId, org_path: at.path, county_code: at.county_code,
            detail: JSON.stringify({ source: 'import', jobId: live.id, name: u.name, code: u.code, parentId }),
          });
          countRow(u.row);
        }
        await data.insertUnits(trx, units);
        await data.insertEvents(trx, events);
        await this.#batchDone(live, rowsDone);
      }

      for (let start = 0; start < plan.households.length; start += BATCH) {
        const rows: Insertable<HouseholdTable>[] = [];
        for (const h of plan.households.slice(start, start + BATCH)) {
          const unit = parents.get(h.unitId)!;
          rows.push({
            unit_id: h.unitId, org_path: unit.path, county_code: unit.county_code,
            room: h.room, address: h.address, area_m2: h.areaM2, kind: h.kind,
          });
          countRow(h.row);
        }
        await data.insertHouseholds(trx, rows);
        await this.#batchDone(live, rowsDone);
      }

      await writeAudit(trx, actor, {
        action: 'org.import', entity: 'import_job', entityId: live.id, orgPath: scope.path, countyCode: scope.countyCode,
        after: { kind: live.kind, fileName: live.fileName, rows: total, imported, importedByKind: byKind },
      });
      // The outcome commits with the data: a crash after this point cannot leave "done" unsaid.
      await live.writing;
      await jobs.finishJob(trx, live.id, {
        status: 'done', total, processed: total, imported, importedByKind: byKind, errorCount: 0, errors: [], message: null,
      });
    });
    live.processed = total;
  }

  /**
   * After each batch: record progress and give the event loop a turn. PGlite runs queries
   * synchronously, so without this the whole process (timers, other requests) would stand still
   * until the transaction ends.
   */
  async #batchDone(live: LiveJob, rowsDone: number) {
    this.#progress(live, { processed: rowsDone });
    await nextTick();
    this.#stopIfClosing();
  }

  async #fail(live: LiveJob, e: unknown) {
    let message: string;
    if (e instanceof SheetError || e instanceof ImportConflict) message = e.message;
    else if (e instanceof ImportStopped) message = CLOSING_MESSAGE;
    else if ((e as { code?: string })?.code === '23505') {
      message = '写入时发现编码或房号与已有数据重复（可能在校验之后被他人新建），未写入任何数据，请重新上传';
    } else {
      this.log.error({ err: e, jobId: live.id }, 'import failed');
      message = '导入时发生内部错误，未写入任何数据，请稍后重试';
    }
    await live.writing;
    try {
      await jobs.finishJob(this.database.db, live.id, { status: 'failed', total: live.total, message });
    } catch (err) {
      this.log.error({ err, jobId: live.id }, 'could not record the failed import');
    }
  }
}

/**
 * Reads only the zip's directory (nothing is inflated): a file declaring more than the limits
 * allow is answered at once with IMPORT_TOO_LARGE. Any other problem is left to the parse, which
 * reports it on the job as before.
 */
async function refuseOversizedXlsx(file: Buffer) {
  try {
    (await openXlsx(file, SHEET_LIMITS)).zip.close();
  } catch (e) {
    if (e instanceof SheetError && e.code === 'IMPORT_TOO_LARGE') throw new AppError('IMPORT_TOO_LARGE', e.message, e.details);
  }
}
