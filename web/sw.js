// The phone pages' service worker (docs/adr/0008-phone-bundle.md), registered by the phone bundle
// with scope /m/ and copied to /sw.js by the build. Reloading a phone page without signal opens
// the page from here, with the answers it last saw:
// - the page (mobile.html): from the cache at once, refreshed from the network behind it; the
//   hashed files it loads are cached when the worker installs, so one online visit is enough;
// - /assets/*: cache first (their names change with their content);
// - GET /api/* (not photos): network first, the last answer when there is no network. These hold
//   personal data: signing in or out empties that cache, so the next person never sees them.
// Writes (POST/PATCH/…) are never touched: the pages' own queues keep what waits for the network.
const SHELL = 'linli-shell-v1';
const DATA = 'linli-data-v1';
const SHELL_URL = '/m/';

self.addEventListener('install', (event) => {
  event.waitUntil(refreshShell().catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== SHELL && key !== DATA) await caches.delete(key);
    await self.clients.claim();
    // The page that registered this worker read its session before the worker ran: keep it now.
    await networkFirst(new Request('/api/auth/me', { credentials: 'same-origin' })).catch(() => undefined);
  })());
});

const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/(?:assets\/[^"]+|favicon\.svg|manifest\.webmanifest))"/g)].map((m) => m[1]);

/**
 * Caches the page and every file it names. When the page changed (a new build), files named by
 * neither it nor the page before it go: a page opened from the cache a moment ago may still be
 * loading the previous build's files, which the server no longer has.
 */
async function refreshShell(fresh) {
  const res = fresh ?? (await fetch(SHELL_URL, { credentials: 'same-origin', cache: 'no-cache' }));
  if (!res.ok) return;
  const html = await res.clone().text();
  const cache = await caches.open(SHELL);
  const before = await cache.match(SHELL_URL);
  const old = before ? assetsOf(await before.text()) : [];
  const now = assetsOf(html);
  for (const url of now) if (!(await cache.match(url))) await cache.add(url);
  await cache.put(SHELL_URL, res);
  if (old.join() !== now.join()) {
    for (const req of await cache.keys()) {
      const path = new URL(req.url).pathname;
      if (path.startsWith('/assets/') && !now.includes(path) && !old.includes(path)) await cache.delete(req);
    }
  }
}

async function page(event) {
  const cached = await caches.match(SHELL_URL);
  const network = fetch(event.request).then((res) => {
    if (res.ok) event.waitUntil(refreshShell(res.clone()).catch(() => undefined));
    return res;
  });
  if (cached) {
    event.waitUntil(network.catch(() => undefined));
    return cached;
  }
  return network;
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) {
    const cache = await caches.open(SHELL);
    await cache.put(request, res.clone());
  }
  return res;
}

const url = (request) => new URL(request.url);
const accountOf = async (res) => (res ? ((await res.json().catch(() => null))?.account?.id ?? null) : null);

/** Someone else signed in (elsewhere than on these pages): the answers kept for the last one go. */
async function forgetOtherAccount(fresh) {
  const before = await accountOf(await caches.match('/api/auth/me', { cacheName: DATA }));
  if (before !== null && before !== (await accountOf(fresh))) await caches.delete(DATA);
}

async function networkFirst(request) {
  try {
    const res = await fetch(request);
    if (res.ok && (res.headers.get('content-type') ?? '').includes('application/json')) {
      if (url(request).pathname === '/api/auth/me') await forgetOtherAccount(res.clone());
      const cache = await caches.open(DATA);
      await cache.put(request, res.clone());
    }
    return res;
  } catch (e) {
    const cached = await caches.match(request, { cacheName: DATA });
    if (cached) return cached;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    if (/^\/api\/auth\/(login|logout|phone)/.test(url.pathname)) event.waitUntil(caches.delete(DATA));
    return;
  }
  if (request.mode === 'navigate') {
    if (url.pathname === '/m' || url.pathname.startsWith('/m/')) event.respondWith(page(event));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/files/')) event.respondWith(networkFirst(request));
});
