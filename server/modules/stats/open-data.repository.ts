import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import type { OpenDataDatasetTable, OpenDataIndicatorTable } from './stats.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A county's indicators published now (locked when about to change them). */
export function liveChoice(db: Q, countyId: number, lock = false) {
  return db.selectFrom('open_data_indicator').select(['id', 'indicator', 'published_at'])
    .where('county_id', '=', countyId).where('withdrawn_at', 'is', null).orderBy('indicator')
    .$if(lock, (q) => q.forUpdate()).execute();
}

export async function withdraw(db: Q, ids: number[], by: number, at: Date) {
  if (ids.length) await db.updateTable('open_data_indicator').set({ withdrawn_by: by, withdrawn_at: at }).where('id', 'in', ids).execute();
}

export async function publish(db: Q, rows: Insertable<OpenDataIndicatorTable>[]) {
  if (rows.length) await db.insertInto('open_data_indicator').values(rows).execute();
}

/** A live county by its division code (the stable address of its open data). */
export function countyByCode(db: Q, code: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'path', 'county_code'])
    .where('kind', '=', 'county').where('county_code', '=', code).where('dissolved_at', 'is', null).executeTakeFirst();
}

/** Counties publishing at least one indicator or dataset, with the latest month snapshotted. */
export function publishingCounties(db: Q) {
  return db.selectFrom('org_unit as c')
    .select(['c.county_code', 'c.name',
      sql<string>`(SELECT count(*) FROM open_data_indicator d WHERE d.county_id = c.id AND d.withdrawn_at IS NULL)`.as('indicators'),
      sql<string[] | null>`(SELECT array_agg(d.dataset) FROM open_data_dataset d WHERE d.county_id = c.id AND d.withdrawn_at IS NULL)`.as('datasets'),
      sql<string | null>`(SELECT max(s.month) FROM indicator_snapshot s WHERE s.org_id = c.id)`.as('latest_month')])
    .where('c.kind', '=', 'county').where('c.dissolved_at', 'is', null)
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('open_data_indicator as d').select('d.id').whereRef('d.county_id', '=', 'c.id').where('d.withdrawn_at', 'is', null)),
      eb.exists(eb.selectFrom('open_data_dataset as d').select('d.id').whereRef('d.county_id', '=', 'c.id').where('d.withdrawn_at', 'is', null)),
    ]))
    .orderBy('c.county_code').execute();
}

/** A county's datasets published now (locked when about to change them). */
export function liveDatasets(db: Q, countyId: number, lock = false) {
  return db.selectFrom('open_data_dataset').select(['id', 'dataset', 'published_at'])
    .where('county_id', '=', countyId).where('withdrawn_at', 'is', null).orderBy('dataset')
    .$if(lock, (q) => q.forUpdate()).execute();
}

export async function withdrawDatasets(db: Q, ids: number[], by: number, at: Date) {
  if (ids.length) await db.updateTable('open_data_dataset').set({ withdrawn_by: by, withdrawn_at: at }).where('id', 'in', ids).execute();
}

export async function publishDatasets(db: Q, rows: Insertable<OpenDataDatasetTable>[]) {
  if (rows.length) await db.insertInto('open_data_dataset').values(rows).execute();
}

/** Live counties, for the portal's county picker. */
export function liveCounties(db: Q) {
  return db.selectFrom('org_unit').select(['id', 'name', 'county_code']).where('kind', '=', 'county').where('dissolved_at', 'is', null)
    .orderBy('county_code').execute();
}

/** Snapshots of some indicators for a county and its streets and communities over the last months. */
export function snapshotsForOpenData(db: Q, countyPath: string, indicators: string[], months: number) {
  return db.selectFrom('indicator_snapshot as s').innerJoin('org_unit as u', 'u.id', 's.org_id')
    .select(['s.month', 's.indicator', 's.num', 's.den', 'u.code', 'u.name', 'u.kind'])
    .where('s.org_path', 'like', `${countyPath}%`).where('s.depth', '<=', 3).where('s.indicator', 'in', indicators)
    .where('s.month', 'in', (eb) => eb.selectFrom('indicator_snapshot as m').select('m.month').distinct()
      .where('m.org_path', '=', countyPath).orderBy('m.month', 'desc').limit(months))
    .orderBy('s.month').orderBy('s.depth').orderBy('u.code').orderBy('s.indicator').execute();
}

/** Each publishing county's published indicators at its latest snapshotted month. */
export function latestPublishedFigures(db: Q) {
  return db.selectFrom('open_data_indicator as d').innerJoin('org_unit as c', 'c.id', 'd.county_id')
    .leftJoin('indicator_snapshot as s', (j) => j.onRef('s.org_id', '=', 'd.county_id').onRef('s.indicator', '=', 'd.indicator')
      .on('s.month', '=', sql<string>`(SELECT max(m.month) FROM indicator_snapshot m WHERE m.org_id = d.county_id)`))
    .select(['d.county_code', 'c.name as county_name', 'd.indicator', 's.month', 's.num', 's.den'])
    .where('d.withdrawn_at', 'is', null).orderBy('d.county_code').orderBy('d.indicator').execute();
}
