import { AppError } from '../../platform/errors.js';
import type { OwnerVoteStatus } from './selfrun.tables.js';

/** What can happen to an owners' vote; open and close are also done by the timer. */
export type VoteAction = 'announce' | 'open' | 'close' | 'publish' | 'cancel';

/** 业主表决的状态机: from which states each action is allowed, where it leads, why it is refused. */
export const VOTE_TRANSITIONS: Record<VoteAction, { from: readonly OwnerVoteStatus[]; to: OwnerVoteStatus; refusal: string }> = {
  announce: { from: ['draft'], to: 'announced', refusal: '只有草稿状态的表决可以公告' },
  open: { from: ['announced'], to: 'open', refusal: '只有已公告的表决可以开始投票' },
  close: { from: ['open'], to: 'closed', refusal: '只有投票中的表决可以截止' },
  publish: { from: ['closed'], to: 'published', refusal: '只有已截止计票的表决可以公示结果' },
  cancel: { from: ['draft', 'announced', 'open'], to: 'cancelled', refusal: '已截止、已公示或已取消的表决不能取消' },
};

export function checkVoteStep(status: OwnerVoteStatus, action: VoteAction): OwnerVoteStatus {
  const t = VOTE_TRANSITIONS[action];
  if (!t.from.includes(status)) throw new AppError('INVALID_TRANSITION', t.refusal, { status, action });
  return t.to;
}

/** 公告期: a vote is announced at least 15 China days before it opens. */
export const NOTICE_DAYS = 15;
