import type { Kysely } from 'kysely';
import type { DB } from '../database.js';

/**
 * A de-identified dataset a county may publish as open data (开放数据集, issue 17). The module that
 * owns the records declares it — what each field means and the query that fills it — and exports
 * it from its index.ts; the stats module serves the ones a county chose. A dataset carries only
 * fields made to be public: places and their features, or counts; never a resident's row.
 */
export type DatasetValue = string | number | boolean | null;

export interface OpenDataset {
  /** Stable file name: /api/public/open-data/<county>/datasets/<name>.csv|json. */
  name: string;
  module: string;
  title: { zh: string; en: string };
  description: string;
  fields: readonly { name: string; description: string }[];
  /** The county's rows, in a stable order. */
  rows(db: Kysely<DB>, countyCode: string): Promise<Record<string, DatasetValue>[]>;
}

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Opening hours as one cell: "周一 08:00-18:00；周二 …", weekdays in order. */
export function hoursText(hours: readonly { weekday: number; open: string; close: string }[]): string {
  return [...hours].sort((a, b) => a.weekday - b.weekday || a.open.localeCompare(b.open))
    .map((h) => `${WEEKDAY_ZH[h.weekday] ?? h.weekday} ${h.open}-${h.close}`).join('；');
}
