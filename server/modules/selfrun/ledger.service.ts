import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { can } from '../../platform/auth/permissions.js';
import { assertAttachable, fileUrl, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { dayRefusal } from './ledger.policy.js';
import * as repo from './ledger.repository.js';
import type * as s from './ledger.schemas.js';
import { INCOME_CATEGORIES, type LedgerCategory } from './ledger.tables.js';

/**
 * 公共账户: the self-run compound's money, kept in the open. Entries are append-only (a DB trigger
 * refuses UPDATE and DELETE); a mistake is undone by a reversing entry with a reason. Staff in
 * scope and the compound's committee members record; a month, once closed, takes no more entries.
 */
export interface AccountDeps {
  db: Kysely<DB>;
  clock: Clock;
  ctx: AppContext;
}
export const accountDeps = (ctx: AppContext): AccountDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, ctx });

export type As = 'staff' | 'committee';
/** Receipts (票据) hang on entries under this owner kind. */
export const LEDGER_FILES = 'selfrun_ledger_entry';
export const CATEGORY_NAMES: Record<LedgerCategory, string> = {
  parking: '停车费', parcel_locker: '快递柜', advert: '广告', property_fee: '物业费', crowdfunding: '众筹', other_income: '其他收入',
  wages: '保洁/保安工资', repair: '维修', material: '材料', other_expense: '其他支出',
};
export const kindOf = (c: LedgerCategory) => ((INCOME_CATEGORIES as readonly string[]).includes(c) ? 'income' : 'expense') as 'income' | 'expense';

/** The compound the caller may keep the account of: staff by scope, a member by a live committee seat. */
export async function compoundFor(deps: AccountDeps, actor: Actor, scope: Scope, id: number, as: As) {
  const c = as === 'staff' ? await repo.compoundInScope(deps.db, scope, id) : await repo.compoundById(deps.db, id);
  if (!c) throw notFound('居民自办小区');
  if (as === 'committee' && !(await repo.isMember(deps.db, actor.accountId, id))) {
    throw new AppError('FORBIDDEN', '您不是该小区业委会/物管会的成员，不能记账');
  }
  return c;
}

export async function ledger(deps: AccountDeps, actor: Actor, scope: Scope, id: number, as: As, q: z.infer<typeof s.LedgerQuery>): Promise<z.infer<typeof s.Ledger>> {
  const c = await compoundFor(deps, actor, scope, id, as);
  const [{ total, rows }, balanceFen, closed, households] = await Promise.all([
    repo.entries(deps.db, id, q, q, true), repo.balance(deps.db, id), repo.closedThrough(deps.db, id), repo.households(deps.db, id),
  ]);
  const photos = await repo.photosOf(deps.db, LEDGER_FILES, rows.map((r) => r.id));
  return {
    compoundId: c.id, compound: c.name, community: c.community, balanceFen, closedThrough: closed, households, total,
    items: rows.map((r) => ({
      id: r.id, seq: r.seq, kind: r.kind, category: r.category, amountFen: Number(r.amount_fen), day: r.day, summary: r.summary,
      counterparty: r.counterparty, reversesId: r.reverses_id, reversedBy: r.reversed_by ?? null, reason: r.reason,
      createdByName: r.created_by_name, createdAs: r.created_as, balanceFen: Number(r.balance),
      photos: photos.filter((p) => p.entity_id === r.id).map((p) => ({ id: p.attachment_id, url: fileUrl(p.attachment_id) })),
    })),
  };
}

export async function list(deps: AccountDeps, scope: Scope, page: { page: number; pageSize: number }): Promise<z.infer<typeof s.AccountList>> {
  const { total, rows } = await repo.accountList(deps.db, scope, page);
  return { total, items: rows.map((r) => ({ compoundId: r.id, compound: r.name, community: r.community, balanceFen: Number(r.balance), closedThrough: r.closed })) };
}

export async function record(deps: AccountDeps, actor: Actor, scope: Scope, id: number, as: As, body: z.infer<typeof s.EntryBody>) {
  const c = await compoundFor(deps, actor, scope, id, as);
  if (body.householdId && body.category !== 'property_fee') throw new AppError('VALIDATION_FAILED', '只有物业费需要选择缴费户');
  if (body.householdId && !(await repo.households(deps.db, id)).some((h) => h.id === body.householdId)) {
    throw new AppError('VALIDATION_FAILED', '缴费户不是本小区的住户');
  }
  const photoIds = await assertAttachable(deps.db, actor, scope, body.photoIds ?? [], 'body.photoIds');
  const today = chinaDay(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockAccount(trx, id);
    const refusal = dayRefusal(body.day, today, await repo.closedThrough(trx, id));
    if (refusal) throw new AppError('INVALID_TRANSITION', refusal, { reason: 'day' });
    const seq = await repo.nextSeq(trx, id);
    const row = await trx.insertInto('selfrun_ledger_entry').values({
      compound_id: id, org_path: c.path, county_code: c.county_code, seq, kind: kindOf(body.category), category: body.category,
      amount_fen: body.amountFen, day: body.day, summary: body.summary, counterparty: body.counterparty || null,
      household_id: body.householdId ?? null, created_by: actor.accountId, created_by_name: actor.displayName, created_as: as,
    }).returning('id').executeTakeFirstOrThrow();
    if (photoIds.length) await linkAttachments(trx, photoIds, { entity: LEDGER_FILES, entityId: row.id, orgPath: c.path, countyCode: c.county_code });
    await writeAudit(trx, actor, {
      action: 'selfrun.ledger_record', entity: 'selfrun_ledger_entry', entityId: row.id, orgPath: c.path, countyCode: c.county_code,
      after: { seq, category: body.category, amountFen: body.amountFen, day: body.day },
    });
    return { ok: true as const, id: row.id };
  });
}

/** 红字冲销: a reversing entry dated today, for the negative amount; an entry is reversed once, a reversal never. */
export async function reverse(deps: AccountDeps, actor: Actor, scope: Scope, id: number, entryId: number, as: As, body: z.infer<typeof s.ReverseBody>) {
  const c = await compoundFor(deps, actor, scope, id, as);
  const today = chinaDay(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockAccount(trx, id);
    const e = await repo.entryOf(trx, id, entryId);
    if (!e) throw notFound('账目');
    if (e.reverses_id) throw new AppError('INVALID_TRANSITION', '冲销记录本身不能再冲销', { reason: 'is_reversal' });
    const done = await trx.selectFrom('selfrun_ledger_entry').select('id').where('reverses_id', '=', entryId).executeTakeFirst();
    if (done) throw new AppError('INVALID_TRANSITION', '该笔账目已冲销过，不能重复冲销', { reason: 'reversed' });
    const refusal = dayRefusal(today, today, await repo.closedThrough(trx, id));
    if (refusal) throw new AppError('INVALID_TRANSITION', refusal, { reason: 'day' });
    const seq = await repo.nextSeq(trx, id);
    const row = await trx.insertInto('selfrun_ledger_entry').values({
      compound_id: id, org_path: c.path, county_code: c.county_code, seq, kind: e.kind, category: e.category,
      amount_fen: -Number(e.amount_fen), day: today, summary: `冲销第${e.seq}号：${e.summary}`.slice(0, 100), counterparty: e.counterparty,
      household_id: e.household_id, reverses_id: e.id, reason: body.reason,
      created_by: actor.accountId, created_by_name: actor.displayName, created_as: as,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'selfrun.ledger_reverse', entity: 'selfrun_ledger_entry', entityId: row.id, orgPath: c.path, countyCode: c.county_code,
      before: { id: e.id, seq: e.seq, amountFen: Number(e.amount_fen) }, reason: body.reason,
    });
    return { ok: true as const, id: row.id };
  });
}

const yuan = (fen: number) => fen / 100;

/** 账簿导出: one row per entry as a bookkeeper keeps it (日期, 凭证号, 摘要, 科目, 收入, 支出, 余额). */
export async function exportLedger(deps: AccountDeps, actor: Actor, scope: Scope, id: number, as: As, month?: string) {
  const c = await compoundFor(deps, actor, scope, id, as);
  const { rows } = await repo.entries(deps.db, id, { month });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公共账户明细账');
  ws.addRow([`${c.community} ${c.name} 公共账户明细账${month ? `（${month}）` : ''}`]);
  ws.mergeCells(1, 1, 1, 7);
  ws.getRow(1).font = { bold: true, size: 14 };
  const head = ws.addRow(['日期', '凭证号', '摘要', '科目', '收入（元）', '支出（元）', '余额（元）']);
  head.font = { bold: true };
  head.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E7F7' } }; });
  for (const r of rows) {
    const amount = Number(r.amount_fen);
    ws.addRow([r.day, r.seq, r.summary, CATEGORY_NAMES[r.category], r.kind === 'income' ? yuan(amount) : null,
      r.kind === 'expense' ? yuan(amount) : null, yuan(Number(r.balance))]);
  }
  ws.columns.forEach((col, i) => { col.width = [12, 8, 36, 14, 14, 14, 14][i]; });
  for (const k of [5, 6, 7]) ws.getColumn(k).numFmt = '#,##0.00;[Red]-#,##0.00';
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { body, filename: `${c.name}-公共账户明细账${month ? `-${month}` : ''}.xlsx` };
}

/** Receipts: staff who may read the compound's account in scope, and its committee members. */
export function ledgerFileReader(deps: AccountDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    const rows = await deps.db.selectFrom('selfrun_ledger_entry').select(['compound_id', 'org_path']).where('id', 'in', ids).execute();
    if (can(actor.role, 'selfrun.read') && rows.some((r) => scope.contains(r.org_path))) return true;
    if (!can(actor.role, 'selfrun.committee')) return false;
    for (const r of rows) if (await repo.isMember(deps.db, actor.accountId, r.compound_id)) return true;
    return false;
  };
}
