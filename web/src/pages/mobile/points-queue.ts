import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import * as api from '../../services/api.js';
import { createOfflineQueue, newClientId, type QueuedItem } from '../../services/offline-queue.js';
import { indexedDbPhotoStore } from '../../services/photo-store.js';
import * as points from '../../services/points-api.js';
import type { NewRecord } from '../../services/points-api.js';
import { isRetryable } from './offline.js';

const RETRY_MS = 60_000;

/**
 * 一事一记 offline: records ride the same kind of queue as visit reports (local storage, photos
 * in IndexedDB, one clientId per record so a replay is stored once). The labels stay with the
 * queued record for the list on the phone; uploaded photo ids join its photoIds.
 */
export type QueuedRecord = NewRecord & { holderLabel: string; itemName: string };
const attachPhotos = (r: QueuedRecord, ids: number[]): QueuedRecord => ({ ...r, photoIds: [...(r.photoIds ?? []), ...ids] });

export function usePointsQueue() {
  const { t } = useTranslation();
  const me = useMe();
  const [items, setItems] = useState<QueuedItem<QueuedRecord>[]>([]);
  const queue = useMemo(
    () => createOfflineQueue<QueuedRecord>({
      storage: localStorage,
      key: `linli.pointsQueue.${me.id}`,
      // Only the fields the server takes: labels kept for the list on the phone stay here.
      send: (input) => {
        const { holderKind, holderId, itemId, quantity, occurredOn, note, photoIds, clientId } = input;
        return points.createRecord({ holderKind, holderId, itemId, quantity, occurredOn, note, photoIds, clientId });
      },
      attachPhotos,
      isRetryable,
      onChange: setItems,
      photos: indexedDbPhotoStore(`linli.pointsPhotos.${me.id}`),
      upload: async (blob) => (await api.uploadFile(blob)).id,
    }),
    [me.id],
  );
  const tRef = useRef(t);
  tRef.current = t;

  const flush = useCallback(async () => {
    if (!queue.list().length || !navigator.onLine) return { sent: 0, failed: 0, remaining: queue.list().length };
    return queue.flush();
  }, [queue]);

  useEffect(() => {
    setItems(queue.list());
    void flush().then((r) => r.sent && Toast.show({ icon: 'success', content: tRef.current('points.m.flushed', { count: r.sent }) }));
    const online = () => void flush();
    window.addEventListener('online', online);
    const timer = setInterval(online, RETRY_MS);
    return () => {
      window.removeEventListener('online', online);
      clearInterval(timer);
    };
  }, [queue, flush]);

  /** Keeps the record (and its photos) under a fresh clientId; returns whether photos were dropped. */
  const save = useCallback(async (record: QueuedRecord, photos: Blob[]) => {
    const clientId = record.clientId ?? newClientId();
    const r = await queue.enqueueWithPhotos({ ...record, clientId }, photos);
    return { clientId, photosDropped: r.photosDropped };
  }, [queue]);

  return { queue, items, flush, save };
}
