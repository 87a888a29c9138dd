import { Rng, seedOf } from './prng.js';

export interface Polygon {
  type: 'Polygon';
  /** One exterior ring, counter-clockwise, first point repeated last (RFC 7946). */
  coordinates: [number, number][][];
}

export interface Box {
  west: number;
  north: number;
  /** Width in degrees of longitude, height in degrees of latitude. */
  width: number;
  height: number;
}

/** A grid cell is about 300 m across near 37.5°N. */
export const CELL_LON = 0.0034;
export const CELL_LAT = 0.0027;

/** Rows × columns close to square for n cells, a little wider than tall like Lishi's valley. */
export function latticeShape(n: number): { rows: number; cols: number } {
  const cols = Math.max(1, Math.ceil(Math.sqrt(n * 1.4)));
  return { rows: Math.max(1, Math.ceil(n / cols)), cols };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Cuts a community's box into rows × cols grid outlines that tile it: interior lattice points
 * and edge midpoints are jittered, but each is computed once and shared by the neighbouring
 * cells, so outlines meet edge to edge and never overlap. Cells are returned row-major;
 * callers use the first n and leave the rest (parks, roads) empty.
 */
export function tileBox(box: Box, rows: number, cols: number, seed: number): Polygon[] {
  const cw = box.width / cols;
  const ch = box.height / rows;
  const rng = new Rng(seed);
  const vx: number[][] = [];
  const vy: number[][] = [];
  for (let r = 0; r <= rows; r++) {
    vx.push([]);
    vy.push([]);
    for (let c = 0; c <= cols; c++) {
      const interiorX = c > 0 && c < cols;
      const interiorY = r > 0 && r < rows;
      vx[r].push(box.west + c * cw + (interiorX ? (rng.next() - 0.5) * 0.4 * cw : 0));
      vy[r].push(box.north - r * ch + (interiorY ? (rng.next() - 0.5) * 0.4 * ch : 0));
    }
  }
  // Midpoint of an edge, pushed sideways a little unless it lies on the community's border.
  const mid = (r1: number, c1: number, r2: number, c2: number, border: boolean): [number, number] => {
    const x = (vx[r1][c1] + vx[r2][c2]) / 2;
    const y = (vy[r1][c1] + vy[r2][c2]) / 2;
    if (border) return [x, y];
    const j = (new Rng(seedOf(seed, r1, c1, r2, c2)).next() - 0.5) * 0.2;
    return r1 === r2 ? [x, y + j * ch] : [x + j * cw, y];
  };
  const cells: Polygon[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const nw: [number, number] = [vx[r][c], vy[r][c]];
      const ne: [number, number] = [vx[r][c + 1], vy[r][c + 1]];
      const se: [number, number] = [vx[r + 1][c + 1], vy[r + 1][c + 1]];
      const sw: [number, number] = [vx[r + 1][c], vy[r + 1][c]];
      const west = mid(r, c, r + 1, c, c === 0);
      const south = mid(r + 1, c, r + 1, c + 1, r + 1 === rows);
      const east = mid(r, c + 1, r + 1, c + 1, c + 1 === cols);
      const north = mid(r, c, r, c + 1, r === 0);
      // North-west, down the west side, along the south, up the east: counter-clockwise.
      const ring = [nw, west, sw, south, se, east, ne, north, nw].map(([x, y]) => [round6(x), round6(y)] as [number, number]);
      cells.push({ type: 'Polygon', coordinates: [ring] });
    }
  }
  return cells;
}
