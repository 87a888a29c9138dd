import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSecurityHeaders } from '../../server/platform/http/security-headers.js';
import { IMMUTABLE, isPhonePage, serveWebApp } from '../../server/platform/http/web-app.js';
import { phoneBundle, scriptsOfHtml, staticImportsOf } from '../helpers/phone-bundle-size.js';

/** A small built web app, as Vite and its precompress step leave it. */
function fakeDist(): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-web-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  const write = (rel: string, body: string, compress = false) => {
    fs.writeFileSync(path.join(dist, rel), body);
    if (compress) {
      fs.writeFileSync(path.join(dist, `${rel}.br`), zlib.brotliCompressSync(body));
      fs.writeFileSync(path.join(dist, `${rel}.gz`), zlib.gzipSync(body));
    }
  };
  write('index.html', '<!doctype html><title>console</title><script type="module" src="/assets/main-AAAA.js"></script>');
  write('mobile.html', '<!doctype html><title>phone</title><script type="module" crossorigin src="/assets/mobile-BBBB.js"></script>\n<link rel="modulepreload" crossorigin href="/assets/libs-CCCC.js">');
  write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write('assets/main-AAAA.js', `import{a as b}from"./libs-CCCC.js";import"./antd-DDDD.js";console.log(b,${JSON.stringify('x'.repeat(4000))});`, true);
  write('assets/mobile-BBBB.js', `import{a as b}from"./libs-CCCC.js";const l=()=>import("./lazy-EEEE.js");console.log(b,l,${JSON.stringify('y'.repeat(4000))});`, true);
  write('assets/libs-CCCC.js', `export{q as a}from"./shared-FFFF.js";`);
  write('assets/shared-FFFF.js', `const q=1;export{q};`);
  write('assets/antd-DDDD.js', `export const big=${JSON.stringify('z'.repeat(9000))};`, true);
  write('assets/lazy-EEEE.js', `export const lazy=1;`);
  return dist;
}

describe('serving the built web app', () => {
  let dist: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dist = fakeDist();
    app = Fastify();
    installSecurityHeaders(app);
    app.get('/api/ping', async () => ({ ok: true }));
    await serveWebApp(app, dist);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('should send a hashed asset in brotli with immutable caching when the browser accepts br', async () => {
    const res = await app.inject({ url: '/assets/mobile-BBBB.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toContain('y'.repeat(4000));
  });

  it('should fall back to gzip, then to the plain file', async () => {
    const gz = await app.inject({ url: '/assets/mobile-BBBB.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toContain('y'.repeat(4000));
    const plain = await app.inject({ url: '/assets/mobile-BBBB.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('y'.repeat(4000));
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('should answer phone paths with the phone page and other paths with the console, neither kept without asking', async () => {
    for (const url of ['/m', '/m/', '/m/tasks', '/m/demands/12?x=1', '/m/login']) {
      const res = await app.inject({ url });
      expect(res.body, url).toContain('<title>phone</title>');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    for (const url of ['/', '/org', '/login', '/mobile', '/map?m=1']) {
      const res = await app.inject({ url });
      expect(res.body, url).toContain('<title>console</title>');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('should keep unhashed files revalidated and API answers uncached', async () => {
    expect((await app.inject({ url: '/favicon.svg' })).headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ url: '/api/ping' })).headers['cache-control']).toBe('no-store');
    const missing = await app.inject({ url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('should tell phone paths apart', () => {
    expect(['/m', '/m/', '/m/visit', '/m?x', '/m#a'].every(isPhonePage)).toBe(true);
    expect(['/', '/mobile', '/map', '/merchants', '/api/m/x'].some(isPhonePage)).toBe(false);
  });
});

describe('the phone bundle size', () => {
  it('should read scripts and static imports, never dynamic ones', () => {
    expect(scriptsOfHtml('<script type="module" crossorigin src="/assets/a.js"></script><link rel="modulepreload" crossorigin href="/assets/b.js"><link rel="stylesheet" href="/assets/c.css">')).toEqual(['/assets/a.js', '/assets/b.js']);
    expect(staticImportsOf('import{a as b,c}from"./x.js";import"./y.js";export{d}from"./z.js";const l=()=>import("./lazy.js");e.import("./no.js")')).toEqual(['./x.js', './y.js', './z.js']);
    expect(staticImportsOf("import React from 'react';\nimport * as api from './api.js';\nexport * from './all.js';")).toEqual(['./api.js', './all.js']);
  });

  it('should count what the phone page loads up front and nothing else', () => {
    const dist = fakeDist();
    try {
      const b = phoneBundle(dist);
      expect(b.files.map((f) => f.file).sort()).toEqual(['assets/libs-CCCC.js', 'assets/mobile-BBBB.js', 'assets/shared-FFFF.js']);
      expect(b.brotli).toBeLessThan(b.raw);
      expect(phoneBundle(dist, 'index.html').files.map((f) => f.file)).toContain('assets/antd-DDDD.js');
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
