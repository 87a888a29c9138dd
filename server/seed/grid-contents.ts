import type { GridNode } from './city-plan.js';
import { workUnitCompound } from './names.js';
import { Rng, Weighted, seedOf } from './prng.js';

/**
 * What stands inside one grid: buildings, their units and the rooms (households) in them.
 * Regenerated from the grid's code whenever a pass needs it, so a city's 700,000 households
 * never sit in memory together.
 */
export type HouseholdKind = 'residence' | 'vacant' | 'merchant';

export interface RoomSpec {
  room: string;
  kind: HouseholdKind;
  area: number;
}
export interface UnitSpec {
  name: string;
  code: string;
  rooms: RoomSpec[];
}
export interface BuildingSpec {
  name: string;
  code: string;
  /** What a household address shows before the unit: 阳光小区3号楼, 东关街3巷. */
  address: string;
  units: UnitSpec[];
}

type BuildingKind = 'walkup' | 'midrise' | 'highrise';
const BUILDING_KINDS: Record<'small' | 'medium' | 'large', Weighted<BuildingKind>> = {
  small: new Weighted<BuildingKind>([['walkup', 70], ['midrise', 15], ['highrise', 15]]),
  medium: new Weighted<BuildingKind>([['walkup', 55], ['midrise', 25], ['highrise', 20]]),
  large: new Weighted<BuildingKind>([['walkup', 35], ['midrise', 30], ['highrise', 35]]),
};

const VACANCY = 0.04;
const area = (rng: Rng, min: number, max: number) => Math.round((min + rng.next() * (max - min)) * 100) / 100;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const aptRoom = (floor: number, door: number) => `${floor}${pad(door, 2)}`;
const BLOCK_LETTERS = 'ABCDEFGH';

class GridBuilder {
  readonly buildings: BuildingSpec[] = [];
  constructor(readonly grid: GridNode) {}

  building(name: string, address: string): BuildingSpec {
    const b: BuildingSpec = { name, address, code: `${this.grid.code}${pad(this.buildings.length + 1, 3)}`, units: [] };
    this.buildings.push(b);
    return b;
  }

  unit(b: BuildingSpec, name: string): UnitSpec {
    const u: UnitSpec = { name, code: `${b.code}${pad(b.units.length + 1, 2)}`, rooms: [] };
    b.units.push(u);
    return u;
  }

  apartmentBuilding(rng: Rng, name: string, address: string, floors: number, units: number, perFloor: number, sqm: [number, number]) {
    const b = this.building(name, address);
    for (let u = 1; u <= units; u++) {
      const unit = this.unit(b, `${u}单元`);
      for (let f = 1; f <= floors; f++) {
        for (let d = 1; d <= perFloor; d++) {
          unit.rooms.push({ room: aptRoom(f, d), kind: rng.chance(VACANCY) ? 'vacant' : 'residence', area: area(rng, sqm[0], sqm[1]) });
        }
      }
    }
  }
}

function enclosed(g: GridNode, rng: Rng, gb: GridBuilder) {
  const size = g.enclosedSize;
  if (size === 'tiny') {
    // Demo compounds: a walk-up or two, so the demo stays a few thousand people.
    const n = g.community.county.code === '141102' ? rng.int(1, 2) : 1;
    for (let i = 1; i <= n; i++) {
      gb.apartmentBuilding(rng, `${i}号楼`, `${g.place}${i}号楼`, rng.int(5, 6), g.community.county.code === '141102' ? rng.int(2, 3) : 1, 2, [55, 125]);
    }
    return;
  }
  const n = size === 'small' ? rng.int(1, 4) : size === 'medium' ? rng.int(4, 9) : rng.int(10, 18);
  for (let i = 1; i <= n; i++) {
    const kind = BUILDING_KINDS[size].pick(rng);
    const name = `${i}号楼`;
    const address = `${g.place}${name}`;
    if (kind === 'walkup') gb.apartmentBuilding(rng, name, address, rng.chance(0.8) ? 6 : rng.int(5, 7), rng.int(2, 4), 2, [55, 125]);
    else if (kind === 'midrise') gb.apartmentBuilding(rng, name, address, rng.int(9, 11), 2, 2, [75, 140]);
    else gb.apartmentBuilding(rng, name, address, rng.int(18, 32), rng.int(1, 2), rng.int(2, 4), [80, 160]);
  }
}

/** Old work-unit blocks and lanes of courtyards, cut off at exactly the grid's household target. */
function scattered(g: GridNode, rng: Rng, gb: GridBuilder) {
  const road = g.place.replace(/[二三四五六七八九]?片区$/, '');
  let left = g.householdTarget;
  let lane = 0;
  // A work unit's compound that comes up twice just gets more blocks, numbered on.
  const blocksOf = new Map<string, number>();
  while (left > 0) {
    if (rng.chance(0.45)) {
      const compound = workUnitCompound(rng);
      const first = (blocksOf.get(compound) ?? 0) + 1;
      const last = first + rng.int(0, 2);
      blocksOf.set(compound, last);
      for (let i = first; i <= last && left > 0; i++) {
        const name = `${compound}${i}号楼`;
        const b = gb.building(name, name);
        const floors = rng.int(4, 6);
        const units = rng.int(1, 3);
        for (let u = 1; u <= units && left > 0; u++) {
          const unit = gb.unit(b, `${u}单元`);
          for (let f = 1; f <= floors && left > 0; f++) {
            for (let d = 1; d <= 2 && left > 0; d++, left--) {
              unit.rooms.push({ room: aptRoom(f, d), kind: rng.chance(VACANCY) ? 'vacant' : 'residence', area: area(rng, 45, 95) });
            }
          }
        }
      }
    } else {
      lane++;
      const name = `${road}${lane}巷`;
      const b = gb.building(name, name);
      const yards = rng.int(4, 12);
      for (let y = 1; y <= yards && left > 0; y++) {
        const unit = gb.unit(b, `${y}号院`);
        const homes = rng.int(1, 4);
        for (let h = 1; h <= homes && left > 0; h++, left--) {
          unit.rooms.push({ room: `${h}户`, kind: rng.chance(VACANCY) ? 'vacant' : 'residence', area: area(rng, 25, 80) });
        }
      }
    }
  }
}

/** Shops on the lower floors (merchant households), flats above. */
function business(g: GridNode, rng: Rng, gb: GridBuilder, demo: boolean) {
  const n = demo ? 1 : rng.int(1, 2);
  for (let i = 0; i < n; i++) {
    const name = `${BLOCK_LETTERS[i]}座`;
    const b = gb.building(name, `${g.place}${name}`);
    const floors = demo ? rng.int(5, 8) : rng.int(6, 16);
    const units = rng.int(1, 2);
    for (let u = 1; u <= units; u++) {
      const unit = gb.unit(b, `${u}单元`);
      const shops = demo ? rng.int(2, 4) : rng.int(4, 8);
      for (let f = 1; f <= 2; f++) {
        for (let d = 1; d <= shops; d++) unit.rooms.push({ room: aptRoom(f, d), kind: 'merchant', area: area(rng, 20, 120) });
      }
      const flats = rng.int(2, 3);
      for (let f = 3; f <= floors; f++) {
        for (let d = 1; d <= flats; d++) {
          unit.rooms.push({ room: aptRoom(f, d), kind: rng.chance(VACANCY * 2) ? 'vacant' : 'residence', area: area(rng, 40, 110) });
        }
      }
    }
  }
}

export function gridBuildings(g: GridNode, demo: boolean): BuildingSpec[] {
  const rng = new Rng(seedOf('structure', g.code));
  const gb = new GridBuilder(g);
  if (g.gridType === 'enclosed') enclosed(g, rng, gb);
  else if (g.gridType === 'scattered') scattered(g, rng, gb);
  else business(g, rng, gb, demo);
  return gb.buildings;
}
