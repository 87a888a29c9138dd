import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** Text assets worth compressing; images are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text asset of the build, once, at
 * maximum quality: the server sends the copy the browser accepts (@fastify/static preCompressed)
 * without compressing anything per request (docs/adr/0008-phone-bundle.md).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'linli-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const body = fs.readFileSync(file);
        if (body.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
      }
    },
  };
}

/**
 * Modules by page, known once the build has parsed every module (the chunk groups below read
 * them): what the phone page (mobile.html) loads without a dynamic import, and everything the
 * console (index.html) may ever load.
 */
const phoneGraph = new Set<string>();
const consoleGraph = new Set<string>();
function moduleGraphs(): Plugin {
  return {
    name: 'linli-module-graphs',
    apply: 'build',
    buildEnd() {
      const walk = (entrySuffix: string, into: Set<string>, dynamic: boolean) => {
        into.clear();
        const entry = [...this.getModuleIds()].find((id) => id.endsWith(entrySuffix));
        const todo = entry ? [entry] : [];
        while (todo.length) {
          const id = todo.pop()!;
          if (into.has(id)) continue;
          into.add(id);
          const info = this.getModuleInfo(id);
          todo.push(...(info?.importedIds ?? []), ...(dynamic ? (info?.dynamicallyImportedIds ?? []) : []));
        }
      };
      walk('/src/mobile-main.tsx', phoneGraph, false);
      walk('/src/main.tsx', consoleGraph, true);
    },
  };
}

const isLibrary = (id: string) => /[\\/]node_modules[\\/]/.test(id);

/** A PNG of `size`² pixels from `paint(x, y)` → [r, g, b, a] (no image library needed). */
function png(size: number, paint: (x: number, y: number) => [number, number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(paint(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** favicon.svg's house (a 32-unit square) in PNG; `inset` leaves the safe zone a maskable icon needs. */
function houseIcon(size: number, maskable: boolean): Buffer {
  const red: [number, number, number, number] = [0xc8, 0x16, 0x1d, 255];
  const white: [number, number, number, number] = [255, 255, 255, 255];
  const clear: [number, number, number, number] = [0, 0, 0, 0];
  const scale = maskable ? 0.7 : 1;
  return png(size, (px, py) => {
    const u = (px + 0.5) * (32 / size);
    const v = (py + 0.5) * (32 / size);
    if (!maskable) {
      const dx = Math.max(7 - u, 0, u - 25);
      const dy = Math.max(7 - v, 0, v - 25);
      if (dx * dx + dy * dy > 49) return clear;
    }
    const x = 16 + (u - 16) / scale;
    const y = 16 + (v - 16) / scale;
    const door = x >= 14 && x < 18 && y >= 18 && y < 24;
    const walls = x >= 8 && x < 24 && y >= 17 && y < 24;
    const roof = y >= 9 && y < 17 && Math.abs(x - 16) <= y - 9;
    return (walls || roof) && !door ? white : red;
  });
}

/**
 * What makes the phone pages an installable app that opens offline: the service worker (web/sw.js)
 * at /sw.js, so that it may control /m/, and the manifest's PNG icons, drawn here.
 */
function phoneApp(): Plugin {
  return {
    name: 'linli-phone-app',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: fs.readFileSync(path.join(webRoot, 'sw.js'), 'utf8') });
      for (const size of [192, 512]) this.emitFile({ type: 'asset', fileName: `icons/icon-${size}.png`, source: houseIcon(size, false) });
      this.emitFile({ type: 'asset', fileName: 'icons/maskable-512.png', source: houseIcon(512, true) });
    },
  };
}

/** The dev server answers /m/* with the phone page, as the real server does. */
function phonePagesInDev(): Plugin {
  return {
    name: 'linli-phone-pages-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/m(\/|\?|$)/.test(req.url) && req.headers.accept?.includes('text/html')) req.url = '/mobile.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), phonePagesInDev(), moduleGraphs(), phoneApp(), precompress()],
  build: {
    // LINLI_WEB_DIST: build somewhere else (the server serves from there when given the same variable).
    outDir: process.env.LINLI_WEB_DIST ?? 'dist',
    emptyOutDir: true,
    // Ant Design and ECharts are large on their own; each gets one cacheable chunk.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two pages: the console (index.html) and the phone pages /m/* (mobile.html), which never
      // load Ant Design (docs/adr/0008-phone-bundle.md).
      input: {
        main: path.join(webRoot, 'index.html'),
        mobile: path.join(webRoot, 'mobile.html'),
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 4 },
            // The libraries the phone page loads (antd-mobile, the icons it shows, dates, i18next…) are
            // taken first, so that the Ant Design group cannot pull any of them in: those the console
            // uses too in one chunk, those of the phone alone in another.
            { name: 'libs', test: (id) => isLibrary(id) && phoneGraph.has(id) && consoleGraph.has(id), priority: 3 },
            { name: 'phone-libs', test: (id) => isLibrary(id) && phoneGraph.has(id), priority: 2 },
            // antd 6 is built on @rc-component/*; the older rc-* packages are antd-mobile's.
            { name: 'antd', test: /node_modules[\\/](antd[\\/]|@ant-design[\\/]|@rc-component|@emotion[\\/])/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
