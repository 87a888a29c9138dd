import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts the real product for the browser tests: the built console and the server on a fresh
 * embedded database with the demo city, exactly as `npm start` does, on a free port.
 */
const root = path.resolve(__dirname, '../..');
let server: ChildProcess | undefined;
let dataDir: string | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function setup(project: TestProject) {
  const dist = process.env.LINLI_WEB_DIST ?? path.join(root, 'web/dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist} is missing: build the console first (npm test does)`);
  }
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) throw new Error(`Chromium not found at ${chromium}: apt-get install chromium`);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
  const port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    // Texts (sign-in codes) also go to a file the phone sign-in test reads: the browser has no phone.
    env: { ...process.env, LINLI_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn', LINLI_DEV_SMS_FILE: path.join(dataDir, 'sms.log'),
      // The browsers stand for many people at many addresses (each context sends its own
      // X-Forwarded-For, see browser-sessions.ts), as behind a real proxy: per-address limits such as
      // 20 sign-ins a minute then count each person, not the whole suite at 127.0.0.1.
      LINLI_TRUSTED_PROXIES: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited during start:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // Still seeding or starting.
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  process.env.E2E_BASE_URL = base;
  project.provide('baseUrl', base);
  project.provide('smsFile', path.join(dataDir, 'sms.log'));
}

export async function teardown() {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the development SMS channel writes texts (LINLI_DEV_SMS_FILE). */
    smsFile: string;
  }
}
