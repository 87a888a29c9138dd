import * as api from '../../services/api.js';
import { createOfflineQueue, type QueuedItem } from '../../services/offline-queue.js';
import { indexedDbPhotoStore, memoryPhotoStore } from '../../services/photo-store.js';
import * as points from '../../services/points-api.js';
import type { NewRecord } from '../../services/points-api.js';
import type { NewDemand } from '../../services/types.js';
import { recordVisit, type NewVisit } from '../../services/visits-api.js';
import { scan as volunteerScan, type ScanInput } from '../../services/volunteers-api.js';

/**
 * What waits on the phone, by kind. Records wait where they always have (local storage under
 * `linli.offlineQueue.<account>` and `linli.pointsQueue.<account>`, photos in IndexedDB), so
 * nothing queued by an older build is lost; one sender in the phone app drains both (offline.tsx).
 */

/** A door-to-door visit that found nothing (无诉求): it waits in the same queue as the demands. */
export type VisitOnly = NewVisit & { kind: 'visit_only' };
/** A volunteer's QR check-in or check-out scanned without signal: sent later with its scan time. */
export type VolunteerScan = ScanInput & { kind: 'volunteer_scan' };
/** What the reports queue holds: demands (reports, visits that found one), visits that found none, and volunteers' scans. */
export type PhoneRecord = NewDemand | VisitOnly | VolunteerScan;
export const isVisitOnly = (r: PhoneRecord): r is VisitOnly => 'kind' in r && r.kind === 'visit_only';
export const isVolunteerScan = (r: PhoneRecord): r is VolunteerScan => 'kind' in r && r.kind === 'volunteer_scan';

/** 一事一记: the labels stay with the queued record for the list on the phone; they are not sent. */
export type QueuedRecord = NewRecord & { holderLabel: string; itemName: string };

/** Worth trying again later: no network, a gateway that is down, or a session to sign in again. */
export const isRetryable = (e: unknown) => e instanceof api.ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504 || e.status === 401);

/** Uploads one photo; the same photo sent again (a retry) comes back as the same file. */
export const uploadPhoto = async (blob: Blob) => (await api.uploadFile(blob, 'photo.jpg')).id;

const photoStore = (name: string) => (typeof indexedDB === 'undefined' ? memoryPhotoStore() : indexedDbPhotoStore(name));

export const reportsKey = (accountId: number) => `linli.offlineQueue.${accountId}`;
export const pointsKey = (accountId: number) => `linli.pointsQueue.${accountId}`;

/** Demands and visits: each goes where it belongs. */
export function createReportsQueue(accountId: number, onChange: (items: QueuedItem<PhoneRecord>[]) => void) {
  return createOfflineQueue<PhoneRecord>({
    storage: localStorage,
    key: reportsKey(accountId),
    send: (input) => {
      if (isVolunteerScan(input)) {
        const { kind: _scan, ...scan } = input;
        return volunteerScan(scan);
      }
      if (!isVisitOnly(input)) return api.createDemand(input);
      const { kind: _kind, ...visit } = input;
      return recordVisit(visit);
    },
    photos: photoStore(`linli.offlinePhotos.${accountId}`),
    upload: uploadPhoto,
    isRetryable,
    onChange,
  });
}

/** 一事一记 records; uploaded photo ids join the record's photoIds. */
export function createPointsQueue(accountId: number, onChange: (items: QueuedItem<QueuedRecord>[]) => void) {
  return createOfflineQueue<QueuedRecord>({
    storage: localStorage,
    key: pointsKey(accountId),
    // Only the fields the server takes: labels kept for the list on the phone stay here.
    send: (input) => {
      const { holderKind, holderId, itemId, quantity, occurredOn, note, photoIds, clientId } = input;
      return points.createRecord({ holderKind, holderId, itemId, quantity, occurredOn, note, photoIds, clientId });
    },
    attachPhotos: (r, ids) => ({ ...r, photoIds: [...(r.photoIds ?? []), ...ids] }),
    isRetryable,
    onChange,
    photos: photoStore(`linli.pointsPhotos.${accountId}`),
    upload: async (blob) => (await api.uploadFile(blob)).id,
  });
}

export type QueueKind = 'demand' | 'visit' | 'points' | 'scan';

/** How many records wait, by kind (the badge on every phone page). */
export function countByKind(reports: QueuedItem<PhoneRecord>[], pointsItems: QueuedItem<QueuedRecord>[]): Record<QueueKind, number> {
  const visit = reports.filter((x) => isVisitOnly(x.input)).length;
  const scan = reports.filter((x) => isVolunteerScan(x.input)).length;
  return { demand: reports.length - visit - scan, visit, points: pointsItems.length, scan };
}
