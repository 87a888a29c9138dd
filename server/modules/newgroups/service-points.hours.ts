/**
 * Opening hours as a form gives them ('HH:MM' per weekday, closing may be '24:00' or earlier than
 * opening for a point open past midnight) and as the table keeps them (minutes, [open, close) per
 * China weekday, never wrapping).
 */
export interface HoursIn { weekday: number; open: string; close: string }
export interface HoursRow { weekday: number; open_min: number; close_min: number }

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Splits an overnight span into two rows (until midnight, then from midnight on the next weekday). Null when a span is empty. */
export function toRows(hours: readonly HoursIn[]): HoursRow[] | null {
  const rows: HoursRow[] = [];
  for (const h of hours) {
    const open = minutes(h.open);
    const close = minutes(h.close);
    if (open === close || open === 1440) return null;
    if (close > open) rows.push({ weekday: h.weekday, open_min: open, close_min: close });
    else {
      rows.push({ weekday: h.weekday, open_min: open, close_min: 1440 });
      if (close > 0) rows.push({ weekday: (h.weekday % 7) + 1, open_min: 0, close_min: close });
    }
  }
  return rows;
}

/** True when two spans of the same weekday overlap (a form mistake the primary key would not catch). */
export function overlaps(rows: readonly HoursRow[]): boolean {
  const sorted = [...rows].sort((a, b) => a.weekday - b.weekday || a.open_min - b.open_min);
  return sorted.some((r, i) => i > 0 && sorted[i - 1]!.weekday === r.weekday && sorted[i - 1]!.close_min > r.open_min);
}

export const fromRow = (r: HoursRow) => ({ weekday: r.weekday, open: hhmm(r.open_min), close: hhmm(r.close_min) });
