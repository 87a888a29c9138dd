import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { describeBundle, phoneBundle } from '../tests/helpers/phone-bundle-size.js';

/**
 * `npm run bench:phone`: the Largest Contentful Paint of two phone pages on an emulated slow 4G
 * link (1.6 Mbps down, 750 kbps up, 150 ms latency, Chrome DevTools' "slow 4G"), cold (empty
 * cache) and warm (the same page loaded again), in Debian's Chromium (CHROMIUM_PATH or
 * /usr/bin/chromium). The server runs as `npm start` does, on a fresh embedded database with the
 * demo city, serving the built console (LINLI_WEB_DIST or web/dist; `npm run build:web` first).
 * Pages: the resident's report page (resident_demo, /m/report) and the grid worker's visit page
 * (grid_binhe1, /m/visit). Cold: a new browser profile; warm: the same page loaded again once
 * the service worker is installed. Targets (issue 12): LCP ≤ 2.5 s cold, ≤ 1 s warm. Prints
 * figures; the exit code is 1 when a median misses its target. BENCH_VERBOSE=1 adds the bundle's
 * files and each load's timeline (HTML, DOMContentLoaded, API calls, the LCP element).
 */
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(args.runs);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.env.LINLI_WEB_DIST ?? path.join(root, 'web/dist'));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'Linli@2026';
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1e6) / 8, uploadThroughput: (750 * 1e3) / 8, connectionType: 'cellular4g' as const };
const TARGET_MS = { cold: 2500, warm: 1000 };
const PAGES = [
  { name: 'resident report', username: 'resident_demo', url: '/m/report' },
  { name: 'grid worker visit', username: 'grid_binhe1', url: '/m/visit' },
];
const out = (s: string) => process.stdout.write(`${s}\n`);

if (!fs.existsSync(path.join(dist, 'mobile.html'))) throw new Error(`${dist}/mobile.html is missing: npm run build:web first`);
if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-phone-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  env: { ...process.env, LINLI_WEB_DIST: dist, LINLI_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverOutput = '';
server.stdout!.on('data', (d) => (serverOutput += d));
server.stderr!.on('data', (d) => (serverOutput += d));

let browser: Browser | undefined;
let failed = false;
try {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited during start:\n${serverOutput}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${serverOutput}`);
    await new Promise((r) => setTimeout(r, 300));
  }

  const bundle = phoneBundle(dist);
  out(`JS a phone page loads up front: ${(bundle.brotli / 1024).toFixed(1)} KB brotli, ${(bundle.gzip / 1024).toFixed(1)} KB gzip, ${(bundle.raw / 1024).toFixed(1)} KB raw (${bundle.files.length} files)`);
  if (process.env.BENCH_VERBOSE) out(describeBundle(bundle));

  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

  /** Loads `url` in `context` under slow 4G and returns the page's LCP and what it transferred. */
  async function load(context: BrowserContext, url: string) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    let bytes = 0;
    const encodings = new Set<string>();
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.url.endsWith('.js')) encodings.add(String(e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'none'));
    });
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    // LCP settles once the page's data has arrived and rendered; give it a quiet moment.
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    const { lcp, element, timeline } = await page.evaluate(() => new Promise<{ lcp: number; element: string; timeline: string }>((resolve) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.includes('/api/'))
        .map((r) => `${new URL(r.name).pathname} ${Math.round(r.startTime)}→${Math.round(r.responseEnd)}`);
      const timeline = `html ${Math.round(nav.responseEnd)} ms, DOMContentLoaded ${Math.round(nav.domContentLoadedEventEnd)} ms; ${api.join(', ')}`;
      new PerformanceObserver((list) => {
        const last = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element }) | undefined;
        resolve({ lcp: last?.startTime ?? NaN, element: last?.element ? `<${last.element.tagName.toLowerCase()}> ${last.element.textContent?.slice(0, 20) ?? ''}` : '?', timeline });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => resolve({ lcp: NaN, element: 'none', timeline }), 2000);
    }));
    if (process.env.BENCH_VERBOSE) out(`  ${url}: LCP ${Math.round(lcp)} ms on ${element}; ${timeline}`);
    // A returning visitor finds the service worker installed (it registers after the first load).
    await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 15_000))])).catch(() => undefined);
    await page.close();
    return { lcp, bytes, encodings: [...encodings].join('/') };
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  out(`\nSlow 4G (1.6 Mbps down, 750 kbps up, 150 ms latency), phone viewport 390×844, ${RUNS} runs each, median (min–max):`);
  out(`${'page'.padEnd(20)} ${'cold LCP'.padEnd(26)} ${'warm LCP'.padEnd(26)} transferred cold / warm   JS encoding`);
  for (const p of PAGES) {
    const cold: number[] = [];
    const warm: number[] = [];
    let coldBytes = 0;
    let warmBytes = 0;
    let encodings = '';
    for (let i = 0; i < RUNS; i++) {
      // A new context is a browser with an empty cache; the session cookie comes from the API.
      const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const login = await context.request.post('/api/auth/login', { data: { username: p.username, password: PASSWORD } });
      if (!login.ok()) throw new Error(`${p.username} could not sign in: ${login.status()}`);
      const c = await load(context, p.url);
      const w = await load(context, p.url);
      cold.push(c.lcp);
      warm.push(w.lcp);
      coldBytes = c.bytes;
      warmBytes = w.bytes;
      encodings = c.encodings;
      await context.close();
    }
    const fmt = (xs: number[], target: number) => {
      const m = median(xs);
      if (!(m <= target)) failed = true;
      return `${(m / 1000).toFixed(2)} s (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)}) ${m <= target ? 'ok' : 'MISS'}`;
    };
    out(`${p.name.padEnd(20)} ${fmt(cold, TARGET_MS.cold).padEnd(26)} ${fmt(warm, TARGET_MS.warm).padEnd(26)} ${(coldBytes / 1024).toFixed(0)} KB / ${(warmBytes / 1024).toFixed(0)} KB         ${encodings}`);
  }
  out(`targets: cold ≤ ${TARGET_MS.cold / 1000} s, warm ≤ ${TARGET_MS.warm / 1000} s`);
} finally {
  await browser?.close();
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
