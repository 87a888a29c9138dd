import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, type Database } from '../../server/platform/db/connect.js';
import { migrate } from '../../server/platform/db/migrate.js';
import {
  adminStatement, clonePrefix, ownedName, quoteIdent, templateName, urlWithDatabase, type TestTemplate,
} from './template-db.js';

/**
 * globalSetup of the `server` project: migrates ONE database per run — a PGlite data folder
 * dumped to a tarball, or a PostgreSQL template database when TEST_DATABASE_URL is set — and
 * provides it to createTestApp(), which opens a copy per test app and still runs migrate() on
 * it (a no-op check that every migration file is applied and unchanged). Built anew every run.
 *
 * The build is not awaited here: it runs while vitest starts its workers and imports the test
 * files (seconds per file), and createTestApp() waits for the `ready` file. (A run of unit tests
 * only still waits for it at teardown, which cleans it up.)
 */
export default function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  sweepTemplateFolders();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linli-test-template-${process.pid}-`));
  const template: TestTemplate = url
    ? { dir, pgTemplate: templateName(process.pid), pgClonePrefix: clonePrefix(process.pid) }
    : { dir, pgliteDump: path.join(dir, 'pgdata.tar') };
  const started = performance.now();
  const built = (url ? postgresTemplate(url, template) : pgliteTemplate(template.pgliteDump!)).then(
    () => {
      fs.writeFileSync(path.join(dir, 'ready'), '');
      if (process.env.LINLI_TEST_TIMING === '1') console.log(`test template built in ${Math.round(performance.now() - started)} ms`);
    },
    (e: Error) => fs.writeFileSync(path.join(dir, 'error'), e.stack ?? e.message),
  );
  project.provide('linliTestTemplate', template);
  return async () => {
    await built;
    if (url) await dropOwned(url, (name) => name === template.pgTemplate || name.startsWith(template.pgClonePrefix!));
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

async function pgliteTemplate(file: string) {
  const pglite = await PGlite.create('memory://');
  try {
    // migrate() needs only rawTransaction; this is the same transaction wrapper openDatabase()
    // builds, on a PGlite we keep a handle to so its data folder can be dumped afterwards.
    const database = {
      kind: 'pglite',
      rawTransaction: (fn) =>
        pglite.transaction((tx) =>
          fn({
            exec: async (script) => void (await tx.exec(script)),
            query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params as any[])).rows,
          }),
        ),
    } as Pick<Database, 'kind' | 'rawTransaction'> as Database;
    await migrate(database);
    // Uncompressed: each test app loads it again, and reading 45 MB from the page cache is
    // cheaper than gunzipping 5 MB every time.
    const dump = await pglite.dumpDataDir('none');
    fs.writeFileSync(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${file}.part`, file);
  } finally {
    await pglite.close();
  }
}

async function postgresTemplate(url: string, template: TestTemplate) {
  await dropOwned(url, (_name, pid) => !alive(pid));
  const name = template.pgTemplate!;
  await adminStatement(url, `DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  await adminStatement(url, `CREATE DATABASE ${quoteIdent(name)}`);
  const database = await openDatabase({ databaseUrl: urlWithDatabase(url, name) });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  // The first copy of a new template is many times slower than the next ones (measured 8–13 s
  // against 0.1–1 s on the busy 2-core machine, with either STRATEGY); pay it here, while the
  // workers start, not in a test's beforeAll. Dropped with the run's other copies.
  await adminStatement(url, `CREATE DATABASE ${quoteIdent(`${template.pgClonePrefix}warm`)} TEMPLATE ${quoteIdent(name)}`);
}

/** Template folders of runs that were killed before their teardown (45 MB each for PGlite). */
function sweepTemplateFolders() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const m = /^linli-test-template-(\d+)-/.exec(name);
    if (m && !alive(Number(m[1]))) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops this host's test databases that `pick` chooses, several at a time: every DROP DATABASE
 * waits for a checkpoint, and drops that run together share one, where one after another each
 * waits for its own (measured: 5 drops in parallel ≈ 2 one after another). A database still in
 * use is left alone (no FORCE).
 */
async function dropOwned(url: string, pick: (name: string, pid: number) => boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let names: string[];
  try {
    const rows = (await client.query<{ datname: string }>('SELECT datname FROM pg_database')).rows;
    names = rows.map((r) => r.datname).filter((n) => {
      const m = ownedName.exec(n);
      return m !== null && pick(n, Number(m[1]));
    });
  } finally {
    await client.end();
  }
  const drop = (n: string) =>
    adminStatement(url, `DROP DATABASE IF EXISTS ${quoteIdent(n)}`).catch((e) => {
      console.warn(`test database ${n} not dropped: ${(e as Error).message}`);
    });
  // Copies before their template: a template cannot be dropped while it is being copied.
  const clones = names.filter((n) => !n.startsWith('linli_tpl_'));
  for (let i = 0; i < clones.length; i += 8) await Promise.all(clones.slice(i, i + 8).map(drop));
  await Promise.all(names.filter((n) => n.startsWith('linli_tpl_')).map(drop));
}
