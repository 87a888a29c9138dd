import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/http/request-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { figure, type Indicator } from '../../platform/indicators.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { INDICATORS } from '../indicator-registry.js';
import { DATASET_BY_NAME, DATASETS } from './open-data.datasets.js';
import * as repo from './open-data.repository.js';

const META = new Map(INDICATORS.map((i) => [i.key, i]));
const PUBLIC = INDICATORS.filter((i) => i.public);
const LEVEL_ZH: Record<string, string> = { county: '县（市、区）', street: '街道（乡镇）', community: '社区' };
/** Months an open-data file carries: two years of monthly figures. */
const MONTHS_KEPT = 24;

async function countyOf(db: Kysely<DB>, scope: Scope, countyId: number) {
  const u = await unitInScope(db, scope, countyId);
  if (u.kind !== 'county') throw new AppError('VALIDATION_FAILED', '开放数据由县（市、区）发布，请选择县级单位', { fields: [{ field: 'countyId', problem: 'not_county' }] });
  return u;
}

/** A county's open-data choice, with every indicator it may choose from. */
export async function openDataChoice(db: Kysely<DB>, scope: Scope, countyId: number) {
  const county = await countyOf(db, scope, countyId);
  const chosen = await repo.liveChoice(db, county.id);
  const live = new Map((await repo.liveDatasets(db, county.id)).map((d) => [d.dataset, d.published_at]));
  return {
    county: { id: county.id, name: county.name, code: county.county_code },
    chosen: chosen.map((c) => ({ key: c.indicator, publishedAt: c.published_at.toISOString() })),
    choosable: PUBLIC.map((i) => i.key),
    urls: urlsOf(county.county_code),
    datasets: DATASETS.map((d) => ({
      name: d.name, title: d.title, description: d.description,
      publishedAt: live.get(d.name)?.toISOString() ?? null, urls: datasetUrlsOf(county.county_code, d.name),
    })),
  };
}

/**
 * Sets the indicators (and, when given, the datasets) a county publishes: new ones are published,
 * dropped ones withdrawn (kept with who and when).
 */
export async function setOpenData(db: Kysely<DB>, clock: Clock, actor: Actor, scope: Scope, body: { countyId: number; indicators: string[]; datasets?: string[] }) {
  const county = await countyOf(db, scope, body.countyId);
  const wanted = [...new Set(body.indicators)];
  const refused = wanted.filter((k) => !META.get(k)?.public);
  if (refused.length) {
    throw new AppError('VALIDATION_FAILED', `以下指标不能公开发布（不存在或含不宜公开的内容）：${refused.join('、')}`, { fields: [{ field: 'indicators', problem: 'not_public' }], refused });
  }
  const wantedSets = body.datasets ? [...new Set(body.datasets)] : null;
  const unknown = (wantedSets ?? []).filter((n) => !DATASET_BY_NAME.has(n));
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', `以下数据集不存在：${unknown.join('、')}`, { fields: [{ field: 'datasets', problem: 'unknown' }], refused: unknown });
  }
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const live = await repo.liveChoice(trx, county.id, true);
    const had = new Set(live.map((l) => l.indicator));
    const add = wanted.filter((k) => !had.has(k));
    const drop = live.filter((l) => !wanted.includes(l.indicator));
    await repo.withdraw(trx, drop.map((d) => d.id), actor.accountId, now);
    await repo.publish(trx, add.map((k) => ({ county_id: county.id, org_path: county.path, county_code: county.county_code, indicator: k, published_by: actor.accountId, published_at: now })));
    // Datasets only when the body names them: a client that knows only indicators leaves them as they are.
    const liveSets = await repo.liveDatasets(trx, county.id, true);
    const addSets = wantedSets ? wantedSets.filter((n) => !liveSets.some((l) => l.dataset === n)) : [];
    const dropSets = wantedSets ? liveSets.filter((l) => !wantedSets.includes(l.dataset)) : [];
    await repo.withdrawDatasets(trx, dropSets.map((d) => d.id), actor.accountId, now);
    await repo.publishDatasets(trx, addSets.map((n) => ({ county_id: county.id, org_path: county.path, county_code: county.county_code, dataset: n, published_by: actor.accountId, published_at: now })));
    await writeAudit(trx, actor, {
      action: 'stats.open_data_set', entity: 'open_data_indicator', entityId: county.id, orgPath: county.path, countyCode: county.county_code,
      before: { indicators: [...had], datasets: liveSets.map((l) => l.dataset) },
      after: {
        indicators: wanted, added: add, withdrawn: drop.map((d) => d.indicator),
        datasets: wantedSets ?? liveSets.map((l) => l.dataset), datasetsAdded: addSets, datasetsWithdrawn: dropSets.map((d) => d.dataset),
      },
    });
    return { ok: true as const, added: add.length + addSets.length, withdrawn: drop.length + dropSets.length };
  });
}

const urlsOf = (code: string) => ({
  json: `/api/public/open-data/${code}/indicators.json`,
  csv: `/api/public/open-data/${code}/indicators.csv`,
  dictionary: `/api/public/open-data/${code}/dictionary.json`,
});

const datasetUrlsOf = (code: string, name: string) => ({
  json: `/api/public/open-data/${code}/datasets/${name}.json`,
  csv: `/api/public/open-data/${code}/datasets/${name}.csv`,
});

/** Counties that publish anything, with their latest month and file addresses (no sign-in). */
export async function openDataCounties(db: Kysely<DB>) {
  const rows = await repo.publishingCounties(db);
  return {
    items: rows.map((r) => ({
      code: r.county_code, name: r.name, indicators: Number(r.indicators), latestMonth: r.latest_month, urls: urlsOf(r.county_code),
      datasets: DATASETS.filter((d) => r.datasets?.includes(d.name))
        .map((d) => ({ name: d.name, title: d.title.zh, titleEn: d.title.en, urls: datasetUrlsOf(r.county_code, d.name) })),
    })),
  };
}

/** Live counties for the portal's picker (every county has notices and lists, publishing or not). */
export async function portalCounties(db: Kysely<DB>) {
  return { items: (await repo.liveCounties(db)).map((c) => ({ id: c.id, code: c.county_code, name: c.name })) };
}

async function publishingCounty(db: Kysely<DB>, code: string) {
  const county = await repo.countyByCode(db, code);
  // Public files: nobody is signed in, so the answer names what is missing, not a jurisdiction.
  if (!county) throw new AppError('NOT_FOUND', `没有区划代码为${code}的县（市、区）`);
  const chosen = (await repo.liveChoice(db, county.id)).map((c) => META.get(c.indicator)).filter((i): i is Indicator => !!i?.public);
  const live = new Set((await repo.liveDatasets(db, county.id)).map((d) => d.dataset));
  const datasets = DATASETS.filter((d) => live.has(d.name)); // in the catalogue's order
  return { county, chosen, datasets };
}

/** The data dictionary: what each column and each indicator means. */
export async function dictionary(db: Kysely<DB>, code: string) {
  const { county, chosen, datasets } = await publishingCounty(db, code);
  return {
    county: { code: county.county_code, name: county.name },
    datasets: datasets.map((d) => ({
      name: d.name, title: d.title.zh, titleEn: d.title.en, description: d.description, fields: [...d.fields], urls: datasetUrlsOf(county.county_code, d.name),
    })),
    columns: [
      { name: 'month', description: '统计月份（YYYY-MM，北京时间），数值为该月月末快照' },
      { name: 'unit_code', description: '单位代码（统计用区划代码）' },
      { name: 'unit_name', description: '单位名称（统计时的名称）' },
      { name: 'unit_level', description: '层级：county 县（市、区）、street 街道（乡镇）、community 社区' },
      { name: 'indicator', description: '指标代码，见 indicators' },
      { name: 'value', description: '数值（比率为百分数，保留一位小数）' },
    ],
    indicators: chosen.map((i) => ({ key: i.key, name: i.name.zh, nameEn: i.name.en, definition: i.definition.zh, unit: i.unit, kind: i.kind, lowest: i.lowest })),
    refreshed: '每月1日凌晨系统自动统计上月数据后更新',
    license: '可自由使用，请注明来源',
  };
}

/** The county's published indicators for its units (county, streets, communities), month by month, from the snapshots. */
export async function openDataRows(db: Kysely<DB>, code: string) {
  const { county, chosen } = await publishingCounty(db, code);
  if (!chosen.length) return { county, rows: [] };
  const snaps = await repo.snapshotsForOpenData(db, county.path, chosen.map((i) => i.key), MONTHS_KEPT);
  return {
    county,
    rows: snaps.map((s) => {
      const i = META.get(s.indicator)!;
      return {
        month: s.month, unit_code: s.code, unit_name: s.name, unit_level: s.kind, unit_level_zh: LEVEL_ZH[s.kind] ?? s.kind, indicator: s.indicator,
        value: figure(i.unit, s.num, s.den),
      };
    }),
  };
}

/** One published dataset's rows; a dataset the county has not chosen (or withdrew) is not found. */
export async function datasetRows(db: Kysely<DB>, code: string, name: string) {
  const { county, datasets } = await publishingCounty(db, code);
  const d = datasets.find((x) => x.name === name);
  if (!d) throw new AppError('NOT_FOUND', `${county.name}没有公开数据集“${name}”`);
  return { county: { code: county.county_code, name: county.name }, dataset: { name: d.name, title: d.title.zh, titleEn: d.title.en }, fields: d.fields.map((f) => f.name), rows: await d.rows(db, county.county_code) };
}

/** RFC 4180 CSV of the indicator rows. */
export function toCsv(rows: Awaited<ReturnType<typeof openDataRows>>['rows']) {
  return csvOf(['month', 'unit_code', 'unit_name', 'unit_level', 'indicator', 'value'], rows);
}

/** RFC 4180 CSV with a BOM, so spreadsheet programs read the Chinese names right. */
export function csvOf<K extends string>(cols: readonly K[], rows: readonly { [k in K]?: unknown }[]) {
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    // A leading =, +, - or @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\r\n')}\r\n`;
}

/** A few published figures per county for the portal: the latest snapshotted month of each. */
export async function publicFigures(db: Kysely<DB>) {
  const rows = await repo.latestPublishedFigures(db);
  const byCounty = new Map<string, { code: string; name: string; month: string | null; figures: { key: string; name: string; nameEn: string; unit: string; value: number | null }[] }>();
  for (const r of rows) {
    const c = byCounty.get(r.county_code) ?? { code: r.county_code, name: r.county_name, month: r.month, figures: [] };
    const i = META.get(r.indicator);
    if (i?.public && r.num !== null) {
      c.figures.push({ key: i.key, name: i.name.zh, nameEn: i.name.en, unit: i.unit, value: figure(i.unit, r.num, r.den) });
    }
    byCounty.set(r.county_code, c);
  }
  return { items: [...byCounty.values()] };
}
