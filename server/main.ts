import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { openDatabase } from './platform/db/connect.js';
import { DataDirLockedError } from './platform/db/data-dir-lock.js';
import { MigrationError, migrate } from './platform/db/migrate.js';
import { PiiCipher, loadMasterKey } from './platform/pii/cipher.js';
import { systemClock } from './platform/clock.js';
import { startJobWorker } from './platform/jobs.js';
import { attachmentJobHandlers } from './platform/files/attachment.service.js';
import { MODULES } from './modules/index.js';

/** `npm start`: one process is the whole product — database, API, console. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    fail((e as Error).message);
  }
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) fail(e.message);
    throw e;
  }
  try {
    const r = await migrate(database);
    if (r.applied.length) console.log(`数据库迁移完成：${r.applied.join(', ')}`);
  } catch (e) {
    await database.close();
    if (e instanceof MigrationError) fail(`${e.message}\n数据库未做任何更改，启动已停止。`);
    throw e;
  }
  const cipher = new PiiCipher(loadMasterKey(config.keyFile, config.keyFromEnv));

  const empty = !(await database.db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst());
  if (empty && config.seedDemoWhenEmpty) {
    console.log('数据库为空，正在生成演示数据（吕梁市）…');
    const { seed } = await import('./seed/seed.js');
    const summary = await seed(database, cipher, { scale: 'demo' });
    console.log(`演示数据已生成，用时 ${(summary.elapsedMs / 1000).toFixed(1)} 秒`);
  }

  const ctx = { database, cipher, config, clock: systemClock };
  const app = await buildApp(ctx, { logger: { level: config.logLevel } });
  // Timers are rows in the job table; this loop only polls them, so a restart loses none.
  for (const m of MODULES) await m.timers?.(database.db, systemClock.now());
  const handlers = Object.assign(attachmentJobHandlers(), ...MODULES.map((m) => m.jobHandlers?.(ctx) ?? {}));
  const stopJobs = startJobWorker(database.db, handlers, systemClock, 5000, (e) => app.log.error(e));
  const shutdown = async () => {
    await stopJobs();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  console.log(`\nLinli 邻里 已启动：${url}    （数据库：${database.target}）`);
  console.log(`接口文档：${url}/api/docs`);
  await printDemoAccounts(database);
}

/** The demo banner, only when the demo accounts are in this database. */
async function printDemoAccounts(database: Awaited<ReturnType<typeof openDatabase>>) {
  const demo = await database.db.selectFrom('account').select('id').where('username', '=', 'county_lishi').executeTakeFirst();
  if (!demo) return;
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('./seed/seed.js');
  console.log(`\n演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(18)} ${a.description}`);
}

function fail(message: string): never {
  console.error(`\n启动失败：${message}`);
  process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
