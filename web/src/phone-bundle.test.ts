import { describe, expect, it } from 'vitest';
import { isSwitchLoop, loginReturningTo, returnPath } from './phone-bundle.js';

describe('moving between the console and the phone pages', () => {
  it('should stop a switch to the page just tried (a server that does not serve the other page)', () => {
    expect(isSwitchLoop([{ target: '/m/visit', at: 1000 }], '/m/visit', 3000)).toBe(true);
    expect(isSwitchLoop([{ target: '/m/visit', at: 1000 }], '/m/visit', 7000)).toBe(false);
    expect(isSwitchLoop([], '/m/visit', 1000)).toBe(false);
  });

  it('should stop two pages sending each other back and forth, but let a person go there and back', () => {
    const login = '/login?next=%2Fm%2Fvisit';
    // Phone page → sign-in → phone page → sign-in: the third time is a loop.
    expect(isSwitchLoop([{ target: login, at: 0 }, { target: '/m/visit', at: 800 }], login, 1600)).toBe(false);
    expect(isSwitchLoop([{ target: login, at: 0 }, { target: '/m/visit', at: 800 }, { target: login, at: 1600 }, { target: '/m/visit', at: 2400 }], login, 3200)).toBe(true);
    // 电脑版 and back a while later is a person.
    expect(isSwitchLoop([{ target: '/?view=desktop', at: 0 }, { target: '/m/tasks', at: 20_000 }, { target: '/?view=desktop', at: 40_000 }], '/m/tasks', 60_000)).toBe(false);
  });

  it('should return after sign-in only to a page of this site', () => {
    expect(returnPath('/m/visit?x=1#top')).toBe('/m/visit?x=1#top');
    expect(returnPath('//evil.example/m')).toBeUndefined();
    expect(returnPath('/\\evil.example')).toBeUndefined();
    expect(returnPath('https://evil.example/')).toBeUndefined();
    expect(returnPath('/login?next=%2Fm')).toBeUndefined();
    expect(returnPath(null)).toBeUndefined();
    expect(loginReturningTo('/m/points/record')).toBe('/login?next=%2Fm%2Fpoints%2Frecord');
    expect(loginReturningTo('//evil.example')).toBe('/login');
  });
});
