import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import * as api from '../../services/api.js';
import { newClientId, type FlushResult, type OfflineQueue, type QueuedItem } from '../../services/offline-queue.js';
import { withSendLock } from '../../services/send-lock.js';
import type { NewDemand } from '../../services/types.js';
import {
  countByKind, createPointsQueue, createReportsQueue, isRetryable, pointsKey, reportsKey, uploadPhoto,
  type PhoneRecord, type QueueKind, type QueuedRecord,
} from './phone-queue.js';

export { isRetryable, isVisitOnly, uploadPhoto, type PhoneRecord, type VisitOnly } from './phone-queue.js';

const RETRY_MS = 60_000;

/**
 * Posts a report: its photos first (already-uploaded ones are remembered in `uploaded`, so
 * answering a duplicate prompt does not send them again), then the report with their ids.
 */
export async function sendDemand(input: NewDemand, photos: Blob[] = [], uploaded = new Map<Blob, number>()) {
  const ids: number[] = [];
  for (const p of photos) {
    const id = uploaded.get(p) ?? (await uploadPhoto(p));
    uploaded.set(p, id);
    ids.push(id);
  }
  return api.createDemand(ids.length ? { ...input, attachmentIds: [...(input.attachmentIds ?? []), ...ids] } : input);
}

interface OfflineState {
  queue: OfflineQueue<PhoneRecord>;
  items: QueuedItem<PhoneRecord>[];
  flush(): Promise<void>;
  /** Keeps a report (and its photos) for later; photosDropped when there was no room for them. */
  save(input: PhoneRecord, photos?: Blob[]): Promise<{ photosDropped: boolean }>;
}

export interface PointsQueueState {
  queue: OfflineQueue<QueuedRecord>;
  items: QueuedItem<QueuedRecord>[];
  /** Sends what waits now (after another tab's send, if one is running). */
  flush(): Promise<FlushResult>;
  /** Keeps the record (and its photos) under a fresh clientId; returns whether photos were dropped. */
  save(record: QueuedRecord, photos: Blob[]): Promise<{ clientId: string; photosDropped: boolean }>;
}

interface PhoneQueueState {
  reports: OfflineState;
  points: PointsQueueState;
  /** How many records wait, by kind. */
  counts: Record<QueueKind, number>;
  /** Sends everything that waits now. */
  sendNow(): Promise<void>;
}

const Ctx = createContext<PhoneQueueState | null>(null);

const nothing = (remaining: number): FlushResult => ({ sent: 0, failed: 0, remaining });

/**
 * The phone's queue of records written without signal (demands, door-to-door visits, points
 * deeds), per account. One sender, started with the phone app whichever /m page is open, sends
 * it at start, when the phone comes online and every minute; a lock across tabs makes one tab
 * send while the others wait (they see the queue shrink through storage events).
 */
export function OfflineProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const [reportItems, setReportItems] = useState<QueuedItem<PhoneRecord>[]>([]);
  const [pointItems, setPointItems] = useState<QueuedItem<QueuedRecord>[]>([]);
  const reports = useMemo(() => createReportsQueue(me.id, setReportItems), [me.id]);
  const pointsQueue = useMemo(() => createPointsQueue(me.id, setPointItems), [me.id]);
  const tRef = useRef(t);
  tRef.current = t;

  const reread = useCallback(() => {
    setReportItems(reports.list());
    setPointItems(pointsQueue.list());
  }, [reports, pointsQueue]);

  /**
   * Sends both kinds in turn as the only sender of this account's records in this browser.
   * `wait`: a press of "send now" or a page's own submit waits for another tab's send to end;
   * the timer and the online event leave it to the tab already sending.
   */
  const sendAll = useCallback(async (wait: boolean, toast: { reports: boolean; points: boolean }) => {
    const empty = { reports: nothing(reports.list().length), points: nothing(pointsQueue.list().length) };
    if (!navigator.onLine || (!empty.reports.remaining && !empty.points.remaining)) return empty;
    const r = await withSendLock(`linli.phoneQueue.send.${me.id}`, wait, async () => ({
      reports: await reports.flush(),
      points: await pointsQueue.flush(),
    })).catch(() => null);
    // Another tab may have sent them meanwhile.
    reread();
    if (!r) return { reports: nothing(reports.list().length), points: nothing(pointsQueue.list().length) };
    if (toast.reports && r.reports.sent) Toast.show({ icon: 'success', content: tRef.current('mobile.report.flushed', { count: r.reports.sent }) });
    if (toast.points && r.points.sent) Toast.show({ icon: 'success', content: tRef.current('points.m.flushed', { count: r.points.sent }) });
    return r;
  }, [me.id, reports, pointsQueue, reread]);

  useEffect(() => {
    reread();
    const background = () => void sendAll(false, { reports: true, points: true });
    background();
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key === reportsKey(me.id) || e.key === pointsKey(me.id)) reread();
    };
    const onVisible = () => document.visibilityState === 'visible' && background();
    window.addEventListener('online', background);
    window.addEventListener('storage', onStorage);
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(background, RETRY_MS);
    return () => {
      window.removeEventListener('online', background);
      window.removeEventListener('storage', onStorage);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    };
  }, [me.id, sendAll, reread]);

  const reportsState = useMemo<OfflineState>(() => ({
    queue: reports,
    items: reportItems,
    flush: async () => void (await sendAll(true, { reports: true, points: true })),
    save: (input, photos = []) => {
      // Without photos the record is queued at once (callers may flush right after).
      if (!photos.length) {
        reports.enqueue(input);
        return Promise.resolve({ photosDropped: false });
      }
      return reports.enqueueWithPhotos(input, photos).then((r) => ({ photosDropped: r.photosDropped }));
    },
  }), [reports, reportItems, sendAll]);

  const pointsState = useMemo<PointsQueueState>(() => ({
    queue: pointsQueue,
    items: pointItems,
    // The points page says itself what became of the record it just sent.
    flush: async () => (await sendAll(true, { reports: true, points: false })).points,
    save: async (record, photos) => {
      const clientId = record.clientId ?? newClientId();
      const r = await pointsQueue.enqueueWithPhotos({ ...record, clientId }, photos);
      return { clientId, photosDropped: r.photosDropped };
    },
  }), [pointsQueue, pointItems, sendAll]);

  const value = useMemo<PhoneQueueState>(() => ({
    reports: reportsState,
    points: pointsState,
    counts: countByKind(reportItems, pointItems),
    sendNow: async () => void (await sendAll(true, { reports: true, points: true })),
  }), [reportsState, pointsState, reportItems, pointItems, sendAll]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

function usePhoneQueueContext(): PhoneQueueState {
  const v = useContext(Ctx);
  if (!v) throw new Error('phone queue outside OfflineProvider');
  return v;
}

/** Demands and visits waiting (report and visit pages). */
export const useOffline = (): OfflineState => usePhoneQueueContext().reports;

/** 一事一记 records waiting (the points record page). */
export const usePointsQueue = (): PointsQueueState => usePhoneQueueContext().points;

/** Everything waiting, by kind, and "send now" (the badge in the phone header). */
export function usePhoneQueue() {
  const { counts, sendNow } = usePhoneQueueContext();
  return { counts, sendNow };
}
