import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseView, prefersDesktop } from './view-choice.js';

/** 电脑版 must stick: the console's home sends a small screen to the phone pages only without that choice. */
describe('the phone/desktop choice', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    Object.assign(globalThis, {
      localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    });
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('should prefer the phone pages until the console is chosen, and keep that choice', () => {
    expect(prefersDesktop('')).toBe(false);
    expect(prefersDesktop('?view=desktop')).toBe(true);
    expect(prefersDesktop('')).toBe(true);
    chooseView('phone');
    expect(prefersDesktop('')).toBe(false);
  });

  it('should honour the query flag even where storage fails', () => {
    Object.assign(globalThis, { localStorage: { getItem: () => { throw new Error('private'); }, setItem: () => { throw new Error('private'); } } });
    expect(prefersDesktop('?view=desktop')).toBe(true);
    expect(prefersDesktop('')).toBe(false);
  });
});
