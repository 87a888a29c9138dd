import net from 'node:net';
import { emitResult } from './child.js';

/**
 * The client side of the intake bench (bench/demands.ts). It runs in its own process and is kept
 * lean — each request is one pre-built HTTP/1.1 message written to a kept-alive socket, each
 * response is read just far enough to know its status and length — because it shares the
 * machine's two cores with the server and PostgreSQL: what it burns is taken from them (a general
 * HTTP client costs about three times as much per request). POSTs `count` demands, `concurrency`
 * at a time, and reports the elapsed time, each latency and its own CPU time.
 */
interface LoadArgs {
  base: string;
  cookie: string;
  csrfToken: string;
  gridIds: number[];
  offset: number;
  count: number;
  concurrency: number;
}
const a = JSON.parse(process.argv[2]) as LoadArgs;
const { hostname, port } = new URL(a.base);

function message(i: number): Buffer {
  const body = Buffer.from(JSON.stringify({
    orgId: a.gridIds[i % a.gridIds.length], categoryCode: 'environment', description: `楼道堆物第${i}处`, channel: 'walk_in', force: true,
  }));
  const head = `POST /api/demands HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\n`
    + `content-length: ${body.length}\r\ncookie: ${a.cookie}\r\nx-csrf-token: ${a.csrfToken}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

/** One kept-alive connection: send, wait for the whole response, resolve with its status. */
async function connection() {
  const socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: ((status: number) => void) | null = null;
  let failed: ((e: Error) => void) | null = null;
  socket.on('error', (e) => failed?.(e));
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buffered.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (buffered.length < end + 4 + length) return;
    buffered = buffered.subarray(end + 4 + length);
    const done = waiting;
    waiting = null;
    done?.(Number(head.slice(9, 12)));
  });
  return {
    send: (msg: Buffer) => new Promise<number>((resolve, reject) => {
      waiting = resolve;
      failed = reject;
      socket.write(msg);
    }),
    close: () => socket.destroy(),
  };
}

const conns = await Promise.all(Array.from({ length: a.concurrency }, connection));
const times: number[] = [];
let errors = 0;
let next = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(conns.map(async (c) => {
  while (next < a.count) {
    const msg = message(a.offset + next++);
    const t = performance.now();
    const status = await c.send(msg);
    times.push(performance.now() - t);
    if (status !== 200) errors++;
  }
}));
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
for (const c of conns) c.close();
emitResult({ ms, times, errors, cpuMs: (cpu.user + cpu.system) / 1000 });
