import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/db/connect.js';
import { MigrationError, migrate } from '../platform/db/migrate.js';

/** `npm run migrate`: the same migrations start-up runs, on their own. */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const r = await migrate(database);
  console.log(r.applied.length ? `已执行：${r.applied.join(', ')}` : '没有待执行的迁移');
  console.log(`当前版本：${r.version}`);
} catch (e) {
  console.error(e instanceof MigrationError ? `${e.message}\n数据库未做任何更改。` : e);
  process.exitCode = 1;
} finally {
  await database.close();
}
