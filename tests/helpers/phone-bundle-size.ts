import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * What a phone page (/m/*) makes the browser download before it can run: the scripts mobile.html
 * names (its entry and modulepreload links) and every script those import statically, followed
 * through the built files themselves. Dynamic import() is left out: it loads later, on demand.
 * Sizes are brotli (what the server sends a browser that accepts it) and gzip, from the .br/.gz
 * copies the build writes, or compressed here when a copy is missing.
 */
export const PHONE_JS_BUDGET_BYTES = 250 * 1024;

export interface BundleFile {
  file: string;
  raw: number;
  brotli: number;
  gzip: number;
}

export interface PhoneBundle {
  files: BundleFile[];
  raw: number;
  brotli: number;
  gzip: number;
}

const HTML_SCRIPTS = /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g;
// import{a as b}from"./x.js"  import"./x.js"  export{a}from"./x.js" (minified or not); not import("…").
const STATIC_IMPORTS = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g;

export function scriptsOfHtml(html: string): string[] {
  return [...html.matchAll(HTML_SCRIPTS)].map((m) => m[1]);
}

export function staticImportsOf(code: string): string[] {
  return [...code.matchAll(STATIC_IMPORTS)].map((m) => m[1]);
}

function sizeOf(file: string): BundleFile {
  const body = fs.readFileSync(file);
  const br = fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : zlib.brotliCompressSync(body).length;
  const gz = fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : zlib.gzipSync(body, { level: 9 }).length;
  return { file, raw: body.length, brotli: br, gzip: gz };
}

/** The JS `htmlName` (default mobile.html) of the built console in `dist` loads up front. */
export function phoneBundle(dist: string, htmlName = 'mobile.html'): PhoneBundle {
  const html = fs.readFileSync(path.join(dist, htmlName), 'utf8');
  const seen = new Set<string>();
  const todo = scriptsOfHtml(html).map((src) => path.join(dist, src.replace(/^\//, '')));
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    if (!fs.existsSync(file)) throw new Error(`${path.relative(dist, file)} is named but missing from ${dist}`);
    seen.add(file);
    for (const spec of staticImportsOf(fs.readFileSync(file, 'utf8'))) {
      if (/^[a-z]+:/i.test(spec)) continue;
      todo.push(spec.startsWith('/') ? path.join(dist, spec.slice(1)) : path.resolve(path.dirname(file), spec));
    }
  }
  const files = [...seen].map(sizeOf).sort((a, b) => b.brotli - a.brotli);
  const sum = (k: 'raw' | 'brotli' | 'gzip') => files.reduce((s, f) => s + f[k], 0);
  return { files: files.map((f) => ({ ...f, file: path.relative(dist, f.file) })), raw: sum('raw'), brotli: sum('brotli'), gzip: sum('gzip') };
}

export function describeBundle(b: PhoneBundle): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return [
    ...b.files.map((f) => `${f.file.padEnd(60)} ${kb(f.raw).padStart(10)} raw ${kb(f.brotli).padStart(9)} br ${kb(f.gzip).padStart(9)} gz`),
    `${'total'.padEnd(60)} ${kb(b.raw).padStart(10)} raw ${kb(b.brotli).padStart(9)} br ${kb(b.gzip).padStart(9)} gz`,
  ].join('\n');
}
