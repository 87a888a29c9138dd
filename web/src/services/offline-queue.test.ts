import { describe, expect, it } from 'vitest';
import { createOfflineQueue, type StorageLike } from './offline-queue.js';
import { memoryPhotoStore } from './photo-store.js';
import type { NewDemand } from './types.js';

class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

class NetworkDown extends Error {}
class Refused extends Error {}

const report = (description: string): NewDemand => ({ categoryCode: 'facilities', description, channel: 'resident' });

/** A fake server: fails while `down`, refuses what `refuse` says, stores each clientId once. */
function fakeServer() {
  const stored = new Map<string, string>();
  const calls: string[] = [];
  const server = {
    down: false,
    refuse: (_: NewDemand) => false,
    stored,
    calls,
    send: async (input: NewDemand & { clientId: string }) => {
      calls.push(input.clientId);
      if (server.down) throw new NetworkDown('offline');
      if (server.refuse(input)) throw new Refused('请描述问题');
      const replayed = stored.has(input.clientId);
      if (!replayed) stored.set(input.clientId, input.description);
      return { replayed };
    },
  };
  return server;
}

const setup = () => {
  const storage = new MemoryStorage();
  const server = fakeServer();
  const queue = createOfflineQueue({ storage, send: server.send, key: 'q:7', isRetryable: (e) => e instanceof NetworkDown });
  return { storage, server, queue };
};

describe('offline queue', () => {
  it('should keep reports in storage until the server answers, then send each once', async () => {
    const { storage, server, queue } = setup();
    server.down = true;
    const a = queue.enqueue(report('楼道灯坏了'));
    queue.enqueue(report('垃圾没人清'));
    expect(await queue.flush()).toEqual({ sent: 0, failed: 1, remaining: 2 });
    expect(JSON.parse(storage.getItem('q:7')!)).toHaveLength(2);
    // It stopped at the first network failure instead of trying every item.
    expect(server.calls).toEqual([a.clientId]);

    server.down = false;
    expect(await queue.flush()).toEqual({ sent: 2, failed: 0, remaining: 0 });
    expect([...server.stored.values()]).toEqual(['楼道灯坏了', '垃圾没人清']);
    expect(queue.list()).toEqual([]);
  });

  it('should reuse one clientId per report, so a replay after a lost answer is not a second report', async () => {
    const { server, queue } = setup();
    const item = queue.enqueue({ ...report('水管漏水'), clientId: 'offline-abcdef12' });
    expect(queue.enqueue({ ...report('水管漏水'), clientId: 'offline-abcdef12' })).toEqual(item);
    // The first send reached the server but the answer was lost: the item is still queued.
    server.stored.set('offline-abcdef12', '水管漏水');
    await queue.flush();
    expect(server.calls).toEqual(['offline-abcdef12']);
    expect(server.stored.size).toBe(1);
    expect(queue.list()).toEqual([]);
  });

  it('should keep a refused report with the server’s message and go on with the others', async () => {
    const { server, queue } = setup();
    server.refuse = (r) => r.description === 'x';
    queue.enqueue(report('x'));
    queue.enqueue(report('路灯不亮'));
    expect(await queue.flush()).toEqual({ sent: 1, failed: 1, remaining: 1 });
    expect(queue.list()[0]).toMatchObject({ lastError: '请描述问题', attempts: 1, input: { description: 'x' } });
  });

  it('should share one run between concurrent flushes (online event and app start together)', async () => {
    const { server, queue } = setup();
    queue.enqueue(report('电梯故障'));
    await Promise.all([queue.flush(), queue.flush()]);
    expect(server.calls).toHaveLength(1);
  });

  it('should keep photos beside the record, upload them when back online and send the report with their ids once', async () => {
    const storage = new MemoryStorage();
    const server = fakeServer();
    const photos = memoryPhotoStore();
    const uploads: number[] = [];
    let uploadDown = true;
    // The server keeps identical uploads once: the same bytes get the same id.
    const ids = new Map<string, number>();
    const upload = async (blob: Blob) => {
      if (uploadDown) throw new NetworkDown('offline');
      const text = await blob.text();
      if (!ids.has(text)) ids.set(text, ids.size + 100);
      uploads.push(ids.get(text)!);
      return ids.get(text)!;
    };
    const sent: (NewDemand & { clientId: string })[] = [];
    const send = async (input: NewDemand & { clientId: string }) => {
      sent.push(input);
      return server.send(input);
    };
    const queue = createOfflineQueue({ storage, send, key: 'q:7', photos, upload, isRetryable: (e) => e instanceof NetworkDown });

    const { item, photosDropped } = await queue.enqueueWithPhotos(report('井盖丢了'), [new Blob(['photo-a']), new Blob(['photo-b'])]);
    expect(photosDropped).toBe(false);
    expect(photos.blobs.size).toBe(2);
    expect(await queue.flush()).toEqual({ sent: 0, failed: 1, remaining: 1 });

    // Photos go up, then the report fails: the ids are kept, the photos are not sent twice.
    uploadDown = false;
    server.down = true;
    await queue.flush();
    expect(uploads).toEqual([100, 101]);
    expect(queue.list()[0].uploaded).toEqual({ [`${item.clientId}:0`]: 100, [`${item.clientId}:1`]: 101 });

    server.down = false;
    expect(await queue.flush()).toEqual({ sent: 1, failed: 0, remaining: 0 });
    expect(uploads).toEqual([100, 101]);
    expect(sent.at(-1)).toMatchObject({ clientId: item.clientId, attachmentIds: [100, 101], description: '井盖丢了' });
    expect(server.stored.size).toBe(1);
    expect(photos.blobs.size).toBe(0);
  });

  it('should queue the words without photos when there is nowhere to keep them', async () => {
    const { queue } = setup();
    const r = await queue.enqueueWithPhotos(report('路面塌陷'), [new Blob(['x'])]);
    expect(r.photosDropped).toBe(true);
    expect(queue.list()[0].photoKeys).toBeUndefined();
  });

  it('should start empty on unreadable storage', () => {
    const storage = new MemoryStorage();
    storage.setItem('q:7', '{not json');
    const queue = createOfflineQueue({ storage, send: async () => undefined, key: 'q:7' });
    expect(queue.list()).toEqual([]);
  });

  it('should carry any record type and add uploaded photo ids where that record keeps them', async () => {
    interface PointsRecord { clientId?: string; holderId: number; photoIds?: number[]; holderLabel: string }
    const storage = new MemoryStorage();
    const photos = memoryPhotoStore();
    const sent: (PointsRecord & { clientId: string })[] = [];
    const queue = createOfflineQueue<PointsRecord>({
      storage, key: 'p:7', photos,
      send: async (input) => void sent.push(input),
      upload: async () => 501,
      attachPhotos: (r, ids) => ({ ...r, photoIds: [...(r.photoIds ?? []), ...ids] }),
    });
    const { item } = await queue.enqueueWithPhotos({ holderId: 3, photoIds: [9], holderLabel: '3号楼101' }, [new Blob(['p'])]);
    // The queued record keeps its own fields (the phone lists it by label while it waits).
    expect(queue.list()[0].input.holderLabel).toBe('3号楼101');
    expect(await queue.flush()).toEqual({ sent: 1, failed: 0, remaining: 0 });
    expect(sent).toEqual([{ clientId: item.clientId, holderId: 3, photoIds: [9, 501], holderLabel: '3号楼101' }]);
    expect(sent[0]).not.toHaveProperty('attachmentIds');
  });
});
