import { describe, expect, it } from 'vitest';
import { withLease, type LeaseStorage } from './send-lock.js';

class MemoryStorage implements LeaseStorage {
  readonly data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('send lease (phones without Web Locks)', () => {
  it('should let only one of two tabs starting together send', async () => {
    const storage = new MemoryStorage();
    const ran: string[] = [];
    const send = (tab: string) => withLease(storage, 'lock', false, async () => {
      ran.push(tab);
      await later(50);
      return tab;
    });
    const results = await Promise.all([send('a'), send('b')]);
    expect(ran).toHaveLength(1);
    expect(results.filter((x) => x === null)).toHaveLength(1);
    // Released after the send: the next one goes.
    expect(storage.getItem('lock')).toBeNull();
    expect(await send('c')).toBe('c');
  });

  it('should make a tab that asked to wait send after the holder, never beside it', async () => {
    const storage = new MemoryStorage();
    let inside = 0;
    let most = 0;
    const send = (wait: boolean) => withLease(storage, 'lock', wait, async () => {
      most = Math.max(most, ++inside);
      await later(80);
      inside--;
      return true;
    });
    const [first, second] = await Promise.all([send(false), later(5).then(() => send(true))]);
    expect([first, second]).toEqual([true, true]);
    expect(most).toBe(1);
  });

  it('should take over a lease whose tab went away without freeing it', async () => {
    const storage = new MemoryStorage();
    storage.setItem('lock', JSON.stringify({ owner: 'closed-tab', until: Date.now() - 1 }));
    expect(await withLease(storage, 'lock', false, async () => 'sent')).toBe('sent');
    storage.setItem('lock', JSON.stringify({ owner: 'live-tab', until: Date.now() + 60_000 }));
    expect(await withLease(storage, 'lock', false, async () => 'sent')).toBeNull();
  });
});
