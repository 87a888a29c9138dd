import { sql } from 'kysely';
import { addMonths, chinaMonthStart } from '../../platform/clock.js';
import { childOf, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';

/**
 * A window short of its month's end (the same days of last month, compared while a month runs;
 * the month under way, to now) reads the month's ledger as it stood then: entries written by that
 * instant. A whole month reads every entry filed under it, late ones included.
 */
const writtenBy = (w: IndicatorWindow) =>
  (w.to < chinaMonthStart(addMonths(w.month, 1)) ? sql`AND e.created_at <= ${w.to}` : sql``);

/**
 * Points by the ledger's month. A reversal counts against the kind of the entry it undoes, so a
 * corrected deed leaves the month's points issued as if it had never been recorded.
 */
function ledger(w: IndicatorWindow, kinds: readonly string[], measure: 'sum' | 'negsum' | 'events' | 'households') {
  const value = measure === 'sum' ? sql`sum(e.amount)`
    : measure === 'negsum' ? sql`-sum(e.amount)`
      // An order refunded (expired, cancelled) or reversed is no redemption.
      : measure === 'events' ? sql`count(*) FILTER (WHERE e.kind = 'redeem') - count(*) FILTER (WHERE e.kind <> 'redeem')`
        : sql`count(DISTINCT e.holder_id) FILTER (WHERE e.kind <> 'reversal' AND e.holder_kind = 'household')`;
  return sql<{ child_id: number | null; num: string }>`
    SELECT ${childOf(w, 'e.org_path')} AS child_id, coalesce(${value}, 0) AS num
    FROM points_entry e LEFT JOIN points_entry o ON o.id = e.reverses_id
    WHERE e.org_path LIKE ${w.under + '%'} AND e.month = ${w.month} ${writtenBy(w)} AND coalesce(o.kind, e.kind) IN (${sql.join(kinds)})
    GROUP BY 1`;
}

const base = { module: 'points', group: 'points', sources: ['points_entry'], lowest: 'grid', kind: 'flow' } as const;

export const INDICATORS: readonly Indicator[] = [
  {
    ...base, key: 'points.households_taking_part', headline: true, unit: 'count', public: true,
    name: { zh: '参与积分户数', en: 'Households earning points' },
    definition: { zh: '统计月内获得善行或志愿积分的家庭户数', en: 'Households credited points for deeds or volunteering in the month' },
    count: (db, w) => grouped(db, ledger(w, ['deed', 'volunteer'], 'households')),
  },
  {
    ...base, key: 'points.issued', unit: 'points', public: true,
    name: { zh: '发放积分', en: 'Points issued' },
    definition: { zh: '统计月内发放的基础分、善行分和志愿服务分合计（冲正后）', en: 'Base, deed and volunteer points credited in the month, after corrections' },
    count: (db, w) => grouped(db, ledger(w, ['base', 'deed', 'volunteer'], 'sum')),
  },
  {
    ...base, key: 'points.redeemed', unit: 'points', public: true,
    name: { zh: '兑换积分', en: 'Points redeemed' },
    definition: { zh: '统计月内在积分超市兑换消耗的积分（扣除退还）', en: 'Points spent in the points supermarket in the month, less refunds' },
    count: (db, w) => grouped(db, ledger(w, ['redeem', 'refund'], 'negsum')),
  },
  {
    ...base, key: 'points.redemptions', unit: 'count',
    name: { zh: '兑换人次', en: 'Redemptions' },
    definition: { zh: '统计月内积分超市的兑换次数（冲正后）', en: 'Redemptions in the points supermarket in the month, after corrections' },
    count: (db, w) => grouped(db, ledger(w, ['redeem', 'refund'], 'events')),
  },
  {
    ...base, key: 'points.commendations', unit: 'count', public: true, sources: ['points_entry', 'points_rule_item'],
    name: { zh: '获得表彰次数', en: 'Commendations' },
    definition: {
      zh: '统计月内经积分小组审核记入的“获得表彰”事项次数（居民户和商户，冲正后）',
      en: 'Commendations (获得表彰) recorded as deeds and approved in the month, for households and merchants, after corrections',
    },
    // 一事一记: a commendation is a deed under a rule item of the 'commendation' category (each
    // community's own copy keeps the category); a reversal undoes it in the month it is written.
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'e.org_path')} AS child_id, count(*) FILTER (WHERE e.kind = 'deed') - count(*) FILTER (WHERE e.kind = 'reversal') AS num
      FROM points_entry e LEFT JOIN points_entry o ON o.id = e.reverses_id
        JOIN points_rule_item ri ON ri.id = coalesce(o.rule_item_id, e.rule_item_id)
      WHERE e.org_path LIKE ${w.under + '%'} AND e.month = ${w.month} ${writtenBy(w)} AND coalesce(o.kind, e.kind) = 'deed' AND ri.category = 'commendation'
      GROUP BY 1`),
  },
];
