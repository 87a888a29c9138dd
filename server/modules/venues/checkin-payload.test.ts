import { describe, expect, it } from 'vitest';
import { venueCheckinCode, venueCheckinPayload } from './checkin-payload.js';

describe('venue check-in QR payload', () => {
  it('should read the code back from the payload the poster encodes', () => {
    expect(venueCheckinPayload('A1B2C3')).toBe('linli:venue-checkin:A1B2C3');
    expect(venueCheckinCode(venueCheckinPayload('A1B2C3'))).toBe('A1B2C3');
    expect(venueCheckinCode('  LINLI:VENUE-CHECKIN:a1b2c3 ')).toBe('A1B2C3');
  });

  it('should accept a typed bare code in either case', () => {
    expect(venueCheckinCode('a1b2c3')).toBe('A1B2C3');
    expect(venueCheckinCode(' 0F9E8D\n')).toBe('0F9E8D');
  });

  it('should refuse what is not a venue code: empty, another QR, an address', () => {
    expect(venueCheckinCode('')).toBeNull();
    expect(venueCheckinCode('linli:venue-checkin:')).toBeNull();
    expect(venueCheckinCode('LP-1024-K7Q2M9-0A1B2C3D4E')).toBeNull(); // a rider's pass
    expect(venueCheckinCode('https://linli.example/m/volunteer/scan?t=1.2.3')).toBeNull();
    expect(venueCheckinCode('linli:other:A1B2C3')).toBeNull();
    expect(venueCheckinCode('A1B2 C3')).toBeNull();
  });
});
