import { z } from 'zod';

export const OrgKindSchema = z.enum(['city', 'county', 'street', 'community', 'grid', 'building', 'unit']);
export const GridTypeSchema = z.enum(['enclosed', 'scattered', 'business']);

export const OrgUnitView = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: OrgKindSchema,
  code: z.string(),
  name: z.string(),
  path: z.string(),
  countyCode: z.string(),
  gridType: GridTypeSchema.nullable(),
  childCount: z.number(),
  dissolvedAt: z.string().nullable(),
});
export type OrgUnitView = z.infer<typeof OrgUnitView>;

export const OrgUnitDetail = OrgUnitView.extend({
  householdCount: z.number(),
  residentCount: z.number(),
  ancestors: z.array(z.object({ id: z.number(), name: z.string(), kind: OrgKindSchema })),
  warning: z.string().nullable(),
});

export const SearchQuery = z.object({
  q: z.string().trim().min(1, '请输入关键字').max(50),
  kind: OrgKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const CreateOrgBody = z.object({
  parentId: z.number().int().positive(),
  kind: OrgKindSchema,
  code: z.string().trim().regex(/^\d{6,24}$/, '编码应为6-24位数字'),
  name: z.string().trim().min(1, '请输入名称').max(60),
  gridType: GridTypeSchema.optional(),
  geometry: z.record(z.string(), z.unknown()).optional(),
});

export const RenameBody = z.object({ name: z.string().trim().min(1, '请输入名称').max(60) });
export const MoveBody = z.object({ newParentId: z.number().int().positive() });
export const MergeBody = z.object({ intoId: z.number().int().positive() });
export const SplitBody = z.object({
  name: z.string().trim().min(1).max(60),
  code: z.string().trim().regex(/^\d{6,24}$/, '编码应为6-24位数字'),
  childIds: z.array(z.number().int().positive()).min(1, '请至少选择一个下级'),
});

export const OrgEventView = z.object({
  id: z.number(),
  kind: z.string(),
  at: z.string(),
  detail: z.unknown(),
  actor: z.string().nullable(),
});

export const GeoJsonCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number(),
      properties: z.object({
        id: z.number(),
        name: z.string(),
        code: z.string(),
        gridType: GridTypeSchema.nullable(),
        householdCount: z.number(),
        /** 网格员 in post, each with the phone masked (138****0001). */
        gridWorkers: z.array(z.object({ name: z.string(), phone: z.string().nullable() })),
      }),
      geometry: z.unknown(),
    }),
  ),
  /** The unit's kind: a city's map is drawn as its county outlines. */
  unitKind: OrgKindSchema,
  /** County outlines (org_unit.geometry) at or under a city or county unit, within scope; empty below a county. */
  counties: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number(),
      properties: z.object({ id: z.number(), name: z.string(), code: z.string() }),
      geometry: z.unknown(),
    }),
  ),
});
