import { get, patch, post, put } from './api.js';
import type { Paged } from './types.js';

/**
 * Calls behind the screens for rules built earlier: the 网格事项准入清单 and pushed grid tasks,
 * Open311 keys and the working-day calendar. Shapes mirror server/modules/gridtasks,
 * server/modules/open311 and server/modules/calendar.
 */

export interface TaskType {
  id: number;
  countyCode: string;
  code: string;
  name: string;
  description: string;
  sourceDepartment: string | null;
  active: boolean;
}

export type TaskStatus = 'open' | 'done';

export interface GridTask {
  id: number;
  typeCode: string;
  typeName: string;
  title: string;
  detail: string;
  gridId: number;
  gridName: string;
  fromDepartment: string | null;
  assignedBy: string;
  dueOn: string | null;
  status: TaskStatus;
  createdAt: string;
  doneAt: string | null;
  doneNote: string | null;
}

export interface RefusalStats {
  total: number;
  byCaller: { accountId: number; username: string; displayName: string; role: string; fromDepartment: string | null; count: number }[];
  byTitle: { title: string; count: number }[];
}

export const listTaskTypes = (countyId?: number) => get<{ items: TaskType[] }>('/gridtasks/types', { countyId });
export const createTaskType = (input: { countyId: number; code: string; name: string; description?: string; sourceDepartment?: string | null }) =>
  post<TaskType>('/gridtasks/types', input);
export const updateTaskType = (id: number, input: { name?: string; description?: string; sourceDepartment?: string | null; active?: boolean }) =>
  patch<TaskType>(`/gridtasks/types/${id}`, input);
export const adoptDefaultTaskTypes = (countyId: number) => post<{ added: number; items: TaskType[] }>('/gridtasks/types/adopt-defaults', { countyId });
export const pushGridTask = (input: { gridId: number; typeCode?: string; title: string; detail?: string; dueOn?: string }) =>
  post<GridTask>('/gridtasks', input);
export const listGridTasks = (query: { gridId?: number; status?: TaskStatus; page: number; pageSize: number }) =>
  get<Paged<GridTask>>('/gridtasks', { ...query });
export const completeGridTask = (id: number, note: string) => post<GridTask>(`/gridtasks/${id}/done`, { note });
export const refusalStats = (query: { from?: string; to?: string } = {}) => get<RefusalStats>('/gridtasks/refusals/stats', { ...query });

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  orgId: number;
  orgName: string;
  createdAt: string;
  revoked: boolean;
}

export const listApiKeys = () => get<{ items: ApiKey[] }>('/open311/keys');
export const issueApiKey = (input: { name: string; orgId: number }) => post<ApiKey & { key: string }>('/open311/keys', input);
export const revokeApiKey = (id: number) => post<{ ok: true }>(`/open311/keys/${id}/revoke`);

export type DayKind = 'holiday' | 'workday' | 'normal';
export interface CalendarDay {
  day: string;
  kind: DayKind;
  note: string | null;
}

export const getCalendarYear = (year: number) => get<{ year: number; days: CalendarDay[] }>('/calendar', { year });
export const setCalendarDay = (day: string, kind: DayKind, note: string | null) => put<CalendarDay>(`/calendar/days/${day}`, { kind, note });
