import { sql } from 'kysely';
import { addDays, chinaDay } from '../../platform/clock.js';
import { childOf, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';
import type { LedgerKind } from './ledger.tables.js';
import type { StoredCompoundMode } from './selfrun.tables.js';

/**
 * 居民自办物业 in the cockpit: compounds by their recorded mode and by how far the ten steps have
 * gone (stocks at the window's end), and the public accounts' money in the month (flows). Every
 * row carries its compound's (a grid's) path, so each figure is cut down to the grid.
 */

/** The window's last China day: a stock stands on it (a live window's last day is today). */
const lastDay = (w: IndicatorWindow) => chinaDay(new Date(w.to.getTime() - 1));
/** The window's China days, [first, day after the last). */
const days = (w: IndicatorWindow) => [chinaDay(w.from), addDays(lastDay(w), 1)] as const;

/**
 * Compounds recorded in a mode at the window's end. A compound under a live property contract is
 * run by the company whatever its profile says (as on the compounds page), and a grid dissolved
 * before the end is no compound then. The profile keeps the mode since a day, not its history.
 */
function byMode(mode: StoredCompoundMode, key: string, zh: string, en: string, defZh: string, defEn: string): Indicator {
  return {
    key: `selfrun.${key}`, module: 'selfrun', group: 'selfrun', unit: 'count', kind: 'stock', lowest: 'grid', public: true,
    sources: ['compound_profile', 'org_unit', 'property_contract'],
    name: { zh, en },
    definition: { zh: defZh, en: defEn },
    count: (db, w) => {
      const day = lastDay(w);
      return grouped(db, sql`
        SELECT ${childOf(w, 'cp.org_path')} AS child_id, count(*) AS num
        FROM compound_profile cp JOIN org_unit g ON g.id = cp.compound_id
        WHERE cp.org_path LIKE ${w.under + '%'} AND cp.mode = ${mode} AND cp.mode_since <= ${day}::date
          AND (g.dissolved_at IS NULL OR g.dissolved_at >= ${w.to})
          AND NOT EXISTS (SELECT 1 FROM property_contract k WHERE k.compound_id = cp.compound_id
            AND k.created_at < ${w.to} AND (k.ended_on > ${day}::date OR (k.ended_on IS NULL AND k.status = 'active')))
        GROUP BY 1`);
    },
  };
}

/**
 * Money of the public accounts dated in the month. A reversing entry (红字冲销) carries the
 * negative of the entry it undoes, same kind, dated the day it is written: a mistake reversed in
 * its month leaves nothing, one reversed later comes off the later month — as the month's
 * published statement (收支公开) has it, since a closed month never changes.
 */
function money(kind: LedgerKind, key: string, zh: string, en: string, defZh: string, defEn: string): Indicator {
  return {
    key: `selfrun.${key}`, module: 'selfrun', group: 'selfrun', unit: 'yuan', kind: 'flow', lowest: 'grid', public: true,
    sources: ['selfrun_ledger_entry'],
    name: { zh, en },
    definition: { zh: defZh, en: defEn },
    count: (db, w) => {
      const [from, to] = days(w);
      return grouped(db, sql`
        SELECT ${childOf(w, 'e.org_path')} AS child_id, sum(e.amount_fen) / 100.0 AS num
        FROM selfrun_ledger_entry e
        WHERE e.org_path LIKE ${w.under + '%'} AND e.kind = ${kind} AND e.day >= ${from}::date AND e.day < ${to}::date
        GROUP BY 1`);
    },
  };
}

const steps = { module: 'selfrun', group: 'selfrun', unit: 'count', kind: 'stock', lowest: 'grid', public: true } as const;

export const INDICATORS: readonly Indicator[] = [
  byMode('self_run', 'self_run_compounds', '居民自办物业小区数', 'Compounds run by their residents',
    '统计期末管理模式为居民自办、且没有有效物业服务合同的小区个数', 'Compounds recorded as run by their residents, with no live property contract, at the end of the period'),
  byMode('unit_managed', 'unit_managed_compounds', '单位自管小区数', 'Compounds managed by a work unit',
    '统计期末管理模式为单位自管、且没有有效物业服务合同的小区个数', 'Compounds recorded as managed by a work unit, with no live property contract, at the end of the period'),
  byMode('none', 'unmanaged_compounds', '无人管理小区数', 'Compounds with no management',
    '统计期末登记为无人管理、且没有有效物业服务合同的小区个数', 'Compounds recorded as having no management, with no live property contract, at the end of the period'),
  {
    ...steps, key: 'selfrun.steps_in_progress', sources: ['selfrun_process', 'selfrun_step_record'],
    name: { zh: '十步推进中小区数', en: 'Compounds going through the ten steps' },
    definition: { zh: '统计期末已启动居民自办十步（动议）但尚未完成服务评定的小区个数', en: 'Compounds that started the ten steps and had not completed the service review at the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'p.org_path')} AS child_id, count(*) AS num FROM selfrun_process p
      WHERE p.org_path LIKE ${w.under + '%'} AND p.started_at < ${w.to}
        AND NOT EXISTS (SELECT 1 FROM selfrun_step_record r WHERE r.compound_id = p.compound_id AND r.step = 'service_review' AND r.completed_at < ${w.to})
      GROUP BY 1`),
  },
  {
    // The last step's record is written once per compound (UNIQUE (compound_id, step)).
    ...steps, key: 'selfrun.steps_completed', sources: ['selfrun_step_record'],
    name: { zh: '完成十步小区数', en: 'Compounds that completed the ten steps' },
    definition: { zh: '统计期末已完成居民自办十步（含服务评定）的小区个数', en: 'Compounds that had completed all ten steps, the service review included, by the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'r.org_path')} AS child_id, count(*) AS num FROM selfrun_step_record r
      WHERE r.org_path LIKE ${w.under + '%'} AND r.step = 'service_review' AND r.completed_at < ${w.to}
      GROUP BY 1`),
  },
  money('income', 'account_income', '自办物业公共账户收入', 'Self-run public accounts: income',
    '统计月内记入居民自办小区公共账户的收入（停车、快递柜、广告、物业费、众筹等），冲销后，单位元', 'Income entered in the self-run compounds\' public accounts in the month (parking, parcel lockers, adverts, fees, crowdfunding…), after reversals, in yuan'),
  money('expense', 'account_expense', '自办物业公共账户支出', 'Self-run public accounts: spending',
    '统计月内记入居民自办小区公共账户的支出（工资、维修、材料等），冲销后，单位元', 'Spending entered in the self-run compounds\' public accounts in the month (wages, repairs, materials…), after reversals, in yuan'),
];
