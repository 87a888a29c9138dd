import { get, post } from './api.js';
import type { z } from 'zod';

/** 公共账户、收支公开、服务评定 calls; the shapes come from server/modules/selfrun/ledger.schemas.ts. */
type S = typeof import('../../../server/modules/selfrun/ledger.schemas.js');

export type Ledger = z.infer<S['Ledger']>;
export type Entry = Ledger['items'][number];
export type Category = z.infer<S['Category']>;
export type Statement = z.infer<S['Statement']>;
export type Statements = z.infer<S['Statements']>;
export type MyAccount = z.infer<S['MyAccount']>;
export type Figures = z.infer<S['Figures']>;
export type AccountList = z.infer<S['AccountList']>;
export type EntryBody = z.input<S['EntryBody']>;
export type As = 'staff' | 'committee';

export const INCOME: readonly Category[] = ['parking', 'parcel_locker', 'advert', 'property_fee', 'crowdfunding', 'other_income'];
export const EXPENSE: readonly Category[] = ['wages', 'repair', 'material', 'other_expense'];

const base = (as: As, id: number) => (as === 'staff' ? `/selfrun/compounds/${id}` : `/selfrun/my-account/${id}`);
export const listCompounds = (q: { page: number; pageSize: number }) => get<AccountList>('/selfrun/account/compounds', q);
export const getFigures = (year?: number) => get<Figures>('/selfrun/account/figures', year ? { year } : {});
export const getLedger = (as: As, id: number, q: { page: number; pageSize: number; month?: string; kind?: string; category?: string }) =>
  get<Ledger>(`${base(as, id)}/ledger`, q);
export const record = (as: As, id: number, body: EntryBody) => post<{ ok: true; id: number }>(`${base(as, id)}/ledger`, body);
export const reverse = (as: As, id: number, entryId: number, reason: string) => post<{ ok: true; id: number }>(`${base(as, id)}/ledger/${entryId}/reverse`, { reason });
export const getStatements = (as: As, id: number) => get<Statements>(`${base(as, id)}/statements`);
export const closeMonth = (as: As, id: number, month: string) => post<{ ok: true; id: number }>(`${base(as, id)}/statements`, { month });
export const exportUrl = (as: As, id: number, month?: string) => `/api${base(as, id)}/ledger/export${month ? `?month=${month}` : ''}`;
export const myAccount = () => get<MyAccount>('/selfrun/my-compound-account');
export const rate = (id: number, score: number) => post<{ ok: true; id: number }>(`/selfrun/my-compound-account/${id}/review`, { score });
export const publicStatements = (id: number) => get<Statements>(`/public/compounds/${id}/statements`);

/** 分 → "1,234.50" (yuan with two decimals). */
export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
