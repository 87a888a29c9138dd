import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

describe('data folder lock', () => {
  const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'linli-lock-'));

  it('should refuse a second holder while the first is alive', async () => {
    const dir = fresh();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    await new Promise((r) => child.once('spawn', r));
    fs.writeFileSync(path.join(dir, 'linli.lock'), JSON.stringify({ pid: child.pid }));
    try {
      expect(() => lockDataDir(dir, path.join(dir, 'pg'))).toThrow(DataDirLockedError);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('should take over a lock whose process is gone and clear PGlite’s stale postmaster.pid', async () => {
    const dir = fresh();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid;
    await new Promise((r) => child.once('exit', r));
    fs.writeFileSync(path.join(dir, 'linli.lock'), JSON.stringify({ pid: deadPid }));
    fs.mkdirSync(path.join(dir, 'pg'));
    fs.writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), '-42\n');
    const release = lockDataDir(dir, path.join(dir, 'pg'));
    expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'linli.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'linli.lock'))).toBe(false);
  });
});
