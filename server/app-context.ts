import type { Config } from './config.js';
import type { Database } from './platform/db/connect.js';
import type { PiiCipher } from './platform/pii/cipher.js';
import type { Clock } from './platform/clock.js';
import type { SmsChannel } from './platform/notifications.js';

/** What modules receive: only shared infrastructure, never another module's internals. */
export interface AppContext {
  database: Database;
  cipher: PiiCipher;
  config: Config;
  /** Defaults to the system clock; tests pass a ManualClock to drive time limits. */
  clock?: Clock;
  /** Defaults to logging SMS into the notification table. */
  sms?: SmsChannel;
}
