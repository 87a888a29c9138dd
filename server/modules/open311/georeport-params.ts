import { GeoReportError } from './georeport-format.js';

/**
 * GeoReport v2 parameters as the specification's tables define them, read the same way from a
 * query string, a url-encoded form, a multipart form or JSON. An empty parameter counts as absent
 * (`lat=&long=` is no location, not 0,0): clients send every field of their form.
 */
export type Params = Record<string, string>;

/** Strings (trimmed, empty ones dropped) from a parsed body or query; JSON numbers become strings. */
export function paramsOf(raw: unknown): Params {
  const out: Params = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k === 'attribute' && v && typeof v === 'object' && !Array.isArray(v)) {
      // JSON clients may send attributes as an object: {"attribute": {"utility": "water"}}.
      for (const [ak, av] of Object.entries(v as Record<string, unknown>)) put(out, `attribute[${ak}]`, av);
    } else put(out, k, v);
  }
  return out;
}

function put(out: Params, k: string, v: unknown) {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  if (s !== '') out[k] = s;
}

export const DAY_MS = 86_400_000;
/** The longest window a request list may span (start_date/end_date). */
export const MAX_SPAN_DAYS = 90;
/** The longest description a request may carry. */
export const MAX_DESCRIPTION = 4000;

const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * A W3C datetime with a time and an offset (`2010-01-01T00:00:00Z`, `2026-11-30T08:00:00+08:00`),
 * checked field by field: JavaScript would take `2026-02-31` as 3 March and years the database
 * cannot store.
 */
export function parseW3cDatetime(v: string, name: string): Date {
  const bad = () => new GeoReportError(400, `${name} must be a W3C datetime with an offset, e.g. 2010-01-01T00:00:00Z (${name} 应为带时区的 W3C 时间)`);
  const m = W3C.exec(v);
  if (!m) throw bad();
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59
    || Number(m[10] ?? 0) > 14 || Number(m[11] ?? 0) > 59) throw bad();
  const ms = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000);
}

/**
 * The window of a request list: both dates given, at most 90 days apart; one given, the 90 days
 * after the start or before the end; none, the last 90 days. `end_date` includes a request whose
 * requested_datetime (shown to the second) equals it: the window ends at the last millisecond of
 * that second.
 */
export function requestWindow(startRaw: string | undefined, endRaw: string | undefined, now: Date): { start: Date; end: Date } {
  const start = startRaw === undefined ? undefined : parseW3cDatetime(startRaw, 'start_date');
  const endGiven = endRaw === undefined ? undefined : parseW3cDatetime(endRaw, 'end_date');
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (start && endGiven) {
    if (endGiven.getTime() < start.getTime()) throw new GeoReportError(400, 'end_date must not be before start_date (结束时间早于开始时间)');
    if (endGiven.getTime() - start.getTime() > span) throw new GeoReportError(400, `start_date and end_date may not span more than ${MAX_SPAN_DAYS} days (时间跨度不能超过${MAX_SPAN_DAYS}天)`);
  }
  const end = endGiven ?? (start ? new Date(start.getTime() + span) : now);
  const inclusiveEnd = new Date(Math.floor(end.getTime() / 1000) * 1000 + 999);
  return { start: start ?? new Date(end.getTime() - span), end: inclusiveEnd };
}

/** `service_request_id=1,2,3`: ids the database can hold; others match nothing. */
export function requestIds(v: string): number[] {
  return v.split(',').map((s) => s.trim()).filter((s) => /^\d{1,10}$/.test(s)).map(Number).filter(isRequestId);
}

/** A demand id the database can hold (a positive 32-bit integer); anything else matches nothing. */
export const isRequestId = (n: number) => Number.isInteger(n) && n > 0 && n <= 2_147_483_647;

/** `status=open`, `closed` or both: true = closed only, false = open only, undefined = both. */
export function statusFilter(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const wanted = new Set(v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  if (![...wanted].every((s) => s === 'open' || s === 'closed')) throw new GeoReportError(400, 'status must be open, closed or open,closed (状态只能是 open 或 closed)');
  return wanted.size === 1 ? wanted.has('closed') : undefined;
}

export interface PostedLocation {
  lat?: number;
  lng?: number;
  addressString?: string;
  addressId?: number;
}

/**
 * The location of a posted request, in any of the specification's three forms: lat and long
 * together, address_string, or address_id (a Linli place id: community, grid, building or unit,
 * as `address_id` in this server's request answers). One of them is required.
 */
export function postedLocation(p: Params): PostedLocation {
  const loc: PostedLocation = {};
  if ((p.lat === undefined) !== (p.long === undefined)) throw new GeoReportError(400, 'lat and long must be given together (经纬度须同时提供)');
  if (p.lat !== undefined && p.long !== undefined) {
    const lat = Number(p.lat);
    const lng = Number(p.long);
    if (!/^[-+]?\d+(\.\d+)?$/.test(p.lat) || !Number.isFinite(lat) || Math.abs(lat) > 90) throw new GeoReportError(400, 'lat must be a decimal number between -90 and 90 (纬度有误)');
    if (!/^[-+]?\d+(\.\d+)?$/.test(p.long) || !Number.isFinite(lng) || Math.abs(lng) > 180) throw new GeoReportError(400, 'long must be a decimal number between -180 and 180 (经度有误)');
    Object.assign(loc, { lat, lng });
  }
  if (p.address_string !== undefined) {
    if (p.address_string.length > 200) throw new GeoReportError(400, 'address_string may not be longer than 200 characters (地址过长)');
    loc.addressString = p.address_string;
  }
  if (p.address_id !== undefined) {
    const id = /^\d{1,10}$/.test(p.address_id) ? Number(p.address_id) : NaN;
    if (!isRequestId(id)) throw new GeoReportError(400, `address_id ${p.address_id} is not an address id of this server: use the address_id of a request, or lat/long or address_string (地址编号有误)`);
    loc.addressId = id;
  }
  if (loc.lat === undefined && !loc.addressString && loc.addressId === undefined) {
    throw new GeoReportError(400, 'a location is required: lat and long, address_string or address_id (请提供位置)');
  }
  return loc;
}

/** `description` is optional; when given, at most 4,000 characters. */
export function postedDescription(p: Params): string | undefined {
  const d = p.description;
  if (d !== undefined && [...d].length > MAX_DESCRIPTION) {
    throw new GeoReportError(400, `description may not be longer than ${MAX_DESCRIPTION} characters (描述不能超过${MAX_DESCRIPTION}字)`);
  }
  return d;
}

/** `attribute[code]=value` pairs of a posted request. */
export function postedAttributes(p: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    const m = /^attribute\[(.+)\]$/.exec(k);
    if (m) out[m[1]] = v;
  }
  return out;
}
