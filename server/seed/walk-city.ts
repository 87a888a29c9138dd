import type { CityPlan, GridNode, OrgRow } from './city-plan.js';
import { gridBuildings, type BuildingSpec, type RoomSpec, type UnitSpec } from './grid-contents.js';

/**
 * Ids below the grids follow from one rule, so every pass can recompute them without a lookup
 * table: after the plan's rows (city → grids), each grid in turn gets its buildings, then its
 * units; households are numbered in the same walk.
 */
export function layOutGrids(plan: CityPlan): { orgUnits: number; households: number; occupied: number } {
  let next = plan.upper.length + 1;
  let households = 0;
  let occupied = 0;
  for (const g of plan.grids) {
    const buildings = gridBuildings(g, plan.scale === 'demo');
    g.buildingBase = next;
    g.buildingCount = buildings.length;
    next += buildings.length;
    g.unitBase = next;
    g.unitCount = buildings.reduce((n, b) => n + b.units.length, 0);
    next += g.unitCount;
    g.householdCount = 0;
    g.merchantCount = 0;
    for (const b of buildings) {
      for (const u of b.units) {
        for (const r of u.rooms) {
          g.householdCount++;
          if (r.kind === 'merchant') g.merchantCount++;
          else if (r.kind === 'residence') occupied++;
        }
      }
    }
    households += g.householdCount;
  }
  return { orgUnits: next - 1, households, occupied };
}

export type OrgUnitRow = [
  id: number, parentId: number | null, kind: string, code: string, name: string, path: string, depth: number,
  countyCode: string, gridType: string | null, geometry: unknown,
];

const upperRow = (u: OrgRow): OrgUnitRow => [u.id, u.parentId, u.kind, u.code, u.name, u.path, u.depth, u.countyCode, u.gridType, u.geometry];

export function* orgUnitRows(plan: CityPlan): Generator<OrgUnitRow> {
  for (const u of plan.upper) yield upperRow(u);
  for (const g of plan.grids) {
    const buildings = gridBuildings(g, plan.scale === 'demo');
    for (let b = 0; b < buildings.length; b++) {
      const id = g.buildingBase + b;
      yield [id, g.id, 'building', buildings[b].code, buildings[b].name, `${g.path}${id}.`, g.depth + 1, g.countyCode, null, null];
    }
    let unitId = g.unitBase;
    for (let b = 0; b < buildings.length; b++) {
      const bId = g.buildingBase + b;
      for (const u of buildings[b].units) {
        yield [unitId, bId, 'unit', u.code, u.name, `${g.path}${bId}.${unitId}.`, g.depth + 2, g.countyCode, null, null];
        unitId++;
      }
    }
  }
}

export interface HouseholdSlot {
  id: number;
  grid: GridNode;
  buildingIndex: number;
  building: BuildingSpec;
  unit: UnitSpec;
  unitId: number;
  unitPath: string;
  room: RoomSpec;
  address: string;
}

/** Every household of the city in id order, optionally only those of some grids (ids stay the same). */
export function* walkHouseholds(plan: CityPlan, onlyGrid?: (g: GridNode) => boolean): Generator<HouseholdSlot> {
  let id = 0;
  for (const grid of plan.grids) {
    if (onlyGrid && !onlyGrid(grid)) {
      id += grid.householdCount;
      continue;
    }
    const buildings = gridBuildings(grid, plan.scale === 'demo');
    let unitId = grid.unitBase;
    for (let b = 0; b < buildings.length; b++) {
      const building = buildings[b];
      const bId = grid.buildingBase + b;
      for (const unit of building.units) {
        const unitPath = `${grid.path}${bId}.${unitId}.`;
        const prefix = `${grid.community.address} ${building.address}${unit.name}`;
        for (const room of unit.rooms) {
          yield { id: ++id, grid, buildingIndex: b, building, unit, unitId, unitPath, room, address: prefix + room.room };
        }
        unitId++;
      }
    }
  }
}
