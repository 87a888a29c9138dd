import type { Database } from '../platform/db/connect.js';

/**
 * The pg_restore recipe for a big load: drop the secondary indexes and foreign keys of the
 * tables being filled, COPY, then rebuild them. Building an index once from sorted data is far
 * cheaper than updating it row by row, and one validating join replaces a trigger per row.
 * Definitions are read from the catalog and put back verbatim, so nothing here needs to know
 * the migrations. Primary keys and unique constraints stay (other tables may reference them).
 */
export interface SetAside {
  indexes: { table: string; name: string; def: string }[];
  foreignKeys: { table: string; name: string; def: string }[];
}

export async function setAsideIndexes(database: Database, tables: readonly string[]): Promise<SetAside> {
  return database.rawTransaction(async (tx) => {
    const indexes = await tx.query<{ table: string; name: string; def: string }>(
      `SELECT i.tablename AS table, i.indexname AS name, i.indexdef AS def
         FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))
        ORDER BY i.tablename, i.indexname`,
      [tables],
    );
    const foreignKeys = await tx.query<{ table: string; name: string; def: string }>(
      `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
        ORDER BY t.relname, c.conname`,
      [tables],
    );
    for (const fk of foreignKeys) await tx.exec(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
    for (const ix of indexes) await tx.exec(`DROP INDEX ${ix.name}`);
    return { indexes, foreignKeys };
  });
}

/** Rebuilds what setAsideIndexes dropped; on PostgreSQL two index builds run side by side. */
export async function restoreIndexes(database: Database, aside: SetAside, onBuilt: (n: number) => void = () => {}): Promise<void> {
  let built = 0;
  const build = (def: string) =>
    database.rawTransaction(async (tx) => {
      if (database.kind === 'postgres') await tx.exec(`SET LOCAL maintenance_work_mem = '256MB'`);
      await tx.exec(def);
      onBuilt(++built);
    });
  const queue = [...aside.indexes];
  const lanes = database.kind === 'postgres' ? 2 : 1;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let ix = queue.shift(); ix; ix = queue.shift()) await build(ix.def);
    }),
  );
  // Foreign keys last: each validates with one join over the loaded rows.
  for (const fk of aside.foreignKeys) await build(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.def}`);
}
