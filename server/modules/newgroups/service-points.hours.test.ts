import { describe, expect, it } from 'vitest';
import { overlaps, toRows } from './service-points.hours.js';

describe('service point hours', () => {
  it('should keep a daytime span and split an overnight one at midnight onto the next weekday', () => {
    expect(toRows([{ weekday: 1, open: '08:00', close: '20:00' }])).toEqual([{ weekday: 1, open_min: 480, close_min: 1200 }]);
    expect(toRows([{ weekday: 7, open: '22:00', close: '06:00' }])).toEqual([
      { weekday: 7, open_min: 1320, close_min: 1440 }, { weekday: 1, open_min: 0, close_min: 360 },
    ]);
    expect(toRows([{ weekday: 3, open: '00:00', close: '24:00' }])).toEqual([{ weekday: 3, open_min: 0, close_min: 1440 }]);
    expect(toRows([{ weekday: 3, open: '09:00', close: '09:00' }])).toBeNull();
  });
  it('should find overlapping spans of one weekday', () => {
    expect(overlaps([{ weekday: 1, open_min: 0, close_min: 600 }, { weekday: 1, open_min: 500, close_min: 700 }])).toBe(true);
    expect(overlaps([{ weekday: 1, open_min: 0, close_min: 600 }, { weekday: 2, open_min: 500, close_min: 700 }])).toBe(false);
  });
});
