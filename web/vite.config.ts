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

/**
 * The Chinese texts split by page: the phone page ships up front only the keys its own files
 * name (found by walking mobile-main.tsx's static imports); the console adds the rest at
 * start-up. One source file stays the place texts are written (locales/zh-CN.json).
 * A phone page that meets a key of another namespace (built from a variable) loads the rest
 * then (i18n.ts), so a missed namespace costs a request, never a raw key on screen.
 */
const TEXTS_PHONE = 'virtual:linli-texts/phone';
const TEXTS_CONSOLE = 'virtual:linli-texts/console';
type Texts = { [key: string]: string | Texts };

/** The source files the phone page may load: mobile-main.tsx's imports, static and on demand, followed through the tree. */
function phoneFiles(src: string): string[] {
  const files = new Set<string>();
  const todo = [path.join(src, 'mobile-main.tsx'), path.join(src, 'i18n.ts')];
  // Static imports and the phone pages loaded on demand (`lazy(() => import('./x.js'))`): their texts come up front.
  const IMPORT = /(?:(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?|import\(\s*)['"](\.[^'"]+)['"]/g;
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const base = path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '');
      const found = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((x) => base + x).find((f) => fs.existsSync(f));
      if (found) todo.push(found);
    }
  }
  return [...files];
}

/**
 * The texts the phone page names: every quoted key ('a.b.c') or key prefix (`a.b.${x}`,
 * `a.b_${x}`) in its files that is a key or a branch of the texts, with the whole branch. A
 * permission like 'points.read' names no text and brings none.
 */
export function phoneTexts(src: string, texts: Texts): Texts {
  const out: Texts = {};
  const take = (node: Texts, into: Texts, parts: string[]) => {
    const [head, ...tail] = parts;
    if (head === undefined) return;
    const keys = head in node ? [head] : tail.length ? [] : Object.keys(node).filter((k) => head && k.startsWith(head)); // a key's prefix: `a.b_${x}`
    for (const k of keys) {
      const v = node[k]!;
      if (typeof v === 'string' || (!tail.length)) into[k] = v;
      else take(v, (into[k] ??= {}) as Texts, tail);
    }
  };
  const KEY = /['"`]([a-zA-Z]\w*(?:\.[\w-]+)*)(\.?)(?=\$\{|['"`])/g;
  for (const file of phoneFiles(src)) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(KEY)) {
      const parts = m[1]!.split('.');
      if (parts.length < 2 && !m[2]) continue; // a lone word names a namespace only with a dot after it
      if (!(parts[0]! in texts)) continue;
      take(texts, out, m[2] ? parts : parts);
    }
  }
  return out;
}

/** What `full` has beyond `part`: the console's share of the texts. */
function beyond(full: Texts, part: Texts): Texts {
  const out: Texts = {};
  for (const [k, v] of Object.entries(full)) {
    const p = part[k];
    if (p === undefined) out[k] = v;
    else if (typeof v !== 'string' && typeof p !== 'string') {
      const rest = beyond(v, p);
      if (Object.keys(rest).length) out[k] = rest;
    }
  }
  return out;
}

function splitTexts(): Plugin {
  const src = path.join(webRoot, 'src');
  const read = () => JSON.parse(fs.readFileSync(path.join(src, 'locales/zh-CN.json'), 'utf8')) as Texts;
  return {
    name: 'linli-split-texts',
    resolveId: (id) => (id === TEXTS_PHONE || id === TEXTS_CONSOLE ? `\0${id}` : null),
    load(id) {
      if (id !== `\0${TEXTS_PHONE}` && id !== `\0${TEXTS_CONSOLE}`) return null;
      this.addWatchFile(path.join(src, 'locales/zh-CN.json'));
      const texts = read();
      const phone = phoneTexts(src, texts);
      const part = id === `\0${TEXTS_PHONE}` ? phone : beyond(texts, phone);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});`;
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
  plugins: [react(), splitTexts(), phonePagesInDev(), moduleGraphs(), phoneApp(), precompress()],
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
