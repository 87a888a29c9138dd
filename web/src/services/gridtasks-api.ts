import { get, patch, post, put } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/**
 * Calls behind the screens for rules built earlier: the 网格事项准入清单 and pushed grid tasks,
 * Open311 keys and the working-day calendar. Shapes mirror server/modules/gridtasks,
 * server/modules/open311 and server/modules/calendar.
 */

type GridTasks = typeof import('../../../server/modules/gridtasks/gridtasks.schemas.js');
type Calendar = typeof import('../../../server/modules/calendar/calendar.schemas.js');

export type TaskType = z.infer<GridTasks['TaskTypeView']>;
export type TaskStatus = z.infer<GridTasks['TaskStatusSchema']>;
export type GridTask = z.infer<GridTasks['TaskView']>;
export type RefusalStats = z.infer<GridTasks['RefusalStats']>;
export type NewTaskType = z.input<GridTasks['CreateTaskTypeBody']>;
export type TaskTypeChange = z.input<GridTasks['UpdateTaskTypeBody']>;
export type NewGridTask = z.input<GridTasks['PushTaskBody']>;
export type GridTaskFilter = z.infer<GridTasks['TaskQuery']>;
export type RefusalStatsFilter = z.infer<GridTasks['RefusalStatsQuery']>;

export const listTaskTypes = (countyId?: number) => get<{ items: TaskType[] }>('/gridtasks/types', { countyId });
export const createTaskType = (input: NewTaskType) =>
  post<TaskType>('/gridtasks/types', input);
export const updateTaskType = (id: number, input: TaskTypeChange) =>
  patch<TaskType>(`/gridtasks/types/${id}`, input);
export const adoptDefaultTaskTypes = (countyId: number) => post<z.infer<GridTasks['AdoptDefaultsResult']>>('/gridtasks/types/adopt-defaults', { countyId });
export const pushGridTask = (input: NewGridTask) =>
  post<GridTask>('/gridtasks', input);
export const listGridTasks = (query: GridTaskFilter) =>
  get<Paged<GridTask>>('/gridtasks', { ...query });
export const completeGridTask = (id: number, note: string) => post<GridTask>(`/gridtasks/${id}/done`, { note });
export const refusalStats = (query: RefusalStatsFilter = {}) => get<RefusalStats>('/gridtasks/refusals/stats', { ...query });

type ApiKeys = typeof import('../../../server/modules/open311/api-keys.schemas.js');

export type ApiKey = z.infer<ApiKeys['ApiKeyView']>;

export const listApiKeys = () => get<{ items: ApiKey[] }>('/open311/keys');
export const issueApiKey = (input: z.input<ApiKeys['IssueKeyBody']>) => post<z.infer<ApiKeys['IssuedKey']>>('/open311/keys', input);
export const revokeApiKey = (id: number) => post<{ ok: true }>(`/open311/keys/${id}/revoke`);

export type DayKind = z.infer<Calendar['DayKind']>;
export type CalendarDay = z.infer<Calendar['CalendarDayView']>;

export const getCalendarYear = (year: number) => get<z.infer<Calendar['CalendarYear']>>('/calendar', { year });
export const setCalendarDay = (day: string, kind: DayKind, note: string | null) => put<CalendarDay>(`/calendar/days/${day}`, { kind, note });
