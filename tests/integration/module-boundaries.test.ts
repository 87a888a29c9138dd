import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape ADR 0001 describes, checked: each module's index.ts is its only public face, the
 * platform knows no module, and no file imports itself back through others (a cycle makes load
 * order matter and hides which module owns what). Type-only imports are left out of cycles:
 * they vanish at run time.
 */
const ROOT = path.resolve(__dirname, '../../server');

interface Edge { from: string; to: string; typeOnly: boolean }

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [p] : [];
  });
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gm;

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(ROOT)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), m[3]).replace(/\.js$/, '.ts');
      if (!fs.existsSync(target)) continue; // .mjs workers and the like
      // `import { type A, type B }` is type-only too.
      const names = /\{([^}]*)\}/.exec(m[0])?.[1];
      const allTypes = !!names && names.split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
      out.push({ from: file, to: target, typeOnly: !!m[2] || allTypes });
    }
  }
  return out;
}

/** 'demands' for server/modules/demands/…; 'platform' for server/platform/…; 'root' otherwise. */
function area(file: string): string {
  const rel = path.relative(ROOT, file).split(path.sep);
  if (rel[0] === 'modules' && rel.length > 2) return rel[1];
  if (rel[0] === 'platform') return 'platform';
  return 'root';
}
const rel = (f: string) => path.relative(path.resolve(ROOT, '..'), f);

/**
 * Imports of a module's inside that are allowed, each for a reason:
 * - `server/database.ts` joins every module's table types (`*.tables.ts`, type-only) into `DB`;
 * - the org-path registry reads each module's `org-paths.ts` declarations (data only, so the org
 *   module can move places without importing every module's routes);
 * - the indicator registry reads each module's `indicators.ts` declarations (the cockpit counts
 *   them without importing every module's routes);
 * - the demo seed fills the demo city through the modules' own functions (ledger entries with
 *   their hashes, closed months) rather than SQL that would bypass their rules.
 */
function allowed(e: Edge): boolean {
  const from = path.relative(ROOT, e.from).split(path.sep).join('/');
  const to = path.basename(e.to);
  if (from === 'database.ts' && e.typeOnly && to.endsWith('.tables.ts')) return true;
  if (from === 'modules/org-path-registry.ts' && /(^|\.)org-paths\.ts$/.test(to)) return true;
  // The cockpit's catalogue reads each module's indicator declarations (`<module>.indicators.ts`).
  if (from === 'modules/indicator-registry.ts' && /\.indicators\.ts$/.test(to)) return true;
  return from.startsWith('seed/');
}

describe('module boundaries', () => {
  const all = edges();

  it('should reach another module only through its index.ts', () => {
    const bad = all.filter((e) => {
      const [a, b] = [area(e.from), area(e.to)];
      if (a === b || b === 'platform' || b === 'root' || allowed(e)) return false;
      return path.basename(e.to) !== 'index.ts' || path.dirname(e.to) !== path.join(ROOT, 'modules', b);
    });
    expect(bad.map((e) => `${rel(e.from)} → ${rel(e.to)}`)).toEqual([]);
  });

  it('should keep the platform free of any module', () => {
    const bad = all.filter((e) => area(e.from) === 'platform' && !['platform', 'root'].includes(area(e.to)) && !e.typeOnly);
    expect(bad.map((e) => `${rel(e.from)} → ${rel(e.to)}`)).toEqual([]);
  });

  it('should have no import cycle', () => {
    const graph = new Map<string, string[]>();
    for (const e of all) if (!e.typeOnly) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let index = 0;
    const idx = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
        else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do { w = stack.pop()!; on.delete(w); scc.push(rel(w)); } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });
});
