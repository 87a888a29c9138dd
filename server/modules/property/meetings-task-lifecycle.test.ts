import { describe, expect, it } from 'vitest';
import { checkTaskStep, isOpenTask } from './meetings-task-lifecycle.js';

describe('three-party meeting task lifecycle', () => {
  it('should let the company report and the community confirm', () => {
    expect(checkTaskStep('open', 'report', '已更换路灯')).toBe('reported');
    expect(checkTaskStep('reported', 'confirm')).toBe('done');
    expect(checkTaskStep('open', 'confirm')).toBe('done');
    expect(checkTaskStep('reported', 'send_back', '现场未修好')).toBe('open');
  });

  it('should refuse dropping without a reason and any step after closing', () => {
    expect(() => checkTaskStep('open', 'drop', '  ')).toThrow('撤销事项须填写理由');
    expect(checkTaskStep('open', 'drop', '业主已自行解决')).toBe('dropped');
    expect(() => checkTaskStep('done', 'drop', '理由')).toThrow('已办结');
    expect(() => checkTaskStep('dropped', 'confirm')).toThrow('已撤销');
    expect(() => checkTaskStep('reported', 'report', '再报')).toThrow('等待社区确认');
    expect(() => checkTaskStep('open', 'report', '')).toThrow('完成情况');
  });

  it('should carry open and reported tasks only', () => {
    expect(isOpenTask('open')).toBe(true);
    expect(isOpenTask('reported')).toBe(true);
    expect(isOpenTask('done')).toBe(false);
    expect(isOpenTask('dropped')).toBe(false);
  });
});
