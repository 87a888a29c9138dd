import { get, post } from './api.js';
import type { z } from 'zod';

/** 居民自办十步 calls; the shapes come from server/modules/selfrun/steps.schemas.ts. */
type S = typeof import('../../../server/modules/selfrun/steps.schemas.js');

export type Board = z.infer<S['Board']>;
export type BoardRow = Board['items'][number];
export type Figures = z.infer<S['Figures']>;
export type ProcessView = z.infer<S['ProcessView']>;
export type MyCommittee = z.infer<S['MyCommittee']>;
export type StepKey = z.infer<S['StepKey']>;
export type Reached = z.infer<S['Reached']>;
export type StepBody = z.input<S['StepBody']>;
export type Mode = z.infer<S['Mode']>;

/** The ten steps in order: the server's own table (selfrun-steps-lifecycle.ts), not a copy. */
export { STEP_KEYS } from '../../../server/modules/selfrun/selfrun-steps-lifecycle.js';

export const getBoard = (q: { page: number; pageSize: number; step?: Reached; name?: string; awaiting?: '1' }) => get<Board>('/selfrun/steps/board', q);
export const getFigures = () => get<Figures>('/selfrun/steps/figures');
export const getProcess = (id: number) => get<ProcessView>(`/selfrun/compounds/${id}/steps`);
export const startProcess = (id: number) => post<{ ok: true; step: Reached }>(`/selfrun/compounds/${id}/steps/start`, {});
export const completeStep = (id: number, step: StepKey, body: StepBody) => post<{ ok: true; step: Reached }>(`/selfrun/compounds/${id}/steps/${step}`, body);
export const myCommittee = () => get<MyCommittee>('/selfrun/my-committee');
export const completeCommitteeStep = (id: number, step: StepKey, body: StepBody) =>
  post<{ ok: true; step: Reached }>(`/selfrun/my-committee/${id}/steps/${step}`, body);
