import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';
import { MAX_BUDGET_YUAN } from './wish-lifecycle.js';

export const WISH_PERSON_KINDS = ['elderly_alone', 'child_in_need', 'disabled', 'other'] as const;
export const WishPersonKind = z.enum(WISH_PERSON_KINDS);
export const WishStateSchema = z.enum(['open', 'claimed', 'fulfilled', 'confirmed', 'withdrawn']);
export const WishClaimStateSchema = z.enum(['active', 'fulfilled', 'confirmed', 'released', 'lapsed', 'withdrawn']);

export const PostWishBody = z.object({
  residentId: z.number().int().positive(),
  personKind: WishPersonKind,
  title: z.string().trim().min(2, '请填写心愿内容').max(40, '心愿标题不超过40字'),
  description: z.string().trim().max(500, '说明不超过500字').default(''),
  budgetYuan: z.number().int('预算请填写整数元').min(1, '请填写预算').max(MAX_BUDGET_YUAN, `预算不能超过${MAX_BUDGET_YUAN}元`),
  fulfilBy: Day,
  /** A phone's own id for the post, so a replayed post lands once. */
  clientId: z.string().trim().min(8).max(64).optional(),
});
export type PostWishInput = z.infer<typeof PostWishBody>;

export const WishListQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().optional(),
  state: WishStateSchema.optional(),
  personKind: WishPersonKind.optional(),
  q: z.string().trim().max(40).optional(),
});

export const WishClaimView = z.object({
  claimerName: z.string(),
  claimerKind: z.enum(['party_member', 'volunteer']),
  state: WishClaimStateSchema,
  claimedAt: z.string(),
  dueAt: z.string(),
  fulfilledAt: z.string().nullable(),
  fulfilNote: z.string().nullable(),
  photoIds: z.array(z.number()),
});

/** A wish as the community's staff see it (they may read the register). */
export const WishView = z.object({
  id: z.number(),
  communityId: z.number(),
  communityName: z.string(),
  residentId: z.number(),
  residentName: z.string(),
  personKind: WishPersonKind,
  personMask: z.string(),
  placeLabel: z.string(),
  title: z.string(),
  description: z.string(),
  budgetYuan: z.number(),
  fulfilBy: z.string(),
  state: WishStateSchema,
  postedAt: z.string(),
  postedByName: z.string(),
  confirmedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  claim: WishClaimView.nullable(),
});
export type WishViewT = z.infer<typeof WishView>;

/** A wish on the wall: the person masked, the place no finer than the building. */
export const WallWish = z.object({
  id: z.number(),
  communityId: z.number(),
  communityName: z.string(),
  personKind: WishPersonKind,
  personMask: z.string(),
  placeLabel: z.string(),
  title: z.string(),
  description: z.string(),
  budgetYuan: z.number(),
  fulfilBy: z.string(),
  state: WishStateSchema,
});
export type WallWishT = z.infer<typeof WallWish>;

export const WallQuery = PageQuery.extend({ communityId: z.coerce.number().int().positive().optional() });

/** One of my claims, with the wish as the wall shows it. */
export const MyClaim = WallWish.extend({
  claimState: WishClaimStateSchema,
  claimedAt: z.string(),
  dueAt: z.string(),
  fulfilledAt: z.string().nullable(),
  fulfilNote: z.string().nullable(),
  photoIds: z.array(z.number()),
});

export const ClaimBody = z.object({}).optional();

export const FulfilBody = z.object({
  note: z.string().trim().min(2, '请填写完成情况说明').max(500),
  photoIds: z.array(z.number().int().positive()).min(1, '请上传至少一张完成照片').max(6),
});

export const ReasonBody = z.object({ reason: z.string().trim().min(2, '请填写原因').max(200) });

export const WishCounts = z.object({
  items: z.array(z.object({
    communityId: z.number(),
    communityName: z.string(),
    open: z.number(),
    claimed: z.number(),
    fulfilled: z.number(),
    confirmed: z.number(),
    withdrawn: z.number(),
  })),
});

export const PublicWallParams = z.object({ communityId: z.coerce.number().int().positive() });
export const PublicWall = z.object({
  communityName: z.string(),
  /** Wishes confirmed this year (China time). */
  confirmedThisYear: z.number(),
  items: z.array(WallWish),
  total: z.number(),
});
