import { sql, type RawBuilder } from 'kysely';
import { childOf, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';
import { STANDARD_CODES } from './venue-standard.js';
import type { VenueKind } from './venues.tables.js';

/**
 * 党群服务阵地 in the cockpit: centres and compound stations standing at the window's end, how
 * many meet all of 三要六有, and their use in the month. A centre carries its community's path and
 * a station its compound grid's, so stations are cut down to the grid and centres to the community.
 * Use is counted by the booked slot's start, as the venue page and the 以奖代补 award count it.
 */
const base = { module: 'venues', group: 'venues', sources: ['venue'], public: true } as const;

function venues(kind: VenueKind, w: IndicatorWindow) {
  return sql<{ child_id: number | null; num: string }>`
    SELECT ${childOf(w, 'v.org_path')} AS child_id, count(*) AS num FROM venue v
    WHERE v.org_path LIKE ${w.under + '%'} AND v.kind = ${kind} AND v.created_at < ${w.to}
    GROUP BY 1`;
}

/** Bookings whose slot starts in the month, with what is counted of them. */
function bookings(w: IndicatorWindow, num: RawBuilder<unknown>, only: RawBuilder<unknown>) {
  return sql<{ child_id: number | null; num: string }>`
    SELECT ${childOf(w, 'b.org_path')} AS child_id, ${num} AS num FROM venue_booking b
    WHERE b.org_path LIKE ${w.under + '%'} AND b.starts_at >= ${w.from} AND b.starts_at < ${w.to} AND ${only}
    GROUP BY 1`;
}
/** Checked in before the window's end: a live month counts the arrivals so far. */
const checkedIn = (w: IndicatorWindow) => sql`b.checked_in_at IS NOT NULL AND b.checked_in_at < ${w.to}`;

export const INDICATORS: readonly Indicator[] = [
  {
    ...base, key: 'venues.centres', unit: 'count', kind: 'stock', lowest: 'community',
    name: { zh: '社区党群服务中心数', en: 'Community party-mass service centres' },
    definition: { zh: '统计期末已登记的社区党群服务中心（居民会客厅）个数', en: 'Community party-mass service centres (居民会客厅) registered at the end of the period' },
    count: (db, w) => grouped(db, venues('centre', w)),
  },
  {
    ...base, key: 'venues.stations', unit: 'count', kind: 'stock', lowest: 'grid',
    name: { zh: '小区党群服务站数', en: 'Compound party-mass service stations' },
    definition: { zh: '统计期末已登记的小区党群服务站个数', en: 'Compound party-mass service stations registered at the end of the period' },
    count: (db, w) => grouped(db, venues('station', w)),
  },
  {
    ...base, key: 'venues.standard_rate', unit: 'percent', kind: 'stock', lowest: 'grid', sources: ['venue', 'venue_standard_item'],
    name: { zh: '三要六有达标率', en: 'Venues to the 三要六有 standard' },
    definition: {
      zh: '统计期末九项（三要六有）均已登记佐证的阵地数 ÷ 阵地总数（中心和服务站）',
      en: 'Venues (centres and stations) with all nine 三要六有 items recorded with evidence at the end of the period, over all venues',
    },
    // Each venue's items through the (venue_id, item) key. An item recorded again renews its
    // time, so a past month counted without its snapshot may miss one renewed since.
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'v.org_path')} AS child_id, count(*) FILTER (WHERE (
          SELECT count(*) FROM venue_standard_item i
          WHERE i.venue_id = v.id AND i.item IN (${sql.join([...STANDARD_CODES])}) AND i.recorded_at < ${w.to}
        ) = ${STANDARD_CODES.length}) AS num, count(*) AS den
      FROM venue v
      WHERE v.org_path LIKE ${w.under + '%'} AND v.created_at < ${w.to}
      GROUP BY 1`),
  },
  {
    ...base, key: 'venues.bookings_confirmed', unit: 'count', kind: 'flow', lowest: 'grid', sources: ['venue_booking'],
    name: { zh: '阵地预约场次', en: 'Venue bookings confirmed' },
    definition: { zh: '统计月内开始、已确认（未取消、未谢绝）的活动室预约场次', en: 'Room bookings starting in the month that are confirmed (not cancelled or declined)' },
    count: (db, w) => grouped(db, bookings(w, sql`count(*)`, sql`b.status = 'confirmed'`)),
  },
  {
    ...base, key: 'venues.check_ins', unit: 'count', kind: 'flow', lowest: 'grid', sources: ['venue_booking'],
    name: { zh: '阵地使用场次', en: 'Venue uses (check-ins)' },
    definition: { zh: '统计月内开始并已到场签到的预约场次（以奖代补按此计数）', en: 'Bookings starting in the month that were checked in at the venue (the use 以奖代补 awards count)' },
    count: (db, w) => grouped(db, bookings(w, sql`count(*)`, checkedIn(w))),
  },
  {
    ...base, key: 'venues.visitors', unit: 'count', kind: 'flow', lowest: 'grid', sources: ['venue_booking'],
    name: { zh: '阵地服务人次', en: 'Venue visitors' },
    definition: { zh: '统计月内已签到预约的参加人数合计', en: 'People attending the bookings checked in during the month' },
    count: (db, w) => grouped(db, bookings(w, sql`coalesce(sum(b.attendees), 0)`, checkedIn(w))),
  },
];
