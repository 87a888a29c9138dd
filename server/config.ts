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
  /** Mark cookies Secure (behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
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
    // Warnings and errors by default; LOG_LEVEL=info adds one line per request.
    logLevel: env.LOG_LEVEL ?? 'warn',
  };
}
