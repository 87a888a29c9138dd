import type { ColumnType, Generated } from 'kysely';

type Numeric = ColumnType<string, number | string, number | string>;

type NullableNumeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

/** One indicator's figure for one unit and month, as a count filed it. */
interface CountedFigure {
  month: string;
  indicator: string;
  org_id: number;
  org_path: string;
  county_code: string;
  depth: number;
  num: Numeric;
  den: NullableNumeric;
  /** The part counted at the unit itself, at none of its children (migration 0132). */
  own_num: Numeric;
  own_den: NullableNumeric;
}

/** A month as counted at its end (migration 0120): filed once, never changed. */
export interface IndicatorSnapshotTable extends CountedFigure {
  computed_at: Generated<Date>;
}

/**
 * The month under way for every unit, counted every few minutes and replaced whole (migration
 * 0132), with the period figures of the same span of the month before, filed under its name (0137).
 */
export interface IndicatorCurrentTable extends CountedFigure {
  counted_at: Date;
}

/** An indicator a county publishes as open data (migration 0121); withdrawn rows stay. */
export interface OpenDataIndicatorTable {
  id: Generated<number>;
  county_id: number;
  org_path: string;
  county_code: string;
  indicator: string;
  published_by: number | null;
  published_at: Generated<Date>;
  withdrawn_by: ColumnType<number | null, number | null | undefined, number | null>;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A de-identified dataset a county publishes as open data (migration 0130); withdrawn rows stay. */
export interface OpenDataDatasetTable {
  id: Generated<number>;
  county_id: number;
  org_path: string;
  county_code: string;
  dataset: string;
  published_by: number | null;
  published_at: Generated<Date>;
  withdrawn_by: ColumnType<number | null, number | null | undefined, number | null>;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Tables of the stats module (the cockpit). */
export interface StatsTables {
  indicator_snapshot: IndicatorSnapshotTable;
  indicator_current: IndicatorCurrentTable;
  open_data_indicator: OpenDataIndicatorTable;
  open_data_dataset: OpenDataDatasetTable;
}
