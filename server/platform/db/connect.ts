import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { DB } from '../../database.js';
import { SerializedPGliteDialect, lockFor } from './pglite-driver.js';
import { lockDataDir } from './data-dir-lock.js';

// int8 (counts, sums, bigint ids) as numbers on both engines; values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** What the migration runner and bulk loaders need beyond Kysely: scripts and COPY. */
export interface RawTx {
  exec(script: string): Promise<void>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Human-readable target for /api/health (no credentials). */
  target: string;
  /** Runs fn in one transaction on a dedicated connection; scripts may hold many statements. */
  rawTransaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T>;
  /** Bulk load with COPY (CSV) — the fast path for seeding a city. */
  copyRows(table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Data folder for PGlite; `memory://` for an in-memory database (tests). */
  dataDir?: string;
  /** PostgreSQL search_path, so tests can isolate themselves in a schema. */
  schema?: string;
  /**
   * PGlite only: start from this data-folder tarball (PGlite's dumpDataDir) instead of an empty
   * cluster — tests open a copy of one migrated template rather than migrating every time.
   */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.schema) : openPGlite(opts.dataDir ?? 'memory://', opts.loadDataDir);
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvLine(row: unknown[]): string {
  return row.map(csvField).join(',') + '\n';
}
const copySql = (table: string, columns: string[], source: string) =>
  `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT csv)`;

/**
 * Connections per API instance: DATABASE_POOL_MAX, else twice the cores plus one. PostgreSQL
 * does its work in one process per connection; beyond a few per core they only take turns on
 * the CPU, so more of them make each statement slower, not more of them finish (measured on the
 * 2-core machine: 8 connections ≈ 15% fewer intakes per second than 5). Requests beyond the pool
 * wait in line in Node, which costs nothing while they wait.
 */
export function poolSize(): number {
  return Number(process.env.DATABASE_POOL_MAX ?? availableParallelism() * 2 + 1);
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize(),
    // A request that cannot get a connection in this long fails with an error instead of
    // waiting forever (an overloaded or stuck pool shows up, it does not hang the callers).
    connectionTimeoutMillis: 15_000,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return {
    db,
    kind: 'postgres',
    target: `postgres://${u.host}${u.pathname}${schema ? ` (schema ${schema})` : ''}`,
    async rawTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          exec: async (script) => void (await client.query(script)),
          query: async (text, params) => (await client.query(text, params as unknown[])).rows,
        });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async copyRows(table, columns, rows) {
      const client = await pool.connect();
      let n = 0;
      try {
        const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
        const source = Readable.from(
          (function* () {
            let buf = '';
            for (const r of rows) {
              buf += csvLine(r);
              n++;
              if (buf.length > 1 << 16) {
                yield buf;
                buf = '';
              }
            }
            if (buf) yield buf;
          })(),
        );
        await pipeline(source, stream);
      } finally {
        client.release();
      }
      return n;
    },
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let release = () => {};
  const pgDir = inMemory ? dataDir : path.join(dataDir, 'pg');
  if (!inMemory) {
    release = lockDataDir(dataDir, pgDir);
    fs.mkdirSync(pgDir, { recursive: true });
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(pgDir, {
      loadDataDir,
      parsers: { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) },
    });
  } catch (e) {
    release();
    throw e;
  }
  const lock = lockFor(pglite);
  const db = new Kysely<DB>({ dialect: new SerializedPGliteDialect(pglite) });
  const withConnection = async <T>(fn: () => Promise<T>) => {
    const free = await lock.acquire();
    try {
      return await fn();
    } finally {
      free();
    }
  };
  return {
    db,
    kind: 'pglite',
    target: inMemory ? 'pglite (memory)' : `pglite ${pgDir}`,
    rawTransaction: (fn) =>
      withConnection(() =>
        pglite.transaction((tx) =>
          fn({
            exec: async (script) => void (await tx.exec(script)),
            query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params as any[])).rows,
          }),
        ),
      ),
    async copyRows(table, columns, rows) {
      let n = 0;
      let chunk: string[] = [];
      const flush = async () => {
        if (!chunk.length) return;
        const blob = new Blob(chunk);
        chunk = [];
        await withConnection(() => pglite.query(copySql(table, columns, "'/dev/blob'"), [], { blob }));
      };
      for (const r of rows) {
        chunk.push(csvLine(r));
        n++;
        if (chunk.length >= 20000) await flush();
      }
      await flush();
      return n;
    },
    async close() {
      await withConnection(() => pglite.close());
      release();
    },
  };
}
