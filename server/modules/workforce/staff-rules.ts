import type { OrgKind, StaffTable } from '../../database.js';
import type { PostType } from './workforce.tables.js';

/**
 * The rules of a staff record's post, without I/O: where each post sits and which posts are on
 * the 三岗十八级 scale. The one-by-one form (workforce.service.ts) and the staff import
 * (org/import/validate-people.ts) both ask these, so the two cannot disagree.
 */

export type Post = StaffTable['post'];

export const POST_NAMES: Record<Post, string> = {
  grid_worker: '专职网格员', community_worker: '社区工作者', graduate_assistant: '高校毕业生助理', community_secretary: '社区党组织书记',
};

export const POST_TYPE_NAMES: Record<PostType, string> = { leader: '正职', deputy: '副职', worker: '其他工作人员' };

export const MAX_GRADE = 18;

/** Grid workers sit on a grid; every other post on a community. */
export const placeKindOf = (post: Post): 'grid' | 'community' => (post === 'grid_worker' ? 'grid' : 'community');

export interface PostProblem {
  /** What is wrong: the place, the post type or the grade. */
  field: 'orgId' | 'postType' | 'grade';
  problem: 'kind' | 'not_on_scale' | 'required';
  message: string;
}

/** The first thing wrong with a post at a place of this kind, or null. */
export function postProblem(v: { post: Post; postType: PostType | null; grade: number | null; placeKind: OrgKind }): PostProblem | null {
  const want = placeKindOf(v.post);
  if (v.placeKind !== want) {
    return { field: 'orgId', problem: 'kind', message: `${POST_NAMES[v.post]}应安排在${want === 'grid' ? '网格' : '社区'}一级` };
  }
  if (v.post === 'graduate_assistant') {
    if (v.postType !== null || v.grade !== null) {
      return { field: 'grade', problem: 'not_on_scale', message: '高校毕业生助理不在三岗十八级序列中，不填岗位和等级' };
    }
  } else if (v.postType === null || v.grade === null) {
    return {
      field: v.postType === null ? 'postType' : 'grade', problem: 'required',
      message: `${POST_NAMES[v.post]}须选择岗位（正职/副职/其他）和等级（1–${MAX_GRADE}级）`,
    };
  }
  return null;
}
