import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB, PointsHolderKind } from '../../database.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { maskName } from '../../platform/pii/name.js';
import type { Scope } from '../../platform/scope.js';

export type Trx = Transaction<DB>;
export type Q = Kysely<DB> | Trx;

/** What the points services use: the database and the clock, nothing else. */
export interface PointsDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export const pointsDeps = (ctx: AppContext): PointsDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock });

/** Entry kinds that move the governance score (the ledger's SCORE_KINDS), as SQL. */
export const SCORE_KINDS_SQL = sql.raw(`('base','deed','penalty','volunteer')`);

/**
 * Whether an entry (alias e) counts towards the score: a reversal counts when what it undoes
 * did. The original is looked up only for reversals (a subquery, not a join: a join makes the
 * planner hash the whole ledger to find the few originals).
 */
export const scoredSql = (e = 'e'): RawBuilder<boolean> =>
  sql<boolean>`(${sql.ref(`${e}.kind`)} IN ${SCORE_KINDS_SQL} OR (${sql.ref(`${e}.kind`)} = 'reversal' AND ${originalKindSql(e)} IN ${SCORE_KINDS_SQL}))`;

/** The kind of the entry a reversal undoes (null for other entries). */
export const originalKindSql = (e = 'e'): RawBuilder<string | null> =>
  sql<string | null>`(SELECT o.kind FROM points_entry o WHERE o.id = ${sql.ref(`${e}.reverses_id`)})`;

/** 'YYYY-MM-DD' of an instant in Lüliang's time zone. */
export const dayOf = chinaDay;
export const monthOfDay = (day: string) => day.slice(0, 7);

/** The month before 'YYYY-MM'. */
export function prevMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export { maskName, maskNameSql } from '../../platform/pii/name.js';

export interface CommunityRow {
  id: number;
  name: string;
  path: string;
  county_code: string;
}

/** A community the caller may reach: the platform's one check (404 for anything else). */
export { communityInScope } from '../../platform/scope.js';

/**
 * For reads: a community in the caller's scope, or the community the caller works inside (a grid
 * worker reads its community's rules and months). `within` is the narrower path of the two, for
 * lists of people and records.
 */
export async function communityForRead(db: Q, scope: Scope, communityId: number): Promise<CommunityRow & { within: string }> {
  const c = await db.selectFrom('org_unit').select(['id', 'name', 'path', 'county_code', 'kind'])
    .where('id', '=', communityId).executeTakeFirst();
  if (!c || c.kind !== 'community') throw notFound('社区');
  const row = { id: c.id, name: c.name, path: c.path, county_code: c.county_code };
  if (scope.contains(c.path)) return { ...row, within: c.path };
  if (scope.path.startsWith(c.path)) return { ...row, within: scope.path };
  throw notFound('社区');
}

export interface HolderLabel {
  kind: PointsHolderKind;
  id: number;
  /** 3号楼2单元 (households) or the shop's address. */
  place: string;
  room: string;
  /** The household head's name (unmasked; callers mask) or the shop's name. */
  name: string;
}

const key = (kind: string, id: number) => `${kind}:${id}`;

/** Place and name of holders, for labels; one query per kind. */
export async function holderLabels(db: Q, holders: readonly { kind: PointsHolderKind; id: number }[]): Promise<Map<string, HolderLabel>> {
  const out = new Map<string, HolderLabel>();
  const hh = [...new Set(holders.filter((h) => h.kind === 'household').map((h) => h.id))];
  const mm = [...new Set(holders.filter((h) => h.kind === 'merchant').map((h) => h.id))];
  if (hh.length) {
    const rows = await sql<{ id: number; room: string; unit: string | null; building: string | null; head: string | null }>`
      SELECT h.id, h.room, u.name AS unit, b.name AS building,
             (SELECT r.name FROM resident r WHERE r.household_id = h.id AND r.moved_out_at IS NULL
              ORDER BY (r.relation = 'head') DESC, r.id LIMIT 1) AS head
      FROM household h
      LEFT JOIN org_unit u ON u.id = h.unit_id AND u.kind = 'unit'
      LEFT JOIN org_unit b ON b.id = u.parent_id AND b.kind = 'building'
      WHERE h.id IN (${sql.join(hh)})`.execute(db);
    for (const r of rows.rows) {
      out.set(key('household', r.id), { kind: 'household', id: r.id, place: `${r.building ?? ''}${r.unit ?? ''}`, room: r.room, name: r.head ?? '' });
    }
  }
  if (mm.length) {
    const rows = await db.selectFrom('merchant').select(['id', 'name', 'address']).where('id', 'in', mm).execute();
    for (const r of rows) out.set(key('merchant', r.id), { kind: 'merchant', id: r.id, place: r.address, room: '', name: r.name });
  }
  return out;
}

/** Staff lists: '3号楼2单元101 张*华' or the shop's name. */
export function staffLabel(l: HolderLabel | undefined): string {
  if (!l) return '';
  if (l.kind === 'merchant') return l.name;
  return `${l.place}${l.room} ${maskName(l.name)}`.trim();
}

/** Public pages: '张*华 3号楼2单元' (no room number) or the shop's name. */
export function publicLabel(l: HolderLabel | undefined): string {
  if (!l) return '';
  if (l.kind === 'merchant') return l.name;
  return `${maskName(l.name)} ${l.place}`.trim();
}

export const labelKey = key;

export function assertMonth(month: string) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError('VALIDATION_FAILED', '月份格式应为YYYY-MM');
}
