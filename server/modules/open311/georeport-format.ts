/**
 * GeoReport v2 answers in XML (required by the specification) or JSON, from one value:
 * a list of records under a root element. Elements keep the specification's order.
 */
export type Field = string | number | boolean | null | undefined | Field[] | { [k: string]: Field };

/**
 * What XML 1.0 forbids in a document (§2.2 Char): C0 controls other than tab, line feed and
 * carriage return, lone surrogates, U+FFFE and U+FFFF. Stored text from other channels (an
 * import, a phone's paste) can hold them; a client's parser would reject the whole answer, so
 * they are dropped — they carry nothing a reader could see.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const xmlText = (s: string) => s.replace(NOT_XML_CHAR, '');

const escape = (s: string) =>
  xmlText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The element of one item of a list: `attributes` → `attribute`, `endpoints` → `endpoint`. */
const ITEM_NAMES: Record<string, string> = { values: 'value', attributes: 'attribute', endpoints: 'endpoint', formats: 'format' };

function element(name: string, value: Field, indent: string): string {
  if (value === null || value === undefined || value === '') return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    // Arrays of records: the element name is the container, each item's name its singular.
    const itemName = ITEM_NAMES[name] ?? 'item';
    return `${indent}<${name}>\n${value.map((v) => element(itemName, v, indent + '  ')).join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value).map(([k, v]) => element(k, v, indent + '  ')).join('\n');
    return `${indent}<${name}>\n${inner}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${escape(String(value))}</${name}>`;
}

export function toXml(root: string, item: string, records: Record<string, Field>[]): string {
  const body = records.map((r) => element(item, r, '  ')).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body ? `\n${body}\n` : ''}</${root}>\n`;
}

export function toXmlObject(root: string, record: Record<string, Field>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, record, '')}\n`;
}

/** ISO 8601 with the China Standard Time offset, as the specification asks (W3C format). */
export function isoCst(d: Date | null | undefined): string | null {
  if (!d) return null;
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${t}+08:00`;
}

/** Ray casting over a GeoJSON Polygon or MultiPolygon (outer rings minus holes). */
export function pointInGeometry(lng: number, lat: number, g: unknown): boolean {
  const geo = g as { type?: string; coordinates?: unknown };
  const polygons = geo?.type === 'Polygon' ? [geo.coordinates as number[][][]] : geo?.type === 'MultiPolygon' ? (geo.coordinates as number[][][][]) : [];
  return polygons.some((rings) => rings.length > 0 && inRing(lng, lat, rings[0]) && !rings.slice(1).some((h) => inRing(lng, lat, h)));
}

/**
 * The centre of a grid's outline (area-weighted over the outer rings), where the public view
 * puts a request instead of its own point; null when the geometry has no area.
 */
export function centroidOf(g: unknown): { lat: number; lng: number } | null {
  const geo = g as { type?: string; coordinates?: unknown };
  const polygons = geo?.type === 'Polygon' ? [geo.coordinates as number[][][]] : geo?.type === 'MultiPolygon' ? (geo.coordinates as number[][][][]) : [];
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of polygons.map((p) => p?.[0]).filter((r): r is number[][] => Array.isArray(r) && r.length >= 3)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      const cross = xj * yi - xi * yj;
      area += cross;
      cx += (xj + xi) * cross;
      cy += (yj + yi) * cross;
    }
  }
  if (!Number.isFinite(area) || Math.abs(area) < 1e-12) return null;
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  return { lng: round(cx / (3 * area)), lat: round(cy / (3 * area)) };
}

function inRing(x: number, y: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A refusal in GeoReport's terms: the status and the description of its error list. */
export class GeoReportError extends Error {
  constructor(readonly status: 400 | 403 | 404, readonly description: string) {
    super(description);
  }
}
