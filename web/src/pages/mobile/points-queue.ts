/**
 * 一事一记 offline: records wait in the phone's one queue (offline.tsx, phone-queue.ts) with one
 * clientId each, so a replay is stored once; the phone app sends them whichever page is open.
 */
export { usePointsQueue } from './offline.js';
export type { QueuedRecord } from './phone-queue.js';
