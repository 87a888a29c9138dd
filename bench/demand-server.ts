import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';

/**
 * The server under load in bench/demands.ts, in its own process as in production, so that its
 * CPU time, heap and compiled code are its own, not mixed with the bench's direct SQL phases.
 * Args: database URL, schema, PII key (hex). Sends `{ port }` when listening; answers 'cpu'
 * with its CPU time so far; ends on 'stop'.
 */
const [url, schema, keyHex] = process.argv.slice(2);
const database = await openDatabase({ databaseUrl: url, schema });
const app = await buildApp({ database, cipher: new PiiCipher(Buffer.from(keyHex, 'hex')), config: loadConfig() }, { rateLimitPerMinute: 10_000_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
process.on('message', async (m) => {
  if (m === 'cpu') {
    const c = process.cpuUsage();
    process.send!({ userMs: c.user / 1000, systemMs: c.system / 1000 });
  } else if (m === 'stop') {
    await app.close();
    await database.close();
    process.disconnect();
  }
});
process.send!({ port: (app.server.address() as AddressInfo).port });
