import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';

/** A day's place in the working week: 节假日 (off), 调休上班 (a weekend worked), or as the week has it. */
export const DayKind = z.enum(['holiday', 'workday', 'normal']);
export type DayKind = z.infer<typeof DayKind>;

export const CalendarDayView = z.object({
  day: z.string(),
  /** Only 'holiday' and 'workday' are stored; 'normal' is Monday–Friday work, weekends off. */
  kind: DayKind,
  note: z.string().nullable(),
});
export type CalendarDayView = z.infer<typeof CalendarDayView>;

export const CalendarYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const CalendarYear = z.object({ year: z.number(), days: z.array(CalendarDayView) });

export const DayParams = z.object({ day: Day });

export const SetDayBody = z.object({
  kind: DayKind,
  note: z.string().trim().max(40).nullable().default(null),
});
