import type { GridType, OrgKind } from '../../database.js';

/** The tree's levels, top down: each kind's parent is the kind before it. */
export const ORG_KINDS: readonly OrgKind[] = ['city', 'county', 'street', 'community', 'grid', 'building', 'unit'];

export const ORG_KIND_NAMES: Record<OrgKind, string> = {
  city: '市',
  county: '县(市、区)',
  street: '街道/乡镇',
  community: '社区',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
};

export const GRID_TYPE_NAMES: Record<GridType, string> = {
  enclosed: '封闭小区',
  scattered: '散居片区',
  business: '商圈园区',
};

export function parentKindOf(kind: OrgKind): OrgKind | null {
  const i = ORG_KINDS.indexOf(kind);
  return i > 0 ? ORG_KINDS[i - 1] : null;
}

/** 散居网格按300–500户划分 (brief §1): outside the band is allowed but flagged. */
export const SCATTERED_GRID_HOUSEHOLDS = { min: 300, max: 500 } as const;

export function gridSizeWarning(gridType: GridType | null, households: number): string | null {
  if (gridType !== 'scattered') return null;
  const { min, max } = SCATTERED_GRID_HOUSEHOLDS;
  if (households < min) return `散居网格现有${households}户，少于${min}户，建议与相邻网格合并`;
  if (households > max) return `散居网格现有${households}户，超过${max}户，建议拆分`;
  return null;
}
