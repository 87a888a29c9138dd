import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB, PointsHolderKind } from '../../database.js';
import { addMonths, chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { maskName } from '../../platform/pii/name.js';

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
export const prevMonth = (month: string): string => addMonths(month, -1);

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

export interface HolderLabel {
  kind: PointsHolderKind;
  id: number;
  /** 3号楼2单元 (households) or the shop's address. */
  place: string;
  room: string;
  /** The household head's name (unmasked; callers mask) or the shop's name. */
  name: string;
}

export const labelKey = (kind: string, id: number) => `${kind}:${id}`;

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

export function assertMonth(month: string) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError('VALIDATION_FAILED', '月份格式应为YYYY-MM');
}
