import { sql } from 'kysely';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import type { Actor } from '../../platform/http/request-context.js';
import { ID_NUMBER_MESSAGES, maskIdNumber, parseIdNumber } from '../../platform/pii/id-number.js';
import { phoneColumns } from '../../platform/pii/phone.js';
import type { Scope } from '../../platform/scope.js';
import { parseSheet, SheetError } from '../org/index.js';
import * as repo from './compounds.repository.js';
import type { CompoundsDeps } from './compounds.service.js';
import { notFound } from '../../platform/errors.js';

/**
 * 产权登记导入: a property register (one row per owner of a flat) read from .xlsx with the org
 * import's bounded reader, checked row by row, shown as a preview, then applied in one
 * transaction: each room's unit gets the register's area and its owners are replaced (the old
 * owners end, never deleted). Nothing is written while any row has an error.
 */
export const REGISTER_MAX_BYTES = 2 * 1024 * 1024;
const MB = 1024 * 1024;
const MAX_ROWS = 5_000;
const COLUMNS = { building: '楼栋', unit: '单元', room: '房号', area: '面积', name: '业主姓名', idNumber: '身份证号', phone: '手机号' } as const;
type Key = keyof typeof COLUMNS;

export interface PreviewRow { row: number; label: string; areaM2: number | null; name: string; idNumberMask: string | null; errors: string[] }

/** '3号楼', '阳光小区3号楼' and '3' are one building; '2单元' and '2' one unit: the trailing number, else the text. */
const norm = (v: string, suffix: string) => {
  const s = v.trim();
  const m = new RegExp(`(\\d+)${suffix}$`).exec(s) ?? /^(\d+)$/.exec(s);
  return m ? String(Number(m[1])) : s;
};

export async function registerImport(deps: CompoundsDeps, actor: Actor, scope: Scope, compoundId: number, file: Buffer, apply: boolean) {
  const c = await repo.one(deps.db, scope, compoundId);
  if (!c) throw notFound('小区');
  let sheet;
  try {
    sheet = await parseSheet(file, 'register.xlsx', { maxRows: MAX_ROWS, limits: { maxUnzippedBytes: 16 * MB, maxTextChars: 4_000_000, maxColumns: 30 } });
  } catch (e) {
    if (e instanceof SheetError) throw new AppError(e.code, e.message, e.details);
    throw e;
  }
  const col = {} as Record<Key, number>;
  for (const k of Object.keys(COLUMNS) as Key[]) {
    const i = sheet.header.findIndex((h) => h.trim() === COLUMNS[k]);
    if (i < 0) throw new AppError('IMPORT_INVALID', `表头缺少“${COLUMNS[k]}”列；应为：${Object.values(COLUMNS).join('、')}`);
    col[k] = i;
  }
  if (!sheet.rows.length) throw new AppError('IMPORT_INVALID', '表格中没有数据行');

  // The compound's rooms: building and unit names from the tree, the room from the household.
  const rooms = await deps.db.selectFrom('household as h').innerJoin('org_unit as u', 'u.id', 'h.unit_id').leftJoin('org_unit as b', 'b.id', 'u.parent_id')
    .leftJoin('owned_unit as o', (j) => j.onRef('o.household_id', '=', 'h.id').on('o.removed_at', 'is', null))
    .select(['h.id', 'h.room', 'h.address', 'h.org_path', 'u.name as unit_name', 'b.name as building_name', 'o.id as owned_unit_id'])
    .where('h.org_path', 'like', sql<string>`${c.path} || '%'`).execute();
  const key = (b: string, u: string, r: string) => `${norm(b, '号楼')}|${norm(u, '单元')}|${r.trim()}`;
  const byKey = new Map(rooms.map((r) => [key(r.building_name ?? '', r.unit_name, r.room), r]));

  const rows: (PreviewRow & { household?: (typeof rooms)[number]; idNumber?: string; phone?: string })[] = [];
  for (const sr of sheet.rows) {
    const cell = (k: Key) => (sr.cells[col[k]] ?? '').trim();
    const errors: string[] = [];
    const h = byKey.get(key(cell('building'), cell('unit'), cell('room')));
    if (!h) errors.push(`本小区没有${cell('building')}${cell('unit')}${cell('room')}这个房号`);
    const area = Number(cell('area'));
    if (!cell('area') || !Number.isFinite(area)) errors.push('面积不是数字');
    else if (area <= 0 || area > 100000) errors.push('面积应大于0且不超过100000平方米');
    if (!cell('name')) errors.push('缺少业主姓名');
    const p = parseIdNumber(cell('idNumber'));
    if ('problem' in p) errors.push(ID_NUMBER_MESSAGES[p.problem]);
    const phone = cell('phone');
    if (phone && !/^1[3-9]\d{9}$/.test(phone)) errors.push('手机号应为11位，以1开头');
    rows.push({
      row: sr.row, label: h?.address ?? `${cell('building')}${cell('unit')}${cell('room')}`, areaM2: Number.isFinite(area) && area > 0 ? area : null,
      name: cell('name'), idNumberMask: 'value' in p ? maskIdNumber(p.value) : null, errors,
      household: h, idNumber: 'value' in p ? p.value : undefined, phone: phone || undefined,
    });
  }
  // One room, one area: rows of co-owners must agree on it.
  const areaOf = new Map<number, number>();
  for (const r of rows) {
    if (!r.household || r.areaM2 == null) continue;
    const prev = areaOf.get(r.household.id);
    if (prev != null && prev !== r.areaM2) r.errors.push(`同一房号的面积不一致（${prev}与${r.areaM2}）`);
    areaOf.set(r.household.id, r.areaM2);
  }
  const errorCount = rows.filter((r) => r.errors.length).length;
  const preview = {
    total: rows.length, errorCount,
    rows: rows.map(({ row, label, areaM2, name, idNumberMask, errors }) => ({ row, label, areaM2, name, idNumberMask, errors })),
    applied: false,
  };
  if (!apply) return preview;
  if (errorCount) throw new AppError('IMPORT_INVALID', `有${errorCount}行错误，请改正后再导入`, { errorCount });

  const now = deps.clock.now();
  const since = chinaDay(now);
  await deps.db.transaction().execute(async (trx) => {
    const unitIds = new Map<number, number>();
    for (const [hid, area] of areaOf) {
      const h = rows.find((r) => r.household?.id === hid)!.household!;
      let uid = h.owned_unit_id;
      if (uid) {
        await trx.updateTable('owned_unit').set({ area_m2: area, developer_unsold: false }).where('id', '=', uid).execute();
        // The register replaces the unit's owners: the old ones end and stay on record.
        await trx.updateTable('unit_owner').set({ ended_at: now }).where('owned_unit_id', '=', uid).where('ended_at', 'is', null).execute();
      } else {
        uid = (await trx.insertInto('owned_unit').values({
          compound_id: c.id, household_id: h.id, org_path: h.org_path, county_code: c.county_code, label: h.address, area_m2: area,
        }).returning('id').executeTakeFirstOrThrow()).id;
      }
      unitIds.set(hid, uid);
    }
    const seen = new Set<string>();
    const values = rows.flatMap((r) => {
      const uid = unitIds.get(r.household!.id)!;
      const hash = deps.cipher.hash(r.idNumber!);
      if (seen.has(`${uid}|${hash}`)) return []; // the same person twice on one room
      seen.add(`${uid}|${hash}`);
      return [{
        owned_unit_id: uid, compound_id: c.id, org_path: r.household!.org_path, county_code: c.county_code, owner_key: hash, name: r.name,
        id_number_enc: deps.cipher.encrypt(r.idNumber!), id_number_hash: hash, id_number_mask: maskIdNumber(r.idNumber!), ...phoneColumns(deps.cipher, r.phone), since,
      }];
    });
    // Link owners who are in the register by their ID number's hash.
    const hashes = [...new Set(values.map((v) => v.owner_key))];
    const residents = hashes.length
      ? await trx.selectFrom('resident').select(['id', 'id_number_hash']).where('id_number_hash', 'in', hashes).where(sql<boolean>`org_path LIKE ${c.path} || '%'`).execute()
      : [];
    const rid = new Map(residents.map((r) => [r.id_number_hash, r.id]));
    if (values.length) await trx.insertInto('unit_owner').values(values.map((v) => ({ ...v, resident_id: rid.get(v.owner_key) ?? null }))).execute();
    await writeAudit(trx, actor, {
      action: 'selfrun.register_import', entity: 'compound_profile', entityId: c.id, orgPath: c.path, countyCode: c.county_code,
      after: { rows: rows.length, units: areaOf.size, owners: values.length },
    });
  });
  return { ...preview, applied: true };
}
