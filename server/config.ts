import { isIP } from 'node:net';
import path from 'node:path';

/** Everything Linli reads from the environment, read once. */
export interface Config {
  /** When set, Linli uses this PostgreSQL server instead of the embedded database. */
  databaseUrl?: string;
  /** Folder for the embedded database, the key file and the lock. */
  dataDir: string;
  port: number;
  host: string;
  /** Key file for personal-data encryption; created on first start when missing. */
  keyFile: string;
  /** Base64 key that overrides the key file (for containers and CI secrets). */
  keyFromEnv?: string;
  /** Seed the demo city when the database is empty. */
  seedDemoWhenEmpty: boolean;
  /**
   * Always mark cookies Secure. Without it they are Secure whenever the request came over HTTPS
   * (directly, or as a trusted proxy's X-Forwarded-Proto says).
   */
  secureCookies: boolean;
  /**
   * Addresses or CIDRs (or proxy-addr's names: loopback, linklocal, uniquelocal) of the reverse
   * proxies whose X-Forwarded-For/-Proto/-Host are believed. Empty: no forwarded header counts,
   * so `req.ip` is always the socket's peer and no client can pick its own address.
   */
  trustedProxies: string[];
  logLevel: string;
  /**
   * Development and browser tests only: sign-in codes and registration answers sent by SMS are
   * also appended to this file (one JSON line each: masked number and text), since the
   * development channel has no phone to reach.
   */
  devSmsFile?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.LINLI_DATA_DIR ?? './data');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    keyFile: path.resolve(env.LINLI_KEY_FILE ?? path.join(dataDir, 'linli.key')),
    keyFromEnv: env.LINLI_KEY || undefined,
    seedDemoWhenEmpty: env.LINLI_SEED_DEMO !== '0',
    secureCookies: env.LINLI_SECURE_COOKIES === '1',
    trustedProxies: parseTrustedProxies(env.LINLI_TRUSTED_PROXIES ?? ''),
    // Warnings and errors by default; LOG_LEVEL=info adds one line per request.
    logLevel: env.LOG_LEVEL ?? 'warn',
    devSmsFile: env.LINLI_DEV_SMS_FILE ? path.resolve(env.LINLI_DEV_SMS_FILE) : undefined,
  };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `10.0.0.2, 10.1.0.0/16, loopback` → a list; refuses what is not an address, a CIDR or a name. */
export function parseTrustedProxies(value: string): string[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [addr, bits, ...rest] = entry.split('/');
    const family = isIP(addr);
    const max = family === 4 ? 32 : 128;
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max) || (family === 4 && isIP(bits) === 4);
    if (!PROXY_NAMES.has(entry) && (!family || !okBits || rest.length)) {
      throw new Error(`LINLI_TRUSTED_PROXIES 中的“${entry}”不是 IP 地址或网段（例：10.0.0.2,10.1.0.0/16）`);
    }
  }
  return list;
}
