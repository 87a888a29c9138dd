import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Every route in the OpenAPI document is called by some page of the web app: a rule nobody can
 * reach from a screen is not done. A route counts as called when each literal part of its path
 * (the path split at its :params, without the /api prefix the console's client adds) appears
 * somewhere under web/src — the same check as the session hook.
 *
 * Machine routes, called by machines rather than by pages, and only those:
 */
const MACHINE_ROUTES: RegExp[] = [
  /^\/api\/health(\/|$)/, // load balancers and monitoring (health, health/detail)
  /^\/api\/docs(\/|$)/, // the OpenAPI document and its viewer
  /^\/open311\/v2\//, // Open311 GeoReport v2: outside systems with an API key
];

const WEB_SRC = path.resolve(import.meta.dirname, '../../web/src');

function readTree(dir: string): string {
  let text = '';
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) text += readTree(p);
    else if (/\.(ts|tsx|js|jsx|json)$/.test(e.name)) text += fs.readFileSync(p, 'utf8') + '\n';
  }
  return text;
}

/** The literal parts of a route path that a page must mention: '/demands/meetings/:id/decisions' → ['/demands/meetings', '/decisions']. */
function literalParts(route: string): string[] {
  return route.replace(/^\/api(?=\/)/, '').split(/:[A-Za-z_]+/).map((p) => p.replace(/\/$/, '')).filter((p) => p.replace(/\//g, '') !== '');
}

describe('route coverage: every API route has a page that calls it', () => {
  let t: TestApp;
  let routes: string[];
  let web: string;

  beforeAll(async () => {
    t = await createTestApp();
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([p, byMethod]) =>
      Object.keys(byMethod).filter((m) => m !== 'parameters').map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    web = readTree(WEB_SRC);
  });
  afterAll(() => t?.close());

  it('should split a route into the parts a page must mention', () => {
    expect(literalParts('/api/demands/meetings/:id/decisions')).toEqual(['/demands/meetings', '/decisions']);
    expect(literalParts('/api/leaders/:id/links/:linkId')).toEqual(['/leaders', '/links']);
    expect(literalParts('/api/demands/:id')).toEqual(['/demands']);
  });

  it('should find every route that is not a machine route mentioned by the web app', () => {
    expect(routes.length).toBeGreaterThan(50);
    const unreached = routes.filter((r) => {
      const url = r.slice(r.indexOf(' ') + 1);
      if (MACHINE_ROUTES.some((m) => m.test(url))) return false;
      return !literalParts(url).every((part) => web.includes(part));
    });
    expect(unreached, 'routes no page calls: build the screen, or (only for a machine caller) add it to MACHINE_ROUTES with the reason').toEqual([]);
  });
});
