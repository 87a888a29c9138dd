import { describe, expect, it } from 'vitest';
import { GeoReportError } from './georeport-format.js';
import { paramsOf, parseW3cDatetime, postedDescription, postedLocation, requestIds, requestWindow, statusFilter } from './georeport-params.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof GeoReportError) return e.description;
    throw e;
  }
  throw new Error('not refused');
};

describe('GeoReport parameters', () => {
  it('should count empty parameters as absent and read JSON numbers and attribute objects', () => {
    expect(paramsOf({ lat: '', long: ' ', description: ' x ', n: 3, attribute: { utility: 'water' }, list: ['a'] }))
      .toEqual({ description: 'x', n: '3', 'attribute[utility]': 'water' });
    expect(paramsOf('text')).toEqual({});
    expect(paramsOf(null)).toEqual({});
  });

  it('should read W3C datetimes with an offset only, checking every field', () => {
    expect(parseW3cDatetime('2026-11-30T08:00:00+08:00', 'd').toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(parseW3cDatetime('2026-11-30T00:00Z', 'd').toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(parseW3cDatetime('2026-11-29T19:00:00.250-05:00', 'd').toISOString()).toBe('2026-11-30T00:00:00.250Z');
    for (const bad of ['2026-11-30', '2026-11-30T00:00:00', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-11-30T24:00:00Z',
      '2026-11-30T00:60:00Z', '99999-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2026-11-30T00:00:00+15:00', '2026-11-30T00:00:00+0800']) {
      expect(refusal(() => parseW3cDatetime(bad, 'start_date')), bad).toContain('start_date must be a W3C datetime');
    }
    expect(parseW3cDatetime('2028-02-29T00:00:00Z', 'd').getUTCDate()).toBe(29);
  });

  it('should make the window inclusive of end_date’s second and at most 90 days long', () => {
    const now = new Date('2026-11-30T12:00:00.500Z');
    const w = requestWindow('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', now);
    expect([w.start.toISOString(), w.end.toISOString()]).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.999Z']);
    expect(requestWindow('2026-08-01T00:00:00Z', undefined, now).end.toISOString()).toBe('2026-10-30T00:00:00.999Z');
    expect(requestWindow(undefined, '2026-11-01T00:00:00Z', now).start.toISOString()).toBe('2026-08-03T00:00:00.000Z');
    expect(requestWindow(undefined, undefined, now).end.toISOString()).toBe('2026-11-30T12:00:00.999Z');
    expect(requestWindow('2026-08-02T00:00:00Z', '2026-10-31T00:00:00Z', now).end.toISOString()).toBe('2026-10-31T00:00:00.999Z');
    expect(refusal(() => requestWindow('2026-08-01T00:00:00Z', '2026-10-30T00:00:01Z', now))).toContain('may not span more than 90 days');
    expect(refusal(() => requestWindow('2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', now))).toContain('end_date must not be before start_date');
  });

  it('should keep ids the database can hold and read status', () => {
    expect(requestIds('1, 2,2147483647,2147483648,99999999999,-3,1.5,x,0')).toEqual([1, 2, 2147483647]);
    expect(statusFilter('open')).toBe(false);
    expect(statusFilter('CLOSED')).toBe(true);
    expect(statusFilter('open,closed')).toBeUndefined();
    expect(statusFilter(undefined)).toBeUndefined();
    expect(refusal(() => statusFilter('pending'))).toContain('status must be open, closed');
  });

  it('should take a location in any of the three forms, lat and long together', () => {
    expect(postedLocation({ lat: '37.5', long: '111.1' })).toEqual({ lat: 37.5, lng: 111.1 });
    expect(postedLocation({ address_string: '龙凤社区' })).toEqual({ addressString: '龙凤社区' });
    expect(postedLocation({ address_id: '42' })).toEqual({ addressId: 42 });
    expect(refusal(() => postedLocation({}))).toContain('a location is required');
    expect(refusal(() => postedLocation({ lat: '37.5', address_string: 'x' }))).toContain('lat and long must be given together');
    expect(refusal(() => postedLocation({ lat: '1e400', long: '1' }))).toContain('lat must be a decimal number');
    expect(refusal(() => postedLocation({ lat: '1', long: '181' }))).toContain('long must be a decimal number');
    expect(refusal(() => postedLocation({ address_id: '2147483648' }))).toContain('address_id 2147483648 is not an address id');
  });

  it('should take description as optional, at most 4000 characters (counted as characters, not UTF-16 units)', () => {
    expect(postedDescription({})).toBeUndefined();
    expect(postedDescription({ description: '😀'.repeat(4000) })).toHaveLength(8000);
    expect(refusal(() => postedDescription({ description: 'x'.repeat(4001) }))).toContain('description may not be longer than 4000');
  });
});
