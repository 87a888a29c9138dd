import { get, put } from './api.js';
import type { z } from 'zod';

/** 驾驶舱 calls; the shapes come from server/modules/stats/cockpit.schemas.ts. */
type S = typeof import('../../../server/modules/stats/cockpit.schemas.js');

export type Catalogue = z.infer<S['Catalogue']>;
export type IndicatorMeta = Catalogue['items'][number];
export type Cockpit = z.infer<S['Cockpit']>;
export type CockpitFigure = Cockpit['figures'][number];
export type Trend = z.infer<S['Trend']>;

export const getCatalogue = () => get<Catalogue>('/stats/indicators');
export const getCockpit = (orgId: number, month?: string) => get<Cockpit>('/stats/cockpit', month ? { orgId, month } : { orgId });
export const getTrend = (orgId: number, key: string, months = 12) => get<Trend>('/stats/trend', { orgId, key, months });
export type Outlines = z.infer<S['Outlines']>;
/** The children's outlines for the cockpit map: own, or made of their grids'; null for none (无边界). */
export const getOutlines = (orgId: number) => get<Outlines>('/stats/outlines', { orgId });
export type Report = z.infer<S['Report']>;
export const getReport = (orgId: number, month?: string) => get<Report>('/stats/report', month ? { orgId, month } : { orgId });
export const reportExportUrl = (orgId: number, month: string) => `/api/stats/report/export?orgId=${orgId}&month=${month}`;
export type OpenDataChoice = z.infer<S['OpenDataChoice']>;
export type OpenDataCounties = z.infer<S['OpenDataCounties']>;
export type PublicFigures = z.infer<S['PublicFigures']>;
export const getOpenData = (countyId: number) => get<OpenDataChoice>('/stats/open-data', { countyId });
export const setOpenData = (countyId: number, indicators: string[], datasets?: string[]) =>
  put<{ ok: true; added: number; withdrawn: number }>('/stats/open-data', { countyId, indicators, datasets });
export type PortalCounties = z.infer<S['PortalCounties']>;
export const publicCounties = () => get<PortalCounties>('/public/counties');
export const publicOpenData = () => get<OpenDataCounties>('/public/open-data');
export const publicFigures = () => get<PublicFigures>('/public/figures');
/** A county's open-data files (no sign-in): the same stable addresses the server lists. */
export const openDataFiles = (code: string) => ({
  csv: `/api/public/open-data/${code}/indicators.csv`,
  json: `/api/public/open-data/${code}/indicators.json`,
  dictionary: `/api/public/open-data/${code}/dictionary.json`,
});
/** A published dataset's files: the server lists them too; here for a link built before it answers. */
export const datasetFiles = (code: string, name: string) => ({
  csv: `/api/public/open-data/${code}/datasets/${name}.csv`,
  json: `/api/public/open-data/${code}/datasets/${name}.json`,
});
