import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * One migrated database per test run, cloned for every test app (createTestApp), instead of
 * ~60 migrations per test file. Built by tests/helpers/global-setup.ts at the start of every run
 * (never cached across runs, so a template cannot hide a migration), handed to the test workers
 * with vitest's provide/inject.
 */
export interface TestTemplate {
  /**
   * Folder of this run's template files. The template is built while vitest starts its workers
   * and imports the test files; `ready` appears in it when the template can be copied, `error`
   * if building it failed.
   */
  dir: string;
  /** PGlite: the migrated data folder as a tarball (PGlite's dumpDataDir), opened in memory. */
  pgliteDump?: string;
  /** PostgreSQL: the migrated template database; clones are `CREATE DATABASE … TEMPLATE` it. */
  pgTemplate?: string;
  /** PostgreSQL: name prefix of this run's clones, which the run's teardown drops. */
  pgClonePrefix?: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    linliTestTemplate: TestTemplate;
  }
}

/**
 * Names carry the host and the pid of the vitest process that owns them, so a later run can tell
 * leftovers of a run that died (pid gone on this host) from databases of a run still going —
 * several engineers run tests against one PostgreSQL at the same time.
 */
export const hostTag = createHash('sha1').update(os.hostname()).digest('hex').slice(0, 6);
export const templateName = (pid: number) => `linli_tpl_${hostTag}_${pid}`;
export const clonePrefix = (pid: number) => `linli_t_${hostTag}_${pid}_`;
export const ownedName = new RegExp(`^linli_(?:tpl|t)_${hostTag}_(\\d+)(?:_|$)`);

export function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Runs one statement on its own connection, outside a transaction (CREATE/DROP DATABASE refuse
 * to run inside one). "Database is being accessed by other users" (55006) is retried: a pool that
 * was just closed leaves its server processes for a few milliseconds after the client is gone.
 */
export async function adminStatement(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt >= 100) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    await client.end();
  }
}

/** Database names are generated here from hex and digits only; quoting keeps that an invariant. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Waits until the run's template is built (normally long done by the first createTestApp). */
export async function templateReady(template: TestTemplate): Promise<void> {
  const ready = path.join(template.dir, 'ready');
  const error = path.join(template.dir, 'error');
  for (;;) {
    if (fs.existsSync(ready)) return;
    if (fs.existsSync(error)) throw new Error(`test template: ${fs.readFileSync(error, 'utf8')}`);
    if (!fs.existsSync(template.dir)) throw new Error(`test template folder ${template.dir} is gone (the run was torn down)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
