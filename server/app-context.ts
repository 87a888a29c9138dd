import type { Config } from './config.js';
import type { Database } from './platform/db/connect.js';
import type { PiiCipher } from './platform/pii/cipher.js';

/** What modules receive: only shared infrastructure, never another module's internals. */
export interface AppContext {
  database: Database;
  cipher: PiiCipher;
  config: Config;
}
