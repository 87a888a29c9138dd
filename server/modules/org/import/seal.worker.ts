import { parentPort, workerData } from 'node:worker_threads';
import { PiiCipher, type DerivedPiiKeys } from '../../../platform/pii/cipher.js';
import { sealValues } from './resident-seal.js';
import type { SealReply, SealRequest } from './seal-in-worker.js';

/**
 * Runs in the sealing worker thread: encrypts, hashes and masks the ID numbers and phones of each
 * batch it is sent and posts them back. See seal-in-worker.ts for the other side.
 */
const { keys } = workerData as { keys: DerivedPiiKeys };
const cipher = new PiiCipher(keys);

parentPort!.on('message', (m: SealRequest) => {
  let reply: SealReply;
  try {
    reply = { seq: m.seq, sealed: sealValues(cipher, m.idNumbers, m.phones) };
  } catch (e) {
    reply = { seq: m.seq, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply);
});
