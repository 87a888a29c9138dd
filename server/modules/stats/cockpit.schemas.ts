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
  /** True for the month under way (counted live); false for a month read from its snapshot or counted as of its end. */
  live: z.boolean(),
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

export const ReportQuery = CockpitQuery;
export const Report = Cockpit.extend({
  /** The comparison with the month before, generated from the figures (Chinese sentences). */
  summary: z.array(z.string()),
});

const OpenDataUrls = z.object({ json: z.string(), csv: z.string(), dictionary: z.string() });
export const OpenDataQuery = z.object({ countyId: z.coerce.number().int().positive() });
export const OpenDataChoice = z.object({
  county: z.object({ id: z.number(), name: z.string(), code: z.string() }),
  chosen: z.array(z.object({ key: z.string(), publishedAt: z.string() })),
  /** Indicators the catalogue allows to publish (aggregates without personal data). */
  choosable: z.array(z.string()),
  urls: OpenDataUrls,
});
export const OpenDataBody = z.object({
  countyId: z.number().int().positive(),
  indicators: z.array(z.string().min(1).max(80)).max(100),
});
export const OpenDataSet = z.object({ ok: z.literal(true), added: z.number(), withdrawn: z.number() });
export const OpenDataCounties = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), indicators: z.number(), latestMonth: z.string().nullable(), urls: OpenDataUrls })),
});
export const CountyCodeParams = z.object({ code: z.string().regex(/^[0-9]{6}$/, '区划代码应为6位数字') });
export const OpenDataDictionary = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  columns: z.array(z.object({ name: z.string(), description: z.string() })),
  indicators: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string(), definition: z.string(), unit: z.string(), kind: z.string(), lowest: z.string() })),
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
