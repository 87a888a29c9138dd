// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/platform/auth/password.js';
import { openDatabase } from '../../server/platform/db/connect.js';
import { migrate } from '../../server/platform/db/migrate.js';

/**
 * The embedded database must survive `kill -9`: every write the server acknowledged is there
 * after the next start, and the next start does not hang on PGlite's leftover postmaster.pid.
 * Runs the real server as a child process on a temporary data folder.
 */
const root = path.resolve(__dirname, '../..');
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, LINLI_DATA_DIR: dataDir, PORT: String(port), LINLI_SEED_DEMO: '0', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { child, output: () => output };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start within 60 s: ${output}`);
}

async function signIn(base: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'crash_admin', password: 'Crash2026ok' }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

describe('embedded database crash safety', () => {
  it('should keep every acknowledged write after kill -9 and start again without hanging', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-crash-'));
    // Prepare: schema, a county and an account, written and closed cleanly.
    const prep = await openDatabase({ dataDir });
    await migrate(prep);
    const db = prep.db;
    const city = await db.insertInto('org_unit').values({ kind: 'city', code: '141100', name: '吕梁市', path: 'x', depth: 0, county_code: '141100' }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('org_unit').set({ path: `${city.id}.` }).where('id', '=', city.id).execute();
    const county = await db.insertInto('org_unit').values({ parent_id: city.id, kind: 'county', code: '141102', name: '离石区', path: 'y', depth: 1, county_code: '141102' }).returning('id').executeTakeFirstOrThrow();
    const countyPath = `${city.id}.${county.id}.`;
    await db.updateTable('org_unit').set({ path: countyPath }).where('id', '=', county.id).execute();
    await db.insertInto('account').values({
      username: 'crash_admin', password_hash: await hashPassword('Crash2026ok'), display_name: '测试', role: 'county_admin',
      scope_org_id: county.id, scope_path: countyPath, county_code: '141102',
    }).execute();
    await prep.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startServer(dataDir, port);
    const { cookie, csrfToken } = await signIn(base);

    // Writers keep creating streets; each 200 is an acknowledged write.
    const acked = new Set<string>();
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const code = `141102${String(100 + n++).padStart(3, '0')}000`;
        try {
          const res = await fetch(`${base}/api/org/units`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
            body: JSON.stringify({ parentId: county.id, kind: 'street', code, name: `街道${code}` }),
          });
          if (res.status === 200) acked.add(code);
        } catch {
          return; // The server is gone.
        }
      }
    };
    const writers = [writer(), writer(), writer()];
    while (acked.size < 40) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    stop = true;
    await Promise.all(writers);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

    const second = await startServer(dataDir, port);
    const again = await signIn(base);
    const res = await fetch(`${base}/api/org/units/${county.id}/children?pageSize=500`, { headers: { cookie: again.cookie } });
    const body = (await res.json()) as { items: { code: string }[]; total: number };
    const stored = new Set(body.items.map((i) => i.code));
    const lost = [...acked].filter((c) => !stored.has(c));
    expect(lost).toEqual([]);
    // Every stored street is whole: it has its create event and audit row (one transaction).
    const events = await fetch(`${base}/api/audit?action=org.create&pageSize=200`, { headers: { cookie: again.cookie } });
    expect(((await events.json()) as { total: number }).total).toBe(body.total);

    // A second server on the same folder is refused while this one runs.
    const port2 = await freePort();
    await expect(startServer(dataDir, port2)).rejects.toThrow(/正被另一个 Linli 进程/);

    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    expect(fs.existsSync(path.join(dataDir, 'linli.lock'))).toBe(false);
  }, 180_000);
});
