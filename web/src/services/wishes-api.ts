import type { z } from 'zod';
import { get, post, uploadFile } from './api.js';
import type { Paged } from './types.js';

/** 微心愿 calls; the shapes come from server/modules/wishes/wishes.schemas.ts. */
type Wishes = typeof import('../../../server/modules/wishes/wishes.schemas.js');

export type WishState = z.infer<Wishes['WishStateSchema']>;
export type WishPersonKind = z.infer<Wishes['WishPersonKind']>;
export type WishClaimState = z.infer<Wishes['WishClaimStateSchema']>;
export type Wish = z.infer<Wishes['WishView']>;
export type WallWish = z.infer<Wishes['WallWish']>;
export type MyClaim = z.infer<Wishes['MyClaim']>;
export type WishCounts = z.infer<Wishes['WishCounts']>;
export type NewWish = z.input<Wishes['PostWishBody']>;
export type PublicWall = z.infer<Wishes['PublicWall']>;

export const WISH_STATES: readonly WishState[] = ['open', 'claimed', 'fulfilled', 'confirmed', 'withdrawn'];
export const WISH_PERSON_KINDS: readonly WishPersonKind[] = ['elderly_alone', 'child_in_need', 'disabled', 'other'];
export const MAX_BUDGET_YUAN = 500;

export const listWishes = (query: { communityId?: number; state?: WishState; personKind?: WishPersonKind; q?: string; page: number; pageSize: number }) =>
  get<Paged<Wish>>('/wishes', query);
export const wishCounts = (communityId?: number) => get<WishCounts>('/wishes/counts', { communityId });
export const getWish = (id: number) => get<Wish>(`/wishes/${id}`);
export const postWish = (input: NewWish) => post<{ wish: Wish; replayed: boolean }>('/wishes', input);
export const confirmWish = (id: number) => post<Wish>(`/wishes/${id}/confirm`);
export const withdrawWish = (id: number, reason: string) => post<Wish>(`/wishes/${id}/withdraw`, { reason });

export const wishWall = (page = 1, pageSize = 50) => get<Paged<WallWish>>('/wishes/wall', { page, pageSize });
export const myClaims = (page = 1, pageSize = 50) => get<Paged<MyClaim>>('/wishes/mine', { page, pageSize });
export const claimWish = (id: number) => post<MyClaim>(`/wishes/${id}/claim`);
export const releaseWish = (id: number, reason: string) => post<{ ok: true }>(`/wishes/${id}/release`, { reason });
export const wishesForMe = () => get<{ items: Wish[] }>('/wishes/for-me');
export const confirmReceived = (id: number) => post<Wish>(`/wishes/${id}/confirm-received`);

/** Uploads the photos, then reports the wish done with them. */
export async function fulfilWish(id: number, note: string, photos: Blob[]) {
  const photoIds: number[] = [];
  for (const p of photos) photoIds.push((await uploadFile(p)).id);
  return post<MyClaim>(`/wishes/${id}/fulfil`, { note, photoIds });
}

export const publicWall = (communityId: number, page = 1) => get<PublicWall>(`/public/wishes/${communityId}`, { page, pageSize: 50 });
