import { describe, expect, it } from 'vitest';
import { placeKindOf, postProblem } from './staff-rules.js';

describe('staff post rules', () => {
  it('should put grid workers on a grid and every other post on a community', () => {
    expect(placeKindOf('grid_worker')).toBe('grid');
    expect(placeKindOf('community_secretary')).toBe('community');
    expect(postProblem({ post: 'grid_worker', postType: 'worker', grade: 1, placeKind: 'community' }))
      .toMatchObject({ field: 'orgId', problem: 'kind', message: '专职网格员应安排在网格一级' });
    expect(postProblem({ post: 'community_worker', postType: 'worker', grade: 1, placeKind: 'grid' })?.field).toBe('orgId');
    expect(postProblem({ post: 'grid_worker', postType: 'worker', grade: 1, placeKind: 'grid' })).toBeNull();
  });

  it('should keep graduate assistants off the 三岗十八级 scale and require it of everyone else', () => {
    expect(postProblem({ post: 'graduate_assistant', postType: null, grade: null, placeKind: 'community' })).toBeNull();
    expect(postProblem({ post: 'graduate_assistant', postType: 'worker', grade: null, placeKind: 'community' }))
      .toMatchObject({ field: 'grade', problem: 'not_on_scale' });
    expect(postProblem({ post: 'community_worker', postType: null, grade: 3, placeKind: 'community' }))
      .toMatchObject({ field: 'postType', problem: 'required' });
    expect(postProblem({ post: 'community_secretary', postType: 'leader', grade: null, placeKind: 'community' }))
      .toMatchObject({ field: 'grade', problem: 'required', message: '社区党组织书记须选择岗位（正职/副职/其他）和等级（1–18级）' });
  });
});
