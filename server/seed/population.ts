import type { MemberKind } from '../database.js';
import { IdNumberAllocator, dayNumber } from './id-numbers.js';
import { OTHER_SHANXI_CODES, type CountyDef } from './lvliang-divisions.js';
import { mobileNumber, personName } from './names.js';
import { Rng, Weighted } from './prng.js';

/** The demo city is "as of" this day, so ages and dates don't drift with the clock. */
export const REFERENCE_DAY = dayNumber(2026, 1, 1);
const YEAR = 365.25;

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'member' | 'tenant';

export interface Person {
  name: string;
  gender: 'male' | 'female';
  birthDay: number;
  age: number;
  relation: Relation;
  idNumber: string;
  phone: string | null;
}

type Composition = 'single_elder' | 'elder_couple' | 'young_couple' | 'single' | 'nuclear1' | 'nuclear2' | 'three_gen' | 'tenants';

/** Household make-up; about 3.1 people per occupied home, as the city's 2.1 M / 700,000 implies. */
const COMPOSITIONS = new Weighted<Composition>([
  ['single_elder', 6], ['elder_couple', 11], ['young_couple', 8], ['single', 3],
  ['nuclear1', 30], ['nuclear2', 21], ['three_gen', 15], ['tenants', 6],
]);

const other = (g: 'male' | 'female') => (g === 'male' ? 'female' : 'male');

/**
 * People for one household: a family whose ages, surnames and genders hang together, each with
 * a valid ID number (address code of the county, or the old 吕梁地区 code, or another Shanxi
 * code for people who moved here) and most adults with a mobile number.
 */
export class PopulationGenerator {
  constructor(private readonly ids: IdNumberAllocator) {}

  household(rng: Rng, county: CountyDef): Person[] {
    const people: Person[] = [];
    const add = (relation: Relation, gender: 'male' | 'female', age: number, surname?: string) => {
      const birthDay = Math.max(dayNumber(1925, 1, 1), REFERENCE_DAY - Math.floor(age * YEAR) - rng.int(1, 364));
      const birthYear = new Date(Date.UTC(1900, 0, 1) + birthDay * 86_400_000).getUTCFullYear();
      const name = personName(rng, gender, birthYear, surname);
      const { idNumber, birthDay: day } = this.ids.allocate(this.#area(rng, county, birthYear), birthDay, gender);
      const realAge = Math.floor((REFERENCE_DAY - day) / YEAR);
      const hasPhone = realAge >= 16 ? rng.chance(realAge >= 80 ? 0.6 : 0.93) : realAge >= 12 && rng.chance(0.3);
      people.push({ name, gender, birthDay: day, age: realAge, relation, idNumber, phone: hasPhone ? mobileNumber(rng) : null });
      return name[0];
    };
    const couple = (minAge: number, maxAge: number) => {
      const age = rng.int(minAge, maxAge);
      const g = rng.chance(0.75) ? 'male' : 'female';
      const surname = add('head', g, age);
      add('spouse', other(g), Math.max(20, age + (g === 'male' ? -rng.int(0, 4) : rng.int(0, 4))));
      return { age, surname, headGender: g as 'male' | 'female' };
    };
    const children = (parentAge: number, surname: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const age = parentAge - rng.int(22, 34) - i * rng.int(2, 5);
        if (age < 0) break;
        add('child', rng.chance(0.51) ? 'male' : 'female', age, rng.chance(0.9) ? surname : undefined);
      }
    };

    switch (COMPOSITIONS.pick(rng)) {
      case 'single_elder':
        add('head', rng.chance(0.65) ? 'female' : 'male', rng.int(65, 92));
        break;
      case 'elder_couple':
        couple(60, 86);
        break;
      case 'young_couple':
        couple(23, 35);
        break;
      case 'single':
        add('head', rng.chance(0.5) ? 'female' : 'male', rng.int(22, 55));
        break;
      case 'nuclear1': {
        const c = couple(27, 56);
        children(c.age, c.surname, 1);
        break;
      }
      case 'nuclear2': {
        const c = couple(30, 56);
        children(c.age, c.surname, 2);
        break;
      }
      case 'three_gen': {
        const c = couple(30, 52);
        children(c.age, c.surname, rng.int(1, 2));
        // The head's father, mother, or both.
        const parentAge = Math.min(95, c.age + rng.int(22, 32));
        const which = rng.int(0, 2);
        if (which !== 1) add('parent', 'male', parentAge, c.headGender === 'male' ? c.surname : undefined);
        if (which !== 0) add('parent', 'female', parentAge - rng.int(0, 4));
        break;
      }
      case 'tenants': {
        const n = rng.int(2, 3);
        for (let i = 0; i < n; i++) add('tenant', rng.chance(0.5) ? 'female' : 'male', rng.int(19, 40));
        break;
      }
    }
    return people;
  }

  #area(rng: Rng, county: CountyDef, birthYear: number): string {
    const x = rng.next();
    if (x < 0.07) return rng.pick(OTHER_SHANXI_CODES);
    // Numbers issued before 吕梁 became a city (2004) carry the 吕梁地区 code for life.
    if (birthYear < 2004 && x < 0.5) return county.oldCode;
    return county.code;
  }
}

/**
 * Who is a party member: about 7% of adults, more among the old than the young. Kind by age:
 * retired past 60, students around 20, otherwise mostly in service.
 */
export function partyMembership(rng: Rng, p: Person): { kind: MemberKind; joinedDay: number } | null {
  if (p.age < 18) return null;
  const rate = p.age < 23 ? 0.03 : p.age < 36 ? 0.06 : p.age < 60 ? 0.075 : 0.095;
  if (!rng.chance(rate)) return null;
  let kind: MemberKind;
  if (p.age >= 60) kind = rng.chance(0.9) ? 'retired' : 'resident';
  else if (p.age < 24) kind = rng.chance(0.7) ? 'student' : rng.chance(0.5) ? 'worker' : 'in_service';
  else {
    const x = rng.next();
    kind = x < 0.55 ? 'in_service' : x < 0.8 ? 'worker' : 'resident';
  }
  // Joined at 18 or later, at least a month before the reference day.
  const earliest = p.birthDay + Math.ceil(18 * YEAR);
  const latest = REFERENCE_DAY - 30;
  const joinedDay = earliest >= latest ? latest : earliest + Math.floor(rng.next() * (latest - earliest) * 0.8);
  return { kind, joinedDay };
}
