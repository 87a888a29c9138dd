import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The raw-COPY and endpoint phases run in their own Node processes (same tsx loader), so each
 * one's memory is its own: the endpoint phase's RSS is the server's, not the seeder's leftovers.
 */
const RESULT = 'BENCH_RESULT ';
const here = path.dirname(fileURLToPath(import.meta.url));

export function emitResult(value: unknown): void {
  process.stdout.write(`${RESULT}${JSON.stringify(value)}\n`);
}

export function runChild<T>(script: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, path.join(here, script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT.length)) as T);
      else reject(new Error(`${script} exited with ${code}\n${out}`));
    });
  });
}

/**
 * A long-lived child (a server under load): started with an IPC channel, resolves with its
 * first message; `ask` sends a request and waits for the next message; `stop` asks it to end.
 */
export async function startChild<Ready>(script: string, args: string[]) {
  const child = spawn(process.execPath, [...process.execArgv, path.join(here, script), ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const nextMessage = <T>() => new Promise<T>((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`${script} has exited`));
    const onExit = (code: number | null) => reject(new Error(`${script} exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      resolve(m as T);
    });
  });
  const ready = await nextMessage<Ready>();
  return {
    ready,
    ask: <T>(request: unknown) => {
      const answer = nextMessage<T>();
      child.send(request as object);
      return answer;
    },
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || !child.connected) return resolve();
      child.once('exit', () => resolve());
      child.send('stop');
    }),
  };
}
