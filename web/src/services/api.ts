import i18n from '../i18n.js';
import type {
  Account, ActionInput, AssignableHandler, AuditEntry, Demand, DemandCategory, DemandDetail, DemandFilter, DemandRates, Department, DispatchAction,
  NewDemand, Notification, AuditFilter, GridFeatureCollection, Household, ImportAccountSheet, ImportJob, ImportStarted, Merchant, ImportKind, NewResident, OrgEvent,
  OrgKind, OrgSearchHit, OrgUnit, OrgUnitDetail, Paged, PartyMember, PartyOrg, PiiField, ReportPlaces, Resident, RevealReasonInput, Session, UploadedFile,
} from './types.js';

/**
 * The one place the console talks to the server. Every call sends the session cookie, every
 * write carries the CSRF token the server handed out at login (or /me), and every failure
 * becomes an ApiError whose message is the server's own Chinese sentence for the user.
 */

export interface FieldProblem {
  field: string;
  problem: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems (`body.idNumber` → `idNumber`), when the server named them. */
  get fields(): FieldProblem[] {
    const raw = this.details.fields;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((f): f is FieldProblem => typeof f?.field === 'string' && typeof f?.problem === 'string')
      .map((f) => ({ field: f.field.replace(/^(body|query|querystring|params)\./, ''), problem: f.problem }));
  }
}

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

/** Called when the server answers 401 to a signed-in call: the session expired elsewhere. */
export function setSessionLostHandler(fn: (() => void) | null) {
  onSessionLost = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  query?: Query;
  json?: unknown;
  form?: FormData;
  /** Auth calls handle 401 themselves (wrong password, not signed in yet). */
  quietUnauthenticated?: boolean;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form;
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('error.network'));
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const e = (data ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    const message = typeof e.message === 'string' && e.message ? e.message : i18n.t('error.http', { status: res.status });
    const err = new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : `HTTP_${res.status}`,
      message,
      e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {},
    );
    if (res.status === 401 && !opts.quietUnauthenticated) onSessionLost?.();
    throw err;
  }
  return data as T;
}

// Exported for sibling service modules (points-api.ts); pages still call only services.
export const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
export const post = <T>(path: string, json?: unknown) => request<T>('POST', path, { json: json ?? {} });
export const patch = <T>(path: string, json: unknown) => request<T>('PATCH', path, { json });
export const put = <T>(path: string, json: unknown) => request<T>('PUT', path, { json });

// ---- auth -------------------------------------------------------------------------------

export async function login(username: string, password: string): Promise<Session> {
  const s = await request<Session>('POST', '/auth/login', { json: { username, password }, quietUnauthenticated: true });
  csrfToken = s.csrfToken;
  return s;
}

/** A resident signs in with phone and SMS code (services/phone-login-api.ts asks for the code). */
export async function phoneLogin(phone: string, code: string): Promise<Session> {
  const s = await request<Session>('POST', '/auth/phone/login', { json: { phone, code }, quietUnauthenticated: true });
  csrfToken = s.csrfToken;
  return s;
}

/** The signed-in account, or null when there is no session. */
export async function fetchMe(): Promise<Session | null> {
  try {
    const s = await request<Session>('GET', '/auth/me', { quietUnauthenticated: true });
    csrfToken = s.csrfToken;
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function logout(): Promise<void> {
  try {
    await request('POST', '/auth/logout', { json: {}, quietUnauthenticated: true });
  } finally {
    csrfToken = null;
  }
}

export const changePassword = (oldPassword: string, newPassword: string) =>
  post<{ ok: true }>('/auth/password', { oldPassword, newPassword });

// ---- org tree ---------------------------------------------------------------------------

export const getOrgUnit = (id: number) => get<OrgUnitDetail>(`/org/units/${id}`);

export const listOrgChildren = (id: number, page = 1, pageSize = 200) =>
  get<Paged<OrgUnit>>(`/org/units/${id}/children`, { page, pageSize });

export const searchOrgUnits = (q: string, kind?: OrgKind, limit = 20) =>
  get<{ items: OrgSearchHit[] }>('/org/search', { q, kind, limit });

export const getGridMap = (id: number) => get<GridFeatureCollection>(`/org/units/${id}/map`);

export const getOrgHistory = (id: number) => get<{ items: OrgEvent[] }>(`/org/units/${id}/history`);

export const createOrgUnit = (input: { parentId: number; kind: OrgKind; code: string; name: string; gridType?: string }) =>
  post<OrgUnit>('/org/units', input);

export const renameOrgUnit = (id: number, name: string) => patch<OrgUnit>(`/org/units/${id}`, { name });

export const moveOrgUnit = (id: number, newParentId: number) => post<OrgUnit>(`/org/units/${id}/move`, { newParentId });

export const mergeOrgUnit = (id: number, intoId: number) => post<OrgUnit>(`/org/units/${id}/merge`, { intoId });

export const splitOrgUnit = (id: number, input: { name: string; code: string; childIds: number[] }) =>
  post<OrgUnit>(`/org/units/${id}/split`, input);

// ---- import -----------------------------------------------------------------------------

export const importTemplateUrl = (kind: ImportKind, format: 'xlsx' | 'csv') => `/api/org/import/templates/${kind}.${format}`;
/** The rows of a failed import with an added 错误 column (.xlsx). */
export const importErrorReportUrl = (jobId: string | number) => `/api/org/import/jobs/${jobId}/error-report`;

export function startImport(kind: ImportKind, file: File): Promise<ImportStarted> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request('POST', `/org/import/${kind}`, { form });
}

// ---- files ------------------------------------------------------------------------------

/** Uploads one image (JPEG/PNG/WebP, ≤ 5 MB); the same bytes sent again return the same file. */
export function uploadFile(file: Blob, name = 'photo.jpg'): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file, name);
  return request('POST', '/files', { form });
}

export const getImportJob = (jobId: string | number) => get<ImportJob>(`/org/import/jobs/${jobId}`);
/** Takes the accounts a staff import opened, with their temporary passwords: the server erases them as it answers. */
export const takeImportAccounts = (jobId: string | number) =>
  post<ImportAccountSheet>(`/org/import/jobs/${jobId}/accounts`);
/** The same job as an event stream (EventSource): `progress` events, then one `end`. */
export const importJobStreamUrl = (jobId: string | number) => `/api/org/import/jobs/${jobId}`;

// ---- people -----------------------------------------------------------------------------

export const listMerchants = (query: { orgId?: number; q?: string; page: number; pageSize: number }) =>
  get<Paged<Merchant>>('/people/merchants', query);
export const listHouseholds = (query: { orgId?: number; q?: string; page: number; pageSize: number }) =>
  get<Paged<Household>>('/people/households', query);

export const listResidents = (query: { orgId?: number; householdId?: number; q?: string; page: number; pageSize: number }) =>
  get<Paged<Resident> & { totalExact: boolean }>('/people/residents', query);

export const createResident = (input: NewResident) => post<Resident>('/people/residents', input);

export const revealResidentField = (id: number, field: PiiField, reason: RevealReasonInput) =>
  post<{ value: string }>(`/people/residents/${id}/reveal`, { field, ...reason });

// ---- party ------------------------------------------------------------------------------

export const listPartyOrgs = (orgId?: number) => get<{ items: PartyOrg[] }>('/party/orgs', { orgId });

export const listPartyOrgChildren = (id: number) => get<{ items: PartyOrg[] }>(`/party/orgs/${id}/children`);

export const listPartyMembers = (query: { partyOrgId: number; page: number; pageSize: number }) =>
  get<Paged<PartyMember>>('/party/members', query);

// ---- audit ------------------------------------------------------------------------------

export const listAudit = (query: AuditFilter & { page: number; pageSize: number }) => get<Paged<AuditEntry>>('/audit', { ...query });

// ---- demands ----------------------------------------------------------------------------

export const listDemandCategories = () => get<{ items: DemandCategory[] }>('/demands/categories');

/** The caller's community with its compounds and buildings: where a report may be placed. */
export const reportPlaces = () => get<ReportPlaces>('/demands/places');

export const listDemands = (query: DemandFilter & { page: number; pageSize: number }) => get<Paged<Demand>>('/demands', { ...query });

export const getDemand = (id: number) => get<DemandDetail>(`/demands/${id}`);

export const revealReporterPhone = (id: number, reason: RevealReasonInput) =>
  post<{ value: string }>(`/demands/${id}/reveal-phone`, reason);

/**
 * 409 with `details.reason === 'LIKELY_DUPLICATE'` carries `details.duplicates`; a replayed
 * clientId answers `replayed: true` with the demand stored the first time.
 */
export const createDemand = (input: NewDemand) => post<{ demand: DemandDetail; replayed: boolean }>('/demands', input);

export const demandAction = (id: number, action: string, input: ActionInput = {}) =>
  post<DemandDetail>(`/demands/${id}/actions/${action}`, input);

export const meToo = (id: number) => post<{ ok: true }>(`/demands/${id}/me-too`);

export const rewhistle = (id: number, departmentIds: number[], note: string, releaseDispatchIds?: number[]) =>
  post<DemandDetail>(`/demands/${id}/rewhistle`, { departmentIds, note, releaseDispatchIds: releaseDispatchIds?.length ? releaseDispatchIds : undefined });

export const dispatchAction = (dispatchId: number, action: DispatchAction, note?: string, attachments?: number[], days?: number) =>
  post<DemandDetail>(`/demands/dispatches/${dispatchId}/${action}`, { note, attachments: attachments?.length ? attachments : undefined, days });

/** Whom community staff may assign this demand to (the server's own assign rule). */
export const listAssignableHandlers = (demandId: number) => get<{ items: AssignableHandler[] }>(`/demands/${demandId}/handlers`);

export const getDemandRates = (query: { orgId?: number; from?: string; to?: string }) => get<DemandRates>('/demands/rates', query);

export const listDepartments = () => get<{ items: Department[] }>('/departments');

export const listAccounts = (page = 1, pageSize = 200) => get<Paged<Account>>('/accounts', { page, pageSize });

export const listNotifications = (page = 1, pageSize = 20) => get<Paged<Notification>>('/notifications', { page, pageSize });

export const markNotificationRead = (id: number) => post<{ ok: true }>(`/notifications/${id}/read`);

/** The duplicate candidates of a LIKELY_DUPLICATE refusal, or null for any other failure. */
export function likelyDuplicates(err: unknown): Demand[] | null {
  if (!(err instanceof ApiError) || err.status !== 409 || err.details.reason !== 'LIKELY_DUPLICATE') return null;
  return Array.isArray(err.details.duplicates) ? (err.details.duplicates as Demand[]) : [];
}
