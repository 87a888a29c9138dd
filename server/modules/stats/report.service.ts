import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { chinaDay, chinaWeekMinute, type Clock } from '../../platform/clock.js';
import type { Indicator } from '../../platform/indicators.js';
import type { Scope } from '../../platform/scope.js';
import { INDICATORS } from '../indicator-registry.js';
import { cockpit } from './cockpit.service.js';

type Cockpit = Awaited<ReturnType<typeof cockpit>>;
type Figure = Cockpit['figures'][number];

const META = new Map(INDICATORS.map((i) => [i.key, i]));
const UNIT_ZH: Record<Indicator['unit'], string> = { count: '', percent: '%', per10k: '人/万人', yuan: '元', hours: '小时', points: '分', m2: 'm²' };
const GROUP_ZH: Record<Indicator['group'], string> = {
  organisation: '组织体系', workforce: '工作力量', demands: '诉求办理', points: '积分制', volunteers: '志愿服务与共建',
  property: '物业服务', selfrun: '居民自办物业', newgroups: '新就业群体', venues: '党群阵地', supervision: '督导',
};

const monthZh = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const num = (v: number) => v.toLocaleString('zh-CN');
const withUnit = (i: Indicator, v: number) => `${num(v)}${UNIT_ZH[i.unit]}`;

/**
 * The short comparison with the month before that opens the report: the headline figures first,
 * in the catalogue's order, then the other figures that moved most (relative change), each as a
 * sentence; rates compare in percentage points.
 */
export function summarise(c: Pick<Cockpit, 'unit' | 'month' | 'figures'>): string[] {
  // Each figure against what it is compared with: while the month is under way a period figure's
  // same days of last month, otherwise last month.
  const comparable = c.figures.flatMap((f) => {
    const i = META.get(f.key);
    const sameSpan = f.previousSameSpan !== null;
    const base = sameSpan ? f.previousSameSpan : f.previous;
    return i && f.value !== null && base !== null ? [{ i, value: f.value, base, than: sameSpan ? '上月同期' : '上月' }] : [];
  });
  const headline = comparable.filter(({ i }) => i.headline);
  const others = comparable
    .filter(({ i, value, base }) => !i.headline && value !== base)
    .map((x) => ({ ...x, weight: Math.abs(x.value - x.base) / Math.max(Math.abs(x.base), 1) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 5);
  const lead = `${monthZh(c.month)}，${c.unit.name}的各项数据均由系统记录自动统计。`;
  if (!headline.length && !others.length) return [lead, '上月尚无可比数据。'];
  return [lead, ...[...headline, ...others].map(({ i, value, base, than }) => {
    const d = Math.round((value - base) * 10) / 10;
    const up = d > 0;
    if (d === 0) return `${i.name.zh}${i.unit === 'percent' ? `${value}%` : withUnit(i, value)}，与${than}持平。`;
    if (i.unit === 'percent') return `${i.name.zh}${value}%，比${than}${up ? '提高' : '下降'}${Math.abs(d)}个百分点。`;
    const rel = base ? `（${up ? '+' : '−'}${Math.abs(Math.round((d / base) * 1000) / 10)}%）` : '';
    return `${i.name.zh}${withUnit(i, value)}，比${than}${up ? '增加' : '减少'}${withUnit(i, Math.abs(d))}${rel}。`;
  })];
}

/** The monthly report: the cockpit's figures with the comparison, for a page to print and a workbook. */
export async function monthlyReport(db: Kysely<DB>, clock: Clock, scope: Scope, q: { orgId: number; month?: string }) {
  const c = await cockpit(db, clock, scope, q);
  return { ...c, summary: summarise(c) };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E7F7' } };
const cell = (f: Figure['value']) => (f === null ? '—' : f);

/** The report as a workbook: the comparison, every figure with last month's, and the units below. */
export async function reportWorkbook(db: Kysely<DB>, clock: Clock, scope: Scope, q: { orgId: number; month?: string }) {
  const r = await monthlyReport(db, clock, scope, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const title = `${r.unit.name}${monthZh(r.month)}基层治理月报`;

  const summary = wb.addWorksheet('月报摘要');
  summary.columns = [{ width: 110 }];
  summary.addRow([title]).font = { bold: true, size: 14 };
  for (const line of r.summary) summary.addRow([line]);
  summary.addRow([r.live ? `本月数据统计于${chinaClockTime(new Date(r.asOf))}（北京时间，每10分钟统计一次）。` : '往月数据为月末数。']);
  if (r.previousSpan) summary.addRow([`本月尚未结束：期间类指标与上月同期（截至${chinaClockTime(new Date(r.previousSpan.to))}）比较，时点类指标与上月末数比较。`]);

  const figures = wb.addWorksheet('指标', { views: [{ state: 'frozen', ySplit: 1 }] });
  figures.columns = [
    { header: '类别', key: 'group', width: 14 }, { header: '指标', key: 'name', width: 30 }, { header: '本月', key: 'value', width: 12 },
    { header: '上月', key: 'previous', width: 12 },
    ...(r.previousSpan ? [{ header: '上月同期', key: 'sameSpan', width: 12 }] : []),
    { header: '单位', key: 'unit', width: 10 }, { header: '口径', key: 'definition', width: 70 },
  ];
  for (const f of r.figures) {
    const i = META.get(f.key)!;
    figures.addRow({ group: GROUP_ZH[i.group], name: i.name.zh, value: cell(f.value), previous: cell(f.previous), sameSpan: cell(f.previousSameSpan), unit: UNIT_ZH[i.unit] || '个', definition: i.definition.zh });
  }

  const ws = [summary, figures];
  if (r.children.length) {
    const shown = r.figures.filter((f) => f.childLevel);
    const below = wb.addWorksheet('下级单位', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    below.columns = [{ header: '单位', key: 'unit', width: 20 }, ...shown.map((f) => ({ header: META.get(f.key)!.name.zh, key: f.key, width: 14 }))];
    for (const c of r.children) below.addRow({ unit: c.name, ...Object.fromEntries(shown.map((f) => [f.key, cell(f.byChild[String(c.id)] ?? null)])) });
    ws.push(below);
  }
  for (const w of ws.slice(1)) w.getRow(1).eachCell((c) => { c.font = { bold: true }; c.fill = HEADER_FILL; });
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${title}.xlsx` };
}

/** 'YYYY-MM-DD HH:mm' in China time: when the month under way was counted. */
function chinaClockTime(at: Date) {
  const { minute } = chinaWeekMinute(at);
  return `${chinaDay(at)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
