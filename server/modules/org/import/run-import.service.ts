import { setImmediate as nextTick, setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Insertable } from 'kysely';
import type {
  AccountTable, DB, HouseholdTable, MerchantTable, OrgEventTable, OrgUnitTable, PartyMemberTable, StaffTable,
} from '../../../database.js';
import { writeAudit } from '../../../platform/audit.js';
import { ROLE_RANK, can } from '../../../platform/auth/permissions.js';
import { hashPassword } from '../../../platform/auth/password.js';
import { scheduleJob, type JobHandler } from '../../../platform/jobs.js';
import { temporaryPassword } from '../../accounts/index.js';
import type { Database } from '../../../platform/db/connect.js';
import type { Kysely, Transaction } from 'kysely';
import { chinaDay, systemClock, type Clock } from '../../../platform/clock.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { PiiCipher } from '../../../platform/pii/cipher.js';
import { maskIdNumber, maskPhone } from '../../../platform/pii/id-number.js';
import type { Scope } from '../../../platform/scope.js';
import { renderErrorReport, reportable } from './error-report.js';
import * as data from './import-data.repository.js';
import * as jobs from './import-job.repository.js';
import {
  ACCOUNT_ROLE_WORDS, IMPORT_TEMPLATES, MAX_DATA_ROWS, isPeopleKind, type ImportKind, type PeopleKind, type StaffAccountRole,
} from './import-templates.js';
import type { ImportJobView } from './import.schemas.js';
import { parseSheetInWorker } from './parse-in-worker.js';
import { residentCopyBatch, type ResidentRow } from './resident-seal.js';
import { sealInBatches } from './seal-in-worker.js';
import { SHEET_LIMITS, SheetError, type Sheet } from './parse-sheet.js';
import * as people from './people-import.repository.js';
import { openXlsx } from './read-xlsx.js';
import { peopleLookups, peopleValidationSteps, type PeopleKnown, type PeoplePlan } from './validate-people.js';
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
/** Residents per statement: one array per column (unnest) or COPY, so a batch can be much larger. */
const PEOPLE_BATCH = 5000;
/** Resident batches sealed, or being sealed, ahead of the one being written. */
const SEAL_AHEAD = 4;
/** Jobs parsing or writing at the same time; the others wait their turn. */
const MAX_CONCURRENT = 2;
/** On PostgreSQL, how often a running job says it is alive, and when silence means it died. */
const HEARTBEAT_MS = 15_000;
const STALE_AFTER_MS = 90_000;
/** How often a followed job is looked at. */
const FOLLOW_MS = 250;
/** On PostgreSQL, the least time between two progress writes of one job. */
const PROGRESS_WRITE_MS = 1_000;

/**
 * Error reports hold the rows as typed (ID numbers, phones): they are erased this many days after
 * the job ends, by a timer row (`org.import.sweep`, importJobHandlers). An account sheet not yet
 * shown goes with them.
 */
export const REPORT_RETENTION_DAYS = 30;
const SWEEP_JOB = 'org.import.sweep';

/** One account a staff import opened, as its uploader sees it once. */
export interface CreatedAccount {
  row: number;
  name: string;
  orgName: string;
  role: StaffAccountRole;
  username: string;
  temporaryPassword: string;
}

async function scheduleSweep(db: Kysely<DB> | Transaction<DB>, jobId: number, countyCode: string, now: Date) {
  await scheduleJob(db, {
    kind: SWEEP_JOB, runAt: new Date(now.getTime() + REPORT_RETENTION_DAYS * 86400_000), payload: { jobId },
    countyCode, dedupeKey: `org_import_job:${jobId}:sweep`,
  });
}

/** The retention timer: the sealed report and any unshown account sheet of one job are erased. */
export function importJobHandlers(): Record<string, JobHandler> {
  return {
    [SWEEP_JOB]: async (trx, job) => {
      const { jobId } = job.payload as { jobId: number };
      await jobs.eraseSealed(trx, jobId);
    },
  };
}

export const RESTARTED_MESSAGE = '服务重启，导入未完成，未写入任何数据，请重新上传';
const CLOSING_MESSAGE = '服务正在关闭，导入未完成，未写入任何数据，请重新上传';

interface LiveJob {
  id: number;
  accountId: number;
  orgPath: string;
  countyCode: string;
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
    private readonly cipher: PiiCipher,
    private readonly clock: Clock = systemClock,
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
      id, accountId: actor.accountId, orgPath: scope.path, countyCode: scope.countyCode, kind, fileName, createdAt: this.clock.now(),
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
        errors: [], errorCount: 0, imported: 0, importedByKind: {}, message: null, hasErrorReport: false, hasAccountSheet: false,
        createdAt: live.createdAt.toISOString(), finishedAt: null,
      };
    }
    const row = await jobs.findJob(this.database.db, scope, actor.accountId, id);
    if (!row) throw notFound('导入任务');
    const view: ImportJobView = {
      id: row.id, kind: row.kind, fileName: row.file_name, status: row.status, total: row.total, processed: row.processed,
      errors: row.errors ?? [], errorCount: row.error_count, imported: row.imported, importedByKind: row.imported_by_kind ?? {},
      message: row.message, hasErrorReport: row.has_error_report, hasAccountSheet: row.has_account_sheet, createdAt: row.created_at.toISOString(), finishedAt: row.finished_at?.toISOString() ?? null,
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
      const kind = live.kind;
      const result = isPeopleKind(kind) ? await this.#validatePeople(live, kind, sheet, actor, scope) : await this.#validate(live, sheet, scope);
      if (result.errorCount) {
        // The report holds the rows as typed (ID numbers too): sealed like any personal data.
        const errorReport = reportable(sheet, result.errorsByRow)
          ? this.cipher.encrypt((await renderErrorReport(sheet, result.errorsByRow, IMPORT_TEMPLATES[kind].sheetName)).toString('base64'))
          : undefined;
        await live.writing;
        await jobs.finishJob(this.database.db, live.id, {
          status: 'failed', total: sheet.rows.length, processed: sheet.rows.length,
          errorCount: result.errorCount, errors: result.errors, errorReport,
          message: `发现${result.errorCount}处错误，未写入任何数据。请按行号改正后重新上传整个文件`
            + (errorReport ? '（可下载错误报告：原文件各行加“错误”列）' : ''),
        });
        if (errorReport) await scheduleSweep(this.database.db, live.id, live.countyCode, this.clock.now());
        return;
      }
      this.#stopIfClosing();
      await live.writing;
      this.#progress(live, { status: 'importing', processed: 0 }, true);
      if ('residents' in result) await this.#writePeople(live, result, actor, scope);
      else await this.#write(live, result, actor, scope);
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
    return this.#validateInSteps(live, validationSteps(live.kind, sheet, known));
  }

  /** Runs a validation that yields the rows it has done, reporting progress between chunks. */
  async #validateInSteps<T>(live: LiveJob, steps: Generator<number, T>): Promise<T> {
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

  /** Looks up what the file mentions (by code, ID-number hash, name), then checks every row. */
  async #validatePeople(live: LiveJob, kind: PeopleKind, sheet: Sheet, actor: Actor, scope: Scope): Promise<PeoplePlan> {
    const db = this.database.db;
    const { codes, idNumbers } = peopleLookups(kind, sheet);
    const hashOf = new Map<string, string>();
    for (const v of idNumbers) hashOf.set(v, this.cipher.hash(v));
    const known: PeopleKnown = {
      scopePath: scope.path,
      today: chinaDay(this.clock.now()),
      hash: (v) => hashOf.get(v) ?? this.cipher.hash(v),
      buildingsByCode: new Map(),
      households: new Map(),
      residentsByHash: new Map(),
      partyOrgs: [],
      unitsByCode: new Map(),
      merchantNames: new Set(),
      staffHashes: new Set(),
      // The rules of the accounts page: only an account manager, only roles below their own.
      mayOpenAccounts: can(actor.role, 'accounts.manage'),
      accountRoles: new Set(Object.values(ACCOUNT_ROLE_WORDS).filter((r) => ROLE_RANK[r] > ROLE_RANK[actor.role])),
    };
    const residents = await people.findResidentsByHash(db, [...hashOf.values()]);
    known.residentsByHash = new Map(residents.map((r) => [r.id_number_hash, {
      id: r.id, name: r.name, path: r.org_path, countyCode: r.county_code, isMember: r.member_id !== null, movedOut: r.moved_out_at !== null,
    }]));
    if (kind === 'residents') {
      const buildings = await people.findBuildings(db, scope, [...codes]);
      known.buildingsByCode = buildings;
      const unitIds = [...buildings.values()].flatMap((b) => b.units.map((u) => u.id));
      known.households = new Map((await people.findHouseholds(db, unitIds)).map((h) => [
        roomKey(h.unit_id, h.room), { id: h.id, path: h.org_path, countyCode: h.county_code },
      ]));
    } else if (kind === 'party_members') {
      known.partyOrgs = await people.findPartyOrgs(db, scope);
    } else if (kind === 'staff') {
      const units = await data.findLiveUnitsByCode(db, [...codes]);
      known.unitsByCode = new Map(units.map((u) => [u.code, { id: u.id, kind: u.kind, name: u.name, path: u.path, countyCode: u.county_code }]));
      known.staffHashes = await people.findCurrentStaffHashes(db, [...hashOf.values()]);
    } else {
      const units = await data.findLiveUnitsByCode(db, [...codes]);
      known.unitsByCode = new Map(units.map((u) => [u.code, { id: u.id, kind: u.kind, name: u.name, path: u.path, countyCode: u.county_code }]));
      known.merchantNames = new Set((await people.findMerchantNames(db, units.map((u) => u.id))).map((m) => roomKey(m.org_id, m.name)));
    }
    return this.#validateInSteps(live, peopleValidationSteps(kind, sheet, known));
  }

  /**
   * Writes a validated people file in one transaction, in batches: places are re-read and locked
   * first (paths come from them, not from what validation saw); ID numbers and phones are
   * encrypted here, batch by batch, and only masks reach the audit row.
   */
  async #writePeople(live: LiveJob, plan: PeoplePlan, actor: Actor, scope: Scope) {
    const total = live.total;
    const byKind: Record<string, number> = {};
    if (plan.newHouseholds.length) byKind.household = plan.newHouseholds.length;
    if (plan.residents.length) byKind.resident = plan.residents.length;
    if (plan.members.length) byKind.party_member = plan.members.length;
    if (plan.merchants.length) byKind.merchant = plan.merchants.length;
    if (plan.staff.length) byKind.staff = plan.staff.length;
    const opening = plan.staff.filter((s) => s.accountRole !== null);
    if (opening.length) byKind.account = opening.length;
    const imported = plan.residents.length + plan.members.length + plan.merchants.length + plan.staff.length;
    const conflict = () =>
      new ImportConflict('校验之后，部分楼栋、单元、网格、社区、居民或党组织已被撤销、合并或调出您的管辖范围，未写入任何数据，请重新上传');
    const c = this.cipher;
    // Temporary passwords are drawn and hashed (scrypt, slow on purpose) before the transaction,
    // so the embedded database's one connection is not held while they are. They never contain
    // the user name: groups of four characters cannot hold 'staff…'.
    const secrets: { password: string; hash: string }[] = [];
    for (let i = 0; i < opening.length; i++) {
      const password = temporaryPassword('staff');
      secrets.push({ password, hash: await hashPassword(password) });
      this.#stopIfClosing();
    }
    let accountSheet: string | undefined;

    // Sealing (AES-GCM, keyed hashes, masks of ID numbers and phones) needs only the values, so it
    // starts now, in a worker thread for large files, and runs ahead of the writes: while the
    // transaction locks and places, and then while the database takes batch k, later batches are
    // sealed.
    const sealing = plan.residents.length
      ? sealInBatches(c, plan.residents, { batch: PEOPLE_BATCH, ahead: SEAL_AHEAD })
      : null;
    await this.database.db.transaction().execute(async (trx) => {
      const placeIds = new Set<number>();
      for (const h of plan.newHouseholds) placeIds.add(h.unit.id);
      for (const m of plan.merchants) placeIds.add(m.org.id);
      for (const s of plan.staff) placeIds.add(s.org.id);
      const places = new Map((await data.lockParents(trx, [...placeIds])).map((p) => [p.id, p]));
      for (const id of placeIds) if (!places.get(id) || !scope.contains(places.get(id)!.path)) throw conflict();

      // New households first: residents of a new household need its id and path.
      const householdIds = await people.allocateIds(trx, 'household', plan.newHouseholds.length);
      const newHouseholdAt = plan.newHouseholds.map((h) => {
        const unit = places.get(h.unit.id)!;
        return { org_path: unit.path, county_code: unit.county_code };
      });
      for (let start = 0; start < plan.newHouseholds.length; start += BATCH) {
        const rows: Insertable<HouseholdTable>[] = [];
        for (let i = start; i < Math.min(start + BATCH, plan.newHouseholds.length); i++) {
          const h = plan.newHouseholds[i];
          const unit = newHouseholdAt[i];
          rows.push({ id: householdIds[i], unit_id: h.unit.id, org_path: unit.org_path, county_code: unit.county_code, room: h.room, address: h.address });
        }
        await people.insertHouseholds(trx, rows);
        await nextTick();
      }

      let existing = new Map<number, { org_path: string; county_code: string }>();
      const existingIds = [...new Set(plan.residents.flatMap((r) => ('existingId' in r.household ? [r.household.existingId] : [])))];
      if (existingIds.length) existing = new Map((await people.lockHouseholds(trx, existingIds)).map((h) => [h.id, h]));
      for (const id of existingIds) if (!existing.get(id) || !scope.contains(existing.get(id)!.org_path)) throw conflict();

      const residentIds = await people.allocateIds(trx, 'resident', plan.residents.length);
      // On PostgreSQL the batches go in with COPY on the transaction's connection; PGlite keeps the
      // unnest INSERT (its transaction is no pg connection, and its COPY reads from a blob).
      const copy = this.database.kind === 'postgres';
      let done = 0;
      for (let start = 0; start < plan.residents.length; start += PEOPLE_BATCH) {
        const sealed = await sealing!.next();
        const rows: ResidentRow[] = [];
        for (let i = start, k = 0; i < Math.min(start + PEOPLE_BATCH, plan.residents.length); i++, k++) {
          const r = plan.residents[i];
          const hid = 'existingId' in r.household ? r.household.existingId : householdIds[r.household.planned];
          const at = 'existingId' in r.household ? existing.get(hid)! : newHouseholdAt[r.household.planned];
          rows.push({
            id: residentIds[i], household_id: hid, org_path: at.org_path, county_code: at.county_code,
            name: r.name, gender: r.gender, birth_date: r.birthDate, relation: r.relation,
            id_number_enc: sealed.idNumberEnc[k], id_number_hash: r.idHash, id_number_mask: sealed.idNumberMask[k],
            phone_enc: sealed.phoneEnc[k], phone_hash: sealed.phoneHash[k], phone_mask: sealed.phoneMask[k],
          });
        }
        if (copy) await people.copyResidentsWithHistory(trx, residentCopyBatch(rows));
        else await people.insertResidentsWithHistory(trx, rows);
        done += rows.length;
        await this.#batchDone(live, done);
      }

      if (plan.members.length) {
        const lockedResidents = new Map((await people.lockResidents(trx, plan.members.map((m) => m.residentId))).map((r) => [r.id, r]));
        const orgs = new Set((await people.findPartyOrgs(trx, scope)).map((o) => o.id));
        for (const m of plan.members) {
          const r = lockedResidents.get(m.residentId);
          if (!r || !scope.contains(r.org_path) || !orgs.has(m.partyOrgId)) throw conflict();
        }
        for (let start = 0; start < plan.members.length; start += BATCH) {
          const rows: Insertable<PartyMemberTable>[] = plan.members.slice(start, start + BATCH).map((m) => {
            const r = lockedResidents.get(m.residentId)!;
            return {
              resident_id: m.residentId, party_org_id: m.partyOrgId, org_path: r.org_path, county_code: r.county_code,
              member_kind: m.memberKind, joined_on: m.joinedOn,
            };
          });
          await people.insertMembers(trx, rows);
          done += rows.length;
          await this.#batchDone(live, done);
        }
      }

      for (let start = 0; start < plan.merchants.length; start += BATCH) {
        const rows: Insertable<MerchantTable>[] = plan.merchants.slice(start, start + BATCH).map((m) => {
          const org = places.get(m.org.id)!;
          return {
            org_id: m.org.id, org_path: org.path, county_code: org.county_code, name: m.name, business: m.business,
            address: m.address, contact_name: m.contactName,
            phone_enc: m.phone ? c.encrypt(m.phone) : null, phone_hash: m.phone ? c.hash(m.phone) : null,
            phone_mask: m.phone ? maskPhone(m.phone) : null,
          };
        });
        await people.insertMerchants(trx, rows);
        done += rows.length;
        await this.#batchDone(live, done);
      }

      if (plan.staff.length) {
        const created = await this.#writeStaff(trx, live, plan, places, secrets, actor, done);
        done += plan.staff.length;
        if (created.length) {
          accountSheet = c.encrypt(JSON.stringify(created));
          await scheduleSweep(trx, live.id, live.countyCode, this.clock.now());
        }
      }

      await writeAudit(trx, actor, {
        action: 'org.import', entity: 'import_job', entityId: live.id, orgPath: scope.path, countyCode: scope.countyCode,
        after: { kind: live.kind, fileName: live.fileName, rows: total, imported, importedByKind: byKind },
      });
      await live.writing;
      await jobs.finishJob(trx, live.id, {
        status: 'done', total, processed: total, imported, importedByKind: byKind, errorCount: 0, errors: [], message: null, accountSheet,
      });
    }).finally(() => sealing?.close());
    live.processed = total;
  }

  /**
   * Staff records, and the accounts their rows asked for, linked to them: user name `staff<id>`
   * (the record's number, which the staff page shows), role and place from the row, a temporary
   * password that must be changed at the first sign-in — as an account opened on the accounts
   * page. Each record and account is audited as if made one by one. Returns the account sheet.
   */
  async #writeStaff(
    trx: Transaction<DB>, live: LiveJob, plan: PeoplePlan, places: Map<number, { id: number; path: string; county_code: string }>,
    secrets: { password: string; hash: string }[], actor: Actor, doneBefore: number,
  ): Promise<CreatedAccount[]> {
    const c = this.cipher;
    const ids = await people.allocateIds(trx, 'staff', plan.staff.length);
    let done = doneBefore;
    for (let start = 0; start < plan.staff.length; start += BATCH) {
      const rows: Insertable<StaffTable>[] = [];
      for (let i = start; i < Math.min(start + BATCH, plan.staff.length); i++) {
        const s = plan.staff[i];
        const at = places.get(s.org.id)!;
        rows.push({
          id: ids[i], org_id: s.org.id, org_path: at.path, county_code: at.county_code, name: s.name, post: s.post,
          post_type: s.postType, grade: s.grade, resident_id: s.residentId,
          id_number_enc: c.encrypt(s.idNumber), id_number_hash: s.idHash, id_number_mask: maskIdNumber(s.idNumber),
          phone_enc: s.phone ? c.encrypt(s.phone) : null, phone_hash: s.phone ? c.hash(s.phone) : null, phone_mask: s.phone ? maskPhone(s.phone) : null,
        });
      }
      await people.insertStaff(trx, rows);
      for (const r of rows) {
        await writeAudit(trx, actor, {
          action: 'staff.create', entity: 'staff', entityId: r.id, orgPath: r.org_path, countyCode: r.county_code,
          after: {
            name: r.name, post: r.post, postType: r.post_type, grade: r.grade, orgId: r.org_id, residentId: r.resident_id,
            phone: r.phone_mask, idNumber: r.id_number_mask, source: 'import', jobId: live.id,
          },
        });
      }
      done += rows.length;
      await this.#batchDone(live, done);
    }

    const wanted = plan.staff.map((s, i) => ({ s, id: ids[i] })).filter((x) => x.s.accountRole !== null);
    if (!wanted.length) return [];
    // staff<id> is free unless someone chose it by hand; then staff<id>_2, _3 …
    const base = wanted.map((w) => `staff${w.id}`);
    const taken = await people.takenUsernames(trx, base);
    const isTaken = async (u: string) => taken.has(u) || (await people.takenUsernames(trx, [u])).size > 0;
    const usernames: string[] = [];
    for (const name of base) {
      let candidate = name;
      for (let k = 2; candidate === name ? taken.has(name) : await isTaken(candidate); k++) candidate = `${name}_${k}`;
      taken.add(candidate);
      usernames.push(candidate);
    }
    const accounts: Insertable<AccountTable>[] = wanted.map((w, i) => {
      const at = places.get(w.s.org.id)!;
      return {
        username: usernames[i], display_name: w.s.name, role: w.s.accountRole!, password_hash: secrets[i].hash,
        scope_org_id: w.s.org.id, scope_path: at.path, county_code: at.county_code, must_change_password: true, staff_id: w.id,
      };
    });
    const inserted = await people.insertAccounts(trx, accounts);
    const idOf = new Map(inserted.map((a) => [a.username, a.id]));
    for (const a of accounts) {
      await writeAudit(trx, actor, {
        action: 'account.create', entity: 'account', entityId: idOf.get(a.username)!, orgPath: a.scope_path, countyCode: a.county_code,
        after: {
          username: a.username, role: a.role, scopeOrgId: a.scope_org_id, link: { kind: 'staff', id: a.staff_id },
          temporaryPassword: true, source: 'import', jobId: live.id,
        },
      });
    }
    return wanted.map((w, i) => ({
      row: w.s.row, name: w.s.name, orgName: w.s.org.name, role: w.s.accountRole!, username: usernames[i], temporaryPassword: secrets[i].password,
    }));
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
      message = '写入时发现编码、房号、身份证号、党员或账号用户名与已有数据重复（可能在校验之后被他人新建），未写入任何数据，请重新上传';
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
