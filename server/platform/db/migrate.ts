import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './connect.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface MigrationFile {
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

/**
 * Migrations live with the module that owns the tables (server/modules/<m>/migrations and
 * server/platform/migrations); a four-digit prefix orders them across modules.
 */
export function findMigrations(root = serverDir): MigrationFile[] {
  const dirs = [path.join(root, 'platform/migrations')];
  for (const m of fs.readdirSync(path.join(root, 'modules'))) dirs.push(path.join(root, 'modules', m, 'migrations'));
  const files: MigrationFile[] = [];
  for (const d of dirs) {
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).filter((f) => /^\d{4}-.+\.sql$/.test(f))) {
      const sql = fs.readFileSync(path.join(d, f), 'utf8');
      files.push({ name: f.replace(/\.sql$/, ''), file: path.join(d, f), sql, checksum: sha256(sql) });
    }
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Set<string>();
  for (const f of files) {
    const v = f.name.slice(0, 4);
    if (seen.has(v)) throw new MigrationError(`两个迁移文件使用了同一个序号 ${v}`, f.name);
    seen.add(v);
  }
  return files;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class MigrationError extends Error {
  constructor(message: string, readonly migration?: string) {
    super(message);
  }
}

export interface MigrationResult {
  applied: string[];
  version: string | null;
}

// Any fixed number: all instances agree on it, so only one migrates at a time.
const MIGRATION_LOCK = 74_110_2;

/**
 * Applies every pending migration in one transaction: either all of them land, or none does
 * and the database is as it was. Applied files must not change afterwards.
 */
export async function migrate(database: Database, files = findMigrations()): Promise<MigrationResult> {
  return database.rawTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await tx.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration');
    const byName = new Map(done.map((r) => [r.name, r.checksum]));
    for (const f of files) {
      const sum = byName.get(f.name);
      if (sum && sum !== f.checksum) {
        throw new MigrationError(`迁移 ${f.name} 已执行过，但文件内容被修改；迁移文件不可修改，请新增迁移`, f.name);
      }
    }
    const applied: string[] = [];
    for (const f of files.filter((f) => !byName.has(f.name))) {
      try {
        await tx.exec(f.sql);
      } catch (e) {
        throw new MigrationError(`迁移 ${f.name} 执行失败：${(e as Error).message}`, f.name);
      }
      await tx.query('INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)', [f.name, f.checksum]);
      applied.push(f.name);
    }
    const all = [...byName.keys(), ...applied].sort();
    return { applied, version: all.at(-1) ?? null };
  });
}

export async function currentVersion(database: Database): Promise<string | null> {
  const rows = await database.rawTransaction((tx) =>
    tx.query<{ name: string }>(
      `SELECT name FROM schema_migration ORDER BY name DESC LIMIT 1`,
    ),
  ).catch(() => []);
  return rows[0]?.name ?? null;
}
