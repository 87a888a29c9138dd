import { describe, expect, it } from 'vitest';
import { assertStatedHours, checkinRefusal, checkoutRefusal, pairHours } from './volunteer-attendance.js';

const a = { starts_at: new Date('2026-11-02T09:00:00+08:00'), ends_at: new Date('2026-11-02T11:00:00+08:00'), status: 'open' };
const at = (hm: string) => new Date(`2026-11-02T${hm}:00+08:00`);

describe('volunteer check-in and check-out windows', () => {
  it('should open check-in 30 minutes before the start and close it at the end', () => {
    expect(checkinRefusal(a, at('08:29'))).toMatch(/还没到签到时间/);
    expect(checkinRefusal(a, at('08:30'))).toBeNull();
    expect(checkinRefusal(a, at('11:00'))).toBeNull();
    expect(checkinRefusal(a, at('11:01'))).toMatch(/已结束/);
    expect(checkinRefusal({ ...a, status: 'cancelled' }, at('09:00'))).toMatch(/取消/);
  });

  it('should allow check-out only after check-in and until an hour after the end', () => {
    expect(checkoutRefusal(a, null, at('10:00'))).toMatch(/先签到/);
    expect(checkoutRefusal(a, at('09:00'), at('12:00'))).toBeNull();
    expect(checkoutRefusal(a, at('09:00'), at('12:01'))).toMatch(/超过签退时间/);
  });

  it('should count a pair inside the activity, in half hours rounded down', () => {
    expect(pairHours(a, at('08:40'), at('11:30'))).toBe(2);
    expect(pairHours(a, at('09:10'), at('10:35'))).toBe(1);
    expect(pairHours(a, at('10:59'), at('11:00'))).toBe(0);
  });

  it('should refuse stated hours that are not half hours or exceed the activity', () => {
    expect(() => assertStatedHours(a, 1.5, 'h')).not.toThrow();
    expect(() => assertStatedHours(a, 1.3, 'h')).toThrow(/半小时/);
    expect(() => assertStatedHours(a, 2.5, 'h')).toThrow(/不能超过/);
  });
});
