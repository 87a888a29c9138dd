// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/platform/db/connect.js';
import { MigrationError, findMigrations, migrate } from '../../server/platform/db/migrate.js';
import { randomUUID } from 'node:crypto';

async function freshDatabase() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return { database: await openDatabase({ dataDir: 'memory://' }), drop: async () => {} };
  const schema = `m_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = await openDatabase({ databaseUrl: url });
  await admin.rawTransaction((tx) => tx.exec(`CREATE SCHEMA ${schema}`));
  await admin.close();
  const database = await openDatabase({ databaseUrl: url, schema });
  return { database, drop: () => database.rawTransaction((tx) => tx.exec(`DROP SCHEMA ${schema} CASCADE`)) };
}

describe('migrations', () => {
  it('should apply every migration once and report the version', async () => {
    const { database, drop } = await freshDatabase();
    const files = findMigrations();
    const first = await migrate(database);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const second = await migrate(database);
    expect(second).toEqual({ applied: [], version: files.at(-1)!.name });
    await drop();
    await database.close();
  });

  it('should stop on a failing migration and leave the database exactly as it was', async () => {
    const { database, drop } = await freshDatabase();
    const files = findMigrations();
    const broken = [...files, { name: '9999-broken', file: 'x', checksum: 'x', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;' }];
    await expect(migrate(database, broken)).rejects.toThrow(MigrationError);
    await expect(migrate(database, broken)).rejects.toThrow(/9999-broken/);
    // Not even the earlier, valid migrations of the same run landed.
    const tables = await database.rawTransaction((tx) =>
      tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('org_unit', 'half_done', 'schema_migration')`),
    );
    expect(tables[0].n).toBe(0);
    await drop();
    await database.close();
  });

  it('should refuse to run when an applied migration file was edited', async () => {
    const { database, drop } = await freshDatabase();
    const files = findMigrations();
    await migrate(database, files);
    const edited = files.map((f, i) => (i === 0 ? { ...f, checksum: 'changed' } : f));
    await expect(migrate(database, edited)).rejects.toThrow(/不可修改/);
    await drop();
    await database.close();
  });

  it('should keep migration files in module folders with unique four-digit versions', () => {
    for (const f of findMigrations()) {
      expect(f.file).toMatch(/server\/(platform|modules\/[a-z0-9]+)\/migrations\/\d{4}-[a-z0-9-]+\.sql$/);
      expect(fs.existsSync(f.file)).toBe(true);
    }
  });
});
