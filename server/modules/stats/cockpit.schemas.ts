import { z } from 'zod';

const Month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const Level = z.enum(['city', 'county', 'street', 'community', 'grid']);
const Text = z.object({ zh: z.string(), en: z.string() });

export const IndicatorMeta = z.object({
  key: z.string(),
  module: z.string(),
  group: z.enum(['organisation', 'workforce', 'demands', 'points', 'volunteers', 'property', 'selfrun', 'newgroups', 'venues', 'supervision']),
  name: Text,
  definition: Text,
  unit: z.enum(['count', 'percent', 'per10k', 'yuan', 'hours', 'points', 'm2']),
  kind: z.enum(['flow', 'stock']),
  sources: z.array(z.string()),
  lowest: Level,
  public: z.boolean(),
  /** One of the figures the cockpit and the monthly report open with. */
  headline: z.boolean(),
});
export const Catalogue = z.object({ items: z.array(IndicatorMeta) });

export const CockpitQuery = z.object({
  orgId: z.coerce.number().int().positive(),
  month: Month.optional(),
});

const Place = z.object({ id: z.number(), name: z.string(), kind: z.string() });
export const CockpitFigure = z.object({
  key: z.string(),
  /** The figure for the unit (null: a ratio with nothing to divide by). */
  value: z.number().nullable(),
  /** The same figure a month before: from that month's snapshot, or counted from the records for a flow (null: a stock before the first snapshot). */
  previous: z.number().nullable(),
  /** A flow while its month is under way: the same span of the month before (see previousSpan); null otherwise. */
  previousSameSpan: z.number().nullable(),
  /** By child unit id; missing children count nothing. */
  byChild: z.record(z.string(), z.number().nullable()),
  /** Whether the children's figures mean anything at their level. */
  childLevel: z.boolean(),
});
export const Cockpit = z.object({
  unit: Place.extend({ countyCode: z.string() }),
  /** From the viewer's top unit down to this one: the way back up. */
  trail: z.array(Place),
  children: z.array(Place),
  month: Month,
  /** True for the month under way; false for a month read from its snapshot or counted as of its end. */
  live: z.boolean(),
  /** The instant the figures stand at: the month's end, or when the month under way was counted (every few minutes). */
  asOf: z.string(),
  /**
   * While the month is under way: the span of the month before its period (flow) figures are
   * compared with (previousSameSpan) — from its first day to the same day and hour. Stock figures
   * compare with the month before as it stood at its end. Null for a past month.
   */
  previousSpan: z.object({ from: z.string(), to: z.string() }).nullable(),
  figures: z.array(CockpitFigure),
});

export const TrendQuery = z.object({
  orgId: z.coerce.number().int().positive(),
  key: z.string().min(1).max(80),
  months: z.coerce.number().int().min(2).max(36).default(12),
});
export const Trend = z.object({
  key: z.string(),
  points: z.array(z.object({ month: Month, value: z.number().nullable(), source: z.enum(['snapshot', 'live', 'none']) })),
});

export const OutlinesQuery = z.object({ orgId: z.coerce.number().int().positive() });
/** GeoJSON MultiPolygon coordinates: polygons of rings of [longitude, latitude]. */
const MultiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()]).rest(z.number())))) });
export const Outlines = z.object({
  unit: Place,
  items: z.array(Place.extend({
    /** 'own': the child's own outline; 'grids': made of its grids' outlines; null: 无边界, nothing to draw. */
    source: z.enum(['own', 'grids']).nullable(),
    outline: MultiPolygon.nullable(),
  })),
  /** More children than the cap: the rest are not drawn. */
  truncated: z.boolean(),
});

export const ReportQuery = CockpitQuery;
export const Report = Cockpit.extend({
  /** The comparison with the month before, generated from the figures (Chinese sentences). */
  summary: z.array(z.string()),
});

const OpenDataUrls = z.object({ json: z.string(), csv: z.string(), dictionary: z.string() });
const DatasetUrls = z.object({ json: z.string(), csv: z.string() });
const CountyCodeParamsShape = z.object({ code: z.string().regex(/^[0-9]{6}$/, '区划代码应为6位数字') });
export const OpenDataQuery = z.object({ countyId: z.coerce.number().int().positive() });
export const OpenDataChoice = z.object({
  county: z.object({ id: z.number(), name: z.string(), code: z.string() }),
  chosen: z.array(z.object({ key: z.string(), publishedAt: z.string() })),
  /** Indicators the catalogue allows to publish (aggregates without personal data). */
  choosable: z.array(z.string()),
  urls: OpenDataUrls,
  /** Every dataset the county may publish; publishedAt null: not published now. */
  datasets: z.array(z.object({
    name: z.string(), title: z.object({ zh: z.string(), en: z.string() }), description: z.string(),
    publishedAt: z.string().nullable(), urls: DatasetUrls,
  })),
});
export const OpenDataBody = z.object({
  countyId: z.number().int().positive(),
  indicators: z.array(z.string().min(1).max(80)).max(100),
  /** Left out: the datasets published stay as they are. */
  datasets: z.array(z.string().min(1).max(40)).max(20).optional(),
});
export const OpenDataSet = z.object({ ok: z.literal(true), added: z.number(), withdrawn: z.number() });
export const OpenDataCounties = z.object({
  items: z.array(z.object({
    code: z.string(), name: z.string(), indicators: z.number(), latestMonth: z.string().nullable(), urls: OpenDataUrls,
    datasets: z.array(z.object({ name: z.string(), title: z.string(), titleEn: z.string(), urls: DatasetUrls })),
  })),
});
export const PortalCounties = z.object({ items: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })) });
export const DatasetFileParams = CountyCodeParamsShape.extend({
  file: z.string().regex(/^[a-z][a-z0-9_]{1,40}\.(csv|json)$/, '文件名应为 数据集名.csv 或 数据集名.json'),
});
export const CountyCodeParams = CountyCodeParamsShape;
export const OpenDataDictionary = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  columns: z.array(z.object({ name: z.string(), description: z.string() })),
  indicators: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string(), definition: z.string(), unit: z.string(), kind: z.string(), lowest: z.string() })),
  datasets: z.array(z.object({
    name: z.string(), title: z.string(), titleEn: z.string(), description: z.string(),
    fields: z.array(z.object({ name: z.string(), description: z.string() })), urls: DatasetUrls,
  })),
  refreshed: z.string(),
  license: z.string(),
});
export const OpenDataJson = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  rows: z.array(z.object({ month: z.string(), unit_code: z.string(), unit_name: z.string(), unit_level: z.string(), indicator: z.string(), value: z.number().nullable() })),
});
export const PublicFigures = z.object({
  items: z.array(z.object({
    code: z.string(), name: z.string(), month: z.string().nullable(),
    figures: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string(), unit: z.string(), value: z.number().nullable() })),
  })),
});
