import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { checkReportTransition, LIVE_STATUSES, REPORT_TRANSITIONS } from './dual-report-lifecycle.js';

describe('report lifecycle (双报到)', () => {
  it('should let the community confirm or decline a pending report and the reporter withdraw it', () => {
    expect(checkReportTransition('pending', 'confirm')).toBe('confirmed');
    expect(checkReportTransition('pending', 'decline', '不在本社区居住')).toBe('declined');
    expect(checkReportTransition('pending', 'withdraw')).toBe('withdrawn');
  });

  it('should refuse a decline without a reason', () => {
    expect(() => checkReportTransition('pending', 'decline', '  ')).toThrow(/说明原因/);
  });

  it('should refuse every step from a decided report, saying why', () => {
    for (const action of Object.keys(REPORT_TRANSITIONS) as (keyof typeof REPORT_TRANSITIONS)[]) {
      for (const status of ['confirmed', 'declined', 'withdrawn'] as const) {
        let err: unknown;
        try {
          checkReportTransition(status, action, '原因');
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('INVALID_TRANSITION');
      }
    }
    expect(() => checkReportTransition('confirmed', 'withdraw')).toThrow(/已确认/);
  });

  it('should hold the year only while a report waits or stands confirmed', () => {
    expect([...LIVE_STATUSES].sort()).toEqual(['confirmed', 'pending']);
  });
});
