import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace } from '../../platform/org-units.js';
import type { Scope } from '../../platform/scope.js';
import { forgetDemandLookups } from '../demands/index.js';
import * as repo from './calendar.repository.js';
import type { CalendarDayView, DayKind } from './calendar.schemas.js';

/**
 * The working-day calendar (工作日历): overrides of the Monday–Friday week that every time
 * limit reads. One calendar for the whole city; the city admin keeps it.
 */

const kindOf = (workday: boolean): DayKind => (workday ? 'workday' : 'holiday');
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());

export async function listYear(db: Kysely<DB>, year: number) {
  const rows = await repo.daysOfYear(db, year);
  return { year, days: rows.map((r): CalendarDayView => ({ day: r.day, kind: kindOf(r.workday), note: r.note })) };
}

/**
 * Marks a day a holiday, a make-up working day, or back to normal. Days already past are
 * left alone: the time limits they ran are history. A make-up day can only be a weekend day.
 * Only an account whose place is the city itself edits it: the calendar is the whole city's.
 */
export async function setDay(
  db: Kysely<DB>, actor: Actor, scope: Scope, today: Date, day: string, input: { kind: DayKind; note: string | null },
): Promise<CalendarDayView> {
  const node = await orgPlace(db, scope.orgId);
  if (node?.kind !== 'city') throw new AppError('FORBIDDEN', '工作日历由市级管理员维护');
  if (day < chinaDay(today)) throw new AppError('VALIDATION_FAILED', '已经过去的日期不能修改');
  if (input.kind === 'workday' && !isWeekend(day)) throw new AppError('VALIDATION_FAILED', '调休上班只能设在周六或周日');
  const result = await db.transaction().execute(async (trx) => {
    const before = await repo.findDay(trx, day);
    if (input.kind === 'normal') await repo.deleteDay(trx, day);
    else await repo.upsertDay(trx, { day, workday: input.kind === 'workday', note: input.note });
    const after: CalendarDayView = { day, kind: input.kind, note: input.kind === 'normal' ? null : input.note };
    await writeAudit(trx, actor, {
      action: 'calendar.day_set', entity: 'work_calendar', entityId: day, orgPath: scope.path, countyCode: scope.countyCode,
      before: before ? { day, kind: kindOf(before.workday), note: before.note } : { day, kind: 'normal', note: null }, after,
    });
    return after;
  });
  // Time limits computed in this process from now on see the change (other processes within a minute).
  forgetDemandLookups(db);
  return result;
}
