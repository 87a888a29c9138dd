import { z } from 'zod';

/**
 * The one schema for a calendar day in requests, 'YYYY-MM-DD': a day that exists (no
 * 2026-02-31, 29 February only in leap years) in years the database and people use. Modules
 * use this instead of a bare pattern, so an impossible date is a 400 naming its field, never a
 * database error or a date silently rolled into the next month.
 */
export const Day = z.iso
  .date('日期应为有效的 YYYY-MM-DD')
  .refine((d) => d >= '1900-01-01' && d <= '2199-12-31', '日期应在 1900 至 2199 年之间');
