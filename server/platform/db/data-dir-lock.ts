import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly pid: number, readonly dir: string) {
    super(`数据目录 ${dir} 正被另一个 Linli 进程（PID ${pid}）使用`);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Linli's own guard on the data folder, so two processes never open the embedded database at
 * once. PGlite writes postmaster.pid with PID -42, which tells nothing about liveness, and a
 * process killed with -9 leaves it behind so the next open hangs. Our lock holds a real PID: when
 * that process is gone, PGlite's leftover file is stale and is removed before opening.
 */
export function lockDataDir(dataDir: string, pgDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'linli.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }), {
        flag: 'wx',
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = -1;
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid;
      } catch {
        // A lock file cut short by a crash during its own write holds no live owner.
      }
      if (holder !== process.pid && isAlive(holder)) throw new DataDirLockedError(holder, dataDir);
      fs.rmSync(lockPath, { force: true });
      if (attempt === 2) throw e;
    }
  }
  const stalePid = path.join(pgDir, 'postmaster.pid');
  if (fs.existsSync(stalePid)) fs.rmSync(stalePid);

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      const holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid;
      if (holder === process.pid) fs.rmSync(lockPath, { force: true });
    } catch {
      // Already gone.
    }
  };
  process.once('exit', release);
  return release;
}
